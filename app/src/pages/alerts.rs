//! The Alerts page: every alert of the open portfolio for the report date
//! (`credit_core::monitor`), filtered by severity, rule and whether it was
//! acknowledged or snoozed; and the risk heat map.

use credit_core::monitor::{Rule, Severity};
use leptos::prelude::*;

use crate::components::alerts::{visible, AlertTable, Show};
use crate::components::as_of::AsOfInput;
use crate::components::heat_map::{HeatMap, MAX_POINTS};
use crate::i18n::alerts::{self as t, A};
use crate::i18n::use_i18n;
use crate::state::use_app;

mod thresholds;

use thresholds::Thresholds;

/// The page.
#[component]
pub fn Alerts() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let severity = RwSignal::new(String::new());
    let rule = RwSignal::new(String::new());
    let show = RwSignal::new(Show::Open);
    let list = move || {
        let p = app.portfolio.get()?;
        let alerts = match app.alerts.get()? {
            Ok(a) => a,
            Err(e) => {
                return Some(
                    view! { <p class="error" data-testid="report-error">{move || e.text(i.lang())}</p> }.into_any(),
                )
            }
        };
        let notes = app.alert_notes();
        let sev = severity.get();
        let r = rule.get();
        let rows: Vec<_> = visible(&alerts, &notes, app.as_of.get(), show.get())
            .into_iter()
            .filter(|(a, _)| sev.is_empty() || sev == severity_key(a.severity))
            .filter(|(a, _)| r.is_empty() || r == a.rule.key())
            .collect();
        let n = rows.len();
        Some(
            view! {
                <p class="muted" data-testid="alert-count">
                    {move || t::alert_count(i.lang(), n)}
                </p>
                <AlertTable rows=rows portfolio=p/>
            }
            .into_any(),
        )
    };
    let map = move || {
        let p = app.portfolio.get()?;
        Some(view! { <HeatMap portfolio=p/> })
    };
    view! {
        <div class="page-head">
            <h1>{move || i.t(A::Title)}</h1>
            <AsOfInput/>
        </div>
        <section class="panel">
            <div class="filters">
                <label>
                    <span>{move || i.t(A::Severity)}</span>
                    <select data-testid="filter-severity" on:change=move |ev| severity.set(event_target_value(&ev))>
                        <option value="">{move || i.t(A::All)}</option>
                        {[Severity::Critical, Severity::Warning, Severity::Info].into_iter().map(|s| view! {
                            <option value=severity_key(s)>{move || i.t(t::severity(s))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(A::Rule)}</span>
                    <select data-testid="filter-rule" on:change=move |ev| rule.set(event_target_value(&ev))>
                        <option value="">{move || i.t(A::All)}</option>
                        {Rule::MONITORING.into_iter().map(|r| view! {
                            <option value=r.key()>{move || i.t(t::rule(r))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(A::Show)}</span>
                    <select data-testid="filter-show" on:change=move |ev| show.set(match event_target_value(&ev).as_str() {
                        "noted" => Show::Noted,
                        "all" => Show::All,
                        _ => Show::Open,
                    })>
                        <option value="open">{move || i.t(A::ShowOpen)}</option>
                        <option value="noted">{move || i.t(A::ShowNoted)}</option>
                        <option value="all">{move || i.t(A::All)}</option>
                    </select>
                </label>
            </div>
            {move || if app.portfolio.with(Option::is_none) {
                Some(view! { <p class="muted">{move || i.t(A::NoPortfolio)}</p> })
            } else { None }}
            {list}
        </section>
        {move || app.portfolio.with(Option::is_some).then(|| view! { <Thresholds/> })}
        <section class="panel">
            <h2>{move || i.t(A::HeatMap)}</h2>
            <p class="muted">
                {move || t::heat_map_intro(i.lang(), MAX_POINTS)}
            </p>
            {map}
        </section>
    }
}

/// A severity's stable key, for the filter.
fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}
