//! Buyers: the customers a business sells to on credit.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where a buyer stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerStatus {
    /// Trading normally.
    #[default]
    Active,
    /// Deliveries stopped.
    OnHold,
    /// Handed over to legal action.
    InLegal,
    /// No longer a customer.
    Closed,
}

impl CustomerStatus {
    /// All statuses, in the order a list shows them.
    pub const ALL: [CustomerStatus; 4] = [
        CustomerStatus::Active,
        CustomerStatus::OnHold,
        CustomerStatus::InLegal,
        CustomerStatus::Closed,
    ];
}

/// A buyer. Limits are in the portfolio's base currency.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Customer {
    /// Identifier, unique in a portfolio.
    pub id: String,
    /// Company name.
    pub name: String,
    /// ISO 3166 alpha-2 country code, e.g. `CN`.
    pub country: String,
    /// Industry, free text.
    pub industry: String,
    /// Year founded, when known.
    pub year_founded: Option<i32>,
    /// Default payment terms in days.
    pub terms_days: u32,
    /// Internal credit limit, when one is set.
    pub credit_limit: Option<Decimal>,
    /// The insurer's limit on this buyer (zero when refused), when insured.
    pub insured_limit: Option<Decimal>,
    /// Status.
    pub status: CustomerStatus,
}

impl Customer {
    /// A buyer with an id and a name; the rest at defaults: no country or
    /// industry yet, 30-day terms, no limits, active.
    ///
    /// # Example
    /// ```
    /// use credit_core::customer::{Customer, CustomerStatus};
    /// let c = Customer { country: "DE".into(), ..Customer::new("C1", "Alpha GmbH") };
    /// assert_eq!((c.terms_days, c.status), (30, CustomerStatus::Active));
    /// ```
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Customer {
            id: id.into(),
            name: name.into(),
            country: String::new(),
            industry: String::new(),
            year_founded: None,
            terms_days: 30,
            credit_limit: None,
            insured_limit: None,
            status: CustomerStatus::Active,
        }
    }
}
