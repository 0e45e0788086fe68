//! Receivables KPIs for a period ending `as_of` (domain brief, "Receivables
//! KPIs"). Every amount is in the base currency at the rate in force on
//! `as_of`, as in [`crate::ageing`]; ratios are fractions (0.25 = 25 %)
//! except CEI, which the formula states as a percentage, and the HHI, on
//! the usual 0–10,000 scale.
//!
//! Choices where the brief is silent:
//! - **Credit sales** in the period are the gross amounts of the ledger
//!   lines issued in `(as_of − period, as_of]`: net of the credit notes
//!   issued in it (negative lines), as an ERP's net credit sales.
//! - **Opening AR** is what was open at the period start on lines issued by
//!   then (a line issued later is in the period's sales instead), net of
//!   open credits, as the closing AR is (domain brief, "Ageing": a buyer's
//!   exposure is the net of its open items).
//! - **Countback months** are months walked back from `as_of`
//!   (`(as_of − 1 month, as_of]`, then the month before, …; from a month's
//!   last day, calendar months); the walk stops
//!   after [`KpiSettings::countback_months`] months, so a ledger whose AR
//!   exceeds all its sales reports that many months' days.
//! - **Average payment delay** weighs each payment dated in the period by
//!   its amount and its own days late (never below zero): an invoice paid in
//!   one payment counts exactly as the brief's invoice-level formula; a
//!   part-paid one counts each part at its own date.
//! - **Overdue** and **at risk** are always measured in days past due,
//!   whatever the ageing report's basis; at risk means more than
//!   [`KpiSettings::at_risk_days`] (90) days.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ageing::{age_index, AgeBasis, AgeingError, AgeingReport, AgeingSettings};
use crate::index::{day, LedgerIndex, NO_SLOT};
use crate::money::{Currency, MoneyError};
use crate::portfolio::Portfolio;

/// KPI settings of a portfolio.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct KpiSettings {
    /// Length of the period ending `as_of`, in days (default 90).
    pub period_days: u32,
    /// How many months countback DSO walks back at most (default 24).
    pub countback_months: u32,
    /// Days past due beyond which AR is "at risk" (default 90: 91+ days).
    pub at_risk_days: u32,
}

impl Default for KpiSettings {
    fn default() -> Self {
        KpiSettings {
            period_days: 90,
            countback_months: 24,
            at_risk_days: 90,
        }
    }
}

/// The KPIs of a portfolio as of a date. `None` where a denominator is zero
/// (no sales in the period, no AR, nothing paid).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Kpis {
    /// The report date (end of the period, inclusive).
    pub as_of: NaiveDate,
    /// Start of the period (exclusive): `as_of − period_days`.
    pub period_start: NaiveDate,
    /// Days in the period.
    pub period_days: u32,
    /// Currency of every amount.
    pub currency: Currency,
    /// AR at the end of the period.
    pub closing_ar: Decimal,
    /// AR at the start of the period.
    pub opening_ar: Decimal,
    /// Credit sales in the period.
    pub credit_sales: Decimal,
    /// AR not yet due at the end of the period.
    pub not_due_ar: Decimal,
    /// AR past due at the end of the period.
    pub overdue_ar: Decimal,
    /// AR more than `at_risk_days` past due.
    pub at_risk_ar: Decimal,
    /// DSO = closing AR ÷ credit sales × days.
    pub dso: Option<Decimal>,
    /// Countback DSO (see [`countback_dso`]).
    pub countback_dso: Option<Decimal>,
    /// Best possible DSO = not-yet-due AR ÷ credit sales × days.
    pub best_dso: Option<Decimal>,
    /// Average days delinquent = DSO − best possible DSO.
    pub add: Option<Decimal>,
    /// CEI, a percentage (see [`cei`]).
    pub cei: Option<Decimal>,
    /// Amount-weighted days late of payments in the period.
    pub avg_payment_delay: Option<Decimal>,
    /// Overdue AR ÷ AR.
    pub overdue_ratio: Option<Decimal>,
    /// At-risk AR ÷ AR.
    pub at_risk_ratio: Option<Decimal>,
    /// The largest buyer's share of AR.
    pub top1_share: Option<Decimal>,
    /// The ten largest buyers' share of AR.
    pub top10_share: Option<Decimal>,
    /// Herfindahl–Hirschman index of AR shares, 0–10,000.
    pub hhi: Option<Decimal>,
    /// Credit sales annualised ÷ average of opening and closing AR.
    pub turnover: Option<Decimal>,
}

