//! The thresholds of the rules, kept with the portfolio: a form of ten
//! fields checked by the core (`credit_core::monitor::SettingsText::parse`)
//! and applied only when every one is right.

use credit_core::monitor::{MonitorSettings, SettingsText};
use leptos::prelude::*;

use crate::i18n::alerts::{settings_error, A};
use crate::i18n::use_i18n;
use crate::monitoring;
use crate::state::use_app;

/// The rules' thresholds, kept with the portfolio.
#[component]
pub fn Thresholds() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let typed = RwSignal::new(SettingsText::of(
        &app.extras.with_untracked(monitoring::settings),
    ));
    let message = RwSignal::new(None::<Result<(), String>>);
    let field = move |label: A,
                      id: &'static str,
                      get: fn(&SettingsText) -> &String,
                      set: fn(&mut SettingsText, String)| {
        view! {
            <label>
                <span>{move || i.t(label)}</span>
                <input type="text" data-testid=id prop:value=move || typed.with(|t| get(t).clone())
                    on:input=move |ev| typed.update(|t| set(t, event_target_value(&ev)))/>
            </label>
        }
    };
    let apply = move |_| match typed.get_untracked().parse() {
        Ok(s) => {
            app.set_extra(monitoring::SETTINGS_KEY, &s);
            message.set(Some(Ok(())));
        }
        Err(e) => message.set(Some(Err(settings_error(i.lang.get_untracked(), &e)))),
    };
    let reset = move |_| {
        let d = MonitorSettings::default();
        typed.set(SettingsText::of(&d));
        app.set_extra(monitoring::SETTINGS_KEY, &d);
        message.set(Some(Ok(())));
    };
    view! {
        <details class="panel" data-testid="thresholds">
            <summary>{move || i.t(A::Thresholds)}</summary>
            <div class="form-grid">
                {field(A::ThUtilisation, "th-utilisation", |t| &t.utilisation, |t, v| t.utilisation = v)}
                {field(A::ThSteps, "th-steps", |t| &t.steps, |t, v| t.steps = v)}
                {field(A::ThVolume, "th-volume", |t| &t.volume, |t, v| t.volume = v)}
                {field(A::ThRise, "th-rise", |t| &t.rise, |t, v| t.rise = v)}
                {field(A::ThMonths, "th-months", |t| &t.months, |t, v| t.months = v)}
                {field(A::ThWorsening, "th-worsening", |t| &t.worsening, |t, v| t.worsening = v)}
                {field(A::ThConcentration, "th-concentration", |t| &t.concentration, |t, v| t.concentration = v)}
                {field(A::ThExtension, "th-extension", |t| &t.extension, |t, v| t.extension = v)}
                {field(A::ThNotification, "th-notification", |t| &t.notification, |t, v| t.notification = v)}
                {field(A::ThWindow, "th-window", |t| &t.window, |t, v| t.window = v)}
            </div>
            <div class="actions">
                <button data-testid="th-apply" on:click=apply>{move || i.t(A::Apply)}</button>
                <button class="secondary" data-testid="th-reset" on:click=reset>{move || i.t(A::Reset)}</button>
            </div>
            {move || message.get().map(|m| match m {
                Ok(()) => view! { <p class="ok" role="status" data-testid="th-saved">{move || i.t(A::Applied)}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert" data-testid="th-error">{e}</p> }.into_any(),
            })}
        </details>
    }
}
