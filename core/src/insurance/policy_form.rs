//! The policy as a settings form: its terms typed as text ([`PolicyText`]),
//! read and checked field by field into a [`Policy`], every problem a
//! [`PolicyFormError`] naming the field, the value and the bound.
//!
//! The checks, in the order a form reports them:
//!
//! | field | reads as | bound |
//! |---|---|---|
//! | indemnity | a percentage | more than 0 % and at most 100 % |
//! | premium rate, loss given default | a percentage | 0 % to 100 % |
//! | amounts (non-qualifying loss, aggregate first loss, maximum liability, minimum premium, insured turnover, a buyer's insured limit) | an amount | zero or more |
//! | maximum extension period, notification, waiting period, claim filing | whole days | 0 to [`MAX_DAYS`] |
//! | policy year start | a date, `YYYY-MM-DD` | |
//!
//! A field that cannot be read is reported first; the bounds are checked
//! once every field reads ([`Policy::check`]), as [`Policy::validate`]
//! does for a policy read from a file.

use rust_decimal::Decimal;

use super::Policy;
use crate::dates::parse_iso;
use crate::money::parse_amount;

/// The most days a policy deadline may be: ten years.
pub const MAX_DAYS: i64 = 3650;

/// A term of the policy, as the settings form names it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PolicyField {
    /// [`Policy::indemnity_pct`].
    IndemnityPct,
    /// [`Policy::non_qualifying_loss`].
    NonQualifyingLoss,
    /// [`Policy::aggregate_first_loss`].
    AggregateFirstLoss,
    /// [`Policy::max_liability`].
    MaxLiability,
    /// [`Policy::premium_rate`].
    PremiumRate,
    /// [`Policy::minimum_premium`].
    MinimumPremium,
    /// [`Policy::insured_turnover`].
    InsuredTurnover,
    /// A buyer's insured limit in [`Policy::limits`].
    Limit,
    /// [`Policy::mep_days`].
    MepDays,
    /// [`Policy::notification_days`].
    NotificationDays,
    /// [`Policy::protracted_default_days`].
    ProtractedDefaultDays,
    /// [`Policy::claim_filing_days`].
    ClaimFilingDays,
    /// [`Policy::year_start`].
    YearStart,
    /// [`Policy::lgd`].
    Lgd,
}

impl PolicyField {
    /// The field's name in [`Policy`] (and in a policy file): `limits` for a
    /// buyer's insured limit.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::PolicyField;
    /// assert_eq!(PolicyField::MepDays.key(), "mep_days");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            PolicyField::IndemnityPct => "indemnity_pct",
            PolicyField::NonQualifyingLoss => "non_qualifying_loss",
            PolicyField::AggregateFirstLoss => "aggregate_first_loss",
            PolicyField::MaxLiability => "max_liability",
            PolicyField::PremiumRate => "premium_rate",
            PolicyField::MinimumPremium => "minimum_premium",
            PolicyField::InsuredTurnover => "insured_turnover",
            PolicyField::Limit => "limits",
            PolicyField::MepDays => "mep_days",
            PolicyField::NotificationDays => "notification_days",
            PolicyField::ProtractedDefaultDays => "protracted_default_days",
            PolicyField::ClaimFilingDays => "claim_filing_days",
            PolicyField::YearStart => "year_start",
            PolicyField::Lgd => "lgd",
        }
    }

    /// The field's English label, as messages name it.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::PolicyField;
    /// assert_eq!(PolicyField::IndemnityPct.label(), "Indemnity");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            PolicyField::IndemnityPct => "Indemnity",
            PolicyField::NonQualifyingLoss => "Non-qualifying loss",
            PolicyField::AggregateFirstLoss => "Aggregate first loss",
            PolicyField::MaxLiability => "Maximum liability",
            PolicyField::PremiumRate => "Premium rate",
            PolicyField::MinimumPremium => "Minimum premium",
            PolicyField::InsuredTurnover => "Insured turnover",
            PolicyField::Limit => "Insured limit",
            PolicyField::MepDays => "Maximum extension period",
            PolicyField::NotificationDays => "Notification deadline",
            PolicyField::ProtractedDefaultDays => "Protracted default waiting period",
            PolicyField::ClaimFilingDays => "Claim filing deadline",
            PolicyField::YearStart => "Policy year starts",
            PolicyField::Lgd => "Loss given default",
        }
    }
}

