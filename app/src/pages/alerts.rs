//! The Alerts page: every alert of the open portfolio for the report date
//! (`credit_core::monitor`), filtered by severity, rule and whether it was
//! acknowledged or snoozed; and the risk heat map.

use credit_core::money::parse_amount;
use credit_core::monitor::{MonitorSettings, Rule, Severity};
use credit_core::Decimal;
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
                    view! { <p class="error" data-testid="report-error">{move || e.text(i.lang())}</p> }.into_any(),
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
        {move || app.portfolio.with(Option::is_some).then(|| view! { <Thresholds/> })}
        <section class="panel">
            <h2>{move || i.pick("Risk heat map", "风险热力图")}</h2>
            <p class="muted">
                {move || match i.lang.get() {
                    Lang::En => format!("Each buyer by its grade (likelihood) and its share of the receivables (impact); the {MAX_POINTS} largest exposures are drawn, filled if the grade was saved, ringed if computed from the ledger, hollow under “?” if not assessed. Click a point to open the buyer."),
                    Lang::Zh => format!("按评级（可能性）与应收占比（影响）排列买方；显示敞口最大的 {MAX_POINTS} 家，实心为已保存评级，虚线环为据台账计算，“?” 列空心为未评估。点击圆点打开买方。"),
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

/// The thresholds as typed.
#[derive(Clone, Default)]
struct Typed {
    utilisation: String,
    steps: String,
    volume: String,
    rise: String,
    months: String,
    worsening: String,
    concentration: String,
    extension: String,
    notification: String,
    window: String,
}

fn pct_text(x: Decimal) -> String {
    (x * Decimal::ONE_HUNDRED).normalize().to_string()
}

impl Typed {
    fn of(s: &MonitorSettings) -> Self {
        Typed {
            utilisation: pct_text(s.utilisation),
            steps: s
                .dunning_steps
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            volume: s.volume_ratio.normalize().to_string(),
            rise: s.delay_rise_days.normalize().to_string(),
            months: s.worsening_months.to_string(),
            worsening: s.worsening_days.normalize().to_string(),
            concentration: pct_text(s.concentration),
            extension: s.extension_days.to_string(),
            notification: s.notification_days.to_string(),
            window: s.deadline_window_days.to_string(),
        }
    }

    /// The settings, or what is wrong (field, value, reason).
    fn read(&self, lang: Lang) -> Result<MonitorSettings, String> {
        let en = lang == Lang::En;
        let bad = |en_name: &str, zh_name: &str, v: &str, en_why: &str, zh_why: &str| {
            if en {
                format!("{en_name}: '{v}' {en_why}.")
            } else {
                format!("{zh_name}：“{v}”{zh_why}。")
            }
        };
        let num = |v: &str, en_name: &str, zh_name: &str, min: Decimal, max: Decimal| {
            parse_amount(v, false)
                .ok()
                .filter(|x| *x >= min && *x <= max)
                .ok_or_else(|| {
                    bad(
                        en_name,
                        zh_name,
                        v,
                        &format!("is not a number from {min} to {max}"),
                        &format!("不是 {min} 到 {max} 之间的数"),
                    )
                })
        };
        let days = |v: &str, en_name: &str, zh_name: &str, max: i64| {
            v.trim()
                .parse::<i64>()
                .ok()
                .filter(|x| (0..=max).contains(x))
                .ok_or_else(|| {
                    bad(
                        en_name,
                        zh_name,
                        v,
                        &format!("is not a number of days from 0 to {max}"),
                        &format!("不是 0 到 {max} 之间的天数"),
                    )
                })
        };
        let mut steps = Vec::new();
        for part in self
            .steps
            .split([',', '，', ' '])
            .filter(|p| !p.trim().is_empty())
        {
            let v = part
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|x| (-90..=365).contains(x));
            steps.push(v.ok_or_else(|| {
                bad(
                    "Dunning steps",
                    "催收步骤",
                    part.trim(),
                    "is not a number of days from -90 to 365",
                    "不是 -90 到 365 之间的天数",
                )
            })?);
        }
        if steps.is_empty() {
            return Err(bad(
                "Dunning steps",
                "催收步骤",
                &self.steps,
                "needs at least one step",
                "至少需要一个步骤",
            ));
        }
        let hundred = Decimal::ONE_HUNDRED;
        Ok(MonitorSettings {
            utilisation: num(
                &self.utilisation,
                "Utilisation",
                "额度使用率",
                Decimal::ONE,
                hundred,
            )? / hundred,
            dunning_steps: steps,
            volume_ratio: num(
                &self.volume,
                "Volume ratio",
                "采购量倍数",
                Decimal::ONE,
                Decimal::from(10),
            )?,
            delay_rise_days: num(
                &self.rise,
                "Delay rise",
                "延迟上升",
                Decimal::ONE,
                Decimal::from(180),
            )?,
            worsening_months: days(&self.months, "Worsening months", "恶化月数", 12)?.max(2) as u32,
            worsening_days: num(
                &self.worsening,
                "Worsening days",
                "恶化天数",
                Decimal::ONE,
                Decimal::from(180),
            )?,
            concentration: num(
                &self.concentration,
                "Concentration",
                "集中度",
                Decimal::ONE,
                hundred,
            )? / hundred,
            extension_days: days(
                &self.extension,
                "Maximum extension period",
                "最长延展期",
                365,
            )?,
            notification_days: days(&self.notification, "Notification deadline", "申报期限", 365)?,
            deadline_window_days: days(&self.window, "Deadline window", "期限提醒窗口", 90)?,
        })
    }
}

/// The rules' thresholds, kept with the portfolio.
#[component]
fn Thresholds() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let typed = RwSignal::new(Typed::of(&app.extras.with_untracked(monitoring::settings)));
    let message = RwSignal::new(None::<Result<(), String>>);
    let field = move |en: &'static str,
                      zh: &'static str,
                      id: &'static str,
                      get: fn(&Typed) -> &String,
                      set: fn(&mut Typed, String)| {
        view! {
            <label>
                <span>{move || i.pick(en, zh)}</span>
                <input type="text" data-testid=id prop:value=move || typed.with(|t| get(t).clone())
                    on:input=move |ev| typed.update(|t| set(t, event_target_value(&ev)))/>
            </label>
        }
    };
    let apply = move |_| match typed.get_untracked().read(i.lang.get_untracked()) {
        Ok(s) => {
            app.set_extra(monitoring::SETTINGS_KEY, &s);
            message.set(Some(Ok(())));
        }
        Err(e) => message.set(Some(Err(e))),
    };
    let reset = move |_| {
        let d = MonitorSettings::default();
        typed.set(Typed::of(&d));
        app.set_extra(monitoring::SETTINGS_KEY, &d);
        message.set(Some(Ok(())));
    };
    view! {
        <details class="panel" data-testid="thresholds">
            <summary>{move || i.pick("Thresholds of the rules", "预警规则阈值")}</summary>
            <div class="form-grid">
                {field("Limit utilisation that warns (%)", "额度使用率预警（%）", "th-utilisation", |t| &t.utilisation, |t, v| t.utilisation = v)}
                {field("Dunning steps (days past due)", "催收步骤（逾期天数）", "th-steps", |t| &t.steps, |t, v| t.steps = v)}
                {field("Volume up: last 3 months ÷ monthly average before (×)", "采购量上升：近3个月 ÷ 此前月均（倍）", "th-volume", |t| &t.volume, |t, v| t.volume = v)}
                {field("Paying slower: delay up by (days)", "付款变慢：延迟上升（天）", "th-rise", |t| &t.rise, |t, v| t.rise = v)}
                {field("Delay worsening over (months)", "延迟恶化观察期（月）", "th-months", |t| &t.months, |t, v| t.months = v)}
                {field("Delay worsening by (days)", "延迟恶化幅度（天）", "th-worsening", |t| &t.worsening, |t, v| t.worsening = v)}
                {field("Concentration: share of receivables (%)", "集中度：占应收比例（%）", "th-concentration", |t| &t.concentration, |t, v| t.concentration = v)}
                {field("Insurer: maximum extension period (days)", "保险：最长延展期（天）", "th-extension", |t| &t.extension, |t, v| t.extension = v)}
                {field("Insurer: notification within (days after it)", "保险：延展期后申报期限（天）", "th-notification", |t| &t.notification, |t, v| t.notification = v)}
                {field("Insurer deadlines shown (days ahead)", "保险期限提前提醒（天）", "th-window", |t| &t.window, |t, v| t.window = v)}
            </div>
            <div class="actions">
                <button data-testid="th-apply" on:click=apply>{move || i.pick("Apply", "应用")}</button>
                <button class="secondary" data-testid="th-reset" on:click=reset>{move || i.pick("Back to the defaults", "恢复默认")}</button>
            </div>
            {move || message.get().map(|m| match m {
                Ok(()) => view! { <p class="ok" role="status" data-testid="th-saved">{move || i.pick("Applied, and kept with the portfolio.", "已应用，并随组合保存。")}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert" data-testid="th-error">{e}</p> }.into_any(),
            })}
        </details>
    }
}
