//! The deadlines panel (the insurer's deadlines of every overdue insured
//! invoice, those of the next seven days first, and the "notified" button)
//! and the dashboard's list of the week's deadlines.

use std::sync::Arc;

use credit_core::insurance::{deadlines, due_within, Deadline, Notification};
use credit_core::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::format;
use crate::i18n::insurance::{self as t, deadline_kind, In};
use crate::i18n::{text, use_i18n};
use crate::insurance::{self as store, NOTIFIED_KEY};
use crate::state::{use_app, Open};

#[component]
pub(super) fn DeadlinesPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let p = portfolio.clone();
    let list = Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let (pol, n) = app.extras.with(|x| (store::policy(x), store::notified(x)));
            deadlines(&p, d, &pol, &n).map(Arc::new)
        },
        crate::state::changed,
    );
    let cur = portfolio.base_currency();
    let notify = move |customer_id: String, invoice_id: String| {
        let d = app.as_of.get_untracked();
        let mut n = app.extras.with_untracked(store::notified);
        if !n
            .iter()
            .any(|x| x.invoice_id == invoice_id && x.customer_id == customer_id)
        {
            n.push(Notification {
                customer_id,
                invoice_id,
                date: d,
            });
            app.set_extra(NOTIFIED_KEY, &n);
        }
    };
    move || {
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        let all = match list.get() {
            Ok(v) => v,
            Err(e) => return view! { <section class="panel"><p class="error" data-testid="deadlines-error">{crate::i18n::insurance::insurance_error(lang, &e)}</p></section> }.into_any(),
        };
        let week: Vec<_> = due_within(&all, as_of, 7).into_iter().cloned().collect();
        let row = move |d: Deadline, testid: &'static str| {
            let (cid, iid) = (d.customer_id.clone(), d.invoice_id.clone());
            let next = d
                .next
                .map(|(k, day)| {
                    format!(
                        "{} {}",
                        text(lang, deadline_kind(k)),
                        format::date(day, lang)
                    )
                })
                .unwrap_or_default();
            let notified = d.notified;
            view! {
                <tr data-testid=testid data-invoice=d.invoice_id.clone() data-notify-by=d.notify_by.to_string() class:late=d.late>
                    <td data-testid="deadline-next">{next}</td>
                    <td><A href=crate::format::customer_href(&d.customer_id)>{d.name.clone()}</A></td>
                    <td>{d.invoice_id.clone()}</td>
                    <td>{format::date(d.due_date, lang)}</td>
                    <td class="num">{format::amount(d.open, cur)}</td>
                    <td>{format::date(d.mep_end, lang)}</td>
                    <td>{format::date(d.notify_by, lang)}</td>
                    <td>{format::date(d.claim_payable, lang)}</td>
                    <td>{format::date(d.file_claim_by, lang)}</td>
                    <td>{match notified {
                        Some(day) => view! { <span class="ok" data-testid="notified">{format::date(day, lang)}</span> }.into_any(),
                        None => view! { <button class="link" data-testid="mark-notified" on:click=move |_| notify(cid.clone(), iid.clone())>{text(lang, In::MarkNotified)}</button> }.into_any(),
                    }}
                    {d.late.then(|| view! { <span class="badge badge-over" data-testid="late">{text(lang, In::Late)}</span> })}</td>
                </tr>
            }
        };
        let head = move || {
            view! {
                <thead><tr>
                    <th>{text(lang, In::ColNext)}</th>
                    <th>{text(lang, In::Buyer)}</th>
                    <th>{text(lang, In::ColInvoice)}</th>
                    <th>{text(lang, In::ColDue)}</th>
                    <th class="num">{text(lang, In::OpenWithoutVat)}</th>
                    <th>{text(lang, In::ColExtensionEnds)}</th>
                    <th>{text(lang, In::ColNotifyBy)}</th>
                    <th>{text(lang, In::ColClaimPayable)}</th>
                    <th>{text(lang, In::ColFileBy)}</th>
                    <th>{text(lang, In::ColNotification)}</th>
                </tr></thead>
            }
        };
        let week_rows = week
            .iter()
            .map(|d| row(d.clone(), "week-deadline"))
            .collect_view();
        let all_rows = all
            .iter()
            .take(300)
            .map(|d| row(d.clone(), "deadline-row"))
            .collect_view();
        view! {
            <section class="panel" data-testid="deadlines-panel">
                <h2>{text(lang, In::Deadlines)}</h2>
                <p class="muted">{text(lang, In::DeadlinesNote)}</p>
                <h3>{t::due_next_week(lang, week.len())}</h3>
                {if week.is_empty() {
                    view! { <p class="muted" data-testid="week-empty">{text(lang, In::NothingThisWeek)}</p> }.into_any()
                } else {
                    view! { <div class="table-wrap" tabindex="0"><table data-testid="week-table">{head()}<tbody>{week_rows}</tbody></table></div> }.into_any()
                }}
                <details class="panel-sub">
                    <summary>{t::all_deadlines(lang, all.len())}</summary>
                    <div class="table-wrap" tabindex="0"><table data-testid="deadlines-table">{head()}<tbody>{all_rows}</tbody></table></div>
                </details>
            </section>
        }
        .into_any()
    }
}

/// The insurer deadlines of the next seven days, for the dashboard.
#[component]
pub fn DeadlinesThisWeek(portfolio: Arc<Open>, as_of: NaiveDate) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let (pol, n) = app
        .extras
        .with_untracked(|x| (store::policy(x), store::notified(x)));
    let list = deadlines(&portfolio, as_of, &pol, &n).unwrap_or_default();
    let week: Vec<_> = due_within(&list, as_of, 7).into_iter().cloned().collect();
    (!week.is_empty()).then(move || {
        let rows = week.clone();
        view! {
            <section class="panel" data-testid="dashboard-deadlines">
                <h2>{move || t::dashboard_deadlines(i.lang(), rows.len())}</h2>
                <ul>
                    {week.iter().take(8).map(|d| {
                        let d = d.clone();
                        view! {
                            <li data-testid="dashboard-deadline">
                                {move || {
                                    let lang = i.lang.get();
                                    let next = d.next.map(|(k, day)| format!("{} {}", text(lang, deadline_kind(k)), format::date(day, lang))).unwrap_or_default();
                                    format!("{next} — {} · {}", d.name, d.invoice_id)
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <A href="/insurance">{move || i.t(In::OpenInsurancePage)}</A>
            </section>
        }
    })
}
