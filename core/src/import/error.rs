//! What goes wrong: an import that cannot go on ([`ImportError`]) and a
//! refused cell ([`RowError`], [`ErrorReason`]), with the errors as CSV.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{csv, Field, MAX_CELL_CHARS, MAX_COLUMNS};

/// An import that cannot go on at all (as opposed to a bad row:
/// [`RowError`]).
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file has no header row.
    #[error("the file is empty")]
    Empty,
    /// The text cannot be split into rows.
    #[error(transparent)]
    Csv(#[from] csv::CsvError),
    /// The workbook cannot be read.
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    /// The mapping lacks the columns any kind of file needs.
    #[error("no column for {0:?}: map the columns of an invoice, payment or customer file")]
    MissingColumns(Vec<Field>),
    /// Day/month order not given for a file that needs it.
    #[error("the file's dates can be read day/month or month/day: choose the order")]
    DateOrderRequired,
    /// All-or-nothing import of a file with errors.
    #[error("{count} error(s) in the file: nothing imported")]
    RowErrors {
        /// How many errors.
        count: usize,
    },
    /// Payments for invoices the portfolio does not have.
    #[error("payments for unknown invoices: {0:?}")]
    UnknownInvoices(Vec<String>),
    /// Bytes that are no text file or workbook (an image, a PDF…).
    #[error("this is not a CSV or XLSX file (it looks like {looks_like})")]
    NotText {
        /// What it looks like: "a PNG image", "binary data"…
        looks_like: &'static str,
    },
    /// More columns than [`MAX_COLUMNS`].
    #[error("the file has {columns} columns; at most {MAX_COLUMNS} are read")]
    TooWide {
        /// How many the widest row has.
        columns: usize,
    },
    /// A cell longer than [`MAX_CELL_CHARS`].
    #[error("row {row}, column {column}: a cell of {chars} characters; at most {MAX_CELL_CHARS}")]
    CellTooLong {
        /// The file's row, 1-based.
        row: usize,
        /// The column, 1-based.
        column: usize,
        /// Its length in characters.
        chars: usize,
    },
}

/// Why a cell was refused; the app translates it, [`fmt::Display`] gives
/// the English the CLI prints.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorReason {
    /// A required cell is empty.
    Missing,
    /// Not a date in a known form.
    NotADate,
    /// A date that does not exist.
    NoSuchDate,
    /// Day/month order unknown.
    AmbiguousDate,
    /// Not an amount.
    NotAnAmount,
    /// Negative where it cannot be.
    Negative,
    /// Not an ISO 4217 code.
    UnknownCurrency,
    /// Due date before the issue date.
    DueBeforeIssue,
    /// Paid more than the gross. No longer raised: an overpayment is a
    /// credit of the buyer (kept so stored error lists still read).
    PaidExceedsGross,
    /// The invoice id appears on an earlier row.
    DuplicateInFile,
    /// Not a whole number of days.
    NotADayCount,
    /// Not yes or no.
    NotYesOrNo,
    /// Beyond the largest amount, [`crate::money::MAX_AMOUNT`].
    TooLarge,
    /// Longer than [`crate::portfolio::MAX_TEXT_CHARS`] characters.
    TooLong,
    /// VAT larger than the gross amount.
    VatAboveGross,
}

impl fmt::Display for ErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorReason::Missing => "required value is empty",
            ErrorReason::NotADate => {
                "not a date (use 2025-03-31, 2025/3/31, 31.03.2025 or 03/31/2025)"
            }
            ErrorReason::NoSuchDate => "no such date",
            ErrorReason::AmbiguousDate => {
                "ambiguous date: day/month or month/day (choose the date order)"
            }
            ErrorReason::NotAnAmount => "not an amount",
            ErrorReason::Negative => "cannot be negative",
            ErrorReason::UnknownCurrency => "not a currency code (ISO 4217, e.g. CNY)",
            ErrorReason::DueBeforeIssue => "due date is before the issue date",
            ErrorReason::PaidExceedsGross => "paid amount exceeds the gross amount",
            ErrorReason::DuplicateInFile => "invoice id already appears on an earlier row",
            ErrorReason::NotADayCount => "not a whole number of days",
            ErrorReason::NotYesOrNo => "not yes or no",
            ErrorReason::TooLarge => {
                "beyond the largest amount the reports can add up (1,000,000,000,000,000)"
            }
            ErrorReason::TooLong => "longer than 1,000 characters",
            ErrorReason::VatAboveGross => "VAT is larger than the gross amount",
        })
    }
}

/// One refused cell.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RowError {
    /// The file's name.
    pub file: String,
    /// The file's row, 1-based (the header's row for a missing column).
    pub row: usize,
    /// The column's header text.
    pub column: String,
    /// The cell's text.
    pub value: String,
    /// Why it was refused.
    pub reason: ErrorReason,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: row {}, column {:?}, value {:?}: {}",
            self.file, self.row, self.column, self.value, self.reason
        )
    }
}

/// The errors as CSV for download: `file,row,column,value,reason`, the
/// reason in English, UTF-8 with BOM and formula-escaped like every export
/// ([`crate::export`]).
///
/// # Example
/// ```
/// use credit_core::import::{errors_csv, ErrorReason, RowError};
/// let e = RowError { file: "a.csv".into(), row: 3, column: "Amount".into(),
///                    value: "=1+1".into(), reason: ErrorReason::NotAnAmount };
/// assert_eq!(errors_csv(&[e]),
///     "\u{feff}file,row,column,value,reason\r\na.csv,3,Amount,'=1+1,not an amount\r\n");
/// ```
pub fn errors_csv(errors: &[RowError]) -> String {
    use crate::export::{Cell, CsvWriter};
    let mut w = CsvWriter::new();
    w.row(
        ["file", "row", "column", "value", "reason"]
            .iter()
            .map(|h| Cell::Text(h)),
    );
    for e in errors {
        let reason = e.reason.to_string();
        let row = e.row.to_string();
        w.row([
            Cell::Text(&e.file),
            Cell::Number(&row),
            Cell::Text(&e.column),
            Cell::Text(&e.value),
            Cell::Text(&reason),
        ]);
    }
    w.finish()
}
