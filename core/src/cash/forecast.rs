//! The 13-week collections forecast, and how a forecast compared with
//! what came in.
//!
//! Choices where the domain brief is silent:
//!
//! - **Forecast**: weeks are `[as_of + 7k, as_of + 7k + 6]`; 0 weeks asked
//!   counts as 1. Each invoice with a positive open amount as of `as_of`
//!   (credit notes and overpayments are not collections; invoices dated
//!   after `as_of` count, as in the ageing and KPIs) is expected on its due
//!   date plus its buyer's average payment delay, the one of
//!   [`crate::behaviour`] (amount-weighted days late of its payments in the
//!   12 months to `as_of`, early payments counting as 0, so never negative),
//!   rounded half-even to whole days, computed once per buyer in one pass;
//!   a buyer with no payment in those 12 months takes the portfolio's
//!   amount-weighted average over all payments (0 when there are none). It
//!   counts for its open amount in the base currency at the `as_of` rate ×
//!   (1 − the buyer's PD); PDs are clamped to 0–1. Disputed invoices (dispute
//!   raised on or before `as_of`) are left out and totalled apart until the
//!   dispute is settled. An expected date already past falls in the first
//!   week; after the last week it goes to `later`.
//! - **Default PD**: 0.9 %, the middle of the 0.6–1.2 % band of grade 5, the
//!   grade of a buyer never assessed.
//! - **Plans in the forecast**: plans agreed after `as_of` are ignored. For a
//!   plan being kept, its invoices are replaced by its remaining instalments
//!   (what is left of each after the payments so far, on its date),
//!   converted to the base currency at the `as_of` rate and scaled down to
//!   the open amount of its (undisputed) invoices when they come to more —
//!   interest, or payments made outside the plan — because the forecast
//!   counts receivables only; weighted by the PD of the plan's buyer. A
//!   missed plan's invoices are all expected in the first week (their open
//!   amount: its `rest_due` less the interest). A completed plan changes
//!   nothing.
//! - **Scenarios**: *other terms* re-dates invoices not yet due (due after
//!   `as_of`) to their issue date plus the new terms; a *DSO target* shifts
//!   every expected date by round(target − current DSO) days, the KPI's DSO
//!   over 90 days (no shift when it has none), never before the report date.
//! - **Forecast against actual**: the forecast made on an earlier date with
//!   the same options, each week that has ended by `as_of` against the
//!   payments dated in it on the invoices open then, converted at the rate
//!   of the day the forecast was made (disputed invoices included: money
//!   that came in came in).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::index::{day, LedgerIndex, Rates};
use crate::kpi::{compute_index, KpiSettings};
use crate::money::{parse_amount, Currency, MoneyError};
use crate::portfolio::Portfolio;

use super::plan::{plan_paid_rows, state_from_paid};
use super::{Field, FormError, PlanState, SavedPlan, MAX_TERMS_DAYS};

/// A forecast's scenario. In JSON serde's externally tagged form, snake
/// case: `"ledger"`, `{"terms": {"days": 60}}`,
/// `{"dso_target": {"days": "45"}}`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// The ledger as it is.
    Ledger,
    /// Invoices not yet due re-dated to issue + these terms.
    Terms {
        /// Days.
        days: u32,
    },
    /// Every expected date shifted by target − current DSO.
    DsoTarget {
        /// The target DSO in days.
        days: Decimal,
    },
}

/// How a forecast is made.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ForecastOptions {
    /// Weeks from the report date.
    pub weeks: u32,
    /// Annual PD of each buyer with a grade, as a fraction.
    pub pd: HashMap<String, Decimal>,
    /// The PD of buyers without one.
    pub default_pd: Decimal,
    /// Saved payment plans.
    pub plans: Vec<SavedPlan>,
    /// The scenario.
    pub scenario: Scenario,
    /// Invoices under an open promise to pay, by id: expected on the
    /// promised date instead (see [`crate::collections::Book::promised_dates`]).
    #[serde(default)]
    pub promised: BTreeMap<String, NaiveDate>,
}

