//! Import of invoices, customers and payments from CSV (and XLSX with the
//! `xlsx` feature): bytes → [`read_table`] → [`guess_mapping`] (the user
//! corrects it) → [`preview`] (every row parsed, every error listed, a
//! summary) → [`merge`] into a *new* portfolio, so a failed or cancelled
//! import never touches what is stored.
//!
//! Choices where the issue is silent:
//! - **What a file holds** ([`FileKind`]) follows from its mapped columns: an
//!   amount column (gross) makes it an invoice file; an invoice id with a
//!   paid amount and no gross a payment file; a customer id (or name)
//!   without an invoice id a customer file.
//!   An outstanding (open balance) column, or debit and credit columns, make
//!   it an invoice file too.
//! - **Layout** ([`layout`]): the header is the first row, among the first
//!   30, whose cells are mostly known headers (title, period and unit rows of
//!   ERP reports sit above it; [`ReadOptions::header_row`] overrides it);
//!   the title rows may give the report's date ([`Table::report_date`]).
//!   Total rows (`合计`, `Total for …`, SAP `*`) and section rows
//!   (`Current`, `1 - 30 days past due`, a buyer's heading) are left out,
//!   not errors, and listed ([`Preview::skipped_rows`], [`ImportWarning`]).
//! - **Rows**: numbered as a spreadsheet shows them (the file's own row
//!   numbers, whatever row the header is on). Blank rows are skipped
//!   silently; a short row reads its missing cells as empty; an extra cell
//!   beyond the header is ignored.
//! - **Invoice rows** (ledger lines: invoices, credit notes, debit notes,
//!   payments on account) need an id, a customer (id, or the name when the
//!   file has no id column: the name then serves as the id; with neither
//!   column, the text of the heading row above the line, as Xero's report
//!   groups lines under the contact: [`file_kind_of`]), an issue date,
//!   an amount and, for an invoice, a due date. The currency column, when
//!   missing or empty, gives [`ParseOptions::default_currency`]; it reads
//!   codes and names (`人民币`, `US Dollar`, `€`: [`currency_from_name`]).
//! - **The amount** is the gross column; without one, debit − credit (Soll −
//!   Haben, 借方 − 贷方); without those, the outstanding column (a
//!   balance-only file: the open amount is all the file knows, no
//!   payments). A gross that is zero with a negative outstanding (ERPNext's
//!   payment entries and returns, Kingdee's 收款单) is that credit itself.
//! - **The kind** ([`DocKind`]) comes from the document-type column
//!   ([`doc_kind_from_text`]: SAP `RV` `DG` `DZ`, `Credit Memo`, `收款单`
//!   …), a text it does not know or no column from the sign. A credit note
//!   or payment is always negative (a positive one is negated, with its
//!   open and paid amounts). A credit line needs no due date (it is due on
//!   its issue date) and, when the file gives none, no id: one is made of
//!   its kind, buyer, date and row (`PAY-C1-2026-11-12-r13`). In a file
//!   with a type column, a line whose type says nothing definite (ERPNext's
//!   `Journal Entry`) needs no due date either; in a file without one every
//!   invoice does. VAT is kept as the file gives it; a negative VAT or paid
//!   amount is an error on an invoice only.
//! - **Paid amounts**: with an outstanding column next to the amount, the
//!   settled part is amount − outstanding (payments and credit notes
//!   applied together); otherwise the paid column plus the credit-note
//!   column. The settled part becomes one payment (when not zero) dated at
//!   the payment-date column or, without one, at the **earlier of the due
//!   date and the file's date** ([`ParseOptions::file_date`], else
//!   [`Table::report_date`], else the due date alone) and never before the
//!   issue date: the file says the amount is paid, not when, and an invoice
//!   paid early must not look open on the file's date. A paid amount above
//!   the gross is an **overpayment**, not an error: the line's open amount
//!   is negative, a credit of the buyer. A negative paid amount on an
//!   invoice is an error.
//! - **Disputes**: a disputed cell that reads yes (`yes`, `y`, `true`, `1`,
//!   `x`, `是`, `有`) marks the invoice disputed, with the reason column and
//!   the dispute-date column or, without it, the issue date; no, empty,
//!   `false`, `0`, `否`, `无` leave it undisputed; anything else is an error.
//! - **Buyers** named by invoice rows and unknown to the portfolio are
//!   created on merge: the name column (or the id), the country column (or
//!   empty), default terms = due − issue of the buyer's first invoice row in
//!   the file, no limits, active. Buyers already in the portfolio are kept as
//!   they are. Rows of a customer file follow [`OnExisting`] like invoices.
//! - **Duplicates within the file**: the second and later rows with an
//!   invoice id already seen are errors (and listed in
//!   [`Preview::duplicates_in_file`]); the first row stands.
//! - **Dates**: one day/month order per file ([`date::detect_order`] over all
//!   its date columns). When the file leaves it open and
//!   [`ParseOptions::date_order`] is `None`, [`Preview::needs_date_order`] is
//!   set, each ambiguous cell is an error, and [`merge`] refuses.
//! - **Amounts**: one decimal separator per file, from the amount cells
//!   ([`amount::detect_decimal`]), unless [`ParseOptions::decimal`] forces
//!   one (or the preset, [`ParseOptions::preset`], fixes it: SAP German is
//!   day-first with a decimal comma).
//! - **Presets** ([`preset`]): [`detect_preset`] recognises a known export
//!   (SAP FBL5N, ERPNext, Odoo, Kingdee, Yonyou, QuickBooks, Xero) and
//!   [`Preset::mapping`] gives its exact mapping.
//! - **Guardrail**: a file that looks like a receivables report (an amount
//!   and a date column) but whose mapping makes it a customer file gets
//!   [`ImportWarning::LooksLikeInvoices`], so it never imports 0 invoices
//!   silently.
//! - **FX**: imported amounts keep their currency. A currency the portfolio
//!   has no rate for is listed in [`MergeReport::currencies_without_rate`];
//!   the user adds a rate before ageing.

pub mod amount;
pub mod csv;
pub mod date;
pub mod encoding;
pub mod header;
pub mod layout;
pub mod preset;
pub mod reconcile;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::customer::{Customer, CustomerStatus};
use crate::invoice::{Dispute, DocKind, Invoice, Payment};
use crate::money::Currency;
use crate::portfolio::Portfolio;

pub use amount::DecimalSep;
pub use date::DateOrder;
pub use encoding::{Encoding, EncodingChoice};
pub use header::{guess_mapping, Field, Mapping};
pub use layout::SkipReason;
pub use preset::Preset;

/// How to read a file's bytes into a table.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ReadOptions {
    /// The encoding, or detect it.
    pub encoding: EncodingChoice,
    /// The delimiter, or detect it (`,` `;` tab).
    pub delimiter: Option<char>,
    /// The header's row, 1-based as the file numbers it (the user's
    /// override); `None` finds it ([`layout::find_header`]).
    pub header_row: Option<usize>,
}

/// A file read into rows of text cells.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Table {
    /// The header row, trimmed.
    pub headers: Vec<String>,
    /// The data rows; `rows[i]` is the file's row
    /// [`Table::row_number`]`(i)`.
    pub rows: Vec<Vec<String>>,
    /// The encoding read (UTF-8 for XLSX).
    pub encoding: Encoding,
    /// The delimiter used (`,` for XLSX).
    pub delimiter: char,
    /// The header's row in the file, 1-based.
    pub header_row: usize,
    /// The non-blank rows above the header, each its non-empty cells joined
    /// by a space (a report's title, period, unit).
    pub title_rows: Vec<String>,
    /// The report's date the title rows give ([`layout::report_date`]).
    pub report_date: Option<NaiveDate>,
}

impl Table {
    /// The file's row number (1-based) of data row `i`.
    pub fn row_number(&self, i: usize) -> usize {
        self.header_row + 1 + i
    }

    /// A table from a file's rows: finds the header (or takes the
    /// override), keeps the title rows above it. `first_row` is the file's
    /// row number of `rows[0]`.
    pub(crate) fn from_rows(
        rows: Vec<Vec<String>>,
        first_row: usize,
        header_row: Option<usize>,
        encoding: Encoding,
        delimiter: char,
    ) -> Result<Table, ImportError> {
        for (k, r) in rows.iter().enumerate() {
            if r.len() > MAX_COLUMNS {
                return Err(ImportError::TooWide { columns: r.len() });
            }
            for (c, cell) in r.iter().enumerate() {
                if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
                    return Err(ImportError::CellTooLong {
                        row: first_row + k,
                        column: c + 1,
                        chars: cell.chars().count(),
                    });
                }
            }
        }
        let index = match header_row {
            Some(n) => n.checked_sub(first_row).ok_or(ImportError::Empty)?,
            None => layout::find_header(&rows).ok_or(ImportError::Empty)?,
        };
        let mut rows = rows.into_iter();
        let title_rows: Vec<String> = rows
            .by_ref()
            .take(index)
            .map(|r| {
                r.iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
            .collect();
        let headers: Vec<String> = rows
            .next()
            .ok_or(ImportError::Empty)?
            .into_iter()
            .map(|h| h.trim().to_string())
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(ImportError::Empty);
        }
        Ok(Table {
            headers,
            rows: rows.collect(),
            encoding,
            delimiter,
            header_row: first_row + index,
            report_date: layout::report_date(&title_rows),
            title_rows,
        })
    }
}

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

/// The most columns a file may have (a ledger has a few dozen; 200,000
/// made the page draw a drop-down for each).
pub const MAX_COLUMNS: usize = 1_000;
/// The longest cell a file may have, in characters (a mapped cell is
/// refused beyond [`crate::portfolio::MAX_TEXT_CHARS`]).
pub const MAX_CELL_CHARS: usize = 100_000;

/// What bytes look like when they are no text: `None` for text (any
/// encoding the importer reads) or a workbook.
///
/// # Example
/// ```
/// use credit_core::import::binary_kind;
/// assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n\0\0"), Some("a PNG image"));
/// assert_eq!(binary_kind("a,b\n1,2\n".as_bytes()), None);
/// assert_eq!(binary_kind(b"\xff\xfea\0,\0b\0"), None); // UTF-16 text
/// ```
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 8] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (
            b"\xd0\xcf\x11\xe0",
            "an old Excel (.xls) or Word file: save it as XLSX or CSV",
        ),
        (b"\x1f\x8b", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xbc\xaf", "a 7-Zip archive"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(s, _)| bytes.starts_with(s)) {
        return Some(what);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let utf16 = matches!(
        encoding::detect(bytes),
        Encoding::Utf16Le | Encoding::Utf16Be
    );
    (!utf16 && head.contains(&0)).then_some("binary data")
}

