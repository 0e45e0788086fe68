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
use serde::{Deserialize, Serialize};

use crate::extras::{extra_or_default, read_extra};

/// The extras key of the dunning settings.
pub const SETTINGS_KEY: &str = credit_core::dunning::SETTINGS_KEY;
/// The extras key of the action log.
pub const LOG_KEY: &str = credit_core::dunning::LOG_KEY;
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

/// The dunning settings kept with the portfolio, or the defaults (the
/// Standard policy).
pub fn settings(extras: &BTreeMap<String, String>) -> DunningSettings {
    extra_or_default(extras, SETTINGS_KEY)
}

/// The action log kept with the portfolio.
pub fn log(extras: &BTreeMap<String, String>) -> Vec<LogEntry> {
    extra_or_default(extras, LOG_KEY)
}

/// The holds made by dunning steps, by customer id.
pub fn holds(extras: &BTreeMap<String, String>) -> BTreeMap<String, Hold> {
    extra_or_default(extras, HOLDS_KEY)
}

/// The stored log or holds could not be read (written by a newer version,
/// or damaged): nothing is written over them.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable(pub &'static str);

/// The log with `entries` appended and the holds they make, from what is
/// stored; refused when what is stored cannot be read, so that a write
/// never replaces a log it could not read with a shorter one.
pub fn appended(
    extras: &BTreeMap<String, String>,
    entries: Vec<LogEntry>,
) -> Result<(Vec<LogEntry>, BTreeMap<String, Hold>), Unreadable> {
    let mut all: Vec<LogEntry> = read_extra(extras, LOG_KEY).map_err(Unreadable)?;
    let mut held: BTreeMap<String, Hold> = read_extra(extras, HOLDS_KEY).map_err(Unreadable)?;
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
    Ok((all, held))
}

#[cfg(test)]
mod tests {
    use super::*;
    use credit_core::dunning::{Channel, DunningAction, LoggedInvoice};
    use credit_core::money::Currency;
    use credit_core::Decimal;

    fn entry(customer: &str, actions: Vec<DunningAction>) -> LogEntry {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        LogEntry {
            date,
            customer_id: customer.into(),
            step_offset: 15,
            actions,
            channel: Channel::Letter,
            invoices: vec![LoggedInvoice {
                id: "INV-1".into(),
                due_date: date,
                open: Decimal::ONE_HUNDRED,
                currency: Currency::CNY,
            }],
            note: String::new(),
            interest_through: Some(date),
        }
    }

    #[test]
    fn an_entry_is_appended_to_what_is_stored_and_makes_its_hold() {
        let mut extras = BTreeMap::new();
        let (log1, _) =
            appended(&extras, vec![entry("C1", vec![DunningAction::Reminder])]).unwrap();
        extras.insert(LOG_KEY.to_string(), serde_json::to_string(&log1).unwrap());
        let (log2, held) = appended(
            &extras,
            vec![entry(
                "C2",
                vec![DunningAction::FinalNotice, DunningAction::StopDeliveries],
            )],
        )
        .unwrap();
        assert_eq!(log2.len(), 2);
        assert_eq!(log2[0], log1[0]);
        assert_eq!(
            held.get("C2").map(|h| h.status),
            Some(CustomerStatus::OnHold)
        );
        assert!(!held.contains_key("C1"));
    }

    #[test]
    fn a_log_that_cannot_be_read_is_never_written_over() {
        let mut extras = BTreeMap::new();
        extras.insert(
            LOG_KEY.to_string(),
            "{\"from\": \"a newer version\"}".to_string(),
        );
        assert_eq!(
            appended(&extras, vec![entry("C1", vec![DunningAction::Reminder])]),
            Err(Unreadable(LOG_KEY))
        );
        extras.insert(LOG_KEY.to_string(), "[]".to_string());
        extras.insert(HOLDS_KEY.to_string(), "not json".to_string());
        assert_eq!(
            appended(&extras, vec![entry("C1", vec![DunningAction::Reminder])]),
            Err(Unreadable(HOLDS_KEY))
        );
    }
}
