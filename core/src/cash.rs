//! Terms and cash: what an early-payment discount costs, the DSO and cash
//! effect of other terms, payment plans for an overdue balance, the 13-week
//! collections forecast (and how it compared with what came in), and
//! working capital. Amounts are in the portfolio's base currency, converted
//! at the report date's rate; nothing here reads a clock.
//!
//! Choices where the domain brief is silent:
//!
//! - **Discount cost** is computed with exact decimal arithmetic; the
//!   effective rate's fractional power uses `exp(y·ln x)` by series to 28
//!   digits (no floating point).
//! - **Payment plans**: equal principal, each instalment's principal cut to
//!   the currency's minor unit and the remainder on the last (so 1,000.00 in
//!   3 is 333.33 / 333.33 / 333.34, and no instalment is ever negative);
//!   interest simple, actual/365, on the principal still owed since the
//!   previous date (the agreement date for the first), each rounded half-even
//!   to the minor unit; monthly dates are counted from the first date (31
//!   January → 28/29 February → 31 March), never from the previous one. At
//!   most [`MAX_INSTALMENTS`].
//! - **A plan's state**: payments on its invoices dated from its agreement
//!   date are set against the instalments in order; an instalment counts as
//!   missed [`PLAN_GRACE_DAYS`] after its date. A missed instalment makes the
//!   whole rest due at once, and dunning resumes.
//! - **Forecast**: each open invoice (positive open amount; credit notes
//!   are not collections) is expected on its due date plus its buyer's
//!   average payment delay (amount-weighted days late of its payments in the
//!   last 12 months, early payments counting as 0, rounded to whole days;
//!   the portfolio's average over all payments when the buyer has none),
//!   weighted by 1 − the buyer's PD. Disputed invoices are left out until
//!   the dispute is settled. An expected date already past falls in the
//!   first week. Buyers on a plan being kept are expected on its remaining
//!   instalments, scaled down to the open amount of its invoices when the
//!   plan adds interest (the forecast counts receivables only); a missed
//!   plan's invoices are all expected in the first week.
//! - **Scenarios**: *other terms* re-dates invoices not yet due to their
//!   issue date plus the new terms; a *DSO target* shifts every expected
//!   date by the difference between the target and the current DSO (the
//!   KPI's, over 90 days), never before the report date.
//! - **Forecast against actual**: the forecast made on an earlier date with
//!   the same options, each week that has ended since against the payments
//!   received in it on the invoices open then (disputed ones included:
//!   money that came in came in).

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::index::{day, LedgerIndex, Rates};
use crate::invoice::Payment;
use crate::kpi::{compute_index, KpiSettings};
use crate::money::{Currency, MoneyError};
use crate::portfolio::Portfolio;

/// The most instalments a plan may have.
pub const MAX_INSTALMENTS: u32 = 120;
/// Days after an instalment's date before it counts as missed.
pub const PLAN_GRACE_DAYS: i64 = 5;

/// What is wrong with a discount or a plan, naming the field and value.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CashError {
    /// Not "d/D/N".
    #[error("'{text}' is not a discount: write it as 2/10/30 or 2/10 net 30 (discount %, discount days, net days)")]
    BadDiscount {
        /// What was given.
        text: String,
    },
    /// The net days are not after the discount days.
    #[error("the net days ({net}) must be more than the discount days ({discount})")]
    NetNotAfterDiscount {
        /// Discount days.
        discount: u32,
        /// Net days.
        net: u32,
    },
    /// The discount is not between 0 and 100 %.
    #[error("the discount {percent} % must be more than 0 and less than 100")]
    RateOutOfRange {
        /// The percentage given.
        percent: Decimal,
    },
    /// A plan of no instalment.
    #[error("a plan needs at least one instalment")]
    NoInstalments,
    /// Too many instalments.
    #[error("{n} instalments: at most {MAX_INSTALMENTS}")]
    TooManyInstalments {
        /// How many were asked.
        n: u32,
    },
    /// A negative balance.
    #[error("the balance {balance} must not be negative")]
    NegativeBalance {
        /// The balance given.
        balance: Decimal,
    },
    /// A negative interest rate.
    #[error("the interest rate {rate} must not be negative")]
    NegativeRate {
        /// The rate given.
        rate: Decimal,
    },
    /// The first instalment before the agreement.
    #[error("the first instalment ({first}) is before the plan is agreed ({start})")]
    FirstBeforeStart {
        /// First instalment date.
        first: NaiveDate,
        /// Agreement date.
        start: NaiveDate,
    },
    /// A date beyond the calendar.
    #[error("the instalment dates run past the calendar")]
    DateOverflow,
}

