//! The preview: every row parsed under a mapping, every error listed and a
//! summary, before anything is stored ([`preview`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::customer::{Customer, CustomerStatus};
use crate::invoice::{Dispute, DocKind, Invoice, Payment};
use crate::money::Currency;

use super::kind::{buyers_from_headings, heading_text};
use super::{
    amount, currency_from_name, date, detect_preset, doc_kind_from_text, file_kind_of, layout,
    trim, DateOrder, DecimalSep, ErrorReason, Field, FileKind, ImportError, Mapping, Preset,
    RowError, SkipReason, Table,
};

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
