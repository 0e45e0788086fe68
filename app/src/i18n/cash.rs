//! The cash page's strings in English and Chinese: [`C`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{Lang, Texts};

/// A label of the cash page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum C {
    /// Placeholder until the cash page's labels move here.
    #[doc(hidden)]
    Placeholder,
}

impl Texts for C {
    fn en(self) -> &'static str {
        match self {
            C::Placeholder => "",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            C::Placeholder => "",
        }
    }
}
