//! The grades of the open portfolio's buyers, for the reports that need
//! one (alerts, the heat map, the cash forecast's probability of default).
//!
//! A buyer's grade is the one of its latest saved assessment dated on or
//! before the report date (the audit trail, `crate::storage`); the one
//! before it is its previous grade, so a downgrade can be seen. A buyer
//! never assessed gets [`DEFAULT_GRADE`], shown as such ("not assessed"):
//! the middle of the scale, neither trusted nor suspected.

use std::collections::HashMap;

use credit_core::assessment::Scorecard;
use credit_core::{Decimal, NaiveDate};

use crate::state::AppState;
use crate::storage::{self, DecisionSummary};

/// The grade of a buyer that was never assessed.
pub const DEFAULT_GRADE: u8 = 5;

/// A buyer's grade as of a date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct BuyerGrade {
    /// Its grade, 1 (best) to 10 (default).
    pub grade: u8,
    /// The grade of the assessment before, if any.
    pub previous: Option<u8>,
}

/// Every assessed buyer's grade as of `as_of`, read from the audit trail of
/// the open portfolio (named `portfolio`; see `crate::storage`).
pub fn grades(app: &AppState, portfolio: &str, as_of: NaiveDate) -> HashMap<String, BuyerGrade> {
    from_trails(storage::all_trails(app, portfolio), as_of)
}

/// The grades of buyers' trails (buyer id, JSON list) as of a date.
pub fn from_trails(trails: Vec<(String, String)>, as_of: NaiveDate) -> HashMap<String, BuyerGrade> {
    let mut out = HashMap::new();
    for (id, text) in trails {
        let list: Vec<DecisionSummary> = serde_json::from_str(&text).unwrap_or_default();
        let mut dated: Vec<&DecisionSummary> = list.iter().filter(|d| d.date <= as_of).collect();
        dated.sort_by_key(|d| d.date);
        if let Some(last) = dated.last() {
            let previous = dated.len().checked_sub(2).map(|k| dated[k].grade);
            out.insert(
                id,
                BuyerGrade {
                    grade: last.grade,
                    previous,
                },
            );
        }
    }
    out
}

/// The annual probability of default of each grade (index = grade, 0
/// unused): the middle of its band in the default scorecard (grade 5:
/// 0.6–1.2 % → 0.9 %).
pub fn pd_table() -> [Decimal; 11] {
    let mut t = [Decimal::ZERO; 11];
    for b in Scorecard::default().pd_table {
        if let Some(x) = t.get_mut(usize::from(b.grade)) {
            *x = (b.pd_low + b.pd_high) / Decimal::TWO;
        }
    }
    t
}
