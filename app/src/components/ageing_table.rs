use std::sync::Arc;

use credit_core::ageing::{AgeBasis, AgeingReport, BucketDef, CreditPlacement};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::protocol::Request;
use crate::state::use_app;
use crate::worker;

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

/// The portfolio's ageing: amounts per bucket (net of credits that age by
/// their date), the credits column when credits are kept apart, the net
/// total, the disputed part, the open credits, and how many lines issued
/// after the report date were left out.
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
    let credits = format::amount(report.total.credits, cur);
    let open = report.total.open_invoices;
    let later = report.not_yet_issued;
    // The credits column, when credits are kept out of the buckets.
    let has_column = !report.total.credit.is_zero();
    let column_head =
        has_column.then(|| view! { <th class="num">{move || i.t(K::CreditsColumn)}</th> });
    let column_total = has_column.then(|| {
        let c = format::amount(-report.total.credit, cur);
        view! { <td class="num" data-testid="credits-column">{c}</td> }
    });
    let column_blank = has_column.then(|| view! { <td></td> });
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="ageing" data-testid="ageing-table">
                <thead>
                    <tr>
                        <th>{move || i.t(K::Bucket)} " (" {cur.to_string()} ")"</th>
                        {headers}
                        {column_head}
                        <th class="num">{move || i.t(K::Total)}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="total-row">
                        <th>{move || i.t(K::Total)}</th>
                        {amounts}
                        {column_total}
                        <td class="num strong" data-testid="ageing-total">{total}</td>
                    </tr>
                    <tr class="sub-row">
                        <th>{move || i.t(K::OfWhichDisputed)}</th>
                        {disputed}
                        {column_blank}
                        <td class="num" data-testid="disputed-total">{disputed_total}</td>
                    </tr>
                </tbody>
            </table>
        </div>
        <p class="muted facts">
            <span>{move || i.t(K::OpenInvoices)} ": " <strong data-testid="open-invoices">{open}</strong></span>
            <span>{move || i.t(K::OpenCredits)} ": " <strong data-testid="credit-total">{credits}</strong></span>
            {(later > 0).then(|| view! {
                <span data-testid="not-yet-issued">{move || i.t(K::NotYetIssued)} ": " <strong>{later}</strong></span>
            })}
        </p>
    }
}

/// Where open credits show in the ageing (a setting of the portfolio): by
/// their own date, in a credits column, or applied to the oldest invoices
/// first. Saved with a stored portfolio; for the demo, kept in memory.
#[component]
pub fn CreditPlacementSelect() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let current = move || {
        app.portfolio
            .with(|p| p.as_ref().map(|p| p.settings.ageing.credits))
            .unwrap_or_default()
    };
    let key = |c: CreditPlacement| match c {
        CreditPlacement::ByDate => "by_date",
        CreditPlacement::Column => "column",
        CreditPlacement::OldestFirst => "oldest_first",
    };
    let label = |c: CreditPlacement| match c {
        CreditPlacement::ByDate => K::CreditsByDate,
        CreditPlacement::Column => K::CreditsInColumn,
        CreditPlacement::OldestFirst => K::CreditsOldestFirst,
    };
    let change = move |ev| {
        let v = event_target_value(&ev);
        let Some(c) = CreditPlacement::ALL.into_iter().find(|c| key(*c) == v) else {
            return;
        };
        match app.open_meta.get_untracked() {
            Some(meta) => {
                let req = Request::SetCredits {
                    id: meta.id,
                    credits: c,
                };
                spawn_local(async move {
                    worker::call(&req, None).await;
                });
            }
            None => {
                if let Some(p) = app.portfolio.get_untracked() {
                    let mut ageing = p.settings.ageing.clone();
                    ageing.credits = c;
                    app.portfolio.set(Some(Arc::new(p.with_ageing(ageing))));
                }
            }
        }
    };
    view! {
        <label class="inline">
            <span>{move || i.t(K::CreditPlacement)}</span>
            <select data-testid="credit-placement" on:change=change prop:value=move || key(current())>
                {CreditPlacement::ALL
                    .into_iter()
                    .map(|c| view! { <option value=key(c)>{move || i.t(label(c))}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
