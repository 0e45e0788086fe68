//! The audit trail of credit decisions: every saved assessment of a buyer
//! with its date, the inputs, the result and the decision note — what
//! internal control asks to see for a limit.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, AssessmentInput};
use crate::limit::{LimitInput, LimitRecommendation, LimitRule};
use crate::money::Currency;
use crate::terms::TermsRecommendation;

fn graded_before() -> bool {
    true
}

/// One saved assessment.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AssessmentRecord {
    /// The date it was made for (`as_of`).
    pub date: NaiveDate,
    /// The buyer.
    pub customer_id: String,
    /// Currency of every amount in it.
    pub currency: Currency,
    /// The scorecard's inputs.
    pub input: AssessmentInput,
    /// The limit's inputs.
    pub limit_input: LimitInput,
    /// Grade 1–10 (the scorecard's; shown only when `graded`).
    pub grade: u8,
    /// Whether the input was evidence enough to grade the buyer
    /// ([`crate::rating::has_evidence`]); a record saved before this was
    /// kept reads as graded: its grade was a decision someone saved.
    #[serde(default = "graded_before")]
    pub graded: bool,
    /// Confidence 0–1.
    pub confidence: Decimal,
    /// The recommended limit.
    pub recommended_limit: Decimal,
    /// The rule that set it.
    pub limit_rule: LimitRule,
    /// The recommended terms.
    pub terms: TermsRecommendation,
    /// The limit the user decided on, when it differs from nothing.
    pub decided_limit: Option<Decimal>,
    /// Why: the free-text decision note.
    pub note: String,
}

impl AssessmentRecord {
    /// A record of an assessment and the decision taken on it.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        date: NaiveDate,
        customer_id: impl Into<String>,
        currency: Currency,
        input: AssessmentInput,
        limit_input: LimitInput,
        assessment: &Assessment,
        limit: &LimitRecommendation,
        terms: TermsRecommendation,
        decided_limit: Option<Decimal>,
        note: impl Into<String>,
    ) -> Self {
        AssessmentRecord {
            graded: crate::rating::has_evidence(&input),
            date,
            customer_id: customer_id.into(),
            currency,
            input,
            limit_input,
            grade: assessment.grade,
            confidence: assessment.confidence,
            recommended_limit: limit.recommended,
            limit_rule: limit.set_by,
            terms,
            decided_limit,
            note: note.into(),
        }
    }
}
