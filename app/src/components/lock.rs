//! Encryption at rest, as the user sees it: the unlock prompt for a locked
//! portfolio, the per-portfolio controls (encrypt, lock, change the
//! passphrase, remove encryption), the idle auto-lock setting and the
//! encryption self-test.
//!
//! Choices where the issue is silent: the passphrase must have at least 10
//! characters and be typed twice; encrypting asks the user to confirm they
//! understand a lost passphrase means lost data; the portfolio's name and
//! its counts of buyers and invoices stay readable in the list (so a
//! locked portfolio can be recognised), nothing else does; auto-lock after
//! 15 minutes without input by default (1, 5, 15, 30 or 60).

use crate::i18n::shell::S;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::crypto;
use crate::db::{self, Meta};
use crate::i18n::messages;
use crate::i18n::shell;
use crate::i18n::{use_i18n, Lang};
use crate::state::{autolock_minutes, use_app, AUTOLOCK_KEY};
use credit_core::envelope::check_new_passphrase;

/// What is wrong with a new passphrase typed twice, if anything (the rule
/// is the core's [`check_new_passphrase`]).
pub fn passphrase_problem(a: &str, b: &str, lang: Lang) -> Option<String> {
    check_new_passphrase(a, b)
        .err()
        .map(|e| shell::passphrase_error(lang, e))
}

/// The prompt shown in place of a locked portfolio.
#[component]
pub fn UnlockPrompt() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let pass = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        let Some(m) = app.locked.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        let p = pass.get_untracked();
        spawn_local(async move {
            match app.unlock(m.id.clone(), p).await {
                Ok(()) => pass.set(String::new()),
                Err(e) => error.set(Some(messages::db_error(i.lang.get_untracked(), &e))),
            }
            busy.set(false);
        });
    };
    move || {
        app.locked.get().map(|m| {
            view! {
                <section class="panel locked" data-testid="unlock-prompt">
                    <h2>"🔒 " {m.name.clone()}</h2>
                    <p>{move || i.t(S::ThisPortfolioIsEncryptedEnter)}</p>
                    <form class="actions" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                        <label>
                            <span>{move || i.t(S::Passphrase)}</span>
                            <input type="password" autocomplete="current-password" data-testid="unlock-passphrase"
                                prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/>
                        </label>
                        <button type="submit" data-testid="unlock" disabled=move || busy.get()>{move || i.t(S::Unlock)}</button>
                    </form>
                    {move || busy.get().then(|| view! { <p class="muted" role="status">{move || i.t(S::DerivingTheKey600000)}</p> })}
                    {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="unlock-error">{e}</p> })}
                </section>
            }
        })
    }
}

/// Which form of a row is open.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    None,
    Encrypt,
    Change,
    Unlock,
}

