use credit_core::ledger;
use leptos::prelude::*;

use crate::i18n::{use_i18n, K};

/// Rows per page of every list.
pub const PER_PAGE: usize = 50;

/// Previous / page x of y / next.
#[component]
pub fn Pager(#[prop(into)] total: Signal<usize>, page: RwSignal<usize>) -> impl IntoView {
    let i = use_i18n();
    let info = move || ledger::page(total.get(), page.get(), PER_PAGE);
    view! {
        <div class="pager">
            <button
                data-testid="page-prev"
                disabled=move || info().page == 0
                on:click=move |_| page.set(info().page.saturating_sub(1))
            >
                {move || i.t(K::Previous)}
            </button>
            <span data-testid="page-info">
                {move || {
                    let p = info();
                    format!("{} / {}", p.page + 1, p.pages)
                }}
            </span>
            <button
                data-testid="page-next"
                disabled=move || { let p = info(); p.page + 1 >= p.pages }
                on:click=move |_| page.set(info().page + 1)
            >
                {move || i.t(K::Next)}
            </button>
            <span class="muted" data-testid="row-count">
                {move || format!("{} {} {}", i.t(K::PageOf), total.get(), i.t(K::Rows))}
            </span>
        </div>
    }
}