/// An early-payment discount "d/D net N".
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Discount {
    /// The discount as a fraction (0.02 for 2 %).
    pub rate: Decimal,
    /// Days within which it may be taken.
    pub discount_days: u32,
    /// Days within which the full amount is due.
    pub net_days: u32,
}

impl FromStr for Discount {
    type Err = CashError;

    /// Reads "2/10/30", "2/10 net 30", "2/10 n30", "2%/10/30" or
    /// "1.5/10/45".
    ///
    /// # Example
    /// ```
    /// use credit_core::cash::Discount;
    /// use credit_core::Decimal;
    /// let d: Discount = "2/10 net 30".parse().unwrap();
    /// assert_eq!((d.rate, d.discount_days, d.net_days), (Decimal::new(2, 2), 10, 30));
    /// ```
    fn from_str(text: &str) -> Result<Self, CashError> {
        let bad = || CashError::BadDiscount {
            text: text.to_string(),
        };
        let t = text
            .to_ascii_lowercase()
            .replace('%', " ")
            .replace("net", "/");
        let parts: Vec<&str> = t
            .split(|c: char| c == '/' || c.is_whitespace() || c == 'n')
            .filter(|p| !p.is_empty())
            .collect();
        let [d, dd, nn] = parts.as_slice() else {
            return Err(bad());
        };
        let percent = Decimal::from_str(d).map_err(|_| bad())?;
        let discount_days: u32 = dd.parse().map_err(|_| bad())?;
        let net_days: u32 = nn.parse().map_err(|_| bad())?;
        if percent <= Decimal::ZERO || percent >= Decimal::ONE_HUNDRED {
            return Err(CashError::RateOutOfRange { percent });
        }
        Ok(Discount {
            rate: percent / Decimal::ONE_HUNDRED,
            discount_days,
            net_days,
        })
    }
}

/// The annual cost of skipping a discount.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct DiscountCost {
    /// d/(1−d) × 365/(N−D), a fraction.
    pub simple: Decimal,
    /// (1 + d/(1−d))^(365/(N−D)) − 1, a fraction.
    pub effective: Decimal,
}

/// ln(x) for x > 0, by the series of atanh after halving into [0.5, 2].
fn ln(x: Decimal) -> Decimal {
    let two = Decimal::TWO;
    let mut x = x;
    let mut k = 0i64;
    while x > two {
        x /= two;
        k += 1;
    }
    while x < Decimal::new(5, 1) {
        x *= two;
        k -= 1;
    }
    let z = (x - Decimal::ONE) / (x + Decimal::ONE);
    let z2 = z * z;
    let mut term = z;
    let mut sum = Decimal::ZERO;
    for n in 0..60 {
        let t = term / Decimal::from(2 * n + 1);
        if t.is_zero() {
            break;
        }
        sum += t;
        term *= z2;
    }
    // ln 2 to 28 digits.
    let ln2 = Decimal::from_str("0.6931471805599453094172321215").unwrap_or_default();
    two * sum + Decimal::from(k) * ln2
}

/// exp(x) by its series after halving x below 1/8.
fn exp(x: Decimal) -> Decimal {
    let mut x = x;
    let mut halvings = 0;
    while x.abs() > Decimal::new(125, 3) {
        x /= Decimal::TWO;
        halvings += 1;
    }
    let mut sum = Decimal::ONE;
    let mut term = Decimal::ONE;
    for n in 1..40 {
        term = term * x / Decimal::from(n);
        if term.is_zero() {
            break;
        }
        sum += term;
    }
    for _ in 0..halvings {
        sum *= sum;
    }
    sum
}

