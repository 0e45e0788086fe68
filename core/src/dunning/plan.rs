//! The plan for a date ([`plan`]): the settings it is made with
//! ([`DunningSettings`]), one item per buyer per step, the steps coming up
//! and the paused (disputed) invoices.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    compensation, compensation_due, late_interest, DunningError, InterestCalc, InterestSettings,
    LetterSettings, LogEntry, Policy, PolicyError, Regime, Step,
};
use crate::customer::CustomerStatus;
use crate::money::Currency;
use crate::portfolio::Portfolio;

/// The dunning settings of a portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DunningSettings {
    /// The portfolio's policy (Standard).
    pub policy: Policy,
    /// Buyers' own policies.
    pub overrides: BTreeMap<String, Policy>,
    /// Late interest.
    pub interest: InterestSettings,
    /// Letters.
    pub letter: LetterSettings,
    /// How far ahead soon-due steps are listed, days (7).
    pub lookahead_days: i64,
}

impl Default for DunningSettings {
    fn default() -> Self {
        DunningSettings {
            policy: Policy::default(),
            overrides: BTreeMap::new(),
            interest: InterestSettings::default(),
            letter: LetterSettings::default(),
            lookahead_days: 7,
        }
    }
}

impl DunningSettings {
    /// The policy of a buyer: its own, or the portfolio's.
    pub fn policy_for(&self, customer_id: &str) -> &Policy {
        self.overrides.get(customer_id).unwrap_or(&self.policy)
    }

    /// Every problem of the portfolio's policy and the buyers' own.
    pub fn validate(&self) -> Result<(), Vec<PolicyError>> {
        let mut v = self.policy.validate().err().unwrap_or_default();
        for (id, p) in &self.overrides {
            if let Err(e) = p.validate() {
                v.extend(e.into_iter().map(|e| PolicyError::Buyer {
                    customer_id: id.clone(),
                    error: Box::new(e),
                }));
            }
        }
        if v.is_empty() {
            Ok(())
        } else {
            Err(v)
        }
    }
}

/// An invoice in the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInvoice {
    /// The invoice.
    pub id: String,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Days past due (negative: not yet due).
    pub days_past_due: i64,
    /// Its currency.
    pub currency: Currency,
    /// Open, its currency.
    pub open: Decimal,
    /// Open, base currency.
    pub open_base: Decimal,
    /// The step it reached.
    pub reached_step: Option<usize>,
    /// Its next step and date.
    pub next_step: Option<(usize, NaiveDate)>,
    /// Interest not yet charged, its currency.
    pub interest: Decimal,
    /// Compensation due, in `compensation_currency`.
    pub compensation: Decimal,
    /// The compensation's currency.
    pub compensation_currency: Currency,
}

/// One communication: a buyer at a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// The step (index in the buyer's policy).
    pub step_index: usize,
    /// The step.
    pub step: Step,
    /// The earliest day one of the invoices reached the step.
    pub step_date: NaiveDate,
    /// The pending invoices.
    pub invoices: Vec<PlanInvoice>,
    /// The base currency.
    pub currency: Currency,
    /// Open, base.
    pub total_open: Decimal,
    /// Interest, base.
    pub interest: Decimal,
    /// Compensation, base.
    pub compensation: Decimal,
    /// The next step and its earliest date.
    pub next: Option<(usize, NaiveDate)>,
}

/// A step coming up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upcoming {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// The step.
    pub step_index: usize,
    /// Its date.
    pub date: NaiveDate,
    /// The invoices that reach it that day.
    pub invoice_ids: Vec<String>,
}

/// A disputed invoice: paused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paused {
    /// The buyer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// The dispute's reason.
    pub reason: String,
    /// Disputed since.
    pub since: NaiveDate,
    /// Open.
    pub open: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// What the collections workflow pauses or escalates in a plan
