//! What the cash rules refuse ([`CashError`]) and what the cash forms
//! cannot read ([`FormError`]).

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::MAX_INSTALMENTS;

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

/// A field of the cash forms, named in a [`FormError`].
///
/// Not `#[non_exhaustive]`: a new field must be given a label wherever
/// fields are named.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The payment plan's balance.
    Balance,
    /// The payment plan's number of instalments.
    Instalments,
    /// The payment plan's annual interest, in per cent.
    Interest,
    /// The payment plan's first instalment date.
    FirstInstalment,
    /// The forecast scenario's days (terms or a DSO target).
    ScenarioDays,
    /// The new terms whose effect is shown.
    NewTerms,
    /// Working capital: inventory.
    Inventory,
    /// Working capital: trade payables.
    Payables,
    /// Working capital: cost of sales over the KPI period.
    CostOfSales,
    /// Working capital: cash.
    Cash,
    /// Working capital: current liabilities.
    CurrentLiabilities,
    /// Working capital: the days of DSO to cut.
    CutDays,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::Balance => "Balance",
            Field::Instalments => "Instalments",
            Field::Interest => "Interest",
            Field::FirstInstalment => "First instalment",
            Field::ScenarioDays | Field::CutDays => "Days",
            Field::NewTerms => "New terms",
            Field::Inventory => "Inventory",
            Field::Payables => "Payables",
            Field::CostOfSales => "Cost of sales",
            Field::Cash => "Cash",
            Field::CurrentLiabilities => "Current liabilities",
        })
    }
}

/// A field of a cash form that cannot be read: the field, the value as
/// typed, and the bound it broke.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// Not an amount of zero or more.
    #[error("{field}: '{value}' is not an amount.")]
    NotAmount {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
    },
    /// Not a percentage of zero or more.
    #[error("{field}: '{value}' is not a percentage.")]
    NotPercent {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
    },
    /// Not a whole number from `min` to `max`.
    #[error("{field}: '{value}' is not a number from {min} to {max}.")]
    CountOutOfRange {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
        /// The least accepted.
        min: u32,
        /// The most accepted.
        max: u32,
    },
    /// Not a number of days from 0 to `max`.
    #[error("{field}: '{value}' is not a number of days from 0 to {max}.")]
    DaysOutOfRange {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
        /// The most days accepted.
        max: u32,
    },
    /// Not a date (YYYY-MM-DD).
    #[error("{field}: '{value}' must be a date on or after {earliest}.")]
    NotADate {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
        /// The earliest date accepted.
        earliest: NaiveDate,
    },
    /// A date before the earliest accepted.
    #[error("{field}: '{value}' must be a date on or after {earliest}.")]
    DateTooEarly {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
        /// The earliest date accepted.
        earliest: NaiveDate,
    },
}

impl FormError {
    /// The field the error is about.
    ///
    /// # Example
    /// ```
    /// use credit_core::cash::{parse_terms_days, Field};
    /// let e = parse_terms_days(Field::NewTerms, "9x").unwrap_err();
    /// assert_eq!(e.field(), Field::NewTerms);
    /// ```
    pub fn field(&self) -> Field {
        match self {
            FormError::NotAmount { field, .. }
            | FormError::NotPercent { field, .. }
            | FormError::CountOutOfRange { field, .. }
            | FormError::DaysOutOfRange { field, .. }
            | FormError::NotADate { field, .. }
            | FormError::DateTooEarly { field, .. } => *field,
        }
    }
}
