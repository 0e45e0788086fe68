//! Portfolios in IndexedDB, through the `idb` crate (0.6: maintained,
//! futures-based, works in a page and in a worker). Shared by the page and
//! the ledger worker (`src/bin/credit-worker.rs`).
//!
//! Layout (database `credit-assistant`, version [`DB_VERSION`]):
//! - `meta`: one small JSON text per portfolio (its [`Meta`]), key = id, so
//!   the list of portfolios never reads a ledger;
//! - `heads`: the portfolio without its invoices (buyers, FX, settings,
//!   extras), key = id, encoded by `credit_core::store`;
//! - `chunks`: its invoices, [`credit_core::store::CHUNK_INVOICES`] per
//!   record, key = `[id, n]`.
//!
//! Every save is one read-write transaction over the three stores: it checks
//! the revision it was based on, deletes the old chunks, writes the new ones,
//! the head and the meta. IndexedDB commits a transaction whole or not at
//! all, so a crash, a full disk or another tab leaves the old portfolio or
//! the new one, never a mix. Other tabs hear of every change on the
//! [`CHANNEL`] broadcast channel and reload; a save based on an older
//! revision than the stored one is refused ([`DbError::Conflict`]) instead
//! of overwriting the other tab's work.

use std::cell::RefCell;
use std::rc::Rc;

use credit_core::envelope::{self, Kdf, Lock, Record, SALT_LEN};
use credit_core::money::Currency;
use web_sys::CryptoKey;

use crate::crypto::{self, CryptoError};
use crate::keys::{drop_keys, hold_key, key_of};
use credit_core::portfolio::Portfolio;
use credit_core::store::{self, Extras, Stored};
use idb::{Database, Factory, KeyRange, ObjectStore, Query, TransactionMode, TransactionResult};
use js_sys::{Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The database's name.
pub const DB_NAME: &str = "credit-assistant";
/// The object-store layout's version (IndexedDB's own versioning).
pub const DB_VERSION: u32 = 1;
/// The broadcast channel tabs and the worker announce changes on.
pub const CHANNEL: &str = "credit-assistant";

const META: &str = "meta";
const HEADS: &str = "heads";
const CHUNKS: &str = "chunks";

/// What the list of portfolios shows, stored apart from the ledger.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Meta {
    /// The id (key).
    pub id: String,
    /// The user's name for it.
    pub name: String,
    /// Base currency.
    pub currency: Currency,
    /// Buyers.
    pub customers: usize,
    /// Invoices.
    pub invoices: usize,
    /// Incremented by every save.
    pub revision: u64,
    /// When it was last saved (ms since 1970, the browser's clock).
    pub saved_ms: u64,
    /// The storage schema it was written with.
    pub schema: u32,
    /// Set when the portfolio is encrypted: how its key is derived from the
    /// passphrase, and the check record that tells a wrong one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<Lock>,
}

impl Meta {
    /// Whether the portfolio is encrypted.
    pub fn encrypted(&self) -> bool {
        self.lock.is_some()
    }
}

/// Why a storage operation failed. Whatever failed, what was stored before
/// is unchanged. Its `Display` is English, for the console; the page says
/// it in the user's language (`i18n::messages::db_error`).
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum DbError {
    /// No such portfolio.
    #[error("no such portfolio")]
    NotFound,
    /// The stored records cannot be decoded.
    #[error("the stored portfolio cannot be read: {0}")]
    Corrupt(String),
    /// Written by a newer version of the app.
    #[error("written by a newer version (schema {found}; this one reads up to {supported})")]
    NewerSchema {
        /// The record's schema.
        found: u32,
        /// What this build reads.
        supported: u32,
    },
    /// The browser's storage quota is exhausted.
    #[error("the browser's storage is full")]
    Quota,
    /// Another tab saved this portfolio since it was read.
    #[error("another tab saved this portfolio meanwhile")]
    Conflict,
    /// The portfolio is encrypted and no key for it is held: unlock it.
    #[error("the portfolio is encrypted and locked")]
    Locked,
    /// The passphrase does not open the portfolio (nothing was changed).
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// Anything else the browser reported.
    #[error("{0}")]
    Other(String),
}

