//! One grade per buyer, everywhere: the grade the heat map, the alerts,
//! the insurance and cash figures and the buyer's own page use.
//!
//! A buyer's grade as of a date is, in this order:
//! 1. **saved**: the latest assessment saved for it on or before the date
//!    that had evidence (below); the one saved before it is its previous
//!    grade, so a downgrade can be seen;
//! 2. **computed**: what the scorecard makes of what the ledger alone says
//!    ([`ledger_input`]: its payment behaviour, years in business from the
//!    year founded, its country's risk class and the middle industry class),
//!    when that is evidence;
//! 3. **not assessed**: neither. No grade is shown; where a figure needs a
//!    probability of default (expected loss, the cash forecast) the buyer
//!    counts at the scale's middle, [`NEUTRAL_GRADE`], and says so.
//!
//! **No grade without evidence** ([`has_evidence`]): an assessment grades a
//! buyer only when it holds a financial figure, a court case or enforcement
//! record, or a payment history that is not clean — a payment or an open
//! invoice more than [`CLEAN_HISTORY_DAYS`] days late in the last 12 months
//! (the limit's history adjustment uses the same line). A buyer with no
//! figures and a clean history is "not assessed", with the low confidence
//! the scorecard states, never a grade the scorecard would make up from its
//! profile alone.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assessment::{
    assess, Assessment, AssessmentError, AssessmentInput, Financials, Profile, Scorecard,
};
use crate::behaviour::{all_behaviours, PaymentBehaviour};
use crate::country::country_risk;
use crate::customer::Customer;
use crate::index::LedgerIndex;
use crate::limit::{recommend_limit, LimitInput, LimitRecommendation};
use crate::money::MoneyError;
use crate::portfolio::Portfolio;
use crate::terms::{recommend_terms, TermsRecommendation};

/// The grade a buyer not assessed counts at where a probability of default
/// is needed: the middle of the scale, neither trusted nor suspected.
pub const NEUTRAL_GRADE: u8 = 5;

/// The industry risk class assumed when none is given: the middle one.
pub const DEFAULT_INDUSTRY_RISK: u8 = 3;

/// Days late beyond which a payment history is not clean.
pub const CLEAN_HISTORY_DAYS: u32 = 30;

/// Whether an assessment's input is evidence enough to grade a buyer (see
/// the module docs).
///
/// # Example
/// ```
/// use credit_core::assessment::AssessmentInput;
/// use credit_core::rating::has_evidence;
/// use credit_core::Decimal;
/// let mut i = AssessmentInput::default();
/// i.behaviour.has_history = true;
/// i.behaviour.worst_delay_days = Some(30);
/// i.country_risk = Some(2);
/// assert!(!has_evidence(&i)); // a clean history and a country: not assessed
/// i.behaviour.worst_delay_days = Some(31);
/// assert!(has_evidence(&i)); // a payment a month late: graded
/// i.behaviour.worst_delay_days = None;
/// i.financials.sales = Some(Decimal::from(1_000_000));
/// assert!(has_evidence(&i)); // a financial figure: graded
/// ```
pub fn has_evidence(input: &AssessmentInput) -> bool {
    let legal = &input.legal;
    input.financials != Financials::default()
        || legal.court_cases.is_some_and(|c| c > 0)
        || legal.enforcement_records.is_some_and(|e| e > 0)
        || input
            .behaviour
            .worst_delay_days
            .is_some_and(|w| w > CLEAN_HISTORY_DAYS)
}

/// What an assessment recommends: the scorecard's result, whether it
/// grades the buyer, and the limit and terms at that grade (at
/// [`NEUTRAL_GRADE`] when not assessed).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Recommendation {
    /// The scorecard's result (its grade is shown only when `assessed`).
    pub assessment: Assessment,
    /// Whether the input was evidence enough to grade ([`has_evidence`]).
    pub assessed: bool,
    /// The recommended limit.
    pub limit: LimitRecommendation,
    /// The recommended terms, never longer than `requested_days`.
    pub terms: TermsRecommendation,
}

impl Recommendation {
    /// The grade the limit and terms were set at.
    pub fn grade(&self) -> u8 {
        if self.assessed {
            self.assessment.grade
        } else {
            NEUTRAL_GRADE
        }
    }
}

/// Assesses a buyer and recommends its limit and terms, for the buyer's
/// page, meeting mode and `credit assess` alike. `limit` should carry the
/// buyer's figures ([`LimitInput::with_buyer`]); `requested_days` are the
/// terms the buyer asked for.
///
/// # Errors
/// As [`assess`].
pub fn recommend(
    input: &AssessmentInput,
    limit: &LimitInput,
    requested_days: Option<u32>,
    as_of: NaiveDate,
    card: &Scorecard,
) -> Result<Recommendation, AssessmentError> {
    let assessment = assess(input, card)?;
    let assessed = has_evidence(input);
    let grade = if assessed {
        assessment.grade
    } else {
        NEUTRAL_GRADE
    };
    Ok(Recommendation {
        limit: recommend_limit(limit, grade, as_of),
        terms: recommend_terms(grade, input.behaviour.has_history, requested_days),
        assessment,
        assessed,
    })
}

