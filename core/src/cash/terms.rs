//! The DSO and cash effect of other terms.
//!
//! Choices where the domain brief is silent:
//!
//! - **Other terms** ([`terms_effect`]): the current terms are the
//!   sales-weighted average of due − issue of the invoices issued in the
//!   period (0 when there are none); AR and credit sales follow
//!   [`crate::kpi`] exactly (open amounts > 0 as of `as_of`, invoices issued
//!   in `(as_of − period, as_of]`, converted at the `as_of` rate), so
//!   `dso_before` is the KPI's DSO; a period of 0 days counts as 1; the DSO
//!   after never goes below 0. A buyer id not in the ledger gives zero
//!   sales and no DSO.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::index::{day, LedgerIndex, Rates};
use crate::money::MoneyError;

/// The DSO and cash effect of other terms.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct TermsEffect {
    /// Sales-weighted average of due − issue days of the period's invoices.
    pub current_terms_days: Decimal,
    /// The terms considered.
    pub new_terms_days: u32,
    /// DSO now (AR ÷ the period's credit sales × its days).
    pub dso_before: Option<Decimal>,
    /// DSO with the new terms: before + (new − current).
    pub dso_after: Option<Decimal>,
    /// Credit sales per day over the period.
    pub daily_sales: Decimal,
    /// (current − new) × daily sales: positive is cash freed, negative more
    /// tied up in receivables.
    pub cash_effect: Decimal,
}

/// The effect of moving a buyer (`Some(id)`) or the whole portfolio to
/// `new_terms_days`, from the invoices issued in the `period_days` up to
/// `as_of`.
///
/// # Errors
/// [`MoneyError::NoRate`] for a currency without a rate.
pub fn terms_effect(
    ix: &LedgerIndex,
    customer: Option<&str>,
    new_terms_days: u32,
    as_of: NaiveDate,
    period_days: u32,
) -> Result<TermsEffect, MoneyError> {
    let on = day(as_of);
    let from = on - period_days.max(1) as i32;
    let who = customer.map(|id| ix.customer_position(id).unwrap_or(u32::MAX));
    let mut rates = Rates::new(ix, as_of);
    let (mut sales, mut weighted, mut ar) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for r in ix
        .rows
        .iter()
        .filter(|r| who.is_none_or(|c| r.customer == c))
    {
        let open = ix.open_at(r, on);
        let in_period = r.issue > from && r.issue <= on;
        if !in_period && open <= Decimal::ZERO {
            continue;
        }
        let rate = rates.row(r)?;
        if in_period {
            let g = r.gross * rate;
            sales += g;
            weighted += g * Decimal::from(r.due - r.issue);
        }
        if open > Decimal::ZERO {
            ar += open * rate;
        }
    }
    let days = Decimal::from(period_days.max(1));
    let current = if sales.is_zero() {
        Decimal::ZERO
    } else {
        weighted / sales
    };
    let daily = sales / days;
    let before = crate::kpi::dso(ar, sales, period_days.max(1));
    let new = Decimal::from(new_terms_days);
    Ok(TermsEffect {
        current_terms_days: current,
        new_terms_days,
        dso_before: before,
        dso_after: before.map(|b| (b + new - current).max(Decimal::ZERO)),
        daily_sales: daily,
        cash_effect: (current - new) * daily,
    })
}
