//! Alerts as a user reads them: the rule, the severity, the evidence (the
//! numbers that tripped the rule) and the suggested action, in English or
//! Chinese; the list with acknowledge and snooze (with a note), and the
//! dashboard's panel of what needs attention today.

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::dates::parse_iso;
use credit_core::money::Currency;
use credit_core::monitor::{Action, Alert, DeadlineKind, Evidence, Rule, Severity};
use credit_core::{Decimal, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::limit_check::LimitCheck;
use crate::format;
use crate::i18n::{use_i18n, Lang};
use crate::monitoring::{self, AlertNote, NoteKind};
use crate::state::{use_app, Open};

fn l(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A severity's name.
pub fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Critical, Lang::En) => "Critical",
        (Severity::Critical, Lang::Zh) => "严重",
        (Severity::Warning, Lang::En) => "Warning",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::En) => "Info",
        (Severity::Info, Lang::Zh) => "提示",
    }
}

/// The CSS class of a severity.
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "sev sev-critical",
        Severity::Warning => "sev sev-warning",
        Severity::Info => "sev sev-info",
    }
}

/// A rule's name.
pub fn rule_name(r: Rule, lang: Lang) -> &'static str {
    let (en, zh) = match r {
        Rule::OverLimit => ("Over its credit limit", "超出信用额度"),
        Rule::Utilisation => ("Limit nearly used", "额度即将用尽"),
        Rule::PastDunningStep => ("Past a dunning step", "已过催收步骤"),
        Rule::GradeDowngraded => ("Grade downgraded", "评级下调"),
        Rule::InsuredLimitCut => ("Insured limit cut or cancelled", "保险限额削减或取消"),
        Rule::VolumeUpPayingSlower => ("Volume up while paying slower", "采购量上升而付款变慢"),
        Rule::DelayWorsening => ("Payment delay worsening", "付款延迟持续恶化"),
        Rule::Concentration => ("Concentration", "客户集中度过高"),
        Rule::InsurerDeadline => ("Insurer deadline within 7 days", "保险申报期限7天内到期"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A suggested action, in words.
pub fn action_text(a: Action, lang: Lang) -> &'static str {
    let (en, zh) = match a {
        Action::ReviewLimit => ("Review the credit limit", "复核信用额度"),
        Action::HoldDeliveries => (
            "Hold new deliveries until it is back under its limit",
            "暂停新发货，直至回到额度以内",
        ),
        Action::CallBuyer => ("Call the buyer", "致电买方"),
        Action::SendReminder => ("Send a reminder", "发送付款提醒"),
        Action::Escalate => (
            "Escalate: formal demand, legal action or a collection agency",
            "升级处理：正式催告、法律行动或委托催收",
        ),
        Action::Reassess => ("Reassess the buyer and its limit", "重新评估买方及其额度"),
        Action::ReduceExposure => (
            "Reduce the exposure (security, shorter terms, lower limit)",
            "降低敞口（担保、缩短账期、降低额度）",
        ),
        Action::AskInsurer => (
            "Ask the insurer why, and what cover remains",
            "向保险公司了解原因及剩余保障",
        ),
        Action::NotifyInsurer => (
            "Notify the insurer of the overdue account",
            "向保险公司申报逾期账款",
        ),
        Action::MonitorClosely => ("Watch its payments closely", "密切关注其付款"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The evidence of an alert in a sentence, amounts in the base currency.
pub fn evidence_text(e: &Evidence, cur: Currency, lang: Lang) -> String {
    let m = |x: Decimal| format::money(x, cur);
    let p = |x: Decimal| format::percent(Some(x), lang);
    let d = |x: Decimal| x.round_dp(1).to_string();
    match e {
        Evidence::OverLimit { exposure, limit } => l(
            lang,
            format!("Exposure {} against a limit of {} ({} over).", m(*exposure), m(*limit), m(*exposure - *limit)),
            format!("敞口 {}，额度 {}（超出 {}）。", m(*exposure), m(*limit), m(*exposure - *limit)),
        ),
        Evidence::Utilisation { exposure, limit, utilisation } => l(
            lang,
            format!("Exposure {} is {} of its limit of {}.", m(*exposure), p(*utilisation), m(*limit)),
            format!("敞口 {} 已占额度 {} 的 {}。", m(*exposure), m(*limit), p(*utilisation)),
        ),
        Evidence::PastDunningStep { step_days, step, invoices, amount, max_days_past_due } => l(
            lang,
            format!(
                "{invoices} invoice(s), {}, past step {step} (+{step_days} days); the oldest is {max_days_past_due} days past due.",
                m(*amount)
            ),
            format!(
                "{invoices} 张发票（{}）已过第 {step} 步（到期后 {step_days} 天）；最久逾期 {max_days_past_due} 天。",
                m(*amount)
            ),
        ),
        Evidence::GradeDowngraded { from, to } => l(
            lang,
            format!("Grade went from {from} to {to} (1 best, 10 default)."),
            format!("评级由 {from} 降至 {to}（1 最好，10 为违约）。"),
        ),
        Evidence::InsuredLimitCut { from, to } => l(
            lang,
            format!("The insurer's limit went from {} to {}.", m(*from), m(*to)),
            format!("保险限额由 {} 降至 {}。", m(*from), m(*to)),
        ),
        Evidence::VolumeUpPayingSlower { recent_monthly_sales, earlier_monthly_sales, ratio, delay_before, delay_now } => l(
            lang,
            format!(
                "Sales of the last 3 months {} a month, {}× the {} a month of the 9 before; average delay {} days, up from {}.",
                m(*recent_monthly_sales), ratio.round_dp(2), m(*earlier_monthly_sales), d(*delay_now), d(*delay_before)
            ),
            format!(
                "近3个月月均销售 {}，为此前9个月月均 {} 的 {} 倍；平均延迟 {} 天，此前 {} 天。",
                m(*recent_monthly_sales), m(*earlier_monthly_sales), ratio.round_dp(2), d(*delay_now), d(*delay_before)
            ),
        ),
        Evidence::DelayWorsening { months, rise } => {
            let seq = months
                .iter()
                .map(|(end, v)| format!("{} {}", format::month(*end, lang), d(*v)))
                .collect::<Vec<_>>()
                .join(" → ");
            l(
                lang,
                format!("Average delay by month (days): {seq}; up {} days.", d(*rise)),
                format!("逐月平均延迟（天）：{seq}；上升 {} 天。", d(*rise)),
            )
        }
        Evidence::Concentration { exposure, total, share } => l(
            lang,
            format!("{} of {} receivables ({}).", m(*exposure), m(*total), p(*share)),
            format!("应收总额 {} 中占 {}（{}）。", m(*total), m(*exposure), p(*share)),
        ),
        Evidence::InsurerDeadline { kind, date, days_left, invoice_id, invoices } => {
            let (en, zh) = match kind {
                DeadlineKind::ExtensionEnds => ("the maximum extension period ends", "最长延展期结束"),
                DeadlineKind::NotificationDue => ("the overdue notification is due", "逾期申报截止"),
            };
            l(
                lang,
                format!(
                    "For invoice {invoice_id} {en} on {} ({days_left} days left); {invoices} insured invoice(s) overdue.",
                    format::date(*date, lang)
                ),
                format!(
                    "发票 {invoice_id}：{zh}日为 {}（剩 {days_left} 天）；{invoices} 张投保发票逾期。",
                    format::date(*date, lang)
                ),
            )
        }
    }
}

/// Which alerts a list shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Show {
    /// Not acknowledged, not snoozed.
    Open,
    /// Acknowledged or snoozed.
    Noted,
    /// All of them.
    All,
}

/// The alerts that a list shows, with their notes.
pub fn visible(
    alerts: &[Alert],
    notes: &HashMap<String, AlertNote>,
    as_of: NaiveDate,
    show: Show,
) -> Vec<(Alert, Option<AlertNote>)> {
    alerts
        .iter()
        .filter_map(|a| {
            let note = notes.get(&a.key()).cloned();
            let hidden = note.as_ref().is_some_and(|n| n.hides(a, as_of));
            let keep = match show {
                Show::Open => !hidden,
                Show::Noted => hidden,
                Show::All => true,
            };
            keep.then(|| (a.clone(), note))
        })
        .collect()
}

/// The exposure of each buyer (open AR in the base currency) as of the
/// report date, from the ageing report.
pub fn exposures() -> Memo<HashMap<String, Decimal>> {
    let app = use_app();
    Memo::new(move |_| {
        app.ageing
            .get()
            .and_then(Result::ok)
            .map(|r| {
                r.customers
                    .iter()
                    .map(|c| (c.customer_id.clone(), c.row.total))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The table of alerts: severity, rule, buyer with its limit check, the
/// evidence, the suggested action; acknowledge or snooze with a note.
#[component]
pub fn AlertTable(rows: Vec<(Alert, Option<AlertNote>)>, portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let cur = portfolio.base_currency();
    let expo = exposures();
    let editing = RwSignal::new(None::<String>);
    let note = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let rows = rows
        .into_iter()
        .map(|(a, n)| {
            let key = a.key();
            let c = portfolio.customer(&a.customer_id).cloned();
            let name = c.as_ref().map(|c| c.name.clone()).unwrap_or_default();
            let limit = c.as_ref().and_then(|c| c.credit_limit);
            let id = a.customer_id.clone();
            let id2 = id.clone();
            let id_attr = id.clone();
            let id_show = id.clone();
            let (sev, rule, action, evidence) = (a.severity, a.rule, a.action, a.evidence.clone());
            let k1 = key.clone();
            let k2 = key.clone();
            let k3 = key.clone();
            let k4 = key.clone();
            let k5 = key.clone();
            let n2 = n.clone();
            let ack = move |_| {
                monitoring::put_note(
                    &app,
                    AlertNote {
                        key: k2.clone(),
                        kind: NoteKind::Acknowledged,
                        until: None,
                        severity: sev,
                        note: note.get_untracked(),
                        on: app.as_of.get_untracked(),
                    },
                );
                editing.set(None);
            };
            let snooze = move |_| {
                let day = parse_iso(&until.get_untracked())
                    .unwrap_or_else(|| app.as_of.get_untracked() + credit_core::Days::new(7));
                monitoring::put_note(
                    &app,
                    AlertNote {
                        key: k3.clone(),
                        kind: NoteKind::Snoozed,
                        until: Some(day),
                        severity: sev,
                        note: note.get_untracked(),
                        on: app.as_of.get_untracked(),
                    },
                );
                editing.set(None);
            };
            let reopen = move |_| monitoring::remove_note(&app, &k4);
            view! {
                <tr data-testid="alert-row" data-key=key.clone() data-rule=rule_key(rule) data-customer=id_attr>
                    <td><span class=severity_class(sev) data-testid="alert-severity">{move || severity_name(sev, i.lang.get())}</span></td>
                    <td data-testid="alert-rule">{move || rule_name(rule, i.lang.get())}</td>
                    <td>
                        <A href=crate::format::customer_href(&id2)>{name}</A>
                        " " <span class="muted">{id_show}</span>
                        <div>{move || view! { <LimitCheck exposure=expo.with(|e| e.get(&id).copied().unwrap_or_default()) limit=limit currency=cur/> }}</div>
                    </td>
                    <td data-testid="alert-evidence">{move || evidence_text(&evidence, cur, i.lang.get())}</td>
                    <td>{move || action_text(action, i.lang.get())}</td>
                    <td class="alert-actions">
                        {move || match n2.clone() {
                            Some(n) => {
                                let lang = i.lang.get();
                                let what = match (n.kind, n.until) {
                                    (NoteKind::Snoozed, Some(u)) => l(lang, format!("Snoozed until {}", format::date(u, lang)), format!("暂缓至 {}", format::date(u, lang))),
                                    _ => l(lang, format!("Acknowledged {}", format::date(n.on, lang)), format!("已确认 {}", format::date(n.on, lang))),
                                };
                                view! {
                                    <div class="muted" data-testid="alert-note">{what}{(!n.note.is_empty()).then(|| format!(" · {}", n.note))}</div>
                                    <button class="secondary small" data-testid="alert-reopen" on:click=reopen.clone()>{i.pick("Reopen", "重新打开")}</button>
                                }.into_any()
                            }
                            None => view! {
                                <button class="secondary small" data-testid="alert-note-open" on:click={
                                    let k = k1.clone();
                                    move |_| { note.set(String::new()); until.set(String::new()); editing.set(Some(k.clone())); }
                                }>{i.pick("Acknowledge / snooze…", "确认 / 暂缓…")}</button>
                            }.into_any(),
                        }}
                        {move || (editing.get().as_deref() == Some(k5.as_str())).then(|| view! {
                            <div class="alert-form" data-testid="alert-form">
                                <label>
                                    <span>{i.pick("Note", "备注")}</span>
                                    <input type="text" data-testid="alert-note-text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                                </label>
                                <button class="small" data-testid="alert-ack" on:click=ack.clone()>{i.pick("Acknowledge", "确认")}</button>
                                <label>
                                    <span>{i.pick("Snooze until", "暂缓至")}</span>
                                    <input type="date" data-testid="alert-until" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/>
                                </label>
                                <button class="small secondary" data-testid="alert-snooze" on:click=snooze.clone()>{i.pick("Snooze", "暂缓")}</button>
                                <button class="small secondary" on:click=move |_| editing.set(None)>{i.pick("Cancel", "取消")}</button>
                            </div>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="alerts" data-testid="alert-table">
                <thead>
                    <tr>
                        <th>{move || i.pick("Severity", "级别")}</th>
                        <th>{move || i.pick("Rule", "规则")}</th>
                        <th>{move || i.pick("Buyer", "买方")}</th>
                        <th>{move || i.pick("Evidence", "依据")}</th>
                        <th>{move || i.pick("Suggested action", "建议措施")}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A rule's stable key, for tests and filters.
pub fn rule_key(r: Rule) -> &'static str {
    r.key()
}

/// The dashboard's panel: how many alerts of each severity need attention
/// today, and the most severe five.
#[component]
pub fn AlertsPanel() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let p = app.portfolio.get()?;
        let alerts = match app.alerts.get()? {
            Ok(a) => a,
            Err(e) => {
                return Some(view! { <p class="error">{move || e.text(i.lang())}</p> }.into_any())
            }
        };
        let notes = monitoring::notes(&app);
        let open = visible(&alerts, &notes, app.as_of.get(), Show::Open);
        let count = |s: Severity| open.iter().filter(|(a, _)| a.severity == s).count();
        let (c, w, n) = (
            count(Severity::Critical),
            count(Severity::Warning),
            count(Severity::Info),
        );
        let top: Vec<_> = open.into_iter().take(5).collect();
        let empty = top.is_empty();
        Some(
            view! {
                <div class="alert-counts" data-testid="alert-counts">
                    <span class="sev sev-critical" data-testid="count-critical">{move || severity_name(Severity::Critical, i.lang.get())} " " {c}</span>
                    <span class="sev sev-warning" data-testid="count-warning">{move || severity_name(Severity::Warning, i.lang.get())} " " {w}</span>
                    <span class="sev sev-info" data-testid="count-info">{move || severity_name(Severity::Info, i.lang.get())} " " {n}</span>
                </div>
                {if empty {
                    view! { <p class="muted" data-testid="no-alerts">{move || i.pick("Nothing needs attention today.", "今天没有需要处理的事项。")}</p> }.into_any()
                } else {
                    view! { <AlertTable rows=top portfolio=p/> }.into_any()
                }}
                <p><A href="/alerts"><span data-testid="all-alerts-link">{move || i.pick("All alerts and the risk heat map →", "全部预警与风险热力图 →")}</span></A></p>
            }
            .into_any(),
        )
    };
    view! {
        <section class="panel" data-testid="alerts-panel">
            <h2>{move || i.pick("What needs attention today", "今日待办预警")}</h2>
            {body}
        </section>
    }
}