/// What the ledger alone says of a buyer, as the scorecard's input: its
/// payment behaviour; its years in business from the year it was founded;
/// its country's risk class ([`country_risk`]; an unknown country the
/// middle class); the middle industry class. The buyer's page starts its
/// form from the same values, so an untouched form gives the same grade.
pub fn ledger_input(
    customer: Option<&Customer>,
    behaviour: PaymentBehaviour,
    as_of: NaiveDate,
) -> AssessmentInput {
    AssessmentInput {
        behaviour,
        profile: Profile {
            years_in_business: customer
                .and_then(|c| c.year_founded)
                .map(|y| (as_of.year() - y).max(0) as u32),
            ..Profile::default()
        },
        industry_risk: Some(DEFAULT_INDUSTRY_RISK),
        country_risk: Some(country_risk(customer.map_or("", |c| &c.country))),
        ..AssessmentInput::default()
    }
}

/// Where a buyer's grade comes from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum GradeSource {
    /// A saved assessment.
    Saved,
    /// Computed from the ledger, never saved.
    Computed,
    /// No evidence: no grade.
    NotAssessed,
}

/// A buyer's grade as of a date.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Rating {
    /// Its grade, 1 (best) to 10 (default); `None` when not assessed.
    pub grade: Option<u8>,
    /// Where it comes from.
    pub source: GradeSource,
    /// The grade of the saved assessment before, if any.
    pub previous: Option<u8>,
}

impl Rating {
    /// The grade, or [`NEUTRAL_GRADE`] for a buyer not assessed: for the
    /// figures that need a probability of default.
    pub fn grade_or_neutral(&self) -> u8 {
        self.grade.unwrap_or(NEUTRAL_GRADE)
    }
}

/// A saved assessment, as far as the grade goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SavedGrade {
    /// The date it was made for.
    pub date: NaiveDate,
    /// Its grade.
    pub grade: u8,
    /// Whether its input was evidence ([`has_evidence`]).
    pub evidence: bool,
}

/// Every buyer's rating as of a date (see the module docs): each buyer of
/// the portfolio and each one only its invoices name, by id. `saved` holds
/// each buyer's saved assessments, in any order.
///
/// # Errors
/// [`MoneyError::NoRate`] when an invoice's currency has no rate (the
/// payment behaviour is in the base currency).
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use credit_core::{demo, index::LedgerIndex, NaiveDate};
/// use credit_core::assessment::Scorecard;
/// use credit_core::rating::{ratings, GradeSource};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let ix = LedgerIndex::new(&p);
/// let r = ratings(&p, &ix, &HashMap::new(), as_of, &Scorecard::default()).unwrap();
/// // The demo's planted buyer pays ever later: graded from its ledger.
/// assert_eq!(r[demo::PLANTED_BUYER_ID].source, GradeSource::Computed);
/// ```
pub fn ratings(
    portfolio: &Portfolio,
    ix: &LedgerIndex,
    saved: &HashMap<String, Vec<SavedGrade>>,
    as_of: NaiveDate,
    card: &Scorecard,
) -> Result<HashMap<String, Rating>, MoneyError> {
    let mut out = HashMap::new();
    // The index lists the portfolio's buyers first, in order.
    for (k, (id, behaviour)) in all_behaviours(ix, as_of)?.into_iter().enumerate() {
        let rating = saved_rating(saved.get(&id), as_of).unwrap_or_else(|| {
            let c = portfolio.customers.get(k).filter(|c| c.id == id);
            let input = ledger_input(c, behaviour, as_of);
            computed_rating(&input, card)
        });
        out.insert(id, rating);
    }
    Ok(out)
}

/// The rating of a saved list, when one with evidence is dated by `as_of`.
fn saved_rating(list: Option<&Vec<SavedGrade>>, as_of: NaiveDate) -> Option<Rating> {
    // The latest and the one before it, in one pass (no sort: the page
    // carries every sort's code).
    let (mut last, mut before): (Option<&SavedGrade>, Option<&SavedGrade>) = (None, None);
    for s in list?.iter().filter(|s| s.evidence && s.date <= as_of) {
        if last.is_none_or(|l| s.date >= l.date) {
            before = last;
            last = Some(s);
        } else if before.is_none_or(|b| s.date >= b.date) {
            before = Some(s);
        }
    }
    Some(Rating {
        grade: Some(last?.grade),
        source: GradeSource::Saved,
        previous: before.map(|b| b.grade),
    })
}

