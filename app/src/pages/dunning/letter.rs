//! The letter of a plan line: in either language, edited for that letter
//! only, printed, copied or downloaded as text or HTML.

use credit_core::dunning::{letter, Letter, PlanItem};
use credit_core::export::{letters_html, letters_text};
use credit_core::NaiveDate;
use leptos::prelude::*;

use crate::browser;
use crate::dunning as store;
use crate::i18n::dunning::{self as i18n, core_lang, D};
use crate::i18n::use_i18n;
use crate::state::use_app;

/// The letter of a plan line.
#[component]
pub(super) fn LetterPreview(
    item: PlanItem,
    as_of: NaiveDate,
    on_close: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let lang = RwSignal::new(i.lang.get_untracked());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let it = item.clone();
    Effect::new(move |_| {
        let lg = lang.get();
        let s = app.extras.with(store::settings);
        match letter(&it, core_lang(lg), &s.letter, as_of) {
            Ok(lt) => {
                subject.set(lt.subject);
                body.set(lt.body);
                error.set(None);
            }
            Err(e) => error.set(Some(i18n::dunning_error(lg, &e))),
        }
    });
    // The letter as edited here.
    let edited = move || Letter {
        subject: subject.get_untracked(),
        body: body.get_untracked(),
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let text = letters_text(&[edited()]);
            let _ = w.navigator().clipboard().write_text(&text);
        }
    };
    let item = StoredValue::new(item);
    let download = move |html: bool| {
        let item = item.get_value();
        let lg = lang.get_untracked();
        let stem = format!(
            "letter-{}-{}-{}",
            crate::protocol::file_name_part(&item.customer_id),
            item.step_index + 1,
            as_of
        );
        let letters = [edited()];
        let _ = if html {
            browser::download(
                &format!("{stem}.html"),
                "text/html;charset=utf-8",
                &letters_html(&letters, core_lang(lg)),
            )
        } else {
            browser::download(
                &format!("{stem}.txt"),
                "text/plain;charset=utf-8",
                &letters_text(&letters),
            )
        };
    };
    view! {
        <section class="panel letter-panel" data-testid="letter-panel">
            <div class="page-head no-print">
                <h2>{move || i.t(D::Letter)}</h2>
                <div class="filters">
                    <label>
                        <span>{move || i.t(D::Language)}</span>
                        <select data-testid="letter-lang" on:change=move |ev| lang.set(i18n::letter_lang_of(&event_target_value(&ev)))>
                            <option value="en" selected=move || i18n::letter_lang_value(lang.get()) == "en">{move || i.t(D::English)}</option>
                            <option value="zh" selected=move || i18n::letter_lang_value(lang.get()) == "zh">{move || i.t(D::Chinese)}</option>
                        </select>
                    </label>
                    <button data-testid="letter-print" on:click=print>{move || i.t(D::Print)}</button>
                    <button data-testid="letter-copy" on:click=copy>{move || i.t(D::Copy)}</button>
                    <button data-testid="letter-txt" on:click=move |_| download(false)>{move || i.t(D::DownloadText)}</button>
                    <button data-testid="letter-html" on:click=move |_| download(true)>{move || i.t(D::DownloadHtml)}</button>
                    <button class="link" data-testid="letter-close" on:click=move |_| on_close.run(())>{move || i.t(D::Close)}</button>
                </div>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="letter-error">{e}</p> })}
            <p class="muted no-print">{move || i.t(D::EditsThisLetterOnly)}</p>
            <input class="letter-subject-input no-print" type="text" data-testid="letter-subject-input" prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev))/>
            <textarea class="no-print" rows="18" data-testid="letter-body-input" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <article class="letter-sheet" data-testid="letter-sheet" lang=move || lang.get().tag()>
                <h3 data-testid="letter-subject">{move || subject.get()}</h3>
                <div class="letter-body" data-testid="letter-body">{move || {
                    credit_core::dunning::letter_blocks(&body.get())
                        .into_iter()
                        // The blank lines around the table become its margins.
                        .map(|(table, text)| view! { <pre class:letter-table=table>{text.trim_matches('\n').to_string()}</pre> })
                        .collect_view()
                }}</div>
            </article>
        </section>
    }
}
