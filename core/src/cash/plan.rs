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

use crate::dates::parse_iso;
use crate::index::{day, LedgerIndex, Rates};
use crate::invoice::Payment;
use crate::money::{parse_amount, Currency, MoneyError};
use crate::portfolio::Portfolio;

use super::{CashError, Field, FormError};

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
///
/// # Example
/// 3 × 300 weekly from 5 February on a 900 invoice; 300 paid on 5
/// February.
/// ```
/// use credit_core::cash::plan_paid;
/// # use credit_core::{invoice::{Invoice, Payment}, money::Currency, portfolio::Portfolio, Decimal, NaiveDate};
/// # let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// # let mut p = Portfolio::new("demo", Currency::CNY);
/// # p.invoices = vec![Invoice { kind: Default::default(), id: "I1".into(), customer_id: "A".into(),
/// #     issue_date: d(1, 1), due_date: d(1, 31), currency: Currency::CNY, gross: Decimal::from(900),
/// #     vat: None, payments: vec![Payment { date: d(2, 5), amount: Decimal::from(300) }], dispute: None }];
/// # use credit_core::cash::{payment_plan, Frequency, PlanInput, SavedPlan};
/// # let input = PlanInput { balance: Decimal::from(900), currency: Currency::CNY, count: 3,
/// #     frequency: Frequency::Weekly, first: d(2, 5), annual_rate: Decimal::ZERO, start: d(2, 1) };
/// # let plan = SavedPlan { id: "p".into(), customer_id: "A".into(), invoice_ids: vec!["I1".into()],
/// #     plan: payment_plan(&input).unwrap(), input, note: String::new() };
/// assert_eq!(plan_paid(&plan, &p, d(2, 10)).unwrap(), Decimal::from(300));
/// assert_eq!(plan_paid(&plan, &p, d(2, 4)).unwrap(), Decimal::ZERO);
/// ```
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
///
/// # Example
/// 3 × 300 weekly from 5 February; only the first paid. On 15 February the
/// second (12 February) is within its grace; on 18 February it is missed.
/// ```
/// use credit_core::cash::{plan_state, PlanState};
/// # use credit_core::{invoice::{Invoice, Payment}, money::Currency, portfolio::Portfolio, Decimal, NaiveDate};
/// # let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// # let mut p = Portfolio::new("demo", Currency::CNY);
/// # p.invoices = vec![Invoice { kind: Default::default(), id: "I1".into(), customer_id: "A".into(),
/// #     issue_date: d(1, 1), due_date: d(1, 31), currency: Currency::CNY, gross: Decimal::from(900),
/// #     vat: None, payments: vec![Payment { date: d(2, 5), amount: Decimal::from(300) }], dispute: None }];
/// # use credit_core::cash::{payment_plan, Frequency, PlanInput, SavedPlan};
/// # let input = PlanInput { balance: Decimal::from(900), currency: Currency::CNY, count: 3,
/// #     frequency: Frequency::Weekly, first: d(2, 5), annual_rate: Decimal::ZERO, start: d(2, 1) };
/// # let plan = SavedPlan { id: "p".into(), customer_id: "A".into(), invoice_ids: vec!["I1".into()],
/// #     plan: payment_plan(&input).unwrap(), input, note: String::new() };
/// assert!(matches!(plan_state(&plan, &p, d(2, 15)).unwrap(), PlanState::OnTrack { .. }));
/// assert!(matches!(
///     plan_state(&plan, &p, d(2, 18)).unwrap(),
///     PlanState::Missed { instalment: 2, .. }
/// ));
/// ```
pub fn plan_state(
    plan: &SavedPlan,
    p: &Portfolio,
    as_of: NaiveDate,
) -> Result<PlanState, MoneyError> {
    Ok(state_from_paid(plan, plan_paid(plan, p, as_of)?, as_of))
}

/// Days from the agreement to the first instalment when the plan form
/// leaves the first date empty.
pub const DEFAULT_FIRST_AFTER_DAYS: u64 = 30;

/// The payment-plan form as typed: the figures a person writes, before
/// they are read into a [`PlanInput`] by [`PlanForm::input`].
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct PlanForm {
    /// The overdue balance, as an amount (`1,234.50`).
    pub balance: String,
    /// The number of instalments.
    pub count: String,
    /// Annual interest in per cent (`8`, `8.5` or `8 %`).
    pub rate_percent: String,
    /// The first instalment's date (YYYY-MM-DD); empty for
    /// [`DEFAULT_FIRST_AFTER_DAYS`] after the agreement.
    pub first: String,
}

