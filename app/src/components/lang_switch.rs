use leptos::prelude::*;

use crate::browser;
use crate::i18n::{use_i18n, I18n, Lang, K};

/// Where the chosen language is remembered (the app and the self-check's
/// own entry share it).
const LANG_KEY: &str = "credit-assistant.lang";

/// The page's language, provided as [`I18n`]: `requested` (the page's
/// `?lang=zh` or `en`, which lets a site embedding the self-check choose),
/// else the one remembered, else the browser's. Keeps `<html lang>` in step.
///
/// Only a language the user chose is remembered, never the one detected
/// at start: a page still starting in another tab (or one being left,
/// which Chromium keeps running for a moment in its old process) would
/// otherwise write its own detection over the user's storage. That was
/// the "a Chinese browser" flake (issue 18, item 7): the page the test
/// left booted after the test had cleared the storage, without the
/// test's locale, and stored "en" for the next page to read.
pub fn provide_language(requested: Option<String>) -> RwSignal<Lang> {
    let initial = requested
        .or_else(|| browser::load(LANG_KEY))
        .unwrap_or_else(browser::navigator_language);
    let lang = RwSignal::new(Lang::from_tag(&initial));
    Effect::new(move |first: Option<()>| {
        let l = lang.get();
        if first.is_some() {
            browser::save(LANG_KEY, l.tag());
        }
        browser::set_document_lang(l.tag());
    });
    provide_context(I18n { lang });
    lang
}

/// The zh-CN / English switch.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i = use_i18n();
    let button = move |lang: Lang, label: &'static str, id: &'static str| {
        view! {
            <button
                class="lang"
                class:active=move || i.lang.get() == lang
                data-testid=id
                lang=lang.tag()
                aria-pressed=move || (i.lang.get() == lang).to_string()
                on:click=move |_| i.lang.set(lang)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i.t(K::Language)>
            {button(Lang::Zh, "中文", "lang-zh")}
            {button(Lang::En, "EN", "lang-en")}
        </div>
    }
}
