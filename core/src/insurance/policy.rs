//! The policy: its terms, their defaults and the checks on them.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{pick, Lang, PolicyFormError};
use crate::customer::Customer;

/// A trade credit insurance policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// The insurer.
    pub insurer: String,
    /// The policy number.
    pub policy_number: String,
    /// Indemnity percentage, a fraction (0.90).
    pub indemnity_pct: Decimal,
    /// Claims below this are not paid.
    pub non_qualifying_loss: Decimal,
    /// The policyholder's own retention per policy year.
    pub aggregate_first_loss: Decimal,
    /// Maximum liability per policy year; `None`: no cap.
    pub max_liability: Option<Decimal>,
    /// Premium rate on insured turnover, a fraction (0.0025).
    pub premium_rate: Decimal,
    /// Minimum premium a year.
    pub minimum_premium: Decimal,
    /// Insured turnover a year; `None`: from the ledger.
    pub insured_turnover: Option<Decimal>,
    /// Per-buyer insured limits set on the policy (they override the
    /// ledger's).
    pub limits: BTreeMap<String, Decimal>,
    /// Maximum extension period, days after due (60).
    pub mep_days: i64,
    /// Overdue notification deadline, days after the MEP ends (30).
    pub notification_days: i64,
    /// Protracted-default waiting period, days after due (180).
    pub protracted_default_days: i64,
    /// Days to file a claim once it is payable (60).
    pub claim_filing_days: i64,
    /// The first day of the current policy year.
    pub year_start: NaiveDate,
    /// Loss given default, a fraction (0.45).
    pub lgd: Decimal,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            insurer: String::new(),
            policy_number: String::new(),
            indemnity_pct: Decimal::new(90, 2),
            non_qualifying_loss: Decimal::ZERO,
            aggregate_first_loss: Decimal::ZERO,
            max_liability: None,
            premium_rate: Decimal::new(25, 4),
            minimum_premium: Decimal::ZERO,
            insured_turnover: None,
            limits: BTreeMap::new(),
            mep_days: 60,
            notification_days: 30,
            protracted_default_days: 180,
            claim_filing_days: 60,
            year_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            lgd: Decimal::new(45, 2),
        }
    }
}

/// A policy term that cannot be right.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyError {
    /// The field.
    pub field: &'static str,
    /// Its value.
    pub value: String,
    /// Why (English).
    pub reason: &'static str,
    /// Why (Chinese).
    pub reason_zh: &'static str,
}

impl PolicyError {
    /// The field's name.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        pick(
            lang,
            format!(
                "{}: '{}' {}",
                field_label(self.field, Lang::En),
                self.value,
                self.reason
            ),
            format!(
                "{}：“{}”{}",
                field_label(self.field, Lang::Zh),
                self.value,
                self.reason_zh
            ),
        )
    }
}

impl From<&PolicyFormError> for PolicyError {
    /// A bound a term is out of, in both languages; a field that cannot be
    /// read (a form's problem, never a policy's) keeps its English text.
    fn from(e: &PolicyFormError) -> Self {
        let (value, reason, reason_zh) = match e {
            PolicyFormError::PercentOutOfRange { percent, .. } => (
                format!("{percent} %"),
                "must be more than 0 % and at most 100 %.",
                "须大于 0% 且不超过 100%。",
            ),
            PolicyFormError::Negative { value, .. } => {
                (value.to_string(), "must not be negative.", "不能为负数。")
            }
            PolicyFormError::DaysOutOfRange { value, .. } => (
                value.to_string(),
                "must be a number of days from 0 to 3650.",
                "须为 0 到 3650 之间的天数。",
            ),
            PolicyFormError::NotAnAmount { value, .. }
            | PolicyFormError::NotAPercentage { value, .. }
            | PolicyFormError::NotDays { value, .. }
            | PolicyFormError::NotADate { value, .. } => {
                (value.clone(), "cannot be read.", "无法读取。")
            }
        };
        PolicyError {
            field: e.field().key(),
            value,
            reason,
            reason_zh,
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A policy field's label.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    let (en, zh) = match field {
        "indemnity_pct" => ("Indemnity", "赔付比例"),
        "non_qualifying_loss" => ("Non-qualifying loss", "不予赔付损失额"),
        "aggregate_first_loss" => ("Aggregate first loss", "累计自负额"),
        "max_liability" => ("Maximum liability", "最高赔偿限额"),
        "premium_rate" => ("Premium rate", "费率"),
        "minimum_premium" => ("Minimum premium", "最低保费"),
        "insured_turnover" => ("Insured turnover", "投保营业额"),
        "limits" => ("Insured limit", "保险限额"),
        "mep_days" => ("Maximum extension period", "最长延展期"),
        "notification_days" => ("Notification deadline", "逾期申报期限"),
        "protracted_default_days" => ("Protracted default waiting period", "拖欠等待期"),
        "claim_filing_days" => ("Claim filing deadline", "索赔申请期限"),
        "lgd" => ("Loss given default", "违约损失率"),
        _ => ("Policy", "保单"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

impl Policy {
    /// Every term that cannot be right: percentages in (0, 100 %], amounts
    /// ≥ 0, days from 0 to 3650 (the bounds of [`Policy::check`]).
    ///
    /// # Errors
    ///
    /// Every term out of its bounds, in both languages.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::Policy;
    /// assert!(Policy::default().validate().is_ok());
    /// let bad = Policy { mep_days: -1, ..Policy::default() };
    /// assert_eq!(bad.validate().unwrap_err()[0].field(), "mep_days");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<PolicyError>> {
        let v: Vec<PolicyError> = self.check().iter().map(PolicyError::from).collect();
        if v.is_empty() {
            Ok(())
        } else {
            Err(v)
        }
    }

    /// A buyer's insured limit: the policy's, else the ledger's, else 0.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::customer::Customer;
    /// use credit_core::insurance::Policy;
    /// use credit_core::Decimal;
    /// let mut c = Customer::new("C1", "Buyer".to_string());
    /// c.insured_limit = Some(Decimal::from(500));
    /// let mut p = Policy::default();
    /// assert_eq!(p.insured_limit(&c), Decimal::from(500));
    /// p.limits.insert("C1".into(), Decimal::from(800));
    /// assert_eq!(p.insured_limit(&c), Decimal::from(800));
    /// ```
    pub fn insured_limit(&self, c: &Customer) -> Decimal {
        self.limits
            .get(&c.id)
            .copied()
            .or(c.insured_limit)
            .unwrap_or(Decimal::ZERO)
            .max(Decimal::ZERO)
    }

    /// The policy year holding `d`: its first and last day. The year starts
    /// on the anniversary of `year_start` (29 February → 28 February in a
    /// common year).
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::Policy;
    /// use credit_core::NaiveDate;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let p = Policy { year_start: d(2024, 2, 29), ..Policy::default() };
    /// assert_eq!(p.year_of(d(2026, 3, 1)), (d(2026, 2, 28), d(2027, 2, 27)));
    /// ```
    pub fn year_of(&self, d: NaiveDate) -> (NaiveDate, NaiveDate) {
        let at = |y: i32| {
            NaiveDate::from_ymd_opt(y, self.year_start.month(), self.year_start.day())
                .or_else(|| NaiveDate::from_ymd_opt(y, self.year_start.month(), 28))
                .unwrap_or(self.year_start)
        };
        let mut start = at(d.year());
        if start > d {
            start = at(d.year() - 1);
        }
        let next = at(start.year() + 1);
        (start, next.pred_opt().unwrap_or(next))
    }
}
