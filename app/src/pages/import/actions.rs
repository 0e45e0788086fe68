//! The import itself: skip or replace the ids already stored, close what a
//! portfolio's next open-items list no longer holds, and import all rows or
//! only the valid ones.

use credit_core::import::{FileKind, MergePolicy, OnExisting};
use leptos::prelude::*;

use super::flow::Flow;
use crate::i18n::import::{self as text, Im};

/// The actions' card, once the file is checked.
#[component]
pub fn Actions(flow: Flow) -> impl IntoView {
    let Flow {
        i,
        previewed,
        on_existing,
        target_id,
        reconcile,
        busy,
        ..
    } = flow;
    move || {
        let p = previewed.get()?;
        let blocked = p.needs_date_order;
        let errs = p.error_count;
        let valid = p.summary.valid_rows;
        let existing = (p.existing > 0).then(|| {
            let sample = p.existing_sample.join(", ");
            let more = p.existing > p.existing_sample.len();
            view! {
                <div class="existing" data-testid="existing-choice">
                    <p>{text::already_stored(i.lang(), p.existing, &sample, more)}</p>
                    <label><input type="radio" name="on-existing" data-testid="on-existing-skip" prop:checked=move || on_existing.get() == OnExisting::Skip on:change=move |_| on_existing.set(OnExisting::Skip)/>{i.t(Im::KeepStored)}</label>
                    <label><input type="radio" name="on-existing" data-testid="on-existing-replace" prop:checked=move || on_existing.get() == OnExisting::Replace on:change=move |_| on_existing.set(OnExisting::Replace)/>{i.t(Im::ReplaceWithFile)}</label>
                </div>
            }
        });
        let next_export = (target_id.get() != "new" && p.kind == FileKind::Invoices).then(|| {
            view! {
                <label class="check">
                    <input type="checkbox" data-testid="import-reconcile"
                        prop:checked=move || reconcile.get()
                        on:change=move |ev| reconcile.set(event_target_checked(&ev))/>
                    {i.t(Im::NextOpenItems)}
                </label>
            }
        });
        Some(view! {
            <section class="card actions">
                {next_export}
                {existing}
                {blocked.then(|| view! { <p class="warn" data-testid="date-order-needed">{i.t(Im::DateOrderNeeded)}</p> })}
                <button data-testid="import-commit" disabled=move || { busy.get() || blocked || errs > 0 } on:click=move |_| flow.commit(MergePolicy::AllOrNothing)>
                    {i.t(Im::Import)}
                </button>
                {(errs > 0).then(|| view! {
                    <button class="secondary" data-testid="import-valid-only" disabled=move || { busy.get() || blocked || valid == 0 } on:click=move |_| flow.commit(MergePolicy::ValidRowsOnly)>
                        {text::import_valid_only(i.lang(), valid)}
                    </button>
                })}
                {(errs > 0).then(|| view! { <p class="muted">{i.t(Im::FileHasErrors)}</p> })}
            </section>
        })
    }
}
