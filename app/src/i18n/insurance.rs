//! The insurance page's strings in English and Chinese: [`In`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{Lang, Texts};

/// A label of the insurance page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum In {
    /// Placeholder until the insurance page's labels move here.
    #[doc(hidden)]
    Placeholder,
}

impl Texts for In {
    fn en(self) -> &'static str {
        match self {
            In::Placeholder => "",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            In::Placeholder => "",
        }
    }
}