/// Reads a CSV file's bytes into a table: decodes ([`encoding::decode`]),
/// detects the delimiter ([`csv::detect_delimiter`]), splits the rows and
/// finds the header row ([`layout::find_header`]) below any title rows.
///
/// # Errors
/// [`ImportError::Empty`] without a header row; [`ImportError::Csv`] for a
/// quote never closed.
///
/// # Example
/// ```
/// use credit_core::import::{read_table, ReadOptions, ImportError};
/// let t = read_table("发票号;金额\nA-1;1.234,50\n".as_bytes(), &ReadOptions::default()).unwrap();
/// assert_eq!((t.delimiter, t.headers.len(), t.rows[0][1].as_str()), (';', 2, "1.234,50"));
/// assert_eq!(read_table(b"", &ReadOptions::default()), Err(ImportError::Empty));
/// let r = "A/R Aging Detail\nAs of November 30, 2026\n\nDate,Num,Customer,Amount\n11/01/2026,1046,Acme,10\n";
/// let t = read_table(r.as_bytes(), &ReadOptions::default()).unwrap();
/// assert_eq!((t.header_row, t.row_number(0)), (4, 5));
/// assert_eq!(t.report_date.map(|d| d.to_string()).as_deref(), Some("2026-11-30"));
/// ```
pub fn read_table(bytes: &[u8], opts: &ReadOptions) -> Result<Table, ImportError> {
    let (text, encoding) = encoding::decode(bytes, opts.encoding);
    let delimiter = opts
        .delimiter
        .unwrap_or_else(|| csv::detect_delimiter(&text));
    let rows = csv::parse(&text, delimiter).map_err(|e| match e {
        csv::CsvError::TooWide { columns, .. } => ImportError::TooWide { columns },
        e => ImportError::Csv(e),
    })?;
    Table::from_rows(rows, 1, opts.header_row, encoding, delimiter)
}

/// Reads a file of either format: an XLSX workbook (bytes starting with
/// the ZIP signature `PK\x03\x04`) when the crate is built with the `xlsx`
/// feature, otherwise CSV ([`read_table`]).
///
/// # Errors
/// As [`read_table`]; [`ImportError::Workbook`] for a workbook that cannot
/// be read or, without the `xlsx` feature, for any workbook.
///
/// # Example
/// ```
/// use credit_core::import::{read_file, ReadOptions};
/// let t = read_file("a\tb\n1\t2\n".as_bytes(), &ReadOptions::default()).unwrap();
/// assert_eq!(t.delimiter, '\t');
/// ```
pub fn read_file(bytes: &[u8], opts: &ReadOptions) -> Result<Table, ImportError> {
    if let Some(looks_like) = binary_kind(bytes) {
        return Err(ImportError::NotText { looks_like });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        #[cfg(feature = "xlsx")]
        return xlsx::read_xlsx(bytes, opts);
        #[cfg(not(feature = "xlsx"))]
        return Err(ImportError::Workbook(
            "XLSX support is not built in (cargo feature `xlsx`); save the sheet as CSV".into(),
        ));
    }
    read_table(bytes, opts)
}

/// How to read the cells.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ParseOptions {
    /// Day/month order when the file leaves it open (the user's choice).
    pub date_order: Option<DateOrder>,
    /// Force the decimal separator; `None` detects it per file.
    pub decimal: Option<DecimalSep>,
    /// The currency of rows without one: the portfolio's base currency.
    pub default_currency: Currency,
    /// The file's date, for paid amounts without a payment date (the import
    /// date in the app, `--as-of` on the command line); `None` takes the
    /// table's [`Table::report_date`].
    pub file_date: Option<NaiveDate>,
    /// The preset the mapping came from: its fixed date order and decimal
    /// separator apply when the options above leave them open.
    pub preset: Option<Preset>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            date_order: None,
            decimal: None,
            default_currency: Currency::CNY,
            file_date: None,
            preset: None,
        }
    }
}

/// What a file holds (see the module docs).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Invoices, maybe with a paid-amount column.
    Invoices,
    /// Payments against invoice ids.
    Payments,
    /// Buyers.
    Customers,
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

/// Totals of one currency in a preview.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct CurrencyTotal {
    /// The currency.
    pub currency: Currency,
    /// Σ gross of the valid invoice rows.
    pub gross: Decimal,
    /// Σ paid in the file (payments of invoice rows, or payment rows).
    pub paid: Decimal,
    /// Invoices in this currency.
    pub invoices: usize,
}

/// What a file would import, shown before anything is stored.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Data rows (blank rows not counted).
    pub rows: usize,
    /// Rows without an error.
    pub valid_rows: usize,
    /// Rows with at least one error.
    pub error_rows: usize,
    /// Distinct buyers named by the valid rows.
    pub buyers: usize,
    /// Per currency, in code order.
    pub totals: Vec<CurrencyTotal>,
    /// Earliest and latest issue date (payment date for a payment file).
    pub date_range: Option<(NaiveDate, NaiveDate)>,
    /// Rows repeating an earlier row's invoice id.
    pub duplicates: usize,
}

/// A payment row of a payment file.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PaymentRow {
    /// The invoice it pays.
    pub invoice_id: String,
    /// The payment.
    pub payment: Payment,
}

/// A parsed file: what would be imported, and every error.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Preview {
    /// The file's name (errors carry it).
    pub file: String,
    /// What the file holds.
    pub kind: FileKind,
    /// Valid invoice rows.
    pub invoices: Vec<Invoice>,
    /// Buyers: from a customer file, or those named by invoice rows.
    pub customers: Vec<Customer>,
    /// Valid payment rows of a payment file.
    pub payments: Vec<PaymentRow>,
    /// Every refused cell, in row order.
    pub errors: Vec<RowError>,
    /// Counts and totals.
    pub summary: Summary,
    /// The file's dates need a day/month order the options do not give.
    pub needs_date_order: bool,
    /// Invoice ids appearing on more than one row.
    pub duplicates_in_file: Vec<String>,
    /// Rows left out, not errors: total and section rows (file row, why).
    pub skipped_rows: Vec<(usize, SkipReason)>,
    /// What the page should tell the user about the file.
    pub warnings: Vec<ImportWarning>,
}

/// Something about a file worth telling the user, short of an error.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ImportWarning {
    /// The file has an amount and a date column, like a receivables report,
    /// but its mapping makes it a customer file: map these fields to import
    /// its lines.
    LooksLikeInvoices {
        /// What an invoice file needs and the mapping lacks.
        missing: Vec<Field>,
    },
    /// Total rows left out (file rows).
    TotalRowsLeftOut {
        /// The file's rows.
        rows: Vec<usize>,
    },
    /// Section rows (headings, footers) left out (file rows).
    SectionRowsLeftOut {
        /// The file's rows.
        rows: Vec<usize>,
    },
    /// The headers are those of a known export.
    PresetRecognised {
        /// The layout.
        preset: Preset,
    },
    /// The title rows give the report's date, used for paid amounts without
    /// a payment date.
    ReportDate {
        /// The date.
        date: NaiveDate,
    },
}

