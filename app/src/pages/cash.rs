//! The Cash page (`credit_core::cash`): when the receivables should turn
//! into cash, what a change of terms would do, payment plans for late
//! buyers, and working capital.
//!
//! - **13-week forecast**: each open invoice expected on its due date plus
//!   its buyer's average payment delay, weighted by 1 − PD (its buyer's rating,
//!   `crate::grades`: saved, else computed from the ledger; a buyer not
//!   assessed at the neutral grade 5's PD); a scenario
//!   (other terms for invoices not yet due, or a DSO target) side by side;
//!   buyers on a payment plan are expected on their instalments.
//! - **Forecast against actual**: the forecast made on an earlier date
//!   (13 weeks back by default) against the payments the ledger has since.
//! - **Terms**: the cost of an early-payment discount and the DSO and cash
//!   effect of other terms for a buyer or the whole portfolio.
//! - **Payment plans**: built for a buyer's overdue balance, saved with the
//!   portfolio (extras `cash.plans`); a plan being kept holds back the
//!   buyer's dunning-step alert, a missed one brings it back with the whole
//!   rest due.
//! - **Working capital**: the figures the ledger does not know (inventory,
//!   payables, cost of sales, cash, current liabilities) are typed in and
//!   kept with the portfolio (extras `cash.wc`).

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::cash::{
    discount_cost, forecast, forecast_vs_actual, payment_plan, plan_state, terms_effect,
    working_capital, Discount, Forecast, ForecastOptions, Frequency, PlanInput, PlanState,
    SavedPlan, Scenario, WcInput,
};
use credit_core::dates::parse_iso;
use credit_core::money::{parse_amount, Currency};
use credit_core::{Decimal, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::as_of::AsOfInput;
use crate::components::svg::scale;
use crate::format;
use crate::i18n::{use_i18n, Lang};
use crate::monitoring::{self, PLANS_KEY};
use crate::state::{use_app, AppState, Open};
use credit_core::insurance::pd_by_grade;
use credit_core::rating::NEUTRAL_GRADE;

/// The extras key of the working-capital inputs.
pub const WC_KEY: &str = "cash.wc";

fn l(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The forecast options for the open portfolio: PDs from the grades, the
/// saved plans, and a scenario.
fn options(app: &AppState, p: &Open, as_of: NaiveDate, scenario: Scenario) -> ForecastOptions {
    let table = pd_by_grade();
    // The grades of the date the forecast is made on (a backtest's own).
    let ratings = if as_of == app.as_of.get_untracked() {
        app.ratings.get()
    } else {
        let trails = crate::storage::all_trails(app, &p.name);
        Arc::new(crate::grades::ratings(p, trails, as_of))
    };
    let pd: HashMap<String, Decimal> = ratings
        .iter()
        .filter_map(|(id, r)| Some((id.clone(), table[usize::from(r.grade?.min(10))])))
        .collect();
    ForecastOptions {
        weeks: 13,
        pd,
        default_pd: table[usize::from(NEUTRAL_GRADE)],
        plans: app.extras.with(monitoring::plans),
        scenario,
    }
}

/// The page.
#[component]
pub fn Cash() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! {
                <section class="panel"><p class="muted">{move || i.pick("Open a portfolio or load the demo to forecast its cash.", "请打开组合或加载演示数据以预测现金。")}</p></section>
            }
            .into_any();
        };
        view! {
            <ForecastPanel portfolio=p.clone()/>
            <ActualPanel portfolio=p.clone()/>
            <PlanPanel portfolio=p.clone()/>
            <TermsPanel portfolio=p.clone()/>
            <WorkingCapitalPanel portfolio=p/>
        }
        .into_any()
    };
    view! {
        <div class="page-head">
            <h1>{move || i.pick("Cash", "现金")}</h1>
            <AsOfInput/>
        </div>
        {body}
    }
}

/// The scenario as chosen in the form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pick {
    None,
    Terms,
    Dso,
}