impl Default for ForecastOptions {
    /// 13 weeks; every buyer at 0.9 % PD, the midpoint of grade 5's band
    /// (0.6–1.2 %), the default grade of a buyer never assessed; no plans;
    /// the ledger as is.
    fn default() -> Self {
        ForecastOptions {
            weeks: 13,
            pd: HashMap::new(),
            default_pd: Decimal::new(9, 3),
            plans: Vec::new(),
            scenario: Scenario::Ledger,
            promised: BTreeMap::new(),
        }
    }
}

/// One week of a forecast.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct WeekForecast {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Expected collections, PD-weighted.
    pub expected: Decimal,
    /// The same before weighting.
    pub gross: Decimal,
    /// Invoices (or plan instalments) expected in it.
    pub invoices: u32,
}

/// A collections forecast.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Forecast {
    /// The report date.
    pub as_of: NaiveDate,
    /// The base currency.
    pub currency: Currency,
    /// Week by week.
    pub weeks: Vec<WeekForecast>,
    /// Open receivables (positive open amounts, disputed included).
    pub open_ar: Decimal,
    /// Expected after the last week, PD-weighted.
    pub later: Decimal,
    /// Σ PD × open of the invoices forecast.
    pub at_risk: Decimal,
    /// Open and disputed: left out.
    pub disputed: Decimal,
    /// Open amount of invoices under a plan being kept.
    pub on_plans: Decimal,
}

/// Amount-weighted average days late of each buyer's payments in the 12
/// months to `on` (early counts as 0), and of all of them.
fn delays(
    ix: &LedgerIndex,
    as_of: NaiveDate,
    rates: &mut Rates,
) -> Result<(Vec<Option<i64>>, i64), MoneyError> {
    let on = day(as_of);
    let from = as_of
        .checked_sub_months(Months::new(12))
        .map_or(i32::MIN, day);
    let n = ix.customer_ids.len();
    let mut amt = vec![Decimal::ZERO; n];
    let mut days = vec![Decimal::ZERO; n];
    for r in &ix.rows {
        let pays = ix.pays_of(r);
        if pays.iter().all(|p| p.day > on || p.day <= from) {
            continue;
        }
        let rate = rates.row(r)?;
        for p in pays.iter().filter(|p| p.day <= on && p.day > from) {
            let a = p.amount * rate;
            amt[r.customer as usize] += a;
            days[r.customer as usize] += a * Decimal::from((p.day - r.due).max(0));
        }
    }
    let whole = |d: Decimal| d.round().try_into().unwrap_or(0i64);
    let total_amt: Decimal = amt.iter().sum();
    let total_days: Decimal = days.iter().sum();
    let all = if total_amt > Decimal::ZERO {
        whole(total_days / total_amt)
    } else {
        0
    };
    let per = amt
        .iter()
        .zip(&days)
        .map(|(a, d)| (*a > Decimal::ZERO).then(|| whole(*d / *a)))
        .collect();
    Ok((per, all))
}

/// What a forecast does with a plan's invoices.
enum PlanUse {
    /// A plan being kept: its invoices are expected on these remaining
    /// `(day, amount in the plan's currency)` instalments instead.
    Instalments(Vec<(i32, Decimal)>),
    /// A missed plan: its invoices are all expected now.
    Now,
}

