//! The assessment inputs as a form: every figure validated as typed, with
//! its unit, and explained when refused (a refused figure is left out of the
//! assessment, never guessed).

use credit_core::assessment::{AssessmentInput, CompanySize, Financials, Legal, Profile};
use credit_core::behaviour::PaymentBehaviour;
use credit_core::money::{parse_amount, AmountError};
use credit_core::Decimal;
use leptos::prelude::*;

use crate::i18n::{use_i18n, K};

/// A text field's value, parsed: `Ok(None)` when empty.
pub fn amount(text: &str, allow_negative: bool) -> Result<Option<Decimal>, AmountError> {
    match parse_amount(text, allow_negative) {
        Ok(v) => Ok(Some(v)),
        Err(AmountError::Empty) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A whole number field: `Ok(None)` when empty; `max` bounds it.
pub fn whole(text: &str, min: u32, max: u32) -> Result<Option<u32>, K> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(v) if v >= min && v <= max => Ok(Some(v)),
        Ok(_) => Err(K::ErrOutOfRange),
        Err(_) if t.starts_with('-') => Err(K::ErrNegative),
        Err(_) => Err(K::ErrNotAWholeNumber),
    }
}

fn amount_error_key(e: AmountError) -> K {
    crate::i18n::shell::amount_error(e)
}

/// One money field: label, currency, the typed text, and why it was refused.
#[component]
pub fn AmountField(
    label: K,
    #[prop(into)] currency: Signal<String>,
    value: RwSignal<String>,
    #[prop(default = false)] allow_negative: bool,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let i = use_i18n();
    let error = move || value.with(|v| amount(v, allow_negative).err().map(amount_error_key));
    view! {
        <label class="field" class:invalid=move || error().is_some()>
            <span>{move || i.t(label)} " (" {move || currency.get()} ")"</span>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                data-testid=testid.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <small class="error" data-testid=format!("{testid}-error")>
                {move || error().map(|k| i.t(k))}
            </small>
        </label>
    }
}

/// A whole-number field with its unit and bounds.
#[component]
pub fn WholeField(
    label: K,
    unit: K,
    value: RwSignal<String>,
    #[prop(default = 0)] min: u32,
    #[prop(default = 100_000)] max: u32,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let i = use_i18n();
    let error = move || value.with(|v| whole(v, min, max).err());
    view! {
        <label class="field" class:invalid=move || error().is_some()>
            <span>{move || i.t(label)} " (" {move || i.t(unit)} ")"</span>
            <input
                type="text"
                inputmode="numeric"
                autocomplete="off"
                data-testid=testid.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <small class="error" data-testid=format!("{testid}-error")>
                {move || error().map(|k| format!("{} ({min}–{max})", i.t(k)))}
            </small>
        </label>
    }
}

