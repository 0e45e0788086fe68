//! The Alerts page: every alert of the open portfolio for the report date
//! (`credit_core::monitor`), filtered by severity, rule and whether it was
//! acknowledged or snoozed; and the risk heat map.

use credit_core::monitor::{Rule, Severity};
use leptos::prelude::*;

use crate::components::alerts::{rule_name, severity_name, visible, AlertTable, Show};
use crate::components::as_of::AsOfInput;
use crate::components::heat_map::{HeatMap, MAX_POINTS};
use crate::i18n::{use_i18n, Lang};
use crate::monitoring;
use crate::state::use_app;

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
                    view! { <p class="error" data-testid="report-error">{e}</p> }.into_any(),
                )
            }
        };
        let notes = monitoring::notes(&app);
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
                    {move || match i.lang.get() {
                        Lang::En => format!("{n} alert(s)"),
                        Lang::Zh => format!("共 {n} 条预警"),
                    }}
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
            <h1>{move || i.pick("Alerts", "预警")}</h1>
            <AsOfInput/>
        </div>
        <section class="panel">
            <div class="filters">
                <label>
                    <span>{move || i.pick("Severity", "级别")}</span>
                    <select data-testid="filter-severity" on:change=move |ev| severity.set(event_target_value(&ev))>
                        <option value="">{move || i.pick("All", "全部")}</option>
                        {[Severity::Critical, Severity::Warning, Severity::Info].into_iter().map(|s| view! {
                            <option value=severity_key(s)>{move || severity_name(s, i.lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("Rule", "规则")}</span>
                    <select data-testid="filter-rule" on:change=move |ev| rule.set(event_target_value(&ev))>
                        <option value="">{move || i.pick("All", "全部")}</option>
                        {Rule::ALL.into_iter().map(|r| view! {
                            <option value=r.key()>{move || rule_name(r, i.lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("Show", "显示")}</span>
                    <select data-testid="filter-show" on:change=move |ev| show.set(match event_target_value(&ev).as_str() {
                        "noted" => Show::Noted,
                        "all" => Show::All,
                        _ => Show::Open,
                    })>
                        <option value="open">{move || i.pick("Needing attention", "待处理")}</option>
                        <option value="noted">{move || i.pick("Acknowledged or snoozed", "已确认或暂缓")}</option>
                        <option value="all">{move || i.pick("All", "全部")}</option>
                    </select>
                </label>
            </div>
            {move || if app.portfolio.with(Option::is_none) {
                Some(view! { <p class="muted">{move || i.pick("Open a portfolio or load the demo to see its alerts.", "请打开组合或加载演示数据以查看预警。")}</p> })
            } else { None }}
            {list}
        </section>
        <section class="panel">
            <h2>{move || i.pick("Risk heat map", "风险热力图")}</h2>
            <p class="muted">
                {move || match i.lang.get() {
                    Lang::En => format!("Each buyer by its grade (likelihood) and its share of the receivables (impact); the {MAX_POINTS} largest exposures are drawn, hollow where the buyer was never assessed (default grade 5). Click a point to open the buyer."),
                    Lang::Zh => format!("按评级（可能性）与应收占比（影响）排列买方；显示敞口最大的 {MAX_POINTS} 家，空心点为未评估买方（默认评级 5）。点击圆点打开买方。"),
                }}
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
