//! Builders the dunning tests share (issue 17: test builders live once here).
#![allow(dead_code)] // each test crate uses what it needs