/// The collections forecast as of a date (see the module docs).
///
/// `ix` must be the index of `p` (its rows in the order of `p.invoices`):
/// the portfolio is read only to find the saved plans' invoices by id,
/// which the index does not keep, and only when there are plans.
///
/// # Errors
/// [`MoneyError::NoRate`] for a currency without a rate.
///
/// # Example
/// One invoice of 900, already overdue, its buyer at no risk: all of it is
/// expected in the first week.
/// ```
/// use credit_core::cash::{forecast, ForecastOptions};
/// use credit_core::index::LedgerIndex;
/// # use credit_core::{invoice::{Invoice, Payment}, money::Currency, portfolio::Portfolio, Decimal, NaiveDate};
/// # let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// # let mut p = Portfolio::new("demo", Currency::CNY);
/// # p.invoices = vec![Invoice { kind: Default::default(), id: "I1".into(), customer_id: "A".into(),
/// #     issue_date: d(1, 1), due_date: d(1, 31), currency: Currency::CNY, gross: Decimal::from(900),
/// #     vat: None, payments: vec![], dispute: None }];
/// let opts = ForecastOptions { default_pd: Decimal::ZERO, ..ForecastOptions::default() };
/// let f = forecast(&p, &LedgerIndex::new(&p), d(3, 1), &opts).unwrap();
/// assert_eq!((f.weeks.len(), f.weeks[0].expected, f.open_ar), (13, Decimal::from(900), Decimal::from(900)));
/// ```
pub fn forecast(
    p: &Portfolio,
    ix: &LedgerIndex,
    as_of: NaiveDate,
    opts: &ForecastOptions,
) -> Result<Forecast, MoneyError> {
    let on = day(as_of);
    let n_weeks = opts.weeks.max(1);
    let mut rates = Rates::new(ix, as_of);
    let (delay, all_delay) = delays(ix, as_of, &mut rates)?;
    let shift: i64 = match &opts.scenario {
        Scenario::DsoTarget { days } => compute_index(ix, as_of, &KpiSettings::default())
            .ok()
            .and_then(|k| k.dso)
            .map_or(0, |d| (*days - d).round().try_into().unwrap_or(0)),
        _ => 0,
    };
    let clamp_pd = |x: Decimal| x.max(Decimal::ZERO).min(Decimal::ONE);
    let pd_of: Vec<Decimal> = ix
        .customer_ids
        .iter()
        .map(|id| clamp_pd(opts.pd.get(id).copied().unwrap_or(opts.default_pd)))
        .collect();
    // Plans: which rows they cover and how they are expected, each plan's
    // state worked out once from its own rows.
    let mut plan_of_row: HashMap<usize, usize> = HashMap::new();
    // (the plan, how its invoices are expected)
    let mut uses: Vec<(&SavedPlan, PlanUse)> = Vec::new();
    let active: Vec<&SavedPlan> = opts
        .plans
        .iter()
        .filter(|s| s.input.start <= as_of)
        .collect();
    if !active.is_empty() {
        let wanted: HashSet<&str> = active
            .iter()
            .flat_map(|s| s.invoice_ids.iter().map(String::as_str))
            .collect();
        let mut row_of: HashMap<&str, usize> = HashMap::new();
        for (k, inv) in p.invoices.iter().enumerate().take(ix.rows.len()) {
            if wanted.contains(inv.id.as_str()) {
                row_of.insert(inv.id.as_str(), k);
            }
        }
        for s in active {
            let rows: Vec<usize> = s
                .invoice_ids
                .iter()
                .filter_map(|id| row_of.get(id.as_str()).copied())
                .collect();
            let paid = plan_paid_rows(s, ix, &rows, as_of, &mut rates)?;
            let use_ = match state_from_paid(s, paid, as_of) {
                PlanState::OnTrack { paid, .. } => {
                    let mut left = paid;
                    let mut v = Vec::new();
                    for i in &s.plan.instalments {
                        let covered = left.min(i.amount);
                        left -= covered;
                        if i.amount > covered {
                            v.push((day(i.date), i.amount - covered));
                        }
                    }
                    PlanUse::Instalments(v)
                }
                PlanState::Missed { .. } => PlanUse::Now,
                PlanState::Completed { .. } => continue,
            };
            let k = uses.len();
            uses.push((s, use_));
            for r in rows {
                plan_of_row.insert(r, k);
            }
        }
    }
    // Promised invoices: their row and promised day.
    let mut promised_row: BTreeMap<usize, i32> = BTreeMap::new();
    if !opts.promised.is_empty() {
        for (k, inv) in p.invoices.iter().enumerate().take(ix.rows.len()) {
            if let Some(d) = opts.promised.get(&inv.id) {
                promised_row.insert(k, day(*d));
            }
        }
    }
    let mut weeks: Vec<WeekForecast> = (0..n_weeks)
        .map(|k| {
            let start = as_of + Days::new(7 * u64::from(k));
            WeekForecast {
                start,
                end: start + Days::new(6),
                expected: Decimal::ZERO,
                gross: Decimal::ZERO,
                invoices: 0,
            }
        })
        .collect();
    let mut f = Forecast {
        as_of,
        currency: ix.fx.base(),
        weeks: Vec::new(),
        open_ar: Decimal::ZERO,
        later: Decimal::ZERO,
        at_risk: Decimal::ZERO,
        disputed: Decimal::ZERO,
        on_plans: Decimal::ZERO,
    };
    let put = |f: &mut Forecast,
               weeks: &mut [WeekForecast],
               expected_day: i64,
               amount: Decimal,
               pd: Decimal| {
        let k = (expected_day - i64::from(on)).max(0) / 7;
        let w = amount * (Decimal::ONE - pd);
        f.at_risk += amount * pd;
        match weeks.get_mut(k as usize) {
            Some(wk) => {
                wk.expected += w;
                wk.gross += amount;
                wk.invoices += 1;
            }
            None => f.later += w,
        }
    };
    // Open amount of each plan's invoices, to cap its instalments.
    let mut plan_open = vec![Decimal::ZERO; uses.len()];
    for (k, r) in ix.rows.iter().enumerate() {
        let open = ix.open_at(r, on);
        if open <= Decimal::ZERO {
            continue;
        }
        let amount = open * rates.row(r)?;
        f.open_ar += amount;
        if r.disputed_from <= on {
            f.disputed += amount;
            continue;
        }
        let pd = pd_of[r.customer as usize];
        let on_plan = if plan_of_row.is_empty() {
            None
        } else {
            plan_of_row.get(&k)
        };
        if let Some(&u) = on_plan {
            match &uses[u].1 {
                PlanUse::Instalments(..) => {
                    f.on_plans += amount;
                    plan_open[u] += amount;
                }
                PlanUse::Now => put(&mut f, &mut weeks, i64::from(on), amount, pd),
            }
            continue;
        }
        if let Some(d) = promised_row.get(&k) {
            put(
                &mut f,
                &mut weeks,
                i64::from(*d).max(i64::from(on)),
                amount,
                pd,
            );
            continue;
        }
        let mut due = i64::from(r.due);
        if let Scenario::Terms { days } = opts.scenario {
            if r.due > on {
                due = i64::from(r.issue) + i64::from(days);
            }
        }
        let d = delay[r.customer as usize].unwrap_or(all_delay);
        let expected = (due + d + shift).max(i64::from(on));
        put(&mut f, &mut weeks, expected, amount, pd);
    }
    // The kept plans' remaining instalments in the base currency, scaled
    // down to their invoices' open amount when more (interest, or invoices
    // paid outside the plan), PD-weighted by their buyer's.
    let pos: HashMap<&str, usize> = ix
        .customer_ids
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    for ((s, use_), open) in uses.iter().zip(plan_open) {
        let PlanUse::Instalments(v) = use_ else {
            continue;
        };
        let rate = if s.input.currency == f.currency {
            Decimal::ONE
        } else {
            ix.fx.rate(s.input.currency, as_of)?
        };
        let remaining: Decimal = v.iter().map(|x| x.1).sum::<Decimal>() * rate;
        let pd = pos
            .get(s.customer_id.as_str())
            .map_or(clamp_pd(opts.default_pd), |&c| pd_of[c]);
        if remaining > open {
            // Scaled to the open amount exactly: the last takes what the
            // others' (inexact) quotients leave.
            let mut left = open;
            for (k, (d, a)) in v.iter().enumerate() {
                let x = if k + 1 == v.len() {
                    left
                } else {
                    (*a * rate * open / remaining).min(left)
                };
                left -= x;
                put(&mut f, &mut weeks, i64::from(*d), x, pd);
            }
        } else {
            for (d, a) in v {
                put(&mut f, &mut weeks, i64::from(*d), *a * rate, pd);
            }
        }
    }
    f.weeks = weeks;
    Ok(f)
}