/// Errors from KPIs.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KpiError {
    /// A period of zero days.
    #[error("the KPI period must be at least one day")]
    EmptyPeriod,
    /// The ageing underneath failed.
    #[error(transparent)]
    Ageing(#[from] AgeingError),
}

impl From<MoneyError> for KpiError {
    fn from(e: MoneyError) -> Self {
        KpiError::Ageing(AgeingError::Money(e))
    }
}

fn ratio(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        None
    } else {
        num.checked_div(den)
    }
}

/// DSO = closing AR ÷ credit sales × days in period.
///
/// # Example
/// ```
/// use credit_core::kpi::dso;
/// use credit_core::Decimal;
/// assert_eq!(dso(Decimal::from(150), Decimal::from(300), 90), Some(Decimal::from(45)));
/// assert_eq!(dso(Decimal::from(150), Decimal::ZERO, 90), None);
/// ```
pub fn dso(ar: Decimal, credit_sales: Decimal, days: u32) -> Option<Decimal> {
    ratio(ar * Decimal::from(days), credit_sales)
}

/// Countback DSO: walk back month by month from the latest; while the
/// remaining AR is at least that month's credit sales, subtract them and add
/// the month's days; for the last month add (remaining ÷ its sales) × its
/// days. `months` is `(credit sales, days)` latest first.
///
/// # Example
/// The brief's check: AR 212,000 against 100,000 / 80,000 / 70,000 in
/// months of 30 / 31 / 30 days is 30 + 31 + 32/70 × 30 ≈ 74.7 days.
/// ```
/// use credit_core::kpi::countback_dso;
/// use credit_core::Decimal;
/// let m = [(Decimal::from(100_000), 30), (Decimal::from(80_000), 31), (Decimal::from(70_000), 30)];
/// let d = countback_dso(Decimal::from(212_000), &m).unwrap();
/// assert_eq!(d.round_dp(1).to_string(), "74.7");
/// ```
pub fn countback_dso(ar: Decimal, months: &[(Decimal, u32)]) -> Option<Decimal> {
    if months.is_empty() {
        return None;
    }
    let mut remaining = ar.max(Decimal::ZERO);
    let mut days = Decimal::ZERO;
    for &(sales, month_days) in months {
        if remaining.is_zero() {
            break;
        }
        if remaining >= sales {
            remaining -= sales;
            days += Decimal::from(month_days);
        } else {
            days += remaining * Decimal::from(month_days) / sales;
            remaining = Decimal::ZERO;
        }
    }
    Some(days)
}

/// Collection effectiveness index = (opening AR + credit sales − closing AR)
/// ÷ (opening AR + credit sales − closing not-yet-due AR) × 100.
/// ≥ 80 is good, ≤ 50 poor.
///
/// # Example
/// ```
/// use credit_core::kpi::cei;
/// use credit_core::Decimal;
/// let d = |n: i64| Decimal::from(n);
/// // 100 + 300 − 150 = 250 collected of 100 + 300 − 90 = 310 collectable.
/// assert_eq!(cei(d(100), d(300), d(150), d(90)).unwrap().round_dp(1).to_string(), "80.6");
/// ```
pub fn cei(
    opening: Decimal,
    sales: Decimal,
    closing: Decimal,
    closing_not_due: Decimal,
) -> Option<Decimal> {
    ratio(
        (opening + sales - closing) * Decimal::ONE_HUNDRED,
        opening + sales - closing_not_due,
    )
}

/// Concentration of AR: the top-1 and top-10 shares and the
/// Herfindahl–Hirschman index (Σ share², × 10,000) of buyers' totals.
///
/// # Example
/// ```
/// use credit_core::kpi::concentration;
/// use credit_core::Decimal;
/// let (top1, top10, hhi) = concentration(&[Decimal::from(50), Decimal::from(50)]).unwrap();
/// assert_eq!((top1, top10, hhi), (Decimal::new(5, 1), Decimal::ONE, Decimal::from(5000)));
/// ```
pub fn concentration(totals: &[Decimal]) -> Option<(Decimal, Decimal, Decimal)> {
    let mut v: Vec<Decimal> = totals
        .iter()
        .copied()
        .filter(|t| *t > Decimal::ZERO)
        .collect();
    let sum: Decimal = v.iter().sum();
    if sum.is_zero() {
        return None;
    }
    crate::sorting::sort_by(&mut v, |a, b| b.cmp(a));
    let top1 = v[0] / sum;
    let top10 = v.iter().take(10).sum::<Decimal>() / sum;
    let mut hhi = Decimal::ZERO;
    for t in &v {
        let s = *t / sum;
        hhi += s * s;
    }
    Some((top1, top10, hhi * Decimal::from(10_000)))
}

