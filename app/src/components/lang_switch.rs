use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang, K};

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
