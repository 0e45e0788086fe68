//! Dates as people and browsers type them in forms: `2026-11-22`.
//! (Files have their own, wider rules.) Hand-parsed: small and exact.

use chrono::{Days, NaiveDate};

/// Parses an ISO 8601 calendar date `YYYY-MM-DD`, as `<input type="date">`
/// gives it; `None` for anything else or an impossible date.
///
/// # Example
/// ```
/// use credit_core::dates::parse_iso;
/// use credit_core::NaiveDate;
/// assert_eq!(parse_iso("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
/// assert_eq!(parse_iso("2025-02-29"), None);
/// assert_eq!(parse_iso("29.02.2024"), None);
/// ```
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// `d` moved by `n` days, forward or back (`d` itself when that leaves the
/// calendar chrono knows).
///
/// # Example
/// ```
/// use credit_core::dates::add_days;
/// use credit_core::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
/// assert_eq!(add_days(d, 1), NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
/// assert_eq!(add_days(d, -31), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
/// assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
/// ```
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
    .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_display() {
        for d in ["0001-01-01", "1999-12-31", "2026-11-22", "2400-02-29"] {
            assert_eq!(parse_iso(d).unwrap().to_string(), d);
        }
        for bad in [
            "",
            "2026-1-22",
            "2026-13-01",
            "2026-00-10",
            "+026-11-22",
            "2026-11-2x",
            "2026/11/22",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }
}
