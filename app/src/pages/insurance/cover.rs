//! The cover panel: the portfolio's cover facts, a chart of the largest
//! exposures, and the buyers' table with its filter.

use credit_core::insurance::BuyerCover;
use credit_core::money::Currency;
use credit_core::Decimal;
use leptos::prelude::*;
use leptos_router::components::A;

use super::CoverReport;
use crate::components::svg::{scale, W};
use crate::format;
use crate::i18n::insurance::{self as t, In};
use crate::i18n::use_i18n;

#[component]
pub(super) fn CoverPanel(report: CoverReport) -> impl IntoView {
    let i = use_i18n();
    // Which buyers the table lists: all, above their limit, without cover,
    // or with invoices outside cover.
    let which = RwSignal::new(String::from("all"));
    // The table opens on the largest exposures; "show all" lists the rest.
    let expanded = RwSignal::new(false);
    move || {
        let lang = i.lang.get();
        let c = match report.get() {
            Ok(c) => c,
            Err(e) => return view! { <section class="panel"><p class="error" data-testid="cover-error">{crate::i18n::insurance::insurance_error(lang, &e)}</p></section> }.into_any(),
        };
        let cur = c.currency;
        let fact = |label: In, v: String, id: &'static str| {
            view! {
                <div class="fact">
                    <div class="muted">{i.t(label)}</div>
                    <div class="strong" data-testid=id>{v}</div>
                </div>
            }
        };
        let filter = which.get();
        let matching: Vec<&BuyerCover> = c
            .buyers
            .iter()
            .filter(|b| b.open > Decimal::ZERO || !b.outside.is_empty())
            .filter(|b| match filter.as_str() {
                "over" => b.over_limit,
                "none" => b.insured_limit.is_zero() && b.open > Decimal::ZERO,
                "outside" => !b.outside.is_empty(),
                _ => true,
            })
            .collect();
        let count = matching.len();
        let limit = if expanded.get() {
            COVER_ROWS_ALL
        } else {
            COVER_ROWS
        };
        let shown: Vec<BuyerCover> = matching.into_iter().take(limit).cloned().collect();
        let more = count > COVER_ROWS;
        let caption = t::cover_count(lang, shown.len(), count);
        let rows = shown
            .clone()
            .into_iter()
            .map(|b| {
                let outside = b.outside.len();
                view! {
                    <tr data-testid="cover-row" data-customer=b.customer_id.clone() class:over=b.over_limit>
                        <td><A href=crate::format::customer_href(&b.customer_id)>{b.name.clone()}</A></td>
                        <td class="num">{format::amount(b.open, cur)}</td>
                        <td class="num">{format::amount(b.insured_limit, cur)}</td>
                        <td class="num" data-testid="cover-insured">{format::amount(b.insured, cur)}</td>
                        <td class="num" data-testid="cover-uninsured">{format::amount(b.uninsured, cur)}</td>
                        <td>{b.over_limit.then(|| view! { <span class="badge badge-over" data-testid="over-limit">{i.t(In::AboveLimit)}</span> })}
                            {(outside > 0).then(|| view! { <span class="badge" data-testid="outside">{t::outside_cover(lang, outside)}</span> })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel" data-testid="cover-panel">
                <h2>{i.t(In::Cover)}</h2>
                <div class="facts">
                    {fact(In::OpenReceivables, format::money(c.total_open, cur), "cover-open")}
                    {fact(In::Insured, format::money(c.total_insured, cur), "cover-total-insured")}
                    {fact(In::Uninsured, format::money(c.total_uninsured, cur), "cover-total-uninsured")}
                    {fact(In::VatNeverInsured, format::money(c.total_vat, cur), "cover-vat")}
                    {fact(In::BuyersOverLimit, c.over_limit.to_string(), "cover-over")}
                    {fact(In::BuyersWithoutCover, c.uninsured_buyers.to_string(), "cover-uninsured-buyers")}
                </div>
                <CoverChart rows=shown.iter().take(12).map(|b| (b.name.clone(), b.insured, b.uninsured)).collect() currency=cur/>
                <div class="filters">
                    <label>
                        <span>{i.t(In::Show)}</span>
                        <select data-testid="cover-filter" on:change=move |ev| which.set(event_target_value(&ev))>
                            <option value="all" selected=filter == "all">{i.t(In::EveryBuyer)}</option>
                            <option value="over" selected=filter == "over">{i.t(In::AboveTheirLimit)}</option>
                            <option value="none" selected=filter == "none">{i.t(In::WithoutCover)}</option>
                            <option value="outside" selected=filter == "outside">{i.t(In::WithOutside)}</option>
                        </select>
                    </label>
                    <p class="muted" data-testid="cover-count">{caption}</p>
                    {more.then(|| view! {
                        <button class="link" data-testid="cover-more" on:click=move |_| expanded.update(|x| *x = !*x)>
                            {move || t::cover_more(lang, expanded.get(), count, COVER_ROWS)}
                        </button>
                    })}
                </div>
                <div class="table-wrap" tabindex="0">
                    <table data-testid="cover-table">
                        <thead><tr>
                            <th>{i.t(In::Buyer)}</th>
                            <th class="num">{i.t(In::OpenWithoutVat)}</th>
                            <th class="num">{i.t(In::InsuredLimit)}</th>
                            <th class="num">{i.t(In::Insured)}</th>
                            <th class="num">{i.t(In::Uninsured)}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    }
}

/// How many buyers the cover table lists at first (the largest exposures
/// first; the filter narrows them, the caption says how many there are).
const COVER_ROWS: usize = 20;
/// How many it lists at most once "show all" is pressed (a ledger of
/// 10,000 buyers stays one page; the filter finds the rest).
const COVER_ROWS_ALL: usize = 1000;

/// A chart label that fits `units` half-width characters: a CJK character
/// counts two (the rule of the letters' fixed-width tables); a longer name
/// is cut and ends with "…".
fn fit_label(name: &str, units: usize) -> String {
    use credit_core::export::{char_width as width, text_width};
    if text_width(name) <= units {
        return name.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in name.chars() {
        if used + width(c) > units - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

/// Insured against uninsured exposure of the largest buyers: one bar each,
/// the buyer's name above it (so that a name has the chart's width).
#[component]
fn CoverChart(rows: Vec<(String, Decimal, Decimal)>, currency: Currency) -> impl IntoView {
    const ROW: i64 = 36;
    const BAR_H: i64 = 14;
    let i = use_i18n();
    let h = ROW * rows.len().max(1) as i64;
    let max = rows
        .iter()
        .map(|r| r.1 + r.2)
        .fold(Decimal::ZERO, Decimal::max);
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(k, (name, ins, unins))| {
            let y = k as i64 * ROW;
            let wi = scale(ins, max, W - 2);
            let wu = scale(unins, max, W - 2);
            let label = fit_label(&name, 38);
            let title = format!("{name}: {} / {}", format::amount(ins, currency), format::amount(unins, currency));
            view! {
                <g>
                    <title>{title}</title>
                    <text class="bar-label start" x="2" y=(y + 13).to_string()>{label}</text>
                    <rect class="bar bar-insured" data-testid="bar-insured" x="1" y=(y + 18).to_string() width=wi.to_string() height=BAR_H.to_string()/>
                    <rect class="bar bar-uninsured" data-testid="bar-uninsured" x=(1 + wi).to_string() y=(y + 18).to_string() width=wu.to_string() height=BAR_H.to_string()/>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {h}") role="img" data-testid="cover-chart"
            aria-label=move || i.t(In::ChartLabel)>
            {bars}
        </svg>
        <p class="legend muted"><span class="key key-insured"></span>{move || i.t(In::Insured)} " " <span class="key key-uninsured"></span>{move || i.t(In::Uninsured)}</p>
    }
}
