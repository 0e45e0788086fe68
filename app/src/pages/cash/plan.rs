//! Payment plans: the form for a buyer's overdue balance, the schedule, and
//! the plans saved with the portfolio (extras `cash.plans`) with where each
//! stands.

use std::sync::Arc;

use credit_core::cash::{
    overdue_balance, payment_plan, plan_state, CashError, FormError, Frequency, Plan, PlanForm,
    PlanInput, PlanState, SavedPlan,
};
use credit_core::money::{Currency, MoneyError};
use credit_core::Decimal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::cash::{self as t, C};
use crate::i18n::{text, use_i18n, Lang};
use crate::monitoring::{self, PLANS_KEY};
use crate::state::{use_app, Open};

/// Why the form gives no schedule: a field that cannot be read, or a plan
/// the rules refuse.
#[derive(Clone, PartialEq, Eq, Debug)]
enum Refusal {
    Form(FormError),
    Plan(CashError),
}

impl Refusal {
    fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Form(e) => t::form_error(lang, e),
            Refusal::Plan(e) => t::cash_error(lang, e),
        }
    }
}

/// The payment-plan panel.
#[component]
pub(super) fn PlanPanel(portfolio: Arc<Open>) -> impl IntoView {
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
        credit_core::sorting::sort_by(&mut v, |a, b| b.1.cmp(&a.1));
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
    // A currency of the buyer's overdue invoices without a rate: no
    // balance, no plan (never counted 1:1).
    let fx_error = RwSignal::new(None::<MoneyError>);
    let p = portfolio.clone();
    let choose = move |id: String| {
        match overdue_balance(&p, &id, app.as_of.get_untracked()) {
            Ok(o) => {
                balance.set(o.balance.round_dp(cur.minor_units()).to_string());
                fx_error.set(None);
            }
            Err(e) => {
                balance.set(String::new());
                fx_error.set(Some(e));
            }
        }
        buyer.set(id);
        saved_msg.set(None);
    };
    // The plan as typed, or what is wrong with it (field, value, reason).
    let plan = Memo::new(move |_| -> Option<Result<(PlanInput, Plan), Refusal>> {
        let as_of = app.as_of.get();
        if buyer.get().is_empty() || fx_error.with(Option::is_some) {
            return None;
        }
        let form = PlanForm {
            balance: balance.get(),
            count: count.get(),
            rate_percent: rate.get(),
            first: first.get(),
        };
        let input = match form.input(cur, freq.get(), as_of) {
            Ok(x) => x,
            Err(e) => return Some(Err(Refusal::Form(e))),
        };
        Some(
            payment_plan(&input)
                .map(|plan| (input, plan))
                .map_err(Refusal::Plan),
        )
    });
    let p = portfolio.clone();
    let save = move |_| {
        let Some(Ok((input, plan))) = plan.get_untracked() else {
            return;
        };
        let id = buyer.get_untracked();
        let invoice_ids = match overdue_balance(&p, &id, app.as_of.get_untracked()) {
            Ok(o) => o.invoice_ids,
            Err(e) => {
                fx_error.set(Some(e));
                return;
            }
        };
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
                view! { <p class="error" role="alert" data-testid="plan-error">{e.message(lang)}</p> }.into_any(),
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
                Some(view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="plan-table">
                            <thead><tr>
                                <th>"#"</th>
                                <th>{text(lang, C::Date)}</th>
                                <th class="num">{text(lang, C::Principal)}</th>
                                <th class="num">{text(lang, C::Interest)}</th>
                                <th class="num">{text(lang, C::Amount)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                            <tfoot><tr class="strong">
                                <td colspan="3">{text(lang, C::Total)}</td>
                                <td class="num">{format::amount(plan.interest, cur)}</td>
                                <td class="num" data-testid="plan-total">{format::amount(plan.total, cur)}</td>
                            </tr></tfoot>
                        </table>
                    </div>
                    <div class="actions">
                        <label>
                            <span>{text(lang, C::Note)}</span>
                            <input type="text" data-testid="plan-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                        </label>
                        <button data-testid="plan-save" on:click=save.clone()>{text(lang, C::SavePlan)}</button>
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
            return view! { <p class="muted" data-testid="no-plans">{move || i.t(C::NoPlans)}</p> }
                .into_any();
        }
        let rows = plans
            .into_iter()
            .map(|sp| {
                let name = p2.customer(&sp.customer_id).map(|c| c.name.clone()).unwrap_or_default();
                let state = plan_state(&sp, &p2, as_of);
                let money = |x: Decimal| format::money(x, cur);
                let (cls, text) = match state {
                    Ok(PlanState::OnTrack { paid, next }) => ("plan-ok", t::plan_on_track(lang, &money(paid), next.map(|n| (money(n.amount), format::date(n.date, lang))))),
                    Ok(PlanState::Missed { instalment, due, shortfall, rest_due }) => ("plan-missed", t::plan_missed(lang, instalment, &format::date(due, lang), &money(shortfall), &money(rest_due))),
                    Ok(PlanState::Completed { paid }) => ("plan-ok", t::plan_completed(lang, &money(paid))),
                    Err(e) => ("plan-missed", t::money_error(lang, &e)),
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
                        <td><button class="secondary small" data-testid="plan-delete" on:click=remove>{move || i.t(C::Delete)}</button></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="saved-plans">
                    <thead><tr>
                        <th>{text(lang, C::Buyer)}</th>
                        <th class="num">{text(lang, C::Instalments)}</th>
                        <th class="num">{text(lang, C::Total)}</th>
                        <th>{text(lang, C::State)}</th>
                        <th>{text(lang, C::Note)}</th>
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
            <h2>{move || i.t(C::PlanTitle)}</h2>
            <div class="form-grid">
                <label>
                    <span>{move || i.t(C::PlanBuyer)}</span>
                    <select data-testid="plan-buyer" on:change=move |ev| choose(event_target_value(&ev))>
                        <option value="">{move || i.t(C::Choose)}</option>
                        {move || buyers.get().unwrap_or_default().into_iter().map(|(id, due)| {
                            let name = p3.customer(&id).map(|c| c.name.clone()).unwrap_or_default();
                            view! { <option value=id.clone() selected=move || buyer.get() == id>{format!("{name} · {}", format::money(due, cur))}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(C::Balance)} " (" {cur.to_string()} ")"</span>
                    <input type="text" inputmode="decimal" data-testid="plan-balance" prop:value=move || balance.get() on:input=move |ev| balance.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || i.t(C::Instalments)}</span>
                    <input type="text" inputmode="numeric" data-testid="plan-count" prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || i.t(C::Every)}</span>
                    <select data-testid="plan-frequency" on:change=move |ev| freq.set(match event_target_value(&ev).as_str() {
                        "weekly" => Frequency::Weekly,
                        "fortnightly" => Frequency::Fortnightly,
                        _ => Frequency::Monthly,
                    })>
                        <option value="monthly">{move || i.t(C::Monthly)}</option>
                        <option value="fortnightly">{move || i.t(C::Fortnightly)}</option>
                        <option value="weekly">{move || i.t(C::Weekly)}</option>
                    </select>
                </label>
                <label>
                    <span>{move || i.t(C::FirstInstalment)}</span>
                    <input type="date" data-testid="plan-first" prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{move || i.t(C::InterestRate)}</span>
                    <input type="text" inputmode="decimal" data-testid="plan-rate" prop:value=move || rate.get() on:input=move |ev| rate.set(event_target_value(&ev))/>
                </label>
            </div>
            {move || fx_error.get().map(|e| view! { <p class="error" role="alert" data-testid="plan-fx-error">{move || t::money_error(i.lang(), &e)}</p> })}
            {schedule}
            {move || saved_msg.get().map(|id| view! { <p class="ok" role="status" data-testid="plan-saved">{move || t::plan_saved(i.lang(), &id)}</p> })}
            <h3>{move || i.t(C::SavedPlans)}</h3>
            {saved}
        </section>
    }
}
