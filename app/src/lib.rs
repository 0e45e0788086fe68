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
//! Nothing here knows the page's state, components or language: the page
//! translates [`db::DbError`] and [`protocol::Failure`] in `i18n/messages.rs`.

pub mod crypto;
pub mod db;
pub mod keys;
pub mod protocol;