/// A portfolio's encryption state and controls, in its row.
#[component]
pub fn EncryptionControls(
    meta: Meta,
    /// Where the outcome is told: the page's, so it outlives the row (the
    /// list is redrawn when a portfolio changes).
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let form = RwSignal::new(Form::None);
    let a = RwSignal::new(String::new());
    let b = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = meta.id.clone();
    let encrypted = meta.encrypted();
    let unlocked = encrypted && crate::keys::key_of(&id).is_some();
    let done = move |r: Result<Meta, db::DbError>, ok: &'static str| match r {
        Ok(m) => {
            db::announce(&m.id);
            crate::worker::share_keys();
            app.refresh();
            if app.open_meta.get_untracked().is_some_and(|o| o.id == m.id) {
                app.open_meta.set(Some(m));
            }
            form.set(Form::None);
            a.set(String::new());
            b.set(String::new());
            message.set(Some(ok.to_string()));
        }
        Err(e) => message.set(Some(messages::db_error(i.lang.get_untracked(), &e))),
    };
    let set_pass = {
        let id = id.clone();
        move || {
            let lang = i.lang.get_untracked();
            if let Some(p) = passphrase_problem(&a.get_untracked(), &b.get_untracked(), lang) {
                message.set(Some(p));
                return;
            }
            if form.get_untracked() == Form::Encrypt && !understood.get_untracked() {
                message.set(Some(i.t(S::TickTheBoxALost).into()));
                return;
            }
            let id = id.clone();
            let pass = a.get_untracked();
            let ok = if form.get_untracked() == Form::Encrypt {
                i.t(S::EncryptedKeepThePassphraseSafe)
            } else {
                i.t(S::PassphraseChanged)
            };
            busy.set(true);
            message.set(None);
            spawn_local(async move {
                let r = db::set_passphrase(&id, &pass).await;
                if r.is_ok() {
                    // The plaintext the records held is gone from the API
                    // but not yet from the browser's files: rewrite them.
                    db::scrub().await;
                }
                done(r, ok);
                busy.set(false);
            });
        }
    };
    let unlock = {
        let id = id.clone();
        move || {
            let id = id.clone();
            let pass = a.get_untracked();
            busy.set(true);
            message.set(None);
            spawn_local(async move {
                match db::unlock(&id, &pass).await {
                    Ok(()) => {
                        crate::worker::share_keys();
                        a.set(String::new());
                        form.set(Form::None);
                        app.refresh();
                        if app.locked.get_untracked().is_some_and(|m| m.id == id) {
                            app.open_stored(id);
                        }
                    }
                    Err(e) => message.set(Some(messages::db_error(i.lang.get_untracked(), &e))),
                }
                busy.set(false);
            });
        }
    };
    let id_remove = id.clone();
    let badge = move || {
        if !encrypted {
            return None;
        }
        Some(view! {
            <span class="badge lock-badge" data-testid="portfolio-encrypted">
                {if unlocked { i.t(S::EncryptedUnlocked) } else { i.t(S::EncryptedLocked) }}
            </span>
        })
    };
    view! {
        {badge}
        <div class="lock-actions">
            {(!encrypted).then(|| view! {
                <button class="secondary" data-testid="portfolio-encrypt" on:click=move |_| form.set(Form::Encrypt)>{move || i.t(S::EncryptMenu)}</button>
            })}
            {(encrypted && !unlocked).then(|| view! {
                <button class="secondary" data-testid="portfolio-unlock" on:click=move |_| form.set(Form::Unlock)>{move || i.t(S::UnlockMenu)}</button>
            })}
            {(encrypted && unlocked).then(|| view! {
                <button class="secondary" data-testid="portfolio-lock" on:click=move |_| { app.lock_all(); app.refresh(); }>{move || i.t(S::LockNow)}</button>
                <button class="secondary" data-testid="portfolio-change-passphrase" on:click=move |_| form.set(Form::Change)>{move || i.t(S::ChangePassphraseMenu)}</button>
                <button class="secondary" data-testid="portfolio-decrypt" on:click={
                    let id = id_remove.clone();
                    move |_| {
                        let id = id.clone();
                        busy.set(true);
                        spawn_local(async move {
                            done(db::remove_passphrase(&id).await, i.t(S::EncryptionRemovedStoredInThe));
                            busy.set(false);
                        });
                    }
                }>{move || i.t(S::RemoveEncryption)}</button>
            })}
        </div>
        {move || match form.get() {
            Form::None => None,
            Form::Unlock => Some(view! {
                <form class="lock-form" on:submit={
                    let unlock = unlock.clone();
                    move |ev| { ev.prevent_default(); unlock(); }
                }>
                    <label><span>{move || i.t(S::Passphrase)}</span>
                        <input type="password" data-testid="row-unlock-passphrase" prop:value=move || a.get() on:input=move |ev| a.set(event_target_value(&ev))/></label>
                    <button type="submit" data-testid="row-unlock" disabled=move || busy.get()>{move || i.t(S::Unlock)}</button>
                </form>
            }.into_any()),
            f => Some(view! {
                <form class="lock-form" data-testid="encrypt-form" on:submit={
                    let set_pass = set_pass.clone();
                    move |ev| { ev.prevent_default(); set_pass(); }
                }>
                    <p class="warning" data-testid="passphrase-warning">{move || i.t(S::ThereIsNoWayTo)}</p>
                    <label><span>{move || if f == Form::Change { i.t(S::NewPassphrase) } else { i.t(S::Passphrase) }}</span>
                        <input type="password" autocomplete="new-password" data-testid="new-passphrase" prop:value=move || a.get() on:input=move |ev| a.set(event_target_value(&ev))/></label>
                    <label><span>{move || i.t(S::TypeItAgain)}</span>
                        <input type="password" autocomplete="new-password" data-testid="new-passphrase-again" prop:value=move || b.get() on:input=move |ev| b.set(event_target_value(&ev))/></label>
                    {(f == Form::Encrypt).then(|| view! {
                        <label class="check"><input type="checkbox" data-testid="passphrase-understood" prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev))/>
                            <span>{move || i.t(S::IUnderstandThatALost)}</span></label>
                    })}
                    <button type="submit" data-testid="set-passphrase" disabled=move || busy.get()>{move || if f == Form::Change { i.t(S::ChangePassphrase) } else { i.t(S::Encrypt) }}</button>
                    <button type="button" class="secondary" on:click=move |_| form.set(Form::None)>{move || i.t(S::Cancel)}</button>
                </form>
            }.into_any()),
        }}
        {move || busy.get().then(|| view! { <p class="muted" role="status">{move || i.t(S::WorkingDerivingTheKeyAnd)}</p> })}
    }
}

/// The idle auto-lock delay.
#[component]
pub fn AutoLockSetting() -> impl IntoView {
    let i = use_i18n();
    let current = RwSignal::new(autolock_minutes());
    view! {
        <label class="autolock">
            <span>{move || i.t(S::LockEncryptedPortfoliosAfterThis)}</span>
            <select data-testid="autolock" on:change=move |ev| {
                let v = event_target_value(&ev);
                browser::save(AUTOLOCK_KEY, &v);
                current.set(autolock_minutes());
            }>
                {[1.0, 5.0, 15.0, 30.0, 60.0].into_iter().map(|m: f64| {
                    let v = (m as u32).to_string();
                    view! { <option value=v.clone() selected=move || (current.get() - m).abs() < 0.01>{move || shell::minutes(i.lang(), m as u32)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// Runs the encryption self-test (known answers through this browser's
/// WebCrypto) and shows each result.
#[component]
pub fn SelfTest() -> impl IntoView {
    let i = use_i18n();
    let results = RwSignal::new(None::<Vec<crypto::Check>>);
    let busy = RwSignal::new(false);
    let run = move |_| {
        busy.set(true);
        spawn_local(async move {
            results.set(Some(crypto::self_test().await));
            busy.set(false);
        });
    };
    view! {
        <button class="secondary" data-testid="crypto-self-test" disabled=move || busy.get() on:click=run>
            {move || i.t(S::CheckTheEncryptionKnownAnswer)}
        </button>
        {move || results.get().map(|r| {
            let all = r.iter().all(|c| c.passed);
            view! {
                <p data-testid="self-test-result" class=if all { "ok" } else { "error" }>
                    {move || if all { i.t(S::AllChecksPassed) } else { i.t(S::ACheckFailedDoNot) }}
                </p>
                <ul class="self-test">
                    {r.into_iter().map(|c| view! { <li data-testid="self-test-check" data-passed=c.passed.to_string()>{if c.passed { "✓ " } else { "✗ " }}{move || i.t(c.name)}</li> }).collect_view()}
                </ul>
            }
        })}
    }
}
