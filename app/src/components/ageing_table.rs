use std::sync::Arc;

use credit_core::ageing::{AgeBasis, AgeingReport, BucketDef};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{text, use_i18n, Lang, K};

/// A bucket's label in a language: "Not yet due", "1–30 days", "121+ days".
pub fn bucket_label(def: &BucketDef, basis: AgeBasis, lang: Lang) -> String {
    let days = text(lang, K::Days);
    match (def.min_days, def.max_days) {
        (None, Some(hi)) if basis == AgeBasis::DueDate && hi == 0 => {
            text(lang, K::NotYetDue).to_string()
        }
        (None, Some(hi)) => format!("≤ {hi} {days}"),
        (None, None) => text(lang, K::Total).to_string(),
        (Some(lo), Some(hi)) => format!("{lo}–{hi} {days}"),
        (Some(lo), None) => format!("{lo}+ {days}"),
    }
}

/// The portfolio's ageing: amounts per bucket, the disputed part, the total,
/// and the customers' credit balances apart.
#[component]
pub fn AgeingTable(report: Arc<AgeingReport>) -> impl IntoView {
    let i = use_i18n();
    let r = report.clone();
    let headers = move || {
        let lang = i.lang.get();
        r.buckets
            .iter()
            .map(|b| view! { <th class="num">{bucket_label(b, r.basis, lang)}</th> })
            .collect_view()
    };
    let cur = report.currency;
    let amounts = report
        .total
        .buckets
        .iter()
        .map(|a| view! { <td class="num" data-testid="bucket-amount">{format::amount(*a, cur)}</td> })
        .collect_view();
    let disputed = report
        .total
        .disputed
        .iter()
        .map(|a| view! { <td class="num" data-testid="bucket-disputed">{format::amount(*a, cur)}</td> })
        .collect_view();
    let total = format::amount(report.total.total, cur);
    let disputed_total = format::amount(report.total.disputed_total, cur);
    let credit = format::amount(report.total.credit, cur);
    let open = report.total.open_invoices;
    view! {
        <div class="table-wrap">
            <table class="ageing" data-testid="ageing-table">
                <thead>
                    <tr>
                        <th>{move || i.t(K::Bucket)} " (" {cur.to_string()} ")"</th>
                        {headers}
                        <th class="num">{move || i.t(K::Total)}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="total-row">
                        <th>{move || i.t(K::Total)}</th>
                        {amounts}
                        <td class="num strong" data-testid="ageing-total">{total}</td>
                    </tr>
                    <tr class="sub-row">
                        <th>{move || i.t(K::OfWhichDisputed)}</th>
                        {disputed}
                        <td class="num" data-testid="disputed-total">{disputed_total}</td>
                    </tr>
                </tbody>
            </table>
        </div>
        <p class="muted facts">
            <span>{move || i.t(K::OpenInvoices)} ": " <strong data-testid="open-invoices">{open}</strong></span>
            <span>{move || i.t(K::CreditBalances)} ": " <strong data-testid="credit-total">{credit}</strong></span>
        </p>
    }
}
