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

// Paths named, so that the self-check's own entry
// (src/bin/credit-selfcheck.rs), which includes this file by its path,
// finds them too.
#[path = "selfcheck/form.rs"]
mod form;
#[path = "selfcheck/labels.rs"]
mod labels;
#[path = "selfcheck/questions.rs"]
mod questions;
#[path = "selfcheck/result.rs"]
mod result;

use form::*;
use labels::*;
use questions::*;
use result::*;

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

/// Given by the self-check's own entry (`src/bin/credit-selfcheck.rs`): the
/// page is alone, with its own language switch and privacy note, as in an
/// embed, whatever its address.
#[derive(Clone, Copy)]
pub struct Alone;

/// `?embed=1`: render the self-check alone, for an iframe.
pub fn embed_mode() -> bool {
    matches!(query_param("embed").as_deref(), Some("1" | "true" | ""))
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
    let embed = embed_mode() || use_context::<Alone>().is_some();
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
