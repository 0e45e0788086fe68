//! The ledger worker: a second wasm module, run in a Web Worker and loaded
//! only when a file is imported, a backup made or restored, or a portfolio
//! created. It reads files (CSV in any supported encoding, XLSX), checks
//! every row, merges, encodes and writes IndexedDB, so the page stays
//! responsive through a million rows and the import code stays out of the
//! page's initial download. Messages: `src/protocol.rs`.

use credit_app::{crypto, db, keys, protocol};

use std::cell::RefCell;
use std::collections::BTreeMap;

use credit_core::backup::{self, BackupError};
use credit_core::envelope;
use credit_core::import::header::{normalise, Field};
use credit_core::import::{
    self, csv::CsvError, existing_ids, guess_mapping, merge, preview, ImportError, Mapping,
    ParseOptions, Preview, ReadOptions, Table,
};
use credit_core::portfolio::Portfolio;
use credit_core::store::Extras;
use db::{DbError, Meta};
use protocol::{
    Committed, Failure, Opened, Phase, Previewed, Reply, Request, Target, INSURED_BEFORE_KEY,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Where a portfolio remembers the mapping of its last import:
/// normalised header → field, as JSON.
const MAPPING_KEY: &str = "import.mapping";

/// What the worker holds between requests of one import.
#[derive(Default)]
struct Session {
    file_name: String,
    table: Option<Table>,
    /// The export's preset whose mapping is used, if any.
    preset: Option<import::Preset>,
    /// The date the file's balances are as of.
    file_date: Option<credit_core::NaiveDate>,
    mapping: Option<Mapping>,
    preview: Option<Preview>,
    /// The target read for the preview: id, meta, portfolio, extras.
    target: Option<(String, Meta, Portfolio, Extras)>,
}

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

thread_local! {
    /// The id of the newest request: progress is sent under it (a request
    /// superseded meanwhile is one the page no longer listens to).
    static LATEST: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Sends a reply to request `id` as `{id, msg}`.
fn send_to(id: f64, reply: &Reply) {
    if let Ok(text) = serde_json::to_string(reply) {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(&msg, &"msg".into(), &JsValue::from_str(&text));
        let _ = scope().post_message(&msg);
    }
}

fn send(reply: &Reply) {
    send_to(LATEST.with(|l| l.get()), reply);
}

/// The worker's clock, for the timings the benchmark reads.
fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

fn progress(phase: Phase, permille: u32) {
    send(&Reply::Progress { phase, permille });
}

fn main() {
    console_error_panic_hook::set_once();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        let msg = js_sys::Reflect::get(&data, &"msg".into())
            .ok()
            .and_then(|v| v.as_string());
        let file = js_sys::Reflect::get(&data, &"file".into())
            .ok()
            .filter(|v| v.is_object());
        // The keys of the portfolios the page has unlocked come with every
        // request (and only live in memory): the worker holds exactly those.
        if let Ok(keys) = js_sys::Reflect::get(&data, &"keys".into()) {
            if let Ok(keys) = keys.dyn_into::<js_sys::Array>() {
                keys::set_keys(
                    keys.iter()
                        .filter_map(|pair| {
                            let pair: js_sys::Array = pair.dyn_into().ok()?;
                            let id = pair.get(0).as_string()?;
                            let key: web_sys::CryptoKey = pair.get(1).dyn_into().ok()?;
                            Some((id, key))
                        })
                        .collect(),
                );
            }
        }
        if msg.is_none() {
            // A key update alone (e.g. after a lock): no reply.
            return;
        }
        let id = js_sys::Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        LATEST.with(|l| l.set(id));
        wasm_bindgen_futures::spawn_local(async move {
            let reply = match msg.as_deref().map(serde_json::from_str::<Request>) {
                Some(Ok(req)) => handle(req, file).await,
                _ => Reply::Failed(Failure::Storage {
                    detail: "unreadable request".into(),
                }),
            };
            send_to(id, &reply);
        });
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // The page queues its requests until it hears this.
    let _ = scope().post_message(&JsValue::from_str("ready"));
}

async fn handle(req: Request, file: Option<JsValue>) -> Reply {
    let result = match req {
        Request::Open {
            file_name,
            encoding,
            remembered_from,
            header_row,
            preset,
        } => {
            open(
                file_name,
                encoding,
                remembered_from,
                header_row,
                preset,
                file,
            )
            .await
        }
        Request::Preview {
            mapping,
            date_order,
            decimal,
            currency,
            target,
            file_date,
            locale,
        } => {
            // The file's own date (its title rows) over the import date.
            let (preset, file_date) = SESSION.with(|s| {
                let mut s = s.borrow_mut();
                let from_file = s.table.as_ref().and_then(|t| t.report_date);
                s.file_date = from_file.or(file_date);
                (s.preset, s.file_date)
            });
            let opts = ParseOptions {
                date_order,
                decimal,
                default_currency: currency,
                file_date,
                preset,
            };
            check(mapping, opts, target, locale).await
        }
        Request::Errors { offset } => SESSION.with(|s| {
            let s = s.borrow();
            let p = s.preview.as_ref().ok_or(Failure::NoPreview)?;
            Ok(Reply::Errors {
                offset,
                errors: page(&p.errors, offset),
            })
        }),
        Request::ErrorsCsv => SESSION.with(|s| {
            let s = s.borrow();
            let p = s.preview.as_ref().ok_or(Failure::NoPreview)?;
            Ok(Reply::Csv {
                text: import::errors_csv(&p.errors),
            })
        }),
        Request::Commit {
            target,
            policy,
            on_existing,
            reconcile,
        } => commit(target, policy, on_existing, reconcile).await,
        Request::Backup { id } => make_backup(&id).await,
        Request::Restore {
            file_name,
            passphrase,
        } => restore(file_name, file, passphrase).await,
        Request::Create { name, currency } => create(name, currency).await,
        Request::AddRate {
            id,
            currency,
            rate,
            date,
        } => add_rate(&id, currency, &rate, date).await,
        Request::SetCredits { id, credits } => set_credits(&id, credits).await,
    };
    result.unwrap_or_else(Reply::Failed)
}

async fn add_rate(
    id: &str,
    currency: credit_core::money::Currency,
    rate: &str,
    date: credit_core::NaiveDate,
) -> Result<Reply, Failure> {
    let bad = || Failure::BadRate {
        value: rate.to_string(),
    };
    let value = credit_core::money::parse_amount(rate, false).map_err(|_| bad())?;
    update(id, |p| {
        p.fx.insert(credit_core::money::FxRate {
            currency,
            date,
            rate: value,
        })
        .map_err(|_| bad())
    })
    .await
}

async fn set_credits(
    id: &str,
    credits: credit_core::ageing::CreditPlacement,
) -> Result<Reply, Failure> {
    update(id, |p| {
        p.settings.ageing.credits = credits;
        Ok(())
    })
    .await
}

/// Loads a stored portfolio, changes it, and saves it in one transaction
/// based on the revision read (another tab's save in between is refused),
/// then tells the other tabs.
async fn update(
    id: &str,
    change: impl FnOnce(&mut Portfolio) -> Result<(), Failure>,
) -> Result<Reply, Failure> {
    let (meta, mut p, extras) = db::load(id).await.map_err(db_failure)?;
    change(&mut p)?;
    progress(Phase::Saving, 800);
    let saved = db::save(id, Some(meta.revision), &p, &extras)
        .await
        .map_err(db_failure)?;
    db::announce(id);
    Ok(Reply::Saved {
        id: id.to_string(),
        name: saved.name,
    })
}

async fn create(name: String, currency: credit_core::money::Currency) -> Result<Reply, Failure> {
    let name = unique_name(&name).await?;
    save_new(&Portfolio::new(name, currency), &Extras::new()).await
}

fn page<T: Clone>(all: &[T], offset: usize) -> Vec<T> {
    all.iter()
        .skip(offset)
        .take(protocol::ERRORS_PER_PAGE)
        .cloned()
        .collect()
}

fn read_bytes(file: Option<JsValue>) -> Result<Vec<u8>, Failure> {
    let unreadable = |detail: String| Failure::FileUnreadable { detail };
    let blob: web_sys::Blob = file
        .ok_or_else(|| unreadable("no file".into()))?
        .dyn_into()
        .map_err(|_| unreadable("not a file".into()))?;
    let reader = web_sys::FileReaderSync::new().map_err(|e| unreadable(js_text(&e)))?;
    let buf = reader
        .read_as_array_buffer(&blob)
        .map_err(|e| unreadable(js_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}

fn import_failure(e: ImportError) -> Failure {
    if let Some(f) = credit_app::i18n::import::refusal(&e) {
        return f;
    }
    match e {
        ImportError::Empty => Failure::Empty,
        ImportError::Csv(CsvError::UnclosedQuote { row }) => Failure::Unclosed { row },
        ImportError::Workbook(detail) => Failure::Workbook { detail },
        ImportError::MissingColumns(fields) => Failure::MissingColumns {
            fields: fields.iter().map(|f| protocol::field_name(*f)).collect(),
        },
        ImportError::DateOrderRequired => Failure::DateOrderRequired,
        ImportError::RowErrors { count } => Failure::RowErrors { count },
        ImportError::UnknownInvoices(ids) => Failure::UnknownInvoices {
            ids: ids.into_iter().take(10).collect(),
        },
        other => Failure::Workbook {
            detail: other.to_string(),
        },
    }
}

fn db_failure(e: DbError) -> Failure {
    match e {
        DbError::NotFound => Failure::NotFound,
        DbError::Corrupt(detail) => Failure::StoreCorrupt { detail },
        DbError::NewerSchema { found, supported } => Failure::NewerSchema { found, supported },
        DbError::Quota => Failure::QuotaExceeded,
        DbError::Conflict => Failure::Conflict,
        DbError::Locked => Failure::Locked,
        DbError::WrongPassphrase => Failure::WrongPassphrase,
        DbError::Other(detail) => Failure::Storage { detail },
    }
}

/// The mapping a portfolio remembers, applied over the guess for the
/// headers it knows.
fn remembered(extras: &Extras, headers: &[String], guess: &mut Mapping) -> bool {
    let Some(map) = extras
        .get(MAPPING_KEY)
        .and_then(|t| serde_json::from_str::<BTreeMap<String, Option<Field>>>(t).ok())
    else {
        return false;
    };
    let mut used = false;
    for (col, h) in headers.iter().enumerate() {
        if let Some(f) = map.get(&normalise(h)) {
            guess.set(col, *f);
            used = true;
        }
    }
    used
}

/// Records, for each buyer whose insured limit an import lowered, the limit
/// it had before (under [`INSURED_BEFORE_KEY`], buyer id → amount), so the
/// alerts can say "insured limit cut or cancelled" with the figures. A buyer
/// whose limit went back up is taken off.
fn note_insured_cuts(before: &Portfolio, after: &Portfolio, extras: &mut Extras) {
    use credit_core::Decimal;
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<String, Decimal> = extras
        .get(INSURED_BEFORE_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let old: std::collections::HashMap<&str, Decimal> = before
        .customers
        .iter()
        .filter_map(|c| Some((c.id.as_str(), c.insured_limit?)))
        .collect();
    let mut changed = false;
    for c in &after.customers {
        let Some(&was) = old.get(c.id.as_str()) else {
            continue;
        };
        let now = c.insured_limit.unwrap_or(Decimal::ZERO);
        if now < was {
            seen.insert(c.id.clone(), was);
            changed = true;
        } else if now > was && seen.remove(&c.id).is_some() {
            changed = true;
        }
    }
    if changed {
        if let Ok(t) = serde_json::to_string(&seen) {
            extras.insert(INSURED_BEFORE_KEY.into(), t);
        }
    }
}

fn remember(extras: &mut Extras, headers: &[String], mapping: &Mapping) {
    let map: BTreeMap<String, Option<Field>> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (normalise(h), mapping.columns.get(i).copied().flatten()))
        .collect();
    if let Ok(text) = serde_json::to_string(&map) {
        extras.insert(MAPPING_KEY.into(), text);
    }
}

async fn open(
    file_name: String,
    encoding: import::EncodingChoice,
    remembered_from: Option<String>,
    header_row: Option<usize>,
    chosen: Option<import::Preset>,
    file: Option<JsValue>,
) -> Result<Reply, Failure> {
    SESSION.with(|s| *s.borrow_mut() = Session::default());
    let t0 = now();
    progress(Phase::Reading, 0);
    let bytes = read_bytes(file)?;
    progress(Phase::Parsing, 100);
    let opts = ReadOptions {
        encoding,
        delimiter: None,
        header_row,
    };
    let table = import::read_file(&bytes, &opts).map_err(import_failure)?;
    drop(bytes);
    // A recognised export's mapping (or the one chosen); the user's own
    // correction, remembered by the portfolio, comes first.
    let preset = chosen.or_else(|| import::detect_preset(&table));
    let mut mapping = match preset {
        Some(p) => p.mapping(&table.headers),
        None => guess_mapping(&table.headers),
    };
    let mut used = false;
    if let Some(id) = remembered_from {
        if let Ok((_, _, extras)) = db::load(&id).await {
            used = chosen.is_none() && remembered(&extras, &table.headers, &mut mapping);
        }
    }
    let opened = Opened {
        headers: table.headers.clone(),
        sample: table.rows.iter().take(5).cloned().collect(),
        rows: table.rows.len(),
        encoding: Some(table.encoding),
        delimiter: Some(table.delimiter),
        mapping: mapping.clone(),
        remembered: used,
        header_row: table.header_row,
        title_rows: table.title_rows.clone(),
        report_date: table.report_date,
        preset: preset.map(|p| p.id().to_string()),
        elapsed_ms: (now() - t0) as u32,
    };
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        s.file_name = file_name;
        s.preset = preset;
        s.table = Some(table);
        s.mapping = Some(mapping);
    });
    Ok(Reply::Opened(opened))
}

async fn target_portfolio(target: &Target) -> Result<Option<(Meta, Portfolio, Extras)>, Failure> {
    match target {
        Target::New { .. } => Ok(None),
        Target::Existing { id } => {
            let cached = SESSION.with(|s| {
                s.borrow()
                    .target
                    .as_ref()
                    .filter(|(i, ..)| i == id)
                    .map(|(_, m, p, e)| (m.clone(), p.clone(), e.clone()))
            });
            if let Some(c) = cached {
                return Ok(Some(c));
            }
            let (m, p, e) = db::load(id).await.map_err(db_failure)?;
            SESSION.with(|s| {
                s.borrow_mut().target = Some((id.clone(), m.clone(), p.clone(), e.clone()))
            });
            Ok(Some((m, p, e)))
        }
    }
}

async fn check(
    mapping: Mapping,
    mut opts: ParseOptions,
    target: Target,
    locale: Option<String>,
) -> Result<Reply, Failure> {
    // A stale cached target would hide another tab's save.
    SESSION.with(|s| s.borrow_mut().target = None);
    let base = target_portfolio(&target).await?;
    // The user has not chosen a currency (the page sends the locale): lines
    // without one are in the target's base currency, or for a new portfolio
    // in the currency of the browser's region.
    if let Some(tag) = locale {
        match &base {
            Some((_, p, _)) => opts.default_currency = p.base_currency(),
            None => {
                if let Some(c) = locale_currency(&tag).filter(|_| !mapping.has(Field::Currency)) {
                    opts.default_currency = c;
                }
            }
        }
    }
    let t0 = now();
    progress(Phase::Checking, 400);
    let pv = SESSION.with(|s| {
        let s = s.borrow();
        let table = s.table.as_ref().ok_or(Failure::NoPreview)?;
        import::file_kind_of(table, &mapping).map_err(import_failure)?;
        Ok::<_, Failure>(preview(&s.file_name, table, &mapping, &opts))
    })?;
    let existing = match &base {
        Some((_, p, _)) => existing_ids(p, &pv),
        None => Vec::new(),
    };
    let mut balances = pv.buyer_balances();
    balances.retain(|b| !b.2.is_zero());
    let balances_count = balances.len();
    balances.sort_by(|a, b| b.2.abs().cmp(&a.2.abs()).then_with(|| a.0.cmp(&b.0)));
    balances.truncate(protocol::BALANCES_SHOWN);
    let reply = Previewed {
        warnings: pv
            .warnings
            .iter()
            .filter_map(credit_app::i18n::import::preview_notice)
            .collect(),
        balances,
        balances_count,
        file_date: opts.file_date,
        kind: pv.kind,
        summary: pv.summary.clone(),
        error_count: pv.errors.len(),
        errors: page(&pv.errors, 0),
        needs_date_order: pv.needs_date_order,
        existing: existing.len(),
        existing_sample: existing.into_iter().take(10).collect(),
        elapsed_ms: (now() - t0) as u32,
    };
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        s.mapping = Some(mapping);
        s.preview = Some(pv);
    });
    Ok(Reply::Previewed(reply))
}

