//! What the app keeps besides the ledger, behind one small trait per kind
//! of record so the backing store can change without touching the pages.
//!
//! The audit trail of assessments: one JSON list of `AssessmentRecord`s
//! (inputs and all) per buyer. For a stored portfolio it is kept **with the
//! portfolio** — in its extras, key `decisions.<buyer id>` — so it is in its
//! backup and, for an encrypted portfolio, encrypted with it
//! (`state::PortfolioDecisionLog`); the demo, which is never stored, keeps
//! its extras, the trail with them, in `localStorage`. Either way the trail
//! is reactive data: the grades recompute when a record is saved. Trails
//! that an earlier version kept under their own `localStorage` keys (the
//! demo's, and a stored portfolio's before trails moved into it) move into
//! the extras when the portfolio is opened (`state::decisions::migrate`).
//! A new record is appended to the stored list as
//! text, and the page reads back only what it shows ([`DecisionSummary`]):
//! neither needs the code to decode every input, which keeps the download
//! small. A write is whole or not at all; a stored list that is not one is
//! never overwritten.

use credit_core::money::Currency;
use credit_core::terms::TermsRecommendation;
use credit_core::{Decimal, NaiveDate};
use serde::Deserialize;

/// What the history table shows of a saved assessment.
#[derive(Clone, PartialEq, Debug, Deserialize)]
pub struct DecisionSummary {
    /// The date it was made for.
    #[serde(deserialize_with = "crate::extras::iso_date")]
    pub date: NaiveDate,
    /// Currency of its amounts.
    pub currency: Currency,
    /// Grade 1–10.
    pub grade: u8,
    /// Confidence 0–1.
    pub confidence: Decimal,
    /// The recommended limit.
    pub recommended_limit: Decimal,
    /// The recommended terms.
    pub terms: TermsRecommendation,
    /// The limit decided.
    pub decided_limit: Option<Decimal>,
    /// The decision note.
    pub note: String,
    /// Whether it graded the buyer (`AssessmentRecord::graded`; a record
    /// from before reads as graded).
    #[serde(default = "yes")]
    pub graded: bool,
}

fn yes() -> bool {
    true
}

/// The audit trail of credit decisions.
pub trait DecisionLog {
    /// A buyer's saved assessments, oldest first.
    fn load(&self, portfolio: &str, customer_id: &str) -> Vec<DecisionSummary>;
}

/// The stored list with one more record: `[` … `]` text, appended to.
pub fn appended(stored: Option<&str>, record_json: &str) -> Result<String, String> {
    let Some(s) = stored.map(str::trim) else {
        return Ok(format!("[{record_json}]"));
    };
    let inner = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .ok_or_else(|| "the stored audit trail is not a list; it was left as it is".to_string())?;
    Ok(if inner.trim().is_empty() {
        format!("[{record_json}]")
    } else {
        format!("[{inner},{record_json}]")
    })
}

/// The extras key of a buyer's audit trail.
pub const DECISIONS_PREFIX: &str = "decisions.";

/// The `localStorage` prefix an earlier version kept a portfolio's trails
/// under (the demo's, and a stored portfolio's).
pub fn local_prefix(portfolio: &str) -> String {
    format!("credit-assistant.decisions.{portfolio}.")
}

/// Every buyer's trail in a portfolio's extras, as (buyer id, JSON list).
pub fn trails(extras: &credit_core::store::Extras) -> Vec<(String, String)> {
    extras
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(DECISIONS_PREFIX)?.to_string(), v.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use credit_core::decision::AssessmentRecord;

    #[test]
    fn appends_to_the_stored_list_or_refuses() {
        assert_eq!(appended(None, "{\"a\":1}").unwrap(), "[{\"a\":1}]");
        assert_eq!(appended(Some("[]"), "{}").unwrap(), "[{}]");
        assert_eq!(
            appended(Some(" [{\"a\":1}] "), "{\"a\":2}").unwrap(),
            "[{\"a\":1},{\"a\":2}]"
        );
        assert!(appended(Some("{\"a\":1}"), "{}").is_err());
        assert!(appended(Some("garbage"), "{}").is_err());
    }

    #[test]
    fn summary_reads_a_full_record() {
        use credit_core::assessment::{assess, AssessmentInput, Scorecard};
        use credit_core::limit::{recommend_limit, LimitInput};
        use credit_core::terms::recommend_terms;
        let d = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let input = AssessmentInput::default();
        let a = assess(&input, &Scorecard::default()).unwrap();
        let li = LimitInput::default();
        let l = recommend_limit(&li, a.grade, d);
        let t = recommend_terms(a.grade, false, None);
        let rec = AssessmentRecord::new(
            d,
            "C1",
            Currency::CNY,
            input,
            li,
            &a,
            &l,
            t.clone(),
            None,
            "ok",
        );
        let json = appended(None, &serde_json::to_string(&rec).unwrap()).unwrap();
        let back: Vec<DecisionSummary> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(
            (back[0].date, back[0].grade, back[0].terms.clone()),
            (d, a.grade, t)
        );
        assert_eq!(back[0].note, "ok");
    }
}