impl Preview {
    /// A preview of nothing (for a mapping that fits no kind of file).
    fn empty(file: &str, kind: FileKind) -> Self {
        Preview {
            file: file.to_string(),
            kind,
            invoices: Vec::new(),
            customers: Vec::new(),
            payments: Vec::new(),
            errors: Vec::new(),
            summary: Summary::default(),
            needs_date_order: false,
            duplicates_in_file: Vec::new(),
            skipped_rows: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Per buyer and currency, the net open amount of the file's lines after
    /// all their payments (negative for a buyer in credit): what the
    /// dashboard shows when the report date is the file's date. Sorted by
    /// buyer id, then currency code.
    ///
    /// # Example
    /// ```
    /// use credit_core::import::*;
    /// let csv = "Invoice,Customer,Invoice date,Due date,Amount,Paid\n\
    ///            A-1,C1,2025-03-01,2025-03-31,100,120\nA-2,C1,2025-03-05,2025-04-04,50,0\n";
    /// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
    /// let p = preview("f.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default());
    /// let b = p.buyer_balances();
    /// assert_eq!((b[0].0.as_str(), b[0].2.to_string()), ("C1", "30".to_string()));
    /// ```
    pub fn buyer_balances(&self) -> Vec<(String, Currency, Decimal)> {
        let mut m: BTreeMap<(&str, &str), (Currency, Decimal)> = BTreeMap::new();
        for inv in &self.invoices {
            let open = inv.gross - inv.payments.iter().map(|p| p.amount).sum::<Decimal>();
            let e = m
                .entry((inv.customer_id.as_str(), inv.currency.code()))
                .or_insert((inv.currency, Decimal::ZERO));
            e.1 += open;
        }
        m.into_iter()
            .map(|((id, _), (cur, x))| (id.to_string(), cur, x))
            .collect()
    }
}

/// The kind of document a type cell names, if it names one: SAP document
/// types (`RV` `DR` `DD` invoices, `DG` `RG` credit memos, `DZ` payments),
/// ERPNext (`Sales Invoice`, `Payment Entry`), QuickBooks (`Invoice`,
/// `Credit Memo`, `Payment`), Xero (`Credit Note`, `Overpayment`,
/// `Prepayment`), Kingdee and Yonyou (`销售发票`, `其他应收单`, `收款单`,
/// `预收单`, `销售退货单`, `红字发票` …), German and French words; else a
/// text naming a payment, refund or reversal. `None` for a type that says
/// nothing definite (`Journal Entry`, `DA`): the sign decides.
///
/// # Example
/// ```
/// use credit_core::import::doc_kind_from_text;
/// use credit_core::invoice::DocKind;
/// assert_eq!(doc_kind_from_text("DZ"), Some(DocKind::Payment));
/// assert_eq!(doc_kind_from_text("Credit Memo"), Some(DocKind::CreditNote));
/// assert_eq!(doc_kind_from_text("销售专用发票"), Some(DocKind::Invoice));
/// assert_eq!(doc_kind_from_text("Journal Entry"), None);
/// ```
pub fn doc_kind_from_text(text: &str) -> Option<DocKind> {
    let t = text.trim();
    let l = t.to_lowercase();
    let exact = match l.as_str() {
        "rv"
        | "dr"
        | "dd"
        | "invoice"
        | "sales invoice"
        | "customer invoice"
        | "tax invoice"
        | "rechnung"
        | "ausgangsrechnung"
        | "facture"
        | "inv"
        | "销售发票"
        | "其他应收单"
        | "应收单"
        | "销售专用发票"
        | "销售普通发票"
        | "增值税专用发票"
        | "增值税普通发票"
        | "发票"
        | "应收单据" => Some(DocKind::Invoice),
        "debit note" | "debit memo" | "debitnote" | "debit_note" | "lastschrift"
        | "note de débit" | "借项通知单" => Some(DocKind::DebitNote),
        "dg" | "rg" | "credit memo" | "credit note" | "creditnote" | "credit_note" | "credit"
        | "gutschrift" | "avoir" | "return" | "sales return" | "refund" | "销售退货单"
        | "红字发票" | "退款单" | "退货单" | "贷项通知单" => {
            Some(DocKind::CreditNote)
        }
        "dz" | "payment" | "payment entry" | "receive payment" | "overpayment" | "prepayment"
        | "unapplied payment" | "unapplied cash" | "zahlung" | "zahlungseingang" | "paiement"
        | "règlement" | "receipt" | "收款单" | "预收单" | "预收款" | "收款" => {
            Some(DocKind::Payment)
        }
        "da" | "journal entry" | "journal" | "ab" | "sa" => return None,
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    if t.starts_with("红字")
        || l.contains("reversal")
        || l.contains("credit note")
        || l.contains("credit memo")
    {
        return Some(DocKind::CreditNote);
    }
    if l.contains("payment") || l.contains("zahlung") || t.contains("收款") {
        return Some(DocKind::Payment);
    }
    None
}

/// The ISO code a currency cell names: a code (any case), or a name or
/// symbol — `人民币` `RMB` `元` `¥` → CNY, `美元` `US Dollar` `US$` `$` → USD,
/// `欧元` `Euro` `€` → EUR, `英镑` `Pound Sterling` `£` → GBP, `港币` `HK$` →
/// HKD, `日元` `円` `Yen` → JPY, `Franken` → CHF, `新台币` → TWD, `澳元` →
/// AUD, `加元` → CAD, `新加坡元` → SGD, `韩元` → KRW. `None` for an unknown
/// name (the code is then checked as ISO 4217).
///
/// # Example
/// ```
/// use credit_core::import::currency_from_name;
/// assert_eq!(currency_from_name("人民币"), Some("CNY"));
/// assert_eq!(currency_from_name("us dollar"), Some("USD"));
/// assert_eq!(currency_from_name("HK$"), Some("HKD"));
/// assert_eq!(currency_from_name("Gold"), None);
/// ```
pub fn currency_from_name(text: &str) -> Option<&'static str> {
    let u = text.trim().to_uppercase();
    let u = u.trim_end_matches('.');
    Some(match u {
        "RMB" | "CNY" | "人民币" | "人民币元" | "元" | "¥" | "￥" | "CN¥" | "YUAN" | "RENMINBI"
        | "CHINESE YUAN" => "CNY",
        "USD" | "$" | "US$" | "U.S. DOLLAR" | "US DOLLAR" | "US DOLLARS" | "U.S. DOLLARS"
        | "DOLLAR" | "美元" | "美金" => "USD",
        "EUR" | "€" | "EURO" | "EUROS" | "欧元" => "EUR",
        "GBP" | "£" | "POUND" | "POUNDS" | "POUND STERLING" | "STERLING" | "BRITISH POUND"
        | "英镑" => "GBP",
        "HKD" | "HK$" | "港币" | "港元" | "港幣" | "HONG KONG DOLLAR" => "HKD",
        "JPY" | "円" | "YEN" | "日元" | "JP¥" | "JAPANESE YEN" => "JPY",
        "CHF" | "FRANKEN" | "SCHWEIZER FRANKEN" | "SFR" | "FR" | "瑞士法郎" | "SWISS FRANC" => {
            "CHF"
        }
        "TWD" | "NT$" | "新台币" | "新台幣" | "台币" => "TWD",
        "AUD" | "A$" | "AU$" | "澳元" | "澳币" | "AUSTRALIAN DOLLAR" => "AUD",
        "CAD" | "C$" | "CA$" | "加元" | "加币" | "CANADIAN DOLLAR" => "CAD",
        "SGD" | "S$" | "新加坡元" | "新币" | "SINGAPORE DOLLAR" => "SGD",
        "KRW" | "₩" | "韩元" | "WON" | "KOREAN WON" => "KRW",
        "INR" | "₹" | "RS" | "印度卢比" | "INDIAN RUPEE" => "INR",
        _ => return None,
    })
}

/// The preset whose headers the table has ([`Preset::recognise`]); the
/// caller then maps with [`Preset::mapping`].
///
/// # Example
/// ```
/// use credit_core::import::{detect_preset, read_table, Preset, ReadOptions};
/// let csv = "Posting Date,Customer,Voucher Type,Voucher No,Due Date,Invoiced Amount,Outstanding Amount\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// assert_eq!(detect_preset(&t), Some(Preset::ErpNextAr));
/// ```
pub fn detect_preset(table: &Table) -> Option<Preset> {
    Preset::recognise(&table.headers)
}

/// The text of a heading row: its only non-empty cell (the first one).
fn heading_text(row: &[String]) -> Option<&str> {
    row.iter().map(|c| trim(c)).find(|c| !c.is_empty())
}

/// Whether the file's buyers are named by heading rows rather than by a
/// column: no customer column is mapped, and some one-cell rows that are not
/// totals stand above dated lines (Xero's Aged Receivables Detail groups its
/// lines under the contact's name).
fn buyers_from_headings(table: &Table, mapping: &Mapping) -> bool {
    if mapping.has(Field::CustomerId) || mapping.has(Field::CustomerName) {
        return false;
    }
    let Some(date_col) = mapping.column(Field::IssueDate) else {
        return false;
    };
    let mut heading = false;
    for row in &table.rows {
        let filled = row.iter().filter(|c| !trim(c).is_empty()).count();
        let dated = row.get(date_col).is_some_and(|c| !trim(c).is_empty());
        if filled == 1 {
            heading = heading_text(row).is_some_and(|t| !layout::is_total_marker(t));
        } else if dated && filled >= 3 && heading {
            return true;
        }
    }
    false
}

/// The kind of file a mapping describes for this table: as [`file_kind`],
/// and an invoice file without a customer column when heading rows name the
/// buyers (see the module docs).
///
/// # Errors
/// As [`file_kind`].
pub fn file_kind_of(table: &Table, mapping: &Mapping) -> Result<FileKind, ImportError> {
    match file_kind(mapping) {
        Err(ImportError::MissingColumns(missing))
            if buyers_from_headings(table, mapping)
                && missing.iter().all(|f| *f == Field::CustomerId) =>
        {
            Ok(FileKind::Invoices)
        }
        other => other,
    }
}

/// The kind of file a mapping describes.
///
/// # Errors
/// [`ImportError::MissingColumns`] naming what an invoice file would need.
pub fn file_kind(mapping: &Mapping) -> Result<FileKind, ImportError> {
    let has = |f| mapping.has(f);
    let customer = has(Field::CustomerId) || has(Field::CustomerName);
    let amount =
        has(Field::Gross) || has(Field::Outstanding) || has(Field::Debit) || has(Field::Credit);
    if amount || (has(Field::InvoiceId) && has(Field::IssueDate)) {
        let missing: Vec<Field> = [Field::InvoiceId, Field::IssueDate, Field::DueDate]
            .into_iter()
            .filter(|f| !has(*f))
            .chain((!amount).then_some(Field::Gross))
            .chain((!customer).then_some(Field::CustomerId))
            .collect();
        return if missing.is_empty() {
            Ok(FileKind::Invoices)
        } else {
            Err(ImportError::MissingColumns(missing))
        };
    }
    if has(Field::InvoiceId) && has(Field::Paid) {
        return if has(Field::PaymentDate) {
            Ok(FileKind::Payments)
        } else {
            Err(ImportError::MissingColumns(vec![Field::PaymentDate]))
        };
    }
    if customer && !has(Field::InvoiceId) {
        return Ok(FileKind::Customers);
    }
    Err(ImportError::MissingColumns(vec![
        Field::InvoiceId,
        Field::CustomerId,
        Field::IssueDate,
        Field::DueDate,
        Field::Gross,
    ]))
}

/// One row being parsed: collects its errors.
struct RowCtx<'a> {
    file: &'a str,
    table: &'a Table,
    /// Per field (by `Field as usize`), its column.
    cols: &'a [Option<usize>; Field::ALL.len()],
    row: &'a [String],
    number: usize,
    errors: Vec<RowError>,
    date_order: Option<DateOrder>,
    decimal: DecimalSep,
    /// The buyer named by the last heading row, for a file without a
    /// customer column (Xero's report groups its lines under the contact).
    group: Option<&'a str>,
}

impl<'a> RowCtx<'a> {
    fn cell(&self, f: Field) -> Option<(usize, &'a str)> {
        let c = self.cols[f as usize]?;
        Some((c, self.row.get(c).map_or("", |s| trim(s))))
    }

    fn has(&self, f: Field) -> bool {
        self.cols[f as usize].is_some()
    }

    /// A non-empty cell's text, borrowed.
    fn peek(&self, f: Field) -> Option<&'a str> {
        self.cell(f).map(|(_, v)| v).filter(|v| !v.is_empty())
    }

    fn fail(&mut self, col: usize, value: &str, reason: ErrorReason) {
        self.errors.push(RowError {
            file: self.file.to_string(),
            row: self.number,
            column: self.table.headers.get(col).cloned().unwrap_or_default(),
            value: value.to_string(),
            reason,
        });
    }

    /// A non-empty text cell, or `None` (an error when required).
    fn text(&mut self, f: Field, required: bool) -> Option<String> {
        match self.cell(f) {
            Some((_, v)) if !v.is_empty() => Some(v.to_string()),
            Some((c, v)) if required => {
                self.fail(c, v, ErrorReason::Missing);
                None
            }
            _ => None,
        }
    }

    #[inline(never)]
    fn date(&mut self, f: Field, required: bool) -> Option<NaiveDate> {
        let (c, v) = self.cell(f)?;
        if v.is_empty() {
            if required {
                self.fail(c, v, ErrorReason::Missing);
            }
            return None;
        }
        match date::parse_date(v, self.date_order) {
            Ok(d) => Some(d),
            Err(e) => {
                let reason = match e {
                    date::DateError::Ambiguous => ErrorReason::AmbiguousDate,
                    date::DateError::NoSuchDate => ErrorReason::NoSuchDate,
                    _ => ErrorReason::NotADate,
                };
                self.fail(c, v, reason);
                None
            }
        }
    }

    // Not inlined: a row reads up to seven amounts, and each inlined copy
    // would weigh on the worker's download.
    #[inline(never)]
    fn amount(&mut self, f: Field, required: bool, allow_negative: bool) -> Option<Decimal> {
        let (c, v) = self.cell(f)?;
        if v.is_empty() {
            if required {
                self.fail(c, v, ErrorReason::Missing);
            }
            return None;
        }
        match amount::parse_amount(v, self.decimal) {
            Ok(x) if x.is_sign_negative() && !x.is_zero() && !allow_negative => {
                self.fail(c, v, ErrorReason::Negative);
                None
            }
            Ok(x) => Some(x),
            Err(amount::AmountError::TooLarge) => {
                self.fail(c, v, ErrorReason::TooLarge);
                None
            }
            Err(_) => {
                self.fail(c, v, ErrorReason::NotAnAmount);
                None
            }
        }
    }

