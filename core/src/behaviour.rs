//! A buyer's payment behaviour, derived from the ledger as of a date: the
//! input the assessment's scorecard takes for "payment behaviour", and the
//! series the buyer's page charts.
//!
//! Definitions (choices where the domain brief is silent):
//! - a payment's **days late** = its date − the invoice's due date, never
//!   below zero; every figure weighs payments by amount, like the portfolio's
//!   average payment delay ([`crate::kpi`]);
//! - **share paid late**: the amount paid more than [`LATE_GRACE_DAYS`] days
//!   after the due date ÷ the amount paid, over the last 12 months;
//! - **worst delay**: the most days late of any payment in the last 12
//!   months, or of any invoice still open past its due date (an unpaid
//!   invoice 70 days overdue is at least 70 days late);
//! - **trend**: the average delay of payments in the last 3 months minus
//!   that of the 9 months before (positive = paying slower);
//! - a buyer **has history** when at least one payment is dated on or before
//!   `as_of`.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::index::{day, LedgerIndex, Rates};
use crate::money::MoneyError;

/// Days after the due date within which a payment does not count as late
/// for the share paid late (a bank transfer's usual slack).
pub const LATE_GRACE_DAYS: i32 = 5;

/// A buyer's payment behaviour as of a date. `None` where there is nothing
/// to measure (no payment in the window).
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct PaymentBehaviour {
    /// Amount-weighted average days late of payments in the last 12 months.
    pub avg_delay_days: Option<Decimal>,
    /// Share (0–1) of the amount paid in the last 12 months that was paid
    /// more than [`LATE_GRACE_DAYS`] days late.
    pub share_paid_late: Option<Decimal>,
    /// Worst days late in the last 12 months, open overdue invoices included.
    pub worst_delay_days: Option<u32>,
    /// Average delay of the last 3 months minus that of the 9 before.
    pub trend_days: Option<Decimal>,
    /// Whether any payment from this buyer is known yet.
    pub has_history: bool,
}

/// One month of a buyer's payments.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MonthDelay {
    /// Last day of the month (or `as_of` for the current month).
    pub month_end: NaiveDate,
    /// Amount-weighted average days late of the month's payments.
    pub avg_delay_days: Option<Decimal>,
    /// Amount paid in the month, in the invoices' currencies converted at
    /// the `as_of` rate.
    pub paid: Decimal,
}

/// Amount-weighted days late: Σ amount × days ÷ Σ amount.
#[derive(Default, Clone, Copy)]
struct Weighted {
    amount: Decimal,
    amount_days: Decimal,
    late_amount: Decimal,
}

impl Weighted {
    fn add(&mut self, amount: Decimal, late: i32) {
        self.amount += amount;
        if late > 0 {
            self.amount_days += amount * Decimal::from(late);
        }
        if late > LATE_GRACE_DAYS {
            self.late_amount += amount;
        }
    }
    fn avg(&self) -> Option<Decimal> {
        (!self.amount.is_zero()).then(|| self.amount_days / self.amount)
    }
}

/// One payment of a buyer: `(day, amount in base currency, days late)`.
type Paid = (i32, Decimal, i32);

/// A buyer's payments dated up to a date, and the most days past due of
/// its open overdue invoices.
type Record = (Vec<Paid>, Option<i32>);

/// The records of every buyer of the index (by position), or of one: a
/// single pass over the invoices either way. Never inlined, like
/// [`summarise`]: one copy serves the buyer's page and the portfolio's
/// ratings.
#[inline(never)]
fn records(
    ix: &LedgerIndex,
    only: Option<u32>,
    as_of: NaiveDate,
) -> Result<Vec<Record>, MoneyError> {
    let on = day(as_of);
    let n = if only.is_some() {
        1
    } else {
        ix.customer_ids.len()
    };
    let mut out: Vec<Record> = vec![(Vec::new(), None); n];
    let mut rates = Rates::new(ix, as_of);
    for r in &ix.rows {
        let k = match only {
            Some(c) if r.customer != c => continue,
            Some(_) => 0,
            None => r.customer as usize,
        };
        let rate = rates.row(r)?;
        let Some((pays, worst_open)) = out.get_mut(k) else {
            continue;
        };
        for p in ix.pays_of(r) {
            if p.day <= on {
                pays.push((p.day, p.amount * rate, p.day - r.due));
            }
        }
        if r.due < on && ix.open_at(r, on) > Decimal::ZERO {
            let late = on - r.due;
            *worst_open = Some(worst_open.map_or(late, |w| w.max(late)));
        }
    }
    Ok(out)
}

fn payments_of(
    ix: &LedgerIndex,
    customer_id: &str,
    as_of: NaiveDate,
) -> Result<Record, MoneyError> {
    match ix.customer_position(customer_id) {
        Some(ci) => Ok(records(ix, Some(ci), as_of)?.pop().unwrap_or_default()),
        None => Ok((Vec::new(), None)),
    }
}

