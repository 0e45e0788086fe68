//! The portfolio's extras: what the app keeps with a portfolio besides the
//! ledger (settings of the Alerts, Dunning, Insurance and Cash pages, notes,
//! logs, the audit trail), each a JSON text under a key. A leaf: it imports
//! no module of the app, so that every feature module can read extras
//! without reaching the state layer, which alone writes them.

use std::collections::BTreeMap;

use credit_core::dates::parse_iso;
use credit_core::NaiveDate;
use serde::{Deserialize, Deserializer};

/// One of a portfolio's extras read as JSON: the default when it is absent,
/// `Err(key)` when it is stored but cannot be read (damaged, or written by
/// a newer version) — for a caller that must not write over it.
pub fn read_extra<T: serde::de::DeserializeOwned + Default>(
    extras: &BTreeMap<String, String>,
    key: &'static str,
) -> Result<T, &'static str> {
    match extras.get(key) {
        None => Ok(T::default()),
        Some(t) => serde_json::from_str(t).map_err(|_| key),
    }
}

/// [`read_extra`], with the default also when it cannot be read.
pub fn extra_or_default<T: serde::de::DeserializeOwned + Default>(
    extras: &BTreeMap<String, String>,
    key: &'static str,
) -> T {
    read_extra(extras, key).unwrap_or_default()
}

/// Reads an ISO date (`2026-12-02`) from JSON, as the audit trail and the
/// ratings store them.
///
/// # Errors
/// A deserialisation error naming the text when it is not a date.
pub fn iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
}