    fn currency(&mut self, default: Currency) -> Option<Currency> {
        // Fast path: a plain code.
        if let Some((_, v)) = self.cell(Field::Currency) {
            if v.len() == 3 && v != "RMB" && v.bytes().all(|b| b.is_ascii_uppercase()) {
                if let Ok(cur) = Currency::new(v) {
                    return Some(cur);
                }
            }
        }
        match self.cell(Field::Currency) {
            Some((c, v)) if !v.is_empty() => {
                let upper = v.to_ascii_uppercase();
                let code = currency_from_name(v).unwrap_or(upper.as_str());
                match Currency::new(code) {
                    Ok(cur) => Some(cur),
                    Err(_) => {
                        self.fail(c, v, ErrorReason::UnknownCurrency);
                        None
                    }
                }
            }
            _ => Some(default),
        }
    }

    fn days(&mut self, f: Field) -> Option<u32> {
        let (c, v) = self.cell(f)?;
        if v.is_empty() {
            return None;
        }
        // "30", "30 days", "30天", "net 30".
        let t = v
            .trim_end_matches(|ch: char| !ch.is_ascii_digit())
            .trim_start_matches(|ch: char| !ch.is_ascii_digit());
        match t.parse::<u32>() {
            Ok(d) if !t.is_empty() => Some(d),
            _ => {
                self.fail(c, v, ErrorReason::NotADayCount);
                None
            }
        }
    }

    fn yes_no(&mut self, f: Field) -> bool {
        let Some((c, v)) = self.cell(f) else {
            return false;
        };
        let is = |words: &[&str]| words.iter().any(|w| v.eq_ignore_ascii_case(w));
        match v {
            _ if is(&["yes", "y", "true", "1", "x", "是", "有"]) => true,
            _ if is(&["", "no", "n", "false", "0", "否", "无"]) => false,
            _ => {
                self.fail(c, v, ErrorReason::NotYesOrNo);
                false
            }
        }
    }
}

/// The cells of some fields' columns, row by row.
fn cells<'a>(
    table: &'a Table,
    mapping: &Mapping,
    fields: &[Field],
) -> impl Iterator<Item = &'a str> + 'a {
    let cols: Vec<usize> = fields.iter().filter_map(|f| mapping.column(*f)).collect();
    table.rows.iter().flat_map(move |r| {
        cols.clone()
            .into_iter()
            .filter_map(move |c| r.get(c).map(String::as_str))
    })
}

/// `str::trim`, with a fast path for a cell that starts and ends with a
/// visible ASCII character (nearly all of them).
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if (b'!'..=b'~').contains(a) && (b'!'..=b'~').contains(b) => s,
        _ => s.trim(),
    }
}

/// Parses every row under a mapping: what would be imported, every error,
/// a summary. Never fails: a mapping that fits no kind of file gives a
/// preview with one error per missing column on row 1.
///
/// # Example
/// ```
/// use credit_core::import::{guess_mapping, preview, read_table, ParseOptions, ReadOptions};
/// let csv = "Invoice,Customer,Invoice date,Due date,Amount\n\
///            A-1,C1,2025-03-01,2025-03-31,\"1,000.00\"\n\
///            A-2,C1,2025-03-05,2025-04-04,oops\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let p = preview("march.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default());
/// assert_eq!(p.invoices.len(), 1);
/// assert_eq!(p.errors[0].to_string(),
///     "march.csv: row 3, column \"Amount\", value \"oops\": not an amount");
/// ```
pub fn preview(file_name: &str, table: &Table, mapping: &Mapping, opts: &ParseOptions) -> Preview {
    let kind = match file_kind_of(table, mapping) {
        Ok(k) => k,
        Err(e) => {
            let mut p = Preview::empty(file_name, FileKind::Invoices);
            if let ImportError::MissingColumns(fields) = e {
                for f in fields {
                    p.errors.push(RowError {
                        file: file_name.to_string(),
                        row: table.header_row,
                        column: f.header().to_string(),
                        value: String::new(),
                        reason: ErrorReason::Missing,
                    });
                }
            }
            return p;
        }
    };
    let date_fields = [
        Field::IssueDate,
        Field::DueDate,
        Field::PaymentDate,
        Field::DisputeDate,
    ];
    let fixed_order = opts.date_order.or(opts.preset.and_then(Preset::date_order));
    let evidence = date::detect_order(cells(table, mapping, &date_fields));
    let (date_order, needs_date_order) = match (fixed_order, evidence) {
        (Some(o), _) => (Some(o), false),
        (None, date::OrderEvidence::Known(o)) => (Some(o), false),
        (None, date::OrderEvidence::NotNeeded) => (None, false),
        (None, _) => (None, true),
    };
    let decimal = opts
        .decimal
        .or(opts.preset.and_then(Preset::decimal))
        .unwrap_or_else(|| {
            amount::detect_decimal(cells(
                table,
                mapping,
                &[
                    Field::Gross,
                    Field::Vat,
                    Field::Paid,
                    Field::CreditLimit,
                    Field::Outstanding,
                    Field::Debit,
                    Field::Credit,
                    Field::CreditNote,
                ],
            ))
        });
    let file_date = opts.file_date.or(table.report_date);
    let mut p = Preview::empty(file_name, kind);
    p.needs_date_order = needs_date_order;
    if kind == FileKind::Invoices {
        p.invoices.reserve(table.rows.len());
    }
    let mut cols = [None; Field::ALL.len()];
    for f in Field::ALL {
        cols[f as usize] = mapping.column(f);
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(table.rows.len());
    let mut dup_ids: HashSet<String> = HashSet::new();
    // Per buyer key: its index in `p.customers`, and whether its terms came
    // from an invoice (a credit line's are replaced by the first invoice's).
    let mut buyers: HashMap<&str, (usize, bool)> = HashMap::new();
    let mut totals: Vec<CurrencyTotal> = Vec::new();
    let mut range: Option<(NaiveDate, NaiveDate)> = None;
    let by_headings = buyers_from_headings(table, mapping);
    let mut group: Option<&str> = None;
    for (i, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| trim(c).is_empty()) {
            continue;
        }
        let number = table.row_number(i);
        if let Some(why) = skip_reason(row, &cols, kind) {
            if by_headings && why == SkipReason::Section {
                group = heading_text(row);
            }
            p.skipped_rows.push((number, why));
            continue;
        }
        p.summary.rows += 1;
        let mut cx = RowCtx {
            file: file_name,
            table,
            cols: &cols,
            row,
            number,
            errors: Vec::new(),
            date_order,
            decimal,
            group,
        };
        let mut dated = None;
        // A mapped cell longer than a stored text may be is refused, named
        // by its first 40 characters (a 100,000-character name would else
        // be kept and shown everywhere).
        let long = cx.cols.iter().flatten().copied().find(|&c| {
            row.get(c).is_some_and(|v| {
                v.len() > crate::portfolio::MAX_TEXT_CHARS
                    && v.chars().count() > crate::portfolio::MAX_TEXT_CHARS
            })
        });
        if let Some(c) = long {
            let head: String = row[c].chars().take(40).collect();
            cx.fail(c, &format!("{head}…"), ErrorReason::TooLong);
        }
        match kind {
            _ if long.is_some() => {}
            FileKind::Invoices => {
                if let Some(inv) = invoice_row(&mut cx, opts, file_date, &mut seen, &mut dup_ids) {
                    let t = currency_total(&mut totals, inv.currency);
                    t.gross += inv.gross;
                    t.paid += inv.payments.iter().map(|x| x.amount).sum::<Decimal>();
                    t.invoices += 1;
                    dated = Some(inv.issue_date);
                    let is_invoice = matches!(inv.kind, DocKind::Invoice | DocKind::DebitNote);
                    if let Some(key) = cx.customer_key() {
                        match buyers.get_mut(key) {
                            None => {
                                buyers.insert(key, (p.customers.len(), is_invoice));
                                p.customers.push(cx.new_buyer(&inv));
                            }
                            Some((at, from_invoice)) if !*from_invoice && is_invoice => {
                                p.customers[*at].terms_days = cx.new_buyer(&inv).terms_days;
                                *from_invoice = true;
                            }
                            Some(_) => {}
                        }
                    }
                    p.invoices.push(inv);
                }
            }
            FileKind::Payments => {
                let id = cx.text(Field::InvoiceId, true);
                let amount = cx.amount(Field::Paid, true, false);
                let date = cx.date(Field::PaymentDate, true);
                let cur = cx.currency(opts.default_currency);
                if let (Some(invoice_id), Some(amount), Some(date), Some(cur), true) =
                    (id, amount, date, cur, cx.errors.is_empty())
                {
                    currency_total(&mut totals, cur).paid += amount;
                    dated = Some(date);
                    p.payments.push(PaymentRow {
                        invoice_id,
                        payment: Payment { date, amount },
                    });
                }
            }
            FileKind::Customers => {
                if let (Some(c), Some(key)) = (customer_row(&mut cx), cx.customer_key()) {
                    if buyers.contains_key(key) {
                        // A repeated buyer: the first row stands.
                        p.duplicates_in_file.push(c.id.clone());
                        p.summary.duplicates += 1;
                    } else {
                        buyers.insert(key, (p.customers.len(), true));
                        p.customers.push(c);
                    }
                }
            }
        }
        if let Some(d) = dated {
            range = Some(range.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
        if cx.errors.is_empty() {
            p.summary.valid_rows += 1;
        } else {
            p.summary.error_rows += 1;
            p.errors.append(&mut cx.errors);
        }
    }
    if kind == FileKind::Invoices {
        p.summary.duplicates = p
            .errors
            .iter()
            .filter(|e| e.reason == ErrorReason::DuplicateInFile)
            .count();
        let mut ids: Vec<String> = dup_ids.into_iter().collect();
        ids.sort();
        p.duplicates_in_file = ids;
    }
    p.summary.buyers = if kind == FileKind::Payments {
        0
    } else {
        p.customers.len()
    };
    totals.sort_by(|a, b| a.currency.code().cmp(b.currency.code()));
    p.summary.totals = totals;
    p.summary.date_range = range;
    p.warnings = warnings(table, mapping, kind, &p.skipped_rows);
    p
}

/// Why a row is left out, if it is (see [`layout`]).
fn skip_reason(
    row: &[String],
    cols: &[Option<usize>; Field::ALL.len()],
    kind: FileKind,
) -> Option<SkipReason> {
    let cell = |f: Field| {
        cols[f as usize]
            .and_then(|c| row.get(c))
            .map_or("", |s| trim(s))
    };
    let first = row.iter().map(|c| trim(c)).find(|c| !c.is_empty())?;
    let id = cell(Field::InvoiceId);
    let dated = !cell(Field::IssueDate).is_empty();
    let marked = layout::is_total_marker(first)
        || [Field::InvoiceId, Field::CustomerId, Field::CustomerName]
            .into_iter()
            .any(|f| layout::is_total_marker(cell(f)));
    let real_line = !id.is_empty() && !layout::is_total_marker(id) && dated;
    if marked && !real_line {
        return Some(SkipReason::Total);
    }
    if kind != FileKind::Customers {
        let nonempty = row.iter().filter(|c| !trim(c).is_empty()).count();
        // A heading: one or two cells, no id, no date — or a single cell
        // whatever its column (Xero puts the contact's name in the date
        // column of its heading rows).
        let lone = nonempty == 1 && id.is_empty();
        if lone || (nonempty <= 2 && id.is_empty() && !dated && cell(Field::PaymentDate).is_empty())
        {
            return Some(SkipReason::Section);
        }
    }
    None
}

/// The warnings of a preview (see [`ImportWarning`]).
fn warnings(
    table: &Table,
    mapping: &Mapping,
    kind: FileKind,
    skipped: &[(usize, SkipReason)],
) -> Vec<ImportWarning> {
    let mut out = Vec::new();
    if let Some(preset) = detect_preset(table) {
        out.push(ImportWarning::PresetRecognised { preset });
    }
    if let Some(date) = table.report_date {
        out.push(ImportWarning::ReportDate { date });
    }
    if kind == FileKind::Customers && looks_like_invoices(table) {
        let amount = [
            Field::Gross,
            Field::Outstanding,
            Field::Debit,
            Field::Credit,
        ]
        .into_iter()
        .any(|f| mapping.has(f));
        let missing = [Field::InvoiceId, Field::IssueDate, Field::DueDate]
            .into_iter()
            .filter(|f| !mapping.has(*f))
            .chain((!amount).then_some(Field::Gross))
            .collect();
        out.push(ImportWarning::LooksLikeInvoices { missing });
    }
    let rows = |why: SkipReason| -> Vec<usize> {
        skipped
            .iter()
            .filter(|(_, w)| *w == why)
            .map(|(r, _)| *r)
            .collect()
    };
    let total = rows(SkipReason::Total);
    if !total.is_empty() {
        out.push(ImportWarning::TotalRowsLeftOut { rows: total });
    }
    let section = rows(SkipReason::Section);
    if !section.is_empty() {
        out.push(ImportWarning::SectionRowsLeftOut { rows: section });
    }
    out
}

/// Whether a table looks like a receivables report: a header naming an
/// amount and one naming a date, or (headers aside) a column of dates and
/// another of amounts among its first rows.
fn looks_like_invoices(table: &Table) -> bool {
    let named = |fs: &[Field]| {
        table
            .headers
            .iter()
            .any(|h| Field::from_header(h).is_some_and(|f| fs.contains(&f)))
    };
    let amount_fields = [
        Field::Gross,
        Field::Outstanding,
        Field::Debit,
        Field::Credit,
        Field::Paid,
        Field::CreditNote,
    ];
    let date_fields = [Field::IssueDate, Field::DueDate, Field::PaymentDate];
    if named(&amount_fields) && named(&date_fields) {
        return true;
    }
    let sample: Vec<&Vec<String>> = table.rows.iter().take(50).collect();
    let share = |c: usize, test: &dyn Fn(&str) -> bool| {
        let vals: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.get(c).map(|s| trim(s)))
            .filter(|s| !s.is_empty())
            .collect();
        !vals.is_empty() && vals.iter().filter(|v| test(v)).count() * 2 > vals.len()
    };
    let is_date = |v: &str| {
        matches!(
            date::parse_date(v, None),
            Ok(_) | Err(date::DateError::Ambiguous)
        )
    };
    let is_amount = |v: &str| {
        !is_date(v)
            && v.bytes().any(|b| b == b'.' || b == b',')
            && amount::parse_amount(v, DecimalSep::Point).is_ok()
    };
    let width = table.headers.len();
    let date_col = (0..width).find(|c| share(*c, &is_date));
    let amount_col = (0..width).find(|c| Some(*c) != date_col && share(*c, &is_amount));
    date_col.is_some() && amount_col.is_some()
}

fn currency_total(totals: &mut Vec<CurrencyTotal>, cur: Currency) -> &mut CurrencyTotal {
    let i = match totals.iter().position(|t| t.currency == cur) {
        Some(i) => i,
        None => {
            totals.push(CurrencyTotal {
                currency: cur,
                gross: Decimal::ZERO,
                paid: Decimal::ZERO,
                invoices: 0,
            });
            totals.len() - 1
        }
    };
    &mut totals[i]
}

impl<'a> RowCtx<'a> {
    /// The buyer's id cell: the id column, or the name when there is none.
    fn customer_key(&self) -> Option<&'a str> {
        if self.has(Field::CustomerId) {
            self.peek(Field::CustomerId)
        } else if self.has(Field::CustomerName) {
            self.peek(Field::CustomerName)
        } else {
            self.group
        }
    }

    /// The buyer an invoice row describes (see the module docs).
    fn new_buyer(&self, inv: &Invoice) -> Customer {
        let id = inv.customer_id.clone();
        Customer {
            name: self
                .peek(Field::CustomerName)
                .or(self.group)
                .map_or_else(|| id.clone(), str::to_string),
            id,
            country: self
                .peek(Field::Country)
                .unwrap_or_default()
                .to_ascii_uppercase(),
            industry: self.peek(Field::Industry).unwrap_or_default().to_string(),
            year_founded: None,
            terms_days: u32::try_from((inv.due_date - inv.issue_date).num_days()).unwrap_or(0),
            credit_limit: None,
            insured_limit: None,
            status: CustomerStatus::Active,
        }
    }
}

