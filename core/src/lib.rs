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
//! - [`behaviour`]: a buyer's payment behaviour derived from the ledger.
//! - [`kpi`]: DSO, countback DSO, best possible DSO, ADD, CEI, payment delay,
//!   overdue and at-risk ratios, concentration, turnover.
//! - [`ledger`]: the invoice list's filters and paging.
//! - [`demo`]: a deterministic demo portfolio from a seed.

pub mod ageing;
pub mod behaviour;
pub mod customer;
pub mod demo;
pub mod index;
pub mod invoice;
pub mod kpi;
pub mod ledger;
pub mod money;
pub mod portfolio;

pub use chrono::{Datelike, NaiveDate};
pub use rust_decimal::Decimal;
