//! # credit-core
//!
//! The domain of Credit Assistant (信用助手): trade credit management for a
//! business that sells on open account. Pure Rust, no browser, no clock:
//! every computation takes an explicit `as_of` date, so every report can be
//! reproduced for a past date and tested with a plain `cargo test`.
//!
//! - [`money`]: `Decimal` amounts with ISO currencies, dated FX tables.
//! - [`customer`], [`invoice`], [`portfolio`]: the data.
//! - [`index`]: the compact copy of the invoices the reports run over.
//! - [`ageing`]: receivables ageing by configurable buckets.
//! - [`assessment`]: a buyer's Altman Z-score, ratios and scorecard grade
//!   (1–10) with its PD band, confidence and drivers.
//! - [`limit`]: the credit limit by every method, the recommended limit and
//!   the rule that set it, review date, utilisation.
//! - [`terms`]: recommended payment terms and security by grade.
//! - [`cash`]: early-payment discount cost, the effect of other terms,
//!   payment plans, the 13-week collections forecast (and against actual),
//!   working capital.
//! - [`collections`]: promises to pay, disputes as a workflow, contacts and
//!   cadence, groups sharing a limit, the order check, statements of
//!   account and `.eml` messages.
//! - [`country`]: default country risk by ISO code.
//! - [`dates`]: dates as typed in forms.
//! - [`decision`]: the audit trail of saved assessments.
//! - [`behaviour`]: a buyer's payment behaviour derived from the ledger.
//! - [`dunning`]: dunning policies and presets, the plan for a date, late
//!   interest and compensation by regime, letters in zh-CN and English,
//!   the action log.
//! - [`insurance`]: a trade credit insurance policy: cover, deadlines,
//!   claim simulation, claim readiness, whether the premium pays.
//! - [`monitor`]: early-warning alerts (over limit, dunning steps, volume
//!   up while paying slower, insurer deadlines, …) and monthly trends.
//! - [`kpi`]: DSO, countback DSO, best possible DSO, ADD, CEI, payment delay,
//!   overdue and at-risk ratios, concentration, turnover.
//! - [`ledger`]: the invoice list's filters and paging.
//! - [`demo`]: a deterministic demo portfolio from a seed.
//! - [`import`]: invoices, payments and buyers from CSV (XLSX with the
//!   `xlsx` feature) in UTF-8, UTF-16 or GBK, with English or Chinese
//!   headers: a mapping, a preview listing every error, an all-or-nothing
//!   merge.
//! - [`export`]: CSV of ageing, KPIs and invoices, escaped against formula
//!   injection.
//! - [`selfcheck`]: the five-minute self-check for prospects: exposure,
//!   expected loss, whether credit insurance is worth considering.
//! - [`sorting`]: one compiled stable sort for report-sized lists (wasm size).
//! - [`store`]: the compact binary records a portfolio is stored in
//!   (IndexedDB): a head and chunks of invoices, versioned by schema.
//! - [`backup`]: the portfolio as one versioned JSON file with a SHA-256
//!   checksum.
//! - [`envelope`]: the format of an encrypted portfolio's records and of
//!   an encrypted backup (the cryptography runs in the browser's WebCrypto).

pub mod ageing;
pub mod assessment;
pub mod backup;
pub mod behaviour;
pub mod cash;
pub mod collections;
pub mod country;
pub mod customer;
pub mod dates;
pub mod decision;
pub mod demo;
pub mod dunning;
pub mod envelope;
pub mod export;
pub mod heatmap;
pub mod import;
pub mod index;
pub mod insurance;
pub mod invoice;
pub mod kpi;
pub mod ledger;
pub mod limit;
pub mod money;
pub mod monitor;
pub mod openitems;
pub mod portfolio;
pub mod rating;
pub mod selfcheck;
pub mod sorting;
pub mod store;
pub mod terms;

pub use chrono::{Datelike, Days, NaiveDate};
pub use rust_decimal::Decimal;
