//! The core's assessment errors in both languages (the core's `Display` is
//! English, for the CLI).

use credit_core::assessment::{AssessmentError, Field};

use super::{text, Lang, K};

/// The label of an input field of an assessment.
pub fn field_key(f: Field) -> K {
    match f {
        Field::CurrentAssets => K::CurrentAssets,
        Field::CurrentLiabilities => K::CurrentLiabilities,
        Field::TotalAssets => K::TotalAssets,
        Field::TotalLiabilities => K::TotalLiabilities,
        Field::Sales => K::Sales,
        Field::IntangibleAssets => K::Intangibles,
        Field::Cash => K::Cash,
        Field::MarketEquity => K::MarketEquity,
        Field::AvgDelayDays => K::AvgDelay,
        Field::SharePaidLate => K::ShareLate,
        // `#[non_exhaustive]` in the core.
        _ => K::Unknown,
    }
}

/// An impossible input to an assessment.
pub fn assessment_error(lang: Lang, e: &AssessmentError) -> String {
    match (lang, e) {
        (Lang::En, AssessmentError::NonPositiveTotalAssets { value }) => format!(
            "Total assets: {value} is not positive; a company's total assets must be more than 0."
        ),
        (Lang::Zh, AssessmentError::NonPositiveTotalAssets { value }) => {
            format!("总资产：{value} 不是正数；企业的总资产必须大于 0。")
        }
        (Lang::En, AssessmentError::Negative { field, value }) => format!(
            "{}: {value} is negative; it must be zero or more.",
            text(lang, field_key(*field))
        ),
        (Lang::Zh, AssessmentError::Negative { field, value }) => format!(
            "{}：{value} 为负数；必须为零或以上。",
            text(lang, field_key(*field))
        ),
        (Lang::En, AssessmentError::ShareOutOfRange { field, value }) => format!(
            "{}: {value} is not a share from 0 to 1.",
            text(lang, field_key(*field))
        ),
        (Lang::Zh, AssessmentError::ShareOutOfRange { field, value }) => format!(
            "{}：{value} 不是 0 到 1 之间的比例。",
            text(lang, field_key(*field))
        ),
        (Lang::En, AssessmentError::IndustryRiskOutOfRange { value }) => {
            format!("Industry risk: {value} is not a class from 1 to 5.")
        }
        (Lang::Zh, AssessmentError::IndustryRiskOutOfRange { value }) => {
            format!("行业风险：{value} 不是 1 到 5 的等级。")
        }
        (Lang::En, AssessmentError::CountryRiskOutOfRange { value }) => {
            format!("Country risk: {value} is not a class from 1 to 7.")
        }
        (Lang::Zh, AssessmentError::CountryRiskOutOfRange { value }) => {
            format!("国家风险：{value} 不是 1 到 7 的等级。")
        }
        // The scorecard's own errors (weights, PD bands) cannot come from
        // the app's fixed scorecard; and the enum is `#[non_exhaustive]`.
        (_, e) => e.to_string(),
    }
}
