//! A portfolio: a named set of buyers and invoices with a base currency, its
//! FX table and its settings.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::ageing::AgeingSettings;
use crate::customer::Customer;
use crate::invoice::Invoice;
use crate::kpi::KpiSettings;
use crate::money::{Currency, FxTable};

/// The settings a portfolio carries; each has the domain brief's default.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct Settings {
    /// Ageing buckets and basis.
    pub ageing: AgeingSettings,
    /// KPI period.
    pub kpi: KpiSettings,
}

/// A portfolio of receivables.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Portfolio {
    /// The portfolio's name.
    pub name: String,
    /// Rates to the base currency; its base is the portfolio's base currency.
    pub fx: FxTable,
    /// Buyers.
    pub customers: Vec<Customer>,
    /// Invoices.
    pub invoices: Vec<Invoice>,
    /// Settings.
    pub settings: Settings,
}

/// Something inconsistent in a portfolio.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PortfolioError {
    /// Two invoices share an id.
    #[error("invoice id '{id}' appears more than once")]
    DuplicateInvoice {
        /// The repeated id.
        id: String,
    },
    /// Two buyers share an id.
    #[error("customer id '{id}' appears more than once")]
    DuplicateCustomer {
        /// The repeated id.
        id: String,
    },
    /// An invoice names a buyer the portfolio does not have.
    #[error("invoice '{invoice}' names unknown customer '{customer}'")]
    UnknownCustomer {
        /// The invoice.
        invoice: String,
        /// The customer id it names.
        customer: String,
    },
    /// An invoice in a currency the FX table cannot convert.
    #[error("invoice '{invoice}' is in {currency}, which has no exchange rate to {base}")]
    NoRateForCurrency {
        /// The invoice.
        invoice: String,
        /// Its currency.
        currency: Currency,
        /// The base currency.
        base: Currency,
    },
}

impl Portfolio {
    /// An empty portfolio.
    pub fn new(name: impl Into<String>, base: Currency) -> Self {
        Portfolio {
            name: name.into(),
            fx: FxTable::new(base),
            customers: Vec::new(),
            invoices: Vec::new(),
            settings: Settings::default(),
        }
    }

    /// The base currency every report is in.
    pub fn base_currency(&self) -> Currency {
        self.fx.base()
    }

    /// The buyer with this id.
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    /// Buyer id → its position in [`Portfolio::customers`].
    pub fn customer_index(&self) -> HashMap<&str, usize> {
        self.customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect()
    }

    /// Every inconsistency, all of them (an empty list when sound).
    pub fn validate(&self) -> Vec<PortfolioError> {
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        for c in &self.customers {
            if !seen.insert(c.id.as_str()) {
                errors.push(PortfolioError::DuplicateCustomer { id: c.id.clone() });
            }
        }
        let currencies = self.fx.currencies();
        let mut ids = HashSet::new();
        for inv in &self.invoices {
            if !ids.insert(inv.id.as_str()) {
                errors.push(PortfolioError::DuplicateInvoice { id: inv.id.clone() });
            }
            if !seen.contains(inv.customer_id.as_str()) {
                errors.push(PortfolioError::UnknownCustomer {
                    invoice: inv.id.clone(),
                    customer: inv.customer_id.clone(),
                });
            }
            if !currencies.contains(&inv.currency) {
                errors.push(PortfolioError::NoRateForCurrency {
                    invoice: inv.id.clone(),
                    currency: inv.currency,
                    base: self.base_currency(),
                });
            }
        }
        errors
    }
}
