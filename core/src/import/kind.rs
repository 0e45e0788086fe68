//! What a file holds ([`FileKind`]), from its mapped columns.

use serde::{Deserialize, Serialize};

use super::{layout, trim, Field, ImportError, Mapping, Table};

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

/// The text of a heading row: its only non-empty cell (the first one).
pub(super) fn heading_text(row: &[String]) -> Option<&str> {
    row.iter().map(|c| trim(c)).find(|c| !c.is_empty())
}

/// Whether the file's buyers are named by heading rows rather than by a
/// column: no customer column is mapped, and some one-cell rows that are not
/// totals stand above dated lines (Xero's Aged Receivables Detail groups its
/// lines under the contact's name).
pub(super) fn buyers_from_headings(table: &Table, mapping: &Mapping) -> bool {
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
///
/// # Example
/// ```
/// use credit_core::import::{file_kind, file_kind_of, guess_mapping, read_table, FileKind, ReadOptions};
/// // Xero's report: the contact's name on a row of its own above its lines.
/// let csv = "Date,Invoice Number,Due Date,Total\nAcme Ltd\n2026-11-01,INV-1,2026-12-01,100\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let m = guess_mapping(&t.headers);
/// assert!(file_kind(&m).is_err());
/// assert_eq!(file_kind_of(&t, &m), Ok(FileKind::Invoices));
/// ```
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
///
/// # Example
/// ```
/// use credit_core::import::{file_kind, guess_mapping, Field, FileKind, ImportError};
/// let headers = |s: &str| s.split(',').map(String::from).collect::<Vec<_>>();
/// let m = guess_mapping(&headers("Invoice,Customer,Invoice date,Due date,Amount"));
/// assert_eq!(file_kind(&m), Ok(FileKind::Invoices));
/// let m = guess_mapping(&headers("Invoice,Paid,Payment date"));
/// assert_eq!(file_kind(&m), Ok(FileKind::Payments));
/// let m = guess_mapping(&headers("Invoice,Customer,Amount"));
/// assert_eq!(file_kind(&m),
///     Err(ImportError::MissingColumns(vec![Field::IssueDate, Field::DueDate])));
/// ```
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