/// A buyer's payment behaviour as of a date (see the module docs).
///
/// # Errors
/// [`MoneyError::NoRate`] when one of its invoices' currencies has no rate.
///
/// # Example
/// ```
/// use credit_core::{behaviour, demo, index::LedgerIndex, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let ix = LedgerIndex::new(&p);
/// // The demo's planted buyer pays ever later.
/// let b = behaviour::payment_behaviour(&ix, demo::PLANTED_BUYER_ID, as_of).unwrap();
/// assert!(b.has_history);
/// assert!(b.trend_days.unwrap() >= 10.into());
/// ```
pub fn payment_behaviour(
    ix: &LedgerIndex,
    customer_id: &str,
    as_of: NaiveDate,
) -> Result<PaymentBehaviour, MoneyError> {
    let (pays, worst_open) = payments_of(ix, customer_id, as_of)?;
    Ok(summarise(&pays, worst_open, as_of))
}

/// Every buyer's payment behaviour as of a date, in one pass over the
/// ledger (the portfolio's buyers first, in order, then any buyer only its
/// invoices name): what [`payment_behaviour`] gives each.
///
/// # Errors
/// [`MoneyError::NoRate`] when an invoice's currency has no rate.
pub fn all_behaviours(
    ix: &LedgerIndex,
    as_of: NaiveDate,
) -> Result<Vec<(String, PaymentBehaviour)>, MoneyError> {
    Ok(ix
        .customer_ids
        .iter()
        .zip(records(ix, None, as_of)?)
        .map(|(id, (pays, worst))| (id.clone(), summarise(&pays, worst, as_of)))
        .collect())
}

#[inline(never)]
fn summarise(pays: &[Paid], worst_open: Option<i32>, as_of: NaiveDate) -> PaymentBehaviour {
    let year_ago = as_of
        .checked_sub_months(Months::new(12))
        .map_or(i32::MIN, day);
    let quarter_ago = as_of
        .checked_sub_months(Months::new(3))
        .map_or(i32::MIN, day);
    let (mut year, mut recent, mut before) = (
        Weighted::default(),
        Weighted::default(),
        Weighted::default(),
    );
    let mut worst: Option<i32> = worst_open;
    for &(d, amount, late) in pays {
        if d <= year_ago {
            continue;
        }
        year.add(amount, late);
        if d > quarter_ago {
            recent.add(amount, late);
        } else {
            before.add(amount, late);
        }
        let late = late.max(0);
        worst = Some(worst.map_or(late, |w| w.max(late)));
    }
    PaymentBehaviour {
        avg_delay_days: year.avg(),
        share_paid_late: (!year.amount.is_zero()).then(|| year.late_amount / year.amount),
        worst_delay_days: worst.map(|w| w.max(0) as u32),
        trend_days: match (recent.avg(), before.avg()) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        },
        has_history: !pays.is_empty(),
    }
}

/// A buyer's average payment delay month by month, the latest month last:
/// `months` months walked back from `as_of` as [`crate::kpi`] does.
///
/// # Errors
/// As [`payment_behaviour`].
pub fn monthly_delays(
    ix: &LedgerIndex,
    customer_id: &str,
    as_of: NaiveDate,
    months: u32,
) -> Result<Vec<MonthDelay>, MoneyError> {
    let (pays, _) = payments_of(ix, customer_id, as_of)?;
    let mut ends = vec![as_of];
    for k in 1..=months {
        match crate::kpi::months_back(as_of, k) {
            Some(b) => ends.push(b),
            None => break,
        }
    }
    let mut out = Vec::with_capacity(months as usize);
    for w in ends.windows(2).rev() {
        let (hi, lo) = (day(w[0]), day(w[1]));
        let mut m = Weighted::default();
        for &(d, amount, late) in &pays {
            if d > lo && d <= hi {
                m.add(amount, late);
            }
        }
        out.push(MonthDelay {
            month_end: w[0],
            avg_delay_days: m.avg(),
            paid: m.amount,
        });
    }
    Ok(out)
}

