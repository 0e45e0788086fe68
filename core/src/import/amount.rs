//! Amounts in imported files: wider than the form parser
//! ([`crate::money::parse_amount`]), since files come from ERPs and
//! spreadsheets in many locales.
//!
//! - Signs: a leading `-` or `+`, a trailing `-` (SAP), or parentheses
//!   `(1,234.50)` for a negative.
//! - Currency: a symbol (¥ ￥ € $ £) or a three-letter code (`CNY`, `RMB`,
//!   …) before or after the number, and a trailing `元`, are dropped; the
//!   currency itself comes from the currency column.
//! - Thousands separators: `,` `.` space, no-break space and `'`; the groups
//!   after the first must have three digits (`1,2,3` is refused).
//! - The decimal separator is decided per value when the value shows it:
//!   both `,` and `.` present → the last is the decimal (`1.234,56`,
//!   `1,234.56`); one separator repeated → thousands (`1,234,567`); one
//!   separator not followed by exactly three digits → decimal (`12,5`,
//!   `1234.5`). Only a single separator followed by exactly three digits
//!   (`1,234` or `1.234`) leaves it open: that is read with the file's
//!   separator ([`detect_decimal`], from the values that decide it), and a
//!   point when the file does not say — as both English and Chinese write.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The decimal separator.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSep {
    /// `1,234.56`.
    #[default]
    Point,
    /// `1.234,56`.
    Comma,
}

/// Why an amount was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Empty.
    #[error("empty")]
    Empty,
    /// Not a number.
    #[error("not a number")]
    NotANumber,
    /// Beyond [`crate::money::MAX_AMOUNT`].
    #[error("beyond the largest amount, 10^15")]
    TooLarge,
}

const SYMBOLS: [char; 5] = ['¥', '￥', '€', '$', '£'];

/// Strips signs and currency marks: (negative, the numeric core).
fn strip(text: &str) -> Result<(bool, &str), AmountError> {
    let mut t = super::trim(text);
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    // Fast path: nothing to strip when it starts and ends with a digit.
    let b = t.as_bytes();
    if b[0].is_ascii_digit() && b[b.len() - 1].is_ascii_digit() {
        return Ok((false, t));
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    // Up to two rounds: "-¥5" and "¥-5" both occur.
    for _ in 0..2 {
        if let Some(rest) = t.strip_prefix('-') {
            negative = !negative;
            t = rest.trim_start();
        } else if let Some(rest) = t.strip_prefix('+') {
            t = rest.trim_start();
        }
        if let Some(rest) = t.strip_suffix('-') {
            negative = !negative;
            t = rest.trim_end();
        }
        t = t.trim_start_matches(SYMBOLS).trim();
        t = t.trim_end_matches(SYMBOLS).trim();
        t = t.strip_suffix('元').unwrap_or(t).trim_end();
        let b = t.as_bytes();
        if b.len() > 3 && b[..3].iter().all(u8::is_ascii_alphabetic) {
            t = t[3..].trim_start();
        }
        let b = t.as_bytes();
        if b.len() > 3 && b[b.len() - 3..].iter().all(u8::is_ascii_alphabetic) {
            t = t[..t.len() - 3].trim_end();
        }
    }
    if t.is_empty() {
        return Err(AmountError::NotANumber);
    }
    Ok((negative, t))
}

/// The decimal separator a value itself shows, if it shows one.
///
/// # Example
/// ```
/// use credit_core::import::amount::{value_decimal, DecimalSep};
/// assert_eq!(value_decimal("1.234,56"), Some(DecimalSep::Comma));
/// assert_eq!(value_decimal("12,5"), Some(DecimalSep::Comma));
/// assert_eq!(value_decimal("1,234.5"), Some(DecimalSep::Point));
/// assert_eq!(value_decimal("1,234"), None);
/// ```
pub fn value_decimal(text: &str) -> Option<DecimalSep> {
    let (_, t) = strip(text).ok()?;
    let last_comma = t.rfind(',');
    let last_point = t.rfind('.');
    match (last_comma, last_point) {
        (Some(c), Some(p)) => Some(if c > p {
            DecimalSep::Comma
        } else {
            DecimalSep::Point
        }),
        (Some(c), None) => {
            if t.matches(',').count() > 1 {
                Some(DecimalSep::Point)
            } else if t.len() - c - 1 != 3 {
                Some(DecimalSep::Comma)
            } else {
                None
            }
        }
        (None, Some(p)) => {
            if t.matches('.').count() > 1 {
                Some(DecimalSep::Comma)
            } else if t.len() - p - 1 != 3 {
                Some(DecimalSep::Point)
            } else {
                None
            }
        }
        (None, None) => None,
    }
}

/// A file's decimal separator from its amount cells: the one the deciding
/// values show; a point when none decides or they disagree (the disagreeing
/// values then fail or parse by themselves).
///
/// # Example
/// ```
/// use credit_core::import::amount::{detect_decimal, DecimalSep};
/// assert_eq!(detect_decimal(["1.234,50", "12,00"]), DecimalSep::Comma);
/// assert_eq!(detect_decimal(["1,234.50", "7"]), DecimalSep::Point);
/// assert_eq!(detect_decimal(["7"]), DecimalSep::Point); // nothing decides
/// ```
pub fn detect_decimal<'a>(values: impl IntoIterator<Item = &'a str>) -> DecimalSep {
    let (mut comma, mut point) = (0usize, 0usize);
    for v in values {
        match value_decimal(v) {
            Some(DecimalSep::Comma) => comma += 1,
            Some(DecimalSep::Point) => point += 1,
            None => {}
        }
    }
    if comma > point {
        DecimalSep::Comma
    } else {
        DecimalSep::Point
    }
}

