//! Terms and cash: what an early-payment discount costs, the DSO and cash
//! effect of other terms, payment plans for an overdue balance, the 13-week
//! collections forecast (and how it compared with what came in), and
//! working capital. Amounts are in the portfolio's base currency, converted
//! at the report date's rate; nothing here reads a clock.
//!
//! Choices where the domain brief is silent:
//!
//! - **Discount text**: "2/10/30", "2/10 net 30", "2/10 n30", "2%/10/30",
//!   "1.5/10/45" (the discount in per cent, then whole days); the percentage
//!   must be strictly between 0 and 100. Net days not after the discount
//!   days are refused by [`discount_cost`], not by the parser.
//! - **Discount cost** is computed with exact decimal arithmetic; the
//!   effective rate's fractional power uses `exp(y·ln x)` by series to 28
//!   digits (no floating point, no `maths` feature needed).
//! - **Other terms** ([`terms_effect`]): the current terms are the
//!   sales-weighted average of due − issue of the invoices issued in the
//!   period (0 when there are none); AR and credit sales follow
//!   [`crate::kpi`] exactly (open amounts > 0 as of `as_of`, invoices issued
//!   in `(as_of − period, as_of]`, converted at the `as_of` rate), so
//!   `dso_before` is the KPI's DSO; a period of 0 days counts as 1; the DSO
//!   after never goes below 0. A buyer id not in the ledger gives zero
//!   sales and no DSO.
//! - **Payment plans**: equal principal, each instalment's principal *cut*
//!   (rounded toward zero) to the currency's minor unit and the remainder on
//!   the last, so 1,000.00 in 3 is 333.33 / 333.33 / 333.34. Cutting rather
//!   than rounding half-even is deliberate: with half-even the remainder can
//!   go negative (0.15 in 10 would be nine of 0.02 and a last of −0.03); for
//!   every balance where half-even rounds down the two agree. The balance
//!   itself is first rounded half-even to the minor unit. Interest is simple,
//!   actual/365, on the principal still owed since the previous date (the
//!   agreement date for the first), each rounded half-even to the minor unit;
//!   Σ amounts = balance + Σ interest exactly. Monthly dates are counted from
//!   the first date (31 January → 28/29 February → 31 March), never from the
//!   previous one; weekly and fortnightly are 7 and 14 days. At most
//!   [`MAX_INSTALMENTS`]; the first date may be the agreement date, not
//!   before.
//! - **A plan's state**: payments on its invoices dated from its agreement
//!   date to `as_of` (whoever they were meant for) are set against the
//!   cumulative instalments in order; an instalment not covered counts as
//!   missed when its date + [`PLAN_GRACE_DAYS`] is before `as_of`. A missed
//!   instalment makes the whole rest due at once, and dunning resumes.
//!   [`plan_state`] takes the portfolio, not the index: a plan names its
//!   invoices by id and the index keeps no ids.
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
//! - **Working capital**: a period of 0 days counts as 1; every ratio is
//!   `None` when its denominator is zero, and the cycle is `None` when any of
//!   its three parts is.

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

/// The same as [`plan_paid`] from the index rows of the plan's invoices
/// (for the forecast, which has them already).
fn plan_paid_rows(
    plan: &SavedPlan,
    ix: &LedgerIndex,
    rows: &[usize],
    as_of: NaiveDate,
    rates: &mut Rates,
) -> Result<Decimal, MoneyError> {
    let (from, on) = (day(plan.input.start), day(as_of));
    let mut paid = Decimal::ZERO;
    for &k in rows {
        let r = &ix.rows[k];
        let sum: Decimal = ix
            .pays_of(r)
            .iter()
            .filter(|x| x.day >= from && x.day <= on)
            .map(|x| x.amount)
            .sum();
        if sum.is_zero() {
            continue;
        }
        paid += if r.currency == plan.input.currency {
            sum
        } else {
            sum * rates.row(r)? / ix.fx.rate(plan.input.currency, as_of)?
        };
    }
    Ok(paid)
}

/// Where a plan stands as of a date, given what was paid on it.
fn state_from_paid(plan: &SavedPlan, paid: Decimal, as_of: NaiveDate) -> PlanState {
    if paid >= plan.plan.total {
        return PlanState::Completed { paid };
    }
    let mut cumulative = Decimal::ZERO;
    for i in &plan.plan.instalments {
        cumulative += i.amount;
        if paid >= cumulative {
            continue;
        }
        // Dates ascend: the first instalment not covered decides.
        return if (as_of - i.date).num_days() > PLAN_GRACE_DAYS {
            PlanState::Missed {
                instalment: i.number,
                due: i.date,
                shortfall: cumulative - paid,
                rest_due: plan.plan.total - paid,
            }
        } else {
            PlanState::OnTrack {
                paid,
                next: Some(i.clone()),
            }
        };
    }
    PlanState::OnTrack { paid, next: None }
}

/// Where a plan stands as of a date: the payments on its invoices dated
/// from its agreement date to `as_of` ([`plan_paid`]) against the
/// cumulative amounts of its instalments. An instalment not covered whose
/// date + [`PLAN_GRACE_DAYS`] is before `as_of` makes the plan
/// [`PlanState::Missed`] (the rest falls due at once, dunning resumes);
/// everything paid makes it [`PlanState::Completed`].
///
/// It takes the portfolio rather than the index: the index keeps no invoice
/// ids, and a plan names its invoices by id.
///
/// # Errors
/// [`MoneyError::NoRate`].
pub fn plan_state(
    plan: &SavedPlan,
    p: &Portfolio,
    as_of: NaiveDate,
) -> Result<PlanState, MoneyError> {
    Ok(state_from_paid(plan, plan_paid(plan, p, as_of)?, as_of))
}

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