/// One past week: what was forecast and what came in.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct WeekActual {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Forecast on `made_on`.
    pub forecast: Decimal,
    /// Received in the week on the invoices open on `made_on`.
    pub actual: Decimal,
}

/// The weeks of the forecast made on `made_on` that ended by `as_of`, each
/// with the payments actually received in it (on the invoices open on
/// `made_on`, converted at its rate).
///
/// # Errors
/// [`MoneyError::NoRate`].
///
/// # Example
/// Forecast on 1 March: 900 in the first week; it came in on 3 March.
/// ```
/// use credit_core::cash::{forecast_vs_actual, ForecastOptions};
/// use credit_core::index::LedgerIndex;
/// # use credit_core::{invoice::{Invoice, Payment}, money::Currency, portfolio::Portfolio, Decimal, NaiveDate};
/// # let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// # let mut p = Portfolio::new("demo", Currency::CNY);
/// # p.invoices = vec![Invoice { kind: Default::default(), id: "I1".into(), customer_id: "A".into(),
/// #     issue_date: d(1, 1), due_date: d(1, 31), currency: Currency::CNY, gross: Decimal::from(900),
/// #     vat: None, payments: vec![Payment { date: d(3, 3), amount: Decimal::from(900) }], dispute: None }];
/// let opts = ForecastOptions { default_pd: Decimal::ZERO, ..ForecastOptions::default() };
/// let v = forecast_vs_actual(&p, &LedgerIndex::new(&p), d(3, 1), d(3, 8), &opts).unwrap();
/// assert_eq!(v.len(), 1);
/// assert_eq!((v[0].forecast, v[0].actual), (Decimal::from(900), Decimal::from(900)));
/// ```
pub fn forecast_vs_actual(
    p: &Portfolio,
    ix: &LedgerIndex,
    made_on: NaiveDate,
    as_of: NaiveDate,
    opts: &ForecastOptions,
) -> Result<Vec<WeekActual>, MoneyError> {
    let f = forecast(p, ix, made_on, opts)?;
    let done: Vec<&WeekForecast> = f.weeks.iter().filter(|w| w.end <= as_of).collect();
    if done.is_empty() {
        return Ok(Vec::new());
    }
    let m = day(made_on);
    let first = day(done[0].start);
    let last = day(done[done.len() - 1].end);
    let mut actual = vec![Decimal::ZERO; done.len()];
    let mut rates = Rates::new(ix, made_on);
    for r in &ix.rows {
        if ix.open_at(r, m) <= Decimal::ZERO {
            continue;
        }
        let pays: Vec<_> = ix
            .pays_of(r)
            .iter()
            .filter(|x| x.day >= first && x.day <= last)
            .collect();
        if pays.is_empty() {
            continue;
        }
        let rate = rates.row(r)?;
        for x in pays {
            let k = ((x.day - first) / 7) as usize;
            if let Some(a) = actual.get_mut(k) {
                *a += x.amount * rate;
            }
        }
    }
    Ok(done
        .iter()
        .zip(actual)
        .map(|(w, a)| WeekActual {
            start: w.start,
            end: w.end,
            forecast: w.expected,
            actual: a,
        })
        .collect())
}

