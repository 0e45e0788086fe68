//! The note a page shows in place of its body when no portfolio is open:
//! one look on every page, each page saying what it would show.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Texts};

/// "Open a portfolio or load the demo to see …", in a panel.
#[component]
pub fn NoPortfolio<T: Texts + Send + Sync + 'static>(
    /// What the page would show, as one of its keys.
    label: T,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="panel"><p class="muted">{move || i.t(label)}</p></section>
    }
}
