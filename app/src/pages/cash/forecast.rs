//! The 13-week collections forecast: the scenario form, the facts, the
//! chart and the week-by-week table.

use std::sync::Arc;

use credit_core::cash::{
    forecast, parse_dso_target, parse_terms_days, Field, Forecast, FormError, Scenario,
};
use credit_core::money::MoneyError;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::components::svg::{scale, W};
use crate::format;
use crate::i18n::cash::{self as t, C};
use crate::i18n::{text, use_i18n, Lang};
use crate::state::{use_app, Open};

use super::options;

/// The scenario as chosen in the form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pick {
    None,
    Terms,
    Dso,
}

/// The forecast panel.
#[component]
pub(super) fn ForecastPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let pick = RwSignal::new(Pick::None);
    let days = RwSignal::new("30".to_string());
    let scenario = Memo::new(move |_| -> Result<Option<Scenario>, FormError> {
        let d = days.get();
        match pick.get() {
            Pick::None => Ok(None),
            Pick::Terms => {
                parse_terms_days(Field::ScenarioDays, &d).map(|days| Some(Scenario::Terms { days }))
            }
            Pick::Dso => parse_dso_target(&d).map(|days| Some(Scenario::DsoTarget { days })),
        }
    });
    let p = portfolio.clone();
    let base = Memo::new_with_compare(
        move |_| -> Result<Arc<Forecast>, MoneyError> {
            let d = app.as_of.get();
            let opts = options(&app, &p, d, Scenario::Ledger);
            forecast(&p, &p.index, d, &opts).map(Arc::new)
        },
        crate::state::changed,
    );
    let p = portfolio.clone();
    let alt = Memo::new_with_compare(
        move |_| -> Option<Result<Arc<Forecast>, MoneyError>> {
            let d = app.as_of.get();
            let s = scenario.get().ok().flatten()?;
            let opts = options(&app, &p, d, s);
            Some(forecast(&p, &p.index, d, &opts).map(Arc::new))
        },
        crate::state::changed,
    );
    let body = move || {
        let lang = i.lang.get();
        let f = match base.get() {
            Ok(f) => f,
            Err(e) => {
                return view! { <p class="error" data-testid="forecast-error">{t::money_error(lang, &e)}</p> }
                    .into_any()
            }
        };
        let s = alt.get().and_then(Result::ok);
        view! {
            <ForecastFacts f=f.clone() lang=lang/>
            <ForecastChart f=f.clone() s=s.clone()/>
            <ForecastTable f=f s=s lang=lang/>
        }
        .into_any()
    };
    view! {
        <section class="panel" data-testid="forecast-panel">
            <h2>{move || i.t(C::ForecastTitle)}</h2>
            <p class="muted">{move || i.t(C::ForecastHelp)}</p>
            <div class="filters">
                <label>
                    <span>{move || i.t(C::Scenario)}</span>
                    <select data-testid="scenario" on:change=move |ev| pick.set(match event_target_value(&ev).as_str() {
                        "terms" => Pick::Terms,
                        "dso" => Pick::Dso,
                        _ => Pick::None,
                    })>
                        <option value="none">{move || i.t(C::ScenarioNone)}</option>
                        <option value="terms">{move || i.t(C::ScenarioTerms)}</option>
                        <option value="dso">{move || i.t(C::ScenarioDso)}</option>
                    </select>
                </label>
                {move || (pick.get() != Pick::None).then(|| view! {
                    <label>
                        <span>{move || if pick.get() == Pick::Terms { i.t(C::TermsDays) } else { i.t(C::DsoTargetDays) }}</span>
                        <input type="text" inputmode="numeric" data-testid="scenario-days" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                    </label>
                })}
                {move || scenario.get().err().map(|e| view! {
                    <p class="error" role="alert" data-testid="scenario-error">{move || t::form_error(i.lang(), &e)}</p>
                })}
            </div>
            {body}
        </section>
    }
}