/// `as_of` moved back `k` months; from a month's last day, to the last day
/// of the earlier month, so that month-end reports walk calendar months
/// (June 30 → May 31 → April 30).
pub(crate) fn months_back(as_of: NaiveDate, k: u32) -> Option<NaiveDate> {
    let next = as_of.succ_opt()?;
    if next.month() != as_of.month() {
        next.checked_sub_months(Months::new(k))?.pred_opt()
    } else {
        as_of.checked_sub_months(Months::new(k))
    }
}

/// Per-currency accumulation of the sales and payments pass.
struct Pass {
    opening: Vec<Decimal>,
    period_sales: Vec<Decimal>,
    /// `[currency][month]` credit sales of each countback month.
    monthly: Vec<Vec<Decimal>>,
    paid: Vec<Decimal>,
    paid_days: Vec<Decimal>,
}

/// Computes every KPI as of a date.
///
/// # Errors
/// [`KpiError::EmptyPeriod`] for a zero-day period; [`KpiError::Ageing`]
/// when an amount has no exchange rate.
///
/// # Example
/// ```
/// use credit_core::{demo, kpi, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let k = kpi::compute(&p, as_of, &p.settings.kpi).unwrap();
/// assert!(k.dso.unwrap() > k.best_dso.unwrap());
/// ```
pub fn compute(
    portfolio: &Portfolio,
    as_of: NaiveDate,
    settings: &KpiSettings,
) -> Result<Kpis, KpiError> {
    compute_index(&LedgerIndex::new(portfolio), as_of, settings)
}

