//! The summary of the check, before anything is stored: what the file
//! holds, its rows, buyers, dates and totals, the worker's notices and each
//! buyer's balance after the import.

use leptos::prelude::*;

use super::flow::Flow;
use crate::i18n::import::{self as text, Im};

/// The summary's card, once the file is checked.
#[component]
pub fn SummaryCard(flow: Flow) -> impl IntoView {
    let Flow { i, previewed, .. } = flow;
    move || {
        let lang = i.lang.get();
        let p = previewed.get()?;
        let s = &p.summary;
        let kind = text::file_kind(lang, p.kind);
        let totals = s
            .totals
            .iter()
            .map(|t| {
                view! {
                    <li data-testid="summary-total" data-currency=t.currency.code().to_string()>
                        {text::currency_total(lang, t.currency.code(), &crate::format::amount(t.gross, t.currency), t.invoices)}
                    </li>
                }
            })
            .collect_view();
        let warnings = (!p.warnings.is_empty()).then(|| {
            let items = p
                .warnings
                .iter()
                .map(|w| {
                    view! { <li class=w.class.clone() data-testid="import-warning">{text::notice(lang, w)}</li> }
                })
                .collect_view();
            view! { <ul class="warnings">{items}</ul> }
        });
        let balances = (!p.balances.is_empty()).then(|| {
            let rows = p
                .balances
                .iter()
                .map(|(id, c, x)| {
                    view! {
                        <tr data-testid="balance-row">
                            <td data-testid="balance-buyer">{id.clone()}</td>
                            <td class="num" data-testid="balance-amount">{crate::format::amount(*x, *c)}</td>
                            <td>{c.code().to_string()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let as_of = p
                .file_date
                .map(|d| text::as_of(lang, &crate::format::date(d, lang)))
                .unwrap_or_default();
            let more = (p.balances_count > crate::protocol::BALANCES_SHOWN)
                .then(|| text::largest_of(lang, p.balances.len(), p.balances_count));
            view! {
                <h3>{format!("{}{}", i.t(Im::BalancePerBuyer), as_of)}</h3>
                <p class="muted">{i.t(Im::NetOf)} {more}</p>
                <table class="data" data-testid="import-balances">
                    <thead><tr>
                        <th>{i.t(Im::Buyer)}</th>
                        <th class="num">{i.t(Im::NetBalance)}</th>
                        <th>{i.t(Im::Currency)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        });
        let range = s
            .date_range
            .map(|(a, b)| {
                format!(
                    "{} – {}",
                    crate::format::date(a, lang),
                    crate::format::date(b, lang)
                )
            })
            .unwrap_or_default();
        Some(view! {
            <section class="card" data-testid="import-summary" data-ms=p.elapsed_ms.to_string()>
                <h2>{i.t(Im::BeforeStored)}</h2>
                <dl class="summary">
                    <dt>{i.t(Im::FileHolds)}</dt><dd data-testid="summary-kind">{kind}</dd>
                    <dt>{i.t(Im::Rows)}</dt><dd data-testid="summary-rows">{s.rows}</dd>
                    <dt>{i.t(Im::ValidRows)}</dt><dd data-testid="summary-valid">{s.valid_rows}</dd>
                    <dt>{i.t(Im::RowsWithErrors)}</dt><dd data-testid="summary-error-rows">{s.error_rows}</dd>
                    <dt>{i.t(Im::Buyers)}</dt><dd data-testid="summary-buyers">{s.buyers}</dd>
                    <dt>{i.t(Im::Dates)}</dt><dd data-testid="summary-range">{range}</dd>
                    <dt>{i.t(Im::DuplicateIds)}</dt><dd data-testid="summary-duplicates">{s.duplicates}</dd>
                    <dt>{i.t(Im::AlreadyInPortfolio)}</dt><dd data-testid="summary-existing">{p.existing}</dd>
                </dl>
                <ul class="totals">{totals}</ul>
                {warnings}
                {balances}
            </section>
        })
    }
}