#[component]
fn ForecastFacts(f: Arc<Forecast>, lang: Lang) -> impl IntoView {
    let cur = f.currency;
    let in_weeks: Decimal = f.weeks.iter().map(|w| w.expected).sum();
    let fact = |label: C, v: Decimal, id: &'static str| {
        view! {
            <div class="fact">
                <div class="muted">{text(lang, label)}</div>
                <div class="strong" data-testid=id>{format::money(v, cur)}</div>
            </div>
        }
    };
    view! {
        <div class="facts" data-testid="forecast-facts">
            {fact(C::FactOpen, f.open_ar, "fc-open")}
            {fact(C::FactInWeeks, in_weeks, "fc-in-weeks")}
            {fact(C::FactLater, f.later, "fc-later")}
            {fact(C::FactAtRisk, f.at_risk, "fc-at-risk")}
            {fact(C::FactDisputed, f.disputed, "fc-disputed")}
            {fact(C::FactOnPlans, f.on_plans, "fc-on-plans")}
        </div>
    }
}

/// Expected collections week by week (and the scenario's beside them):
/// every week has its bars, every other week its label, so that none
/// touches the next on a phone.
#[component]
fn ForecastChart(f: Arc<Forecast>, s: Option<Arc<Forecast>>) -> impl IntoView {
    const H: i64 = 160;
    const BOTTOM: i64 = 24;
    const TOP: i64 = 8;
    let i = use_i18n();
    let max = f
        .weeks
        .iter()
        .map(|w| w.expected)
        .chain(s.iter().flat_map(|s| s.weeks.iter().map(|w| w.expected)))
        .fold(Decimal::ZERO, Decimal::max);
    let n = f.weeks.len().max(1) as i64;
    let slot = W / n;
    // The weeks' slots, centred.
    let left = (W - slot * n) / 2;
    let two = s.is_some();
    let bars = f
        .weeks
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let x = left + k as i64 * slot;
            let h = scale(w.expected, max, H - TOP - BOTTOM);
            let bw = if two { slot * 40 / 100 } else { slot * 70 / 100 };
            let alt = s.as_ref().and_then(|s| s.weeks.get(k)).map(|sw| {
                let h2 = scale(sw.expected, max, H - TOP - BOTTOM);
                view! { <rect class="bar bar-scenario" data-testid="scenario-bar" x=(x + slot / 2).to_string() y=(H - BOTTOM - h2).to_string() width=bw.to_string() height=h2.to_string()/> }
            });
            let x0 = if two { x + slot / 2 - bw } else { x + slot * 15 / 100 };
            view! {
                <g>
                    <rect class="bar bar-current" data-testid="forecast-bar" x=x0.to_string() y=(H - BOTTOM - h).to_string() width=bw.to_string() height=h.to_string()/>
                    {alt}
                    {(k % 2 == 0).then(|| view! { <text class="bar-label" x=(x + slot / 2).to_string() y=(H - BOTTOM + 17).to_string()>{format!("W{}", k + 1)}</text> })}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" data-testid="forecast-chart"
            aria-label=move || i.t(C::ChartLabel)>
            <line class="axis" x1="0" x2=W.to_string() y1=(H - BOTTOM).to_string() y2=(H - BOTTOM).to_string()/>
            {bars}
        </svg>
        {two.then(|| view! {
            <p class="legend muted"><span class="key key-current"></span>{move || i.t(C::Ledger)} " " <span class="key key-scenario"></span>{move || i.t(C::Scenario)}</p>
        })}
    }
}

#[component]
fn ForecastTable(f: Arc<Forecast>, s: Option<Arc<Forecast>>, lang: Lang) -> impl IntoView {
    let cur = f.currency;
    let two = s.is_some();
    let rows = f
        .weeks
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let sw = s.as_ref().and_then(|s| s.weeks.get(k)).map(|x| x.expected);
            view! {
                <tr data-testid="forecast-week">
                    <td>{format!("W{}", k + 1)}</td>
                    <td>{format::date(w.start, lang)} " – " {format::date(w.end, lang)}</td>
                    <td class="num">{w.invoices}</td>
                    <td class="num" data-testid="week-expected">{format::amount(w.expected, cur)}</td>
                    {two.then(|| view! { <td class="num" data-testid="week-scenario">{sw.map(|x| format::amount(x, cur)).unwrap_or_default()}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="forecast-table">
                <thead>
                    <tr>
                        <th>{text(lang, C::Week)}</th>
                        <th>{text(lang, C::Dates)}</th>
                        <th class="num">{text(lang, C::Invoices)}</th>
                        <th class="num">{text(lang, C::Expected)} " (" {cur.to_string()} ")"</th>
                        {two.then(|| view! { <th class="num">{text(lang, C::Scenario)} " (" {cur.to_string()} ")"</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
