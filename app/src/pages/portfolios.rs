//! The stored portfolios: open, create, rename, duplicate, delete (after a
//! confirmation), back up to one JSON file, restore a backup as a new
//! portfolio (never over an existing one), and how much of the browser's
//! storage they use.

use credit_core::money::Currency;
use credit_core::portfolio::clean_name;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::lock::{AutoLockSetting, EncryptionControls, SelfTest};
use crate::db::{self, Meta};
use crate::i18n::import::{self as text, Im};
use crate::i18n::{messages, use_i18n, Lang};
use crate::pages::import::CURRENCIES;
use crate::protocol::{Failure, Reply, Request};
use crate::state::use_app;
use crate::worker;

fn megabytes(bytes: f64) -> String {
    // Tenths of a megabyte with integer formatting (no float formatting in
    // the download).
    let tenths = (bytes / 104_857.6).round() as u64;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

fn saved_at(ms: u64, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(d.to_locale_string(text::date_locale(lang), &wasm_bindgen::JsValue::UNDEFINED))
}

/// The portfolios page.
#[component]
pub fn Portfolios() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let usage = RwSignal::new(None::<(f64, f64, bool)>);
    let message = RwSignal::new(None::<String>);
    let busy_other = RwSignal::new(false);
    let new_name = RwSignal::new(String::new());
    let currency = RwSignal::new("CNY".to_string());
    let renaming = RwSignal::new(None::<(String, String)>);
    let deleting = RwSignal::new(None::<String>);
    let lock_message = RwSignal::new(None::<String>);

    let measure = move || {
        spawn_local(async move { usage.set(crate::browser::storage_estimate().await) });
    };
    measure();
    app.refresh();
    Effect::new(move |_| {
        app.portfolios.track();
        measure();
    });

    let report = move |f: Failure| message.set(Some(messages::failure(i.lang.get_untracked(), &f)));
    let db_report =
        move |e: db::DbError| message.set(Some(messages::db_error(i.lang.get_untracked(), &e)));

    // Writes through actions: creating a portfolio (in the worker), its
    // pending state disabling the buttons that write.
    let creating = Action::new_local(|req: &Request| {
        let req = req.clone();
        async move { worker::call(&req, None).await }
    });
    let busy = Signal::derive(move || busy_other.get() || creating.pending().get());
    let create = move |_| {
        let name = new_name.get_untracked();
        let name = if name.trim().is_empty() {
            i.t(Im::DefaultPortfolioName).to_string()
        } else {
            match clean_name(&name) {
                Ok(n) => n,
                Err(e) => {
                    message.set(Some(messages::name_error(i.lang.get_untracked(), e)));
                    return;
                }
            }
        };
        let currency = Currency::new(&currency.get_untracked()).unwrap_or(Currency::CNY);
        message.set(None);
        creating.dispatch(Request::Create { name, currency });
    };
    // What the Create action brought back.
    Effect::new(move |_| match creating.value().get() {
        Some(Reply::Saved { id, .. }) => {
            creating.value().set(None);
            crate::browser::request_persist();
            new_name.set(String::new());
            app.refresh();
            app.open_stored(id);
        }
        Some(Reply::Failed(f)) => {
            creating.value().set(None);
            report(f);
        }
        _ => {}
    });

    // An encrypted backup asks for its passphrase; the file is kept until
    // then (in memory only).
    let pending = RwSignal::new_local(None::<web_sys::File>);
    let restore_pass = RwSignal::new(String::new());
    let restore_file = move |file: web_sys::File, passphrase: Option<String>| {
        busy_other.set(true);
        message.set(None);
        spawn_local(async move {
            let req = Request::Restore {
                file_name: file.name(),
                passphrase: passphrase.clone(),
            };
            match worker::call(&req, Some(&file)).await {
                Reply::Failed(Failure::Locked) => {
                    pending.set(Some(file));
                }
                Reply::Saved { id, name } => {
                    crate::browser::request_persist();
                    pending.set(None);
                    restore_pass.set(String::new());
                    app.refresh();
                    // Restored from an encrypted backup: encrypted under the
                    // same passphrase, which unlocks it here too.
                    match passphrase {
                        Some(p) => {
                            if let Err(e) = app.unlock(id, p).await {
                                db_report(e);
                            }
                        }
                        // "Restored" once it is open and remembered.
                        None => app.open_stored_now(id).await,
                    }
                    message.set(Some(text::restored_as(i.lang.get_untracked(), &name)));
                }
                Reply::Failed(f) => report(f),
                _ => {}
            }
            busy_other.set(false);
        });
    };
    let restore = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        pending.set(None);
        restore_file(file, None);
    };

    let backup = move |m: Meta| {
        busy_other.set(true);
        message.set(None);
        spawn_local(async move {
            match worker::call(&Request::Backup { id: m.id.clone() }, None).await {
                Reply::Backup { file_name, json } => {
                    if let Err(e) = crate::browser::download(&file_name, "application/json", &json)
                    {
                        message.set(Some(e));
                    }
                }
                Reply::Failed(f) => report(f),
                _ => {}
            }
            busy_other.set(false);
        });
    };

    let row = move |m: Meta| {
        let lang = i.lang.get();
        let is_open = app.open_meta.get().is_some_and(|o| o.id == m.id);
        let id = m.id.clone();
        let (id_open, id_ren, id_dup, id_del, id_del2) =
            (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        let m_backup = m.clone();
        let name = m.name.clone();
        let name_dup = m.name.clone();
        let renaming_this = {
            let id = id.clone();
            move || renaming.get().filter(|(r, _)| *r == id)
        };
        let deleting_this = {
            let id = id.clone();
            move || deleting.get().as_deref() == Some(id.as_str())
        };
        view! {
            <tr data-testid="portfolio-row" class:current=is_open>
                <td data-testid="portfolio-row-name">
                    {move || match renaming_this() {
                        Some((rid, text)) => view! {
                            <input data-testid="portfolio-rename-input" prop:value=text on:input=move |ev| renaming.set(Some((rid.clone(), event_target_value(&ev))))/>
                            <button data-testid="portfolio-rename-save" on:click=move |_| {
                                let Some((rid, text)) = renaming.get_untracked() else { return };
                                let text = match clean_name(&text) {
                                    Ok(t) => t,
                                    Err(e) => {
                                        message.set(Some(messages::name_error(i.lang.get_untracked(), e)));
                                        return;
                                    }
                                };
                                renaming.set(None);
                                spawn_local(async move {
                                    match db::rename(&rid, &text).await {
                                        Ok(meta) => {
                                            if app.open_meta.get_untracked().is_some_and(|o| o.id == meta.id) {
                                                app.open_meta.set(Some(meta.clone()));
                                            }
                                            db::announce(&meta.id);
                                            app.refresh();
                                        }
                                        Err(e) => db_report(e),
                                    }
                                });
                            }>{i.t(Im::Save)}</button>
                        }.into_any(),
                        None => view! { <span>{name.clone()}</span> }.into_any(),
                    }}
                    {is_open.then(|| view! { <span class="badge" data-testid="portfolio-current">{i.t(Im::OpenBadge)}</span> })}
                </td>
                <td>{m.currency.code().to_string()}</td>
                <td class="num" data-testid="portfolio-customers">{m.customers}</td>
                <td class="num" data-testid="portfolio-invoices">{m.invoices}</td>
                <td class="muted">{saved_at(m.saved_ms, lang)}</td>
                <td class="lock-cell"><EncryptionControls meta=m.clone() message=lock_message/></td>
                <td class="row-actions">
                    <button data-testid="portfolio-open" disabled=is_open on:click=move |_| app.open_stored(id_open.clone())>{i.t(Im::Open)}</button>
                    <button class="secondary" data-testid="portfolio-rename" on:click=move |_| renaming.set(Some((id_ren.clone(), m.name.clone())))>{i.t(Im::Rename)}</button>
                    <button class="secondary" data-testid="portfolio-duplicate" disabled=move || busy.get() on:click=move |_| {
                        let (id, name) = (id_dup.clone(), text::copy_name(i.lang.get_untracked(), &name_dup));
                        spawn_local(async move {
                            match db::duplicate(&id, &name).await {
                                Ok(meta) => { db::announce(&meta.id); app.refresh(); }
                                Err(e) => db_report(e),
                            }
                        });
                    }>{i.t(Im::Duplicate)}</button>
                    <button class="secondary" data-testid="portfolio-backup" disabled=move || busy.get() on:click=move |_| backup(m_backup.clone())>{i.t(Im::BackUp)}</button>
                    <button class="danger" data-testid="portfolio-delete" on:click=move |_| deleting.set(Some(id_del.clone()))>{i.t(Im::Delete)}</button>
                    <Show when=deleting_this.clone()>
                        <div class="confirm" role="alertdialog" data-testid="delete-confirm">
                            <span>{i.t(Im::DeleteConfirm)}</span>
                            <button class="danger" data-testid="portfolio-delete-confirm" on:click={
                                let id = id_del2.clone();
                                move |_| {
                                    let id = id.clone();
                                    deleting.set(None);
                                    spawn_local(async move {
                                        match db::delete(&id).await {
                                            Ok(()) => {
                                                // Its records are gone from the API, not yet
                                                // from the browser's files.
                                                db::scrub().await;
                                                if app.open_meta.get_untracked().is_some_and(|o| o.id == id) {
                                                    app.close();
                                                }
                                                db::announce(&id);
                                                app.refresh();
                                            }
                                            Err(e) => db_report(e),
                                        }
                                    });
                                }
                            }>{i.t(Im::Delete)}</button>
                            <button class="secondary" data-testid="portfolio-delete-cancel" on:click=move |_| deleting.set(None)>{i.t(Im::Cancel)}</button>
                        </div>
                    </Show>
                </td>
            </tr>
        }
    };

    view! {
        <section class="page portfolios">
            <h1>{move || i.t(Im::Portfolios)}</h1>
            <p class="muted" data-testid="storage-usage">
                {move || match usage.get() {
                    Some((used, quota, persisted)) => {
                        text::storage_usage(i.lang(), &megabytes(used), &megabytes(quota), persisted)
                    }
                    None => String::new(),
                }}
            </p>
            {move || message.get().map(|m| view! { <p class="error" role="alert" data-testid="portfolio-message">{m}</p> })}
            {move || lock_message.get().map(|m| view! { <p class="note" role="status" data-testid="lock-message">{m}</p> })}
            {move || app.storage_error.get().map(|e| view! { <p class="error" role="alert" data-testid="storage-error">{messages::db_error(i.lang.get(), &e)}</p> })}
            <div class="table-wrap" tabindex="0">
            <table class="data">
                <thead><tr>
                    <th>{move || i.t(Im::Name)}</th>
                    <th>{move || i.t(Im::Currency)}</th>
                    <th class="num">{move || i.t(Im::ColBuyers)}</th>
                    <th class="num">{move || i.t(Im::ColInvoices)}</th>
                    <th>{move || i.t(Im::Saved)}</th>
                    <th>{move || i.t(Im::Encryption)}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    // Reads through the resource, as the Leptos `fetch`
                    // example does: the last list stays while the next is
                    // read; a failed read is said in the user's language.
                    <Transition fallback=|| ()>
                        <ErrorBoundary fallback=move |errors| view! {
                            <tr><td colspan="7" class="error" data-testid="portfolio-list-error">
                                {move || errors.get().into_iter().map(|(_, e)| match (**e).downcast_ref::<db::DbError>() {
                                    Some(e) => messages::db_error(i.lang(), e),
                                    None => e.to_string(),
                                }).collect::<Vec<_>>().join(" ")}
                            </td></tr>
                        }>
                            {move || Suspend::new(async move {
                                app.portfolio_list
                                    .await
                                    .map(|_| move || app.portfolios.get().into_iter().map(row).collect_view())
                            })}
                        </ErrorBoundary>
                    </Transition>
                </tbody>
            </table>
            </div>
            {move || app.portfolios.get().is_empty().then(|| view! { <p class="muted" data-testid="no-portfolios">{i.t(Im::NoPortfolios)}</p> })}
            <div class="card form-grid">
                <h2>{move || i.t(Im::NewPortfolio)}</h2>
                <label>{move || i.t(Im::Name)}
                    <input data-testid="new-portfolio-name" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </label>
                <label>{move || i.t(Im::BaseCurrency)}
                    <select data-testid="new-portfolio-currency" on:change=move |ev| currency.set(event_target_value(&ev))>
                        {CURRENCIES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                    </select>
                </label>
                <button data-testid="create-portfolio" disabled=move || busy.get() on:click=create>{move || i.t(Im::Create)}</button>
                <a href="/import" data-testid="go-import">{move || i.t(Im::ImportLink)}</a>
            </div>
            <div class="card">
                <h2>{move || i.t(Im::RestoreBackup)}</h2>
                <p class="muted">{move || i.t(Im::RestoreHelp)}</p>
                <input type="file" accept=".json,application/json" data-testid="restore-file" aria-label=move || i.t(Im::RestoreBackup) disabled=move || busy.get() on:change=restore/>
                {move || pending.with(Option::is_some).then(|| view! {
                    <form class="lock-form" data-testid="restore-passphrase-form" on:submit=move |ev| {
                        ev.prevent_default();
                        if let Some(f) = pending.get_untracked() {
                            restore_file(f, Some(restore_pass.get_untracked()));
                        }
                    }>
                        <p>{move || i.t(Im::EncryptedBackup)}</p>
                        <label><span>{move || i.t(Im::Passphrase)}</span>
                            <input type="password" data-testid="restore-passphrase" prop:value=move || restore_pass.get() on:input=move |ev| restore_pass.set(event_target_value(&ev))/></label>
                        <button type="submit" data-testid="restore-with-passphrase" disabled=move || busy.get()>{move || i.t(Im::Restore)}</button>
                    </form>
                })}
            </div>
            <div class="card">
                <h2>{move || i.t(Im::EncryptionAtRest)}</h2>
                <p class="muted">{move || i.t(Im::EncryptionHelp)}</p>
                <AutoLockSetting/>
                <SelfTest/>
            </div>
            {move || worker::progress().get().map(|(phase, permille)| view! {
                <div class="progress" data-testid="portfolio-progress" role="status">
                    <span>{messages::phase(i.lang.get(), phase)}</span>
                    <progress max="1000" value=permille.to_string()></progress>
                </div>
            })}
        </section>
    }
}
