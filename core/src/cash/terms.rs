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

use super::{Field, FormError};

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
///
/// # Example
/// One invoice of 900 on 30 days' terms, issued in the 90 days to 1 March
/// and still open: moving to 45 days ties up 15 more days of sales.
/// ```
/// use credit_core::cash::terms_effect;
/// use credit_core::index::LedgerIndex;
/// # use credit_core::{invoice::{Invoice, Payment}, money::Currency, portfolio::Portfolio, Decimal, NaiveDate};
/// # let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// # let mut p = Portfolio::new("demo", Currency::CNY);
/// # p.invoices = vec![Invoice { kind: Default::default(), id: "I1".into(), customer_id: "A".into(),
/// #     issue_date: d(1, 1), due_date: d(1, 31), currency: Currency::CNY, gross: Decimal::from(900),
/// #     vat: None, payments: vec![], dispute: None }];
/// let t = terms_effect(&LedgerIndex::new(&p), None, 45, d(3, 1), 90).unwrap();
/// assert_eq!(t.current_terms_days, Decimal::from(30));
/// assert_eq!((t.dso_before, t.dso_after), (Some(Decimal::from(90)), Some(Decimal::from(105))));
/// assert_eq!(t.cash_effect, Decimal::from(-150));
/// ```
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

/// The longest terms the cash forms accept, in days: a year.
pub const MAX_TERMS_DAYS: u32 = 365;

/// Whole days of terms as typed in `field`: 0 to [`MAX_TERMS_DAYS`],
/// spaces around allowed.
///
/// # Errors
/// [`FormError::DaysOutOfRange`] naming the field, the value and the bound
/// for anything else.
///
/// # Example
/// ```
/// use credit_core::cash::{parse_terms_days, Field, FormError};
/// assert_eq!(parse_terms_days(Field::NewTerms, " 45 "), Ok(45));
/// assert_eq!(
///     parse_terms_days(Field::NewTerms, "400"),
///     Err(FormError::DaysOutOfRange { field: Field::NewTerms, value: "400".into(), max: 365 })
/// );
/// ```
pub fn parse_terms_days(field: Field, text: &str) -> Result<u32, FormError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= MAX_TERMS_DAYS)
        .ok_or_else(|| FormError::DaysOutOfRange {
            field,
            value: text.to_string(),
            max: MAX_TERMS_DAYS,
        })
}