impl From<idb::Error> for DbError {
    fn from(e: idb::Error) -> Self {
        classify(&e.to_string())
    }
}

fn classify(msg: &str) -> DbError {
    if msg.contains("Quota") || msg.contains("quota") {
        DbError::Quota
    } else {
        DbError::Other(msg.to_string())
    }
}

impl From<store::StoreError> for DbError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::NewerSchema { found, supported } => {
                DbError::NewerSchema { found, supported }
            }
            other => DbError::Corrupt(other.to_string()),
        }
    }
}

/// Whether a newer version upgraded the database, and what to call then.
type TakenOver = (bool, Option<Box<dyn Fn()>>);

thread_local! {
    static DB: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
    static TAKEN_OVER: RefCell<TakenOver> = const { RefCell::new((false, None)) };
    /// The one look for an interrupted scrub (before the first open and
    /// the first write lock), which every caller awaits.
    static RECOVERY: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Calls `f` when a newer version of the app (another tab) upgrades the
/// database: this connection has closed by then, so the upgrade is never
/// blocked (issue 23, case 9), and this tab must reload to go on.
pub fn on_taken_over(f: impl Fn() + 'static) {
    TAKEN_OVER.with(|t| t.borrow_mut().1 = Some(Box::new(f)));
}

impl From<CryptoError> for DbError {
    fn from(e: CryptoError) -> Self {
        match e {
            CryptoError::Failed => {
                DbError::Corrupt("a record did not decrypt (changed or damaged)".into())
            }
            CryptoError::Format(m) => DbError::Corrupt(m),
            CryptoError::Unavailable(m) => DbError::Other(m),
        }
    }
}

/// A new lock for a portfolio: the KDF with `salt`, and the check record
/// sealed under `key` for this id.
pub async fn make_lock(id: &str, key: &CryptoKey, salt: &[u8; SALT_LEN]) -> Result<Lock, DbError> {
    let check = crypto::seal(key, id, Record::Check, envelope::CHECK_TEXT).await?;
    Ok(Lock {
        kdf: Kdf::new(salt),
        check: envelope::base64_encode(&check),
    })
}

/// The key of a lock if `passphrase` opens it ([`DbError::WrongPassphrase`]
/// otherwise).
pub async fn key_for(id: &str, lock: &Lock, passphrase: &str) -> Result<CryptoKey, DbError> {
    let salt = lock
        .kdf
        .salt_bytes()
        .map_err(|e| DbError::Corrupt(e.to_string()))?;
    let key = crypto::derive_key(passphrase, &salt, lock.kdf.iterations).await?;
    let check = envelope::base64_decode(&lock.check)
        .ok_or_else(|| DbError::Corrupt("lock check".into()))?;
    match crypto::open(&key, id, Record::Check, &check).await {
        Ok(t) if t == envelope::CHECK_TEXT => Ok(key),
        Ok(_) | Err(CryptoError::Failed) => Err(DbError::WrongPassphrase),
        Err(e) => Err(e.into()),
    }
}

/// Unlocks an encrypted portfolio: derives its key from the passphrase,
/// checks it, and holds it. A wrong passphrase changes nothing.
pub async fn unlock(id: &str, passphrase: &str) -> Result<(), DbError> {
    let m = meta(id).await?;
    let lock = m.lock.ok_or(DbError::Other("not encrypted".into()))?;
    let key = key_for(id, &lock, passphrase).await?;
    hold_key(id, key);
    Ok(())
}

/// The key to write `id` with when it is encrypted: held, or
/// [`DbError::Locked`].
fn write_key(id: &str, lock: &Option<Lock>) -> Result<Option<CryptoKey>, DbError> {
    match lock {
        None => Ok(None),
        Some(_) => key_of(id).map(Some).ok_or(DbError::Locked),
    }
}

/// The head and chunks of a portfolio as stored: sealed (each under a fresh
/// IV) when a key is given.
async fn prepare(
    id: &str,
    key: Option<&CryptoKey>,
    portfolio: &Portfolio,
    extras: &Extras,
) -> Result<(Vec<u8>, Vec<Vec<u8>>), DbError> {
    let Stored { head, chunks } = store::encode(portfolio, extras);
    let Some(key) = key else {
        return Ok((head, chunks));
    };
    let head = crypto::seal(key, id, Record::Head, &head).await?;
    let mut sealed = Vec::with_capacity(chunks.len());
    for (n, c) in chunks.into_iter().enumerate() {
        sealed.push(crypto::seal(key, id, Record::Chunk(n as u32), &c).await?);
    }
    Ok((head, sealed))
}

/// Opens (creating or upgrading) the database, once per page or worker.
/// When another tab opens a newer version, this connection closes so the
/// upgrade is never blocked; the next call reopens.
pub async fn open() -> Result<Rc<Database>, DbError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    recovered().await;
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    if TAKEN_OVER.with(|t| t.borrow().0) {
        return Err(DbError::Other(
            "a newer version of the app has upgraded the storage: reload".into(),
        ));
    }
    let factory = Factory::new()?;
    let mut req = factory.open(DB_NAME, Some(DB_VERSION))?;
    req.on_upgrade_needed(|event| {
        let Ok(db) = idb::DatabaseEvent::database(&event) else {
            return;
        };
        let old = event.old_version().unwrap_or(0);
        // Version 0 → 1: the three stores. Later versions add their steps
        // here, each guarded by `old < n`, so any older database upgrades.
        if old < 1 {
            for name in [META, HEADS, CHUNKS] {
                let _ = db.create_object_store(name, idb::ObjectStoreParams::new());
            }
        }
    });
    let mut db = req.await?;
    db.on_version_change(|ev| {
        // This very connection closes (the event's target): two opens at
        // once make two connections, and closing "the cached one" left the
        // other open, blocking every upgrade and deletion after it.
        let target = js_sys::Reflect::get(&ev, &"target".into()).unwrap_or_default();
        if let Some(close) = js_sys::Reflect::get(&target, &"close".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = close.call0(&target);
        }
        // The next call opens afresh. Dropped after this handler (which
        // may belong to it).
        let db = DB.with(|d| d.borrow_mut().take());
        wasm_bindgen_futures::spawn_local(async move { drop(db) });
        // A newer version's upgrade (not a deletion, whose new version is
        // null): this tab stops using the database and says so.
        let newer = js_sys::Reflect::get(&ev, &"newVersion".into())
            .ok()
            .and_then(|v| v.as_f64())
            .is_some_and(|v| v > f64::from(DB_VERSION));
        if newer {
            TAKEN_OVER.with(|t| {
                let mut t = t.borrow_mut();
                t.0 = true;
                if let Some(f) = &t.1 {
                    f();
                }
            });
        }
    });
    // The handler must outlive this `Database` value: a connection opened
    // by two concurrent calls outlives the cache, and a dropped handler
    // would leave it open for ever, blocking upgrades and the scrub.
    db.forget_callbacks();
    let db = Rc::new(db);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn chunk_range(id: &str) -> Result<Query, DbError> {
    let lower = Array::of1(&JsValue::from_str(id));
    // In IndexedDB's key order an array sorts after every number, so
    // `[id, []]` is above every `[id, n]`.
    let upper = Array::of2(&JsValue::from_str(id), &Array::new());
    Ok(Query::from(KeyRange::bound(
        &lower.into(),
        &upper.into(),
        None,
        None,
    )?))
}

fn chunk_key(id: &str, n: usize) -> JsValue {
    Array::of2(&JsValue::from_str(id), &JsValue::from_f64(n as f64)).into()
}

fn bytes(v: &[u8]) -> JsValue {
    Uint8Array::from(v).into()
}

fn parse_meta(v: &JsValue) -> Option<Meta> {
    serde_json::from_str(&v.as_string()?).ok()
}

async fn finish(tx: idb::Transaction, probe: &ObjectStore) -> Result<(), DbError> {
    let result = tx.commit()?.await;
    let reason = || {
        probe
            .transaction()
            .error()
            .map(|e| classify(&format!("{}: {}", e.name(), e.message())))
    };
    match result {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) => {
            Err(reason().unwrap_or_else(|| DbError::Other("aborted".into())))
        }
        Err(e) => Err(reason().unwrap_or_else(|| DbError::from(e))),
    }
}

