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

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::crypto;
use crate::db::{self, Meta};
use crate::i18n::messages;
use crate::i18n::{use_i18n, Lang};
use crate::state::{autolock_minutes, use_app, AUTOLOCK_KEY};

/// The fewest characters of a passphrase.
pub const MIN_PASSPHRASE: usize = 10;

/// What is wrong with a new passphrase typed twice, if anything.
pub fn passphrase_problem(a: &str, b: &str, lang: Lang) -> Option<String> {
    let en = lang == Lang::En;
    if a.chars().count() < MIN_PASSPHRASE {
        return Some(if en {
            format!(
                "Passphrase: at least {MIN_PASSPHRASE} characters (it has {}).",
                a.chars().count()
            )
        } else {
            format!(
                "口令：至少 {MIN_PASSPHRASE} 个字符（当前 {} 个）。",
                a.chars().count()
            )
        });
    }
    if a != b {
        return Some(if en {
            "Passphrase: the two entries differ.".into()
        } else {
            "口令：两次输入不一致。".into()
        });
    }
    None
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
                    <p>{move || i.pick(
                        "This portfolio is encrypted. Enter its passphrase to open it; until then nothing of it can be read.",
                        "该组合已加密。请输入口令打开；在此之前其内容无法读取。")}</p>
                    <form class="actions" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                        <label>
                            <span>{move || i.pick("Passphrase", "口令")}</span>
                            <input type="password" autocomplete="current-password" data-testid="unlock-passphrase"
                                prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/>
                        </label>
                        <button type="submit" data-testid="unlock" disabled=move || busy.get()>{move || i.pick("Unlock", "解锁")}</button>
                    </form>
                    {move || busy.get().then(|| view! { <p class="muted" role="status">{move || i.pick("Deriving the key (600,000 rounds of PBKDF2)…", "正在派生密钥（PBKDF2 60万轮）…")}</p> })}
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
    let unlocked = encrypted && db::key_of(&id).is_some();
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
                message.set(Some(
                    i.pick(
                        "Tick the box: a lost passphrase means lost data.",
                        "请勾选：遗失口令即丢失数据。",
                    )
                    .into(),
                ));
                return;
            }
            let id = id.clone();
            let pass = a.get_untracked();
            let ok = if form.get_untracked() == Form::Encrypt {
                i.pick(
                    "Encrypted. Keep the passphrase safe: nobody can recover it.",
                    "已加密。请妥善保管口令：任何人都无法找回。",
                )
            } else {
                i.pick("Passphrase changed.", "口令已更改。")
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
                {if unlocked { i.pick("🔓 encrypted, unlocked", "🔓 已加密（已解锁）") } else { i.pick("🔒 encrypted, locked", "🔒 已加密（已锁定）") }}
            </span>
        })
    };
    view! {
        {badge}
        <div class="lock-actions">
            {(!encrypted).then(|| view! {
                <button class="secondary" data-testid="portfolio-encrypt" on:click=move |_| form.set(Form::Encrypt)>{move || i.pick("Encrypt…", "加密…")}</button>
            })}
            {(encrypted && !unlocked).then(|| view! {
                <button class="secondary" data-testid="portfolio-unlock" on:click=move |_| form.set(Form::Unlock)>{move || i.pick("Unlock…", "解锁…")}</button>
            })}
            {(encrypted && unlocked).then(|| view! {
                <button class="secondary" data-testid="portfolio-lock" on:click=move |_| { app.lock_all(); app.refresh(); }>{move || i.pick("Lock now", "立即锁定")}</button>
                <button class="secondary" data-testid="portfolio-change-passphrase" on:click=move |_| form.set(Form::Change)>{move || i.pick("Change passphrase…", "更改口令…")}</button>
                <button class="secondary" data-testid="portfolio-decrypt" on:click={
                    let id = id_remove.clone();
                    move |_| {
                        let id = id.clone();
                        busy.set(true);
                        spawn_local(async move {
                            done(db::remove_passphrase(&id).await, i.pick("Encryption removed: stored in the clear.", "已移除加密：以明文存储。"));
                            busy.set(false);
                        });
                    }
                }>{move || i.pick("Remove encryption", "移除加密")}</button>
            })}
        </div>
        {move || match form.get() {
            Form::None => None,
            Form::Unlock => Some(view! {
                <form class="lock-form" on:submit={
                    let unlock = unlock.clone();
                    move |ev| { ev.prevent_default(); unlock(); }
                }>
                    <label><span>{move || i.pick("Passphrase", "口令")}</span>
                        <input type="password" data-testid="row-unlock-passphrase" prop:value=move || a.get() on:input=move |ev| a.set(event_target_value(&ev))/></label>
                    <button type="submit" data-testid="row-unlock" disabled=move || busy.get()>{move || i.pick("Unlock", "解锁")}</button>
                </form>
            }.into_any()),
            f => Some(view! {
                <form class="lock-form" data-testid="encrypt-form" on:submit={
                    let set_pass = set_pass.clone();
                    move |ev| { ev.prevent_default(); set_pass(); }
                }>
                    <p class="warning" data-testid="passphrase-warning">{move || i.pick(
                        "There is no way to recover a lost passphrase: without it, the data of this portfolio is lost for good. Keep a backup (it is encrypted with the same passphrase).",
                        "遗失的口令无法找回：没有口令，该组合的数据将永久丢失。请保留备份（备份使用同一口令加密）。")}</p>
                    <label><span>{move || if f == Form::Change { i.pick("New passphrase", "新口令") } else { i.pick("Passphrase", "口令") }}</span>
                        <input type="password" autocomplete="new-password" data-testid="new-passphrase" prop:value=move || a.get() on:input=move |ev| a.set(event_target_value(&ev))/></label>
                    <label><span>{move || i.pick("Type it again", "再次输入")}</span>
                        <input type="password" autocomplete="new-password" data-testid="new-passphrase-again" prop:value=move || b.get() on:input=move |ev| b.set(event_target_value(&ev))/></label>
                    {(f == Form::Encrypt).then(|| view! {
                        <label class="check"><input type="checkbox" data-testid="passphrase-understood" prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev))/>
                            <span>{move || i.pick("I understand that a lost passphrase means lost data", "我了解遗失口令即丢失数据")}</span></label>
                    })}
                    <button type="submit" data-testid="set-passphrase" disabled=move || busy.get()>{move || if f == Form::Change { i.pick("Change passphrase", "更改口令") } else { i.pick("Encrypt", "加密") }}</button>
                    <button type="button" class="secondary" on:click=move |_| form.set(Form::None)>{move || i.pick("Cancel", "取消")}</button>
                </form>
            }.into_any()),
        }}
        {move || busy.get().then(|| view! { <p class="muted" role="status">{move || i.pick("Working: deriving the key and rewriting every record…", "处理中：派生密钥并重写全部记录…")}</p> })}
    }
}

