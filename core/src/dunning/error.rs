//! What can go wrong in a plan, an interest computation or a letter.

use std::fmt;

use chrono::NaiveDate;

use super::{pick, Lang, PolicyError, Regime};
use crate::money::{Currency, MoneyError};

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum DunningError {
    /// No exchange rate.
    Money(MoneyError),
    /// No rate to charge interest with.
    NoRate {
        /// The regime.
        regime: Regime,
        /// The first day without a rate.
        date: NaiveDate,
    },
    /// The settings are wrong.
    Policy(Vec<PolicyError>),
    /// A template does not parse.
    Template(String),
    /// The UK fixed sum of a debt not in sterling, without the value of
    /// its currency in GBP.
    NoGbpRate {
        /// The debt's currency.
        currency: Currency,
    },
}

impl DunningError {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DunningError::Money(e) => {
                pick(lang, format!("Exchange rate: {e}"), format!("汇率：{e}"))
            }
            DunningError::NoRate { regime, date } => match regime {
                Regime::China | Regime::Contract => pick(
                    lang,
                    format!(
                        "{}: no contract rate is set (needed from {date}).",
                        regime.label(lang)
                    ),
                    format!(
                        "{}：未设定合同利率（自 {date} 起需要）。",
                        regime.label(lang)
                    ),
                ),
                _ => pick(
                    lang,
                    format!(
                        "{}: no reference rate is entered for {date}.",
                        regime.label(lang)
                    ),
                    format!("{}：未输入 {date} 适用的参考利率。", regime.label(lang)),
                ),
            },
            DunningError::Policy(v) => v
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            DunningError::Template(m) => m.clone(),
            DunningError::NoGbpRate { currency } => pick(
                lang,
                format!(
                    "UK fixed sum: the debt is in {currency}; give the value of 1 {currency} in GBP (the £40/£70/£100 go by the debt in sterling)."
                ),
                format!(
                    "英国固定补偿金：债务币种为 {currency}，请提供 1 {currency} 折合多少英镑（£40/£70/£100 按英镑金额确定）。"
                ),
            ),
        }
    }
}

impl fmt::Display for DunningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl From<MoneyError> for DunningError {
    fn from(e: MoneyError) -> Self {
        DunningError::Money(e)
    }
}
