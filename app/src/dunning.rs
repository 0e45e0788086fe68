//! What the app keeps of dunning with the open portfolio (its extras, so in
//! its backup and encrypted with it; for the demo, in `localStorage`):
//!
//! - [`SETTINGS_KEY`]: the `credit_core::dunning::DunningSettings` — the
//!   portfolio's policy, the per-buyer overrides, the interest regime with
//!   its reference rates, and the letterhead and bank details;
//! - [`LOG_KEY`]: the action log, a list of `credit_core::dunning::LogEntry`
//!   (what was sent or done, when, at which step, for which invoices, with
//!   a note), appended by "mark as done" and never rewritten;
//! - [`HOLDS_KEY`]: buyers put on hold (deliveries stopped) or handed to
//!   legal action by a dunning step, with the date and the step.
//!
//! The ledger's own customer status is the ERP's (an import would overwrite
//! it); a hold made here is shown beside it wherever the buyer appears, and
//! lifted on the buyer's page.

use std::collections::BTreeMap;

use credit_core::customer::CustomerStatus;
use credit_core::dunning::{DunningSettings, LogEntry};
use credit_core::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::state::AppState;

/// The extras key of the dunning settings.
pub const SETTINGS_KEY: &str = "dunning.settings";
/// The extras key of the action log.
pub const LOG_KEY: &str = "dunning.log";
/// The extras key of the holds made by dunning steps.
pub const HOLDS_KEY: &str = "dunning.holds";

/// A hold made by a dunning step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hold {
    /// On hold or in legal.
    pub status: CustomerStatus,
    /// The day the step was marked done.
    pub since: NaiveDate,
    /// The step's offset in days from the due date.
    pub step_offset: i64,
}

/// The core's language for the app's.
pub fn lang(l: Lang) -> credit_core::dunning::Lang {
    match l {
        Lang::En => credit_core::dunning::Lang::En,
        Lang::Zh => credit_core::dunning::Lang::Zh,
    }
}

/// The dunning settings kept with the portfolio, or the defaults (the
/// Standard policy).
pub fn settings(extras: &BTreeMap<String, String>) -> DunningSettings {
    extras
        .get(SETTINGS_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

/// The action log kept with the portfolio.
pub fn log(extras: &BTreeMap<String, String>) -> Vec<LogEntry> {
    extras
        .get(LOG_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

/// The holds made by dunning steps, by customer id.
pub fn holds(extras: &BTreeMap<String, String>) -> BTreeMap<String, Hold> {
    extras
        .get(HOLDS_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

/// Appends entries to the log and records the holds they make, in one
/// write; `after` runs once they are kept.
pub fn record(app: &AppState, entries: Vec<LogEntry>, after: impl FnOnce() + 'static) {
    let (mut all, mut held) = app.extras.with_untracked(|x| (log(x), holds(x)));
    for e in &entries {
        if let Some(status) = credit_core::dunning::status_after(&e.actions) {
            // In legal outranks on hold.
            let keep = held
                .get(&e.customer_id)
                .is_some_and(|h| h.status == CustomerStatus::InLegal);
            if !keep {
                held.insert(
                    e.customer_id.clone(),
                    Hold {
                        status,
                        since: e.date,
                        step_offset: e.step_offset,
                    },
                );
            }
        }
    }
    all.extend(entries);
    let mut changes = Vec::new();
    if let Ok(t) = serde_json::to_string(&all) {
        changes.push((LOG_KEY.to_string(), t));
    }
    if let Ok(t) = serde_json::to_string(&held) {
        changes.push((HOLDS_KEY.to_string(), t));
    }
    app.set_extras_then(changes, after);
}

/// Lifts a buyer's hold.
pub fn lift(app: &AppState, customer_id: &str) {
    let mut held = app.extras.with_untracked(holds);
    if held.remove(customer_id).is_some() {
        app.set_extra(HOLDS_KEY, &held);
    }
}
