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
    /// A field of an invoice that the importer would have refused (the same
    /// rules, for a restored backup).
    #[error("invoice '{invoice}': {field} '{value}': {reason}")]
    BadInvoice {
        /// The invoice id (cut to 40 characters).
        invoice: String,
        /// The field.
        field: &'static str,
        /// Its value (cut to 40 characters).
        value: String,
        /// Why.
        reason: crate::import::ErrorReason,
    },
    /// A buyer's id or name that is empty or too long.
    #[error("customer '{customer}': {field}: {reason}")]
    BadCustomer {
        /// The customer id (cut to 40 characters).
        customer: String,
        /// The field.
        field: &'static str,
        /// Why.
        reason: crate::import::ErrorReason,
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

/// The longest id, name or reason a stored portfolio keeps, in characters
/// (a file's cell is bounded the same way).
pub const MAX_TEXT_CHARS: usize = 1_000;

/// A text cut to 40 characters, to name it in a message.
fn cut(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The longest portfolio name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// Why a portfolio name was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_NAME_CHARS`].
    TooLong {
        /// Its length, in characters.
        chars: usize,
    },
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameError::Empty => write!(f, "the name is empty"),
            NameError::TooLong { chars } => write!(
                f,
                "the name has {chars} characters; at most {MAX_NAME_CHARS}"
            ),
        }
    }
}

/// A portfolio name as it is kept: control characters taken out, spaces
/// trimmed; refused when nothing is left or it is longer than
/// [`MAX_NAME_CHARS`] characters (issue 23: "   " and 5,000,000 characters
/// were accepted).
///
/// # Example
/// ```
/// use credit_core::portfolio::{clean_name, NameError};
/// assert_eq!(clean_name("  Q3 ledger\n").unwrap(), "Q3 ledger");
/// assert_eq!(clean_name("   "), Err(NameError::Empty));
/// assert_eq!(clean_name(&"x".repeat(121)), Err(NameError::TooLong { chars: 121 }));
/// ```
pub fn clean_name(name: &str) -> Result<String, NameError> {
    let kept: String = name.chars().filter(|c| !c.is_control()).collect();
    let kept = kept.trim();
    let chars = kept.chars().count();
    if chars == 0 {
        Err(NameError::Empty)
    } else if chars > MAX_NAME_CHARS {
        Err(NameError::TooLong { chars })
    } else {
        Ok(kept.to_string())
    }
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
        use crate::import::ErrorReason;
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        for c in &self.customers {
            if !seen.insert(c.id.as_str()) {
                errors.push(PortfolioError::DuplicateCustomer { id: c.id.clone() });
            }
            for (field, text, required) in [
                ("id", &c.id, true),
                ("name", &c.name, false),
                ("country", &c.country, false),
                ("industry", &c.industry, false),
            ] {
                let reason = if required && text.trim().is_empty() {
                    ErrorReason::Missing
                } else if text.chars().count() > MAX_TEXT_CHARS {
                    ErrorReason::TooLong
                } else {
                    continue;
                };
                errors.push(PortfolioError::BadCustomer {
                    customer: cut(&c.id),
                    field,
                    reason,
                });
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
            let mut bad = |field: &'static str, value: String, reason: ErrorReason| {
                errors.push(PortfolioError::BadInvoice {
                    invoice: cut(&inv.id),
                    field,
                    value: cut(&value),
                    reason,
                })
            };
            if inv.id.trim().is_empty() {
                bad("id", inv.id.clone(), ErrorReason::Missing);
            }
            if inv.customer_id.trim().is_empty() {
                bad("customer", inv.customer_id.clone(), ErrorReason::Missing);
            }
            for (field, text) in [("id", &inv.id), ("customer", &inv.customer_id)] {
                if text.chars().count() > MAX_TEXT_CHARS {
                    bad(field, text.clone(), ErrorReason::TooLong);
                }
            }
            if let Some(d) = &inv.dispute {
                if d.reason.chars().count() > MAX_TEXT_CHARS {
                    bad("dispute reason", d.reason.clone(), ErrorReason::TooLong);
                }
            }
            let credit = inv.gross.is_sign_negative() && !inv.gross.is_zero();
            if !crate::money::within_bounds(inv.gross) {
                bad("gross", inv.gross.to_string(), ErrorReason::TooLarge);
            }
            if !credit && inv.due_date < inv.issue_date {
                bad(
                    "due date",
                    inv.due_date.to_string(),
                    ErrorReason::DueBeforeIssue,
                );
            }
            if let Some(v) = inv.vat {
                if !crate::money::within_bounds(v) {
                    bad("vat", v.to_string(), ErrorReason::TooLarge);
                } else if !credit && v.is_sign_negative() && !v.is_zero() {
                    bad("vat", v.to_string(), ErrorReason::Negative);
                } else if v.abs() > inv.gross.abs() {
                    bad("vat", v.to_string(), ErrorReason::VatAboveGross);
                }
            }
            let mut paid = rust_decimal::Decimal::ZERO;
            for p in &inv.payments {
                if !crate::money::within_bounds(p.amount) {
                    bad("payment", p.amount.to_string(), ErrorReason::TooLarge);
                } else if !credit && p.amount.is_sign_negative() && !p.amount.is_zero() {
                    bad("payment", p.amount.to_string(), ErrorReason::Negative);
                } else {
                    paid += p.amount;
                }
            }
            if !crate::money::within_bounds(paid) {
                bad("payments", paid.to_string(), ErrorReason::TooLarge);
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
