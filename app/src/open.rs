//! The open portfolio with its index (a leaf: it imports no module of the
//! app), built once when a portfolio is opened so that a new report date
//! only reruns the reports (see `credit_core::index`).

use std::ops::Deref;

use credit_core::index::LedgerIndex;
use credit_core::portfolio::Portfolio;

/// An open portfolio with its index, built once when it is opened so that
/// a new report date only reruns the reports (see `credit_core::index`).
pub struct Open {
    portfolio: Portfolio,
    /// The columnar index of its invoices.
    pub index: LedgerIndex,
}

impl Open {
    /// Opens a portfolio: builds its index.
    pub fn new(portfolio: Portfolio) -> Self {
        let index = LedgerIndex::new(&portfolio);
        Open { portfolio, index }
    }
}

impl Open {
    /// The same portfolio with other ageing settings (the demo's settings
    /// live in memory; a stored portfolio's are saved by the worker).
    pub fn with_ageing(&self, ageing: credit_core::ageing::AgeingSettings) -> Self {
        let mut portfolio = self.portfolio.clone();
        portfolio.settings.ageing = ageing;
        Open {
            portfolio,
            index: self.index.clone(),
        }
    }
}

impl Deref for Open {
    type Target = Portfolio;
    fn deref(&self) -> &Portfolio {
        &self.portfolio
    }
}
