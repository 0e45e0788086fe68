//! Month-by-month trends of a buyer or of the portfolio.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rules::{no_rate, ratio};
use crate::index::{day, LedgerIndex, Rates, NO_SLOT};
use crate::kpi::months_back;
use crate::money::MoneyError;

/// One month of [`trends`]. Amounts in the base currency at the `as_of`
/// rate; `None` where a denominator is zero.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MonthTrend {
    /// Last day of the month (`as_of` for the latest).
    pub month_end: NaiveDate,
    /// Credit sales: gross of the invoices issued in the month.
    pub sales: Decimal,
    /// AR at the month end: open amounts (positive) of invoices issued by
    /// then, disputed included.
    pub ar: Decimal,
    /// DSO at the month end: AR ÷ credit sales issued in the 90 days to it
    /// × 90.
    pub dso: Option<Decimal>,
    /// Amount-weighted average days late of the payments dated in the month.
    pub avg_delay_days: Option<Decimal>,
    /// Overdue AR (past its due date at the month end) ÷ AR.
    pub overdue_ratio: Option<Decimal>,
}

/// Days of the trailing window of a month end's DSO.
const DSO_DAYS: u32 = 90;

/// Month by month (oldest first; the last one ends at `as_of`), for one
/// buyer (`Some(id)`) or the portfolio (`None`): credit sales issued in the
/// month, AR at the month end, DSO at the month end (AR ÷ credit sales of
/// the trailing 90 days × 90, as [`crate::kpi`] does), the amount-weighted
/// average payment delay of the payments in the month, overdue AR ÷ AR at
/// the month end. Base currency at the `as_of` rate; payments after `as_of`
/// are ignored. An unknown buyer gets months of zeros.
///
/// # Errors
/// [`MoneyError::NoRate`] when an amount that counts is in a currency
/// without a rate on `as_of`.
///
/// # Example
/// ```
/// use credit_core::{demo, index::LedgerIndex, monitor, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let ix = LedgerIndex::new(&p);
/// let t = monitor::trends(&ix, None, as_of, 12).unwrap();
/// assert_eq!(t.len(), 12);
/// assert_eq!(t[11].month_end, as_of);
/// assert_eq!(t[10].month_end, NaiveDate::from_ymd_opt(2026, 5, 31).unwrap());
/// ```
pub fn trends(
    ix: &LedgerIndex,
    customer: Option<&str>,
    as_of: NaiveDate,
    months: u32,
) -> Result<Vec<MonthTrend>, MoneyError> {
    let on = day(as_of);
    // Month ends, oldest first; month k is (ends[k] − 1 month, ends[k]].
    let mut ends_desc = vec![on];
    for k in 1..=months {
        match months_back(as_of, k) {
            Some(b) => ends_desc.push(day(b)),
            None => break,
        }
    }
    if months == 0 {
        return Ok(Vec::new());
    }
    let nmonths = ends_desc.len() - 1;
    // bounds ascending: bounds[0] = start of the oldest month (exclusive),
    // bounds[k + 1] = end of month k.
    let bounds: Vec<i32> = ends_desc.iter().rev().copied().collect();
    let nc = ix.currencies.len();
    let filter = match customer {
        Some(id) => match ix.customer_position(id) {
            Some(ci) => Some(ci),
            None => Some(u32::MAX),
        },
        None => None,
    };
    // [month][slot][field]: sales, ar, overdue, dso sales, paid, paid days.
    const F: usize = 6;
    let mut acc = vec![Decimal::ZERO; nmonths * nc * F];
    let first = bounds[0];
    let last = bounds[nmonths];
    let dso_days = DSO_DAYS as i32;
    for r in &ix.rows {
        if filter.is_some_and(|ci| ci != r.customer) {
            continue;
        }
        if r.issue > last {
            continue;
        }
        // Months whose end is on or after the issue date.
        let from_m = bounds[1..].partition_point(|&e| e < r.issue);
        let settled_before = r.final_open.is_zero() && r.last_pay <= first;
        let issued_in = r.issue > first;
        let dso_in = r.issue > first - dso_days;
        let pays_in = r.last_pay > first;
        if settled_before && !issued_in && !dso_in && !pays_in {
            continue;
        }
        if r.slot == NO_SLOT {
            return Err(no_rate(r, as_of));
        }
        let slot = r.slot as usize;
        let at = |m: usize, f: usize| (m * nc + slot) * F + f;
        if issued_in {
            acc[at(from_m, 0)] += r.gross;
        }
        for m in from_m..nmonths {
            let e = bounds[m + 1];
            if r.issue > e - dso_days {
                acc[at(m, 3)] += r.gross;
            } else if r.last_pay <= e && r.final_open.is_zero() {
                // Settled by this month end, and past the DSO window: done.
                break;
            }
            let open = ix.open_at(r, e);
            if open > Decimal::ZERO {
                acc[at(m, 1)] += open;
                if r.due < e {
                    acc[at(m, 2)] += open;
                }
            }
        }
        if pays_in {
            for p in ix.pays_of(r) {
                if p.day <= first {
                    continue;
                }
                if p.day > last {
                    break;
                }
                let m = bounds[1..].partition_point(|&e| e < p.day);
                acc[at(m, 4)] += p.amount;
                let late = p.day - r.due;
                if late > 0 {
                    acc[at(m, 5)] += p.amount * Decimal::from(late);
                }
            }
        }
    }
    let mut rates = Rates::new(ix, as_of);
    let mut out = Vec::with_capacity(nmonths);
    for m in 0..nmonths {
        let mut v = [Decimal::ZERO; F];
        for slot in 0..nc {
            let part = &acc[(m * nc + slot) * F..(m * nc + slot + 1) * F];
            if part.iter().all(|x| x.is_zero()) {
                continue;
            }
            let rate = rates.slot(slot)?;
            for (t, x) in v.iter_mut().zip(part) {
                *t += *x * rate;
            }
        }
        let [sales, ar, overdue, dso_sales, paid, paid_days] = v;
        out.push(MonthTrend {
            month_end: NaiveDate::from_num_days_from_ce_opt(bounds[m + 1]).unwrap_or(as_of),
            sales,
            ar,
            dso: crate::kpi::dso(ar, dso_sales, DSO_DAYS),
            avg_delay_days: ratio(paid_days, paid),
            overdue_ratio: ratio(overdue, ar),
        });
    }
    Ok(out)
}
