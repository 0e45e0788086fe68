//! The insurer's deadlines of every overdue insured invoice.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cover::{add_days, notified_on, open_net};
use super::{InsuranceError, Notification, Policy};
use crate::portfolio::Portfolio;

/// Which deadline.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The maximum extension period ends.
    MepEnd,
    /// The overdue notification is due.
    NotifyBy,
    /// A protracted-default claim becomes payable.
    ClaimPayable,
    /// The claim must be filed.
    FileClaimBy,
}

/// The deadlines of one overdue insured invoice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub name: String,
    /// The invoice.
    pub invoice_id: String,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Open, base currency, without VAT.
    pub open: Decimal,
    /// End of the maximum extension period.
    pub mep_end: NaiveDate,
    /// The overdue notification is due by.
    pub notify_by: NaiveDate,
    /// A protracted-default claim is payable from.
    pub claim_payable: NaiveDate,
    /// The claim must be filed by.
    pub file_claim_by: NaiveDate,
    /// When the notification was sent.
    pub notified: Option<NaiveDate>,
    /// The next deadline on or after `as_of`.
    pub next: Option<(DeadlineKind, NaiveDate)>,
    /// The notification deadline passed without a notification.
    pub late: bool,
}

/// The deadlines of every open, overdue invoice of an insured buyer, the
/// nearest first (those with no deadline ahead last).
///
/// # Errors
///
/// [`InsuranceError::Money`] when an invoice's currency has no rate on
/// `as_of`.
///
/// # Example
///
/// ```
/// use credit_core::insurance::{deadlines, due_within, DeadlineKind, Policy};
/// use credit_core::customer::Customer;
/// use credit_core::invoice::Invoice;
/// use credit_core::money::Currency;
/// use credit_core::portfolio::Portfolio;
/// use credit_core::{Decimal, NaiveDate};
///
/// // One buyer insured up to 40,000 owes 113,000 with 13,000 VAT, due 31 January.
/// let mut p = Portfolio::new("demo", Currency::CNY);
/// let mut c = Customer::new("C1", "Buyer".to_string());
/// c.insured_limit = Some(Decimal::from(40_000));
/// p.customers.push(c);
/// let due = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
/// p.invoices.push(Invoice {
///     kind: Default::default(),
///     id: "A".into(),
///     customer_id: "C1".into(),
///     issue_date: due - credit_core::Days::new(60),
///     due_date: due,
///     currency: Currency::CNY,
///     gross: Decimal::from(113_000),
///     vat: Some(Decimal::from(13_000)),
///     payments: Vec::new(),
///     dispute: None,
/// });
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
/// let d = deadlines(&p, as_of, &Policy::default(), &[]).unwrap();
/// // Due 31 January: the 60-day extension period ends on 1 April.
/// let mep_end = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
/// assert_eq!(d[0].next, Some((DeadlineKind::MepEnd, mep_end)));
/// assert!(due_within(&d, as_of, 7).is_empty());
/// ```
pub fn deadlines(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
) -> Result<Vec<Deadline>, InsuranceError> {
    let index = p.customer_index();
    let mut out = Vec::new();
    let netted = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    for (i, inv) in p.invoices.iter().enumerate() {
        if inv.due_date >= as_of || inv.disputed_as_of(as_of) {
            continue;
        }
        let Some(c) = index
            .get(inv.customer_id.as_str())
            .map(|k| &p.customers[*k])
        else {
            continue;
        };
        if policy.insured_limit(c).is_zero() {
            continue;
        }
        let (net, _) = open_net(p, inv, netted.effective[i], as_of)?;
        if net <= Decimal::ZERO {
            continue;
        }
        let mep_end = add_days(inv.due_date, policy.mep_days);
        let notify_by = add_days(mep_end, policy.notification_days);
        let claim_payable = add_days(inv.due_date, policy.protracted_default_days);
        let file_claim_by = add_days(claim_payable, policy.claim_filing_days);
        let sent = notified_on(notified, inv);
        let next = [
            (DeadlineKind::MepEnd, mep_end),
            (DeadlineKind::NotifyBy, notify_by),
            (DeadlineKind::ClaimPayable, claim_payable),
            (DeadlineKind::FileClaimBy, file_claim_by),
        ]
        .into_iter()
        .filter(|(k, _)| !(sent.is_some() && *k == DeadlineKind::NotifyBy))
        .filter(|(_, d)| *d >= as_of)
        .min_by_key(|(_, d)| *d);
        out.push(Deadline {
            customer_id: c.id.clone(),
            name: c.name.clone(),
            invoice_id: inv.id.clone(),
            due_date: inv.due_date,
            open: net,
            mep_end,
            notify_by,
            claim_payable,
            file_claim_by,
            notified: sent,
            next,
            late: sent.map_or(notify_by < as_of, |d| d > notify_by),
        });
    }
    crate::sorting::sort_by(&mut out, |a, b| {
        let key = |d: &Deadline| d.next.map_or(NaiveDate::MAX, |n| n.1);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
            .then_with(|| a.invoice_id.cmp(&b.invoice_id))
    });
    Ok(out)
}

/// The deadlines whose next date falls in `[as_of, as_of + days]`: what
/// is due this week for `days` = 7. See [`deadlines`] for an example.
pub fn due_within(d: &[Deadline], as_of: NaiveDate, days: i64) -> Vec<&Deadline> {
    let end = add_days(as_of, days);
    d.iter()
        .filter(|x| x.next.is_some_and(|(_, day)| day >= as_of && day <= end))
        .collect()
}
