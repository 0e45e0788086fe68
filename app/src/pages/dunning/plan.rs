//! The plan for the report date: its lines with their filters, "mark as
//! done", the exports (the plan as CSV, every letter as text or HTML), the
//! steps scheduled next and the paused (disputed) invoices.

use std::collections::BTreeSet;
use std::sync::Arc;

use credit_core::dunning::{letter, Channel, DunningAction, Letter, LogEntry};
use credit_core::export::{letters_html, letters_text, plan_csv};
use leptos::prelude::*;
use leptos_router::components::A;

use super::letter::LetterPreview;
use super::{key, plan_memo};
use crate::browser;
use crate::dunning as store;
use crate::format;
use crate::i18n::dunning::{self as i18n, core_lang, D};
use crate::i18n::{text, use_i18n};
use crate::state::{use_app, Open};

#[component]
pub(super) fn PlanPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let cur = portfolio.base_currency();
    let name = portfolio.name.clone();
    let planned = plan_memo(app, portfolio);
    let action = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let selected: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let preview: RwSignal<Option<String>> = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let done_msg: RwSignal<Option<String>> = RwSignal::new(None);
    // The stored log could not be read, so "mark as done" wrote nothing.
    let done_err = RwSignal::new(false);
    let unreadable =
        Memo::new(move |_| app.extras.with(|x| store::appended(x, Vec::new()).is_err()));
    // Lines shown after the filters.
    let shown = Memo::new(move |_| {
        let Ok(pl) = planned.get() else {
            return Vec::new();
        };
        let a = action.get();
        let q = search.get().trim().to_lowercase();
        pl.items
            .iter()
            .filter(|it| a.is_empty() || it.step.actions.first().is_some_and(|x| x.key() == a))
            .filter(|it| {
                q.is_empty()
                    || it.customer_name.to_lowercase().contains(&q)
                    || it.customer_id.to_lowercase().contains(&q)
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    let mark_done = move |_| {
        let Ok(pl) = planned.get_untracked() else {
            return;
        };
        let sel = selected.get_untracked();
        let d = app.as_of.get_untracked();
        let n = note.get_untracked();
        let ch = channel.get_untracked();
        let entries: Vec<LogEntry> = pl
            .items
            .iter()
            .filter(|it| sel.contains(&key(it)))
            .map(|it| {
                let used = Channel::ALL
                    .into_iter()
                    .find(|c| c.key() == ch)
                    .unwrap_or(it.step.channel);
                LogEntry::for_item(it, d, used, &n)
            })
            .collect();
        if entries.is_empty() {
            return;
        }
        let count = entries.len();
        done_err.set(false);
        let kept = app.record_dunning(entries, move || {
            selected.set(BTreeSet::new());
            note.set(String::new());
            done_msg.set(Some(i18n::marked_done(i.lang.get_untracked(), count)));
        });
        if kept.is_err() {
            done_msg.set(None);
            done_err.set(true);
        }
    };
    let name2 = name.clone();
    let export_csv = move |_| {
        if let Ok(pl) = planned.get_untracked() {
            let lang = i.lang.get_untracked();
            let file = browser::export_file_name("dunning-plan", &name2, pl.as_of);
            let _ = browser::download(
                &file,
                "text/csv;charset=utf-8",
                &plan_csv(&pl, core_lang(lang)),
            );
        }
    };
    let name3 = StoredValue::new(name.clone());
    let export_letters = move |html: bool| {
        let Ok(pl) = planned.get_untracked() else {
            return;
        };
        let lang = i.lang.get_untracked();
        let s = app.extras.with_untracked(store::settings);
        let letters: Vec<Letter> = pl
            .items
            .iter()
            .filter_map(|it| letter(it, core_lang(lang), &s.letter, pl.as_of).ok())
            .collect();
        let stem = browser::export_file_name("dunning-letters", &name3.get_value(), pl.as_of);
        let stem = stem.trim_end_matches(".csv");
        if html {
            let _ = browser::download(
                &format!("{stem}.html"),
                "text/html;charset=utf-8",
                &letters_html(&letters, core_lang(lang)),
            );
        } else {
            let _ = browser::download(
                &format!("{stem}.txt"),
                "text/plain;charset=utf-8",
                &letters_text(&letters),
            );
        }
    };
    let table = move || {
        let lang = i.lang.get();
        let pl = match planned.get() {
            Ok(p) => p,
            Err(e) => {
                return view! { <p class="error" role="alert" data-testid="plan-error">{move || i18n::dunning_error(i.lang(), &e)}</p> }
                    .into_any()
            }
        };
        let rows = shown.get();
        if rows.is_empty() {
            return view! { <p class="muted" data-testid="plan-empty">{i18n::nothing_to_send(lang, pl.as_of)}</p> }.into_any();
        }
        let body = rows
            .into_iter()
            .map(|it| {
                let k = key(&it);
                let k1 = k.clone();
                let k2 = k.clone();
                let k3 = k.clone();
                let href = crate::format::customer_href(&it.customer_id);
                let next = it.next.map(|(n, d)| i18n::next_step(lang, n, d)).unwrap_or_default();
                let ids = it.invoices.iter().map(|x| x.id.as_str()).collect::<Vec<_>>().join(", ");
                view! {
                    <tr data-testid="plan-row" data-customer=it.customer_id.clone() data-step=it.step_index.to_string()>
                        <td><input type="checkbox" data-testid="plan-select" aria-label=i18n::select_step(lang, &it.customer_name, it.step_index)
                            prop:checked=move || selected.with(|s| s.contains(&k1))
                            on:change=move |ev| { let on = event_target_checked(&ev); let k = k2.clone(); selected.update(|s| { if on { s.insert(k); } else { s.remove(&k); } }); }/></td>
                        <td><A href=href>{it.customer_name.clone()}</A><div class="muted small">{it.customer_id.clone()}</div></td>
                        <td class="wrap" data-testid="plan-step">{i18n::step_text(lang, it.step_index, &it.step)}</td>
                        <td class="small wrap" data-testid="plan-invoices">{ids}</td>
                        <td class="num">{format::amount(it.total_open, cur)}</td>
                        <td class="num" data-testid="plan-interest">{format::amount(it.interest, cur)}</td>
                        <td class="num">{format::amount(it.compensation, cur)}</td>
                        <td class="small" data-testid="plan-next">{next}</td>
                        <td><button class="link" data-testid="plan-letter" on:click=move |_| preview.set(Some(k3.clone()))>{text(lang, D::Letter)}</button></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="plan-table">
                    <thead><tr>
                        <th></th>
                        <th>{text(lang, D::Buyer)}</th>
                        <th>{text(lang, D::Step)}</th>
                        <th>{text(lang, D::Invoices)}</th>
                        <th class="num">{text(lang, D::Open)} " (" {cur.to_string()} ")"</th>
                        <th class="num">{text(lang, D::Interest)}</th>
                        <th class="num">{text(lang, D::Compensation)}</th>
                        <th>{text(lang, D::Next)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let letter_view = move || {
        let k = preview.get()?;
        let pl = planned.get().ok()?;
        let it = pl.items.iter().find(|it| key(it) == k)?.clone();
        Some(
            view! { <LetterPreview item=it as_of=pl.as_of on_close=Callback::new(move |_| preview.set(None))/> },
        )
    };
    let side = move || {
        let lang = i.lang.get();
        let pl = planned.get().ok()?;
        let paused = pl
            .paused
            .iter()
            .map(|x| {
                view! {
                    <tr data-testid="paused-row">
                        <td>{x.customer_id.clone()}</td>
                        <td>{x.invoice_id.clone()}</td>
                        <td>{format::date(x.since, lang)}</td>
                        <td>{x.reason.clone()}</td>
                        <td class="num">{format::money(x.open, x.currency)}</td>
                    </tr>
                }
            })
            .collect_view();
        let upcoming = pl
            .upcoming
            .iter()
            .map(|u| {
                let s = app.extras.with(store::settings);
                let step = s.policy_for(&u.customer_id).steps.get(u.step_index).map(|st| i18n::step_text(lang, u.step_index, st)).unwrap_or_default();
                view! {
                    <tr data-testid="upcoming-row" data-customer=u.customer_id.clone() data-step=u.step_index.to_string()>
                        <td>{format::date(u.date, lang)}</td>
                        <td>{u.customer_name.clone()}</td>
                        <td>{step}</td>
                        <td class="small">{u.invoice_ids.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <details class="panel-sub" open=true>
                <summary>{text(lang, D::ScheduledNext)} " (" {pl.upcoming.len()} ")"</summary>
                <div class="table-wrap" tabindex="0"><table data-testid="upcoming-table">
                    <thead><tr><th>{text(lang, D::Date)}</th><th>{text(lang, D::Buyer)}</th><th>{text(lang, D::Step)}</th><th>{text(lang, D::Invoices)}</th></tr></thead>
                    <tbody>{upcoming}</tbody>
                </table></div>
            </details>
            <details class="panel-sub">
                <summary>{text(lang, D::PausedDisputed)} " (" {pl.paused.len()} ")"</summary>
                <div class="table-wrap" tabindex="0"><table data-testid="paused-table">
                    <thead><tr><th>{text(lang, D::Buyer)}</th><th>{text(lang, D::Invoice)}</th><th>{text(lang, D::Since)}</th><th>{text(lang, D::Reason)}</th><th class="num">{text(lang, D::Open)}</th></tr></thead>
                    <tbody>{paused}</tbody>
                </table></div>
            </details>
        })
    };
    view! {
        <section class="panel no-print" data-testid="plan-panel">
            <h2>{move || i.t(D::PlanTitle)}</h2>
            <p class="muted">{move || i.t(D::PlanHelp)}</p>
            <div class="filters">
                <label>
                    <span>{move || i.t(D::Action)}</span>
                    <select data-testid="plan-action" on:change=move |ev| action.set(event_target_value(&ev))>
                        <option value="">{move || i.t(D::All)}</option>
                        {move || { let d = core_lang(i.lang.get()); DunningAction::ALL.into_iter().map(|a| view! { <option value=a.key()>{a.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(D::Buyer)}</span>
                    <input type="search" data-testid="plan-search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <button data-testid="plan-export-csv" on:click=export_csv>{move || i.t(D::ExportPlanCsv)}</button>
                <button data-testid="letters-export-txt" on:click=move |_| export_letters(false)>{move || i.t(D::LettersText)}</button>
                <button data-testid="letters-export-html" on:click=move |_| export_letters(true)>{move || i.t(D::LettersHtml)}</button>
            </div>
            {table}
            <div class="filters mark-done">
                <label>
                    <span>{move || i.t(D::Channel)}</span>
                    <select data-testid="done-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                        <option value="">{move || i.t(D::StepsChannel)}</option>
                        {move || { let d = core_lang(i.lang.get()); Channel::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
                <label class="grow">
                    <span>{move || i.t(D::Note)}</span>
                    <input type="text" data-testid="done-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                </label>
                <button class="primary" data-testid="mark-done" disabled=move || selected.with(BTreeSet::is_empty) on:click=mark_done>
                    {move || i18n::mark_done(i.lang(), selected.with(BTreeSet::len))}
                </button>
                {move || done_msg.get().map(|m| view! { <span class="ok" data-testid="done-msg">{m}</span> })}
                {move || (done_err.get() || unreadable.get()).then(|| view! { <span class="error" role="alert" data-testid="done-error">{move || i.t(D::LogUnreadable)}</span> })}
            </div>
            {side}
        </section>
        {letter_view}
    }
}
