//! What an alert is: its rule, severity, evidence and suggested action,
//! and what the rules need to know of a buyer besides the ledger.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
    /// A promise to pay was broken ([`crate::collections`]).
    PromiseBroken,
    /// A group's exposure is above its shared limit.
    GroupOverLimit,
    /// A group holds too large a share of the AR.
    GroupConcentration,
}

impl Rule {
    /// The rules [`crate::monitor::evaluate`] runs over the ledger, in order.
    pub const MONITORING: [Rule; 9] = [
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

    /// Every rule, in order: the monitoring rules, then the collections
    /// workflow's ([`crate::collections::Book::alerts`]).
    pub const ALL: [Rule; 12] = [
        Rule::OverLimit,
        Rule::Utilisation,
        Rule::PastDunningStep,
        Rule::GradeDowngraded,
        Rule::InsuredLimitCut,
        Rule::VolumeUpPayingSlower,
        Rule::DelayWorsening,
        Rule::Concentration,
        Rule::InsurerDeadline,
        Rule::PromiseBroken,
        Rule::GroupOverLimit,
        Rule::GroupConcentration,
    ];

    /// The rule's stable key, the same as its serde name (`"over_limit"`, …).
    ///
    /// # Example
    /// ```
    /// use credit_core::monitor::Rule;
    /// assert_eq!(Rule::OverLimit.key(), "over_limit");
    /// assert_eq!(Rule::InsurerDeadline.key(), "insurer_deadline");
    /// ```
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
            Rule::PromiseBroken => "promise_broken",
            Rule::GroupOverLimit => "group_over_limit",
            Rule::GroupConcentration => "group_concentration",
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
    /// [`Rule::PromiseBroken`].
    PromiseBroken {
        /// The promise.
        promise_id: String,
        /// The day the money was promised for.
        promised_date: NaiveDate,
        /// Promised.
        amount: Decimal,
        /// Paid from the day it was recorded to the promised date + grace.
        paid: Decimal,
    },
    /// [`Rule::GroupOverLimit`].
    GroupOverLimit {
        /// The group.
        group: String,
        /// Its members.
        members: u32,
        /// Σ its members' exposure.
        exposure: Decimal,
        /// Its shared limit.
        limit: Decimal,
    },
    /// [`Rule::GroupConcentration`].
    GroupConcentration {
        /// The group.
        group: String,
        /// Σ its members' exposure.
        exposure: Decimal,
        /// Open AR of the portfolio.
        total: Decimal,
        /// exposure ÷ total, a fraction.
        share: Decimal,
    },
}

/// One alert: a rule that fired for a buyer.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Alert {
    /// The rule.
    pub rule: Rule,
    /// How serious.
    pub severity: Severity,
    /// The buyer's [`Customer::id`](crate::customer::Customer::id).
    pub customer_id: String,
    /// The figures behind it.
    pub evidence: Evidence,
    /// What to do.
    pub action: Action,
}

impl Alert {
    /// A key stable across days, `"rule_key:customer_id"` (there is at most
    /// one alert per rule per buyer), e.g. to remember dismissed alerts.
    ///
    /// # Example
    /// ```
    /// use credit_core::monitor::{Action, Alert, Evidence, Rule, Severity};
    /// let a = Alert {
    ///     rule: Rule::GradeDowngraded,
    ///     severity: Severity::Warning,
    ///     customer_id: "C042".into(),
    ///     evidence: Evidence::GradeDowngraded { from: 4, to: 6 },
    ///     action: Action::Reassess,
    /// };
    /// assert_eq!(a.key(), "grade_downgraded:C042");
    /// ```
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
