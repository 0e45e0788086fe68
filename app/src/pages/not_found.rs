use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{use_i18n, K};

/// Any path the router does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="panel">
            <h1>{move || i.t(K::NotFound)}</h1>
            <A href="/">{move || i.t(K::BackToDashboard)}</A>
        </section>
    }
}
