//! Alerts as a user reads them: the rule, the severity, the evidence (the
//! numbers that tripped the rule) and the suggested action, in English or
//! Chinese; the list with acknowledge and snooze (with a note), and the
//! dashboard's panel of what needs attention today.

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::dates::parse_iso;
pub use credit_core::monitor::{visible, Show};
use credit_core::monitor::{Alert, Rule, Severity};
use credit_core::Decimal;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::limit_check::LimitCheck;
use crate::i18n::alerts::{self as t, A as T};
use crate::i18n::use_i18n;
use crate::monitoring::{AlertNote, NoteKind};
use crate::state::{use_app, Open};

/// The CSS class of a severity.
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "sev sev-critical",
        Severity::Warning => "sev sev-warning",
        Severity::Info => "sev sev-info",
    }
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
            let name_lang = {
                let (n, country) = (name.clone(), c.as_ref().map(|c| c.country.clone()).unwrap_or_default());
                move || crate::i18n::name_lang(&n, &country, i.lang.get())
            };
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
                app.put_alert_note(
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
                app.put_alert_note(
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
            let reopen = move |_| app.remove_alert_note(&k4);
            view! {
                <tr data-testid="alert-row" data-key=key.clone() data-rule=rule_key(rule) data-customer=id_attr>
                    <td data-label=move || i.t(T::Severity)><span class=severity_class(sev) data-testid="alert-severity">{move || i.t(t::severity(sev))}</span></td>
                    <td data-testid="alert-rule" data-label=move || i.t(T::Rule)>{move || i.t(t::rule(rule))}</td>
                    <td data-label=move || i.t(T::Buyer)>
                        <A href=crate::format::customer_href(&id2)><span lang=name_lang>{name}</span></A>
                        " " <span class="muted">{id_show}</span>
                        <div>{move || view! { <LimitCheck exposure=expo.with(|e| e.get(&id).copied().unwrap_or_default()) limit=limit currency=cur/> }}</div>
                    </td>
                    <td data-testid="alert-evidence" class="evidence" data-label=move || i.t(T::Evidence)>{move || t::evidence(&evidence, cur, i.lang())}</td>
                    <td data-label=move || i.t(T::SuggestedAction)>{move || i.t(t::action(action))}</td>
                    <td class="alert-actions">
                        {move || match n2.clone() {
                            Some(n) => {
                                let lang = i.lang();
                                let what = match (n.kind, n.until) {
                                    (NoteKind::Snoozed, Some(u)) => t::snoozed_until(lang, u),
                                    (NoteKind::Snoozed, None) | (NoteKind::Acknowledged, _) => t::acknowledged_on(lang, n.on),
                                };
                                view! {
                                    <div class="muted" data-testid="alert-note">{what}{(!n.note.is_empty()).then(|| format!(" · {}", n.note))}</div>
                                    <button class="secondary small" data-testid="alert-reopen" on:click=reopen.clone()>{i.t(T::Reopen)}</button>
                                }.into_any()
                            }
                            None => view! {
                                <button class="secondary small" data-testid="alert-note-open" on:click={
                                    let k = k1.clone();
                                    move |_| { note.set(String::new()); until.set(String::new()); editing.set(Some(k.clone())); }
                                }>{i.t(T::AckOrSnooze)}</button>
                            }.into_any(),
                        }}
                        {move || (editing.get().as_deref() == Some(k5.as_str())).then(|| view! {
                            <div class="alert-form" data-testid="alert-form">
                                <label>
                                    <span>{i.t(T::Note)}</span>
                                    <input type="text" data-testid="alert-note-text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                                </label>
                                <button class="small" data-testid="alert-ack" on:click=ack.clone()>{i.t(T::Acknowledge)}</button>
                                <label>
                                    <span>{i.t(T::SnoozeUntil)}</span>
                                    <input type="date" data-testid="alert-until" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/>
                                </label>
                                <button class="small secondary" data-testid="alert-snooze" on:click=snooze.clone()>{i.t(T::Snooze)}</button>
                                <button class="small secondary" on:click=move |_| editing.set(None)>{i.t(T::Cancel)}</button>
                            </div>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="alerts cards" data-testid="alert-table">
                <thead>
                    <tr>
                        <th>{move || i.t(T::Severity)}</th>
                        <th>{move || i.t(T::Rule)}</th>
                        <th>{move || i.t(T::Buyer)}</th>
                        <th>{move || i.t(T::Evidence)}</th>
                        <th>{move || i.t(T::SuggestedAction)}</th>
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
        let notes = app.alert_notes();
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
                    <span class="sev sev-critical" data-testid="count-critical">{move || i.t(T::SevCritical)} " " {c}</span>
                    <span class="sev sev-warning" data-testid="count-warning">{move || i.t(T::SevWarning)} " " {w}</span>
                    <span class="sev sev-info" data-testid="count-info">{move || i.t(T::SevInfo)} " " {n}</span>
                </div>
                {if empty {
                    view! { <p class="muted" data-testid="no-alerts">{move || i.t(T::NothingToday)}</p> }.into_any()
                } else {
                    view! { <AlertTable rows=top portfolio=p/> }.into_any()
                }}
                <p><A href="/alerts"><span data-testid="all-alerts-link">{move || i.t(T::AllAlertsLink)}</span></A></p>
            }
            .into_any(),
        )
    };
    view! {
        <section class="panel" data-testid="alerts-panel">
            <h2>{move || i.t(T::PanelTitle)}</h2>
            {body}
        </section>
    }
}
