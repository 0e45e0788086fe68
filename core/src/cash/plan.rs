//! Payment plans for an overdue balance: the schedule, where a plan
//! stands, and the plan form.
//!
//! Choices where the domain brief is silent:
//!
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

use std::collections::HashSet;

use chrono::{Days, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::index::{day, LedgerIndex, Rates};
use crate::invoice::Payment;
use crate::money::{Currency, MoneyError};
use crate::portfolio::Portfolio;

use super::CashError;

/// The most instalments a plan may have.
pub const MAX_INSTALMENTS: u32 = 120;
/// Days after an instalment's date before it counts as missed.
pub const PLAN_GRACE_DAYS: i64 = 5;

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
pub(super) fn plan_paid_rows(
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
pub(super) fn state_from_paid(plan: &SavedPlan, paid: Decimal, as_of: NaiveDate) -> PlanState {
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