/// ([`plan_with`]), by invoice id (built by
/// [`crate::collections::Book::pauses`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pauses {
    /// Invoices under an open promise to pay: paused whole, with the reason
    /// shown and the day the promise was recorded.
    pub promised: BTreeMap<String, (String, NaiveDate)>,
    /// The disputed part of an invoice (its currency), the reason and the
    /// day the dispute was opened: only that part is paused.
    pub disputed: BTreeMap<String, (Decimal, String, NaiveDate)>,
    /// Invoices of a broken promise: they move on to the next step of their
    /// buyer's policy at once.
    pub escalate: BTreeSet<String>,
}

/// The plan for a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The date.
    pub as_of: NaiveDate,
    /// The communications.
    pub items: Vec<PlanItem>,
    /// Steps coming up.
    pub upcoming: Vec<Upcoming>,
    /// Disputed invoices.
    pub paused: Vec<Paused>,
}

pub(super) use crate::dates::add_days;

/// What the log says of an invoice: the highest step offset done for its
/// current due date, the last day of interest claimed, and whether it was
/// ever in a communication.
#[derive(Default, Clone, Copy)]
struct Done {
    offset: Option<i64>,
    interest_through: Option<NaiveDate>,
    ever: bool,
}

/// The plan for a date (see the module docs for its rules).
///
/// # Errors
/// [`DunningError::Policy`] when the portfolio's policy or a buyer's own
/// is wrong ([`DunningSettings::validate`]); [`DunningError::Money`] when
/// an open invoice's currency has no rate to the base currency as of the
/// date. A missing interest rate is no error: the plan charges none.
///
/// # Example
/// ```
/// use credit_core::dunning::{plan, DunningSettings};
/// use credit_core::{demo, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let pl = plan(&p, as_of, &DunningSettings::default(), &[]).unwrap();
/// assert!(!pl.items.is_empty());
/// // One communication per buyer per step.
/// let mut keys: Vec<_> = pl.items.iter().map(|it| (&it.customer_id, it.step_index)).collect();
/// let n = keys.len();
/// keys.sort();
/// keys.dedup();
/// assert_eq!(keys.len(), n);
/// ```
pub fn plan(
    p: &Portfolio,
    as_of: NaiveDate,
    s: &DunningSettings,
    log: &[LogEntry],
) -> Result<Plan, DunningError> {
    plan_with(p, as_of, s, log, &Pauses::default())
}

