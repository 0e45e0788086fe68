//! Table tests over the sample files in `tests/data/import/`: each file is
//! read, mapped from its headers and previewed; the counts, totals, date
//! range and errors are those worked out by hand (the clean files' in
//! `tests/data/import_samples.csv`, the others below).

mod common;

use credit_core::import::{
    guess_mapping, merge, preview, read_table, DateOrder, Encoding, ErrorReason, MergePolicy,
    OnExisting, ParseOptions, Preview, ReadOptions,
};
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use credit_core::{Decimal, NaiveDate};

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(name: &str, opts: &ParseOptions) -> (Encoding, char, Preview) {
    let t = read_table(&bytes(name), &ReadOptions::default()).unwrap();
    let p = preview(name, &t, &guess_mapping(&t.headers), opts);
    (t.encoding, t.delimiter, p)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    credit_core::dates::parse_iso(s).unwrap()
}

/// An encoding as the table names it.
fn encoding(name: &str) -> Encoding {
    match name {
        "utf8" => Encoding::Utf8,
        "gb18030" => Encoding::Gb18030,
        other => panic!("unknown encoding {other}"),
    }
}

/// A delimiter as the table names it.
fn delimiter(name: &str) -> char {
    match name {
        "comma" => ',',
        "semicolon" => ';',
        "tab" => '\t',
        other => panic!("unknown delimiter {other}"),
    }
}

/// The clean samples of `tests/data/import_samples.csv`: each file's
/// encoding, delimiter, counts, totals and dates, worked out by hand.
#[test]
fn clean_files() {
    let rows = common::rows("import_samples.csv");
    assert_eq!(rows.len(), 3);
    for r in rows {
        let [file, enc, delim, invoices, buyers, cur, gross, paid, lo, hi] = r.as_slice() else {
            panic!("a row of 10 cells: {r:?}");
        };
        let file = file.as_str();
        let (e, d, p) = load(file, &ParseOptions::default());
        assert!(p.errors.is_empty(), "{file}: {:?}", p.errors);
        assert_eq!((e, d), (encoding(enc), delimiter(delim)), "{file}");
        assert_eq!(
            p.invoices.len(),
            invoices.parse::<usize>().unwrap(),
            "{file}"
        );
        assert_eq!(p.summary.buyers, buyers.parse::<usize>().unwrap(), "{file}");
        assert_eq!(p.summary.totals.len(), 1, "{file}");
        let t = &p.summary.totals[0];
        assert_eq!(t.currency, Currency::new(cur).unwrap(), "{file}");
        assert_eq!(t.gross, dec(gross), "{file}");
        assert_eq!(t.paid, dec(paid), "{file}");
        assert_eq!(p.summary.date_range, Some((day(lo), day(hi))), "{file}");
        assert!(!p.needs_date_order);
    }
}

#[test]
fn english_file_details() {
    let (_, _, p) = load("invoices_en.csv", &ParseOptions::default());
    let inv = &p.invoices;
    assert_eq!(inv[0].vat, Some(dec("1380.53")));
    assert_eq!(inv[0].payments[0].date, day("2025-02-20"));
    assert_eq!(inv[4].gross, dec("-1200.00"));
    assert_eq!(p.customers[0].name, "Acme Trading, Ltd.");
    assert_eq!(p.customers[2].name, "North \"Star\" Co");
    assert_eq!(p.customers[1].terms_days, 60);
}

#[test]
fn chinese_file_details() {
    let (_, _, p) = load("invoices_zh_gbk.csv", &ParseOptions::default());
    assert_eq!(p.customers[0].name, "上海甲贸易有限公司");
    assert_eq!(p.invoices[2].issue_date, day("2025-03-01"));
    // No payment-date column: the payment is dated at the due date.
    assert_eq!(p.invoices[1].payments[0].date, day("2025-04-19"));
    assert!(p.invoices[0].payments.is_empty());
}

#[test]
fn semicolon_file_dates_are_day_first() {
    let (_, _, p) = load("invoices_semicolon.csv", &ParseOptions::default());
    assert_eq!(p.invoices[0].due_date, day("2025-03-02"));
    assert_eq!(p.invoices[3].gross, dec("1000"));
    assert_eq!(p.invoices[1].gross, dec("12.5"));
}

#[test]
fn broken_file_lists_every_error() {
    let (_, _, p) = load("broken.csv", &ParseOptions::default());
    let got: Vec<(usize, &str, &str, ErrorReason)> = p
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.value.as_str(), e.reason))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "issue date", "2025-13-01", ErrorReason::NoSuchDate),
            (4, "customer", "", ErrorReason::Missing),
            (4, "amount", "abc", ErrorReason::NotAnAmount),
            (5, "invoice", "B-1", ErrorReason::DuplicateInFile),
            (5, "due date", "2025-01-01", ErrorReason::DueBeforeIssue),
            (6, "currency", "XX", ErrorReason::UnknownCurrency),
            // Row 6 pays 60 of 50: an overpayment (a credit of the buyer),
            // no longer an error.
            (8, "amount", "1,2,3", ErrorReason::NotAnAmount),
        ]
    );
    assert!(p.errors.iter().all(|e| e.file == "broken.csv"));
    assert_eq!(p.summary.rows, 7);
    assert_eq!((p.summary.valid_rows, p.summary.error_rows), (2, 5));
    assert_eq!(p.duplicates_in_file, vec!["B-1"]);
    let empty = Portfolio::new("p", Currency::CNY);
    assert!(merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip).is_err());
    let (q, r) = merge(&empty, &p, MergePolicy::ValidRowsOnly, OnExisting::Skip).unwrap();
    assert_eq!(q.invoices.len(), 2);
    assert_eq!(r.rows_left_out, 5);
    let csv = credit_core::import::errors_csv(&p.errors);
    assert_eq!(csv.lines().count(), 8);
    assert!(csv.contains("\r\nbroken.csv,8,amount,\"1,2,3\",not an amount\r\n"));
}

#[test]
fn ambiguous_file_needs_an_order() {
    let (_, _, p) = load("ambiguous.csv", &ParseOptions::default());
    assert!(p.needs_date_order);
    let (_, _, p) = load(
        "ambiguous.csv",
        &ParseOptions {
            date_order: Some(DateOrder::Mdy),
            ..ParseOptions::default()
        },
    );
    assert!(p.errors.is_empty());
    assert_eq!(p.invoices[1].issue_date, day("2025-04-05"));
}

#[test]
fn gbk_file_merges_and_ages() {
    let (_, _, p) = load("invoices_zh_gbk.csv", &ParseOptions::default());
    let (q, r) = merge(
        &Portfolio::new("p", Currency::CNY),
        &p,
        MergePolicy::AllOrNothing,
        OnExisting::Skip,
    )
    .unwrap();
    assert!(r.currencies_without_rate.is_empty());
    assert!(q.validate().is_empty());
    let a = credit_core::ageing::age(&q, day("2025-06-30"), &q.settings.ageing).unwrap();
    assert_eq!(a.total.total, dec("244789.50"));
}