/// A policy term that cannot be read or is out of its bounds: the field,
/// the value as typed (or as read) and the bound. The `Display` text is
/// English; the app writes each variant in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyFormError {
    /// Not an amount of zero or more.
    #[error("{}: '{value}' is not an amount of zero or more.", field.label())]
    NotAnAmount {
        /// The field.
        field: PolicyField,
        /// The text typed.
        value: String,
    },
    /// Not a percentage.
    #[error("{}: '{value}' is not a percentage.", field.label())]
    NotAPercentage {
        /// The field.
        field: PolicyField,
        /// The text typed.
        value: String,
    },
    /// Not a whole number of days from `min` to `max`.
    #[error("{}: '{value}' is not a number of days from {min} to {max}.", field.label())]
    NotDays {
        /// The field.
        field: PolicyField,
        /// The text typed.
        value: String,
        /// The fewest days (0).
        min: i64,
        /// The most days ([`MAX_DAYS`]).
        max: i64,
    },
    /// Not a date `YYYY-MM-DD`.
    #[error("{}: '{value}' is not a date (YYYY-MM-DD).", field.label())]
    NotADate {
        /// The field.
        field: PolicyField,
        /// The text typed.
        value: String,
    },
    /// A percentage outside (0 %, `max` %] (the indemnity) or [0 %, `max` %]
    /// (the premium rate, the loss given default); the message names the
    /// stricter bound, as the policy terms do.
    #[error("{}: '{percent} %' must be more than 0 % and at most {max} %.", field.label())]
    PercentOutOfRange {
        /// The field.
        field: PolicyField,
        /// The value, in per cent.
        percent: Decimal,
        /// The most it may be, in per cent (100).
        max: Decimal,
    },
    /// A negative amount.
    #[error("{}: '{value}' must not be negative.", field.label())]
    Negative {
        /// The field.
        field: PolicyField,
        /// The amount.
        value: Decimal,
    },
    /// A number of days outside `min..=max`.
    #[error("{}: '{value}' must be a number of days from {min} to {max}.", field.label())]
    DaysOutOfRange {
        /// The field.
        field: PolicyField,
        /// The days.
        value: i64,
        /// The fewest days (0).
        min: i64,
        /// The most days ([`MAX_DAYS`]).
        max: i64,
    },
}

impl PolicyFormError {
    /// The field the problem is in.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::{parse_limit, PolicyField};
    /// let e = parse_limit("lots").unwrap_err();
    /// assert_eq!(e.field(), PolicyField::Limit);
    /// ```
    pub fn field(&self) -> PolicyField {
        match self {
            PolicyFormError::NotAnAmount { field, .. }
            | PolicyFormError::NotAPercentage { field, .. }
            | PolicyFormError::NotDays { field, .. }
            | PolicyFormError::NotADate { field, .. }
            | PolicyFormError::PercentOutOfRange { field, .. }
            | PolicyFormError::Negative { field, .. }
            | PolicyFormError::DaysOutOfRange { field, .. } => *field,
        }
    }
}

/// A buyer's insured limit as typed: an amount of zero or more.
///
/// # Errors
///
/// [`PolicyFormError::NotAnAmount`] for text that is not an amount of zero
/// or more.
///
/// # Example
///
/// ```
/// use credit_core::insurance::{parse_limit, PolicyFormError};
/// use credit_core::Decimal;
/// assert_eq!(parse_limit(" 500,000 ").unwrap(), Decimal::from(500_000));
/// assert_eq!(
///     parse_limit("-1").unwrap_err().to_string(),
///     "Insured limit: '-1' is not an amount of zero or more."
/// );
/// ```
pub fn parse_limit(text: &str) -> Result<Decimal, PolicyFormError> {
    parse_amount(text.trim(), false).map_err(|_| PolicyFormError::NotAnAmount {
        field: PolicyField::Limit,
        value: text.to_string(),
    })
}