/// [`plan`] with the collections workflow's pauses: an invoice under an
/// open promise is paused whole; of a disputed invoice only the disputed
/// part is paused and the rest is dunned; the invoices of a broken promise
/// move to the next step of the policy at once (the first step when none
/// was reached yet, the last stays the last).
///
/// # Errors
/// As [`plan`].
pub fn plan_with(
    p: &Portfolio,
    as_of: NaiveDate,
    s: &DunningSettings,
    log: &[LogEntry],
    pauses: &Pauses,
) -> Result<Plan, DunningError> {
    s.validate().map_err(DunningError::Policy)?;
    let base = p.base_currency();
    // The log by (buyer, invoice).
    // (due date then, step offset, interest claimed through).
    type Logged = (NaiveDate, i64, Option<NaiveDate>);
    let mut done: HashMap<(&str, &str), Vec<Logged>> = HashMap::new();
    for e in log {
        for i in &e.invoices {
            done.entry((e.customer_id.as_str(), i.id.as_str()))
                .or_default()
                .push((i.due_date, e.step_offset, e.interest_through));
        }
    }
    let index = p.customer_index();
    struct Pending {
        inv: PlanInvoice,
        reached: usize,
        reached_on: NaiveDate,
        comp_base: Decimal,
        interest_base: Decimal,
    }
    let mut pending: BTreeMap<&str, Vec<Pending>> = BTreeMap::new();
    let mut next_of: BTreeMap<&str, Vec<(usize, NaiveDate, &str)>> = BTreeMap::new();
    let mut in_dunning: BTreeMap<&str, bool> = BTreeMap::new();
    let mut paused = Vec::new();
    // Net of the buyer's credits: a buyer in net credit is not dunned, and
    // with credits applied oldest first a covered invoice drops out.
    let net = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    // Interest by `late_interest`; the compensation below (once per
    // invoice, converted with the portfolio's rates).
    let interest_only = InterestSettings {
        compensation: false,
        ..s.interest.clone()
    };
    let any_pause = *pauses != Pauses::default();
    for (i, inv) in p.invoices.iter().enumerate() {
        let mut open = net.effective[i];
        // Zero too for a line issued after as_of (`Invoice::open_as_of`).
        if open <= Decimal::ZERO {
            continue;
        }
        let Some(c) = index
            .get(inv.customer_id.as_str())
            .map(|k| &p.customers[*k])
        else {
            continue;
        };
        if c.status == CustomerStatus::Closed {
            continue;
        }
        if inv.disputed_as_of(as_of) {
            let d = inv.dispute.as_ref();
            paused.push(Paused {
                customer_id: c.id.clone(),
                invoice_id: inv.id.clone(),
                reason: d.map(|d| d.reason.clone()).unwrap_or_default(),
                since: d.map_or(as_of, |d| d.date),
                open,
                currency: inv.currency,
            });
            continue;
        }
        let mut escalated = false;
        if any_pause {
            if let Some((reason, since)) = pauses.promised.get(&inv.id) {
                paused.push(Paused {
                    customer_id: c.id.clone(),
                    invoice_id: inv.id.clone(),
                    reason: reason.clone(),
                    since: *since,
                    open,
                    currency: inv.currency,
                });
                continue;
            }
            if let Some((amount, reason, since)) = pauses.disputed.get(&inv.id) {
                let part = (*amount).min(open);
                if part > Decimal::ZERO {
                    paused.push(Paused {
                        customer_id: c.id.clone(),
                        invoice_id: inv.id.clone(),
                        reason: reason.clone(),
                        since: *since,
                        open: part,
                        currency: inv.currency,
                    });
                    open -= part;
                }
                if open <= Decimal::ZERO {
                    continue;
                }
            }
            escalated = pauses.escalate.contains(&inv.id);
        }
        let policy = s.policy_for(&c.id);
        let date_of = |k: usize| add_days(inv.due_date, policy.steps[k].offset_days);
        let mut reached = (0..policy.steps.len()).rev().find(|k| date_of(*k) <= as_of);
        if escalated && !policy.steps.is_empty() {
            reached = Some(reached.map_or(0, |k| (k + 1).min(policy.steps.len() - 1)));
        }
        let next = (0..policy.steps.len())
            .find(|k| Some(*k) > reached && date_of(*k) > as_of)
            .map(|k| (k, date_of(k)));
        let mut d = Done::default();
        if let Some(v) = done.get(&(c.id.as_str(), inv.id.as_str())) {
            d.ever = true;
            for (due, off, through) in v {
                if *due == inv.due_date {
                    d.offset = Some(d.offset.map_or(*off, |o: i64| o.max(*off)));
                }
                if let Some(t) = through {
                    d.interest_through =
                        Some(d.interest_through.map_or(*t, |x: NaiveDate| x.max(*t)));
                }
            }
        }
        if reached.is_some() {
            in_dunning.insert(c.id.as_str(), true);
        }
        let is_pending =
            reached.is_some_and(|k| d.offset.is_none_or(|o| o < policy.steps[k].offset_days));
        if let Some((k, day)) = next {
            next_of
                .entry(c.id.as_str())
                .or_default()
                .push((k, day, inv.id.as_str()));
        }
        let Some(k) = reached.filter(|_| is_pending) else {
            continue;
        };
        let rate = p.fx.rate(inv.currency, as_of)?;
        let calc = match late_interest(inv, as_of, &interest_only, d.interest_through, None) {
            Ok(x) => x,
            Err(DunningError::NoRate { .. }) => InterestCalc {
                currency: inv.currency,
                segments: Vec::new(),
                interest: Decimal::ZERO,
                compensation: Decimal::ZERO,
                compensation_currency: inv.currency,
            },
            Err(e) => return Err(e),
        };
        let (mut comp, mut comp_cur) = (Decimal::ZERO, inv.currency);
        let mut comp_base = Decimal::ZERO;
        if s.interest.compensation && compensation_due(inv, as_of) && !d.ever {
            // The value of 1 unit of the invoice's currency in GBP.
            let gbp_rate = if s.interest.regime == Regime::Uk && inv.currency != Currency::GBP {
                Some(rate / p.fx.rate(Currency::GBP, as_of)?)
            } else {
                None
            };
            (comp, comp_cur) = compensation(s.interest.regime, inv.gross, inv.currency, gbp_rate)?;
            if !comp.is_zero() {
                comp_base = comp * p.fx.rate(comp_cur, as_of)?;
            }
        }
        pending.entry(c.id.as_str()).or_default().push(Pending {
            inv: PlanInvoice {
                id: inv.id.clone(),
                due_date: inv.due_date,
                days_past_due: (as_of - inv.due_date).num_days(),
                currency: inv.currency,
                open,
                open_base: open * rate,
                reached_step: reached,
                next_step: next,
                interest: calc.interest,
                compensation: comp,
                compensation_currency: comp_cur,
            },
            reached: k,
            reached_on: if escalated {
                date_of(k).min(as_of)
            } else {
                date_of(k)
            },
            comp_base,
            interest_base: calc.interest * rate,
        });
    }
    let mut items = Vec::new();
    for (cid, v) in pending {
        let c = &p.customers[index[cid]];
        let policy = s.policy_for(cid);
        let k = v.iter().map(|x| x.reached).max().unwrap_or(0);
        let step_date = v
            .iter()
            .filter(|x| x.reached == k)
            .map(|x| x.reached_on)
            .min()
            .unwrap_or(as_of);
        let next = policy.steps.get(k + 1).map(|st| {
            let day = v
                .iter()
                .map(|x| add_days(x.inv.due_date, st.offset_days))
                .min()
                .unwrap_or(as_of);
            (k + 1, day)
        });
        let mut invoices: Vec<PlanInvoice> = Vec::with_capacity(v.len());
        let (mut total, mut interest, mut comp) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for x in v {
            total += x.inv.open_base;
            interest += x.interest_base;
            comp += x.comp_base;
            invoices.push(x.inv);
        }
        crate::sorting::sort_by(&mut invoices, |a, b| {
            a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id))
        });
        items.push(PlanItem {
            customer_id: c.id.clone(),
            customer_name: c.name.clone(),
            step_index: k,
            step: policy.steps[k].clone(),
            step_date,
            invoices,
            currency: base,
            total_open: total,
            interest,
            compensation: comp,
            next,
        });
    }
    crate::sorting::sort_by(&mut items, |a, b| {
        b.step
            .offset_days
            .cmp(&a.step.offset_days)
            .then_with(|| b.total_open.cmp(&a.total_open))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    let mut upcoming = Vec::new();
    for (cid, v) in next_of {
        // Each next step of the buyer, at its earliest date.
        let mut by_step: BTreeMap<usize, NaiveDate> = BTreeMap::new();
        for (k, day, _) in &v {
            let e = by_step.entry(*k).or_insert(*day);
            *e = (*e).min(*day);
        }
        let c = &p.customers[index[cid]];
        for (k, day) in by_step {
            let soon = (day - as_of).num_days() <= s.lookahead_days;
            if !soon && !in_dunning.contains_key(cid) {
                continue;
            }
            let mut ids: Vec<String> = v
                .iter()
                .filter(|(k2, d2, _)| *k2 == k && *d2 == day)
                .map(|(_, _, id)| id.to_string())
                .collect();
            crate::sorting::sort_by(&mut ids, |a, b| a.cmp(b));
            upcoming.push(Upcoming {
                customer_id: c.id.clone(),
                customer_name: c.name.clone(),
                step_index: k,
                date: day,
                invoice_ids: ids,
            });
        }
    }
    crate::sorting::sort_by(&mut upcoming, |a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    crate::sorting::sort_by(&mut paused, |a, b| {
        a.customer_id
            .cmp(&b.customer_id)
            .then_with(|| a.invoice_id.cmp(&b.invoice_id))
    });
    Ok(Plan {
        as_of,
        items,
        upcoming,
        paused,
    })
}