/// The cost of skipping an early-payment discount.
///
/// # Errors
/// [`CashError::NetNotAfterDiscount`] or [`CashError::RateOutOfRange`].
///
/// # Example
/// ```
/// use credit_core::cash::{discount_cost, Discount};
/// use credit_core::Decimal;
/// let c = discount_cost(&"2/10/30".parse::<Discount>().unwrap()).unwrap();
/// assert_eq!((c.simple * Decimal::ONE_HUNDRED).round_dp(1), Decimal::new(372, 1));
/// assert_eq!((c.effective * Decimal::ONE_HUNDRED).round_dp(1), Decimal::new(446, 1));
/// ```
pub fn discount_cost(d: &Discount) -> Result<DiscountCost, CashError> {
    if d.rate <= Decimal::ZERO || d.rate >= Decimal::ONE {
        return Err(CashError::RateOutOfRange {
            percent: d.rate * Decimal::ONE_HUNDRED,
        });
    }
    if d.net_days <= d.discount_days {
        return Err(CashError::NetNotAfterDiscount {
            discount: d.discount_days,
            net: d.net_days,
        });
    }
    let r = d.rate / (Decimal::ONE - d.rate);
    let periods = Decimal::from(365) / Decimal::from(d.net_days - d.discount_days);
    Ok(DiscountCost {
        simple: r * periods,
        effective: exp(periods * ln(Decimal::ONE + r)) - Decimal::ONE,
    })
}

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
        if r.issue > on {
            continue;
        }
        let open = ix.open_at(r, on);
        let in_period = r.issue > from;
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
    let before = (!sales.is_zero()).then(|| ar / sales * days);
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

/// How often instalments fall due.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every 7 days.
    Weekly,
    /// Every 14 days.
    Fortnightly,
    /// Every calendar month, counted from the first date.
    Monthly,
}

/// What a payment plan is built from.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PlanInput {
    /// The overdue balance.
    pub balance: Decimal,
    /// Its currency.
    pub currency: Currency,
    /// Number of instalments.
    pub count: u32,
    /// How often.
    pub frequency: Frequency,
    /// The first instalment's date.
    pub first: NaiveDate,
    /// Annual interest as a fraction (0 for none).
    pub annual_rate: Decimal,
    /// The day the plan is agreed; interest runs from it.
    pub start: NaiveDate,
}

/// One instalment.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Instalment {
    /// 1-based.
    pub number: u32,
    /// Due on.
    pub date: NaiveDate,
    /// Principal.
    pub principal: Decimal,
    /// Interest.
    pub interest: Decimal,
    /// Principal + interest.
    pub amount: Decimal,
}

/// A payment plan's schedule.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Plan {
    /// The instalments, in order.
    pub instalments: Vec<Instalment>,
    /// Σ interest.
    pub interest: Decimal,
    /// Balance + interest = Σ amounts, exactly.
    pub total: Decimal,
}

fn instalment_date(first: NaiveDate, f: Frequency, k: u32) -> Option<NaiveDate> {
    match f {
        Frequency::Weekly => first.checked_add_days(Days::new(7 * u64::from(k))),
        Frequency::Fortnightly => first.checked_add_days(Days::new(14 * u64::from(k))),
        Frequency::Monthly => first.checked_add_months(Months::new(k)),
    }
}