/// The currency of a browser's region (`en-US` → USD, `de-AT` → EUR), or of
/// its language when it names no region (`zh` → CNY, `ja` → JPY); `None`
/// when neither says (`en`).
fn locale_currency(tag: &str) -> Option<credit_core::money::Currency> {
    let mut parts = tag.split(['-', '_']);
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|p| p.to_ascii_uppercase());
    let euro = [
        "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV",
        "MT", "NL", "PT", "SI", "SK",
    ];
    let code = match region.as_deref() {
        Some(r) if euro.contains(&r) => "EUR",
        Some("US") => "USD",
        Some("GB") => "GBP",
        Some("CN") => "CNY",
        Some("HK") => "HKD",
        Some("TW") => "TWD",
        Some("JP") => "JPY",
        Some("KR") => "KRW",
        Some("CH") => "CHF",
        Some("SG") => "SGD",
        Some("IN") => "INR",
        Some("AU") => "AUD",
        Some("CA") => "CAD",
        Some("NZ") => "NZD",
        Some(_) => return None,
        None => match lang.as_str() {
            "zh" => "CNY",
            "ja" => "JPY",
            "ko" => "KRW",
            "de" | "fr" | "it" | "es" | "nl" | "pt" | "fi" => "EUR",
            _ => return None,
        },
    };
    credit_core::money::Currency::new(code).ok()
}

