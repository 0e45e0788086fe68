//! A form over settings kept with the portfolio (one of its extras): the
//! fields are edited as text, checked all together on save, and kept only
//! when every one of them is right — otherwise every problem is listed
//! (field, value, reason, in the user's language) and nothing changes.
//!
//! Used by the dunning page (late interest and letterhead) and the
//! insurance page (the policy); the dunning policy editor shares its
//! "saved" note and error list.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::Serialize;

use crate::i18n::alerts::A;
use crate::i18n::{use_i18n, I18n, Lang, Texts};
use crate::state::{use_app, AppState};

/// Settings as the user types them.
pub trait FormText: Default + Clone + Send + Sync + 'static {
    /// The settings themselves.
    type Value: Clone + PartialEq + Serialize + Send + Sync + 'static;
    /// The text of each field for settings as kept.
    fn of(v: &Self::Value) -> Self;
    /// The settings `base` with the typed fields applied, or every problem.
    fn apply(&self, base: Self::Value, lang: Lang) -> Result<Self::Value, Vec<String>>;
}

/// The state of a settings form.
pub struct SettingsForm<T: FormText> {
    /// The settings as kept (re-read when the portfolio's extras change).
    pub current: Memo<T::Value>,
    /// The fields as typed.
    pub typed: RwSignal<T>,
    /// What was wrong at the last save.
    pub errors: RwSignal<Vec<String>>,
    /// Saved, and not edited since.
    pub saved: RwSignal<bool>,
    key: &'static str,
    app: AppState,
    i: I18n,
}

impl<T: FormText> Clone for SettingsForm<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: FormText> Copy for SettingsForm<T> {}

impl<T: FormText> SettingsForm<T> {
    /// A form over the extra `key`, read with `read` (which gives the
    /// defaults when it is absent). The fields follow the kept settings.
    pub fn new(key: &'static str, read: fn(&BTreeMap<String, String>) -> T::Value) -> Self {
        let app = use_app();
        let current = Memo::new(move |_| app.extras.with(read));
        let typed = RwSignal::new(T::default());
        Effect::new(move |_| typed.set(T::of(&current.get())));
        SettingsForm {
            current,
            typed,
            errors: RwSignal::new(Vec::new()),
            saved: RwSignal::new(false),
            key,
            app,
            i: use_i18n(),
        }
    }

    /// Checks every field; keeps the settings when all are right.
    pub fn save(&self) {
        let lang = self.i.lang.get_untracked();
        match self
            .typed
            .get_untracked()
            .apply(self.current.get_untracked(), lang)
        {
            Ok(v) => {
                self.errors.set(Vec::new());
                self.app.set_extra(self.key, &v);
                self.saved.set(true);
            }
            Err(e) => {
                self.errors.set(e);
                self.saved.set(false);
            }
        }
    }

    /// A text field: its label (a key of `i18n/`), its test id, and how it
    /// reads and writes the typed fields.
    pub fn text<L: Texts + Send + Sync + 'static>(
        &self,
        label: L,
        id: &'static str,
        get: fn(&T) -> String,
        put: fn(&mut T, String),
    ) -> impl IntoView {
        let (i, typed, saved) = (self.i, self.typed, self.saved);
        view! {
            <label class="field">
                <span>{move || i.t(label)}</span>
                <input type="text" data-testid=id prop:value=move || typed.with(get) on:input=move |ev| { saved.set(false); let v = event_target_value(&ev); typed.update(|t| put(t, v)) }/>
            </label>
        }
    }
}

/// "Saved with the portfolio." while `saved` holds.
pub fn saved_note(saved: RwSignal<bool>, id: &'static str) -> impl IntoView {
    let i = use_i18n();
    move || {
        saved.get().then(|| view! { <span class="ok" data-testid=id>{move || i.t(A::SavedWithPortfolio)}</span> })
    }
}

/// Every problem of the last save, as a list.
pub fn error_list(errors: RwSignal<Vec<String>>, id: &'static str) -> impl IntoView {
    move || {
        let e = errors.get();
        (!e.is_empty()).then(|| view! {
            <ul class="error" role="alert" data-testid=id>{e.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
        })
    }
}