/// Every stored portfolio, by name.
pub async fn list() -> Result<Vec<Meta>, DbError> {
    let db = open().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadOnly)?;
    let all = tx.object_store(META)?.get_all(None, None)?.await?;
    let mut out: Vec<Meta> = all.iter().filter_map(parse_meta).collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// A stored portfolio's meta.
pub async fn meta(id: &str) -> Result<Meta, DbError> {
    let db = open().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadOnly)?;
    let v = tx.object_store(META)?.get(JsValue::from_str(id))?.await?;
    v.as_ref().and_then(parse_meta).ok_or(DbError::NotFound)
}

/// Loads a portfolio: its meta, the portfolio (named as its meta says) and
/// its extras, read in one transaction (and decrypted after it, when the
/// portfolio is encrypted: [`DbError::Locked`] without its key).
pub async fn load(id: &str) -> Result<(Meta, Portfolio, Extras), DbError> {
    let (meta, head, chunks) = read_raw(id).await?;
    let key = write_key(id, &meta.lock)?;
    let head = match &key {
        Some(k) => crypto::open(k, id, Record::Head, &head).await?,
        None => head,
    };
    let (mut portfolio, extras, _) = store::decode_head(&head)?;
    let mut invoices = Vec::with_capacity(meta.invoices);
    for (n, c) in chunks.iter().enumerate() {
        match &key {
            Some(k) => {
                let plain = crypto::open(k, id, Record::Chunk(n as u32), c).await?;
                store::decode_chunk(&plain, &mut invoices)?;
            }
            None => store::decode_chunk(c, &mut invoices)?,
        }
    }
    portfolio.invoices = invoices;
    portfolio.name.clone_from(&meta.name);
    Ok((meta, portfolio, extras))
}

