//! The layout of a report around its table: where the header row is, the
//! title rows above it (and the report's date they give), and the total and
//! section rows among the data that are not ledger lines.
//!
//! - **Header row**: the first of the first [`HEADER_SEARCH_ROWS`] rows
//!   where at least three cells, or at least two that are most of its
//!   non-empty cells, are known headers ([`Field::from_header`]); else the
//!   first non-blank row. ERP reports put a title, the period and the unit
//!   above it (`应收账款明细表`, `会计期间：2026年第11期`, `单位：元`;
//!   `A/R Aging Detail`, `As of November 30, 2026`).
//! - **Report date** ([`report_date`]): the last date the title rows give —
//!   `As of November 30, 2026`, `As at 30 November 2026`,
//!   `截止日期：2026-11-30`, `Stichtag 30.11.2026`, `Key date 2026-11-30`;
//!   an accounting period (`2026年第11期`, `2026年11月`) gives the last
//!   day of its month.
//! - **Total rows** ([`is_total_marker`]): a first non-empty cell, or an id
//!   or customer cell, that reads `合计` `总计` `小计` `累计`, `Total`,
//!   `Total for …`, `Total <name>`, `Grand Total`, `Subtotal`, `Summe`,
//!   `Gesamt…`, `Zwischensumme`, `Sous-total`, or starts with `*` (SAP) —
//!   unless the row has both a document id and an issue date, so a buyer
//!   called "Total Energies" is still read.
//! - **Section rows**: in an invoice or payment file, a row with one or two
//!   non-empty cells and neither a document id nor a date (QuickBooks'
//!   `Current`, `1 - 30 days past due`; Xero's contact heading; a footer).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::parse_date;
use super::header::Field;

/// How many rows the header search looks at.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Why a row was left out.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipReason {
    /// A total or subtotal row.
    Total,
    /// A section heading (an ageing band, a buyer's name) or a footer.
    Section,
}

/// The index of the header row among `rows` (see the module docs).
///
/// # Example
/// ```
/// use credit_core::import::layout::find_header;
/// let rows: Vec<Vec<String>> = vec![
///     vec!["A/R Aging Detail".into()],
///     vec!["As of November 30, 2026".into()],
///     vec!["Date".into(), "Num".into(), "Customer".into(), "Amount".into()],
/// ];
/// assert_eq!(find_header(&rows), Some(2));
/// ```
pub fn find_header(rows: &[Vec<String>]) -> Option<usize> {
    let blank = |r: &Vec<String>| r.iter().all(|c| c.trim().is_empty());
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| {
            let nonempty = r.iter().filter(|c| !c.trim().is_empty()).count();
            let known = r.iter().filter(|c| Field::from_header(c).is_some()).count();
            known >= 3 || (known >= 2 && known * 2 > nonempty)
        })
        .or_else(|| rows.iter().position(|r| !blank(r)))
}

/// Whether a cell marks a total row (see the module docs).
///
/// # Example
/// ```
/// use credit_core::import::layout::is_total_marker;
/// for s in ["合计", "Total for Current", "TOTAL", "Total Bayside Club", "*", "Summe", "小计"] {
///     assert!(is_total_marker(s), "{s}");
/// }
/// assert!(!is_total_marker("Totally Fresh Ltd") && !is_total_marker("Acme"));
/// ```
pub fn is_total_marker(cell: &str) -> bool {
    let t = cell.trim();
    if t.is_empty() {
        return false;
    }
    if t.starts_with('*') {
        return true;
    }
    // Called for several cells of every row of a ledger, so without an
    // allocation: the Chinese markers only where the cell is not ASCII, the
    // words (all ASCII) compared without case in place. That answers as
    // lowercasing the cell would: a prefix equal to an ASCII word is ASCII,
    // so its length and what follows it are the same in the lowercased cell.
    if !t.is_ascii() && TOTAL_MARKS_ZH.iter().any(|m| t.contains(m)) {
        return true;
    }
    // Most cells start with a letter no word starts with.
    let first = t.as_bytes()[0].to_ascii_lowercase();
    TOTAL_WORDS
        .iter()
        .any(|w| w.as_bytes()[0] == first && starts_with_word(t, w))
}

