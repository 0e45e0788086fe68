//! Dates in imported files.
//!
//! Accepted forms (a time after a space or `T` is ignored, as spreadsheets
//! export `2025-03-31 00:00:00`):
//! - year first: `2025-03-31`, `2025/3/31`, `2025.3.31`, `2025年3月31日`;
//! - day first with dots: `31.03.2025` (the dotted form is always day first,
//!   as in Germany and Russia);
//! - day and month with slashes or dashes, year last: `31/03/2025`,
//!   `03/31/2025`. Which of day and month comes first is the file's
//!   [`DateOrder`]: a value with a part above 12 decides it; when no value in
//!   the file decides it and some value could be read both ways
//!   (`03/04/2025`), the user must choose ([`detect_order`]) — never a guess.
//!
//! - a month written out, in English, German or French, in full or cut
//!   short: `16 Oct 2026`, `16-OCT-2026`, `November 30, 2026`,
//!   `30. November 2026`, `30 novembre 2026` (Xero, QuickBooks and SAP
//!   titles write these; never ambiguous).
//!
//! Years have four digits: two-digit years are refused.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The order of day, month and year in slash dates.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Year, month, day.
    Ymd,
    /// Day, month, year (31/03/2025).
    Dmy,
    /// Month, day, year (03/31/2025).
    Mdy,
}

/// Why a date was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not a date in an accepted form.
    #[error("not a date")]
    NotADate,
    /// A date in an accepted form that does not exist (2025-02-29).
    #[error("no such date")]
    NoSuchDate,
    /// A day/month date whose order the file leaves open.
    #[error("ambiguous date: day/month or month/day")]
    Ambiguous,
}

/// What a file's values say about the order of day and month.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderEvidence {
    /// No slash date could be read two ways: any order gives the same dates.
    NotNeeded,
    /// The values show this order (some day is above 12).
    Known(DateOrder),
    /// Values could be read both ways and none decides: ask the user.
    Ambiguous,
    /// Some values are day first and others month first: ask the user.
    Conflicting,
}

fn num(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The three numeric parts and separator, or `None`.
fn split(s: &str) -> Option<(u32, u32, u32, bool)> {
    let s = super::trim(s);
    // Fast path: ISO `YYYY-MM-DD`, what exports write most.
    let b = s.as_bytes();
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || b[10] == b' ' || b[10] == b'T')
    {
        let d = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        return Some((d(0..4)?, d(5..7)?, d(8..10)?, true));
    }
    if b.iter().any(u8::is_ascii_alphabetic) || !s.is_ascii() {
        if let Some(parts) = named_month(s) {
            return Some(parts);
        }
    }
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    if let Some(rest) = s.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return Some((num(y, 4)?, num(m, 2)?, num(d, 2)?, true));
    }
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = s.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        return Some((num(a, 4)?, num(b, 2)?, num(c, 2)?, true));
    }
    if c.len() != 4 {
        return None;
    }
    let (x, y, year) = (num(a, 2)?, num(b, 2)?, num(c, 4)?);
    if sep == '.' {
        // Dotted: day first.
        return Some((year, y, x, true));
    }
    Some((year, x, y, false))
}

/// The month a word names (English, German, French; at least three
/// letters of it).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    const NAMES: [(&str, u32); 34] = [
        ("january", 1),
        ("januar", 1),
        ("janvier", 1),
        ("jänner", 1),
        ("february", 2),
        ("februar", 2),
        ("février", 2),
        ("march", 3),
        ("märz", 3),
        ("mars", 3),
        ("april", 4),
        ("avril", 4),
        ("may", 5),
        ("mai", 5),
        ("june", 6),
        ("juni", 6),
        ("juin", 6),
        ("july", 7),
        ("juli", 7),
        ("juillet", 7),
        ("august", 8),
        ("août", 8),
        ("september", 9),
        ("septembre", 9),
        ("october", 10),
        ("oktober", 10),
        ("octobre", 10),
        ("november", 11),
        ("novembre", 11),
        ("december", 12),
        ("dezember", 12),
        ("décembre", 12),
        ("sept", 9),
        ("maerz", 3),
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    NAMES
        .iter()
        .find(|(n, _)| n.starts_with(w.as_str()))
        .map(|(_, m)| *m)
}

/// `16 Oct 2026`, `16-OCT-2026`, `November 30, 2026`, `30. November 2026`.
fn named_month(s: &str) -> Option<(u32, u32, u32, bool)> {
    let mut month = None;
    let mut nums = Vec::with_capacity(2);
    for t in s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/'))
        .filter(|t| !t.is_empty())
    {
        let t = t.trim_end_matches('.');
        if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
            nums.push(t);
        } else if month.is_none() {
            month = Some(month_number(t)?);
        } else {
            return None;
        }
    }
    let month = month?;
    match nums.as_slice() {
        [a, b] => {
            let (day, year) = if a.len() == 4 { (b, a) } else { (a, b) };
            if year.len() != 4 || day.len() > 2 {
                return None;
            }
            Some((num(year, 4)?, month, num(day, 2)?, true))
        }
        _ => None,
    }
}

