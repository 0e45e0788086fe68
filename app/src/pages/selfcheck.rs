//! The self-check for prospects (`/self-check`): four short steps of
//! questions, then the result from `credit_core::selfcheck`. Nothing is
//! stored or sent: the answers live in signals, and a shared link carries
//! them in the URL fragment (after `#`), which browsers never send to a
//! server. With `?embed=1` the app renders only this page (see `App`) and,
//! inside an iframe, tells the parent page its height with `postMessage`.

use credit_core::money::Currency;
use credit_core::selfcheck::{
    assess, Criterion, Field, Industry, Measure, SelfCheckInput, SelfCheckResult, Verdict,
};
use credit_core::Decimal;
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::lang_switch::LangSwitch;
use crate::components::svg::scale;
use crate::format;
use crate::i18n::{text, use_i18n, Lang, K};

/// The question steps; the result comes after the last.
const STEPS: [K; 4] = [
    K::ScStepSales,
    K::ScStepBuyers,
    K::ScStepMarkets,
    K::ScStepHistory,
];

/// The step index of the result.
const RESULT: usize = STEPS.len();

/// The currencies the form offers.
const CURRENCIES: [Currency; 4] = [Currency::CNY, Currency::EUR, Currency::USD, Currency::GBP];

/// The message type the parent page of an embedded self-check receives.
const HEIGHT_MESSAGE: &str = "credit-assistant:height";

/// A query parameter of the page's URL, read once at start.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('=').or(Some((p, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `?embed=1`: render the self-check alone, for an iframe.
pub fn embed_mode() -> bool {
    matches!(query_param("embed").as_deref(), Some("1" | "true" | ""))
}

/// The answers as typed: text until they parse.
#[derive(Clone, Copy)]
struct Form {
    currency: RwSignal<String>,
    turnover: RwSignal<String>,
    credit: RwSignal<String>,
    industry: RwSignal<String>,
    terms: RwSignal<String>,
    buyers: RwSignal<String>,
    largest: RwSignal<String>,
    export: RwSignal<String>,
    new_markets: RwSignal<String>,
    bad_debts: RwSignal<String>,
}

fn pct_text(f: Decimal) -> String {
    (f * Decimal::ONE_HUNDRED).normalize().to_string()
}

/// A number as people type it: thousands separators and spaces allowed.
fn number(s: &str) -> Option<Decimal> {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}' | '，'))
        .collect();
    t.parse().ok()
}

impl Form {
    fn new(a: &SelfCheckInput) -> Self {
        let f = Form {
            currency: RwSignal::new(String::new()),
            turnover: RwSignal::new(String::new()),
            credit: RwSignal::new(String::new()),
            industry: RwSignal::new(String::new()),
            terms: RwSignal::new(String::new()),
            buyers: RwSignal::new(String::new()),
            largest: RwSignal::new(String::new()),
            export: RwSignal::new(String::new()),
            new_markets: RwSignal::new(String::new()),
            bad_debts: RwSignal::new(String::new()),
        };
        f.fill(a);
        f
    }

    fn fill(&self, a: &SelfCheckInput) {
        self.currency.set(a.currency.code().to_string());
        self.turnover.set(a.annual_turnover.normalize().to_string());
        self.credit.set(pct_text(a.credit_share));
        self.industry.set(a.industry.code().to_string());
        self.terms.set(a.terms_days.to_string());
        self.buyers.set(a.buyers.to_string());
        self.largest.set(pct_text(a.largest_buyer_share));
        self.export.set(pct_text(a.export_share));
        self.new_markets
            .set(if a.new_markets { "1" } else { "0" }.to_string());
        self.bad_debts.set(a.bad_debts_3y.normalize().to_string());
    }

