//! Working capital: what the receivables, inventory and payables tie up,
//! and how long cash takes to come back.
//!
//! Choices where the domain brief is silent:
//!
//! - **Working capital**: a period of 0 days counts as 1; every ratio is
//!   `None` when its denominator is zero, and the cycle is `None` when any of

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::parse_amount;

use super::{Field, FormError};

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
    ///
    /// # Example
    /// ```
    /// use credit_core::cash::{working_capital, WcInput};
    /// use credit_core::Decimal;
    /// let w = working_capital(&WcInput { credit_sales: Decimal::from(900), period_days: 90, ..WcInput::default() });
    /// assert_eq!(w.cash_freed(Decimal::from(10)), Decimal::from(100));
    /// ```
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

/// What a person types for working capital, kept with the portfolio as
/// typed (in JSON, the field names below). The receivables and credit
/// sales come from the ledger and are not in the form.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct WcForm {
    /// Inventory.
    pub inventory: String,
    /// Trade payables.
    pub payables: String,
    /// Cost of sales over the KPI period.
    pub cost_of_sales: String,
    /// Cash.
    pub cash: String,
    /// Current liabilities.
    pub current_liabilities: String,
    /// Days of DSO to cut.
    pub cut_days: String,
}

/// A [`WcForm`] read: the input for [`working_capital`], the days of DSO
/// to cut, and every field that could not be read.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WcRead {
    /// The ledger's figures and the form's.
    pub input: WcInput,
    /// Days of DSO to cut ([`WorkingCapital::cash_freed`]).
    pub cut_days: Decimal,
    /// Each field that is not an amount, in the form's order
    /// ([`FormError::NotAmount`]); it counts as 0.
    pub errors: Vec<FormError>,
}

impl WcForm {
    /// The figures of the form with the ledger's receivables, credit sales
    /// and period. An empty field counts as 0; so does a field that is not
    /// an amount of 0 or more, which is also listed in
    /// [`WcRead::errors`], so the figures that can be computed still are.
    ///
    /// # Example
    /// ```
    /// use credit_core::cash::{Field, FormError, WcForm};
    /// use credit_core::Decimal;
    /// let form = WcForm { inventory: "2,000".into(), cash: "abc".into(), ..WcForm::default() };
    /// let read = form.read(Decimal::from(300), Decimal::from(900), 90);
    /// assert_eq!((read.input.inventory, read.input.cash, read.cut_days), (Decimal::from(2000), Decimal::ZERO, Decimal::ZERO));
    /// assert_eq!(read.errors, [FormError::NotAmount { field: Field::Cash, value: "abc".into() }]);
    /// ```
    pub fn read(&self, receivables: Decimal, credit_sales: Decimal, period_days: u32) -> WcRead {
        let mut errors = Vec::new();
        let mut num = |field: Field, s: &str| -> Decimal {
            if s.trim().is_empty() {
                return Decimal::ZERO;
            }
            parse_amount(s, false).unwrap_or_else(|_| {
                errors.push(FormError::NotAmount {
                    field,
                    value: s.to_string(),
                });
                Decimal::ZERO
            })
        };
        let input = WcInput {
            receivables,
            credit_sales,
            period_days,
            inventory: num(Field::Inventory, &self.inventory),
            payables: num(Field::Payables, &self.payables),
            cost_of_sales: num(Field::CostOfSales, &self.cost_of_sales),
            cash: num(Field::Cash, &self.cash),
            current_liabilities: num(Field::CurrentLiabilities, &self.current_liabilities),
        };
        let cut_days = num(Field::CutDays, &self.cut_days);
        WcRead {
            input,
            cut_days,
            errors,
        }
    }
}
