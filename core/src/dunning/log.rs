//! The action log: what was sent or done ([`LogEntry`]) and the status a
//! step leaves the buyer in ([`status_after`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Channel, DunningAction, PlanItem};
use crate::customer::CustomerStatus;
use crate::money::Currency;

/// An invoice in a log entry, as it was when the entry was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedInvoice {
    /// The invoice.
    pub id: String,
    /// Its due date then.
    pub due_date: NaiveDate,
    /// What was open.
    pub open: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// What was sent or done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When.
    pub date: NaiveDate,
    /// The buyer.
    pub customer_id: String,
    /// The step's offset.
    pub step_offset: i64,
    /// The step's actions.
    pub actions: Vec<DunningAction>,
    /// The channel used.
    pub channel: Channel,
    /// The invoices.
    pub invoices: Vec<LoggedInvoice>,
    /// A note.
    #[serde(default)]
    pub note: String,
    /// The last day whose interest this communication claimed.
    #[serde(default)]
    pub interest_through: Option<NaiveDate>,
}

impl LogEntry {
    /// What marking a plan item as done on `date` records: its buyer, step,
    /// actions and invoices (each with the due date it had, so a moved due
    /// date starts again), the channel used and a note; the interest it
    /// claimed runs through `date`.
    pub fn for_item(item: &PlanItem, date: NaiveDate, channel: Channel, note: &str) -> LogEntry {
        LogEntry {
            date,
            customer_id: item.customer_id.clone(),
            step_offset: item.step.offset_days,
            actions: item.step.actions.clone(),
            channel,
            invoices: item
                .invoices
                .iter()
                .map(|x| LoggedInvoice {
                    id: x.id.clone(),
                    due_date: x.due_date,
                    open: x.open,
                    currency: x.currency,
                })
                .collect(),
            note: note.trim().to_string(),
            interest_through: Some(date),
        }
    }
}

/// A step's status effect: stop deliveries puts the buyer on hold; legal
/// action or a collection agency puts it in legal.
///
/// # Example
/// ```
/// use credit_core::customer::CustomerStatus;
/// use credit_core::dunning::{status_after, DunningAction::*};
/// assert_eq!(status_after(&[FinalNotice, StopDeliveries]), Some(CustomerStatus::OnHold));
/// assert_eq!(status_after(&[StopDeliveries, LegalAction]), Some(CustomerStatus::InLegal));
/// assert_eq!(status_after(&[Reminder]), None);
/// ```
pub fn status_after(actions: &[DunningAction]) -> Option<CustomerStatus> {
    if actions.iter().any(|a| {
        matches!(
            a,
            DunningAction::LegalAction | DunningAction::CollectionAgency
        )
    }) {
        Some(CustomerStatus::InLegal)
    } else if actions.contains(&DunningAction::StopDeliveries) {
        Some(CustomerStatus::OnHold)
    } else {
        None
    }
}