    /// The answers, or the first field that does not parse or validate.
    fn answers(&self) -> Result<SelfCheckInput, Field> {
        let dec = |s: RwSignal<String>, f: Field| s.with(|t| number(t)).ok_or(f);
        let frac = |s: RwSignal<String>, f: Field| dec(s, f).map(|p| p / Decimal::ONE_HUNDRED);
        let int = |s: RwSignal<String>, f: Field| s.with(|t| t.trim().parse::<u32>().ok()).ok_or(f);
        let a = SelfCheckInput {
            currency: self
                .currency
                .with(|c| Currency::new(c).ok())
                .unwrap_or(Currency::CNY),
            annual_turnover: dec(self.turnover, Field::AnnualTurnover)?,
            credit_share: frac(self.credit, Field::CreditShare)?,
            terms_days: int(self.terms, Field::TermsDays)?,
            buyers: int(self.buyers, Field::Buyers)?,
            largest_buyer_share: frac(self.largest, Field::LargestBuyerShare)?,
            export_share: frac(self.export, Field::ExportShare)?,
            new_markets: self.new_markets.with(|v| v == "1"),
            bad_debts_3y: dec(self.bad_debts, Field::BadDebts)?,
            industry: self
                .industry
                .with(|c| Industry::from_code(c))
                .unwrap_or(Industry::Manufacturing),
        };
        a.validate()
            .map_err(|e| e.field().unwrap_or(Field::AnnualTurnover))?;
        Ok(a)
    }
}

/// The step that asks for a field.
fn step_of(f: Field) -> usize {
    match f {
        Field::AnnualTurnover | Field::CreditShare => 0,
        Field::TermsDays | Field::Buyers | Field::LargestBuyerShare => 1,
        Field::ExportShare => 2,
        _ => 3,
    }
}

fn field_label(f: Field) -> K {
    match f {
        Field::AnnualTurnover => K::ScTurnover,
        Field::CreditShare => K::ScCreditShare,
        Field::TermsDays => K::ScTerms,
        Field::Buyers => K::ScBuyers,
        Field::LargestBuyerShare => K::ScLargest,
        Field::ExportShare => K::ScExport,
        Field::BadDebts => K::ScBadDebts,
    }
}

fn industry_label(i: Industry) -> K {
    match i {
        Industry::Manufacturing => K::IndManufacturing,
        Industry::Wholesale => K::IndWholesale,
        Industry::Retail => K::IndRetail,
        Industry::Construction => K::IndConstruction,
        Industry::Services => K::IndServices,
        Industry::Transport => K::IndTransport,
        Industry::Agriculture => K::IndAgriculture,
        Industry::Technology => K::IndTechnology,
    }
}

fn criterion_label(c: Criterion) -> (K, &'static str) {
    match c {
        Criterion::LargeConcentrated => (K::CritLargeConcentrated, "large-concentrated"),
        Criterion::ExportMarkets => (K::CritExport, "export"),
        Criterion::NewMarkets => (K::CritNewMarkets, "new-markets"),
        Criterion::LongTerms => (K::CritLongTerms, "long-terms"),
        Criterion::PastBadDebts => (K::CritBadDebts, "bad-debts"),
    }
}

fn measure_label(m: Measure) -> (K, &'static str) {
    match m {
        Measure::InsureReceivables => (K::MeasureInsure, "insure"),
        Measure::LimitLargestBuyer => (K::MeasureLimitLargest, "limit-largest"),
        Measure::CheckNewBuyers => (K::MeasureCheckNew, "check-new"),
        Measure::DunningBeforeDue => (K::MeasureDunning, "dunning"),
        Measure::ShortenTerms => (K::MeasureShortenTerms, "shorten-terms"),
        Measure::SetCreditLimits => (K::MeasureLimits, "limits"),
    }
}

fn verdict_label(v: Verdict) -> (K, K, &'static str) {
    match v {
        Verdict::Recommended => (
            K::VerdictRecommended,
            K::VerdictRecommendedText,
            "recommended",
        ),
        Verdict::WorthConsidering => (K::VerdictWorth, K::VerdictWorthText, "worth-considering"),
        Verdict::NotNeededNow => (K::VerdictNotNeeded, K::VerdictNotNeededText, "not-needed"),
    }
}

/// An estimate in whole units with its currency: `CNY 17,260`.
fn estimate(d: Decimal, c: Currency, lang: Lang) -> String {
    format!("{} {}", c.code(), format::whole(Some(d), lang))
}

/// The URL fragment of the page as loaded, without `#`.
fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// The link that reopens these answers on this app.
fn share_link(a: &SelfCheckInput) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/self-check#{}", a.to_fragment())
}