async fn commit(
    target: Target,
    policy: import::MergePolicy,
    on_existing: import::OnExisting,
    reconcile: bool,
) -> Result<Reply, Failure> {
    let base = target_portfolio(&target).await?;
    let t0 = now();
    progress(Phase::Merging, 700);
    let session = SESSION.with(|s| {
        let s = s.borrow();
        let pv = s.preview.clone().ok_or(Failure::NoPreview)?;
        let headers = s
            .table
            .as_ref()
            .map(|t| t.headers.clone())
            .unwrap_or_default();
        Ok::<_, Failure>((
            pv,
            headers,
            s.mapping.clone().unwrap_or_default(),
            s.file_date,
        ))
    });
    let (pv, headers, mapping, file_date) = session?;
    let (id, based_on, portfolio, mut extras) = match (base, &target) {
        (Some((m, p, e)), Target::Existing { id }) => (id.clone(), Some(m.revision), p, e),
        (_, Target::New { name, currency }) => {
            let name = unique_name(name).await?;
            (
                db::new_id(),
                None,
                Portfolio::new(name, *currency),
                Extras::new(),
            )
        }
        (None, Target::Existing { .. }) => return Err(Failure::NotFound),
    };
    // The next open-items list of a stored portfolio: close what is gone.
    let reconciled = match (reconcile, &target, file_date) {
        (true, Target::Existing { .. }, Some(d)) => {
            Some(import::reconcile::reconcile(&portfolio, &pv, d, policy).map_err(import_failure)?)
        }
        _ => None,
    };
    let (merged, report, rec) = match reconciled {
        Some((merged, r)) => {
            let report = import::MergeReport {
                added: r.added,
                customers_added: r.customers_added,
                rows_left_out: r.rows_left_out,
                currencies_without_rate: r.currencies_without_rate.clone(),
                ..import::MergeReport::default()
            };
            (merged, report, Some(r))
        }
        None => {
            let (m, r) = merge(&portfolio, &pv, policy, on_existing).map_err(import_failure)?;
            (m, r, None)
        }
    };
    note_insured_cuts(&portfolio, &merged, &mut extras);
    drop(portfolio);
    remember(&mut extras, &headers, &mapping);
    let t1 = now();
    progress(Phase::Saving, 800);
    if let Err(e) = db::save(&id, based_on, &merged, &extras).await {
        // Another tab saved first: the next attempt rereads the portfolio.
        SESSION.with(|s| s.borrow_mut().target = None);
        return Err(db_failure(e));
    }
    let t2 = now();
    SESSION.with(|s| *s.borrow_mut() = Session::default());
    db::announce(&id);
    Ok(Reply::Committed(Committed {
        id,
        added: report.added,
        replaced: report.replaced.len(),
        skipped: report.skipped.len(),
        customers_added: report.customers_added,
        payments_added: report.payments_added,
        rows_left_out: report.rows_left_out,
        currencies_without_rate: report.currencies_without_rate,
        closed: rec.as_ref().map_or(0, |r| r.closed.len()),
        updated: rec.as_ref().map_or(0, |r| r.updated.len()),
        unchanged: rec.as_ref().map_or(0, |r| r.unchanged),
        reconciled: rec.is_some(),
        merge_ms: (t1 - t0) as u32,
        save_ms: (t2 - t1) as u32,
    }))
}

