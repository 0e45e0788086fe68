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
//! - **Rows**: numbered as a spreadsheet shows them, the header being row 1.
//!   Blank rows are skipped silently; a short row reads its missing cells as
//!   empty; an extra cell beyond the header is ignored.
//! - **Invoice rows** need an invoice id, a customer (id, or the name when the
//!   file has no id column: the name then serves as the id), issue and due
//!   dates and a gross amount. The currency column, when missing or empty,
//!   gives [`ParseOptions::default_currency`]. A negative gross (a credit
//!   note) is accepted; a negative VAT or paid amount is not; a due date
//!   before the issue date is an error.
//! - **A paid-amount column** on an invoice row becomes one payment of that
//!   amount (when not zero), dated at the payment-date column or, without
//!   one (or with the cell empty), at the **due date**: the file says the
//!   amount is paid, not when, and the due date is the assumption that
//!   neither flatters nor hurts the payment-delay KPIs. A paid amount above
//!   the gross is an error.
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
//! - **Amounts**: one decimal separator per file, from the gross, VAT, paid
//!   and limit cells ([`amount::detect_decimal`]), unless
//!   [`ParseOptions::decimal`] forces one.
//! - **FX**: imported amounts keep their currency. A currency the portfolio
//!   has no rate for is listed in [`MergeReport::currencies_without_rate`];
//!   the user adds a rate before ageing.

pub mod amount;
pub mod csv;
pub mod date;
pub mod encoding;
pub mod header;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::customer::{Customer, CustomerStatus};
use crate::invoice::{Dispute, Invoice, Payment};
use crate::money::Currency;
use crate::portfolio::Portfolio;

pub use amount::DecimalSep;
pub use date::DateOrder;
pub use encoding::{Encoding, EncodingChoice};
pub use header::{guess_mapping, Field, Mapping};

/// How to read a file's bytes into a table.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ReadOptions {
    /// The encoding, or detect it.
    pub encoding: EncodingChoice,
    /// The delimiter, or detect it (`,` `;` tab).
    pub delimiter: Option<char>,
}

/// A file read into rows of text cells.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Table {
    /// The header row (row 1), trimmed.
    pub headers: Vec<String>,
    /// The data rows; `rows[i]` is the file's row `i + 2`.
    pub rows: Vec<Vec<String>>,
    /// The encoding read (UTF-8 for XLSX).
    pub encoding: Encoding,
    /// The delimiter used (`,` for XLSX).
    pub delimiter: char,
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
}

/// Reads a CSV file's bytes into a table: decodes ([`encoding::decode`]),
/// detects the delimiter ([`csv::detect_delimiter`]) and splits the rows.
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
/// ```
pub fn read_table(bytes: &[u8], opts: &ReadOptions) -> Result<Table, ImportError> {
    let (text, encoding) = encoding::decode(bytes, opts.encoding);
    let delimiter = opts
        .delimiter
        .unwrap_or_else(|| csv::detect_delimiter(&text));
    let mut rows = csv::parse(&text, delimiter)?.into_iter();
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
    })
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
    if bytes.starts_with(b"PK\x03\x04") {
        #[cfg(feature = "xlsx")]
        return xlsx::read_xlsx(bytes);
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
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            date_order: None,
            decimal: None,
            default_currency: Currency::CNY,
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
    /// Paid more than the gross.
    PaidExceedsGross,
    /// The invoice id appears on an earlier row.
    DuplicateInFile,
    /// Not a whole number of days.
    NotADayCount,
    /// Not yes or no.
    NotYesOrNo,
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
        })
    }
}

/// One refused cell.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RowError {
    /// The file's name.
    pub file: String,
    /// The row, 1-based, the header being row 1.
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
        }
    }
}