/// The policy's terms as typed in the settings form: percentages in per
/// cent ("90"), amounts as text, an optional amount blank for none, days
/// and the year's first day as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyText {
    /// The insurer.
    pub insurer: String,
    /// The policy number.
    pub number: String,
    /// The indemnity, per cent.
    pub pct: String,
    /// The non-qualifying loss.
    pub nql: String,
    /// The aggregate first loss.
    pub afl: String,
    /// The maximum liability; blank: none.
    pub max_liability: String,
    /// The premium rate, per cent of insured turnover.
    pub rate: String,
    /// The minimum premium.
    pub min_premium: String,
    /// The insured turnover; blank: the ledger's.
    pub turnover: String,
    /// The maximum extension period, days.
    pub mep: String,
    /// The notification deadline, days after the extension period.
    pub notify: String,
    /// The protracted-default waiting period, days.
    pub protracted: String,
    /// The claim filing deadline, days.
    pub filing: String,
    /// The policy year's first day, `YYYY-MM-DD`.
    pub year_start: String,
    /// The loss given default, per cent.
    pub lgd: String,
}

fn pct_text(x: Decimal) -> String {
    (x * Decimal::ONE_HUNDRED).normalize().to_string()
}

fn amt_text(x: Decimal) -> String {
    x.normalize().to_string()
}

impl PolicyText {
    /// The text of each term of a policy.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::{Policy, PolicyText};
    /// let t = PolicyText::of(&Policy::default());
    /// assert_eq!((t.pct.as_str(), t.rate.as_str(), t.mep.as_str()), ("90", "0.25", "60"));
    /// assert_eq!(t.max_liability, "");
    /// ```
    pub fn of(p: &Policy) -> Self {
        PolicyText {
            insurer: p.insurer.clone(),
            number: p.policy_number.clone(),
            pct: pct_text(p.indemnity_pct),
            nql: amt_text(p.non_qualifying_loss),
            afl: amt_text(p.aggregate_first_loss),
            max_liability: p.max_liability.map(amt_text).unwrap_or_default(),
            rate: pct_text(p.premium_rate),
            min_premium: amt_text(p.minimum_premium),
            turnover: p.insured_turnover.map(amt_text).unwrap_or_default(),
            mep: p.mep_days.to_string(),
            notify: p.notification_days.to_string(),
            protracted: p.protracted_default_days.to_string(),
            filing: p.claim_filing_days.to_string(),
            year_start: p.year_start.to_string(),
            lgd: pct_text(p.lgd),
        }
    }

