//! The policy form: every term of the policy, read and checked by the core
//! (`credit_core::insurance::PolicyText`), and a buyer's insured limit set
//! on the policy.

use std::sync::Arc;

use credit_core::insurance::{parse_limit, Policy, PolicyText};
use leptos::prelude::*;

use crate::components::settings_form::{error_list, saved_note, FormText, SettingsForm};
use crate::format;
use crate::i18n::insurance::{form_error, In};
use crate::i18n::{use_i18n, Lang};
use crate::insurance::{self as store, POLICY_KEY};
use crate::state::{use_app, Open};

impl FormText for PolicyText {
    type Value = Policy;

    fn of(p: &Policy) -> Self {
        PolicyText::of(p)
    }

    /// The policy with these values, or each field that cannot be read or
    /// is out of its bounds, in the user's language.
    fn apply(&self, p: Policy, lang: Lang) -> Result<Policy, Vec<String>> {
        PolicyText::apply(self, p).map_err(|v| v.iter().map(|e| form_error(lang, e)).collect())
    }
}

#[component]
pub(super) fn PolicyForm(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let form = SettingsForm::<PolicyText>::new(POLICY_KEY, store::policy);
    let SettingsForm {
        current,
        errors,
        saved,
        ..
    } = form;
    let save = move |_| form.save();
    let field =
        move |label: In,
              id: &'static str,
              get: fn(&PolicyText) -> String,
              put: fn(&mut PolicyText, String)| { form.text(label, id, get, put) };
    // A buyer's insured limit.
    let buyer = RwSignal::new(String::new());
    let limit = RwSignal::new(String::new());
    let limit_error: RwSignal<Option<String>> = RwSignal::new(None);
    let set_limit = move |remove: bool| {
        let lang = i.lang.get_untracked();
        let id = buyer.get_untracked();
        if id.is_empty() {
            return;
        }
        let mut p = current.get_untracked();
        if remove {
            p.limits.remove(&id);
        } else {
            let v = limit.get_untracked();
            match parse_limit(&v) {
                Ok(x) => {
                    p.limits.insert(id, x);
                }
                Err(e) => {
                    limit_error.set(Some(form_error(lang, &e)));
                    return;
                }
            }
        }
        limit_error.set(None);
        limit.set(String::new());
        app.set_extra(POLICY_KEY, &p);
    };
    let mut options: Vec<(String, String)> = portfolio
        .customers
        .iter()
        .map(|c| (c.id.clone(), format!("{} · {}", c.name, c.id)))
        .collect();
    credit_core::sorting::sort_by(&mut options, |a, b| a.1.cmp(&b.1));
    let cur = portfolio.base_currency();
    let overrides = move || {
        let p = current.get();
        (!p.limits.is_empty()).then(|| {
            let items = p
                .limits
                .iter()
                .map(|(id, x)| view! { <li data-testid="limit-override">{id.clone()} ": " {format::money(*x, cur)}</li> })
                .collect_view();
            view! { <p class="muted">{i.t(In::LimitsSetHere)}</p><ul>{items}</ul> }
        })
    };
    view! {
        <section class="panel" data-testid="policy-form">
            <h2>{move || i.t(In::PolicyTitle)}</h2>
            <p class="muted">{move || if app.extras.with(store::has_policy) {
                i.t(In::AmountsNote)
            } else {
                i.t(In::NoPolicyNote)
            }}</p>
            <div class="form-grid">
                {field(In::PolInsurer, "pol-insurer", |t| t.insurer.clone(), |t, v| t.insurer = v)}
                {field(In::PolNumber, "pol-number", |t| t.number.clone(), |t, v| t.number = v)}
                {field(In::PolPct, "pol-pct", |t| t.pct.clone(), |t, v| t.pct = v)}
                {field(In::PolNql, "pol-nql", |t| t.nql.clone(), |t, v| t.nql = v)}
                {field(In::PolAfl, "pol-afl", |t| t.afl.clone(), |t, v| t.afl = v)}
                {field(In::PolMax, "pol-max", |t| t.max_liability.clone(), |t, v| t.max_liability = v)}
                {field(In::PolRate, "pol-rate", |t| t.rate.clone(), |t, v| t.rate = v)}
                {field(In::PolMinPremium, "pol-min-premium", |t| t.min_premium.clone(), |t, v| t.min_premium = v)}
                {field(In::PolTurnover, "pol-turnover", |t| t.turnover.clone(), |t, v| t.turnover = v)}
                {field(In::PolMep, "pol-mep", |t| t.mep.clone(), |t, v| t.mep = v)}
                {field(In::PolNotify, "pol-notify", |t| t.notify.clone(), |t, v| t.notify = v)}
                {field(In::PolProtracted, "pol-protracted", |t| t.protracted.clone(), |t, v| t.protracted = v)}
                {field(In::PolFiling, "pol-filing", |t| t.filing.clone(), |t, v| t.filing = v)}
                {field(In::PolYearStart, "pol-year-start", |t| t.year_start.clone(), |t, v| t.year_start = v)}
                {field(In::PolLgd, "pol-lgd", |t| t.lgd.clone(), |t, v| t.lgd = v)}
            </div>
            <div class="filters">
                <button class="primary" data-testid="policy-save" on:click=save>{move || i.t(In::SavePolicy)}</button>
                {saved_note(saved, "policy-saved")}
            </div>
            {error_list(errors, "policy-errors")}
            <h3>{move || i.t(In::BuyerLimitTitle)}</h3>
            <div class="filters">
                <label>
                    <span>{move || i.t(In::Buyer)}</span>
                    <select data-testid="limit-buyer" on:change=move |ev| buyer.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(In::InsuredLimit)}</span>
                    <input type="text" data-testid="limit-amount" prop:value=move || limit.get() on:input=move |ev| limit.set(event_target_value(&ev))/>
                </label>
                <button data-testid="limit-set" on:click=move |_| set_limit(false)>{move || i.t(In::SetLimit)}</button>
                <button class="secondary" data-testid="limit-remove" on:click=move |_| set_limit(true)>{move || i.t(In::UseLedgers)}</button>
            </div>
            {move || limit_error.get().map(|e| view! { <p class="error" role="alert" data-testid="limit-error">{e}</p> })}
            {overrides}
        </section>
    }
}
