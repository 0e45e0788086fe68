//! The alerts (page, panel, heat map, limit check)'s strings in English and Chinese: [`A`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{Lang, Texts};

/// A label of the alerts (page, panel, heat map, limit check).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum A {
    /// Placeholder until the alerts (page, panel, heat map, limit check)'s labels move here.
    #[doc(hidden)]
    Placeholder,
}

impl Texts for A {
    fn en(self) -> &'static str {
        match self {
            A::Placeholder => "",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            A::Placeholder => "",
        }
    }
}
