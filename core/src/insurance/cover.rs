//! What the policy covers: per buyer, insured up to the limit and
//! uninsured, without VAT; the invoices outside cover.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{InsuranceError, Policy};
use crate::invoice::Invoice;
use crate::money::{Currency, MoneyError};
use crate::portfolio::Portfolio;

/// Why an invoice is outside cover.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutsideReason {
    /// Disputed: a claim needs an undisputed debt.
    Disputed,
    /// The overdue notification deadline passed without a notification.
    NotNotified,
}

/// An invoice outside cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutsideInvoice {
    /// The invoice.
    pub invoice_id: String,
    /// Why.
    pub reason: OutsideReason,
    /// Open, base currency, without VAT.
    pub amount: Decimal,
}

/// A buyer's cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuyerCover {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub name: String,
    /// Open without VAT (every open invoice).
    pub open: Decimal,
    /// The VAT in what is open.
    pub vat: Decimal,
    /// The insured limit.
    pub insured_limit: Decimal,
    /// Insured: min(eligible open, limit).
    pub insured: Decimal,
    /// Uninsured: open − insured.
    pub uninsured: Decimal,
    /// Eligible open above a limit > 0.
    pub over_limit: bool,
    /// Invoices outside cover.
    pub outside: Vec<OutsideInvoice>,
}

/// The portfolio's cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    /// The base currency.
    pub currency: Currency,
    /// Buyers with something open, largest open first.
    pub buyers: Vec<BuyerCover>,
    /// Open without VAT.
    pub total_open: Decimal,
    /// Insured.
    pub total_insured: Decimal,
    /// Uninsured.
    pub total_uninsured: Decimal,
    /// VAT in what is open.
    pub total_vat: Decimal,
    /// Buyers above their insured limit.
    pub over_limit: usize,
    /// Buyers with something open and no insured limit.
    pub uninsured_buyers: usize,
}

/// An overdue notification sent to the insurer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// The buyer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// When it was sent.
    pub date: NaiveDate,
}

pub(super) use crate::dates::add_days;

/// An invoice's open amount (`open`: net of the buyer's credits, from
/// [`crate::openitems::net_open`]), base currency: (without VAT, VAT).
pub(super) fn open_net(
    p: &Portfolio,
    inv: &Invoice,
    open: Decimal,
    as_of: NaiveDate,
) -> Result<(Decimal, Decimal), MoneyError> {
    if open <= Decimal::ZERO {
        return Ok((Decimal::ZERO, Decimal::ZERO));
    }
    let rate = p.fx.rate(inv.currency, as_of)?;
    let vat = match inv.vat {
        Some(v) if inv.gross > Decimal::ZERO && v > Decimal::ZERO => {
            open * v.min(inv.gross) / inv.gross
        }
        _ => Decimal::ZERO,
    };
    Ok(((open - vat) * rate, vat * rate))
}

pub(super) fn notified_on(notified: &[Notification], inv: &Invoice) -> Option<NaiveDate> {
    notified
        .iter()
        .filter(|n| n.invoice_id == inv.id && n.customer_id == inv.customer_id)
        .map(|n| n.date)
        .min()
}

/// Why an open invoice is outside cover, if it is.
pub(super) fn outside_reason(
    inv: &Invoice,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
) -> Option<OutsideReason> {
    if inv.disputed_as_of(as_of) {
        return Some(OutsideReason::Disputed);
    }
    let notify_by = add_days(inv.due_date, policy.mep_days + policy.notification_days);
    let in_time = notified_on(notified, inv).is_some_and(|d| d <= notify_by);
    (notify_by < as_of && !in_time).then_some(OutsideReason::NotNotified)
}

/// The cover of the portfolio as of a date.
///
/// # Errors
///
/// [`InsuranceError::Money`] when an invoice's currency has no rate on
/// `as_of`.
///
/// # Example
///
/// ```
/// use credit_core::insurance::{cover, Policy};
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
/// let c = cover(&p, as_of, &Policy::default(), &[]).unwrap();
/// // 100,000 without VAT: 40,000 insured, 60,000 not; above its limit.
/// assert_eq!((c.total_insured, c.total_uninsured), (Decimal::from(40_000), Decimal::from(60_000)));
/// assert_eq!(c.over_limit, 1);
/// ```
pub fn cover(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
) -> Result<Cover, InsuranceError> {
    let index = p.customer_index();
    #[derive(Default)]
    struct Acc {
        open: Decimal,
        vat: Decimal,
        eligible: Decimal,
        outside: Vec<OutsideInvoice>,
    }
    let mut acc: HashMap<&str, Acc> = HashMap::new();
    let netted = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    for (i, inv) in p.invoices.iter().enumerate() {
        let (net, vat) = open_net(p, inv, netted.effective[i], as_of)?;
        if net <= Decimal::ZERO && vat <= Decimal::ZERO {
            continue;
        }
        let a = acc.entry(inv.customer_id.as_str()).or_default();
        a.open += net;
        a.vat += vat;
        match outside_reason(inv, as_of, policy, notified) {
            Some(reason) => a.outside.push(OutsideInvoice {
                invoice_id: inv.id.clone(),
                reason,
                amount: net,
            }),
            None => a.eligible += net,
        }
    }
    let mut buyers: Vec<BuyerCover> = acc
        .into_iter()
        .map(|(id, a)| {
            let c = index.get(id).map(|k| &p.customers[*k]);
            let limit = c.map_or(Decimal::ZERO, |c| policy.insured_limit(c));
            let insured = a.eligible.min(limit);
            BuyerCover {
                customer_id: id.to_string(),
                name: c.map_or_else(|| id.to_string(), |c| c.name.clone()),
                open: a.open,
                vat: a.vat,
                insured_limit: limit,
                insured,
                uninsured: a.open - insured,
                over_limit: limit > Decimal::ZERO && a.eligible > limit,
                outside: a.outside,
            }
        })
        .collect();
    crate::sorting::sort_by(&mut buyers, |a, b| {
        b.open
            .cmp(&a.open)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    let sum = |f: fn(&BuyerCover) -> Decimal| buyers.iter().map(f).sum::<Decimal>();
    Ok(Cover {
        currency: p.base_currency(),
        total_open: sum(|b| b.open),
        total_insured: sum(|b| b.insured),
        total_uninsured: sum(|b| b.uninsured),
        total_vat: sum(|b| b.vat),
        over_limit: buyers.iter().filter(|b| b.over_limit).count(),
        uninsured_buyers: buyers
            .iter()
            .filter(|b| b.insured_limit.is_zero() && b.open > Decimal::ZERO)
            .count(),
        buyers,
    })
}
