//! Monitoring and early warnings (domain brief, "Monitoring and early
//! warnings"): rules run over a portfolio as of a date, each producing an
//! [`Alert`] with a severity, the buyer, the evidence and a suggested
//! action; and the month-by-month [`trends`] a buyer's (or the portfolio's)
//! page charts.
//!
//! # The rules
//!
//! `exposure` is the buyer's open AR as of `as_of` in the base currency at
//! the `as_of` rate, disputed invoices included: exactly the buyer's total
//! in the ageing report ([`crate::ageing::age_index`]): the **net** of its
//! open items, so a credit note, an overpayment or unapplied cash lowers it,
//! and lines issued after `as_of` are left out. A buyer in net credit
//! (exposure ≤ 0) raises no over-limit, dunning-step or insurer-deadline
//! alert: it owes nothing. `limit` is [`Customer::credit_limit`].
//!
//! | rule | fires when (defaults of [`MonitorSettings`]) | severity | action |
//! |---|---|---|---|
//! | [`Rule::OverLimit`] | a limit is set and exposure **>** limit (exactly at the limit does not fire) | Critical | [`Action::HoldDeliveries`] |
//! | [`Rule::Utilisation`] | limit > 0 and 0.90 **≤** exposure ÷ limit **≤** 1 | Warning | [`Action::ReviewLimit`] |
//! | [`Rule::PastDunningStep`] | an open, non-disputed invoice is at least a step's offset past due (**≥**; steps +7, +30, +60 of the Standard preset); the highest step reached | Info (step 1) / Warning (middle steps) / Critical (last step) | [`Action::SendReminder`] / [`Action::CallBuyer`] / [`Action::Escalate`] |
//! | [`Rule::GradeDowngraded`] | grade **>** previous grade (1 best, 10 default) | Warning; Critical when the new grade **≥** 8 | [`Action::Reassess`] |
//! | [`Rule::InsuredLimitCut`] | the insured limit is **<** the one before (none counts as 0) | Warning; Critical when cut to 0 while exposure > 0 | [`Action::ReduceExposure`] when exposure > the new insured limit, else [`Action::AskInsurer`] |
//! | [`Rule::VolumeUpPayingSlower`] | last 3 months' sales ÷ 3 **≥** 1.5 × the monthly average of the 9 months before, **and** the average delay of payments in the last 3 months − that of the 9 before **≥** 10 days | Critical | [`Action::CallBuyer`] |
//! | [`Rule::DelayWorsening`] | the average delay of each of the last 3 months is **≥** the month before's, and last − first **≥** 5 days | Warning | [`Action::MonitorClosely`] |
//! | [`Rule::Concentration`] | exposure ÷ total AR **>** 0.20 (total AR: Σ of the buyers' exposures above zero; a buyer in net credit is never concentrated) | Warning | [`Action::ReduceExposure`] |
//! | [`Rule::InsurerDeadline`] | an insured buyer's overdue invoice has its maximum extension period end (due + 60 days) or its overdue notification due (that + 30 days) in `[as_of, as_of + 7 days]` | Critical when **≤** 2 days left, else Warning | [`Action::NotifyInsurer`] |
//!
//! At most one alert per rule per buyer ([`Alert::key`]); OverLimit and
//! Utilisation never both for one buyer (utilisation stops at 100 %).
//!
//! # Choices where the domain brief is silent
//!
//! - **Buyers**: alerts are only raised for buyers of
//!   [`Portfolio::customers`]; invoices of an unknown buyer still count in
//!   the total AR the concentration is measured against.
//! - **Currencies**: every amount is converted at the rate in force on
//!   `as_of`, as in [`crate::kpi`]; a currency without a rate is an error
//!   only when an amount in it counts.
//! - **Windows** (as [`crate::behaviour::payment_behaviour`]): "the last 3
//!   months" is `(as_of − 3 months, as_of]`, "the 9 months before" is
//!   `(as_of − 12 months, as_of − 3 months]`, by calendar months
//!   (`checked_sub_months`); sales count by issue date, payments by their
//!   date; payments after `as_of` are ignored.
//! - **Payment delay** is amount-weighted days late (payment date − due
//!   date, never below zero), as everywhere else in the crate.
//! - **Volume up while paying slower** needs sales in the 9 months before
//!   (otherwise the ratio is undefined: a new buyer is not "up") and
//!   payments in both windows. The 3 and 9 month windows are fixed; the
//!   ratio and the rise are settings.
//! - **Delay worsening** uses the month ends of
//!   [`crate::behaviour::monthly_delays`]; every one of the
//!   `worsening_months` months must have a payment (a month without one
//!   breaks the trend), each month's average must be ≥ the previous
//!   month's (non-decreasing), and last − first ≥ `worsening_days`
//!   (default 5 days). It is **not raised for a buyer that already has
//!   [`Rule::VolumeUpPayingSlower`]**: the same deterioration, already
//!   reported at a higher severity.
//! - **Dunning steps** are the settings' offsets, sorted and deduplicated;
//!   a negative offset (before the due date) counts not-yet-due invoices. A
//!   policy of one step treats it as the last (Critical, Escalate). Buyers
//!   whose [`BuyerContext::on_plan`] is set (on a payment plan) are skipped.
//!   The evidence counts the invoices (and their open amount) that reached
//!   the highest step, and the most days past due among them.
//! - **Insured limit cut**: "cancelled" is a current insured limit of zero
//!   (or none). The action is to reduce exposure when the exposure is above
//!   the new insured limit (part of it is now uninsured), otherwise to ask
//!   the insurer why.
//! - **Insurer deadlines**: a buyer is insured when its insured limit is
//!   above zero. Disputed invoices are left out (they are listed apart, as
//!   in dunning). Of the deadlines in the window the earliest is reported;
//!   on a tie the extension end comes first, then the invoice listed first;
//!   `invoices` counts the overdue invoices with any deadline in the
//!   window. `days_left` = date − `as_of` (0 = today).
//! - **Concentration** needs a total AR above zero.
//!
//! # Trends
//!
//! [`trends`] walks months back from `as_of` as [`crate::kpi`] does (from a
//! month's last day, calendar months). AR at a month end is what was open
//! on that day on invoices issued by then, so the last point leaves out the
//! invoices dated after `as_of` that the ageing report counts.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::customer::Customer;
use crate::index::{day, LedgerIndex, Rates, Row, NO_SLOT};
use crate::kpi::months_back;
use crate::money::MoneyError;
use crate::portfolio::Portfolio;

