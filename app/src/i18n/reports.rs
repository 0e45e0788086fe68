//! The core's report errors (ageing, KPIs, money and FX) in both languages:
//! the core's `Display` is English, for the CLI; the app shows these.

use credit_core::ageing::AgeingError;
use credit_core::kpi::KpiError;
use credit_core::money::MoneyError;

use super::Lang;

/// A money or FX error.
pub fn money_error(lang: Lang, e: &MoneyError) -> String {
    match (lang, e) {
        (Lang::En, MoneyError::InvalidCurrency { value }) => {
            format!("'{value}' is not an ISO 4217 currency code (three letters, e.g. CNY).")
        }
        (Lang::Zh, MoneyError::InvalidCurrency { value }) => {
            format!("“{value}”不是 ISO 4217 币种代码（三个字母，例如 CNY）。")
        }
        (Lang::En, MoneyError::CurrencyMismatch { left, right }) => {
            format!("{left} and {right} cannot be added up without an exchange rate.")
        }
        (Lang::Zh, MoneyError::CurrencyMismatch { left, right }) => {
            format!("没有汇率，{left} 与 {right} 无法合计。")
        }
        (Lang::En, MoneyError::NoRate { currency, date }) => format!(
            "No exchange rate for {currency} dated on or before {date}: add one under Exchange rates."
        ),
        (Lang::Zh, MoneyError::NoRate { currency, date }) => {
            format!("没有 {currency} 在 {date} 当日或之前的汇率：请在“汇率”中添加。")
        }
        (Lang::En, MoneyError::InvalidRate { currency, date, rate }) => {
            format!("The exchange rate {rate} for {currency} on {date} must be above zero.")
        }
        (Lang::Zh, MoneyError::InvalidRate { currency, date, rate }) => {
            format!("{currency} 在 {date} 的汇率 {rate} 必须大于零。")
        }
        // `#[non_exhaustive]` in the core: its English text until it has
        // its own here.
        (_, e) => e.to_string(),
    }
}

/// An ageing error.
pub fn ageing_error(lang: Lang, e: &AgeingError) -> String {
    match (lang, e) {
        (Lang::En, AgeingError::EdgesNotIncreasing { edges, position }) => format!(
            "The ageing buckets' edges must increase: {edges:?} (at position {}).",
            position + 1
        ),
        (Lang::Zh, AgeingError::EdgesNotIncreasing { edges, position }) => {
            format!(
                "账龄区间的边界必须递增：{edges:?}（第 {} 个）。",
                position + 1
            )
        }
        (_, AgeingError::Money(m)) => money_error(lang, m),
        (_, e) => e.to_string(),
    }
}

/// A KPI error.
pub fn kpi_error(lang: Lang, e: &KpiError) -> String {
    match (lang, e) {
        (Lang::En, KpiError::EmptyPeriod) => "The KPI period must be at least one day.".into(),
        (Lang::Zh, KpiError::EmptyPeriod) => "KPI 期间至少为一天。".into(),
        (_, KpiError::Ageing(a)) => ageing_error(lang, a),
        (_, e) => e.to_string(),
    }
}