/// Parses an amount; `file_sep` settles values that do not show their
/// decimal separator (`1,234`).
///
/// # Errors
/// [`AmountError`] saying why.
///
/// # Example
/// ```
/// use credit_core::import::amount::{parse_amount, DecimalSep};
/// let p = |s| parse_amount(s, DecimalSep::Point).unwrap().to_string();
/// assert_eq!(p("1.234,56"), "1234.56");
/// assert_eq!(p("(1,234.50)"), "-1234.50");
/// assert_eq!(p("¥1,234"), "1234");
/// assert_eq!(p("5-"), "-5");
/// assert_eq!(parse_amount("1.234", DecimalSep::Comma).unwrap().to_string(), "1234");
/// assert!(parse_amount("12k", DecimalSep::Point).is_err());
/// ```
pub fn parse_amount(text: &str, file_sep: DecimalSep) -> Result<Decimal, AmountError> {
    let v = parse_unbounded(text, file_sep)?;
    if crate::money::within_bounds(v) {
        Ok(v)
    } else {
        Err(AmountError::TooLarge)
    }
}

fn parse_unbounded(text: &str, file_sep: DecimalSep) -> Result<Decimal, AmountError> {
    let (negative, t) = strip(text)?;
    // Fast path: plain digits with at most a decimal point.
    let plain = t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|b| *b == b'.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.');
    if plain && (file_sep == DecimalSep::Point || !t.contains('.')) {
        let v: Decimal = t.parse().map_err(|_| AmountError::NotANumber)?;
        return Ok(if negative { -v } else { v });
    }
    let sep = value_decimal(t).unwrap_or(file_sep);
    let (dec_char, thousands_char) = match sep {
        DecimalSep::Point => ('.', ','),
        DecimalSep::Comma => (',', '.'),
    };
    let (int, frac) = match t.rfind(dec_char) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    // Thousands groups.
    let is_sep = |c: char| c == thousands_char || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'');
    let mut digits = String::with_capacity(t.len());
    let mut first = true;
    for group in int.split(is_sep) {
        let ok = !group.is_empty()
            && group.bytes().all(|b| b.is_ascii_digit())
            && (first || group.len() == 3);
        if !ok {
            return Err(AmountError::NotANumber);
        }
        first = false;
        digits.push_str(group);
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        digits.push('.');
        digits.push_str(f);
    }
    let v: Decimal = digits.parse().map_err(|_| AmountError::NotANumber)?;
    Ok(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_amount(s, DecimalSep::Point).unwrap().to_string()
    }

    #[test]
    fn forms() {
        assert_eq!(p("1234.56"), "1234.56");
        assert_eq!(p("1,234.56"), "1234.56");
        assert_eq!(p("1.234,56"), "1234.56");
        assert_eq!(p("1 234,56"), "1234.56");
        assert_eq!(p("1'234.56"), "1234.56");
        assert_eq!(p("1\u{a0}234\u{a0}567"), "1234567");
        assert_eq!(p("12,5"), "12.5");
        assert_eq!(p("1,234,567"), "1234567");
        assert_eq!(p("1.234.567"), "1234567");
        assert_eq!(p("(1,234.50)"), "-1234.50");
        assert_eq!(p("¥1,234"), "1234");
        assert_eq!(p("￥1,234.00元"), "1234.00");
        assert_eq!(p("€ 1.234,56"), "1234.56");
        assert_eq!(p("$-5"), "-5");
        assert_eq!(p("-£5"), "-5");
        assert_eq!(p("CNY 1,000"), "1000");
        assert_eq!(p("1000 EUR"), "1000");
        assert_eq!(p("-5"), "-5");
        assert_eq!(p("5-"), "-5");
        assert_eq!(p("+5"), "5");
        assert_eq!(p("0"), "0");
    }

    #[test]
    fn ambiguous_thousands_follow_the_file() {
        assert_eq!(p("1,234"), "1234");
        assert_eq!(p("1.234"), "1.234");
        assert_eq!(
            parse_amount("1,234", DecimalSep::Comma)
                .unwrap()
                .to_string(),
            "1.234"
        );
        assert_eq!(detect_decimal(["1.234", "12,50", "7"]), DecimalSep::Comma);
        assert_eq!(detect_decimal(["1,234", "7"]), DecimalSep::Point);
    }

    #[test]
    fn refusals() {
        for s in [
            "",
            " ",
            "abc",
            "1,2,3",
            "12k",
            "1..2",
            "1.2.3,4,5",
            "(",
            "()",
            "-",
            "1,23,456",
            "¥",
            "--",
        ] {
            assert!(parse_amount(s, DecimalSep::Point).is_err(), "{s:?}");
        }
        assert_eq!(
            parse_amount(" ", DecimalSep::Point),
            Err(AmountError::Empty)
        );
        assert!(parse_amount("99999999999999999999999999999999", DecimalSep::Point).is_err());
        // Issue 23: beyond 10^15 (the one-row file that made every page
        // panic) is refused as too large, saying so; 10^15 itself is kept.
        for s in [
            "1000000000000000000000000000",
            "79228162514264337593543950335",
            "-1,000,000,000,000,001",
        ] {
            assert_eq!(
                parse_amount(s, DecimalSep::Point),
                Err(AmountError::TooLarge),
                "{s}"
            );
        }
        assert_eq!(p("1000000000000000"), "1000000000000000");
        assert_eq!(p("-1,000,000,000,000,000.00"), "-1000000000000000.00");
        assert_eq!(
            crate::money::MAX_AMOUNT,
            Decimal::from(1_000_000_000_000_000i64)
        );
    }
}