#[component]
fn ForecastPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let pick = RwSignal::new(Pick::None);
    let days = RwSignal::new("30".to_string());
    let scenario = Memo::new(move |_| {
        let d = days.get();
        match pick.get() {
            Pick::None => Ok(None),
            Pick::Terms => d
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= 365)
                .map(|days| Some(Scenario::Terms { days }))
                .ok_or(d),
            Pick::Dso => parse_amount(&d, false)
                .ok()
                .filter(|d| *d <= Decimal::from(365))
                .map(|days| Some(Scenario::DsoTarget { days }))
                .ok_or(d),
        }
    });
    let p = portfolio.clone();
    let base = Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            app.grades_rev.track();
            let opts = options(&app, &p, d, Scenario::Ledger);
            forecast(&p, &p.index, d, &opts)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        },
        crate::state::changed,
    );
    let p = portfolio.clone();
    let alt = Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let s = scenario.get().ok().flatten()?;
            let opts = options(&app, &p, d, s);
            Some(
                forecast(&p, &p.index, d, &opts)
                    .map(Arc::new)
                    .map_err(|e| e.to_string()),
            )
        },
        crate::state::changed,
    );
    let body = move || {
        let lang = i.lang.get();
        let f = match base.get() {
            Ok(f) => f,
            Err(e) => {
                return view! { <p class="error" data-testid="forecast-error">{e}</p> }.into_any()
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
            <h2>{move || i.pick("Collections forecast, 13 weeks", "13周回款预测")}</h2>
            <p class="muted">{move || i.pick(
                "Each open invoice is expected on its due date plus its buyer's average payment delay (the portfolio's when the buyer has no history), weighted by 1 − its probability of default; disputed invoices are left out; buyers on a payment plan are expected on their instalments.",
                "每张未结发票的预计回款日 = 到期日 + 该买方平均付款延迟（无历史时取组合平均），金额按 (1 − 违约概率) 加权；争议发票不计入；有还款计划的买方按分期日期计入。")}</p>
            <div class="filters">
                <label>
                    <span>{move || i.pick("Scenario", "情景")}</span>
                    <select data-testid="scenario" on:change=move |ev| pick.set(match event_target_value(&ev).as_str() {
                        "terms" => Pick::Terms,
                        "dso" => Pick::Dso,
                        _ => Pick::None,
                    })>
                        <option value="none">{move || i.pick("None (the ledger as it is)", "无（按账簿）")}</option>
                        <option value="terms">{move || i.pick("Other terms for invoices not yet due", "未到期发票改用其他账期")}</option>
                        <option value="dso">{move || i.pick("A DSO target", "DSO 目标")}</option>
                    </select>
                </label>
                {move || (pick.get() != Pick::None).then(|| view! {
                    <label>
                        <span>{move || if pick.get() == Pick::Terms { i.pick("Terms (days)", "账期（天）") } else { i.pick("DSO target (days)", "DSO 目标（天）") }}</span>
                        <input type="text" inputmode="numeric" data-testid="scenario-days" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                    </label>
                })}
                {move || scenario.get().err().map(|v| view! {
                    <p class="error" role="alert" data-testid="scenario-error">{move || l(i.lang.get(),
                        format!("Days: '{v}' is not a number of days from 0 to 365."),
                        format!("天数：“{v}”不是 0 到 365 之间的天数。"))}</p>
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
    let fact = |en: &'static str, zh: &'static str, v: Decimal, id: &'static str| {
        view! {
            <div class="fact">
                <div class="muted">{if lang == Lang::En { en } else { zh }}</div>
                <div class="strong" data-testid=id>{format::money(v, cur)}</div>
            </div>
        }
    };
    view! {
        <div class="facts" data-testid="forecast-facts">
            {fact("Open receivables", "未结应收", f.open_ar, "fc-open")}
            {fact("Expected in 13 weeks", "13周内预计回款", in_weeks, "fc-in-weeks")}
            {fact("Expected later", "更晚回款", f.later, "fc-later")}
            {fact("At risk (PD-weighted)", "违约风险（按PD）", f.at_risk, "fc-at-risk")}
            {fact("Disputed, left out", "争议（不计入）", f.disputed, "fc-disputed")}
            {fact("On payment plans", "还款计划内", f.on_plans, "fc-on-plans")}
        </div>
    }
}

#[component]
fn ForecastChart(f: Arc<Forecast>, s: Option<Arc<Forecast>>) -> impl IntoView {
    const W: i64 = 680;
    const H: i64 = 200;
    const BOTTOM: i64 = 24;
    const TOP: i64 = 10;
    let i = use_i18n();
    let max = f
        .weeks
        .iter()
        .map(|w| w.expected)
        .chain(s.iter().flat_map(|s| s.weeks.iter().map(|w| w.expected)))
        .fold(Decimal::ZERO, Decimal::max);
    let n = f.weeks.len().max(1) as i64;
    let slot = W / n;
    let two = s.is_some();
    let bars = f
        .weeks
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let x = k as i64 * slot;
            let h = scale(w.expected, max, H - TOP - BOTTOM);
            let bw = if two { slot * 38 / 100 } else { slot * 70 / 100 };
            let alt = s.as_ref().and_then(|s| s.weeks.get(k)).map(|sw| {
                let h2 = scale(sw.expected, max, H - TOP - BOTTOM);
                view! { <rect class="bar bar-scenario" data-testid="scenario-bar" x=(x + slot / 2).to_string() y=(H - BOTTOM - h2).to_string() width=bw.to_string() height=h2.to_string()/> }
            });
            let x0 = if two { x + slot / 2 - bw } else { x + slot * 15 / 100 };
            view! {
                <g>
                    <rect class="bar bar-current" data-testid="forecast-bar" x=x0.to_string() y=(H - BOTTOM - h).to_string() width=bw.to_string() height=h.to_string()/>
                    {alt}
                    <text class="bar-label" x=(x + slot / 2).to_string() y=(H - BOTTOM + 15).to_string()>{format!("W{}", k + 1)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" data-testid="forecast-chart"
            aria-label=move || i.pick("Expected collections by week", "每周预计回款")>
            <line class="axis" x1="0" x2=W.to_string() y1=(H - BOTTOM).to_string() y2=(H - BOTTOM).to_string()/>
            {bars}
        </svg>
        {two.then(|| view! {
            <p class="legend muted"><span class="key key-current"></span>{move || i.pick("Ledger", "账簿")} " " <span class="key key-scenario"></span>{move || i.pick("Scenario", "情景")}</p>
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
    let en = lang == Lang::En;
    view! {
        <div class="table-wrap">
            <table data-testid="forecast-table">
                <thead>
                    <tr>
                        <th>{if en { "Week" } else { "周" }}</th>
                        <th>{if en { "Dates" } else { "日期" }}</th>
                        <th class="num">{if en { "Invoices" } else { "发票数" }}</th>
                        <th class="num">{if en { "Expected" } else { "预计回款" }} " (" {cur.to_string()} ")"</th>
                        {two.then(|| view! { <th class="num">{if en { "Scenario" } else { "情景" }} " (" {cur.to_string()} ")"</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn ActualPanel(portfolio: Arc<Open>) -> impl IntoView {
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
        forecast_vs_actual(&p, &p.index, m, d, &opts).map_err(|e| e.to_string())
    });
    let cur = portfolio.base_currency();
    let table = move || {
        let lang = i.lang.get();
        match rows.get() {
            Err(e) => view! { <p class="error">{e}</p> }.into_any(),
            Ok(v) if v.is_empty() => view! { <p class="muted" data-testid="no-actuals">{move || i.pick("No week of that forecast has ended yet.", "该预测尚无已结束的周。")}</p> }.into_any(),
            Ok(v) => {
                let (ft, at): (Decimal, Decimal) = v.iter().fold((Decimal::ZERO, Decimal::ZERO), |(a, b), w| (a + w.forecast, b + w.actual));
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
                let en = lang == Lang::En;
                view! {
                    <div class="table-wrap">
                        <table data-testid="actual-table">
                            <thead><tr>
                                <th>{if en { "Week" } else { "周" }}</th>
                                <th>{if en { "Dates" } else { "日期" }}</th>
                                <th class="num">{if en { "Forecast" } else { "预测" }}</th>
                                <th class="num">{if en { "Actual" } else { "实际" }}</th>
                                <th class="num">{if en { "Difference" } else { "差额" }}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                            <tfoot><tr class="strong">
                                <td colspan="2">{if en { "Total" } else { "合计" }}</td>
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
            <h2>{move || i.pick("Forecast against actual", "预测与实际对比")}</h2>
            <label>
                <span>{move || i.pick("Forecast made on", "预测日期")}</span>
                <input type="date" data-testid="made-on" prop:value=move || made_on.get().to_string() on:change=move |ev| made.set(event_target_value(&ev))/>
            </label>
            {table}
        </section>
    }
}

/// A buyer's overdue balance in the base currency and the invoices in it.
fn overdue_of(p: &Open, id: &str, as_of: NaiveDate) -> (Decimal, Vec<String>) {
    let mut total = Decimal::ZERO;
    let mut ids = Vec::new();
    for inv in p.invoices.iter().filter(|x| x.customer_id == id) {
        let open = inv.open_as_of(as_of);
        if open > Decimal::ZERO && inv.due_date < as_of && !inv.disputed_as_of(as_of) {
            let rate = p.fx.rate(inv.currency, as_of).unwrap_or(Decimal::ONE);
            total += open * rate;
            ids.push(inv.id.clone());
        }
    }
    (total, ids)
}

#[component]
fn PlanPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let cur: Currency = portfolio.base_currency();
    // Buyers with an overdue balance, largest first.
    let buyers = Memo::new(move |_| {
        let r = app.ageing.get().and_then(Result::ok)?;
        let mut v: Vec<(String, Decimal)> = r
            .customers
            .iter()
            .map(|c| (c.customer_id.clone(), c.row.overdue()))
            .filter(|(_, x)| *x > Decimal::ZERO)
            .collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        Some(v)
    });
    let buyer = RwSignal::new(String::new());
    let balance = RwSignal::new(String::new());
    let count = RwSignal::new("3".to_string());
    let freq = RwSignal::new(Frequency::Monthly);
    let first = RwSignal::new(String::new());
    let rate = RwSignal::new("0".to_string());
    let note = RwSignal::new(String::new());
    let saved_msg = RwSignal::new(None::<String>);
    let p = portfolio.clone();
    let choose = move |id: String| {
        let (total, _) = overdue_of(&p, &id, app.as_of.get_untracked());
        balance.set(total.round_dp(cur.minor_units()).to_string());
        buyer.set(id);
        saved_msg.set(None);
    };
    // The plan as typed, or what is wrong with it (field, value, reason).
    let plan = Memo::new(move |_| {
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        if buyer.get().is_empty() {
            return None;
        }
        let err = |en: String, zh: String| Some(Err(l(lang, en, zh)));
        let b = balance.get();
        let Ok(bal) = parse_amount(&b, false) else {
            return err(
                format!("Balance: '{b}' is not an amount."),
                format!("余额：“{b}”不是金额。"),
            );
        };
        let c = count.get();
        let Some(n) = c
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=120).contains(n))
        else {
            return err(
                format!("Instalments: '{c}' is not a number from 1 to 120."),
                format!("期数：“{c}”不是 1 到 120 之间的整数。"),
            );
        };
        let r = rate.get();
        let Ok(pct) = parse_amount(r.trim_end_matches('%'), false) else {
            return err(
                format!("Interest: '{r}' is not a percentage."),
                format!("利率：“{r}”不是百分比。"),
            );
        };
        let f = first.get();
        let first_day = if f.trim().is_empty() {
            as_of + credit_core::Days::new(30)
        } else {
            match parse_iso(&f) {
                Some(d) if d >= as_of => d,
                _ => {
                    return err(
                        format!("First instalment: '{f}' must be a date on or after {as_of}."),
                        format!("首期日期：“{f}”须为 {as_of} 或之后的日期。"),
                    )
                }
            }
        };
        let input = PlanInput {
            balance: bal,
            currency: cur,
            count: n,
            frequency: freq.get(),
            first: first_day,
            annual_rate: pct / Decimal::ONE_HUNDRED,
            start: as_of,
        };
        Some(
            payment_plan(&input)
                .map(|plan| (input, plan))
                .map_err(|e| e.to_string()),
        )
    });
    let p = portfolio.clone();
    let save = move |_| {
        let Some(Ok((input, plan))) = plan.get_untracked() else {
            return;
        };
        let id = buyer.get_untracked();
        let (_, invoice_ids) = overdue_of(&p, &id, app.as_of.get_untracked());
        let mut all = app.extras.with_untracked(monitoring::plans);
        all.retain(|x| x.customer_id != id);
        all.push(SavedPlan {
            id: format!("plan-{id}-{}", input.start),
            customer_id: id.clone(),
            invoice_ids,
            input,
            plan,
            note: note.get_untracked(),
        });
        app.set_extra(PLANS_KEY, &all);
        saved_msg.set(Some(id));
    };
    let p2 = portfolio.clone();
    let schedule = move || {
        let lang = i.lang.get();
        match plan.get()? {
            Err(e) => Some(
                view! { <p class="error" role="alert" data-testid="plan-error">{e}</p> }.into_any(),
            ),
            Ok((_, plan)) => {
                let rows = plan
                    .instalments
                    .iter()
                    .map(|x| view! {
                        <tr data-testid="plan-row">
                            <td>{x.number}</td>
                            <td>{format::date(x.date, lang)}</td>
                            <td class="num">{format::amount(x.principal, cur)}</td>
                            <td class="num">{format::amount(x.interest, cur)}</td>
                            <td class="num" data-testid="plan-amount">{format::amount(x.amount, cur)}</td>
                        </tr>
                    })
                    .collect_view();
                let en = lang == Lang::En;
                Some(view! {
                    <div class="table-wrap">
                        <table data-testid="plan-table">
                            <thead><tr>
                                <th>"#"</th>
                                <th>{if en { "Date" } else { "日期" }}</th>
                                <th class="num">{if en { "Principal" } else { "本金" }}</th>
                                <th class="num">{if en { "Interest" } else { "利息" }}</th>
                                <th class="num">{if en { "Amount" } else { "金额" }}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                            <tfoot><tr class="strong">
                                <td colspan="3">{if en { "Total" } else { "合计" }}</td>
                                <td class="num">{format::amount(plan.interest, cur)}</td>
                                <td class="num" data-testid="plan-total">{format::amount(plan.total, cur)}</td>
                            </tr></tfoot>
                        </table>
                    </div>
                    <div class="actions">
                        <label>
                            <span>{if en { "Note" } else { "备注" }}</span>
                            <input type="text" data-testid="plan-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                        </label>
                        <button data-testid="plan-save" on:click=save.clone()>{if en { "Save the plan to the buyer" } else { "保存还款计划至该买方" }}</button>
                    </div>
                }.into_any())
            }
        }
    };
    let saved = move || {
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        let plans = app.extras.with(monitoring::plans);
        if plans.is_empty() {
            return view! { <p class="muted" data-testid="no-plans">{move || i.pick("No payment plan saved.", "尚未保存还款计划。")}</p> }.into_any();
        }
        let rows = plans
            .into_iter()
            .map(|sp| {
                let name = p2.customer(&sp.customer_id).map(|c| c.name.clone()).unwrap_or_default();
                let state = plan_state(&sp, &p2, as_of);
                let (cls, text) = match state {
                    Ok(PlanState::OnTrack { paid, next }) => ("plan-ok", l(lang,
                        format!("On track · paid {}{}", format::money(paid, cur), next.as_ref().map(|n| format!(" · next {} on {}", format::money(n.amount, cur), format::date(n.date, lang))).unwrap_or_default()),
                        format!("按计划 · 已付 {}{}", format::money(paid, cur), next.map(|n| format!(" · 下期 {} 于 {}", format::money(n.amount, cur), format::date(n.date, lang))).unwrap_or_default()))),
                    Ok(PlanState::Missed { instalment, due, shortfall, rest_due }) => ("plan-missed", l(lang,
                        format!("Instalment {instalment} of {} missed (short {}): the rest, {}, is due now and dunning resumes", format::date(due, lang), format::money(shortfall, cur), format::money(rest_due, cur)),
                        format!("第 {instalment} 期（{}）未付（差 {}）：余款 {} 立即到期，恢复催收", format::date(due, lang), format::money(shortfall, cur), format::money(rest_due, cur)))),
                    Ok(PlanState::Completed { paid }) => ("plan-ok", l(lang, format!("Completed · paid {}", format::money(paid, cur)), format!("已完成 · 已付 {}", format::money(paid, cur)))),
                    Err(e) => ("plan-missed", e.to_string()),
                };
                let id = sp.customer_id.clone();
                let remove = move |_| {
                    let mut all = app.extras.with_untracked(monitoring::plans);
                    all.retain(|x| x.customer_id != id);
                    app.set_extra(PLANS_KEY, &all);
                };
                view! {
                    <tr data-testid="saved-plan" data-customer=sp.customer_id.clone()>
                        <td>{name} " " <span class="muted">{sp.customer_id.clone()}</span></td>
                        <td class="num">{sp.input.count}</td>
                        <td class="num">{format::amount(sp.plan.total, cur)}</td>
                        <td class=cls data-testid="plan-state">{text}</td>
                        <td>{sp.note.clone()}</td>
                        <td><button class="secondary small" data-testid="plan-delete" on:click=remove>{move || i.pick("Delete", "删除")}</button></td>
                    </tr>
                }
            })
            .collect_view();
        let en = lang == Lang::En;
        view! {
            <div class="table-wrap">
                <table data-testid="saved-plans">
                    <thead><tr>
                        <th>{if en { "Buyer" } else { "买方" }}</th>
                        <th class="num">{if en { "Instalments" } else { "期数" }}</th>
                        <th class="num">{if en { "Total" } else { "合计" }}</th>
                        <th>{if en { "State" } else { "状态" }}</th>
                        <th>{if en { "Note" } else { "备注" }}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let p3 = portfolio.clone();
    view! {
        <section class="panel" data-testid="plan-panel">
            <h2>{move || i.pick("Payment plan for an overdue balance", "逾期余额还款计划")}</h2>
            <div class="form-grid">
                <label>
                    <span>{move || i.pick("Buyer (overdue balance)", "买方（逾期余额）")}</span>
                    <select data-testid="plan-buyer" on:change=move |ev| choose(event_target_value(&ev))>
                        <option value="">{move || i.pick("Choose…", "请选择…")}</option>
                        {move || buyers.get().unwrap_or_default().into_iter().map(|(id, due)| {
                            let name = p3.customer(&id).map(|c| c.name.clone()).unwrap_or_default();
                            view! { <option value=id.clone() selected=move || buyer.get() == id>{format!("{name} · {}", format::money(due, cur))}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("Balance", "余额")} " (" {cur.to_string()} ")"</span>
                    <input type="text" inputmode="decimal" data-testid="plan-balance" prop:value=move || balance.get() on:input=move |ev| balance.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || i.pick("Instalments", "期数")}</span>
                    <input type="text" inputmode="numeric" data-testid="plan-count" prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || i.pick("Every", "频率")}</span>
                    <select data-testid="plan-frequency" on:change=move |ev| freq.set(match event_target_value(&ev).as_str() {
                        "weekly" => Frequency::Weekly,
                        "fortnightly" => Frequency::Fortnightly,
                        _ => Frequency::Monthly,
                    })>
                        <option value="monthly">{move || i.pick("Month", "每月")}</option>
                        <option value="fortnightly">{move || i.pick("Two weeks", "每两周")}</option>
                        <option value="weekly">{move || i.pick("Week", "每周")}</option>
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("First instalment", "首期日期")}</span>
                    <input type="date" data-testid="plan-first" prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || i.pick("Interest (% a year)", "年利率（%）")}</span>
                    <input type="text" inputmode="decimal" data-testid="plan-rate" prop:value=move || rate.get() on:input=move |ev| rate.set(event_target_value(&ev))/>
                </label>
            </div>
            {schedule}
            {move || saved_msg.get().map(|id| view! { <p class="ok" role="status" data-testid="plan-saved">{move || l(i.lang.get(), format!("Saved: {id}'s invoices are now expected on the instalments."), format!("已保存：{id} 的发票将按分期日期预计回款。"))}</p> })}
            <h3>{move || i.pick("Saved plans", "已保存的计划")}</h3>
            {saved}
        </section>
    }
}

#[component]
fn TermsPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let text = RwSignal::new("2/10/30".to_string());
    let cost = move || {
        let lang = i.lang.get();
        let t = text.get();
        match t.parse::<Discount>().and_then(|d| discount_cost(&d)) {
            Ok(c) => view! {
                <div class="facts" data-testid="discount-cost">
                    <div class="fact"><div class="muted">{if lang == Lang::En { "Simple annual rate" } else { "单利年化成本" }}</div>
                        <div class="strong" data-testid="rate-simple">{format::percent(Some(c.simple), lang)}</div></div>
                    <div class="fact"><div class="muted">{if lang == Lang::En { "Effective annual rate" } else { "复利年化成本" }}</div>
                        <div class="strong" data-testid="rate-effective">{format::percent(Some(c.effective), lang)}</div></div>
                </div>
                <p class="muted">{l(lang,
                    "What a buyer pays, in a year's terms, for skipping the discount: if it can borrow for less, it should take the discount.".into(),
                    "买方放弃折扣所付出的年化代价：若其融资成本更低，就应享受折扣。".into())}</p>
            }
            .into_any(),
            Err(e) => view! { <p class="error" role="alert" data-testid="discount-error">{l(lang, format!("'{t}': {e}"), format!("“{t}”：无法识别，请写作 2/10/30（折扣%/折扣天数/净账期）。"))}</p> }.into_any(),
        }
    };
    let who = RwSignal::new(String::new());
    let days = RwSignal::new("45".to_string());
    let p = portfolio.clone();
    let effect = move || {
        let lang = i.lang.get();
        let d = days.get();
        let Some(n) = d.trim().parse::<u32>().ok().filter(|n| *n <= 365) else {
            return view! { <p class="error" role="alert">{l(lang, format!("New terms: '{d}' is not a number of days from 0 to 365."), format!("新账期：“{d}”不是 0 到 365 之间的天数。"))}</p> }.into_any();
        };
        let id = who.get();
        let cur = p.base_currency();
        match terms_effect(
            &p.index,
            (!id.is_empty()).then_some(id.as_str()),
            n,
            app.as_of.get(),
            p.settings.kpi.period_days,
        ) {
            Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
            Ok(t) => {
                let freed = t.cash_effect;
                let sentence = if freed >= Decimal::ZERO {
                    l(
                        lang,
                        format!("{} of cash freed", format::money(freed, cur)),
                        format!("释放现金 {}", format::money(freed, cur)),
                    )
                } else {
                    l(
                        lang,
                        format!("{} more tied up in receivables", format::money(-freed, cur)),
                        format!("应收多占用资金 {}", format::money(-freed, cur)),
                    )
                };
                view! {
                    <div class="facts" data-testid="terms-effect">
                        <div class="fact"><div class="muted">{if lang == Lang::En { "Current terms (average)" } else { "当前账期（平均）" }}</div>
                            <div class="strong">{format::with_unit(Some(t.current_terms_days), crate::i18n::K::UnitDays, lang)}</div></div>
                        <div class="fact"><div class="muted">"DSO"</div>
                            <div class="strong" data-testid="dso-change">{format::whole(t.dso_before, lang)} " → " {format::whole(t.dso_after, lang)}</div></div>
                        <div class="fact"><div class="muted">{if lang == Lang::En { "Cash effect" } else { "现金影响" }}</div>
                            <div class="strong" data-testid="cash-effect">{sentence}</div></div>
                    </div>
                }
                .into_any()
            }
        }
    };
    let p2 = portfolio.clone();
    view! {
        <section class="panel" data-testid="terms-panel">
            <h2>{move || i.pick("Terms", "账期")}</h2>
            <div class="form-grid">
                <label>
                    <span>{move || i.pick("Early-payment discount (d/D/N)", "现金折扣（折扣%/天数/净账期）")}</span>
                    <input type="text" data-testid="discount-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </label>
            </div>
            {cost}
            <h3>{move || i.pick("Effect of other terms", "调整账期的影响")}</h3>
            <div class="form-grid">
                <label>
                    <span>{move || i.pick("For", "对象")}</span>
                    <select data-testid="terms-who" on:change=move |ev| who.set(event_target_value(&ev))>
                        <option value="">{move || i.pick("The whole portfolio", "整个组合")}</option>
                        {p2.customers.iter().take(2000).map(|c| view! { <option value=c.id.clone()>{format!("{} · {}", c.name, c.id)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("New terms (days)", "新账期（天）")}</span>
                    <input type="text" inputmode="numeric" data-testid="terms-days" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
            </div>
            {effect}
        </section>
    }
}

/// What the user typed for working capital, kept with the portfolio.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct WcForm {
    /// Inventory.
    pub inventory: String,
    /// Trade payables.
    pub payables: String,
    /// Cost of sales over the KPI period.
    pub cost_of_sales: String,
    /// Cash.
    pub cash: String,
    /// Current liabilities.
    pub current_liabilities: String,
    /// Days of DSO to cut.
    pub cut_days: String,
}

#[component]
fn WorkingCapitalPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let form = RwSignal::new(app.extra::<WcForm>(WC_KEY).unwrap_or(WcForm {
        cut_days: "10".into(),
        ..WcForm::default()
    }));
    let cur = portfolio.base_currency();
    let field = move |en: &'static str,
                      zh: &'static str,
                      id: &'static str,
                      get: fn(&WcForm) -> &String,
                      set: fn(&mut WcForm, String)| {
        view! {
            <label>
                <span>{move || i.pick(en, zh)}</span>
                <input type="text" inputmode="decimal" data-testid=id prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    on:change=move |_| app.set_extra(WC_KEY, &form.get_untracked())/>
            </label>
        }
    };
    let result = move || {
        let lang = i.lang.get();
        let k = app.kpis.get().and_then(Result::ok)?;
        let f = form.get();
        let mut bad = Vec::new();
        let mut num = |name_en: &str, name_zh: &str, s: &str| -> Decimal {
            if s.trim().is_empty() {
                return Decimal::ZERO;
            }
            parse_amount(s, false).unwrap_or_else(|_| {
                bad.push(l(
                    lang,
                    format!("{name_en}: '{s}' is not an amount."),
                    format!("{name_zh}：“{s}”不是金额。"),
                ));
                Decimal::ZERO
            })
        };
        let input = WcInput {
            receivables: k.closing_ar,
            credit_sales: k.credit_sales,
            period_days: k.period_days,
            inventory: num("Inventory", "存货", &f.inventory),
            payables: num("Payables", "应付账款", &f.payables),
            cost_of_sales: num("Cost of sales", "销售成本", &f.cost_of_sales),
            cash: num("Cash", "现金", &f.cash),
            current_liabilities: num("Current liabilities", "流动负债", &f.current_liabilities),
        };
        let cut = num("Days", "天数", &f.cut_days);
        let w = working_capital(&input);
        let days = |v: Option<Decimal>| format::with_unit(v, crate::i18n::K::UnitDays, lang);
        let en = lang == Lang::En;
        Some(view! {
            {bad.into_iter().map(|b| view! { <p class="error" role="alert" data-testid="wc-error">{b}</p> }).collect_view()}
            <div class="facts" data-testid="wc-results">
                <div class="fact"><div class="muted">{if en { "Receivables (ledger)" } else { "应收账款（账簿）" }}</div><div class="strong">{format::money(k.closing_ar, cur)}</div></div>
                <div class="fact"><div class="muted">{if en { "Working capital requirement" } else { "营运资金需求" }}</div><div class="strong" data-testid="wc-wcr">{format::money(w.wcr, cur)}</div></div>
                <div class="fact"><div class="muted">"DSO"</div><div class="strong" data-testid="wc-dso">{days(w.dso)}</div></div>
                <div class="fact"><div class="muted">"DIO"</div><div class="strong" data-testid="wc-dio">{days(w.dio)}</div></div>
                <div class="fact"><div class="muted">"DPO"</div><div class="strong" data-testid="wc-dpo">{days(w.dpo)}</div></div>
                <div class="fact"><div class="muted">{if en { "Cash conversion cycle" } else { "现金转换周期" }}</div><div class="strong" data-testid="wc-ccc">{days(w.ccc)}</div></div>
                <div class="fact"><div class="muted">{if en { "Cash ratio" } else { "现金比率" }}</div><div class="strong" data-testid="wc-cash-ratio">{format::with_unit(w.cash_ratio, crate::i18n::K::UnitNone, lang)}</div></div>
                <div class="fact"><div class="muted">{if en { format!("Cash freed by cutting DSO {} days", cut.normalize()) } else { format!("DSO 缩短 {} 天释放现金", cut.normalize()) }}</div><div class="strong" data-testid="wc-freed">{format::money(w.cash_freed(cut), cur)}</div></div>
            </div>
        })
    };
    view! {
        <section class="panel" data-testid="wc-panel">
            <h2>{move || i.pick("Working capital", "营运资金")}</h2>
            <p class="muted">{move || i.pick(
                "Receivables and credit sales come from the ledger (the KPI period); type in what the ledger does not know. Kept with the portfolio.",
                "应收账款与赊销额取自账簿（KPI 期间）；请填写账簿之外的数据。随组合保存。")}</p>
            <div class="form-grid">
                {field("Inventory", "存货", "wc-inventory", |f| &f.inventory, |f, v| f.inventory = v)}
                {field("Trade payables", "应付账款", "wc-payables", |f| &f.payables, |f, v| f.payables = v)}
                {field("Cost of sales (same period)", "销售成本（同期）", "wc-cogs", |f| &f.cost_of_sales, |f, v| f.cost_of_sales = v)}
                {field("Cash", "现金", "wc-cash", |f| &f.cash, |f, v| f.cash = v)}
                {field("Current liabilities", "流动负债", "wc-liabilities", |f| &f.current_liabilities, |f, v| f.current_liabilities = v)}
                {field("Cut DSO by (days)", "DSO 缩短（天）", "wc-cut", |f| &f.cut_days, |f, v| f.cut_days = v)}
            </div>
            {result}
        </section>
    }
}