/// A buyer's credit sales (gross) in the 12 months to `as_of`, in the base
/// currency at the `as_of` rate: the default for "expected annual purchases"
/// when assessing a buyer of the portfolio.
///
/// # Errors
/// As [`payment_behaviour`].
pub fn sales_last_12_months(
    ix: &LedgerIndex,
    customer_id: &str,
    as_of: NaiveDate,
) -> Result<Decimal, MoneyError> {
    let Some(ci) = ix.customer_position(customer_id) else {
        return Ok(Decimal::ZERO);
    };
    let (on, from) = (
        day(as_of),
        as_of
            .checked_sub_months(Months::new(12))
            .map_or(i32::MIN, day),
    );
    let mut by_slot = vec![Decimal::ZERO; ix.currencies.len()];
    for r in ix
        .rows
        .iter()
        .filter(|r| r.customer == ci && r.issue > from && r.issue <= on)
    {
        if let Some(s) = by_slot.get_mut(r.slot as usize) {
            *s += r.gross;
        } else {
            return Err(MoneyError::NoRate {
                currency: r.currency,
                date: as_of,
            });
        }
    }
    let mut total = Decimal::ZERO;
    for (slot, v) in by_slot.iter().enumerate() {
        if !v.is_zero() {
            total += *v * ix.fx.rate(ix.currencies[slot], as_of)?;
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::invoice::{Invoice, Payment};
    use crate::money::Currency;
    use crate::portfolio::Portfolio;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ledger() -> Portfolio {
        let mut p = Portfolio::new("t", Currency::CNY);
        p.customers.push(Customer {
            country: "CN".into(),
            ..Customer::new("A", "A")
        });
        let inv = |id: &str, due: &str, gross: i64, paid: Option<&str>| Invoice {
            kind: Default::default(),
            id: id.into(),
            customer_id: "A".into(),
            issue_date: d(due) - chrono::Days::new(30),
            due_date: d(due),
            currency: Currency::CNY,
            gross: gross.into(),
            vat: None,
            payments: paid
                .map(|p| {
                    vec![Payment {
                        date: d(p),
                        amount: gross.into(),
                    }]
                })
                .unwrap_or_default(),
            dispute: None,
        };
        p.invoices = vec![
            inv("1", "2024-01-31", 900, Some("2024-03-31")), // over a year before: ignored
            inv("2", "2025-01-31", 100, Some("2025-01-29")), // early: 0 days
            inv("3", "2025-02-28", 300, Some("2025-03-10")), // 10 days
            inv("4", "2025-04-30", 100, Some("2025-06-09")), // 40 days, in the last 3 months
            inv("5", "2025-05-31", 500, None),               // open, 30 days overdue
        ];
        p
    }

    #[test]
    fn hand_computed_behaviour() {
        let p = ledger();
        let ix = LedgerIndex::new(&p);
        let b = payment_behaviour(&ix, "A", d("2025-06-30")).unwrap();
        // (100×0 + 300×10 + 100×40) / 500 = 14
        assert_eq!(b.avg_delay_days, Some(Decimal::from(14)));
        // 300 + 100 late beyond 5 days, of 500
        assert_eq!(b.share_paid_late, Some("0.8".parse().unwrap()));
        assert_eq!(b.worst_delay_days, Some(40));
        // last 3 months: 40; the 9 before: (0 + 3000) / 400 = 7.5
        assert_eq!(b.trend_days, Some("32.5".parse().unwrap()));
        assert!(b.has_history);
        // An open invoice far overdue is the worst delay.
        let b = payment_behaviour(&ix, "A", d("2025-08-31")).unwrap();
        assert_eq!(b.worst_delay_days, Some(92));
    }

    /// The one-pass behaviour of every buyer is each buyer's own.
    #[test]
    fn all_at_once_is_each_alone() {
        let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let p = crate::demo::generate(&crate::demo::DemoSpec::standard(as_of));
        let ix = LedgerIndex::new(&p);
        let all = all_behaviours(&ix, as_of).unwrap();
        assert!(all.len() >= p.customers.len());
        for (id, b) in &all {
            assert_eq!(*b, payment_behaviour(&ix, id, as_of).unwrap(), "{id}");
        }
        assert!(all.iter().any(|(_, b)| b.has_history));
    }

    #[test]
    fn no_history_and_unknown_buyer() {
        let p = ledger();
        let ix = LedgerIndex::new(&p);
        let b = payment_behaviour(&ix, "A", d("2024-02-01")).unwrap();
        assert!(!b.has_history);
        assert_eq!(b.avg_delay_days, None);
        assert_eq!(b.worst_delay_days, Some(1)); // invoice 1, a day overdue
        assert_eq!(
            payment_behaviour(&ix, "nobody", d("2025-06-30")).unwrap(),
            PaymentBehaviour::default()
        );
    }

    #[test]
    fn sales_in_the_last_year() {
        let p = ledger();
        let ix = LedgerIndex::new(&p);
        // Invoices 2–5 were issued in the 12 months to 2025-06-30; 1 was not.
        assert_eq!(
            sales_last_12_months(&ix, "A", d("2025-06-30")).unwrap(),
            Decimal::from(1000)
        );
        assert_eq!(
            sales_last_12_months(&ix, "nobody", d("2025-06-30")).unwrap(),
            Decimal::ZERO
        );
    }

    #[test]
    fn monthly_series() {
        let p = ledger();
        let ix = LedgerIndex::new(&p);
        let m = monthly_delays(&ix, "A", d("2025-06-30"), 6).unwrap();
        assert_eq!(m.len(), 6);
        assert_eq!(m[5].month_end, d("2025-06-30"));
        assert_eq!(m[5].avg_delay_days, Some(Decimal::from(40)));
        assert_eq!(m[2].month_end, d("2025-03-31"));
        assert_eq!(m[2].avg_delay_days, Some(Decimal::from(10)));
        assert_eq!(m[1].avg_delay_days, None);
        assert_eq!(m[0].month_end, d("2025-01-31"));
        assert_eq!(m[0].avg_delay_days, Some(Decimal::ZERO));
    }
}