/// The idle auto-lock delay.
#[component]
pub fn AutoLockSetting() -> impl IntoView {
    let i = use_i18n();
    let current = RwSignal::new(autolock_minutes());
    view! {
        <label class="autolock">
            <span>{move || i.pick("Lock encrypted portfolios after this long without use", "无操作多久后锁定加密组合")}</span>
            <select data-testid="autolock" on:change=move |ev| {
                let v = event_target_value(&ev);
                browser::save(AUTOLOCK_KEY, &v);
                current.set(autolock_minutes());
            }>
                {[1.0, 5.0, 15.0, 30.0, 60.0].into_iter().map(|m: f64| {
                    let v = (m as u32).to_string();
                    view! { <option value=v.clone() selected=move || (current.get() - m).abs() < 0.01>{move || match i.lang.get() { Lang::En => format!("{} min", m as u32), Lang::Zh => format!("{} 分钟", m as u32) }}</option> }
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
            {move || i.pick("Check the encryption (known-answer test)", "检查加密（已知答案测试）")}
        </button>
        {move || results.get().map(|r| {
            let all = r.iter().all(|c| c.passed);
            view! {
                <p data-testid="self-test-result" class=if all { "ok" } else { "error" }>
                    {move || if all { i.pick("All checks passed.", "全部检查通过。") } else { i.pick("A check FAILED: do not rely on encryption in this browser.", "有检查未通过：请勿在此浏览器中依赖加密。") }}
                </p>
                <ul class="self-test">
                    {r.into_iter().map(|c| view! { <li data-testid="self-test-check" data-passed=c.passed.to_string()>{if c.passed { "✓ " } else { "✗ " }}{move || i.pick(c.name, c.name_zh)}</li> }).collect_view()}
                </ul>
            }
        })}
    }
}
