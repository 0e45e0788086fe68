//! The claim simulator: a buyer, the event, its date and recoveries → the
//! waterfall step by step and what stays with the policyholder; the
//! buyer's claim readiness checklist (papers ticked here are kept with the
//! portfolio).

use std::collections::BTreeSet;
use std::sync::Arc;

use credit_core::dates::parse_iso;
use credit_core::insurance::{
    readiness, simulate_claim, step_label, ClaimInput, DefaultEvent, Doc, DocState,
};
use credit_core::money::parse_amount;
use credit_core::Decimal;
use leptos::prelude::*;

use super::CoverReport;
use crate::format;
use crate::i18n::insurance::{self as t, In};
use crate::i18n::{text, use_i18n};
use crate::insurance::{self as store, lang as il, DOCS_KEY};
use crate::state::{use_app, Open};

#[component]
pub(super) fn ClaimPanel(portfolio: Arc<Open>, report: CoverReport) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let buyer = RwSignal::new(String::new());
    let event = RwSignal::new(DefaultEvent::ProtractedDefault);
    let date = RwSignal::new(String::new());
    let recoveries = RwSignal::new("0".to_string());
    let losses = RwSignal::new("0".to_string());
    let paid = RwSignal::new("0".to_string());
    // Buyers with something open, largest first.
    let options = Memo::new(move |_| {
        report
            .get()
            .map(|c| {
                c.buyers
                    .iter()
                    .filter(|b| b.open > Decimal::ZERO)
                    .map(|b| {
                        (
                            b.customer_id.clone(),
                            format!("{} · {}", b.name, b.customer_id),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let p = portfolio.clone();
    let result = Memo::new(move |_| {
        let id = buyer.get();
        if id.is_empty() {
            return None;
        }
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        let read = |v: String, field: In| {
            parse_amount(v.trim(), false).map_err(|_| t::not_an_amount(lang, field, &v))
        };
        let day = {
            let t = date.get();
            if t.trim().is_empty() {
                Ok(as_of)
            } else {
                parse_iso(t.trim()).ok_or_else(|| t::not_a_date(lang, &t))
            }
        };
        let input = (|| {
            Ok::<_, String>(ClaimInput {
                customer_id: id.clone(),
                event: event.get(),
                date: day?,
                recoveries: read(recoveries.get(), In::Recoveries)?,
                losses_this_year: read(losses.get(), In::LossesThisYear)?,
                paid_this_year: read(paid.get(), In::PaidThisYear)?,
            })
        })();
        let input = match input {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let (pol, n) = app.extras.with(|x| (store::policy(x), store::notified(x)));
        Some(
            simulate_claim(&p, as_of, &pol, &n, &input)
                .map(Arc::new)
                .map_err(|e| crate::i18n::insurance::insurance_error(lang, &e)),
        )
    });
    let cur = portfolio.base_currency();
    let waterfall = move || {
        let lang = i.lang.get();
        match result.get()? {
            Err(e) => Some(
                view! { <p class="error" role="alert" data-testid="claim-error">{e}</p> }
                    .into_any(),
            ),
            Ok(c) => {
                // The last line, the indemnity, is the bold total below.
                let steps = c
                    .steps
                    .iter()
                    .filter(|s| s.key != "indemnity")
                    .map(|s| {
                        view! {
                            <tr data-testid="claim-step" data-key=s.key.to_string()>
                                <td>{step_label(&s.key, il(lang))}</td>
                                <td class="num">{format::amount(s.amount, cur)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="claim-table">
                            <tbody>{steps}</tbody>
                            <tfoot>
                                <tr class="strong"><td>{text(lang, In::Indemnity)}</td><td class="num" data-testid="claim-indemnity">{format::amount(c.indemnity, cur)}</td></tr>
                                <tr><td>{text(lang, In::StaysWithYou)}</td><td class="num" data-testid="claim-retained">{format::amount(c.retained, cur)}</td></tr>
                            </tfoot>
                        </table>
                    </div>
                    {c.below_nql.then(|| {
                        // Why nothing is paid: no limit, recoveries took it all, or the NQL.
                        let why = text(lang, if c.insured_limit.is_zero() {
                            In::NoLimit
                        } else if c.eligible.is_zero() {
                            In::NothingLeft
                        } else {
                            In::BelowNql
                        });
                        view! { <p class="warn" data-testid="claim-below-nql">{why}</p> }
                    })}
                    <p data-testid="claim-dates">{t::claim_dates(lang, &format::date(c.payable_from, lang), &format::date(c.file_by, lang))}</p>
                    {(!c.excluded.is_empty()).then(|| view! { <p class="muted" data-testid="claim-excluded">{t::claim_excluded(lang, &c.excluded.iter().map(|x| x.invoice_id.as_str()).collect::<Vec<_>>())}</p> })}
                }.into_any())
            }
        }
    };
    let p = portfolio.clone();
    let checklist = move || {
        let id = buyer.get();
        if id.is_empty() {
            return None;
        }
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        let (pol, n, docs, log) = app.extras.with(|x| {
            (
                store::policy(x),
                store::notified(x),
                store::docs(x),
                crate::dunning::log(x),
            )
        });
        let ticked: BTreeSet<Doc> = docs.get(&id).cloned().unwrap_or_default();
        let logged = log.iter().any(|e| e.customer_id == id);
        let legal = event.get() == DefaultEvent::Insolvency;
        let r = match readiness(&p, as_of, &pol, &id, &ticked, logged, &n, legal) {
            Ok(r) => r,
            Err(e) => return Some(
                view! { <p class="error">{crate::i18n::insurance::insurance_error(lang, &e)}</p> }
                    .into_any(),
            ),
        };
        let items = r
            .items
            .iter()
            .map(|it| {
                let doc = it.doc;
                let has = ticked.contains(&doc);
                let id = id.clone();
                let tickable = matches!(doc, Doc::Contract | Doc::ProofOfDelivery | Doc::DunningRecord | Doc::InsolvencyOrLegal);
                let state = match it.state {
                    DocState::Have => ("ok", text(lang, In::Have)),
                    DocState::Missing => ("error", text(lang, In::Missing)),
                    DocState::NotNeeded => ("muted", text(lang, In::NotNeeded)),
                };
                view! {
                    <li data-testid="readiness-item" data-doc=doc.key() data-state=state.1>
                        {tickable.then(|| view! {
                            <input type="checkbox" data-testid="readiness-tick" prop:checked=has on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut all = app.extras.with_untracked(store::docs);
                                let set = all.entry(id.clone()).or_default();
                                if on { set.insert(doc); } else { set.remove(&doc); }
                                app.set_extra(DOCS_KEY, &all);
                            }/>
                        })}
                        " " <strong>{doc.label(il(lang))}</strong> " — " <span class=state.0>{state.1}</span>
                        " " <span class="muted small">{t::paper_why(lang, it)}</span>
                    </li>
                }
            })
            .collect_view();
        let head = if r.ready {
            text(lang, In::ReadyToFile).to_string()
        } else {
            t::papers_missing(lang, r.missing)
        };
        Some(
            view! {
                <h3>{text(lang, In::ClaimReadiness)}</h3>
                <p data-testid="readiness-summary" class:ok=r.ready class:warn=!r.ready>{head}</p>
                <ul class="checklist" data-testid="readiness">{items}</ul>
            }
            .into_any(),
        )
    };
    let input = move |label: In, id: &'static str, sig: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{move || i.t(label)}</span>
                <input type="text" data-testid=id prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <section class="panel" data-testid="claim-panel">
            <h2>{move || i.t(In::ClaimSimulator)}</h2>
            <p class="muted">{move || i.t(In::ClaimNote)}</p>
            <div class="form-grid">
                <label class="field">
                    <span>{move || i.t(In::Buyer)}</span>
                    <select data-testid="claim-buyer" on:change=move |ev| buyer.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || options.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || i.t(In::Event)}</span>
                    <select data-testid="claim-event" on:change=move |ev| event.set(if event_target_value(&ev) == "insolvency" { DefaultEvent::Insolvency } else { DefaultEvent::ProtractedDefault })>
                        <option value="protracted">{move || i.t(In::ProtractedDefault)}</option>
                        <option value="insolvency">{move || i.t(In::Insolvency)}</option>
                    </select>
                </label>
                {input(In::ClaimDate, "claim-date", date)}
                {input(In::Recoveries, "claim-recoveries", recoveries)}
                {input(In::ClaimLosses, "claim-losses", losses)}
                {input(In::ClaimPaid, "claim-paid", paid)}
            </div>
            {waterfall}
            {checklist}
        </section>
    }
}