/// A DSO target as typed in the scenario's days: an amount of days from 0
/// to [`MAX_TERMS_DAYS`], decimals and thousands separators allowed.
///
/// # Errors
/// [`FormError::DaysOutOfRange`] (field [`Field::ScenarioDays`]) for
/// anything else.
///
/// # Example
/// ```
/// use credit_core::cash::{parse_dso_target, FormError};
/// use credit_core::Decimal;
/// assert_eq!(parse_dso_target("45.5"), Ok(Decimal::new(455, 1)));
/// assert!(matches!(parse_dso_target("-1"), Err(FormError::DaysOutOfRange { max: 365, .. })));
/// ```
pub fn parse_dso_target(text: &str) -> Result<Decimal, FormError> {
    parse_amount(text, false)
        .ok()
        .filter(|d| *d <= Decimal::from(MAX_TERMS_DAYS))
        .ok_or_else(|| FormError::DaysOutOfRange {
            field: Field::ScenarioDays,
            value: text.to_string(),
            max: MAX_TERMS_DAYS,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_in_json() {
        let s = Scenario::DsoTarget {
            days: Decimal::from(45),
        };
        let j = serde_json::to_string(&s).unwrap();
        assert_eq!(j, r#"{"dso_target":{"days":"45"}}"#);
        assert_eq!(serde_json::from_str::<Scenario>(&j).unwrap(), s);
        assert_eq!(
            serde_json::to_string(&Scenario::Terms { days: 60 }).unwrap(),
            r#"{"terms":{"days":60}}"#
        );
        assert_eq!(
            serde_json::to_string(&Scenario::Ledger).unwrap(),
            r#""ledger""#
        );
    }
}