impl PlanForm {
    /// The plan this form describes, in `currency`, agreed on `as_of`. The
    /// fields are read in the form's order and the first one that cannot
    /// be read is reported: the balance (an amount of 0 or more), the
    /// instalments (1 to [`MAX_INSTALMENTS`]), the interest (a percentage
    /// of 0 or more, a trailing `%` allowed) and the first date (on or
    /// after `as_of`).
    ///
    /// # Errors
    /// [`FormError`] naming the field, what was typed and the bound:
    /// [`FormError::NotAmount`], [`FormError::CountOutOfRange`],
    /// [`FormError::NotPercent`], [`FormError::NotADate`] or
    /// [`FormError::DateTooEarly`].
    ///
    /// # Example
    /// ```
    /// use credit_core::cash::{Field, FormError, Frequency, PlanForm};
    /// use credit_core::{money::Currency, Decimal, NaiveDate};
    /// let as_of = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    /// let form = PlanForm { balance: "1,000".into(), count: "3".into(), rate_percent: "6%".into(), first: String::new() };
    /// let input = form.input(Currency::CNY, Frequency::Monthly, as_of).unwrap();
    /// assert_eq!((input.balance, input.count, input.annual_rate), (Decimal::from(1000), 3, Decimal::new(6, 2)));
    /// assert_eq!(input.first, NaiveDate::from_ymd_opt(2026, 4, 3).unwrap());
    ///
    /// let bad = PlanForm { count: "0".into(), ..form };
    /// assert_eq!(
    ///     bad.input(Currency::CNY, Frequency::Monthly, as_of),
    ///     Err(FormError::CountOutOfRange { field: Field::Instalments, value: "0".into(), min: 1, max: 120 })
    /// );
    /// ```
    pub fn input(
        &self,
        currency: Currency,
        frequency: Frequency,
        as_of: NaiveDate,
    ) -> Result<PlanInput, FormError> {
        let balance = parse_amount(&self.balance, false).map_err(|_| FormError::NotAmount {
            field: Field::Balance,
            value: self.balance.clone(),
        })?;
        let count = self
            .count
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_INSTALMENTS).contains(n))
            .ok_or_else(|| FormError::CountOutOfRange {
                field: Field::Instalments,
                value: self.count.clone(),
                min: 1,
                max: MAX_INSTALMENTS,
            })?;
        let percent =
            parse_amount(self.rate_percent.trim_end_matches('%'), false).map_err(|_| {
                FormError::NotPercent {
                    field: Field::Interest,
                    value: self.rate_percent.clone(),
                }
            })?;
        let first = if self.first.trim().is_empty() {
            as_of + Days::new(DEFAULT_FIRST_AFTER_DAYS)
        } else {
            let value = || self.first.clone();
            match parse_iso(&self.first) {
                Some(d) if d >= as_of => d,
                Some(_) => {
                    return Err(FormError::DateTooEarly {
                        field: Field::FirstInstalment,
                        value: value(),
                        earliest: as_of,
                    })
                }
                None => {
                    return Err(FormError::NotADate {
                        field: Field::FirstInstalment,
                        value: value(),
                        earliest: as_of,
                    })
                }
            }
        };
        Ok(PlanInput {
            balance,
            currency,
            count,
            frequency,
            first,
            annual_rate: percent / Decimal::ONE_HUNDRED,
            start: as_of,
        })
    }
}

/// A buyer's overdue balance: what a payment plan would settle.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct Overdue {
    /// Σ open amounts of its overdue, undisputed invoices, in the base
    /// currency at the `as_of` rate.
    pub balance: Decimal,
    /// Those invoices, in ledger order.
    pub invoice_ids: Vec<String>,
}

/// A buyer's overdue balance as of a date: every invoice of
/// `customer_id` with an open amount above zero, past its due date and not
/// disputed, converted to the base currency at the `as_of` rate.
///
/// # Errors
/// [`MoneyError::NoRate`] when one of those invoices is in a currency
/// without a rate on or before `as_of`: it is never counted 1:1.
///
/// # Example
/// ```
/// use credit_core::cash::overdue_balance;
/// use credit_core::invoice::Invoice;
/// use credit_core::money::{Currency, MoneyError};
/// use credit_core::portfolio::Portfolio;
/// use credit_core::{Decimal, NaiveDate};
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let inv = |id: &str, currency| Invoice {
///     kind: Default::default(), id: id.into(), customer_id: "A".into(), issue_date: d(1, 1),
///     due_date: d(1, 31), currency, gross: Decimal::from(500), vat: None, payments: vec![], dispute: None,
/// };
/// let mut p = Portfolio::new("demo", Currency::CNY);
/// p.invoices = vec![inv("I1", Currency::CNY), inv("I2", Currency::CNY)];
/// let o = overdue_balance(&p, "A", d(3, 1)).unwrap();
/// assert_eq!((o.balance, o.invoice_ids.len()), (Decimal::from(1000), 2));
///
/// // An invoice in euros and no EUR rate: refused, not counted at 1:1.
/// p.invoices.push(inv("I3", Currency::EUR));
/// assert_eq!(
///     overdue_balance(&p, "A", d(3, 1)),
///     Err(MoneyError::NoRate { currency: Currency::EUR, date: d(3, 1) })
/// );
/// ```
pub fn overdue_balance(
    p: &Portfolio,
    customer_id: &str,
    as_of: NaiveDate,
) -> Result<Overdue, MoneyError> {
    let mut out = Overdue::default();
    for inv in p.invoices.iter().filter(|x| x.customer_id == customer_id) {
        let open = inv.open_as_of(as_of);
        if open > Decimal::ZERO && inv.due_date < as_of && !inv.disputed_as_of(as_of) {
            out.balance += open * p.fx.rate(inv.currency, as_of)?;
            out.invoice_ids.push(inv.id.clone());
        }
    }
    Ok(out)
}
