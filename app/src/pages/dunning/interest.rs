//! Late interest and letterhead: the regime, the reference rates with
//! their dates, a contract rate, the letterhead and days to pay; each field
//! checked by the core ([`SettingsText::apply`]).

use credit_core::dunning::{DunningSettings, Regime, SettingsText};
use leptos::prelude::*;

use crate::components::settings_form::{error_list, saved_note, FormText, SettingsForm};
use crate::dunning::{self as store, SETTINGS_KEY};
use crate::i18n::dunning::{self as i18n, core_lang, D};
use crate::i18n::{use_i18n, Lang};

impl FormText for SettingsText {
    type Value = DunningSettings;

    fn of(s: &DunningSettings) -> Self {
        SettingsText::of(s)
    }

    fn apply(&self, base: DunningSettings, lang: Lang) -> Result<DunningSettings, Vec<String>> {
        SettingsText::apply(self, base)
            .map_err(|v| v.iter().map(|e| i18n::settings_error(lang, e)).collect())
    }
}

/// The late-interest and letterhead settings, edited.
#[component]
pub(super) fn InterestPanel() -> impl IntoView {
    let i = use_i18n();
    let form = SettingsForm::<SettingsText>::new(SETTINGS_KEY, store::settings);
    let SettingsForm {
        current,
        typed,
        errors,
        saved,
        ..
    } = form;
    let save = move |_| form.save();
    let field =
        move |label: D,
              id: &'static str,
              get: fn(&SettingsText) -> String,
              put: fn(&mut SettingsText, String)| { form.text(label, id, get, put) };
    let rates = move || {
        let n = typed.with(|t| t.rates.len());
        (0..n)
            .map(|k| view! {
                <div class="filters" data-testid="ref-rate">
                    <input type="date" data-testid="ref-rate-from" prop:value=move || typed.with(|t| t.rates.get(k).map(|r| r.0.clone()).unwrap_or_default())
                        on:change=move |ev| { saved.set(false); let v = event_target_value(&ev); typed.update(|t| if let Some(r) = t.rates.get_mut(k) { r.0 = v }) }/>
                    <input type="text" class="short" data-testid="ref-rate-value" prop:value=move || typed.with(|t| t.rates.get(k).map(|r| r.1.clone()).unwrap_or_default())
                        on:input=move |ev| { saved.set(false); let v = event_target_value(&ev); typed.update(|t| if let Some(r) = t.rates.get_mut(k) { r.1 = v }) }/>
                    "%"
                    <button class="link" on:click=move |_| { saved.set(false); typed.update(|t| { if k < t.rates.len() { t.rates.remove(k); } }) }>{move || i.t(D::Remove)}</button>
                </div>
            })
            .collect_view()
    };
    view! {
        <section class="panel no-print" data-testid="interest-panel">
            <h2>{move || i.t(D::InterestTitle)}</h2>
            <p class="muted">{move || i.t(D::InterestHelp)}</p>
            {move || (!current.with(|c| c.interest.has_rate())).then(|| view! {
                <p class="warn" data-testid="interest-no-rate">{move || i.t(D::NoRate)}</p>
            })}
            <div class="form-grid">
                <label class="field">
                    <span>{move || i.t(D::Regime)}</span>
                    <select data-testid="interest-regime" on:change=move |ev| { saved.set(false); if let Some(r) = Regime::from_key(&event_target_value(&ev)) { typed.update(|t| t.regime = r) } }>
                        {move || { let d = core_lang(i.lang.get()); let cur = typed.with(|t| t.regime); Regime::ALL.into_iter().map(|r| view! { <option value=r.key() selected=r == cur>{r.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
                {field(D::ContractRate, "contract-rate", |t| t.contract.clone(), |t, v| t.contract = v)}
                <label class="check"><input type="checkbox" data-testid="china-daily" prop:checked=move || typed.with(|t| t.china_daily) on:change=move |ev| { saved.set(false); let v = event_target_checked(&ev); typed.update(|t| t.china_daily = v) }/>{move || i.t(D::ChinaDaily)}</label>
                <label class="check"><input type="checkbox" data-testid="compensation" prop:checked=move || typed.with(|t| t.compensation) on:change=move |ev| { saved.set(false); let v = event_target_checked(&ev); typed.update(|t| t.compensation = v) }/>{move || i.t(D::ChargeCompensation)}</label>
            </div>
            <h3>{move || i.t(D::ReferenceRates)}</h3>
            {rates}
            <button data-testid="ref-rate-add" on:click=move |_| { saved.set(false); typed.update(|t| t.rates.push((String::new(), String::new()))) }>{move || i.t(D::AddRate)}</button>
            <h3>{move || i.t(D::Letterhead)}</h3>
            <div class="form-grid">
                {field(D::Company, "letter-company", |t| t.company.clone(), |t, v| t.company = v)}
                {field(D::Address, "letter-address", |t| t.address.clone(), |t, v| t.address = v)}
                {field(D::Contact, "letter-contact", |t| t.contact.clone(), |t, v| t.contact = v)}
                {field(D::BankDetails, "letter-bank", |t| t.bank.clone(), |t, v| t.bank = v)}
                {field(D::DaysToPay, "letter-pay-within", |t| t.pay_within.clone(), |t, v| t.pay_within = v)}
            </div>
            <div class="filters">
                <button class="primary" data-testid="interest-save" on:click=save>{move || i.t(D::Save)}</button>
                {saved_note(saved, "interest-saved")}
            </div>
            {error_list(errors, "interest-errors")}
        </section>
    }
}
