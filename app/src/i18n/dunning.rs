//! The dunning page's strings in English and Chinese: [`D`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{Lang, Texts};

/// A label of the dunning page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum D {
    /// Placeholder until the dunning page's labels move here.
    #[doc(hidden)]
    Placeholder,
}

impl Texts for D {
    fn en(self) -> &'static str {
        match self {
            D::Placeholder => "",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            D::Placeholder => "",
        }
    }
}
