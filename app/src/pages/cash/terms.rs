//! Terms: the cost of an early-payment discount and the DSO and cash
//! effect of other terms for a buyer or the whole portfolio.

use std::sync::Arc;

use credit_core::cash::{discount_cost, parse_terms_days, terms_effect, Discount, Field};
use credit_core::Decimal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::cash::{self as t, C};
use crate::i18n::{text, use_i18n, K};
use crate::state::{use_app, Open};

/// The terms panel.
#[component]
pub(super) fn TermsPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let text_in = RwSignal::new("2/10/30".to_string());
    let cost = move || {
        let lang = i.lang.get();
        let typed = text_in.get();
        match typed.parse::<Discount>().and_then(|d| discount_cost(&d)) {
            Ok(c) => view! {
                <div class="facts" data-testid="discount-cost">
                    <div class="fact"><div class="muted">{text(lang, C::RateSimple)}</div>
                        <div class="strong" data-testid="rate-simple">{format::percent(Some(c.simple), lang)}</div></div>
                    <div class="fact"><div class="muted">{text(lang, C::RateEffective)}</div>
                        <div class="strong" data-testid="rate-effective">{format::percent(Some(c.effective), lang)}</div></div>
                </div>
                <p class="muted">{text(lang, C::DiscountHelp).to_string()}</p>
            }
            .into_any(),
            Err(e) => view! { <p class="error" role="alert" data-testid="discount-error">{t::discount_error(lang, &typed, &e)}</p> }.into_any(),
        }
    };
    let who = RwSignal::new(String::new());
    let days = RwSignal::new("45".to_string());
    let p = portfolio.clone();
    let effect = move || {
        let lang = i.lang.get();
        let d = days.get();
        let n = match parse_terms_days(Field::NewTerms, &d) {
            Ok(n) => n,
            Err(e) => {
                return view! { <p class="error" role="alert">{t::form_error(lang, &e)}</p> }
                    .into_any()
            }
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
            Err(e) => view! { <p class="error">{t::money_error(lang, &e)}</p> }.into_any(),
            Ok(te) => {
                let freed = te.cash_effect;
                let sentence = if freed >= Decimal::ZERO {
                    t::cash_freed(lang, &format::money(freed, cur))
                } else {
                    t::more_tied_up(lang, &format::money(-freed, cur))
                };
                view! {
                    <div class="facts" data-testid="terms-effect">
                        <div class="fact"><div class="muted">{text(lang, C::CurrentTerms)}</div>
                            <div class="strong">{format::with_unit(Some(te.current_terms_days), K::UnitDays, lang)}</div></div>
                        <div class="fact"><div class="muted">"DSO"</div>
                            <div class="strong" data-testid="dso-change">{format::whole(te.dso_before, lang)} " → " {format::whole(te.dso_after, lang)}</div></div>
                        <div class="fact"><div class="muted">{text(lang, C::CashEffect)}</div>
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
            <h2>{move || i.t(C::TermsTitle)}</h2>
            <div class="form-grid">
                <label>
                    <span>{move || i.t(C::DiscountLabel)}</span>
                    <input type="text" data-testid="discount-text" prop:value=move || text_in.get() on:input=move |ev| text_in.set(event_target_value(&ev))/>
                </label>
            </div>
            {cost}
            <h3>{move || i.t(C::TermsEffectTitle)}</h3>
            <div class="form-grid">
                <label>
                    <span>{move || i.t(C::For)}</span>
                    <select data-testid="terms-who" on:change=move |ev| who.set(event_target_value(&ev))>
                        <option value="">{move || i.t(C::WholePortfolio)}</option>
                        {p2.customers.iter().take(2000).map(|c| view! { <option value=c.id.clone()>{format!("{} · {}", c.name, c.id)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(C::NewTermsDays)}</span>
                    <input type="text" inputmode="numeric" data-testid="terms-days" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
            </div>
            {effect}
        </section>
    }
}