/// Where a line's amount comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AmountSource {
    Gross,
    DebitCredit,
    Outstanding,
}

/// An invoice row: any ledger line (see the module docs).
fn invoice_row<'a>(
    cx: &mut RowCtx<'a>,
    opts: &ParseOptions,
    file_date: Option<NaiveDate>,
    seen: &mut HashSet<&'a str>,
    dup_ids: &mut HashSet<String>,
) -> Option<Invoice> {
    if let Some((c, v)) = cx.cell(Field::InvoiceId) {
        if !v.is_empty() && !seen.insert(v) {
            dup_ids.insert(v.to_string());
            cx.fail(c, v, ErrorReason::DuplicateInFile);
        }
    }
    let id_cell = cx.peek(Field::InvoiceId).map(str::to_string);
    let customer_id = if cx.has(Field::CustomerId) {
        cx.text(Field::CustomerId, true)
    } else if cx.has(Field::CustomerName) {
        cx.text(Field::CustomerName, true)
    } else {
        cx.group.map(str::to_string)
    };
    let issue = cx.date(Field::IssueDate, true);
    let currency = cx.currency(opts.default_currency);
    let source = if cx.has(Field::Gross) {
        AmountSource::Gross
    } else if cx.has(Field::Debit) || cx.has(Field::Credit) {
        AmountSource::DebitCredit
    } else {
        AmountSource::Outstanding
    };
    let mut gross = match source {
        AmountSource::Gross => cx.amount(Field::Gross, true, true),
        AmountSource::Outstanding => cx.amount(Field::Outstanding, true, true),
        AmountSource::DebitCredit => {
            let before = cx.errors.len();
            let debit = cx.amount(Field::Debit, false, true);
            let credit = cx.amount(Field::Credit, false, true);
            match (debit, credit) {
                (None, None) => {
                    if cx.errors.len() == before {
                        let f = if cx.has(Field::Debit) {
                            Field::Debit
                        } else {
                            Field::Credit
                        };
                        if let Some((c, v)) = cx.cell(f) {
                            cx.fail(c, v, ErrorReason::Missing);
                        }
                    }
                    None
                }
                (d, c) => Some(d.unwrap_or_default() - c.unwrap_or_default()),
            }
        }
    };
    let mut outstanding = if source == AmountSource::Outstanding {
        None
    } else {
        cx.amount(Field::Outstanding, false, true)
    };
    let mut paid = cx.amount(Field::Paid, false, true);
    let mut credited = cx.amount(Field::CreditNote, false, true);
    let vat = cx.amount(Field::Vat, false, true);
    if source == AmountSource::Outstanding {
        // Balance-only: the open amount, plus what the file says is paid.
        gross = gross.map(|o| o + paid.unwrap_or_default() + credited.unwrap_or_default());
    }
    // A zero amount with a negative open amount: the credit itself
    // (ERPNext payment entries and returns, Kingdee's 收款单).
    if let (Some(g), Some(o)) = (gross, outstanding) {
        if g.is_zero() && o.is_sign_negative() && !o.is_zero() {
            gross = Some(o);
            (paid, credited) = (None, None);
        }
    }
    let typed = cx.peek(Field::DocType).and_then(doc_kind_from_text);
    let sign = gross.unwrap_or_default();
    let kind = match typed {
        Some(k @ (DocKind::CreditNote | DocKind::Payment)) => k,
        Some(k) if !sign.is_sign_negative() || sign.is_zero() => k,
        _ => DocKind::from_sign(sign),
    };
    let credit = matches!(kind, DocKind::CreditNote | DocKind::Payment);
    if credit {
        let neg = |x: Option<Decimal>| x.map(|v| -v.abs());
        gross = neg(gross);
        outstanding = neg(outstanding);
        paid = neg(paid);
        credited = neg(credited);
    } else {
        for (f, x) in [(Field::Paid, paid), (Field::Vat, vat)] {
            if let (Some(x), Some((c, v))) = (x, cx.cell(f)) {
                if x.is_sign_negative() && !x.is_zero() && !sign.is_sign_negative() {
                    cx.fail(c, v, ErrorReason::Negative);
                }
            }
        }
    }
    if let (Some(x), Some(g), Some((c, v))) = (vat, gross, cx.cell(Field::Vat)) {
        if x.abs() > g.abs() {
            cx.fail(c, v, ErrorReason::VatAboveGross);
        }
    }
    // A due date is needed for an invoice, unless the file's type column
    // leaves the kind to the sign (ERPNext's journal entries have none).
    let typed_invoice = !cx.has(Field::DocType) || typed.is_some();
    let due = cx.date(Field::DueDate, !credit && typed_invoice);
    if let (Some(i), Some(d), Some((c, v)), false) = (issue, due, cx.cell(Field::DueDate), credit) {
        if d < i {
            cx.fail(c, v, ErrorReason::DueBeforeIssue);
        }
    }
    let id = match id_cell {
        Some(id) => Some(id),
        None if credit => {
            if let (Some(cust), Some(i)) = (&customer_id, issue) {
                let prefix = if kind == DocKind::Payment {
                    "PAY"
                } else {
                    "CN"
                };
                Some(format!("{prefix}-{cust}-{i}-r{}", cx.number))
            } else {
                None
            }
        }
        None => cx.text(Field::InvoiceId, true),
    };
    let paid_on = cx.date(Field::PaymentDate, false);
    let disputed = cx.yes_no(Field::Disputed);
    let disputed_on = cx.date(Field::DisputeDate, false);
    if !cx.errors.is_empty() {
        return None;
    }
    let (id, customer_id, issue_date, currency, gross) =
        (id?, customer_id?, issue?, currency?, gross?);
    let due_date = due.unwrap_or(issue_date);
    let settled = match outstanding {
        Some(o) => Some(gross - o),
        None if paid.is_some() || credited.is_some() => {
            Some(paid.unwrap_or_default() + credited.unwrap_or_default())
        }
        None => None,
    };
    // What several columns add up to is bounded like one cell
    // (`Portfolio::validate` checks the same on a restored backup).
    if !crate::money::within_bounds(gross)
        || settled.is_some_and(|x| !crate::money::within_bounds(x))
    {
        let f = [Field::Gross, Field::Outstanding, Field::Debit, Field::Paid]
            .into_iter()
            .find(|f| cx.has(*f))
            .unwrap_or(Field::Gross);
        if let Some((c, v)) = cx.cell(f) {
            cx.fail(c, v, ErrorReason::TooLarge);
        }
        return None;
    }
    let payments = match settled {
        Some(x) if !x.is_zero() => vec![Payment {
            date: paid_on.unwrap_or_else(|| {
                file_date
                    .map_or(due_date, |f| f.min(due_date))
                    .max(issue_date)
            }),
            amount: x,
        }],
        _ => Vec::new(),
    };
    let dispute = disputed.then(|| Dispute {
        date: disputed_on.unwrap_or(issue_date),
        reason: cx
            .peek(Field::DisputeReason)
            .unwrap_or_default()
            .to_string(),
    });
    Some(Invoice {
        kind,
        id,
        customer_id,
        issue_date,
        due_date,
        currency,
        gross,
        vat,
        payments,
        dispute,
    })
}

