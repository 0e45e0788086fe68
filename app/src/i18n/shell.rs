//! The shell and the shared components's strings in English and Chinese: [`S`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{Lang, Texts};

/// A label of the shell and the shared components.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum S {
    /// Placeholder until the shell and the shared components's labels move here.
    #[doc(hidden)]
    Placeholder,
}

impl Texts for S {
    fn en(self) -> &'static str {
        match self {
            S::Placeholder => "",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            S::Placeholder => "",
        }
    }
}