/// Computes every KPI through a portfolio's [`LedgerIndex`]; same result as
/// [`compute`].
///
/// # Errors
/// As [`compute`].
pub fn compute_index(
    ix: &LedgerIndex,
    as_of: NaiveDate,
    settings: &KpiSettings,
) -> Result<Kpis, KpiError> {
    if settings.period_days == 0 {
        return Err(KpiError::EmptyPeriod);
    }
    let days = settings.period_days;
    let start = as_of - chrono::Days::new(u64::from(days));
    let risk = AgeingSettings {
        basis: AgeBasis::DueDate,
        edges: vec![settings.at_risk_days.max(1)],
        credits: crate::ageing::CreditPlacement::ByDate,
    };
    let closing = age_index(ix, as_of, &risk)?;
    let closing_ar = closing.total.total;
    let not_due_ar = closing.total.buckets[0];
    let at_risk_ar = closing.total.buckets[2];
    let overdue_ar = closing_ar - not_due_ar;

    // Countback month boundaries as day numbers, latest first: month k is
    // (bounds[k+1], bounds[k]].
    let n_months = settings.countback_months.max(1);
    let mut bounds = vec![day(as_of)];
    for k in 1..=n_months {
        match months_back(as_of, k) {
            Some(b) => bounds.push(day(b)),
            None => break,
        }
    }
    let month_days: Vec<u32> = bounds.windows(2).map(|w| (w[0] - w[1]) as u32).collect();
    let (on, from) = (day(as_of), day(start));
    let oldest = *bounds.last().unwrap_or(&on);

    let nc = ix.currencies.len();
    let mut pass = Pass {
        opening: vec![Decimal::ZERO; nc],
        period_sales: vec![Decimal::ZERO; nc],
        monthly: vec![vec![Decimal::ZERO; month_days.len()]; nc],
        paid: vec![Decimal::ZERO; nc],
        paid_days: vec![Decimal::ZERO; nc],
    };
    for r in &ix.rows {
        let opening = if r.issue <= from {
            // Net, as the closing AR: credits open then lower it.
            let open = ix.open_at(r, from);
            (!open.is_zero()).then_some(open)
        } else {
            None
        };
        let in_months = r.issue <= on && r.issue > oldest;
        let pays_in_period = r.last_pay > from;
        if opening.is_none() && !in_months && !pays_in_period {
            continue;
        }
        let slot = r.slot as usize;
        if r.slot == NO_SLOT {
            return Err(MoneyError::NoRate {
                currency: r.currency,
                date: as_of,
            }
            .into());
        }
        if let Some(open) = opening {
            pass.opening[slot] += open;
        }
        if in_months {
            if r.issue > from {
                pass.period_sales[slot] += r.gross;
            }
            let k = bounds.partition_point(|&b| b >= r.issue) - 1;
            pass.monthly[slot][k] += r.gross;
        }
        if pays_in_period {
            for p in ix.pays_of(r) {
                if p.day > from && p.day <= on {
                    pass.paid[slot] += p.amount;
                    let late = p.day - r.due;
                    if late > 0 {
                        pass.paid_days[slot] += p.amount * Decimal::from(late);
                    }
                }
            }
        }
    }
    let mut opening_ar = Decimal::ZERO;
    let mut credit_sales = Decimal::ZERO;
    let mut monthly = vec![Decimal::ZERO; month_days.len()];
    let mut paid = Decimal::ZERO;
    let mut paid_days = Decimal::ZERO;
    for (slot, &c) in ix.currencies.iter().enumerate() {
        let used = !pass.opening[slot].is_zero()
            || !pass.period_sales[slot].is_zero()
            || !pass.paid[slot].is_zero()
            || pass.monthly[slot].iter().any(|m| !m.is_zero());
        if !used {
            continue;
        }
        let rate = ix.fx.rate(c, as_of)?;
        opening_ar += pass.opening[slot] * rate;
        credit_sales += pass.period_sales[slot] * rate;
        for (m, v) in monthly.iter_mut().zip(&pass.monthly[slot]) {
            *m += *v * rate;
        }
        paid += pass.paid[slot] * rate;
        paid_days += pass.paid_days[slot] * rate;
    }

    let dso_v = dso(closing_ar, credit_sales, days);
    let best = dso(not_due_ar, credit_sales, days);
    let add = match (dso_v, best) {
        (Some(a), Some(b)) => Some(a - b),
        _ => None,
    };
    let months: Vec<(Decimal, u32)> = monthly.into_iter().zip(month_days).collect();
    let totals: Vec<Decimal> = closing.customers.iter().map(|c| c.row.total).collect();
    let conc = concentration(&totals);
    let avg_ar = (opening_ar + closing_ar) / Decimal::TWO;
    let annual_sales = ratio(credit_sales * Decimal::from(365), Decimal::from(days));
    Ok(Kpis {
        as_of,
        period_start: start,
        period_days: days,
        currency: ix.fx.base(),
        closing_ar,
        opening_ar,
        credit_sales,
        not_due_ar,
        overdue_ar,
        at_risk_ar,
        dso: dso_v,
        countback_dso: if closing_ar.is_zero() {
            Some(Decimal::ZERO)
        } else {
            countback_dso(closing_ar, &months)
        },
        best_dso: best,
        add,
        cei: cei(opening_ar, credit_sales, closing_ar, not_due_ar),
        avg_payment_delay: ratio(paid_days, paid),
        overdue_ratio: ratio(overdue_ar, closing_ar),
        at_risk_ratio: ratio(at_risk_ar, closing_ar),
        top1_share: conc.map(|c| c.0),
        top10_share: conc.map(|c| c.1),
        hhi: conc.map(|c| c.2),
        turnover: annual_sales.and_then(|s| ratio(s, avg_ar)),
    })
}