/// Whether `t` is the ASCII word `w` in any case, alone or followed by a
/// space, a colon or a parenthesis. Not inlined: the ledger worker's wasm
/// is built for speed and has a size budget, and eleven inlined copies cost
/// about a kilobyte.
#[inline(never)]
fn starts_with_word(t: &str, w: &str) -> bool {
    t.len() >= w.len()
        && t.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        && (t.len() == w.len() || t[w.len()..].starts_with([' ', ':', '：', '(']))
}

/// The Chinese total markers ([`is_total_marker`]).
const TOTAL_MARKS_ZH: [&str; 6] = ["合计", "总计", "小计", "累计", "合 计", "总 计"];

/// The words that mark a total in English, French and German
/// ([`is_total_marker`]): the whole cell, or followed by a space, a colon or
/// a parenthesis.
const TOTAL_WORDS: [&str; 11] = [
    "total",
    "totals",
    "grand total",
    "subtotal",
    "sub-total",
    "sous-total",
    "summe",
    "zwischensumme",
    "gesamtsumme",
    "gesamt",
    "somme",
];

/// The report's date the title rows give, if any (see the module docs).
///
/// # Example
/// ```
/// use credit_core::import::layout::report_date;
/// use credit_core::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 11, 30);
/// for t in ["As of November 30, 2026", "As at 30 November 2026", "截止日期：2026-11-30",
///           "会计期间：2026年第11期 至 2026年第11期", "Buchungskreis 1000  Stichtag 30.11.2026"] {
///     assert_eq!(report_date(&[t.to_string()]), d, "{t}");
/// }
/// assert_eq!(report_date(&["Aged Receivables Detail".to_string()]), None);
/// ```
pub fn report_date(title_rows: &[String]) -> Option<NaiveDate> {
    title_rows.iter().filter_map(|t| line_date(t)).next_back()
}

