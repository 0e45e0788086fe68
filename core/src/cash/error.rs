//! What the cash rules refuse ([`CashError`]) and what the cash forms
//! cannot read ([`FormError`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;

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