/// How serious an alert is. Ordered: `Info < Warning < Critical`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs attention soon.
    Warning,
    /// Needs action now.
    Critical,
}

/// The monitoring rules, in the order alerts of equal severity and buyer
/// are listed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Exposure above the credit limit.
    OverLimit,
    /// Exposure at or above the utilisation threshold of the limit.
    Utilisation,
    /// Invoices past a dunning step.
    PastDunningStep,
    /// The buyer's grade got worse.
    GradeDowngraded,
    /// The insurer cut or cancelled its limit on the buyer.
    InsuredLimitCut,
    /// Buying much more while paying much later.
    VolumeUpPayingSlower,
    /// The payment delay worsened month after month.
    DelayWorsening,
    /// One buyer holds too large a share of the AR.
    Concentration,
    /// An insurer deadline is near.
    InsurerDeadline,
}

impl Rule {
    /// Every rule, in order.
    pub const ALL: [Rule; 9] = [
        Rule::OverLimit,
        Rule::Utilisation,
        Rule::PastDunningStep,
        Rule::GradeDowngraded,
        Rule::InsuredLimitCut,
        Rule::VolumeUpPayingSlower,
        Rule::DelayWorsening,
        Rule::Concentration,
        Rule::InsurerDeadline,
    ];

    /// The rule's stable key, the same as its serde name (`"over_limit"`, …).
    pub fn key(self) -> &'static str {
        match self {
            Rule::OverLimit => "over_limit",
            Rule::Utilisation => "utilisation",
            Rule::PastDunningStep => "past_dunning_step",
            Rule::GradeDowngraded => "grade_downgraded",
            Rule::InsuredLimitCut => "insured_limit_cut",
            Rule::VolumeUpPayingSlower => "volume_up_paying_slower",
            Rule::DelayWorsening => "delay_worsening",
            Rule::Concentration => "concentration",
            Rule::InsurerDeadline => "insurer_deadline",
        }
    }
}

