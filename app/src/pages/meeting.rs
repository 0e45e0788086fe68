//! Meeting mode: one buyer, no portfolio. A salesperson types the buyer's
//! figures in front of the client and gets grade, limit, terms and the key
//! risks on one screen, and prints it on one A4 page. Nothing is stored.

use credit_core::assessment::{Financials, Scorecard};
use credit_core::behaviour::PaymentBehaviour;
use credit_core::country::country_risk;
use credit_core::limit::LimitInput;
use credit_core::money::Currency;
use credit_core::rating::recommend;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::components::assessment_form::{
    amount, whole, AmountField, FinancialsForm, ProfileForm, WholeField,
};
use crate::components::assessment_result::{AssessmentResult, ResultSummary};
use crate::format;
use crate::i18n::shell::S;
use crate::i18n::{use_i18n, K};
use crate::pages::customer::trade_refs;
use crate::state::use_app;

const CURRENCIES: [Currency; 4] = [Currency::CNY, Currency::EUR, Currency::USD, Currency::GBP];

/// `/meeting`.
#[component]
pub fn Meeting() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let company = RwSignal::new(String::new());
    let country = RwSignal::new("CN".to_string());
    let industry = RwSignal::new(String::new());
    let cur = RwSignal::new(Currency::CNY);
    let currency = Signal::derive(move || cur.get().to_string());
    let fin = FinancialsForm::from(&Financials::default());
    let profile = ProfileForm::new(None, country_risk("CN"));
    Effect::new(move |_| profile.country_risk.set(country_risk(&country.get())));
    let new_buyer = RwSignal::new(true);
    let avg_delay = RwSignal::new(String::new());
    let worst_delay = RwSignal::new(String::new());
    let purchases = RwSignal::new(String::new());
    let terms_days = RwSignal::new("60".to_string());
    let refs = RwSignal::new(String::new());

    // Always "changed": comparing assessments would cost the page a
    // deep equality of every input and result.
    let result = Memo::new_with_compare(
        move |_| {
            let behaviour = if new_buyer.get() {
                PaymentBehaviour::default()
            } else {
                PaymentBehaviour {
                    avg_delay_days: avg_delay
                        .with(|v| whole(v, 0, 3650).ok().flatten())
                        .map(Decimal::from),
                    worst_delay_days: worst_delay.with(|v| whole(v, 0, 3650).ok().flatten()),
                    has_history: true,
                    ..PaymentBehaviour::default()
                }
            };
            let input = profile.input(fin.read(), behaviour);
            let asked = terms_days.with(|v| whole(v, 0, 720).ok().flatten());
            let li = LimitInput {
                expected_annual_purchases: purchases.with(|v| amount(v, false).ok().flatten()),
                terms_days: asked.unwrap_or(0),
                trade_references: refs.with(|v| trade_refs(v).unwrap_or_default()),
                ..LimitInput::default()
            }
            .with_buyer(&input);
            recommend(&input, &li, asked, app.as_of.get(), &Scorecard::default())
        },
        |_, _| true,
    );

    let text_field = move |label: K, sig: RwSignal<String>, id: &'static str| {
        view! {
            <label class="field">
                <span>{move || i.t(label)}</span>
                <input type="text" data-testid=id prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/>
            </label>
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <div class="meeting">
            <div class="page-head no-print">
                <h1>{move || i.t(K::NavMeeting)}</h1>
                <button data-testid="print" on:click=print>{move || i.t(K::Print)}</button>
            </div>
            <p class="muted no-print">{move || i.t(K::MeetingHelp)}</p>
            <header class="print-only print-head" data-testid="print-head">
                <h1>{move || { let n = company.get(); if n.trim().is_empty() { i.t(K::Buyer).to_string() } else { n } }}</h1>
                <p>
                    {move || i.t(K::Country)} ": " {move || country.get()} " · " {move || i.t(K::Industry)} ": "
                    {move || industry.get()} " · " {move || i.t(K::AsOf)} ": " {move || format::date(app.as_of.get(), i.lang.get())}
                    " · " {move || i.t(K::AppName)}
                </p>
            </header>
            <div class="meeting-summary no-print" data-testid="meeting-summary" aria-live="polite">
                <span class="sr-only">{move || i.t(S::MeetingSummary)}</span>
                {move || match result.get() {
                    Ok(rec) => view! { <ResultSummary rec=rec currency=cur.get()/> }.into_any(),
                    Err(e) => view! { <p class="error">{crate::i18n::assessment::assessment_error(i.lang(), &e)}</p> }.into_any(),
                }}
                <button type="button" class="secondary small" data-testid="summary-full" on:click=move |_| {
                    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("meeting-result")) {
                        el.scroll_into_view();
                    }
                }>{move || i.t(S::SeeFullResult)}</button>
            </div>
            <div class="assess-cols">
                <section class="panel inputs no-print">
                    <h2>{move || i.t(K::Company)}</h2>
                    <div class="form-grid">
                        {text_field(K::BuyerName, company, "m-company")}
                        {text_field(K::CountryCode, country, "m-country")}
                        {text_field(K::Industry, industry, "m-industry")}
                        <label class="field">
                            <span>{move || i.t(K::Currency)}</span>
                            <select data-testid="m-currency" on:change=move |ev| {
                                if let Ok(c) = event_target_value(&ev).parse::<Currency>() { cur.set(c); }
                            }>
                                {CURRENCIES.iter().map(|c| {
                                    let c = *c;
                                    view! { <option value=c.to_string() selected=move || cur.get() == c>{c.to_string()}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    </div>
                    <h3>{move || i.t(K::Financials)}</h3>
                    {fin.view(currency, false)}
                    <h3>{move || i.t(K::ProfileSection)}</h3>
                    {profile.view()}
                    <h3>{move || i.t(K::PaymentBehaviour)}</h3>
                    <label class="check">
                        <input type="checkbox" data-testid="m-new-buyer" prop:checked=move || new_buyer.get() on:change=move |ev| new_buyer.set(event_target_checked(&ev))/>
                        <span>{move || i.t(K::NewBuyer)}</span>
                    </label>
                    <Show when=move || !new_buyer.get()>
                        <div class="form-grid">
                            <WholeField label=K::AvgDelay unit=K::UnitDays value=avg_delay max=3650 testid="m-avg-delay"/>
                            <WholeField label=K::WorstDelay unit=K::UnitDays value=worst_delay max=3650 testid="m-worst-delay"/>
                        </div>
                    </Show>
                    <h3>{move || i.t(K::LimitSection)}</h3>
                    <div class="form-grid">
                        <AmountField label=K::ExpectedPurchases currency=currency value=purchases testid="m-purchases"/>
                        <WholeField label=K::TermsDays unit=K::UnitDays value=terms_days max=720 testid="m-terms-days"/>
                        <label class="field">
                            <span>{move || i.t(K::TradeReferences)} " (" {move || currency.get()} ")"</span>
                            <input type="text" data-testid="m-trade-refs" prop:value=move || refs.get() on:input=move |ev| refs.set(event_target_value(&ev))/>
                            <small class="muted">{move || i.t(K::TradeReferencesHelp)}</small>
                        </label>
                    </div>
                </section>
                <section class="panel outputs" id="meeting-result" data-testid="meeting-result">
                    {move || match result.get() {
                        Ok(rec) => view! { <AssessmentResult rec=rec currency=cur.get()/> }.into_any(),
                        Err(e) => view! { <p class="error" data-testid="assessment-error">{crate::i18n::assessment::assessment_error(i.lang(), &e)}</p> }.into_any(),
                    }}
                    <p class="muted print-only">{move || i.t(K::PrivacyNote)}</p>
                </section>
            </div>
        </div>
    }
}