/// A customer row.
fn customer_row(cx: &mut RowCtx<'_>) -> Option<Customer> {
    let name = cx.text(Field::CustomerName, false);
    let id = if cx.has(Field::CustomerId) {
        cx.text(Field::CustomerId, true)
    } else {
        cx.text(Field::CustomerName, true)
    };
    let country = cx.text(Field::Country, false);
    let industry = cx.text(Field::Industry, false);
    let terms = cx.days(Field::TermsDays);
    let limit = cx.amount(Field::CreditLimit, false, false);
    if !cx.errors.is_empty() {
        return None;
    }
    let id = id?;
    Some(Customer {
        name: name.unwrap_or_else(|| id.clone()),
        id,
        country: country.unwrap_or_default().to_ascii_uppercase(),
        industry: industry.unwrap_or_default(),
        year_founded: None,
        terms_days: terms.unwrap_or(30),
        credit_limit: limit,
        insured_limit: None,
        status: CustomerStatus::Active,
    })
}

/// Whether a file with errors imports anything.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergePolicy {
    /// Any error: nothing is imported (the default).
    #[default]
    AllOrNothing,
    /// Import the valid rows, leave out the rest (the user's explicit choice).
    ValidRowsOnly,
}

/// What to do with an invoice (or, in a customer file, a buyer) whose id the
/// portfolio already has.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnExisting {
    /// Keep the stored one (the default).
    #[default]
    Skip,
    /// Replace it with the file's.
    Replace,
}

/// What a merge did.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct MergeReport {
    /// Invoices added.
    pub added: usize,
    /// Ids already present and replaced.
    pub replaced: Vec<String>,
    /// Ids already present and skipped.
    pub skipped: Vec<String>,
    /// Buyers added.
    pub customers_added: usize,
    /// Payments added (payment file).
    pub payments_added: usize,
    /// Rows left out for their errors (valid-rows-only import).
    pub rows_left_out: usize,
    /// Currencies of imported invoices the FX table has no rate for.
    pub currencies_without_rate: Vec<Currency>,
}