/// The last date a line of text gives.
fn line_date(text: &str) -> Option<NaiveDate> {
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    // Runs of digits and date separators: 2026-11-30, 30.11.2026,
    // 2026年11月30日, 11/30/2026.
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | '年' | '月' | '日');
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_part(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let run = text[s..i].trim_end_matches(['-', '.', '/']);
                if run.bytes().any(|b| b.is_ascii_digit()) {
                    if let Ok(d) = parse_date(run, None) {
                        found.push((s, d));
                    } else if let Some(d) = period_end(run) {
                        found.push((s, d));
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    // An accounting period: 2026年第11期, 2026年11期.
    for (i, _) in text.match_indices('年') {
        let year: String = text[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let rest = text[i + '年'.len_utf8()..].trim_start_matches('第');
        let month: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[month.len()..];
        if year.len() == 4
            && !month.is_empty()
            && (after.starts_with('期') || after.starts_with('月'))
        {
            if after.starts_with('月')
                && after['月'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            if let (Ok(y), Ok(m)) = (year.parse::<i32>(), month.parse::<u32>()) {
                if let Some(d) = month_end(y, m) {
                    found.push((i, d));
                }
            }
        }
    }
    // A month written out: November 30, 2026; 30 November 2026.
    let words: Vec<(usize, &str)> = word_spans(text);
    for w in words.windows(3) {
        let joined = format!("{} {} {}", w[0].1, w[1].1, w[2].1);
        if w.iter()
            .any(|(_, t)| super::date::month_number(t).is_some())
        {
            if let Ok(d) = parse_date(&joined, None) {
                found.push((w[0].0, d));
            }
        }
    }
    found.into_iter().max_by_key(|(i, _)| *i).map(|(_, d)| d)
}

/// Words split on white space and commas, with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let sep = c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：');
        match (sep, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `2026-11`, `2026.11`, `2026/11`: the last day of that month.
fn period_end(run: &str) -> Option<NaiveDate> {
    let (y, m) = run.split_once(['-', '.', '/'])?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 || m.contains(['-', '.', '/']) {
        return None;
    }
    month_end(y.parse().ok()?, m.parse().ok()?)
}

/// The last day of a month.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    }?;
    if !(1..=12).contains(&m) {
        return None;
    }
    first_next.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn title_dates() {
        for (t, want) in [
            ("As of November 30, 2026", d(2026, 11, 30)),
            ("As at 30 November 2026", d(2026, 11, 30)),
            ("截止日期：2026-11-30", d(2026, 11, 30)),
            ("截至2026年11月30日", d(2026, 11, 30)),
            ("会计期间：2026年第11期", d(2026, 11, 30)),
            ("会计期间：2026年第1期 至 2026年第2期", d(2026, 2, 28)),
            ("期间：2026年2月", d(2026, 2, 28)),
            ("Stichtag 30.11.2026", d(2026, 11, 30)),
            ("Offene Posten zum 30. November 2026", d(2026, 11, 30)),
            ("Key date 2026-11-30", d(2026, 11, 30)),
            ("Period 2026-11", d(2026, 11, 30)),
            ("Company Code 2000  Example Ltd", None),
            ("单位：元", None),
        ] {
            assert_eq!(report_date(&[t.to_string()]), want, "{t}");
        }
        assert_eq!(
            report_date(&["As of 2026-10-31".into(), "Printed 2026-12-01".into()]),
            d(2026, 12, 1)
        );
    }

    #[test]
    fn header_search() {
        let r = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rows = vec![
            r(&["应收账款明细表", "", ""]),
            r(&["会计期间：2026年第11期"]),
            r(&["单位：元"]),
            r(&["客户编码", "客户名称", "单据日期", "金额"]),
        ];
        assert_eq!(find_header(&rows), Some(3));
        assert_eq!(find_header(&[r(&["a", "b"]), r(&["1", "2"])]), Some(0));
        assert_eq!(find_header(&[r(&[""]), r(&["a", "b"])]), Some(1));
        assert_eq!(find_header(&[r(&["invoice", "amount"])]), Some(0));
        assert_eq!(find_header(&[]), None);
    }

    #[test]
    fn total_markers() {
        for s in [
            "合计",
            "本期合计",
            "总计",
            "小计",
            "Total",
            "TOTAL",
            "Total for 1 - 30 days past due",
            "Grand Total",
            "Summe",
            "Gesamtsumme",
            "**",
            "Sous-total",
        ] {
            assert!(is_total_marker(s), "{s}");
        }
        for s in ["TotalEnergies SE", "Acme", "", "Gesamtschule Nord"] {
            assert!(!is_total_marker(s), "{s}");
        }
    }

    /// The definition before the allocation-free version: lowercase the
    /// cell, then look for the words.
    fn total_marker_by_lowercase(cell: &str) -> bool {
        let t = cell.trim();
        if t.is_empty() {
            return false;
        }
        if t.starts_with('*') || TOTAL_MARKS_ZH.iter().any(|m| t.contains(m)) {
            return true;
        }
        let l = t.to_lowercase();
        TOTAL_WORDS.iter().any(|w| {
            l == *w
                || l.strip_prefix(w)
                    .is_some_and(|rest| rest.starts_with([' ', ':', '：', '(']))
        })
    }

    proptest::proptest! {
        /// The same answer as lowercasing the cell, for cells made of the
        /// words, their case changed, the characters around them and
        /// characters whose lowercase is special (Kelvin sign, dotted
        /// capital I, final sigma).
        #[test]
        fn total_marker_same_as_lowercasing(
            word in proptest::sample::select(TOTAL_WORDS.to_vec()),
            upper in proptest::collection::vec(proptest::bool::ANY, 16),
            before in "[ \t*]{0,2}",
            after in "(|[ :：(]|[a-zA-Z]|\\u{212A}|İ|Σ|合计|ß)[a-zA-Z0-9 ]{0,6}",
            other in "\\PC{0,12}",
        ) {
            let cased: String = word
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            for cell in [format!("{before}{cased}{after}"), other.clone(), format!("{other}{cased}"), format!("K{after}")] {
                proptest::prop_assert_eq!(is_total_marker(&cell), total_marker_by_lowercase(&cell), "{:?}", cell);
            }
        }
    }
}