/// A portfolio's meta and its records as stored, in one transaction.
async fn read_raw(id: &str) -> Result<(Meta, Vec<u8>, Vec<Vec<u8>>), DbError> {
    let db = open().await?;
    let tx = db.transaction(&[META, HEADS, CHUNKS], TransactionMode::ReadOnly)?;
    let key = JsValue::from_str(id);
    let meta = tx.object_store(META)?.get(key.clone())?.await?;
    let meta = meta
        .as_ref()
        .and_then(parse_meta)
        .ok_or(DbError::NotFound)?;
    let head = tx.object_store(HEADS)?.get(key)?.await?;
    let head = head
        .map(|h| Uint8Array::from(h).to_vec())
        .ok_or(DbError::NotFound)?;
    let chunks = tx
        .object_store(CHUNKS)?
        .get_all(Some(chunk_range(id)?), None)?
        .await?;
    let chunks = chunks
        .into_iter()
        .map(|c| Uint8Array::from(c).to_vec())
        .collect();
    Ok((meta, head, chunks))
}

/// A fresh id: the clock in base 36 and a random tail.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let rand = (js_sys::Math::random() * 1e9) as u64;
    format!("p{}{}", radix36(now), radix36(rand))
}

fn radix36(mut n: u64) -> String {
    const D: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    loop {
        s.push(D[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Saves a portfolio in one transaction. `based_on` is the revision the
/// caller read (`None` for a new portfolio, which must not exist yet); a
/// stored revision other than it is a [`DbError::Conflict`] and nothing is
/// written. An encrypted portfolio stays encrypted (sealed before the
/// transaction, under fresh IVs), and needs its key ([`DbError::Locked`]).
pub async fn save(
    id: &str,
    based_on: Option<u64>,
    portfolio: &Portfolio,
    extras: &Extras,
) -> Result<Meta, DbError> {
    let lock = match based_on {
        Some(_) => meta(id).await?.lock,
        None => None,
    };
    let key = write_key(id, &lock)?;
    save_as(id, based_on, portfolio, extras, lock.zip(key)).await
}

/// [`save`] with the lock (and key) to write with: `None` writes it in the
/// clear. Used to encrypt, change the passphrase, duplicate and restore.
pub async fn save_as(
    id: &str,
    based_on: Option<u64>,
    portfolio: &Portfolio,
    extras: &Extras,
    lock: Option<(Lock, CryptoKey)>,
) -> Result<Meta, DbError> {
    let (head, chunks) = prepare(id, lock.as_ref().map(|(_, k)| k), portfolio, extras).await?;
    let _shared = shared_lock().await;
    let db = open().await?;
    let tx = db.transaction(&[META, HEADS, CHUNKS], TransactionMode::ReadWrite)?;
    let metas = tx.object_store(META)?;
    let key = JsValue::from_str(id);
    let stored = metas.get(key.clone())?.await?;
    let stored_rev = stored.as_ref().and_then(parse_meta).map(|m| m.revision);
    if stored_rev != based_on {
        let _ = tx.abort();
        return Err(DbError::Conflict);
    }
    let meta = Meta {
        id: id.to_string(),
        name: portfolio.name.clone(),
        currency: portfolio.fx.base(),
        customers: portfolio.customers.len(),
        invoices: portfolio.invoices.len(),
        revision: based_on.map_or(1, |r| r + 1),
        saved_ms: js_sys::Date::now() as u64,
        schema: store::SCHEMA,
        lock: lock.map(|(l, _)| l),
    };
    let chunk_store = tx.object_store(CHUNKS)?;
    chunk_store.delete(chunk_range(id)?)?;
    for (n, c) in chunks.iter().enumerate() {
        chunk_store.put(&bytes(c), Some(&chunk_key(id, n)))?;
    }
    tx.object_store(HEADS)?.put(&bytes(&head), Some(&key))?;
    let text = serde_json::to_string(&meta).map_err(|e| DbError::Other(e.to_string()))?;
    metas.put(&JsValue::from_str(&text), Some(&key))?;
    finish(tx, &metas).await?;
    Ok(meta)
}

/// Encrypts a stored portfolio with a passphrase (PBKDF2-SHA256, 600,000
/// iterations, a new random salt), or, when it is encrypted already,
/// changes its passphrase (its key must be held: it is unlocked). Every
/// record is rewritten under the new key in one transaction: the old
/// passphrase or the new one opens it, never a mix. The new key is held.
pub async fn set_passphrase(id: &str, passphrase: &str) -> Result<Meta, DbError> {
    let (meta, p, extras) = load(id).await?;
    let salt: [u8; SALT_LEN] = crypto::random()?;
    let lock0 = Kdf::new(&salt);
    let key = crypto::derive_key(passphrase, &salt, lock0.iterations).await?;
    let lock = make_lock(id, &key, &salt).await?;
    let saved = save_as(
        id,
        Some(meta.revision),
        &p,
        &extras,
        Some((lock, key.clone())),
    )
    .await?;
    hold_key(id, key);
    Ok(saved)
}

/// Writes an encrypted portfolio back in the clear (its key must be held).
pub async fn remove_passphrase(id: &str) -> Result<Meta, DbError> {
    let (meta, p, extras) = load(id).await?;
    let saved = save_as(id, Some(meta.revision), &p, &extras, None).await?;
    drop_keys(Some(id));
    Ok(saved)
}

/// Sets (or, with `None`, removes) some of a stored portfolio's extras —
/// the notes the app keeps with it, such as acknowledged alerts or payment
/// plans — rewriting its head and meta only, never its invoices. The write
/// is based on the revision read with the head and retried when another
/// save (the worker's, another tab's) came in between, so that save is
/// kept, not overwritten; the revision goes up so other tabs reload.
pub async fn put_extras(id: &str, changes: &[(String, Option<String>)]) -> Result<Meta, DbError> {
    // An encrypted head is opened and sealed again outside the transaction
    // (WebCrypto is not IndexedDB: a transaction would end while waiting
    // for it), so the write is based on the revision read, and retried
    // when another save came in between.
    for _ in 0..3 {
        let (mut meta, head, _) = read_raw(id).await?;
        let k = write_key(id, &meta.lock)?;
        let plain = match &k {
            Some(k) => crypto::open(k, id, Record::Head, &head).await?,
            None => head,
        };
        let (portfolio, mut extras, _) = store::decode_head(&plain)?;
        for (key, value) in changes {
            match value {
                Some(v) => extras.insert(key.clone(), v.clone()),
                None => extras.remove(key),
            };
        }
        let head = store::encode_head(&portfolio, &extras);
        let head = match &k {
            Some(k) => crypto::seal(k, id, Record::Head, &head).await?,
            None => head,
        };
        let _shared = shared_lock().await;
        let db = open().await?;
        let tx = db.transaction(&[META, HEADS], TransactionMode::ReadWrite)?;
        let metas = tx.object_store(META)?;
        let jk = JsValue::from_str(id);
        let now = metas.get(jk.clone())?.await?;
        if now.as_ref().and_then(parse_meta).map(|m| m.revision) != Some(meta.revision) {
            let _ = tx.abort();
            continue;
        }
        tx.object_store(HEADS)?.put(&bytes(&head), Some(&jk))?;
        meta.revision += 1;
        meta.saved_ms = js_sys::Date::now() as u64;
        meta.schema = store::SCHEMA;
        let text = serde_json::to_string(&meta).map_err(|e| DbError::Other(e.to_string()))?;
        metas.put(&JsValue::from_str(&text), Some(&jk))?;
        finish(tx, &metas).await?;
        return Ok(meta);
    }
    Err(DbError::Conflict)
}

/// Renames a portfolio (its meta only; a load takes the name from there).
pub async fn rename(id: &str, name: &str) -> Result<Meta, DbError> {
    let _shared = shared_lock().await;
    let db = open().await?;
    let tx = db.transaction(&[META], TransactionMode::ReadWrite)?;
    let metas = tx.object_store(META)?;
    let key = JsValue::from_str(id);
    let v = metas.get(key.clone())?.await?;
    let mut meta = v.as_ref().and_then(parse_meta).ok_or(DbError::NotFound)?;
    meta.name = name.to_string();
    meta.revision += 1;
    let text = serde_json::to_string(&meta).map_err(|e| DbError::Other(e.to_string()))?;
    metas.put(&JsValue::from_str(&text), Some(&key))?;
    finish(tx, &metas).await?;
    Ok(meta)
}

/// Copies a portfolio under a new id and name. Records in the clear are
/// copied as they are, in one transaction; an encrypted portfolio (which
/// must be unlocked) is opened and sealed again for the new id, under the
/// same passphrase.
pub async fn duplicate(id: &str, name: &str) -> Result<Meta, DbError> {
    let m = meta(id).await?;
    if let Some(lock) = m.lock {
        let key = key_of(id).ok_or(DbError::Locked)?;
        let (_, mut p, extras) = load(id).await?;
        p.name = name.to_string();
        let new = new_id();
        let salt = lock
            .kdf
            .salt_bytes()
            .map_err(|e| DbError::Corrupt(e.to_string()))?;
        let salt: [u8; SALT_LEN] = salt[..SALT_LEN]
            .try_into()
            .map_err(|_| DbError::Corrupt("salt".into()))?;
        let mut new_lock = make_lock(&new, &key, &salt).await?;
        new_lock.kdf = lock.kdf.clone();
        let saved = save_as(&new, None, &p, &extras, Some((new_lock, key.clone()))).await?;
        hold_key(&new, key);
        return Ok(saved);
    }
    let _shared = shared_lock().await;
    let db = open().await?;
    let tx = db.transaction(&[META, HEADS, CHUNKS], TransactionMode::ReadWrite)?;
    let metas = tx.object_store(META)?;
    let key = JsValue::from_str(id);
    let v = metas.get(key.clone())?.await?;
    let mut meta = v.as_ref().and_then(parse_meta).ok_or(DbError::NotFound)?;
    let heads = tx.object_store(HEADS)?;
    let head = heads.get(key)?.await?.ok_or(DbError::NotFound)?;
    let chunk_store = tx.object_store(CHUNKS)?;
    let chunks = chunk_store.get_all(Some(chunk_range(id)?), None)?.await?;
    let new = new_id();
    for (n, c) in chunks.iter().enumerate() {
        chunk_store.put(c, Some(&chunk_key(&new, n)))?;
    }
    let new_key = JsValue::from_str(&new);
    heads.put(&head, Some(&new_key))?;
    meta.id.clone_from(&new);
    meta.name = name.to_string();
    meta.revision = 1;
    meta.saved_ms = js_sys::Date::now() as u64;
    let text = serde_json::to_string(&meta).map_err(|e| DbError::Other(e.to_string()))?;
    metas.put(&JsValue::from_str(&text), Some(&new_key))?;
    finish(tx, &metas).await?;
    Ok(meta)
}

/// The Web Lock that storage-scrub.js takes exclusively while it rewrites
/// the database (issue 23, case 4); every write holds it shared, in this
/// page, other tabs and the worker, so no write can fall between the
/// scrub's copy and its delete (and be lost).
const STORAGE_LOCK: &str = "credit-assistant-storage";

/// Releases the shared storage lock when dropped.
pub struct Shared(Option<js_sys::Function>);

impl Drop for Shared {
    fn drop(&mut self) {
        if let Some(release) = self.0.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Waits for the storage lock in shared mode (immediate unless a scrub is
/// running). Without the Web Locks API, no lock (and no scrub either).
pub async fn shared_lock() -> Shared {
    recovered().await;
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
    let Some(locks) = get(&js_sys::global(), "navigator")
        .and_then(|n| get(&n, "locks"))
        .filter(|l| !l.is_undefined())
    else {
        return Shared(None);
    };
    let Some(request) = get(&locks, "request").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return Shared(None);
    };
    let mut release = None;
    let held = js_sys::Promise::new(&mut |r, _| release = Some(r));
    let mut granted_slot = None;
    let granted = js_sys::Promise::new(&mut |r, _| granted_slot = Some(r));
    let (Some(granted_fn), Some(release)) = (granted_slot, release) else {
        return Shared(None);
    };
    // The callback runs once the lock is granted; the lock is held until
    // the promise it returns settles (when `Shared` is dropped).
    let callback = Closure::once_into_js(move || {
        let _ = granted_fn.call0(&JsValue::NULL);
        held
    });
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"mode".into(), &"shared".into());
    if request
        .call3(&locks, &STORAGE_LOCK.into(), &opts, &callback)
        .is_err()
    {
        return Shared(None);
    }
    let _ = wasm_bindgen_futures::JsFuture::from(granted).await;
    Shared(Some(release))
}

/// Rewrites the database so that Chromium's files keep no copy of what it
/// no longer holds (`scrubCreditStorage`, static/storage-scrub.js): after a
/// portfolio is encrypted or deleted. About 2–3 s; `false` when it could
/// not run (the plaintext then stays on disk until the browser compacts).
pub async fn scrub() -> bool {
    call_global("scrubCreditStorage").await
}

/// Restores what an interrupted scrub had copied aside
/// (`recoverCreditStorage`), once per page, before the database is first
/// opened and before the first write takes the storage lock (recovery
/// takes it exclusively: asked for under a shared hold, it would wait for
/// ever). Concurrent callers all await the same look.
async fn recovered() {
    let p = RECOVERY.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| {
                global_promise("recoverCreditStorage")
                    .unwrap_or_else(|| js_sys::Promise::resolve(&JsValue::UNDEFINED))
            })
            .clone()
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn global_promise(name: &str) -> Option<js_sys::Promise> {
    js_sys::Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&JsValue::NULL).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
}

async fn call_global(name: &str) -> bool {
    match global_promise(name) {
        Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
        None => false,
    }
}

/// Deletes a portfolio and all its records.
pub async fn delete(id: &str) -> Result<(), DbError> {
    let _shared = shared_lock().await;
    let db = open().await?;
    let tx = db.transaction(&[META, HEADS, CHUNKS], TransactionMode::ReadWrite)?;
    let metas = tx.object_store(META)?;
    let key = JsValue::from_str(id);
    metas.delete(key.clone())?;
    tx.object_store(HEADS)?.delete(key)?;
    tx.object_store(CHUNKS)?.delete(chunk_range(id)?)?;
    finish(tx, &metas).await
}

/// Tells other tabs (and the page, from the worker) that a portfolio
/// changed; they reload it or the list.
pub fn announce(id: &str) {
    if let Ok(ch) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = ch.post_message(&JsValue::from_str(id));
        ch.close();
    }
}