/// The name, or "name (2)", "name (3)"… when a portfolio has it already.
async fn unique_name(name: &str) -> Result<String, Failure> {
    let taken: Vec<String> = db::list()
        .await
        .map_err(db_failure)?
        .into_iter()
        .map(|m| m.name)
        .collect();
    let name = name.trim();
    let name = if name.is_empty() { "Portfolio" } else { name };
    if !taken.iter().any(|t| t == name) {
        return Ok(name.to_string());
    }
    let mut n = 2;
    loop {
        let candidate = format!("{name} ({n})");
        if !taken.contains(&candidate) {
            return Ok(candidate);
        }
        n += 1;
    }
}

async fn save_new(p: &Portfolio, extras: &Extras) -> Result<Reply, Failure> {
    let id = db::new_id();
    progress(Phase::Saving, 800);
    let meta = db::save(&id, None, p, extras).await.map_err(db_failure)?;
    db::announce(&id);
    Ok(Reply::Saved {
        id,
        name: meta.name,
    })
}

async fn make_backup(id: &str) -> Result<Reply, Failure> {
    progress(Phase::Reading, 0);
    let (meta, p, extras) = db::load(id).await.map_err(db_failure)?;
    progress(Phase::Saving, 500);
    let json = backup::to_json(&p, &extras);
    // An encrypted portfolio's backup is encrypted under the same
    // passphrase: its KDF parameters go in the file, the key never does.
    let json = match (&meta.lock, keys::key_of(id)) {
        (Some(lock), Some(key)) => {
            let iv: [u8; envelope::IV_LEN] = crypto::random().map_err(|e| db_failure(e.into()))?;
            let ct = crypto::encrypt(
                &key,
                &iv,
                &envelope::aad("", envelope::Record::Backup),
                json.as_bytes(),
            )
            .await
            .map_err(|e| db_failure(e.into()))?;
            let check = crypto::seal(&key, "", envelope::Record::Check, envelope::CHECK_TEXT)
                .await
                .map_err(|e| db_failure(e.into()))?;
            serde_json::to_string_pretty(
                &envelope::EncryptedBackup::new(lock.kdf.clone(), &iv, &ct).with_check(&check),
            )
            .map_err(|e| Failure::Storage {
                detail: e.to_string(),
            })?
        }
        (Some(_), None) => return Err(Failure::Locked),
        (None, _) => json,
    };
    Ok(Reply::Backup {
        file_name: format!(
            "{}.credit-backup.json",
            protocol::file_name_part(&meta.name)
        ),
        json,
    })
}

