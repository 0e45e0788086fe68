//! Forecast against actual: the forecast made on an earlier date (13
//! weeks back by default) against the payments the ledger has since.

use std::sync::Arc;

use credit_core::cash::{forecast_vs_actual, Scenario};
use credit_core::dates::parse_iso;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::cash::{self as t, C};
use crate::i18n::{text, use_i18n};
use crate::state::{use_app, Open};

use super::options;

/// The forecast-against-actual panel.
#[component]
pub(super) fn ActualPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let made = RwSignal::new(String::new());
    let made_on = Memo::new(move |_| {
        parse_iso(&made.get()).unwrap_or_else(|| app.as_of.get() - credit_core::Days::new(91))
    });
    let p = portfolio.clone();
    let rows = Memo::new(move |_| {
        let d = app.as_of.get();
        let m = made_on.get();
        let opts = options(&app, &p, m, Scenario::Ledger);
        forecast_vs_actual(&p, &p.index, m, d, &opts)
    });
    let cur = portfolio.base_currency();
    let table = move || {
        let lang = i.lang.get();
        match rows.get() {
            Err(e) => view! { <p class="error">{t::money_error(lang, &e)}</p> }.into_any(),
            Ok(v) if v.is_empty() => {
                view! { <p class="muted" data-testid="no-actuals">{move || i.t(C::NoActuals)}</p> }
                    .into_any()
            }
            Ok(v) => {
                let (ft, at): (Decimal, Decimal) =
                    v.iter().fold((Decimal::ZERO, Decimal::ZERO), |(a, b), w| {
                        (a + w.forecast, b + w.actual)
                    });
                let rows = v
                    .iter()
                    .enumerate()
                    .map(|(k, w)| view! {
                        <tr data-testid="actual-week">
                            <td>{format!("W{}", k + 1)}</td>
                            <td>{format::date(w.start, lang)} " – " {format::date(w.end, lang)}</td>
                            <td class="num">{format::amount(w.forecast, cur)}</td>
                            <td class="num">{format::amount(w.actual, cur)}</td>
                            <td class="num">{format::amount(w.actual - w.forecast, cur)}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="actual-table">
                            <thead><tr>
                                <th>{text(lang, C::Week)}</th>
                                <th>{text(lang, C::Dates)}</th>
                                <th class="num">{text(lang, C::Forecast)}</th>
                                <th class="num">{text(lang, C::Actual)}</th>
                                <th class="num">{text(lang, C::Difference)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                            <tfoot><tr class="strong">
                                <td colspan="2">{text(lang, C::Total)}</td>
                                <td class="num">{format::amount(ft, cur)}</td>
                                <td class="num">{format::amount(at, cur)}</td>
                                <td class="num">{format::amount(at - ft, cur)}</td>
                            </tr></tfoot>
                        </table>
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="panel" data-testid="actual-panel">
            <h2>{move || i.t(C::ActualTitle)}</h2>
            <label>
                <span>{move || i.t(C::MadeOn)}</span>
                <input type="date" data-testid="made-on" prop:value=move || made_on.get().to_string() on:change=move |ev| made.set(event_target_value(&ev))/>
            </label>
            {table}
        </section>
    }
}
