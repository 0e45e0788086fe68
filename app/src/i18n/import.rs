//! The import and portfolios pages's strings in English and Chinese: [`Im`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{Lang, Texts};

/// A label of the import and portfolios pages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Im {
    /// Placeholder until the import and portfolios pages's labels move here.
    #[doc(hidden)]
    Placeholder,
}

impl Texts for Im {
    fn en(self) -> &'static str {
        match self {
            Im::Placeholder => "",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Im::Placeholder => "",
        }
    }
}
