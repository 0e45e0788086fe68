//! What the import did: invoices added, replaced and skipped, buyers added,
//! rows left out, what a next open-items list closed and updated, and the
//! currencies still without an exchange rate.

use leptos::prelude::*;

use super::flow::Flow;
use crate::i18n::import::{self as text, Im};

/// The report of the last import, if any.
#[component]
pub fn Done(flow: Flow) -> impl IntoView {
    let Flow { i, done, .. } = flow;
    move || {
        done.get().map(|c| {
            let codes = c
                .currencies_without_rate
                .iter()
                .map(|c| c.code().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <section class="card done" data-testid="import-done" data-merge-ms=c.merge_ms.to_string() data-save-ms=c.save_ms.to_string()>
                    <p>{text::imported(i.lang(), &c)}</p>
                    {c.reconciled.then(|| view! {
                        <p data-testid="import-reconciled">{text::reconciled(i.lang(), &c)}</p>
                    })}
                    {(!c.currencies_without_rate.is_empty()).then(|| view! { <p class="warn">{text::no_rate(i.lang(), &codes)}</p> })}
                    <a href="/" data-testid="import-open-dashboard">{i.t(Im::SeeOnDashboard)}</a>
                </section>
            }
        })
    }
}