/// The suggested action of an alert.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Review the credit limit.
    ReviewLimit,
    /// Hold deliveries (suspend new orders) until the exposure is back
    /// under the limit.
    HoldDeliveries,
    /// Call the buyer.
    CallBuyer,
    /// Send a reminder.
    SendReminder,
    /// Escalate: formal demand, legal action or a collection agency.
    Escalate,
    /// Reassess the buyer (grade, limit, terms).
    Reassess,
    /// Reduce the exposure on the buyer.
    ReduceExposure,
    /// Ask the insurer (why the limit was cut, whether it can be restored).
    AskInsurer,
    /// Notify the insurer (overdue notification or extension request).
    NotifyInsurer,
    /// Watch the buyer closely.
    MonitorClosely,
}

/// Which insurer deadline.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The end of the maximum extension period (due date + its days).
    ExtensionEnds,
    /// The overdue notification is due (extension end + its days).
    NotificationDue,
}

/// The figures behind an alert, one variant per rule. Amounts are in the
/// base currency, full precision; fractions are 0–1.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// [`Rule::OverLimit`].
    OverLimit {
        /// Open AR of the buyer.
        exposure: Decimal,
        /// Its credit limit.
        limit: Decimal,
    },
    /// [`Rule::Utilisation`].
    Utilisation {
        /// Open AR of the buyer.
        exposure: Decimal,
        /// Its credit limit.
        limit: Decimal,
        /// exposure ÷ limit, a fraction.
        utilisation: Decimal,
    },
    /// [`Rule::PastDunningStep`].
    PastDunningStep {
        /// The step's offset in days past due.
        step_days: i64,
        /// The step, 1-based, of the policy's steps.
        step: u32,
        /// Open non-disputed invoices past that step.
        invoices: u32,
        /// Their open amount.
        amount: Decimal,
        /// The most days past due among them.
        max_days_past_due: i64,
    },
    /// [`Rule::GradeDowngraded`].
    GradeDowngraded {
        /// The previous grade.
        from: u8,
        /// The grade now.
        to: u8,
    },
    /// [`Rule::InsuredLimitCut`].
    InsuredLimitCut {
        /// The insured limit before.
        from: Decimal,
        /// The insured limit now (0 when cancelled).
        to: Decimal,
    },
    /// [`Rule::VolumeUpPayingSlower`].
    VolumeUpPayingSlower {
        /// Credit sales of the last 3 months ÷ 3.
        recent_monthly_sales: Decimal,
        /// Credit sales of the 9 months before ÷ 9.
        earlier_monthly_sales: Decimal,
        /// recent ÷ earlier.
        ratio: Decimal,
        /// Average delay of payments in the 9 months before, days.
        delay_before: Decimal,
        /// Average delay of payments in the last 3 months, days.
        delay_now: Decimal,
    },
    /// [`Rule::DelayWorsening`].
    DelayWorsening {
        /// (month end, average delay in days), oldest first.
        months: Vec<(NaiveDate, Decimal)>,
        /// Last month's average − the first's.
        rise: Decimal,
    },
    /// [`Rule::Concentration`].
    Concentration {
        /// Open AR of the buyer.
        exposure: Decimal,
        /// Open AR of the portfolio.
        total: Decimal,
        /// exposure ÷ total, a fraction.
        share: Decimal,
    },
    /// [`Rule::InsurerDeadline`].
    InsurerDeadline {
        /// Which deadline.
        kind: DeadlineKind,
        /// Its date.
        date: NaiveDate,
        /// Days from `as_of` to it (0 = today).
        days_left: i64,
        /// The invoice it belongs to.
        invoice_id: String,
        /// Overdue invoices of the buyer with a deadline in the window.
        invoices: u32,
    },
}

/// One alert: a rule that fired for a buyer.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Alert {
    /// The rule.
    pub rule: Rule,
    /// How serious.
    pub severity: Severity,
    /// The buyer's [`Customer::id`].
    pub customer_id: String,
    /// The figures behind it.
    pub evidence: Evidence,
    /// What to do.
    pub action: Action,
}

impl Alert {
    /// A key stable across days, `"rule_key:customer_id"` (there is at most
    /// one alert per rule per buyer), e.g. to remember dismissed alerts.
    pub fn key(&self) -> String {
        format!("{}:{}", self.rule.key(), self.customer_id)
    }
}

