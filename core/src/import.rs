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
mod error;
pub mod header;
mod kind;
pub mod layout;
mod merge;
mod names;
pub mod preset;
mod preview;
pub mod reconcile;
mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use amount::DecimalSep;
pub use date::DateOrder;
pub use encoding::{Encoding, EncodingChoice};
pub use error::{errors_csv, ErrorReason, ImportError, RowError};
pub use header::{guess_mapping, Field, Mapping};
pub use kind::{file_kind, file_kind_of, FileKind};
pub use layout::SkipReason;
pub(crate) use merge::currencies_without_rate;
pub use merge::{existing_ids, merge, MergePolicy, MergeReport, OnExisting};
pub use names::{currency_from_name, doc_kind_from_text};
pub use preset::Preset;
pub use preview::{
    preview, CurrencyTotal, ImportWarning, ParseOptions, PaymentRow, Preview, Summary,
};
pub(crate) use table::trim;
pub use table::{
    binary_kind, detect_preset, read_file, read_table, ReadOptions, Table, MAX_CELL_CHARS,
    MAX_COLUMNS,
};

#[cfg(test)]
mod tests;