/// The schedule of a payment plan (see the module docs for the rules).
///
/// # Errors
/// [`CashError`] naming what is wrong with the input.
///
/// # Example
/// ```
/// use credit_core::cash::{payment_plan, Frequency, PlanInput};
/// use credit_core::{money::Currency, Decimal, NaiveDate};
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let plan = payment_plan(&PlanInput {
///     balance: Decimal::new(100000, 2), currency: Currency::CNY, count: 3,
///     frequency: Frequency::Monthly, first: d(2, 1), annual_rate: Decimal::ZERO, start: d(1, 1),
/// }).unwrap();
/// let amounts: Vec<String> = plan.instalments.iter().map(|i| i.amount.to_string()).collect();
/// assert_eq!(amounts, ["333.33", "333.33", "333.34"]);
/// ```
pub fn payment_plan(input: &PlanInput) -> Result<Plan, CashError> {
    let n = input.count;
    if n == 0 {
        return Err(CashError::NoInstalments);
    }
    if n > MAX_INSTALMENTS {
        return Err(CashError::TooManyInstalments { n });
    }
    if input.balance < Decimal::ZERO {
        return Err(CashError::NegativeBalance {
            balance: input.balance,
        });
    }
    if input.annual_rate < Decimal::ZERO {
        return Err(CashError::NegativeRate {
            rate: input.annual_rate,
        });
    }
    if input.first < input.start {
        return Err(CashError::FirstBeforeStart {
            first: input.first,
            start: input.start,
        });
    }
    let dp = input.currency.minor_units();
    let balance = input
        .balance
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven);
    let base = (balance / Decimal::from(n)).round_dp_with_strategy(dp, RoundingStrategy::ToZero);
    let mut owed = balance;
    let mut prev = input.start;
    let mut out = Vec::with_capacity(n as usize);
    for k in 0..n {
        let date =
            instalment_date(input.first, input.frequency, k).ok_or(CashError::DateOverflow)?;
        let principal = if k + 1 == n { owed } else { base };
        let days = Decimal::from((date - prev).num_days().max(0));
        let interest = (owed * input.annual_rate * days / Decimal::from(365))
            .round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven);
        out.push(Instalment {
            number: k + 1,
            date,
            principal,
            interest,
            amount: principal + interest,
        });
        owed -= principal;
        prev = date;
    }
    let interest: Decimal = out.iter().map(|i| i.interest).sum();
    Ok(Plan {
        instalments: out,
        interest,
        total: balance + interest,
    })
}

/// A plan agreed with a buyer, kept with the portfolio.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SavedPlan {
    /// Its id.
    pub id: String,
    /// The buyer.
    pub customer_id: String,
    /// The invoices it settles.
    pub invoice_ids: Vec<String>,
    /// What it was built from.
    pub input: PlanInput,
    /// Its schedule.
    pub plan: Plan,
    /// The user's note.
    pub note: String,
}

/// Where a plan stands as of a date.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Every instalment due so far is paid.
    OnTrack {
        /// Paid since the agreement.
        paid: Decimal,
        /// The next instalment not yet fully paid.
        next: Option<Instalment>,
    },
    /// An instalment was missed: the rest falls due at once and dunning
    /// resumes.
    Missed {
        /// Which one.
        instalment: u32,
        /// Its date.
        due: NaiveDate,
        /// What was short of the instalments due by then.
        shortfall: Decimal,
        /// Everything still owed under the plan.
        rest_due: Decimal,
    },
    /// Paid in full.
    Completed {
        /// Paid since the agreement.
        paid: Decimal,
    },
}

/// What was paid on a plan's invoices from its agreement date to `as_of`,
/// in the plan's currency (converted at the `as_of` rate when an invoice is
/// in another).
///
/// # Errors
/// [`MoneyError::NoRate`].
pub fn plan_paid(plan: &SavedPlan, p: &Portfolio, as_of: NaiveDate) -> Result<Decimal, MoneyError> {
    let ids: HashSet<&str> = plan.invoice_ids.iter().map(String::as_str).collect();
    let mut paid = Decimal::ZERO;
    for inv in p.invoices.iter().filter(|i| ids.contains(i.id.as_str())) {
        let sum: Decimal = inv
            .payments
            .iter()
            .filter(|x: &&Payment| x.date >= plan.input.start && x.date <= as_of)
            .map(|x| x.amount)
            .sum();
        if sum.is_zero() {
            continue;
        }
        let rate = if inv.currency == plan.input.currency {
            Decimal::ONE
        } else {
            p.fx.rate(inv.currency, as_of)? / p.fx.rate(plan.input.currency, as_of)?
        };
        paid += sum * rate;
    }
    Ok(paid)
}

