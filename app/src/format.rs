//! Formatting for the chosen language. Amounts are rounded half-even to the
//! currency's minor unit by the core; this module only lays them out.

use credit_core::money::{format_amount, Currency};
use credit_core::{Decimal, NaiveDate};

use credit_core::Datelike;

use crate::i18n::{text, Lang, K};

/// English month abbreviations.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An amount with grouping, e.g. `1,234,567.89`.
pub fn amount(d: Decimal, c: Currency) -> String {
    format_amount(d, c)
}

/// An amount with its currency: `CNY 1,234.00` / `¥1,234.00`-style codes are
/// ambiguous across CNY and JPY, so both languages show the ISO code.
pub fn money(d: Decimal, c: Currency) -> String {
    format!("{} {}", c.code(), format_amount(d, c))
}

/// A date: `22 Nov 2026` in English, `2026年11月22日` in Chinese.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    match lang {
        Lang::En => format!("{day} {} {y}", MONTHS[(m - 1) as usize]),
        Lang::Zh => format!("{y}年{m}月{day}日"),
    }
}

/// A fraction as a percentage with one decimal: `42.9 %` / `42.9%`.
pub fn percent(frac: Option<Decimal>, lang: Lang) -> String {
    frac.map_or_else(
        || text(lang, K::NotAvailable).to_string(),
        |f| percent_dp(f, 1, lang),
    )
}

/// A fraction as a percentage with `dp` decimals, for small figures such
/// as a probability of default (0.03 %).
pub fn percent_dp(frac: Decimal, dp: u32, lang: Lang) -> String {
    let p = (frac * Decimal::ONE_HUNDRED).round_dp(dp);
    let p = format!("{p:.*}", dp as usize);
    match lang {
        Lang::En => format!("{p} %"),
        Lang::Zh => format!("{p}%"),
    }
}

/// A number with one decimal and a unit: `70.0 days` / `70.0 天`.
pub fn with_unit(v: Option<Decimal>, unit: K, lang: Lang) -> String {
    match v {
        None => text(lang, K::NotAvailable).to_string(),
        Some(v) => {
            let v = v.round_dp(1);
            match lang {
                _ if unit == K::UnitNone => format!("{v:.1}"),
                Lang::En if unit == K::UnitTimes => format!("{v:.1}×"),
                Lang::En => format!("{v:.1} {}", text(lang, unit)),
                Lang::Zh => format!("{v:.1} {}", text(lang, unit)),
            }
        }
    }
}

/// A whole number with grouping, e.g. an index on a 0–10,000 scale.
pub fn whole(v: Option<Decimal>, lang: Lang) -> String {
    match v {
        None => text(lang, K::NotAvailable).to_string(),
        Some(v) => format_amount(v.round_dp(0), Currency::JPY),
    }
}

/// A month for a chart axis: `Jun 26` / `26年6月`.
pub fn month(d: NaiveDate, lang: Lang) -> String {
    let (y, m) = (d.year() % 100, d.month());
    match lang {
        Lang::En => format!("{} {y:02}", MONTHS[(m - 1) as usize]),
        Lang::Zh => format!("{y:02}年{m}月"),
    }
}