    /// The policy `base` with these terms: every field read, then every
    /// bound checked ([`Policy::check`]). The buyers' insured limits are
    /// kept from `base`.
    ///
    /// # Errors
    ///
    /// Every field that cannot be read, in the form's order; when all read,
    /// every term out of its bounds.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::{Policy, PolicyField, PolicyFormError, PolicyText};
    /// use credit_core::Decimal;
    /// let mut t = PolicyText::of(&Policy::default());
    /// t.pct = "85".into();
    /// let p = t.apply(Policy::default()).unwrap();
    /// assert_eq!(p.indemnity_pct, Decimal::new(85, 2));
    ///
    /// t.pct = "ninety".into();
    /// t.mep = "-1".into();
    /// let e = t.apply(Policy::default()).unwrap_err();
    /// assert_eq!(e[0].to_string(), "Indemnity: 'ninety' is not a percentage.");
    /// assert_eq!(e[1].field(), PolicyField::MepDays);
    /// ```
    pub fn apply(&self, mut p: Policy) -> Result<Policy, Vec<PolicyFormError>> {
        let mut errors = Vec::new();
        let amount = |v: &str| parse_amount(v.trim(), false).ok();
        let days = |v: &str| {
            v.trim()
                .parse::<i64>()
                .ok()
                .filter(|d| (0..=MAX_DAYS).contains(d))
        };
        let not_amount = |field, v: &str| PolicyFormError::NotAnAmount {
            field,
            value: v.to_string(),
        };
        let not_pct = |field, v: &str| PolicyFormError::NotAPercentage {
            field,
            value: v.to_string(),
        };
        let not_days = |field, v: &str| PolicyFormError::NotDays {
            field,
            value: v.to_string(),
            min: 0,
            max: MAX_DAYS,
        };
        p.insurer = self.insurer.trim().to_string();
        p.policy_number = self.number.trim().to_string();
        match amount(&self.pct) {
            Some(x) => p.indemnity_pct = x / Decimal::ONE_HUNDRED,
            None => errors.push(not_pct(PolicyField::IndemnityPct, &self.pct)),
        }
        match amount(&self.nql) {
            Some(x) => p.non_qualifying_loss = x,
            None => errors.push(not_amount(PolicyField::NonQualifyingLoss, &self.nql)),
        }
        match amount(&self.afl) {
            Some(x) => p.aggregate_first_loss = x,
            None => errors.push(not_amount(PolicyField::AggregateFirstLoss, &self.afl)),
        }
        if self.max_liability.trim().is_empty() {
            p.max_liability = None;
        } else {
            match amount(&self.max_liability) {
                Some(x) => p.max_liability = Some(x),
                None => errors.push(not_amount(PolicyField::MaxLiability, &self.max_liability)),
            }
        }
        match amount(&self.rate) {
            Some(x) => p.premium_rate = x / Decimal::ONE_HUNDRED,
            None => errors.push(not_pct(PolicyField::PremiumRate, &self.rate)),
        }
        match amount(&self.min_premium) {
            Some(x) => p.minimum_premium = x,
            None => errors.push(not_amount(PolicyField::MinimumPremium, &self.min_premium)),
        }
        if self.turnover.trim().is_empty() {
            p.insured_turnover = None;
        } else {
            match amount(&self.turnover) {
                Some(x) => p.insured_turnover = Some(x),
                None => errors.push(not_amount(PolicyField::InsuredTurnover, &self.turnover)),
            }
        }
        match days(&self.mep) {
            Some(x) => p.mep_days = x,
            None => errors.push(not_days(PolicyField::MepDays, &self.mep)),
        }
        match days(&self.notify) {
            Some(x) => p.notification_days = x,
            None => errors.push(not_days(PolicyField::NotificationDays, &self.notify)),
        }
        match days(&self.protracted) {
            Some(x) => p.protracted_default_days = x,
            None => errors.push(not_days(
                PolicyField::ProtractedDefaultDays,
                &self.protracted,
            )),
        }
        match days(&self.filing) {
            Some(x) => p.claim_filing_days = x,
            None => errors.push(not_days(PolicyField::ClaimFilingDays, &self.filing)),
        }
        match parse_iso(self.year_start.trim()) {
            Some(d) => p.year_start = d,
            None => errors.push(PolicyFormError::NotADate {
                field: PolicyField::YearStart,
                value: self.year_start.clone(),
            }),
        }
        match amount(&self.lgd) {
            Some(x) => p.lgd = x / Decimal::ONE_HUNDRED,
            None => errors.push(not_pct(PolicyField::Lgd, &self.lgd)),
        }
        if errors.is_empty() {
            errors = p.check();
        }
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }
}

