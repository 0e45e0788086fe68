//! The storage library of Credit Assistant, shared by both binaries: the
//! page (`src/main.rs`) and the ledger worker (`src/bin/credit-worker.rs`).
//!
//! - [`db`]: portfolios in IndexedDB (atomic saves, revisions, the storage
//!   lock, the scrub);
//! - [`keys`]: the keys of the unlocked encrypted portfolios, in memory only;
//! - [`crypto`]: WebCrypto (PBKDF2, AES-256-GCM) around the core's envelope;
//! - [`protocol`]: the messages between the page and the worker, and the one
//!   serialisable error type that crosses that boundary ([`protocol::Failure`]).
//!
//! - [`i18n`]: every string of the app, in both languages (the page's labels
//!   and messages, and the notices the worker words for a preview), with
//!   [`format`] for amounts, dates and percentages.
//!
//! Nothing here knows the page's state or components.

pub mod crypto;
pub mod db;
pub mod format;
pub mod i18n;
pub mod keys;
pub mod protocol;