/// What the ledger does not hold about a buyer: its grades and its insured
/// limit before, and whether it is on a payment plan.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct BuyerContext {
    /// The grade now (1 best … 10 default), when assessed.
    pub grade: Option<u8>,
    /// The grade of the assessment before.
    pub previous_grade: Option<u8>,
    /// The insured limit before the insurer's latest decision.
    pub insured_limit_before: Option<Decimal>,
    /// On an agreed payment plan: dunning alerts are not raised.
    pub on_plan: bool,
}

/// Thresholds of the rules (defaults from the domain brief; see the module
/// documentation for each one's exact comparison).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MonitorSettings {
    /// Utilisation that warns, a fraction (default 0.90).
    pub utilisation: Decimal,
    /// Dunning step offsets in days past due (default Standard: 7, 30, 60).
    pub dunning_steps: Vec<i64>,
    /// Recent ÷ earlier monthly sales that counts as volume up (1.5).
    pub volume_ratio: Decimal,
    /// Rise of the average delay that counts as paying slower (10 days).
    pub delay_rise_days: Decimal,
    /// Months of the delay trend (3).
    pub worsening_months: u32,
    /// Rise over those months that counts as worsening (5 days).
    pub worsening_days: Decimal,
    /// Share of AR above which a buyer is a concentration (0.20).
    pub concentration: Decimal,
    /// Maximum extension period, days after due (60).
    pub extension_days: i64,
    /// Overdue notification deadline, days after the extension ends (30).
    pub notification_days: i64,
    /// How far ahead insurer deadlines are reported, days (7).
    pub deadline_window_days: i64,
}

impl Default for MonitorSettings {
    fn default() -> Self {
        MonitorSettings {
            utilisation: Decimal::new(90, 2),
            dunning_steps: vec![7, 30, 60],
            volume_ratio: Decimal::new(15, 1),
            delay_rise_days: Decimal::from(10),
            worsening_months: 3,
            worsening_days: Decimal::from(5),
            concentration: Decimal::new(20, 2),
            extension_days: 60,
            notification_days: 30,
            deadline_window_days: 7,
        }
    }
}

/// Days left at or under which an insurer deadline is critical.
const DEADLINE_CRITICAL_DAYS: i64 = 2;

/// Grade at or beyond which a downgrade is critical.
const GRADE_CRITICAL: u8 = 8;

/// Per buyer and currency: the sums of the pass.
#[derive(Clone, Copy, Default)]
struct Acc {
    exposure: Decimal,
    sales_recent: Decimal,
    sales_before: Decimal,
    paid_recent: Decimal,
    days_recent: Decimal,
    paid_before: Decimal,
    days_before: Decimal,
}

impl Acc {
    fn is_zero(&self) -> bool {
        self.exposure.is_zero()
            && self.sales_recent.is_zero()
            && self.sales_before.is_zero()
            && self.paid_recent.is_zero()
            && self.paid_before.is_zero()
    }
}

/// The earliest insurer deadline of a buyer: (day, kind, row).
type Deadline = (i32, DeadlineKind, usize);

fn clamp_i32(x: i64) -> i32 {
    x.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

fn ratio(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        None
    } else {
        num.checked_div(den)
    }
}

fn no_rate(r: &Row, as_of: NaiveDate) -> MoneyError {
    MoneyError::NoRate {
        currency: r.currency,
        date: as_of,
    }
}

