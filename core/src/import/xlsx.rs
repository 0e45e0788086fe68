//! XLSX workbooks (feature `xlsx`, off by default; calamine, which builds
//! for wasm32-unknown-unknown).
//!
//! The first worksheet is read; its header row is found as in a CSV file
//! (below any title rows; row numbers are the sheet's). Cells become
//! the text the CSV path parses, so both formats share one parser: numbers
//! as Rust writes an `f64` shortest (`1234.5`; integers without `.0`),
//! Excel dates (serial days since 1899-12-30, the 1900 leap-year bug
//! included in that epoch) as `2025-03-31`, booleans as `true`/`false`,
//! error cells (`#N/A`) as their text, so they fail as a bad value.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};

use super::{Encoding, ImportError, ReadOptions, Table};

/// An Excel serial day as a date; `None` out of range.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(Duration::days(serial.floor() as i64))
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(x) => {
            excel_date(x.as_f64()).map_or_else(|| x.as_f64().to_string(), |d| d.to_string())
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e:?}"),
    }
}

/// Reads the first worksheet of an XLSX workbook into a table
/// ([`ReadOptions::header_row`] applies; the encoding and delimiter do not).
///
/// # Errors
/// [`ImportError::Workbook`] for bytes that are not a workbook;
/// [`ImportError::Empty`] for a workbook without a sheet or a header row.
pub fn read_xlsx(bytes: &[u8], opts: &ReadOptions) -> Result<Table, ImportError> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Workbook(e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or(ImportError::Empty)?
        .map_err(|e| ImportError::Workbook(e.to_string()))?;
    // The used range may start below row 1: keep the sheet's numbers.
    let first_row = range.start().map_or(1, |(r, _)| r as usize + 1);
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    Table::from_rows(rows, first_row, opts.header_row, Encoding::Utf8, ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates() {
        assert_eq!(excel_date(45747.0), NaiveDate::from_ymd_opt(2025, 3, 31));
        assert_eq!(excel_date(f64::NAN), None);
        assert_eq!(excel_date(-1.0), None);
    }

    #[test]
    fn not_a_workbook() {
        assert!(matches!(
            read_xlsx(b"a,b\n1,2\n", &ReadOptions::default()),
            Err(ImportError::Workbook(_))
        ));
    }
}
