//! Formatting for the chosen language. Amounts are rounded half-even to the
//! currency's minor unit by the core; this module only lays them out.

use credit_core::money::{format_amount, Currency};
use credit_core::{Decimal, NaiveDate};

use credit_core::Datelike;

use crate::i18n::{shell, text, Lang, K};

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
    shell::date(lang, d.year(), d.month(), d.day())
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
    shell::percent(lang, &format!("{p:.*}", dp as usize))
}

/// A number with one decimal and a unit: `70.0 days` / `70.0 天`.
pub fn with_unit(v: Option<Decimal>, unit: K, lang: Lang) -> String {
    match v {
        None => text(lang, K::NotAvailable).to_string(),
        Some(v) => {
            let v = v.round_dp(1);
            if unit == K::UnitNone {
                format!("{v:.1}")
            } else {
                shell::with_unit(lang, &format!("{v:.1}"), unit)
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
    shell::month(lang, d.year() % 100, d.month())
}

/// A buyer's page. Ids come from the user's files and may hold `/`, `?`,
/// `#`, `%` or be `..`. The router hands its path param through
/// `decodeURI` (which undoes `%25` but keeps `%2F`), and the URL parser
/// resolves `..` even encoded, so percent-encoding cannot carry every id:
/// an ASCII character other than a letter, digit, `-`, `_` or a `.` that
/// does not start the id is written `~` and its two hex digits (`A/B` →
/// `A~2FB`, `..` → `~2E.`, `~` → `~7E`); anything else (Chinese ids) is
/// left to the browser. [`customer_id_in_url`] undoes it.
pub fn customer_href(id: &str) -> String {
    format!("/customers/{}", escape_id(id))
}

/// The invoice list filtered to a buyer (the same escaping: the router
/// decodes query values twice over too).
pub fn invoices_href(id: &str) -> String {
    format!("/invoices?customer={}", escape_id(id))
}

fn escape_id(id: &str) -> String {
    let mut seg = String::with_capacity(id.len() + 8);
    for (k, c) in id.chars().enumerate() {
        if !c.is_ascii() || c.is_ascii_alphanumeric() || c == '-' || c == '_' || (c == '.' && k > 0)
        {
            seg.push(c);
        } else {
            seg.push_str(&format!("~{:02X}", c as u32));
        }
    }
    seg
}

/// The buyer id of the `/customers/:id` page being shown (see
/// [`customer_href`]), read from the address bar (the router's param is
/// the same, half-decoded).
pub fn customer_id_in_url() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    id_from_path(path.strip_prefix("/customers/").unwrap_or_default())
}

/// The id in a `/customers/:id` path segment or an `/invoices?customer=`
/// value (see [`customer_href`]).
pub fn id_from_path(seg: &str) -> String {
    let seg = js_sys::decode_uri_component(seg)
        .ok()
        .map_or_else(|| seg.to_string(), String::from);
    let mut id = String::with_capacity(seg.len());
    let mut rest = seg.as_str();
    while let Some(i) = rest.find('~') {
        id.push_str(&rest[..i]);
        let hex = rest
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) if b.is_ascii() => {
                id.push(char::from(b));
                rest = &rest[i + 3..];
            }
            _ => {
                id.push('~');
                rest = &rest[i + 1..];
            }
        }
    }
    id.push_str(rest);
    id
}