/// Inside an iframe, posts `{type, height}` to the parent whenever the
/// page's height changes (a ResizeObserver on `<body>`), so the parent can
/// size the frame. The message carries no answer.
fn post_height_to_parent() {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if js_sys::Object::is(&parent, &w) {
        return; // not in a frame
    }
    let Some(body) = w.document().and_then(|d| d.body()) else {
        return;
    };
    let target = body.clone();
    let mut last = -1;
    let cb = Closure::<dyn FnMut()>::new(move || {
        let h = target.offset_height();
        if h != last {
            last = h;
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = js_sys::Reflect::set(&msg, &"height".into(), &h.into());
            // The height is no secret; the site embedding us may be any origin.
            let _ = parent.post_message(&msg, "*");
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // Both live as long as the page.
        std::mem::forget(observer);
    }
    cb.forget();
}

/// The self-check page.
#[component]
pub fn SelfCheck() -> impl IntoView {
    let i = use_i18n();
    let embed = embed_mode();
    let currency = crate::i18n::shell::default_currency(i.lang.get_untracked());
    let form = Form::new(&SelfCheckInput::example(currency));
    let step = RwSignal::new(0usize);
    let bad_link = RwSignal::new(false);
    // A shared link: the answers in the fragment, read on load and whenever
    // the fragment changes (a link pasted into a tab already on this page).
    let open_link = move || {
        let hash = location_hash();
        if hash.is_empty() {
            return;
        }
        match SelfCheckInput::from_fragment(&hash) {
            Ok(a) => {
                form.fill(&a);
                bad_link.set(false);
                step.set(RESULT);
            }
            Err(_) => bad_link.set(true),
        }
    };
    open_link();
    let listener = window_event_listener_untyped("hashchange", move |_| open_link());
    on_cleanup(move || listener.remove());
    if embed {
        Effect::new(move |_| post_height_to_parent());
    }
    let answers = Memo::new(move |_| form.answers());
    // The whole page is rebuilt when the language or the step changes: the
    // text inside is then plain strings, which keeps the wasm small.
    let body = move || {
        let lang = i.lang.get();
        let t = move |k: K| text(lang, k);
        let s = step.get();
        let main = if s < RESULT {
            stepper(lang, form, step, answers).into_any()
        } else {
            let answered = answers.get_untracked();
            match answered.as_ref().map(|a| (a, assess(a))) {
                Ok((a, Ok(r))) => outcome(lang, a, &r, step).into_any(),
                _ => stepper(lang, form, step, answers).into_any(),
            }
        };
        view! {
            <div class="page-head">
                <h1>{t(K::ScTitle)}</h1>
                {embed.then(|| view! { <LangSwitch/> })}
            </div>
            <p class="sc-intro">{t(K::ScIntro)}</p>
            {bad_link
                .get()
                .then(|| view! { <p class="panel error" data-testid="sc-bad-link">{t(K::ScBadLink)}</p> })}
            {main}
            {embed.then(|| view! { <p class="sc-privacy">{t(K::PrivacyNote)}</p> })}
        }
    };
    view! {
        <div class="selfcheck" class:embedded=embed data-testid="selfcheck">
            {body}
        </div>
    }
}

/// One question: a text field, or a choice when it has (value, text) options.
struct Question {
    id: &'static str,
    label: K,
    help: K,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
}

fn text_q(id: &'static str, label: K, help: K, value: RwSignal<String>) -> Question {
    Question {
        id,
        label,
        help,
        value,
        options: Vec::new(),
    }
}

/// A question with its label and help; one view type for every question.
fn question(lang: Lang, q: Question) -> impl IntoView {
    let Question {
        id,
        label,
        help,
        value,
        options,
    } = q;
    let field = if options.is_empty() {
        Either::Left(view! {
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                data-testid=id
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        })
    } else {
        let current = value.get_untracked();
        let opts = options
            .into_iter()
            .map(|(v, label)| {
                let sel = v == current;
                view! { <option value=v selected=sel>{label}</option> }
            })
            .collect_view();
        Either::Right(view! {
            <select data-testid=id on:change=move |ev| value.set(event_target_value(&ev))>
                {opts}
            </select>
        })
    };
    view! {
        <label class="sc-q">
            <span class="sc-label">{text(lang, label)}</span>
            {field}
            <small class="sc-help">{text(lang, help)}</small>
        </label>
    }
}

/// The questions of one step, with progress and back / next.
fn stepper(
    lang: Lang,
    form: Form,
    step: RwSignal<usize>,
    answers: Memo<Result<SelfCheckInput, Field>>,
) -> impl IntoView {
    let t = move |k: K| text(lang, k);
    let s = step.get_untracked().min(RESULT - 1);
    let questions = match s {
        0 => vec![
            Question {
                options: CURRENCIES
                    .iter()
                    .map(|c| (c.code().to_string(), c.code().to_string()))
                    .collect(),
                ..text_q(
                    "sc-currency",
                    K::ScCurrency,
                    K::ScCurrencyHelp,
                    form.currency,
                )
            },
            text_q(
                "sc-turnover",
                K::ScTurnover,
                K::ScTurnoverHelp,
                form.turnover,
            ),
            text_q(
                "sc-credit",
                K::ScCreditShare,
                K::ScCreditShareHelp,
                form.credit,
            ),
            Question {
                options: Industry::ALL
                    .iter()
                    .map(|x| (x.code().to_string(), t(industry_label(*x)).to_string()))
                    .collect(),
                ..text_q(
                    "sc-industry",
                    K::ScIndustry,
                    K::ScIndustryHelp,
                    form.industry,
                )
            },
        ],
        1 => vec![
            text_q("sc-terms", K::ScTerms, K::ScTermsHelp, form.terms),
            text_q("sc-buyers", K::ScBuyers, K::ScBuyersHelp, form.buyers),
            text_q("sc-largest", K::ScLargest, K::ScLargestHelp, form.largest),
        ],
        2 => vec![
            text_q("sc-export", K::ScExport, K::ScExportHelp, form.export),
            Question {
                options: vec![
                    ("0".into(), t(K::No).into()),
                    ("1".into(), t(K::Yes).into()),
                ],
                ..text_q(
                    "sc-new-markets",
                    K::ScNewMarkets,
                    K::ScNewMarketsHelp,
                    form.new_markets,
                )
            },
        ],
        _ => vec![text_q(
            "sc-bad-debts",
            K::ScBadDebts,
            K::ScBadDebtsHelp,
            form.bad_debts,
        )],
    }
    .into_iter()
    .map(|q| question(lang, q))
    .collect_view();
    // An answer of this step (or an earlier one) that does not parse or is out of range.
    let invalid = move || answers.get().err().filter(|f| step_of(*f) <= s);
    let total = STEPS.len();
    let width = format!("{}%", (s + 1) * 100 / total);
    let stages = STEPS
        .iter()
        .enumerate()
        .map(|(k, key)| view! { <li class:done=k < s class:current=k == s>{t(*key)}</li> })
        .collect_view();
    let progress = format!(
        "{}{}{}{}{} · {}",
        t(K::ScStepA),
        s + 1,
        t(K::ScStepB),
        total,
        t(K::ScStepC),
        t(STEPS[s])
    );
    let next = t(if s + 1 == RESULT {
        K::ScSeeResult
    } else {
        K::ScNext
    });
    view! {
        <section class="panel sc-step" data-testid="sc-stepper">
            <ol class="sc-stages">{stages}</ol>
            <div
                class="sc-progress"
                data-testid="sc-progress"
                role="progressbar"
                aria-valuemin="1"
                aria-valuemax=total.to_string()
                aria-valuenow=(s + 1).to_string()
            >
                <div class="sc-progress-bar" style:width=width></div>
            </div>
            <p class="muted" data-testid="sc-step">{progress}</p>
            <h2>{t(STEPS[s])}</h2>
            <div class="sc-questions">{questions}</div>
            {move || {
                invalid()
                    .map(|f| {
                        view! {
                            <p class="sc-error" data-testid="sc-error" role="alert">
                                {format!("{} {}", t(K::ScInvalid), t(field_label(f)))}
                            </p>
                        }
                    })
            }}
            <div class="sc-controls">
                <button
                    class="secondary"
                    data-testid="sc-back"
                    disabled=s == 0
                    on:click=move |_| step.set(s.saturating_sub(1))
                >
                    {t(K::ScBack)}
                </button>
                <button
                    data-testid="sc-next"
                    disabled=move || invalid().is_some()
                    on:click=move |_| step.set(s + 1)
                >
                    {next}
                </button>
            </div>
        </section>
    }
}

/// One figure of the result.
fn figure(
    id: &'static str,
    name: &'static str,
    help: &'static str,
    value: String,
) -> impl IntoView {
    view! {
        <div class="kpi" data-testid=id>
            <p class="kpi-name">{name}</p>
            <p class="kpi-value" data-testid="sc-value">{value}</p>
            <p class="kpi-help">{help}</p>
        </div>
    }
}

/// The result: figures, chart, verdict, measures, answers, share link.
fn outcome(
    lang: Lang,
    a: &SelfCheckInput,
    r: &SelfCheckResult,
    step: RwSignal<usize>,
) -> impl IntoView {
    let t = move |k: K| text(lang, k);
    let c = r.currency;
    let est = move |d: Decimal| estimate(d, c, lang);
    let pct = move |f: Decimal| format::percent(Some(f), lang);
    let link = share_link(a);
    let (v_title, v_text, v_id) = verdict_label(r.verdict);
    let (low, high) = (r.expected_loss.low, r.expected_loss.high);
    let criteria = (!r.criteria.is_empty()).then(|| {
        let items = r
            .criteria
            .iter()
            .map(|cr| {
                let (k, id) = criterion_label(*cr);
                view! { <li data-testid="sc-criterion" data-criterion=id>{t(k)}</li> }
            })
            .collect_view();
        view! {
            <p class="sc-because">{t(K::ScBecause)}</p>
            <ul class="sc-criteria">{items}</ul>
        }
    });
    let measures = r
        .measures
        .iter()
        .map(|m| {
            let (k, id) = measure_label(*m);
            view! { <li data-testid="sc-measure" data-measure=id>{t(k)}</li> }
        })
        .collect_view();
    // No credit sales, no premium: then there is nothing to compare.
    let premium_vs_loss = (!r.premium.is_zero()).then(|| {
        let k = if r.premium > high {
            K::ScPremiumAbove
        } else {
            K::ScPremiumBelow
        };
        view! { <p data-testid="sc-premium-vs-loss">{t(k)}</p> }
    });
    let concentration = r.concentrated.then(|| {
        let msg = format!(
            "{}{}{}{}{}",
            t(K::ScConcentrationA),
            pct(r.largest_share),
            t(K::ScConcentrationB),
            est(r.largest_buyer_loss),
            t(K::ScConcentrationC)
        );
        view! { <p class="sc-warning" data-testid="sc-concentration">{msg}</p> }
    });
    let summary = [
        (K::ScCurrency, a.currency.code().to_string()),
        (K::ScTurnover, est(a.annual_turnover)),
        (K::ScCreditShare, pct(a.credit_share)),
        (K::ScIndustry, t(industry_label(a.industry)).to_string()),
        (K::ScTerms, a.terms_days.to_string()),
        (K::ScBuyers, a.buyers.to_string()),
        (K::ScLargest, pct(a.largest_buyer_share)),
        (K::ScExport, pct(a.export_share)),
        (
            K::ScNewMarkets,
            t(if a.new_markets { K::Yes } else { K::No }).to_string(),
        ),
        (K::ScBadDebts, est(a.bad_debts_3y)),
    ]
    .into_iter()
    .map(|(k, v)| view! { <dt>{t(k)}</dt><dd>{v}</dd> })
    .collect_view();
    let chart = loss_chart(lang, low, high, r.premium, r.largest_buyer_loss, c);
    view! {
        <section class="panel sc-result" data-testid="sc-result">
            <h2>{t(K::ScResult)}</h2>
            <div class=format!("sc-verdict sc-verdict-{v_id}") data-testid="sc-verdict" data-verdict=v_id>
                <h3 data-testid="sc-verdict-title">{t(v_title)}</h3>
                <p data-testid="sc-verdict-text">{t(v_text)}</p>
                {criteria}
            </div>
            {concentration}
            <div class="kpis sc-figures">
                {figure("sc-receivables", t(K::ScReceivables), t(K::ScReceivablesHelp), est(r.receivables_at_risk))}
                <div class="kpi" data-testid="sc-expected-loss">
                    <p class="kpi-name">{t(K::ScExpectedLoss)}</p>
                    <p class="kpi-value">
                        <span data-testid="sc-loss-low">{est(low)}</span>
                        " – "
                        <span data-testid="sc-loss-high">{format::whole(Some(high), lang)}</span>
                    </p>
                    <p class="kpi-help">{t(K::ScExpectedLossHelp)}</p>
                </div>
                {figure("sc-premium", t(K::ScPremium), t(K::ScPremiumHelp), est(r.premium))}
                {figure("sc-largest-loss", t(K::ScLargestLoss), t(K::ScLargestLossHelp), est(r.largest_buyer_loss))}
            </div>
            {chart}
            {premium_vs_loss}
            <h3>{t(K::ScMeasures)}</h3>
            <ol class="sc-measures" data-testid="sc-measures">{measures}</ol>
            <h3>{t(K::ScYourAnswers)}</h3>
            <dl class="sc-answers" data-testid="sc-answers">{summary}</dl>
            <div class="sc-share">
                <label>
                    <span>{t(K::ScShare)}</span>
                    <input type="text" readonly data-testid="sc-share-link" value=link.clone()/>
                </label>
                <a href=link target="_blank" rel="noopener" data-testid="sc-share-open">{t(K::ScOpenLink)}</a>
                <small class="sc-help">{t(K::ScShareHelp)}</small>
            </div>
            <div class="sc-controls">
                <button class="secondary" data-testid="sc-restart" on:click=move |_| step.set(0)>
                    {t(K::ScChangeAnswers)}
                </button>
                <button
                    class="secondary"
                    data-testid="sc-print"
                    on:click=move |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }
                >
                    {t(K::ScPrint)}
                </button>
            </div>
        </section>
    }
}

const CW: i64 = 640;
const ROW: i64 = 40;
const LABEL_W: i64 = 170;
const VALUE_W: i64 = 130;

/// One bar of the chart: a row, its label (once per row), from and to.
struct Bar {
    row: usize,
    label: Option<K>,
    from: Decimal,
    to: Decimal,
    class: &'static str,
    value: String,
}

/// Expected loss (low to high) against the premium and the largest buyer's
/// failure, as horizontal bars in inline SVG.
fn loss_chart(
    lang: Lang,
    low: Decimal,
    high: Decimal,
    premium: Decimal,
    largest: Decimal,
    currency: Currency,
) -> impl IntoView {
    let max = high.max(premium).max(largest);
    let span = CW - LABEL_W - VALUE_W;
    let h = ROW * 3 + 8;
    let w = |d: Decimal| format::whole(Some(d), lang);
    let bars = [
        Bar { row: 0, label: None, from: Decimal::ZERO, to: low, class: "sc-bar-loss-low", value: String::new() },
        Bar {
            row: 0,
            label: Some(K::ScChartLoss),
            from: low,
            to: high,
            class: "sc-bar-loss",
            value: format!("{}–{}", w(low), w(high)),
        },
        Bar { row: 1, label: Some(K::ScChartPremium), from: Decimal::ZERO, to: premium, class: "sc-bar-premium", value: w(premium) },
        Bar { row: 2, label: Some(K::ScChartLargest), from: Decimal::ZERO, to: largest, class: "sc-bar-largest", value: w(largest) },
    ]
    .into_iter()
    .map(|b| {
        let y = 4 + b.row as i64 * ROW;
        let x0 = LABEL_W + scale(b.from, max, span);
        let x1 = LABEL_W + scale(b.to, max, span);
        let mid = (y + ROW * 55 / 100).to_string();
        view! {
            <g>
                {b.label.map(|k| view! { <text class="sc-chart-label" x="0" y=mid.clone()>{text(lang, k)}</text> })}
                <rect
                    class=b.class
                    x=x0.to_string()
                    y=(y + 6).to_string()
                    width=(x1 - x0).max(2).to_string()
                    height=(ROW - 14).to_string()
                ></rect>
                <text class="sc-chart-value" x=(x1.max(x0 + 2) + 6).to_string() y=mid>
                    {b.value}
                </text>
            </g>
        }
    })
    .collect_view();
    view! {
        <svg
            class="chart sc-chart"
            viewBox=format!("0 0 {CW} {h}")
            role="img"
            aria-label=format!("{} ({})", text(lang, K::ScChart), currency.code())
            data-testid="sc-chart"
        >
            {bars}
        </svg>
    }
}
