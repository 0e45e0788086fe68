use credit_core::dates::parse_iso;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, K};
use crate::state::use_app;

/// The report date. A date the browser cannot give (an empty field) keeps
/// the previous one.
#[component]
pub fn AsOfInput() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    view! {
        <label class="as-of">
            <span>{move || i.t(K::AsOf)}</span>
            <input
                type="date"
                data-testid="as-of"
                prop:value=move || app.as_of.get().to_string()
                on:change=move |ev| {
                    if let Some(d) = parse_iso(&event_target_value(&ev)) {
                        app.as_of.set(d);
                    }
                }
            />
            <span class="as-of-long" data-testid="as-of-long">
                {move || format::date(app.as_of.get(), i.lang.get())}
            </span>
        </label>
    }
}