/// The kind of file a mapping describes.
///
/// # Errors
/// [`ImportError::MissingColumns`] naming what an invoice file would need.
pub fn file_kind(mapping: &Mapping) -> Result<FileKind, ImportError> {
    let has = |f| mapping.has(f);
    let customer = has(Field::CustomerId) || has(Field::CustomerName);
    if has(Field::Gross) || (has(Field::InvoiceId) && has(Field::IssueDate)) {
        let missing: Vec<Field> = [
            Field::InvoiceId,
            Field::IssueDate,
            Field::DueDate,
            Field::Gross,
        ]
        .into_iter()
        .filter(|f| !has(*f))
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
                let code = v.to_ascii_uppercase();
                let code = match code.as_str() {
                    "RMB" | "¥" | "￥" | "人民币" => "CNY",
                    "€" => "EUR",
                    "$" => "USD",
                    "£" => "GBP",
                    other => other,
                };
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

/// The cells of (up to four) fields' columns, row by row.
fn cells<'a>(
    table: &'a Table,
    mapping: &Mapping,
    fields: [Field; 4],
) -> impl Iterator<Item = &'a str> + 'a {
    let cols = fields.map(|f| mapping.column(f));
    table.rows.iter().flat_map(move |r| {
        cols.into_iter()
            .flatten()
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
    let kind = match file_kind(mapping) {
        Ok(k) => k,
        Err(e) => {
            let mut p = Preview::empty(file_name, FileKind::Invoices);
            if let ImportError::MissingColumns(fields) = e {
                for f in fields {
                    p.errors.push(RowError {
                        file: file_name.to_string(),
                        row: 1,
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
    let evidence = date::detect_order(cells(table, mapping, date_fields));
    let (date_order, needs_date_order) = match (opts.date_order, evidence) {
        (Some(o), _) => (Some(o), false),
        (None, date::OrderEvidence::Known(o)) => (Some(o), false),
        (None, date::OrderEvidence::NotNeeded) => (None, false),
        (None, _) => (None, true),
    };
    let decimal = opts.decimal.unwrap_or_else(|| {
        amount::detect_decimal(cells(
            table,
            mapping,
            [Field::Gross, Field::Vat, Field::Paid, Field::CreditLimit],
        ))
    });
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
    let mut buyers: HashMap<&str, usize> = HashMap::new();
    let mut totals: Vec<CurrencyTotal> = Vec::new();
    let mut range: Option<(NaiveDate, NaiveDate)> = None;
    for (i, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| trim(c).is_empty()) {
            continue;
        }
        p.summary.rows += 1;
        let mut cx = RowCtx {
            file: file_name,
            table,
            cols: &cols,
            row,
            number: i + 2,
            errors: Vec::new(),
            date_order,
            decimal,
        };
        let mut dated = None;
        match kind {
            FileKind::Invoices => {
                if let Some(inv) = invoice_row(&mut cx, opts, &mut seen, &mut dup_ids) {
                    let t = currency_total(&mut totals, inv.currency);
                    t.gross += inv.gross;
                    t.paid += inv.payments.iter().map(|x| x.amount).sum::<Decimal>();
                    t.invoices += 1;
                    dated = Some(inv.issue_date);
                    if let Some(key) = cx.customer_key() {
                        if !buyers.contains_key(key) {
                            buyers.insert(key, p.customers.len());
                            p.customers.push(cx.new_buyer(&inv));
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
                        buyers.insert(key, p.customers.len());
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
    p
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
        } else {
            self.peek(Field::CustomerName)
        }
    }

    /// The buyer an invoice row describes (see the module docs).
    fn new_buyer(&self, inv: &Invoice) -> Customer {
        let id = inv.customer_id.clone();
        Customer {
            name: self
                .peek(Field::CustomerName)
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

/// An invoice row.
fn invoice_row<'a>(
    cx: &mut RowCtx<'a>,
    opts: &ParseOptions,
    seen: &mut HashSet<&'a str>,
    dup_ids: &mut HashSet<String>,
) -> Option<Invoice> {
    if let Some((c, v)) = cx.cell(Field::InvoiceId) {
        if !v.is_empty() && !seen.insert(v) {
            dup_ids.insert(v.to_string());
            cx.fail(c, v, ErrorReason::DuplicateInFile);
        }
    }
    let id = cx.text(Field::InvoiceId, true);
    let customer_id = if cx.has(Field::CustomerId) {
        cx.text(Field::CustomerId, true)
    } else {
        cx.text(Field::CustomerName, true)
    };
    let issue = cx.date(Field::IssueDate, true);
    let due = cx.date(Field::DueDate, true);
    let currency = cx.currency(opts.default_currency);
    let gross = cx.amount(Field::Gross, true, true);
    let vat = cx.amount(Field::Vat, false, false);
    let paid = cx.amount(Field::Paid, false, false);
    let paid_on = cx.date(Field::PaymentDate, false);
    let disputed = cx.yes_no(Field::Disputed);
    let disputed_on = cx.date(Field::DisputeDate, false);
    if let (Some(i), Some(d), Some((c, v))) = (issue, due, cx.cell(Field::DueDate)) {
        if d < i {
            cx.fail(c, v, ErrorReason::DueBeforeIssue);
        }
    }
    if let (Some(g), Some(x), Some((c, v))) = (gross, paid, cx.cell(Field::Paid)) {
        if x > g.max(Decimal::ZERO) {
            cx.fail(c, v, ErrorReason::PaidExceedsGross);
        }
    }
    if !cx.errors.is_empty() {
        return None;
    }
    let (id, customer_id, issue_date, due_date, currency, gross) =
        (id?, customer_id?, issue?, due?, currency?, gross?);
    let payments = match paid {
        Some(x) if !x.is_zero() => vec![Payment {
            date: paid_on.unwrap_or(due_date),
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
        kind: Default::default(),
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
    let known = out.fx.currencies();
    let mut missing: Vec<Currency> = preview
        .invoices
        .iter()
        .map(|i| i.currency)
        .filter(|c| !known.contains(c))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    missing.sort_by(|a, b| a.code().cmp(b.code()));
    report.currencies_without_rate = missing;
    Ok((out, report))
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
                (3, "paid", ErrorReason::PaidExceedsGross),
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
}