impl Policy {
    /// Every term out of its bounds: percentages in (0, 100 %] for the
    /// indemnity and [0, 100 %] for the premium rate and the loss given
    /// default, amounts ≥ 0, days from 0 to [`MAX_DAYS`]. Empty when the
    /// policy can be used.
    ///
    /// # Example
    ///
    /// ```
    /// use credit_core::insurance::{Policy, PolicyFormError};
    /// assert!(Policy::default().check().is_empty());
    /// let p = Policy { indemnity_pct: "1.2".parse().unwrap(), ..Policy::default() };
    /// assert_eq!(
    ///     p.check()[0].to_string(),
    ///     "Indemnity: '120 %' must be more than 0 % and at most 100 %."
    /// );
    /// ```
    pub fn check(&self) -> Vec<PolicyFormError> {
        let mut v = Vec::new();
        let mut frac = |field, x: Decimal, zero_ok: bool| {
            if x > Decimal::ONE || x < Decimal::ZERO || (!zero_ok && x.is_zero()) {
                v.push(PolicyFormError::PercentOutOfRange {
                    field,
                    percent: (x * Decimal::ONE_HUNDRED).normalize(),
                    max: Decimal::ONE_HUNDRED,
                });
            }
        };
        frac(PolicyField::IndemnityPct, self.indemnity_pct, false);
        frac(PolicyField::PremiumRate, self.premium_rate, true);
        frac(PolicyField::Lgd, self.lgd, true);
        let mut amounts = vec![
            (
                PolicyField::NonQualifyingLoss,
                Some(self.non_qualifying_loss),
            ),
            (
                PolicyField::AggregateFirstLoss,
                Some(self.aggregate_first_loss),
            ),
            (PolicyField::MaxLiability, self.max_liability),
            (PolicyField::MinimumPremium, Some(self.minimum_premium)),
            (PolicyField::InsuredTurnover, self.insured_turnover),
        ];
        amounts.extend(self.limits.values().map(|x| (PolicyField::Limit, Some(*x))));
        for (field, x) in amounts {
            if let Some(x) = x.filter(|x| *x < Decimal::ZERO) {
                v.push(PolicyFormError::Negative {
                    field,
                    value: x.normalize(),
                });
            }
        }
        for (field, d) in [
            (PolicyField::MepDays, self.mep_days),
            (PolicyField::NotificationDays, self.notification_days),
            (
                PolicyField::ProtractedDefaultDays,
                self.protracted_default_days,
            ),
            (PolicyField::ClaimFilingDays, self.claim_filing_days),
        ] {
            if !(0..=MAX_DAYS).contains(&d) {
                v.push(PolicyFormError::DaysOutOfRange {
                    field,
                    value: d,
                    min: 0,
                    max: MAX_DAYS,
                });
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn typed() -> PolicyText {
        PolicyText::of(&Policy::default())
    }

    #[test]
    fn the_default_terms_read_back_as_they_are() {
        assert_eq!(typed().apply(Policy::default()), Ok(Policy::default()));
    }

    #[test]
    fn every_field_that_cannot_be_read_is_named_with_its_value() {
        let t = PolicyText {
            pct: "ninety".into(),
            nql: "-5".into(),
            max_liability: "x".into(),
            turnover: "  ".into(),
            mep: "3651".into(),
            filing: "1.5".into(),
            year_start: "2026-02-30".into(),
            lgd: "".into(),
            ..typed()
        };
        let e = t.apply(Policy::default()).unwrap_err();
        let want = [
            PolicyFormError::NotAPercentage {
                field: PolicyField::IndemnityPct,
                value: "ninety".into(),
            },
            PolicyFormError::NotAnAmount {
                field: PolicyField::NonQualifyingLoss,
                value: "-5".into(),
            },
            PolicyFormError::NotAnAmount {
                field: PolicyField::MaxLiability,
                value: "x".into(),
            },
            PolicyFormError::NotDays {
                field: PolicyField::MepDays,
                value: "3651".into(),
                min: 0,
                max: 3650,
            },
            PolicyFormError::NotDays {
                field: PolicyField::ClaimFilingDays,
                value: "1.5".into(),
                min: 0,
                max: 3650,
            },
            PolicyFormError::NotADate {
                field: PolicyField::YearStart,
                value: "2026-02-30".into(),
            },
            PolicyFormError::NotAPercentage {
                field: PolicyField::Lgd,
                value: "".into(),
            },
        ];
        assert_eq!(e, want);
        assert_eq!(
            e[3].to_string(),
            "Maximum extension period: '3651' is not a number of days from 0 to 3650."
        );
        assert_eq!(
            e[5].to_string(),
            "Policy year starts: '2026-02-30' is not a date (YYYY-MM-DD)."
        );
    }

    #[test]
    fn blanks_mean_none_for_the_optional_amounts() {
        let mut base = Policy {
            max_liability: Some(dec("1000")),
            insured_turnover: Some(dec("5000")),
            ..Policy::default()
        };
        base.limits.insert("C1".into(), dec("700"));
        let p = typed().apply(base).unwrap();
        assert_eq!((p.max_liability, p.insured_turnover), (None, None));
        assert_eq!(p.limits.get("C1"), Some(&dec("700")));
    }

    #[test]
    fn percentages_are_bounded_once_every_field_reads() {
        // The indemnity must be more than 0 %; the rate and the LGD may be 0.
        let zero = PolicyText {
            pct: "0".into(),
            rate: "0".into(),
            lgd: "0".into(),
            ..typed()
        };
        assert_eq!(
            zero.apply(Policy::default()).unwrap_err(),
            [PolicyFormError::PercentOutOfRange {
                field: PolicyField::IndemnityPct,
                percent: Decimal::ZERO,
                max: Decimal::ONE_HUNDRED,
            }]
        );
        let over = PolicyText {
            pct: "100".into(),
            rate: "100.5".into(),
            ..typed()
        };
        let e = over.apply(Policy::default()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field(), PolicyField::PremiumRate);
        assert_eq!(
            e[0].to_string(),
            "Premium rate: '100.5 %' must be more than 0 % and at most 100 %."
        );
        // A field that cannot be read hides the bounds until it reads.
        let both = PolicyText {
            pct: "150".into(),
            afl: "lots".into(),
            ..typed()
        };
        let e = both.apply(Policy::default()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field(), PolicyField::AggregateFirstLoss);
    }

    #[test]
    fn check_bounds_amounts_and_days_of_a_policy_from_a_file() {
        let mut p = Policy {
            minimum_premium: dec("-10.50"),
            claim_filing_days: 3651,
            notification_days: -1,
            ..Policy::default()
        };
        p.limits.insert("C1".into(), dec("-1"));
        let e = p.check();
        assert_eq!(
            e,
            [
                PolicyFormError::Negative {
                    field: PolicyField::MinimumPremium,
                    value: dec("-10.5"),
                },
                PolicyFormError::Negative {
                    field: PolicyField::Limit,
                    value: dec("-1"),
                },
                PolicyFormError::DaysOutOfRange {
                    field: PolicyField::NotificationDays,
                    value: -1,
                    min: 0,
                    max: 3650,
                },
                PolicyFormError::DaysOutOfRange {
                    field: PolicyField::ClaimFilingDays,
                    value: 3651,
                    min: 0,
                    max: 3650,
                },
            ]
        );
        assert_eq!(
            e[0].to_string(),
            "Minimum premium: '-10.5' must not be negative."
        );
        // At the bounds every term is right.
        let edge = Policy {
            indemnity_pct: Decimal::ONE,
            premium_rate: Decimal::ZERO,
            lgd: Decimal::ONE,
            mep_days: 0,
            protracted_default_days: 3650,
            ..Policy::default()
        };
        assert!(edge.check().is_empty());
    }

    #[test]
    fn a_limit_is_an_amount_of_zero_or_more() {
        assert_eq!(parse_limit("0"), Ok(Decimal::ZERO));
        assert_eq!(
            parse_limit("1e6"),
            Err(PolicyFormError::NotAnAmount {
                field: PolicyField::Limit,
                value: "1e6".into(),
            })
        );
    }
}