/// Every alert as of a date, most severe first, then by customer id, then
/// rule order (see the module documentation for the rules). `context`
/// holds, by customer id, what the ledger does not (grades, the insured
/// limit before, payment plans); a buyer missing from it has the default.
///
/// `ix` must be the index of `portfolio` (its rows in the order of
/// [`Portfolio::invoices`]). One pass over the index, then one per buyer.
///
/// # Errors
/// [`MoneyError::NoRate`] when an amount that counts is in a currency
/// without a rate on `as_of`.
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use credit_core::{demo, index::LedgerIndex, monitor, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let ix = LedgerIndex::new(&p);
/// let alerts = monitor::evaluate(&p, &ix, as_of, &HashMap::new(),
///     &monitor::MonitorSettings::default()).unwrap();
/// assert!(alerts.iter().any(|a| a.customer_id == demo::PLANTED_BUYER_ID
///     && a.rule == monitor::Rule::VolumeUpPayingSlower));
/// ```
pub fn evaluate(
    portfolio: &Portfolio,
    ix: &LedgerIndex,
    as_of: NaiveDate,
    context: &HashMap<String, BuyerContext>,
    settings: &MonitorSettings,
) -> Result<Vec<Alert>, MoneyError> {
    let on = day(as_of);
    let nc = ix.currencies.len();
    let n_cust = ix.customer_ids.len();

    // Index buyer → portfolio buyer.
    let mut customer_of: Vec<Option<&Customer>> = vec![None; n_cust];
    let mut by_id: Option<HashMap<&str, &Customer>> = None;
    for (ci, id) in ix.customer_ids.iter().enumerate() {
        customer_of[ci] = match portfolio.customers.get(ci) {
            Some(c) if c.id == *id => Some(c),
            _ => by_id
                .get_or_insert_with(|| {
                    portfolio
                        .customers
                        .iter()
                        .map(|c| (c.id.as_str(), c))
                        .collect()
                })
                .get(id.as_str())
                .copied(),
        };
    }
    let insured: Vec<bool> = customer_of
        .iter()
        .map(|c| c.is_some_and(|c| c.insured_limit.is_some_and(|l| l > Decimal::ZERO)))
        .collect();
    // Invoice ids by row, when the index is the portfolio's.
    let ids_match = ix.rows.len() == portfolio.invoices.len();

    // Windows.
    let q3 = as_of
        .checked_sub_months(Months::new(3))
        .map_or(i32::MIN, day);
    let y12 = as_of
        .checked_sub_months(Months::new(12))
        .map_or(i32::MIN, day);
    let nm = settings.worsening_months as usize;
    let mut ends = vec![on];
    for k in 1..=settings.worsening_months {
        match months_back(as_of, k) {
            Some(b) => ends.push(day(b)),
            None => break,
        }
    }
    let months_ok = ends.len() == nm + 1;
    let months_from = if months_ok { ends[nm] } else { on };
    let pay_from = y12.min(months_from);
    let mut steps = settings.dunning_steps.clone();
    steps.sort_unstable();
    steps.dedup();
    let steps: Vec<i32> = steps.into_iter().map(clamp_i32).collect();
    let ns = steps.len();
    let window_end = on.saturating_add(clamp_i32(settings.deadline_window_days));
    let ext_days = clamp_i32(settings.extension_days);
    let notif_days = clamp_i32(settings.notification_days);

    // Accumulators.
    let mut acc = vec![Acc::default(); n_cust * nc];
    let mut month_acc = vec![Decimal::ZERO; n_cust * nc * nm * 2];
    let mut step_amount = vec![Decimal::ZERO; n_cust * nc * ns];
    let mut step_count = vec![0u32; n_cust * ns];
    let mut max_dpd = vec![i32::MIN; n_cust];
    let mut deadline: Vec<Option<Deadline>> = vec![None; n_cust];
    let mut deadline_count = vec![0u32; n_cust];

    for (ri, r) in ix.rows.iter().enumerate() {
        let open = ix.open_at(r, on);
        let recent = r.issue > q3 && r.issue <= on;
        let before = r.issue > y12 && r.issue <= q3;
        let pays_in = r.last_pay > pay_from;
        let counts_open = open > Decimal::ZERO;
        if open.is_zero() && !recent && !before && !pays_in {
            continue;
        }
        if r.slot == NO_SLOT {
            return Err(no_rate(r, as_of));
        }
        let ci = r.customer as usize;
        let cs = ci * nc + r.slot as usize;
        let a = &mut acc[cs];
        if recent {
            a.sales_recent += r.gross;
        } else if before {
            a.sales_before += r.gross;
        }
        // Net: credits lower the exposure.
        a.exposure += open;
        if counts_open && r.disputed_from > on {
            let dpd = on - r.due;
            let reached = steps.partition_point(|&o| o <= dpd);
            if reached > 0 {
                step_count[ci * ns + reached - 1] += 1;
                step_amount[cs * ns + reached - 1] += open;
                max_dpd[ci] = max_dpd[ci].max(dpd);
            }
            if insured[ci] && r.due < on {
                let ext = r.due.saturating_add(ext_days);
                let notif = ext.saturating_add(notif_days);
                let mut any = false;
                for (d, kind) in [
                    (ext, DeadlineKind::ExtensionEnds),
                    (notif, DeadlineKind::NotificationDue),
                ] {
                    if d >= on && d <= window_end {
                        any = true;
                        let cand = (d, kind, ri);
                        if deadline[ci].is_none_or(|best| cand < best) {
                            deadline[ci] = Some(cand);
                        }
                    }
                }
                if any {
                    deadline_count[ci] += 1;
                }
            }
        }
        if pays_in {
            for p in ix.pays_of(r) {
                if p.day <= pay_from {
                    continue;
                }
                if p.day > on {
                    break;
                }
                let late = p.day - r.due;
                let amount_days = if late > 0 {
                    p.amount * Decimal::from(late)
                } else {
                    Decimal::ZERO
                };
                if p.day > q3 {
                    a.paid_recent += p.amount;
                    a.days_recent += amount_days;
                } else if p.day > y12 {
                    a.paid_before += p.amount;
                    a.days_before += amount_days;
                }
                if months_ok && nm > 0 && p.day > months_from {
                    let k = ends.partition_point(|&b| b >= p.day) - 1;
                    let m = (cs * nm + k) * 2;
                    month_acc[m] += p.amount;
                    month_acc[m + 1] += amount_days;
                }
            }
        }
    }

    // Per buyer, in the base currency.
    let mut rates = Rates::new(ix, as_of);
    let mut base = vec![Acc::default(); n_cust];
    let mut total_ar = Decimal::ZERO;
    for ci in 0..n_cust {
        let b = &mut base[ci];
        for slot in 0..nc {
            let a = &acc[ci * nc + slot];
            if a.is_zero() {
                continue;
            }
            let rate = rates.slot(slot)?;
            b.exposure += a.exposure * rate;
            b.sales_recent += a.sales_recent * rate;
            b.sales_before += a.sales_before * rate;
            b.paid_recent += a.paid_recent * rate;
            b.days_recent += a.days_recent * rate;
            b.paid_before += a.paid_before * rate;
            b.days_before += a.days_before * rate;
        }
        // Concentration is measured against what buyers owe: buyers in net
        // credit do not shrink the total (as the KPIs' top-1 share).
        total_ar += b.exposure.max(Decimal::ZERO);
    }

    let default_context = BuyerContext::default();
    let mut alerts = Vec::new();
    let three = Decimal::from(3);
    let nine = Decimal::from(9);
    for ci in 0..n_cust {
        let Some(c) = customer_of[ci] else {
            continue;
        };
        let ctx = context.get(&c.id).unwrap_or(&default_context);
        let b = &base[ci];
        let exposure = b.exposure;
        let mut push = |rule, severity, evidence, action| {
            alerts.push(Alert {
                rule,
                severity,
                customer_id: c.id.clone(),
                evidence,
                action,
            })
        };

        // Over limit / utilisation.
        if let Some(limit) = c.credit_limit {
            if exposure > limit {
                push(
                    Rule::OverLimit,
                    Severity::Critical,
                    Evidence::OverLimit { exposure, limit },
                    Action::HoldDeliveries,
                );
            } else if let Some(u) = crate::limit::utilisation(exposure, limit) {
                if u >= settings.utilisation && u <= Decimal::ONE {
                    push(
                        Rule::Utilisation,
                        Severity::Warning,
                        Evidence::Utilisation {
                            exposure,
                            limit,
                            utilisation: u,
                        },
                        Action::ReviewLimit,
                    );
                }
            }
        }

        // Dunning: nothing for a buyer in net credit.
        if !ctx.on_plan && exposure > Decimal::ZERO {
            if let Some(s) = (0..ns).rev().find(|&s| step_count[ci * ns + s] > 0) {
                let mut amount = Decimal::ZERO;
                for slot in 0..nc {
                    let x = step_amount[(ci * nc + slot) * ns + s];
                    if !x.is_zero() {
                        amount += x * rates.slot(slot)?;
                    }
                }
                let (severity, action) = if s + 1 == ns {
                    (Severity::Critical, Action::Escalate)
                } else if s == 0 {
                    (Severity::Info, Action::SendReminder)
                } else {
                    (Severity::Warning, Action::CallBuyer)
                };
                push(
                    Rule::PastDunningStep,
                    severity,
                    Evidence::PastDunningStep {
                        step_days: i64::from(steps[s]),
                        step: s as u32 + 1,
                        invoices: step_count[ci * ns + s],
                        amount,
                        max_days_past_due: i64::from(max_dpd[ci]),
                    },
                    action,
                );
            }
        }

        // Grade.
        if let (Some(to), Some(from)) = (ctx.grade, ctx.previous_grade) {
            if to > from {
                let severity = if to >= GRADE_CRITICAL {
                    Severity::Critical
                } else {
                    Severity::Warning
                };
                push(
                    Rule::GradeDowngraded,
                    severity,
                    Evidence::GradeDowngraded { from, to },
                    Action::Reassess,
                );
            }
        }

        // Insured limit.
        if let Some(from) = ctx.insured_limit_before {
            let to = c.insured_limit.unwrap_or(Decimal::ZERO);
            if to < from {
                let severity = if to <= Decimal::ZERO && exposure > Decimal::ZERO {
                    Severity::Critical
                } else {
                    Severity::Warning
                };
                let action = if exposure > to {
                    Action::ReduceExposure
                } else {
                    Action::AskInsurer
                };
                push(
                    Rule::InsuredLimitCut,
                    severity,
                    Evidence::InsuredLimitCut { from, to },
                    action,
                );
            }
        }

        // Volume up while paying slower.
        let mut volume_up = false;
        if let (Some(delay_now), Some(delay_before)) = (
            ratio(b.days_recent, b.paid_recent),
            ratio(b.days_before, b.paid_before),
        ) {
            let recent_monthly_sales = b.sales_recent / three;
            let earlier_monthly_sales = b.sales_before / nine;
            if let Some(r) = ratio(recent_monthly_sales, earlier_monthly_sales) {
                if recent_monthly_sales >= settings.volume_ratio * earlier_monthly_sales
                    && delay_now - delay_before >= settings.delay_rise_days
                {
                    volume_up = true;
                    push(
                        Rule::VolumeUpPayingSlower,
                        Severity::Critical,
                        Evidence::VolumeUpPayingSlower {
                            recent_monthly_sales,
                            earlier_monthly_sales,
                            ratio: r,
                            delay_before,
                            delay_now,
                        },
                        Action::CallBuyer,
                    );
                }
            }
        }

        // Delay worsening.
        if !volume_up && months_ok && nm > 0 {
            let mut months: Vec<(NaiveDate, Decimal)> = Vec::with_capacity(nm);
            for k in (0..nm).rev() {
                let (mut paid, mut days) = (Decimal::ZERO, Decimal::ZERO);
                for slot in 0..nc {
                    let m = ((ci * nc + slot) * nm + k) * 2;
                    if month_acc[m].is_zero() {
                        continue;
                    }
                    let rate = rates.slot(slot)?;
                    paid += month_acc[m] * rate;
                    days += month_acc[m + 1] * rate;
                }
                let Some(avg) = ratio(days, paid) else {
                    break;
                };
                let end = NaiveDate::from_num_days_from_ce_opt(ends[k]).unwrap_or(as_of);
                months.push((end, avg));
            }
            if months.len() == nm && months.windows(2).all(|w| w[1].1 >= w[0].1) {
                let rise = months[nm - 1].1 - months[0].1;
                if rise >= settings.worsening_days {
                    push(
                        Rule::DelayWorsening,
                        Severity::Warning,
                        Evidence::DelayWorsening { months, rise },
                        Action::MonitorClosely,
                    );
                }
            }
        }

        // Concentration: only a buyer that owes something.
        if let Some(share) = ratio(exposure, total_ar).filter(|_| exposure > Decimal::ZERO) {
            if share > settings.concentration {
                push(
                    Rule::Concentration,
                    Severity::Warning,
                    Evidence::Concentration {
                        exposure,
                        total: total_ar,
                        share,
                    },
                    Action::ReduceExposure,
                );
            }
        }

        // Insurer deadline: nothing owed, nothing to notify.
        if let Some((d, kind, ri)) = deadline[ci].filter(|_| exposure > Decimal::ZERO) {
            let days_left = i64::from(d - on);
            let severity = if days_left <= DEADLINE_CRITICAL_DAYS {
                Severity::Critical
            } else {
                Severity::Warning
            };
            let invoice_id = if ids_match {
                portfolio.invoices[ri].id.clone()
            } else {
                String::new()
            };
            push(
                Rule::InsurerDeadline,
                severity,
                Evidence::InsurerDeadline {
                    kind,
                    date: NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(as_of),
                    days_left,
                    invoice_id,
                    invoices: deadline_count[ci],
                },
                Action::NotifyInsurer,
            );
        }
    }
    alerts.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    Ok(alerts)
}

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