/// Parses a date; `order` settles day/month dates (`Ymd` or `None` leaves
/// only those a part above 12 decides).
///
/// # Errors
/// [`DateError`] saying why.
///
/// # Example
/// ```
/// use credit_core::import::date::{parse_date, DateError, DateOrder};
/// use credit_core::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2025, 3, 31);
/// for s in ["2025-03-31", "2025/3/31", "31.03.2025", "03/31/2025", "31/03/2025"] {
///     assert_eq!(parse_date(s, None).ok(), d, "{s}");
/// }
/// assert_eq!(parse_date("03/04/2025", None), Err(DateError::Ambiguous));
/// assert_eq!(parse_date("03/04/2025", Some(DateOrder::Dmy)).ok(), NaiveDate::from_ymd_opt(2025, 4, 3));
/// assert_eq!(parse_date("2025-02-29", None), Err(DateError::NoSuchDate));
/// ```
pub fn parse_date(s: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateError> {
    let (y, x, z, fixed) = split(s).ok_or(DateError::NotADate)?;
    let (m, d) = if fixed {
        (x, z)
    } else {
        // x/z/year: x first.
        match order {
            Some(DateOrder::Dmy) => (z, x),
            Some(DateOrder::Mdy) => (x, z),
            _ => {
                if x > 12 && z <= 12 {
                    (z, x)
                } else if (z > 12 && x <= 12) || x == z {
                    (x, z)
                } else if x > 12 && z > 12 {
                    return Err(DateError::NoSuchDate);
                } else {
                    return Err(DateError::Ambiguous);
                }
            }
        }
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::NoSuchDate)
}

/// What a file's date values say about day/month order: pass every date
/// cell of the file (all its date columns: one file keeps one convention).
///
/// # Example
/// ```
/// use credit_core::import::date::{detect_order, DateOrder, OrderEvidence};
/// assert_eq!(detect_order(["03/04/2025", "05/06/2025"]), OrderEvidence::Ambiguous);
/// assert_eq!(detect_order(["03/04/2025", "25/06/2025"]), OrderEvidence::Known(DateOrder::Dmy));
/// assert_eq!(detect_order(["2025-04-03", "01/01/2025"]), OrderEvidence::NotNeeded);
/// ```
pub fn detect_order<'a>(values: impl IntoIterator<Item = &'a str>) -> OrderEvidence {
    let (mut dmy, mut mdy, mut open) = (false, false, false);
    for v in values {
        if let Some((_, x, z, false)) = split(v) {
            if x > 12 && z <= 12 {
                dmy = true;
            } else if z > 12 && x <= 12 {
                mdy = true;
            } else if x != z && x <= 12 && z <= 12 {
                open = true;
            }
        }
    }
    match (dmy, mdy, open) {
        (true, true, _) => OrderEvidence::Conflicting,
        (true, false, _) => OrderEvidence::Known(DateOrder::Dmy),
        (false, true, _) => OrderEvidence::Known(DateOrder::Mdy),
        (false, false, true) => OrderEvidence::Ambiguous,
        (false, false, false) => OrderEvidence::NotNeeded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_form() {
        let want = d(2025, 3, 31);
        for s in [
            "2025-03-31",
            "2025-3-31",
            "2025/3/31",
            "2025/03/31",
            "2025.03.31",
            "2025年3月31日",
            "31.03.2025",
            "31.3.2025",
            "03/31/2025",
            "3/31/2025",
            "31/03/2025",
            "31-03-2025",
            " 2025-03-31 00:00:00 ",
            "2025-03-31T12:00",
        ] {
            assert_eq!(parse_date(s, None), Ok(want), "{s}");
        }
        assert_eq!(parse_date("04.03.2025", None), Ok(d(2025, 3, 4)));
        for s in [
            "31 Mar 2025",
            "31-MAR-2025",
            "March 31, 2025",
            "31. März 2025",
            "31 mars 2025",
            "Mar 31 2025",
        ] {
            assert_eq!(parse_date(s, None), Ok(want), "{s}");
        }
        assert!(parse_date("31 Foo 2025", None).is_err());
        assert!(parse_date("Mar 2025", None).is_err());
        assert_eq!(parse_date("04/04/2025", None), Ok(d(2025, 4, 4)));
    }

    #[test]
    fn bad_dates() {
        for s in [
            "",
            "x",
            "31/03/25",
            "2025-13-01",
            "1/2/3/2025",
            "2025--01",
            "٢٠٢٥-01-01",
        ] {
            assert!(parse_date(s, None).is_err(), "{s}");
        }
        assert_eq!(parse_date("2025-02-29", None), Err(DateError::NoSuchDate));
        assert_eq!(parse_date("13/13/2025", None), Err(DateError::NoSuchDate));
        assert_eq!(
            parse_date("31/03/2025", Some(DateOrder::Mdy)),
            Err(DateError::NoSuchDate)
        );
    }

    #[test]
    fn ambiguity() {
        assert_eq!(parse_date("03/04/2025", None), Err(DateError::Ambiguous));
        assert_eq!(
            parse_date("03/04/2025", Some(DateOrder::Mdy)),
            Ok(d(2025, 3, 4))
        );
        assert_eq!(
            detect_order(["03/04/2025", "12/31/2025"]),
            OrderEvidence::Known(DateOrder::Mdy)
        );
        assert_eq!(
            detect_order(["13/04/2025", "12/31/2025"]),
            OrderEvidence::Conflicting
        );
        assert_eq!(
            detect_order(["31.03.2025", "03/04/2025"]),
            OrderEvidence::Ambiguous
        );
        assert_eq!(detect_order(Vec::<&str>::new()), OrderEvidence::NotNeeded);
    }
}