/// The rating an input gives when nothing is saved.
pub fn computed_rating(input: &AssessmentInput, card: &Scorecard) -> Rating {
    let grade = has_evidence(input)
        .then(|| assess(input, card).ok().map(|a| a.grade))
        .flatten();
    Rating {
        grade,
        source: if grade.is_some() {
            GradeSource::Computed
        } else {
            GradeSource::NotAssessed
        },
        previous: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::invoice::{Invoice, Payment};
    use crate::money::Currency;
    use rust_decimal::Decimal;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn invoice(id: &str, buyer: &str, due: &str, paid: Option<&str>) -> Invoice {
        let due = d(due);
        Invoice {
            kind: Default::default(),
            id: id.into(),
            customer_id: buyer.into(),
            issue_date: due - chrono::Days::new(30),
            due_date: due,
            currency: Currency::EUR,
            gross: Decimal::from(1000),
            vat: None,
            payments: paid
                .map(|p| Payment {
                    date: d(p),
                    amount: Decimal::from(1000),
                })
                .into_iter()
                .collect(),
            dispute: None,
        }
    }

    /// A clean buyer is not assessed; a buyer 45 days late on a payment is
    /// graded from its ledger with the grade its page computes; a saved
    /// grade wins over both, and a saved assessment without evidence does
    /// not count.
    #[test]
    fn saved_else_computed_else_not_assessed() {
        let as_of = d("2026-06-30");
        let mut p = Portfolio::new("t", Currency::EUR);
        for id in ["CLEAN", "LATE", "SAVED"] {
            let mut c = Customer::new(id, id);
            c.country = "DE".into();
            p.customers.push(c);
        }
        p.invoices = vec![
            invoice("1", "CLEAN", "2026-03-31", Some("2026-04-10")),
            invoice("2", "LATE", "2026-03-31", Some("2026-05-15")),
            invoice("3", "SAVED", "2026-03-31", Some("2026-05-15")),
            invoice("4", "ONLY-INVOICES", "2026-06-20", None),
        ];
        let ix = LedgerIndex::new(&p);
        let card = Scorecard::default();
        let saved_at = |date: &str, grade, evidence| SavedGrade {
            date: d(date),
            grade,
            evidence,
        };
        let mut saved = HashMap::new();
        saved.insert(
            "SAVED".to_string(),
            vec![
                saved_at("2026-05-31", 3, true),
                saved_at("2026-01-31", 2, true),
                saved_at("2026-06-15", 9, false),
                saved_at("2026-07-31", 8, true),
            ],
        );
        saved.insert("CLEAN".to_string(), vec![saved_at("2026-06-01", 9, false)]);
        let r = ratings(&p, &ix, &saved, as_of, &card).unwrap();

        assert_eq!(
            r["CLEAN"],
            Rating {
                grade: None,
                source: GradeSource::NotAssessed,
                previous: None
            }
        );
        assert_eq!(r["CLEAN"].grade_or_neutral(), NEUTRAL_GRADE);
        assert_eq!(r["ONLY-INVOICES"].source, GradeSource::NotAssessed);

        // 45 days late: the page's untouched form gives the same grade.
        let late = crate::behaviour::payment_behaviour(&ix, "LATE", as_of).unwrap();
        assert_eq!(late.worst_delay_days, Some(45));
        let page = assess(&ledger_input(p.customer("LATE"), late, as_of), &card).unwrap();
        assert_eq!(r["LATE"].source, GradeSource::Computed);
        assert_eq!(r["LATE"].grade, Some(page.grade));

        // The latest saved with evidence by the date; the one before it.
        assert_eq!(
            r["SAVED"],
            Rating {
                grade: Some(3),
                source: GradeSource::Saved,
                previous: Some(2)
            }
        );
    }

    #[test]
    fn ledger_input_reads_the_buyer() {
        let mut c = Customer::new("C", "C");
        c.year_founded = Some(2016);
        c.country = "cn".into();
        let i = ledger_input(Some(&c), PaymentBehaviour::default(), d("2026-06-30"));
        assert_eq!(i.profile.years_in_business, Some(10));
        assert_eq!(i.country_risk, Some(country_risk("CN")));
        assert_eq!(i.industry_risk, Some(DEFAULT_INDUSTRY_RISK));
        assert_eq!(i.profile.registration_verified, None);
        let none = ledger_input(None, PaymentBehaviour::default(), d("2026-06-30"));
        assert_eq!(
            none.country_risk,
            Some(crate::country::UNKNOWN_COUNTRY_RISK)
        );
    }
}
