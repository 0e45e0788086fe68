//! The page's reactive handle on the chosen language. It lives in the page,
//! not in the library's `i18n` (every string), so that the ledger worker,
//! which words its notices with the library, links no Leptos.

use leptos::prelude::*;

use crate::i18n::{text, Lang, Texts};

/// The language handle every component reads.
#[derive(Clone, Copy)]
pub struct I18n {
    /// The chosen language.
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of a key in the current language (reactive).
    pub fn t<T: Texts>(&self, k: T) -> &'static str {
        text(self.lang.get(), k)
    }

    /// The current language (reactive), for the functions of `i18n/` that
    /// write strings with figures in them.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }
}

/// The handle from context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