/// The ids of the preview's invoices (or, for a customer file, buyers) that
/// the portfolio already has: what the app shows before asking skip or
/// replace ([`OnExisting`]).
///
/// # Example
/// ```
/// use credit_core::import::*;
/// use credit_core::{money::Currency, portfolio::Portfolio};
/// let csv = "Invoice,Customer,Invoice date,Due date,Amount\nA-1,C1,2025-03-01,2025-03-31,1000\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let p = preview("f.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default());
/// let empty = Portfolio::new("mine", Currency::CNY);
/// assert!(existing_ids(&empty, &p).is_empty());
/// let (stored, _) = merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
/// assert_eq!(existing_ids(&stored, &p), vec!["A-1".to_string()]);
/// ```
pub fn existing_ids(portfolio: &Portfolio, preview: &Preview) -> Vec<String> {
    if preview.kind == FileKind::Customers {
        let ids: HashSet<&str> = portfolio.customers.iter().map(|c| c.id.as_str()).collect();
        return preview
            .customers
            .iter()
            .filter(|c| ids.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect();
    }
    let ids: HashSet<&str> = portfolio.invoices.iter().map(|i| i.id.as_str()).collect();
    preview
        .invoices
        .iter()
        .filter(|i| ids.contains(i.id.as_str()))
        .map(|i| i.id.clone())
        .collect()
}

/// Merges a preview into a copy of the portfolio. The input is never
/// changed, so a refused import loses nothing.
///
/// # Errors
/// - [`ImportError::DateOrderRequired`] when the preview needs a date order;
/// - [`ImportError::RowErrors`] under [`MergePolicy::AllOrNothing`] when the
///   file has errors;
/// - [`ImportError::UnknownInvoices`] for payments of invoices the portfolio
///   lacks (under `ValidRowsOnly` they are left out instead).
///
/// # Example
/// ```
/// use credit_core::import::*;
/// use credit_core::{money::Currency, portfolio::Portfolio};
/// let csv = "Invoice,Customer,Invoice date,Due date,Amount\n\
///            A-1,C1,2025-03-01,2025-03-31,1000\nA-2,C1,2025-03-05,,5\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let p = preview("f.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default());
/// let empty = Portfolio::new("mine", Currency::CNY);
/// assert_eq!(merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip),
///            Err(ImportError::RowErrors { count: 1 }));
/// let (q, r) = merge(&empty, &p, MergePolicy::ValidRowsOnly, OnExisting::Skip).unwrap();
/// assert_eq!((q.invoices.len(), q.customers.len(), r.rows_left_out), (1, 1, 1));
/// assert!(empty.invoices.is_empty());
/// ```
pub fn merge(
    portfolio: &Portfolio,
    preview: &Preview,
    policy: MergePolicy,
    on_existing: OnExisting,
) -> Result<(Portfolio, MergeReport), ImportError> {
    if preview.needs_date_order {
        return Err(ImportError::DateOrderRequired);
    }
    if policy == MergePolicy::AllOrNothing && !preview.errors.is_empty() {
        return Err(ImportError::RowErrors {
            count: preview.errors.len(),
        });
    }
    let mut out = portfolio.clone();
    let mut report = MergeReport {
        rows_left_out: preview.summary.error_rows,
        ..MergeReport::default()
    };
    let mut customers: HashMap<String, usize> = out
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for c in &preview.customers {
        match customers.get(&c.id) {
            Some(&i) => {
                if preview.kind == FileKind::Customers {
                    match on_existing {
                        OnExisting::Skip => report.skipped.push(c.id.clone()),
                        OnExisting::Replace => {
                            out.customers[i] = c.clone();
                            report.replaced.push(c.id.clone());
                        }
                    }
                }
            }
            None => {
                customers.insert(c.id.clone(), out.customers.len());
                out.customers.push(c.clone());
                report.customers_added += 1;
            }
        }
    }
    // Ids of the stored invoices; the preview's ids are unique (a repeated
    // id is a row error), so only stored ones can clash.
    let stored: HashMap<&str, usize> = portfolio
        .invoices
        .iter()
        .enumerate()
        .map(|(i, inv)| (inv.id.as_str(), i))
        .collect();
    out.invoices.reserve(preview.invoices.len());
    for inv in &preview.invoices {
        match stored.get(inv.id.as_str()) {
            Some(&i) => match on_existing {
                OnExisting::Skip => report.skipped.push(inv.id.clone()),
                OnExisting::Replace => {
                    out.invoices[i] = inv.clone();
                    report.replaced.push(inv.id.clone());
                }
            },
            None => {
                out.invoices.push(inv.clone());
                report.added += 1;
            }
        }
    }
    if !preview.payments.is_empty() {
        let ids: HashMap<&str, usize> = out
            .invoices
            .iter()
            .enumerate()
            .map(|(i, inv)| (inv.id.as_str(), i))
            .collect();
        let mut matched = Vec::new();
        let mut unknown = Vec::new();
        for p in &preview.payments {
            match ids.get(p.invoice_id.as_str()) {
                Some(&i) => matched.push((i, p.payment)),
                None => unknown.push(p.invoice_id.clone()),
            }
        }
        if !unknown.is_empty() {
            if policy == MergePolicy::AllOrNothing {
                return Err(ImportError::UnknownInvoices(unknown));
            }
            report.rows_left_out += unknown.len();
        }
        for (i, payment) in matched {
            out.invoices[i].payments.push(payment);
            out.invoices[i].payments.sort_by_key(|x| x.date);
            report.payments_added += 1;
        }
    }
    report.currencies_without_rate = currencies_without_rate(&out, preview);
    Ok((out, report))
}

/// The currencies of the preview's lines that the portfolio's FX table has
/// no rate for, in code order: what the user must add before ageing.
pub(crate) fn currencies_without_rate(portfolio: &Portfolio, preview: &Preview) -> Vec<Currency> {
    let known = portfolio.fx.currencies();
    let mut missing: Vec<Currency> = preview
        .invoices
        .iter()
        .map(|i| i.currency)
        .filter(|c| !known.contains(c))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    missing.sort_by(|a, b| a.code().cmp(b.code()));
    missing
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv: &str) -> Table {
        read_table(csv.as_bytes(), &ReadOptions::default()).unwrap()
    }

    fn pv(csv: &str, opts: &ParseOptions) -> Preview {
        let t = table(csv);
        preview("t.csv", &t, &guess_mapping(&t.headers), opts)
    }

    #[test]
    fn paid_column_becomes_a_payment() {
        let p = pv(
            "invoice,customer,name,issue date,due date,amount,paid,payment date\n\
             A,C1,Acme,2025-01-01,2025-01-31,100,40,2025-02-10\n\
             B,C1,Acme,2025-01-02,2025-02-01,100,100,\n\
             C,C2,,2025-01-03,2025-03-04,50,0,\n",
            &ParseOptions::default(),
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices[0].payments[0].date.to_string(), "2025-02-10");
        assert_eq!(p.invoices[1].payments[0].date.to_string(), "2025-02-01");
        assert!(p.invoices[2].payments.is_empty());
        assert_eq!(p.customers.len(), 2);
        assert_eq!(p.customers[0].name, "Acme");
        assert_eq!(p.customers[0].terms_days, 30);
        assert_eq!(p.customers[1].name, "C2");
        assert_eq!(p.customers[1].terms_days, 60);
        assert_eq!(p.summary.totals[0].gross, Decimal::from(250));
        assert_eq!(p.summary.totals[0].paid, Decimal::from(140));
    }

    #[test]
    fn all_errors_listed() {
        let p = pv(
            "invoice,customer,issue date,due date,amount,currency,paid\n\
             A,C1,2025-01-01,2024-12-01,x,ZZ1,5\n\
             A,,2025-02-30,,1,,2\n",
            &ParseOptions::default(),
        );
        let reasons: Vec<(usize, &str, ErrorReason)> = p
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (2, "currency", ErrorReason::UnknownCurrency),
                (2, "amount", ErrorReason::NotAnAmount),
                (2, "due date", ErrorReason::DueBeforeIssue),
                (3, "invoice", ErrorReason::DuplicateInFile),
                (3, "customer", ErrorReason::Missing),
                (3, "issue date", ErrorReason::NoSuchDate),
                (3, "due date", ErrorReason::Missing),
                // Paid 2 of a gross of 1 is an overpayment now, not an error.
            ]
        );
        assert_eq!(p.duplicates_in_file, vec!["A"]);
        assert_eq!(p.summary.error_rows, 2);
    }

    #[test]
    fn ambiguous_dates_need_a_choice() {
        let csv = "invoice,customer,issue date,due date,amount\n\
                   A,C1,03/04/2025,05/04/2025,1\n";
        let p = pv(csv, &ParseOptions::default());
        assert!(p.needs_date_order);
        assert_eq!(p.errors[0].reason, ErrorReason::AmbiguousDate);
        let empty = Portfolio::new("p", Currency::CNY);
        assert_eq!(
            merge(&empty, &p, MergePolicy::ValidRowsOnly, OnExisting::Skip),
            Err(ImportError::DateOrderRequired)
        );
        let opts = ParseOptions {
            date_order: Some(DateOrder::Dmy),
            ..ParseOptions::default()
        };
        let p = pv(csv, &opts);
        assert!(!p.needs_date_order && p.errors.is_empty());
        assert_eq!(p.invoices[0].issue_date.to_string(), "2025-04-03");
    }

    #[test]
    fn skip_or_replace_existing() {
        let csv = "invoice,customer,issue date,due date,amount\nA,C1,2025-01-01,2025-01-31,7\n";
        let p = pv(csv, &ParseOptions::default());
        let empty = Portfolio::new("p", Currency::CNY);
        let (one, _) = merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
        let p2 = pv(
            "invoice,customer,issue date,due date,amount\nA,C1,2025-01-01,2025-01-31,9\n",
            &ParseOptions::default(),
        );
        let (s, r) = merge(&one, &p2, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
        assert_eq!(
            (s.invoices[0].gross, r.skipped.clone()),
            (Decimal::from(7), vec!["A".to_string()])
        );
        let (s, r) = merge(&one, &p2, MergePolicy::AllOrNothing, OnExisting::Replace).unwrap();
        assert_eq!(
            (s.invoices[0].gross, r.replaced),
            (Decimal::from(9), vec!["A".to_string()])
        );
        assert_eq!(s.invoices.len(), 1);
        assert_eq!(one.invoices[0].gross, Decimal::from(7));
    }

    #[test]
    fn payment_and_customer_files() {
        let inv = pv(
            "invoice,customer,issue date,due date,amount,currency\nA,C1,2025-01-01,2025-01-31,100,EUR\n",
            &ParseOptions::default(),
        );
        let empty = Portfolio::new("p", Currency::CNY);
        let (base, r) = merge(&empty, &inv, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
        assert_eq!(r.currencies_without_rate, vec![Currency::EUR]);
        let pay = pv(
            "invoice,paid,payment date\nA,60,2025-02-01\nZ,1,2025-02-01\n",
            &ParseOptions::default(),
        );
        assert_eq!(pay.kind, FileKind::Payments);
        assert!(matches!(
            merge(&base, &pay, MergePolicy::AllOrNothing, OnExisting::Skip),
            Err(ImportError::UnknownInvoices(_))
        ));
        let (q, r) = merge(&base, &pay, MergePolicy::ValidRowsOnly, OnExisting::Skip).unwrap();
        assert_eq!((r.payments_added, r.rows_left_out), (1, 1));
        assert_eq!(q.invoices[0].payments[0].amount, Decimal::from(60));
        let cust = pv(
            "客户编号,客户名称,国家,账期,信用额度\nC1,上海甲公司,cn,60天,\"500,000\"\n",
            &ParseOptions::default(),
        );
        assert_eq!(cust.kind, FileKind::Customers);
        let (q, r) = merge(&base, &cust, MergePolicy::AllOrNothing, OnExisting::Replace).unwrap();
        assert_eq!(r.replaced, vec!["C1".to_string()]);
        assert_eq!(q.customers[0].name, "上海甲公司");
        assert_eq!(q.customers[0].country, "CN");
        assert_eq!(q.customers[0].terms_days, 60);
        assert_eq!(q.customers[0].credit_limit, Some(Decimal::from(500_000)));
    }

    #[test]
    fn missing_columns() {
        let p = pv("foo,bar\n1,2\n", &ParseOptions::default());
        assert!(p.invoices.is_empty());
        assert!(p.errors.iter().all(|e| e.row == 1));
        assert!(!p.errors.is_empty());
        let t = table("invoice,amount\nA,1\n");
        assert!(matches!(
            file_kind(&guess_mapping(&t.headers)),
            Err(ImportError::MissingColumns(_))
        ));
    }

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_iso(s).unwrap()
    }

    #[test]
    fn title_rows_and_file_row_numbers() {
        let csv = "应收账款明细表,,,\n会计期间：2026年第11期,,,\n单位：元,,,\n\
                   单据编号,客户编码,单据日期,到期日,金额\n\
                   A-1,C1,2026-10-01,2026-10-31,100\n\
                   A-2,C1,2026-10-02,,5\n";
        let t = table(csv);
        assert_eq!(t.header_row, 4);
        assert_eq!(
            t.title_rows,
            vec!["应收账款明细表", "会计期间：2026年第11期", "单位：元"]
        );
        assert_eq!(t.report_date, Some(d("2026-11-30")));
        let p = preview(
            "t.csv",
            &t,
            &guess_mapping(&t.headers),
            &ParseOptions::default(),
        );
        assert_eq!(p.errors.len(), 1);
        assert_eq!(
            (p.errors[0].row, p.errors[0].reason),
            (6, ErrorReason::Missing)
        );
        assert!(p.warnings.contains(&ImportWarning::ReportDate {
            date: d("2026-11-30")
        }));
        // The user's override.
        let opts = ReadOptions {
            header_row: Some(2),
            ..ReadOptions::default()
        };
        let t = read_table(csv.as_bytes(), &opts).unwrap();
        assert_eq!(
            (t.header_row, t.headers[0].as_str()),
            (2, "会计期间：2026年第11期")
        );
        assert_eq!(t.title_rows, vec!["应收账款明细表"]);
    }

    #[test]
    fn total_and_section_rows_left_out() {
        let p = pv(
            "Customer,Date,Num,Due Date,Amount\n\
             Current,,,,\n\
             Acme,2026-11-01,1,2026-12-01,100\n\
             Total for Current,,,,100\n\
             1 - 30 days past due,,,,\n\
             Total Energies,2026-10-01,2,2026-10-31,50\n\
             TOTAL,,,,150\n\
             合计,,,,150\n\
             *,,,,150\n",
            &ParseOptions::default(),
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices.len(), 2);
        assert_eq!(p.invoices[1].customer_id, "Total Energies");
        assert_eq!(
            p.skipped_rows,
            vec![
                (2, SkipReason::Section),
                (4, SkipReason::Total),
                (5, SkipReason::Section),
                (7, SkipReason::Total),
                (8, SkipReason::Total),
                (9, SkipReason::Total),
            ]
        );
        assert!(p.warnings.contains(&ImportWarning::TotalRowsLeftOut {
            rows: vec![4, 7, 8, 9]
        }));
        assert!(p
            .warnings
            .contains(&ImportWarning::SectionRowsLeftOut { rows: vec![2, 5] }));
        assert_eq!(p.summary.rows, 2);
    }

    #[test]
    fn currency_names() {
        for (name, code) in [
            ("人民币", "CNY"),
            ("rmb", "CNY"),
            ("元", "CNY"),
            ("￥", "CNY"),
            ("美元", "USD"),
            ("US Dollar", "USD"),
            ("US$", "USD"),
            ("$", "USD"),
            ("欧元", "EUR"),
            ("euro", "EUR"),
            ("€", "EUR"),
            ("英镑", "GBP"),
            ("Pound Sterling", "GBP"),
            ("£", "GBP"),
            ("港币", "HKD"),
            ("港元", "HKD"),
            ("HK$", "HKD"),
            ("日元", "JPY"),
            ("円", "JPY"),
            ("Yen", "JPY"),
            ("Franken", "CHF"),
            ("新台币", "TWD"),
            ("澳元", "AUD"),
            ("加元", "CAD"),
            ("新加坡元", "SGD"),
            ("韩元", "KRW"),
            ("usd", "USD"),
        ] {
            assert_eq!(currency_from_name(name), Some(code), "{name}");
        }
        let p = pv(
            "invoice,customer,issue date,due date,amount,currency\n\
             A,C1,2026-01-01,2026-01-31,1,美元\nB,C1,2026-01-01,2026-01-31,1,chf\n\
             C,C1,2026-01-01,2026-01-31,1,Gold\n",
            &ParseOptions::default(),
        );
        assert_eq!(p.invoices[0].currency, Currency::USD);
        assert_eq!(p.invoices[1].currency.code(), "CHF");
        assert_eq!(p.errors[0].reason, ErrorReason::UnknownCurrency);
    }

    #[test]
    fn doc_types_and_signs() {
        let p = pv(
            "type,invoice,customer,issue date,due date,amount\n\
             RV,1,C1,2026-01-01,2026-01-31,100\n\
             DG,2,C1,2026-01-05,,30\n\
             DZ,3,C1,2026-01-06,,-50\n\
             Sales Invoice,4,C1,2026-01-07,2026-01-07,-10\n\
             Journal Entry,5,C1,2026-01-08,,25\n\
             Mystery,6,C1,2026-01-09,2026-02-09,-5\n\
             收款单,,C1,2026-01-10,,800\n\
             Debit Memo,8,C1,2026-01-11,2026-02-11,7\n",
            &ParseOptions::default(),
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let got: Vec<(DocKind, String)> = p
            .invoices
            .iter()
            .map(|i| (i.kind, i.gross.to_string()))
            .collect();
        let want = [
            (DocKind::Invoice, "100"),
            (DocKind::CreditNote, "-30"),
            (DocKind::Payment, "-50"),
            (DocKind::CreditNote, "-10"),
            (DocKind::Invoice, "25"),
            (DocKind::CreditNote, "-5"),
            (DocKind::Payment, "-800"),
            (DocKind::DebitNote, "7"),
        ];
        for ((k, g), (wk, wg)) in got.iter().zip(want) {
            assert_eq!((*k, g.as_str()), (wk, wg));
        }
        // No due date on a credit: due on its issue date; made-up id.
        assert_eq!(p.invoices[1].due_date, d("2026-01-05"));
        assert_eq!(p.invoices[4].due_date, d("2026-01-08"));
        assert_eq!(p.invoices[6].id, "PAY-C1-2026-01-10-r8");
        // An invoice still needs its due date and id.
        let p = pv(
            "type,invoice,customer,issue date,due date,amount\nRV,,C1,2026-01-01,,100\n",
            &ParseOptions::default(),
        );
        let reasons: Vec<(&str, ErrorReason)> = p
            .errors
            .iter()
            .map(|e| (e.column.as_str(), e.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("due date", ErrorReason::Missing),
                ("invoice", ErrorReason::Missing)
            ]
        );
        // Buyer terms come from its first invoice, not from a credit.
        let p = pv(
            "type,invoice,customer,issue date,due date,amount\n\
             DZ,1,C1,2026-01-01,,-5\nRV,2,C1,2026-01-01,2026-03-02,10\n",
            &ParseOptions::default(),
        );
        assert_eq!(p.customers[0].terms_days, 60);
    }

    /// Issue 23, cases 1 and 3: the one-row file with an amount of 10^27
    /// (every page then panicked in `kpi::dso`), two rows at `Decimal::MAX`,
    /// columns that add up beyond the bound, a 100,000-character name and
    /// VAT above the gross are refused cell by cell, saying why; the rest
    /// of the file is kept.
    #[test]
    fn hostile_amounts_and_texts_are_refused_with_the_reason() {
        let name = "N".repeat(100_000);
        let text = format!(
            "invoice,customer,customer name,issue date,due date,amount,paid,vat\n\
             A,C1,Acme,2026-10-01,2026-10-31,1000000000000000000000000000,,\n\
             B,C1,Acme,2026-10-01,2026-10-31,79228162514264337593543950335,,\n\
             C,C2,{name},2026-10-01,2026-10-31,100,,\n\
             D,C1,Acme,2026-10-01,2026-10-31,100,,150\n\
             E,C1,Acme,2026-10-01,2026-10-31,1000000000000000,-1000000000000000,\n\
             F,C1,Acme,2026-10-01,2026-10-31,250.00,,\n"
        );
        let p = pv(&text, &ParseOptions::default());
        let got: Vec<(usize, &str, ErrorReason)> = p
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.reason))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "amount", ErrorReason::TooLarge),
                (3, "amount", ErrorReason::TooLarge),
                (4, "customer name", ErrorReason::TooLong),
                (5, "vat", ErrorReason::VatAboveGross),
                (6, "paid", ErrorReason::Negative),
            ]
        );
        assert!(p.errors[2].value.chars().count() <= 41);
        assert_eq!(p.invoices.len(), 1);
        assert_eq!(p.invoices[0].id, "F");
        // What it keeps is what a backup restores.
        let mut port = crate::portfolio::Portfolio::new("P", Currency::CNY);
        port.customers = p.customers.clone();
        port.invoices = p.invoices.clone();
        assert_eq!(port.validate(), vec![]);
        // Two columns that each hold the largest amount add up beyond it.
        let p = pv(
            "Belegnummer;Kunde;Belegdatum;Fälligkeit;Soll;Haben\n\
             1;K1;01.10.2026;31.10.2026;1.000.000.000.000.000;-1.000.000.000.000.000\n",
            &ParseOptions::default(),
        );
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert_eq!(
            (p.errors[0].column.as_str(), p.errors[0].reason),
            ("Soll", ErrorReason::TooLarge)
        );
    }

    #[test]
    fn soll_haben_and_balance_only() {
        let p = pv(
            "Belegnummer;Kunde;Belegdatum;Fälligkeit;Soll;Haben;Offener Betrag\n\
             1;K1;01.10.2026;31.10.2026;1.000,00;;400,00\n\
             2;K1;05.10.2026;05.10.2026;;250,00;-250,00\n",
            &ParseOptions::default(),
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices[0].gross, Decimal::from(1000));
        assert_eq!(p.invoices[0].payments[0].amount, Decimal::from(600));
        assert_eq!(
            (p.invoices[1].kind, p.invoices[1].gross),
            (DocKind::CreditNote, Decimal::from(-250))
        );
        assert!(p.invoices[1].payments.is_empty());
        // Balance only: the outstanding is the amount, no payments.
        let p = pv(
            "invoice,customer,issue date,due date,outstanding\n\
             A,C1,2026-10-01,2026-10-31,\"1,500.00\"\nB,C1,2026-10-02,2026-10-02,-20\n",
            &ParseOptions::default(),
        );
        assert_eq!(p.kind, FileKind::Invoices);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices[0].gross, Decimal::from(1500));
        assert!(p.invoices.iter().all(|i| i.payments.is_empty()));
        assert_eq!(
            p.buyer_balances(),
            vec![("C1".to_string(), Currency::CNY, Decimal::from(1480))]
        );
    }

    #[test]
    fn overpayment_is_a_credit() {
        let p = pv(
            "invoice,customer,issue date,due date,amount,paid\n\
             A,C1,2026-01-01,2026-01-31,100,130\n\
             B,C1,2026-01-01,2026-01-31,100,-1\n",
            &ParseOptions::default(),
        );
        assert_eq!(p.invoices.len(), 1);
        assert_eq!(p.invoices[0].payments[0].amount, Decimal::from(130));
        assert_eq!(
            p.buyer_balances()[0].2,
            Decimal::from(-30),
            "open amount negative"
        );
        assert_eq!(p.errors[0].reason, ErrorReason::Negative);
    }

    #[test]
    fn paid_without_a_date() {
        let csv = "invoice,customer,issue date,due date,amount,paid\n\
                   A,C1,2026-10-01,2026-12-31,100,100\n\
                   B,C1,2026-10-01,2026-10-31,100,100\n\
                   C,C1,2026-12-05,2027-01-04,100,100\n";
        // The earlier of due date and file date, never before the issue.
        let opts = ParseOptions {
            file_date: Some(d("2026-11-30")),
            ..ParseOptions::default()
        };
        let dates: Vec<String> = pv(csv, &opts)
            .invoices
            .iter()
            .map(|i| i.payments[0].date.to_string())
            .collect();
        assert_eq!(dates, ["2026-11-30", "2026-10-31", "2026-12-05"]);
        // Without a file date: the due date.
        let dates: Vec<String> = pv(csv, &ParseOptions::default())
            .invoices
            .iter()
            .map(|i| i.payments[0].date.to_string())
            .collect();
        assert_eq!(dates, ["2026-12-31", "2026-10-31", "2027-01-04"]);
        // The title's date serves when the options give none.
        let titled = format!("As of November 30, 2026\n{csv}");
        let p = pv(&titled, &ParseOptions::default());
        assert_eq!(p.invoices[0].payments[0].date, d("2026-11-30"));
    }

    #[test]
    fn looks_like_invoices_guardrail() {
        // Buyer and open balance by date, but no invoice id: a customer file
        // by its mapping; the preview says it looks like invoices.
        let p = pv(
            "Customer,Name,Open Balance,Due Date\nC1,Acme,\"1,200.00\",2026-11-30\n",
            &ParseOptions::default(),
        );
        assert_eq!(p.kind, FileKind::Invoices);
        let mut t = table("客户,Remarks,Foo\nC1,2026-11-30,\"1,200.00\"\n");
        t.rows
            .push(vec!["C2".into(), "2026-10-31".into(), "5.50".into()]);
        let p = preview(
            "t.csv",
            &t,
            &guess_mapping(&t.headers),
            &ParseOptions::default(),
        );
        assert_eq!(p.kind, FileKind::Customers);
        assert_eq!(
            p.warnings,
            vec![ImportWarning::LooksLikeInvoices {
                missing: vec![
                    Field::InvoiceId,
                    Field::IssueDate,
                    Field::DueDate,
                    Field::Gross
                ]
            }]
        );
        let p = pv("客户,客户名称\nC1,Acme\n", &ParseOptions::default());
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn preset_fixes_order_and_decimal() {
        let csv = "Konto;Belegnummer;Belegart;Belegdatum;Nettofälligkeit;Betrag in Hauswährung\n\
                   1;9;RV;03/04/2026;03/05/2026;1.234\n";
        let t = table(csv);
        let preset = detect_preset(&t).unwrap();
        assert_eq!(preset, Preset::SapFbl5nDe);
        let opts = ParseOptions {
            preset: Some(preset),
            ..ParseOptions::default()
        };
        let p = preview("t.csv", &t, &preset.mapping(&t.headers), &opts);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices[0].issue_date, d("2026-04-03"));
        assert_eq!(p.invoices[0].gross, Decimal::from(1234));
    }

    #[test]
    fn windows_1252_file_reads() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Kunde;Name 1;Belegnummer;Belegdatum;Nettofälligkeit;Betrag\n\
             1;Müller;1;01.10.2026;31.10.2026;5,00\n",
        );
        let t = read_table(&bytes, &ReadOptions::default()).unwrap();
        assert_eq!((t.encoding, t.delimiter), (Encoding::Windows1252, ';'));
        assert_eq!(t.rows[0][1], "Müller");
    }
}