/// The `n` buyers with the largest outstanding in an ageing report, largest
/// first (ties by id), each with its share of the total outstanding.
///
/// # Example
/// ```
/// use credit_core::{ageing, demo, kpi, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let r = ageing::age(&p, as_of, &p.settings.ageing).unwrap();
/// let top = kpi::top_exposures(&r, 10);
/// assert_eq!(top.len(), 10);
/// assert!(top[0].0.row.total >= top[1].0.row.total);
/// let k = kpi::compute(&p, as_of, &p.settings.kpi).unwrap();
/// assert_eq!(Some(top[0].1), k.top1_share);
/// ```
pub fn top_exposures(
    report: &AgeingReport,
    n: usize,
) -> Vec<(&crate::ageing::CustomerAgeing, Decimal)> {
    let total = report.total.total;
    let mut v: Vec<_> = report
        .customers
        .iter()
        .filter(|c| c.row.total > Decimal::ZERO)
        .collect();
    crate::sorting::sort_by(&mut v, |a, b| {
        b.row
            .total
            .cmp(&a.row.total)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    v.truncate(n);
    // total > 0 whenever any buyer's total is.
    v.into_iter().map(|c| (c, c.row.total / total)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::invoice::{Invoice, Payment};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn inv(id: &str, c: &str, issue: &str, due: &str, gross: &str, paid: Option<&str>) -> Invoice {
        Invoice {
            kind: Default::default(),
            id: id.into(),
            customer_id: c.into(),
            issue_date: d(issue),
            due_date: d(due),
            currency: Currency::CNY,
            gross: dec(gross),
            vat: None,
            payments: paid
                .map(|p| {
                    vec![Payment {
                        date: d(p),
                        amount: dec(gross),
                    }]
                })
                .unwrap_or_default(),
            dispute: None,
        }
    }

    /// A ledger small enough to compute by hand (see the comments).
    #[test]
    fn hand_computed_small_ledger() {
        let mut p = Portfolio::new("t", Currency::CNY);
        for id in ["A", "B"] {
            p.customers.push(Customer {
                country: "CN".into(),
                ..Customer::new(id, id)
            });
        }
        p.invoices = vec![
            inv("1", "A", "2025-05-15", "2025-06-14", "1000", None), // 16 days overdue
            inv("2", "A", "2025-06-10", "2025-07-10", "2000", None), // not due
            inv(
                "3",
                "B",
                "2025-03-01",
                "2025-03-31",
                "3000",
                Some("2025-04-10"),
            ), // 10 days late
            inv("4", "B", "2025-01-10", "2025-02-09", "500", None),  // 141 days: at risk
            inv(
                "5",
                "A",
                "2025-04-05",
                "2025-05-05",
                "1500",
                Some("2025-05-05"),
            ), // on time
        ];
        let k = compute(&p, d("2025-06-30"), &KpiSettings::default()).unwrap();
        assert_eq!(k.period_start, d("2025-04-01"));
        assert_eq!(k.closing_ar, dec("3500"));
        assert_eq!(k.opening_ar, dec("3500")); // invoices 3 and 4
        assert_eq!(k.credit_sales, dec("4500")); // 1, 2 and 5
        assert_eq!(k.not_due_ar, dec("2000"));
        assert_eq!(k.overdue_ar, dec("1500"));
        assert_eq!(k.at_risk_ar, dec("500"));
        assert_eq!(k.dso, Some(dec("70"))); // 3500 / 4500 × 90
        assert_eq!(k.best_dso, Some(dec("40"))); // 2000 / 4500 × 90
        assert_eq!(k.add, Some(dec("30")));
        assert_eq!(k.cei, Some(dec("75"))); // 4500 / 6000 × 100
                                            // (3000 × 10 + 1500 × 0) / 4500
        assert_eq!(k.avg_payment_delay.unwrap().round_dp(4), dec("6.6667"));
        assert_eq!(k.overdue_ratio.unwrap().round_dp(4), dec("0.4286"));
        assert_eq!(k.at_risk_ratio.unwrap().round_dp(4), dec("0.1429"));
        assert_eq!(k.top1_share.unwrap().round_dp(4), dec("0.8571"));
        assert_eq!(k.top10_share, Some(Decimal::ONE));
        assert_eq!(k.hhi.unwrap().round_dp(2), dec("7551.02"));
        // June 2000 (30 d), May 1000 (31 d), then 500 of April's 1500 (30 d).
        assert_eq!(k.countback_dso, Some(dec("71")));
        // 4500 × 365 / 90 ÷ 3500
        assert_eq!(k.turnover.unwrap().round_dp(4), dec("5.2143"));
    }

    #[test]
    fn empty_portfolio_has_no_ratios_and_no_panic() {
        let p = Portfolio::new("t", Currency::CNY);
        let k = compute(&p, d("2025-06-30"), &KpiSettings::default()).unwrap();
        assert_eq!(k.dso, None);
        assert_eq!(k.countback_dso, Some(Decimal::ZERO));
        assert_eq!(k.top1_share, None);
        assert!(matches!(
            compute(
                &p,
                d("2025-06-30"),
                &KpiSettings {
                    period_days: 0,
                    ..KpiSettings::default()
                }
            ),
            Err(KpiError::EmptyPeriod)
        ));
    }

    #[test]
    fn month_end_walks_calendar_months() {
        assert_eq!(months_back(d("2025-06-30"), 1), Some(d("2025-05-31")));
        assert_eq!(months_back(d("2025-06-30"), 2), Some(d("2025-04-30")));
        assert_eq!(months_back(d("2024-03-31"), 1), Some(d("2024-02-29")));
        assert_eq!(months_back(d("2025-06-15"), 1), Some(d("2025-05-15")));
    }
}