/// Where a plan stands as of a date (see the module docs).
///
/// # Errors
/// [`MoneyError::NoRate`].
pub fn plan_state(
    plan: &SavedPlan,
    p: &Portfolio,
    as_of: NaiveDate,
) -> Result<PlanState, MoneyError> {
    let paid = plan_paid(plan, p, as_of)?;
    if paid >= plan.plan.total {
        return Ok(PlanState::Completed { paid });
    }
    let mut cumulative = Decimal::ZERO;
    for i in &plan.plan.instalments {
        cumulative += i.amount;
        let late = (as_of - i.date).num_days() > PLAN_GRACE_DAYS;
        if late && paid < cumulative {
            return Ok(PlanState::Missed {
                instalment: i.number,
                due: i.date,
                shortfall: cumulative - paid,
                rest_due: plan.plan.total - paid,
            });
        }
        if paid < cumulative {
            return Ok(PlanState::OnTrack {
                paid,
                next: Some(i.clone()),
            });
        }
    }
    Ok(PlanState::OnTrack { paid, next: None })
}

/// A forecast's scenario.
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
}

impl Default for ForecastOptions {
    /// 13 weeks; every buyer at 0.9 % PD, the middle of the band of grade
    /// 5, the grade of a buyer never assessed; no plans; the ledger as is.
    fn default() -> Self {
        ForecastOptions {
            weeks: 13,
            pd: HashMap::new(),
            default_pd: Decimal::new(9, 3),
            plans: Vec::new(),
            scenario: Scenario::Ledger,
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
    /// Expected on these (date, amount) instalments instead.
    Instalments(Vec<(i32, Decimal)>, Decimal),
    /// All expected now.
    Now,
}

/// The collections forecast as of a date (see the module docs).
///
/// # Errors
/// [`MoneyError::NoRate`] for a currency without a rate.
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
    let pd_of: Vec<Decimal> = ix
        .customer_ids
        .iter()
        .map(|id| opts.pd.get(id).copied().unwrap_or(opts.default_pd))
        .collect();
    // Plans: which rows they cover and how they are expected.
    let mut plan_of_row: HashMap<usize, usize> = HashMap::new();
    let mut uses: Vec<PlanUse> = Vec::new();
    if !opts.plans.is_empty() {
        let mut row_of: HashMap<&str, usize> = HashMap::new();
        let wanted: HashSet<&str> = opts
            .plans
            .iter()
            .flat_map(|s| s.invoice_ids.iter().map(String::as_str))
            .collect();
        for (k, inv) in p.invoices.iter().enumerate() {
            if wanted.contains(inv.id.as_str()) {
                row_of.insert(inv.id.as_str(), k);
            }
        }
        for s in opts.plans.iter().filter(|s| s.input.start <= as_of) {
            let use_ = match plan_state(s, p, as_of)? {
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
                    let remaining: Decimal = v.iter().map(|x| x.1).sum();
                    PlanUse::Instalments(v, remaining)
                }
                PlanState::Missed { .. } => PlanUse::Now,
                PlanState::Completed { .. } => continue,
            };
            let k = uses.len();
            uses.push(use_);
            for id in &s.invoice_ids {
                if let Some(&r) = row_of.get(id.as_str()) {
                    plan_of_row.insert(r, k);
                }
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
    // Open amount of each plan's invoices, to scale its instalments.
    let mut plan_open = vec![Decimal::ZERO; uses.len()];
    for (k, r) in ix.rows.iter().enumerate() {
        if r.issue > on {
            continue;
        }
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
        if let Some(&u) = plan_of_row.get(&k) {
            match &uses[u] {
                PlanUse::Instalments(..) => {
                    f.on_plans += amount;
                    plan_open[u] += amount;
                }
                PlanUse::Now => put(&mut f, &mut weeks, i64::from(on), amount, pd),
            }
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
    // The plans' remaining instalments, no more than their invoices' open
    // amount, PD-weighted by their buyer's.
    let pos: HashMap<&str, usize> = ix
        .customer_ids
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut u = 0;
    for s in opts.plans.iter().filter(|s| s.input.start <= as_of) {
        if matches!(plan_state(s, p, as_of)?, PlanState::Completed { .. }) {
            continue;
        }
        if let PlanUse::Instalments(v, remaining) = &uses[u] {
            let scale = if *remaining > plan_open[u] && *remaining > Decimal::ZERO {
                plan_open[u] / *remaining
            } else {
                Decimal::ONE
            };
            let rate = if s.input.currency == f.currency {
                Decimal::ONE
            } else {
                ix.fx.rate(s.input.currency, as_of)?
            };
            let pd = pos
                .get(s.customer_id.as_str())
                .map_or(opts.default_pd, |&c| pd_of[c]);
            for (d, a) in v {
                put(&mut f, &mut weeks, i64::from(*d), *a * scale * rate, pd);
            }
        }
        u += 1;
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
        if r.issue > m || ix.open_at(r, m) <= Decimal::ZERO {
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

/// What working capital is computed from: the ledger's receivables and
/// credit sales, and what the user types in.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct WcInput {
    /// Trade receivables.
    pub receivables: Decimal,
    /// Credit sales over the period.
    pub credit_sales: Decimal,
    /// The period's days.
    pub period_days: u32,
    /// Inventory.
    pub inventory: Decimal,
    /// Trade payables.
    pub payables: Decimal,
    /// Cost of sales over the same period.
    pub cost_of_sales: Decimal,
    /// Cash.
    pub cash: Decimal,
    /// Current liabilities.
    pub current_liabilities: Decimal,
}

/// Working capital figures.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct WorkingCapital {
    /// Receivables + inventory − payables.
    pub wcr: Decimal,
    /// Receivables ÷ credit sales × days.
    pub dso: Option<Decimal>,
    /// Inventory ÷ cost of sales × days.
    pub dio: Option<Decimal>,
    /// Payables ÷ cost of sales × days.
    pub dpo: Option<Decimal>,
    /// DSO + DIO − DPO.
    pub ccc: Option<Decimal>,
    /// Cash ÷ current liabilities.
    pub cash_ratio: Option<Decimal>,
    /// Credit sales per day.
    pub daily_sales: Decimal,
}

impl WorkingCapital {
    /// Cash freed by cutting DSO by `days`: days × daily credit sales.
    pub fn cash_freed(&self, days: Decimal) -> Decimal {
        days * self.daily_sales
    }
}

/// Working capital (None where a denominator is zero).
///
/// # Example
/// ```
/// use credit_core::cash::{working_capital, WcInput};
/// use credit_core::Decimal;
/// let d = Decimal::from;
/// let w = working_capital(&WcInput { receivables: d(300), credit_sales: d(900), period_days: 90,
///     inventory: d(200), payables: d(100), cost_of_sales: d(600), cash: d(50), current_liabilities: d(200) });
/// assert_eq!((w.wcr, w.dso, w.dio, w.dpo, w.ccc), (d(400), Some(d(30)), Some(d(30)), Some(d(15)), Some(d(45))));
/// ```
pub fn working_capital(input: &WcInput) -> WorkingCapital {
    let days = Decimal::from(input.period_days.max(1));
    let ratio = |a: Decimal, b: Decimal| (!b.is_zero()).then(|| a * days / b);
    let dso = ratio(input.receivables, input.credit_sales);
    let dio = ratio(input.inventory, input.cost_of_sales);
    let dpo = ratio(input.payables, input.cost_of_sales);
    WorkingCapital {
        wcr: input.receivables + input.inventory - input.payables,
        dso,
        dio,
        dpo,
        ccc: match (dso, dio, dpo) {
            (Some(a), Some(b), Some(c)) => Some(a + b - c),
            _ => None,
        },
        cash_ratio: (!input.current_liabilities.is_zero())
            .then(|| input.cash / input.current_liabilities),
        daily_sales: input.credit_sales / days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_and_exp_are_accurate() {
        let e = exp(Decimal::ONE);
        assert_eq!(e.round_dp(12), Decimal::from_str("2.718281828459").unwrap());
        assert_eq!(ln(e).round_dp(12), Decimal::ONE);
        assert_eq!(
            ln(Decimal::from(10)).round_dp(12),
            Decimal::from_str("2.302585092994").unwrap()
        );
        assert_eq!(exp(Decimal::ZERO), Decimal::ONE);
        assert_eq!(exp(ln(Decimal::from(3))).round_dp(10), Decimal::from(3));
    }
}
