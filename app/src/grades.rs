//! The grades of the open portfolio's buyers, for the reports that need
//! one (alerts, the heat map, the cash forecast, insurance's expected
//! loss): one grade per buyer, the same everywhere
//! (`credit_core::rating`): saved, else computed from the ledger, else not
//! assessed.
//!
//! The saved assessments are the audit trail of the open portfolio
//! (`crate::storage`); each record says whether it graded the buyer
//! (`AssessmentRecord::graded`; a record from before reads as graded).

use std::collections::HashMap;

use credit_core::assessment::Scorecard;
use credit_core::rating::{self, Rating, SavedGrade};
use credit_core::NaiveDate;
use serde::Deserialize;

use crate::open::Open;

/// What a saved record says of the grade.
#[derive(Deserialize)]
struct Saved {
    #[serde(deserialize_with = "crate::extras::iso_date")]
    date: NaiveDate,
    grade: u8,
    #[serde(default = "yes")]
    graded: bool,
}

fn yes() -> bool {
    true
}

/// The saved grades of buyers' trails (buyer id, JSON list).
pub fn saved(trails: Vec<(String, String)>) -> HashMap<String, Vec<SavedGrade>> {
    trails
        .into_iter()
        .map(|(id, text)| {
            let list: Vec<Saved> = serde_json::from_str(&text).unwrap_or_default();
            let grades = list
                .into_iter()
                .map(|s| SavedGrade {
                    date: s.date,
                    grade: s.grade,
                    evidence: s.graded,
                })
                .collect();
            (id, grades)
        })
        .collect()
}

/// Every buyer's rating as of a date; empty when the ledger cannot be read
/// (a currency without a rate: the reports say so themselves).
pub fn ratings(
    p: &Open,
    trails: Vec<(String, String)>,
    as_of: NaiveDate,
) -> HashMap<String, Rating> {
    rating::ratings(p, &p.index, &saved(trails), as_of, &Scorecard::default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record says whether it graded the buyer; one from before counts.
    #[test]
    fn evidence_is_read_from_each_record() {
        let trail = r#"[
            {"date": "2026-01-31", "grade": 3, "graded": true},
            {"date": "2026-02-28", "grade": 2, "graded": false},
            {"date": "2025-12-31", "grade": 4}
        ]"#;
        let s = saved(vec![("C1".into(), trail.into())]);
        let e: Vec<(u8, bool)> = s["C1"].iter().map(|g| (g.grade, g.evidence)).collect();
        assert_eq!(e, vec![(3, true), (2, false), (4, true)]);
    }
}
