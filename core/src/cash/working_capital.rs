//! Working capital: what the receivables, inventory and payables tie up,
//! and how long cash takes to come back.
//!
//! Choices where the domain brief is silent:
//!
//! - **Working capital**: a period of 0 days counts as 1; every ratio is
//!   `None` when its denominator is zero, and the cycle is `None` when any of

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What working capital is computed from: the ledger's receivables and
/// credit sales, and what the user types in.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct WcInput {
    /// Trade receivables.
    pub receivables: Decimal,
    /// Credit sales over the period.
    pub credit_sales: Decimal,
    /// The period's days.
    pub period_days: u32,
    /// Inventory.
    pub inventory: Decimal,
    /// Trade payables.
    pub payables: Decimal,
    /// Cost of sales over the same period.
    pub cost_of_sales: Decimal,
    /// Cash.
    pub cash: Decimal,
    /// Current liabilities.
    pub current_liabilities: Decimal,
}

/// Working capital figures.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct WorkingCapital {
    /// Receivables + inventory − payables.
    pub wcr: Decimal,
    /// Receivables ÷ credit sales × days.
    pub dso: Option<Decimal>,
    /// Inventory ÷ cost of sales × days.
    pub dio: Option<Decimal>,
    /// Payables ÷ cost of sales × days.
    pub dpo: Option<Decimal>,
    /// DSO + DIO − DPO.
    pub ccc: Option<Decimal>,
    /// Cash ÷ current liabilities.
    pub cash_ratio: Option<Decimal>,
    /// Credit sales per day.
    pub daily_sales: Decimal,
}

impl WorkingCapital {
    /// Cash freed by cutting DSO by `days`: days × daily credit sales.
    pub fn cash_freed(&self, days: Decimal) -> Decimal {
        days * self.daily_sales
    }
}

/// Working capital (None where a denominator is zero).
///
/// # Example
/// ```
/// use credit_core::cash::{working_capital, WcInput};
/// use credit_core::Decimal;
/// let d = Decimal::from;
/// let w = working_capital(&WcInput { receivables: d(300), credit_sales: d(900), period_days: 90,
///     inventory: d(200), payables: d(100), cost_of_sales: d(600), cash: d(50), current_liabilities: d(200) });
/// assert_eq!((w.wcr, w.dso, w.dio, w.dpo, w.ccc), (d(400), Some(d(30)), Some(d(30)), Some(d(15)), Some(d(45))));
/// ```
pub fn working_capital(input: &WcInput) -> WorkingCapital {
    let days = Decimal::from(input.period_days.max(1));
    let ratio = |a: Decimal, b: Decimal| (!b.is_zero()).then(|| a * days / b);
    let dso = ratio(input.receivables, input.credit_sales);
    let dio = ratio(input.inventory, input.cost_of_sales);
    let dpo = ratio(input.payables, input.cost_of_sales);
    WorkingCapital {
        wcr: input.receivables + input.inventory - input.payables,
        dso,
        dio,
        dpo,
        ccc: match (dso, dio, dpo) {
            (Some(a), Some(b), Some(c)) => Some(a + b - c),
            _ => None,
        },
        cash_ratio: (!input.current_liabilities.is_zero())
            .then(|| input.cash / input.current_liabilities),
        daily_sales: input.credit_sales / days,
    }
}