/// A 1..=n risk scale as a select.
#[component]
pub fn RiskSelect(
    label: K,
    scale: u8,
    value: RwSignal<u8>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <label class="field">
            <span>{move || i.t(label)} " (1–" {scale} ")"</span>
            <select
                data-testid=testid
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u8>() {
                        value.set(v);
                    }
                }
            >
                {(1..=scale)
                    .map(|n| view! { <option value=n.to_string() selected=move || value.get() == n>{n}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The financial statement fields.
#[derive(Clone, Copy)]
pub struct FinancialsForm {
    pub sales: RwSignal<String>,
    pub ebit: RwSignal<String>,
    pub net_profit: RwSignal<String>,
    pub total_assets: RwSignal<String>,
    pub total_liabilities: RwSignal<String>,
    pub current_assets: RwSignal<String>,
    pub current_liabilities: RwSignal<String>,
    pub cash: RwSignal<String>,
    pub retained_earnings: RwSignal<String>,
    pub book_equity: RwSignal<String>,
    pub intangible_assets: RwSignal<String>,
    pub market_equity: RwSignal<String>,
}

fn text(v: Option<Decimal>) -> String {
    v.map(|d| d.normalize().to_string()).unwrap_or_default()
}

impl FinancialsForm {
    /// A form filled from figures (empty where `None`).
    pub fn from(f: &Financials) -> Self {
        FinancialsForm {
            sales: RwSignal::new(text(f.sales)),
            ebit: RwSignal::new(text(f.ebit)),
            net_profit: RwSignal::new(text(f.net_profit)),
            total_assets: RwSignal::new(text(f.total_assets)),
            total_liabilities: RwSignal::new(text(f.total_liabilities)),
            current_assets: RwSignal::new(text(f.current_assets)),
            current_liabilities: RwSignal::new(text(f.current_liabilities)),
            cash: RwSignal::new(text(f.cash)),
            retained_earnings: RwSignal::new(text(f.retained_earnings)),
            book_equity: RwSignal::new(text(f.book_equity)),
            intangible_assets: RwSignal::new(text(f.intangible_assets)),
            market_equity: RwSignal::new(text(f.market_equity)),
        }
    }

    /// The figures that are valid; refused ones are left out.
    pub fn read(&self) -> Financials {
        let pos = |s: RwSignal<String>| s.with(|v| amount(v, false).ok().flatten());
        let any = |s: RwSignal<String>| s.with(|v| amount(v, true).ok().flatten());
        Financials {
            current_assets: pos(self.current_assets),
            current_liabilities: pos(self.current_liabilities),
            total_assets: pos(self.total_assets),
            total_liabilities: pos(self.total_liabilities),
            retained_earnings: any(self.retained_earnings),
            ebit: any(self.ebit),
            sales: pos(self.sales),
            book_equity: any(self.book_equity),
            intangible_assets: pos(self.intangible_assets),
            cash: pos(self.cash),
            net_profit: any(self.net_profit),
            market_equity: pos(self.market_equity),
        }
    }

    /// The fields; `full` adds the less common ones (cash, intangibles,
    /// net profit, market value) that meeting mode leaves out.
    pub fn view(self, currency: Signal<String>, full: bool) -> impl IntoView {
        let f = self;
        view! {
            <div class="form-grid">
                <AmountField label=K::Sales currency=currency value=f.sales testid="fin-sales"/>
                <AmountField label=K::Ebit currency=currency value=f.ebit allow_negative=true testid="fin-ebit"/>
                <AmountField label=K::TotalAssets currency=currency value=f.total_assets testid="fin-total-assets"/>
                <AmountField label=K::TotalLiabilities currency=currency value=f.total_liabilities testid="fin-total-liabilities"/>
                <AmountField label=K::CurrentAssets currency=currency value=f.current_assets testid="fin-current-assets"/>
                <AmountField label=K::CurrentLiabilities currency=currency value=f.current_liabilities testid="fin-current-liabilities"/>
                <AmountField label=K::RetainedEarnings currency=currency value=f.retained_earnings allow_negative=true testid="fin-retained"/>
                <AmountField label=K::BookEquity currency=currency value=f.book_equity allow_negative=true testid="fin-equity"/>
                {full
                    .then(|| {
                        view! {
                            <AmountField label=K::NetProfit currency=currency value=f.net_profit allow_negative=true testid="fin-net-profit"/>
                            <AmountField label=K::Cash currency=currency value=f.cash testid="fin-cash"/>
                            <AmountField label=K::Intangibles currency=currency value=f.intangible_assets testid="fin-intangibles"/>
                            <AmountField label=K::MarketEquity currency=currency value=f.market_equity testid="fin-market-equity"/>
                        }
                    })}
            </div>
        }
    }
}

/// Profile, legal and risk fields.
#[derive(Clone, Copy)]
pub struct ProfileForm {
    pub years: RwSignal<String>,
    pub size: RwSignal<String>,
    pub verified: RwSignal<bool>,
    pub listed: RwSignal<bool>,
    pub manufacturer: RwSignal<bool>,
    pub court_cases: RwSignal<String>,
    pub enforcement: RwSignal<String>,
    pub industry_risk: RwSignal<u8>,
    pub country_risk: RwSignal<u8>,
}

const SIZES: [(CompanySize, &str, K); 4] = [
    (CompanySize::Micro, "micro", K::SizeMicro),
    (CompanySize::Small, "small", K::SizeSmall),
    (CompanySize::Medium, "medium", K::SizeMedium),
    (CompanySize::Large, "large", K::SizeLarge),
];

impl ProfileForm {
    /// A form with defaults.
    pub fn new(years: Option<u32>, country_risk: u8) -> Self {
        ProfileForm {
            years: RwSignal::new(years.map(|y| y.to_string()).unwrap_or_default()),
            size: RwSignal::new(String::new()),
            verified: RwSignal::new(false),
            listed: RwSignal::new(false),
            manufacturer: RwSignal::new(false),
            court_cases: RwSignal::new(String::new()),
            enforcement: RwSignal::new(String::new()),
            industry_risk: RwSignal::new(credit_core::rating::DEFAULT_INDUSTRY_RISK),
            country_risk: RwSignal::new(country_risk),
        }
    }

    /// The assessment input with these fields and the given figures and
    /// behaviour; refused fields are left out.
    pub fn input(&self, financials: Financials, behaviour: PaymentBehaviour) -> AssessmentInput {
        let count = |s: RwSignal<String>| s.with(|v| whole(v, 0, 100_000).ok().flatten());
        AssessmentInput {
            financials,
            behaviour,
            profile: Profile {
                years_in_business: self.years.with(|v| whole(v, 0, 500).ok().flatten()),
                size: self.size.with(|v| {
                    SIZES
                        .iter()
                        .find(|(_, key, _)| key == v)
                        .map(|(s, _, _)| *s)
                }),
                // Unchecked is "not verified yet": unknown, not a failed check.
                registration_verified: self.verified.get().then_some(true),
                listed: self.listed.get(),
                manufacturer: self.manufacturer.get(),
            },
            legal: Legal {
                court_cases: count(self.court_cases),
                enforcement_records: count(self.enforcement),
            },
            industry_risk: Some(self.industry_risk.get()),
            country_risk: Some(self.country_risk.get()),
        }
    }

    /// The fields.
    pub fn view(self) -> impl IntoView {
        let i = use_i18n();
        let p = self;
        let check = move |label: K, sig: RwSignal<bool>, id: &'static str| {
            view! {
                <label class="check">
                    <input type="checkbox" data-testid=id prop:checked=move || sig.get() on:change=move |ev| sig.set(event_target_checked(&ev))/>
                    <span>{move || i.t(label)}</span>
                </label>
            }
        };
        view! {
            <div class="form-grid">
                <WholeField label=K::YearsInBusiness unit=K::UnitYears value=p.years max=500 testid="years"/>
                <label class="field">
                    <span>{move || i.t(K::CompanySize)}</span>
                    <select data-testid="size" on:change=move |ev| p.size.set(event_target_value(&ev))>
                        <option value="">{move || i.t(K::Unknown)}</option>
                        {SIZES
                            .iter()
                            .map(|(_, key, label)| {
                                let key = *key;
                                let label = *label;
                                view! { <option value=key selected=move || p.size.get() == key>{move || i.t(label)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <WholeField label=K::CourtCases unit=K::UnitCount value=p.court_cases testid="court-cases"/>
                <WholeField label=K::EnforcementRecords unit=K::UnitCount value=p.enforcement testid="enforcement"/>
                <RiskSelect label=K::IndustryRisk scale=5 value=p.industry_risk testid="industry-risk"/>
                <RiskSelect label=K::CountryRisk scale=7 value=p.country_risk testid="country-risk"/>
            </div>
            <div class="checks">
                {check(K::RegistrationVerified, p.verified, "verified")}
                {check(K::Listed, p.listed, "listed")}
                {check(K::Manufacturer, p.manufacturer, "manufacturer")}
            </div>
        }
    }
}