async fn restore(
    file_name: String,
    file: Option<JsValue>,
    passphrase: Option<String>,
) -> Result<Reply, Failure> {
    let _ = file_name;
    progress(Phase::Reading, 0);
    let bytes = read_bytes(file)?;
    let text =
        String::from_utf8(bytes).map_err(|_| Failure::BackupNotJson { line: 1, column: 1 })?;
    progress(Phase::Checking, 0);
    // An encrypted backup: its passphrase opens it, and the restored
    // portfolio is encrypted under the same passphrase.
    let mut relock = None;
    let text = match envelope::EncryptedBackup::parse(&text) {
        Ok(None) => text,
        Err(e) => {
            return Err(Failure::BackupInvalid {
                detail: e.to_string(),
            })
        }
        Ok(Some((b, iv, ct))) => {
            let Some(pass) = passphrase.filter(|p| !p.is_empty()) else {
                return Err(Failure::Locked);
            };
            let salt = b.kdf.salt_bytes().map_err(|e| Failure::BackupInvalid {
                detail: e.to_string(),
            })?;
            let key = crypto::derive_key(&pass, &salt, b.kdf.iterations)
                .await
                .map_err(|e| db_failure(e.into()))?;
            // With a check record, a passphrase that opens it is right and
            // data that then fails its authentication is damaged.
            let mut wrong = Failure::WrongPassphrase;
            if let Some(check) = b.check_record() {
                match crypto::open(&key, "", envelope::Record::Check, &check).await {
                    Ok(t) if t == envelope::CHECK_TEXT => wrong = Failure::BackupDamaged,
                    _ => return Err(Failure::WrongPassphrase),
                }
            }
            let plain =
                crypto::decrypt(&key, &iv, &envelope::aad("", envelope::Record::Backup), &ct)
                    .await
                    .map_err(|_| wrong)?;
            relock = Some((b.kdf, key));
            String::from_utf8(plain).map_err(|_| Failure::BackupNotJson { line: 1, column: 1 })?
        }
    };
    let (mut p, extras) = backup::from_json(&text).map_err(|e| match e {
        BackupError::NotJson { line, column, .. } => Failure::BackupNotJson { line, column },
        BackupError::NotABackup => Failure::NotABackup,
        BackupError::NewerSchema { found, supported } => Failure::NewerSchema { found, supported },
        BackupError::ChecksumMismatch => Failure::ChecksumMismatch,
        BackupError::Invalid { reason } => Failure::BackupInvalid { detail: reason },
        other => Failure::BackupInvalid {
            detail: other.to_string(),
        },
    })?;
    drop(text);
    p.name = unique_name(&p.name).await?;
    let Some((kdf, key)) = relock else {
        return save_new(&p, &extras).await;
    };
    let id = db::new_id();
    progress(Phase::Saving, 800);
    let salt = kdf.salt_bytes().map_err(|e| Failure::BackupInvalid {
        detail: e.to_string(),
    })?;
    let salt: [u8; envelope::SALT_LEN] =
        salt[..envelope::SALT_LEN]
            .try_into()
            .map_err(|_| Failure::BackupInvalid {
                detail: "salt".into(),
            })?;
    let mut lock = db::make_lock(&id, &key, &salt).await.map_err(db_failure)?;
    lock.kdf = kdf;
    let meta = db::save_as(&id, None, &p, &extras, Some((lock, key)))
        .await
        .map_err(db_failure)?;
    db::announce(&id);
    Ok(Reply::Saved {
        id,
        name: meta.name,
    })
}
