//! The messages between the page and the ledger worker
//! (`src/bin/credit-worker.rs`), as JSON text.
//!
//! The worker holds what is big (the file's table, the preview, the
//! portfolio being merged) and does what is slow (decoding, parsing,
//! merging, encoding, writing IndexedDB), so the page stays responsive and
//! the import code (encodings, XLSX) is not in the page's initial download.
//! A request that carries a file sends it as the `file` property of the
//! message object next to the JSON `msg`.

use credit_core::import::header::Field;
use credit_core::import::{
    DateOrder, DecimalSep, Encoding, EncodingChoice, FileKind, Mapping, MergePolicy, OnExisting,
    Preset, RowError, Summary,
};
use credit_core::money::Currency;
use credit_core::Decimal;
use credit_core::NaiveDate;
use serde::{Deserialize, Serialize};

/// Errors shown per page of the error list.
pub const ERRORS_PER_PAGE: usize = 50;

/// Buyer balances the preview shows.
pub const BALANCES_SHOWN: usize = 20;

/// Where an import goes.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum Target {
    /// Into a stored portfolio.
    Existing {
        /// Its id.
        id: String,
    },
    /// Into a new portfolio of this name and base currency.
    New {
        /// Its name.
        name: String,
        /// Its base currency.
        currency: Currency,
    },
}

/// What the page asks of the worker.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Read the attached file into a table and guess its mapping (using the
    /// mapping remembered by the target portfolio, if any).
    Open {
        /// The file's name, for messages.
        file_name: String,
        /// Detect or force an encoding.
        encoding: EncodingChoice,
        /// The portfolio whose remembered mapping applies.
        remembered_from: Option<String>,
        /// The header row (1-based), when the user chose it; detected
        /// below title rows otherwise.
        #[serde(default)]
        header_row: Option<usize>,
        /// The export's preset, when the user chose one; recognised from
        /// the headers otherwise.
        #[serde(default)]
        preset: Option<Preset>,
    },
    /// Parse every row with this mapping.
    Preview {
        /// The (corrected) mapping.
        mapping: Mapping,
        /// The date order, when the user chose one.
        date_order: Option<DateOrder>,
        /// The decimal separator, when the user forced one.
        decimal: Option<DecimalSep>,
        /// The import date: a paid amount without a date is dated at the
        /// earlier of its due date and the file's date (the report date in
        /// the file's title rows, else this).
        #[serde(default)]
        file_date: Option<NaiveDate>,
        /// The browser's language tag (`navigator.language`), sent until the
        /// user picks a currency: then lines without a currency are in the
        /// target portfolio's base currency or, for a new portfolio, in the
        /// currency of the browser's region (en-US: USD, en-GB: GBP, de-DE:
        /// EUR, zh-CN: CNY), as the user's ERP would have written them.
        #[serde(default)]
        locale: Option<String>,
        /// The currency of rows without one.
        currency: Currency,
        /// The portfolio the rows would go into (to find ids it has).
        target: Target,
    },
    /// A page of the preview's errors.
    Errors {
        /// The first error's position.
        offset: usize,
    },
    /// All the preview's errors as CSV.
    ErrorsCsv,
    /// Merge the preview into the target and save it.
    Commit {
        /// Where it goes.
        target: Target,
        /// All or nothing, or the valid rows only.
        policy: MergePolicy,
        /// Ids the target already has.
        on_existing: OnExisting,
        /// The file is the next open-items list of the target: close what
        /// is no longer in it, update what changed ([`credit_core::import::reconcile`]).
        #[serde(default)]
        reconcile: bool,
    },
    /// The backup file of a stored portfolio.
    Backup {
        /// Its id.
        id: String,
    },
    /// Restore the attached backup file as a new portfolio.
    Restore {
        /// The file's name, for messages.
        file_name: String,
        /// The passphrase of an encrypted backup.
        #[serde(default)]
        passphrase: Option<String>,
    },
    /// Add (or replace) an exchange rate of a stored portfolio.
    AddRate {
        /// The portfolio.
        id: String,
        /// The foreign currency.
        currency: Currency,
        /// Units of the base currency per unit, as typed.
        rate: String,
        /// The date it applies from.
        date: NaiveDate,
    },
    /// Set where open credits show in a stored portfolio's ageing.
    SetCredits {
        /// The portfolio.
        id: String,
        /// The placement.
        credits: credit_core::ageing::CreditPlacement,
    },
    /// Create an empty portfolio.
    Create {
        /// Its name.
        name: String,
        /// Its base currency.
        currency: Currency,
    },
}

/// A stage of a long job, for the progress bar.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Reading the file.
    Reading,
    /// Splitting it into rows.
    Parsing,
    /// Checking every row.
    Checking,
    /// Merging into the portfolio.
    Merging,
    /// Writing it to the browser's storage.
    Saving,
}

/// What the page shows after [`Request::Open`].
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Opened {
    /// The header row.
    pub headers: Vec<String>,
    /// The first few rows.
    pub sample: Vec<Vec<String>>,
    /// Data rows.
    pub rows: usize,
    /// The encoding read.
    pub encoding: Option<Encoding>,
    /// The delimiter found (CSV).
    pub delimiter: Option<char>,
    /// The guessed (or remembered) mapping.
    pub mapping: Mapping,
    /// Whether a remembered mapping was used.
    pub remembered: bool,
    /// The header row, 1-based, as the file counts rows.
    pub header_row: usize,
    /// The rows above it (title, period, unit), as text.
    pub title_rows: Vec<String>,
    /// The report date the title rows give, if any.
    pub report_date: Option<NaiveDate>,
    /// The export recognised (or chosen) whose mapping is used: its id
    /// ([`Preset::id`]).
    pub preset: Option<String>,
    /// Time taken to read and split the file (ms), for the benchmark.
    pub elapsed_ms: u32,
}

/// What the page shows after [`Request::Preview`].
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Previewed {
    /// What the file holds.
    pub kind: FileKind,
    /// Rows, buyers, totals, dates, duplicates.
    pub summary: Summary,
    /// How many errors.
    pub error_count: usize,
    /// The first page of them.
    pub errors: Vec<RowError>,
    /// The file's dates need a day/month order.
    pub needs_date_order: bool,
    /// Ids the target already has (skip or replace).
    pub existing: usize,
    /// A few of them.
    pub existing_sample: Vec<String>,
    /// What the page should point out (preset, total rows left out, a file
    /// that looks like invoices but is mapped as something else).
    pub warnings: Vec<Notice>,
    /// Per buyer and currency, the net open amount after the file's
    /// payments: what the dashboard shows for it after the import. At
    /// most [`BALANCES_SHOWN`], largest first.
    pub balances: Vec<(String, Currency, Decimal)>,
    /// How many buyers have a balance in all.
    pub balances_count: usize,
    /// The date the file's balances are as of.
    pub file_date: Option<NaiveDate>,
    /// Time taken to check every row (ms), for the benchmark.
    pub elapsed_ms: u32,
}

/// What an import did.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Committed {
    /// The portfolio written.
    pub id: String,
    /// Invoices added.
    pub added: usize,
    /// Ids replaced.
    pub replaced: usize,
    /// Ids skipped.
    pub skipped: usize,
    /// Buyers added.
    pub customers_added: usize,
    /// Payments added.
    pub payments_added: usize,
    /// Rows left out.
    pub rows_left_out: usize,
    /// Currencies without an FX rate.
    pub currencies_without_rate: Vec<Currency>,
    /// Lines closed by a re-import (missing from the next open-items list).
    #[serde(default)]
    pub closed: usize,
    /// Lines a re-import updated.
    #[serde(default)]
    pub updated: usize,
    /// Lines a re-import found unchanged.
    #[serde(default)]
    pub unchanged: usize,
    /// Whether this was a re-import of the next open-items list.
    #[serde(default)]
    pub reconciled: bool,
    /// Time taken to merge (ms).
    pub merge_ms: u32,
    /// Time taken to encode and write IndexedDB (ms).
    pub save_ms: u32,
}

/// Why a request failed; the page words it in the user's language.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum Failure {
    /// No file attached, or it could not be read.
    FileUnreadable {
        /// The browser's reason.
        detail: String,
    },
    /// The file is refused as it is (not text, too wide, a cell too
    /// long): said in both languages by the worker.
    Refused {
        /// In English.
        en: String,
        /// In Chinese.
        zh: String,
    },
    /// The file has no header row.
    Empty,
    /// A quoted field never closed.
    Unclosed {
        /// The row it starts on.
        row: usize,
    },
    /// The workbook cannot be read.
    Workbook {
        /// Why.
        detail: String,
    },
    /// The mapping lacks required columns.
    MissingColumns {
        /// Their field names.
        fields: Vec<String>,
    },
    /// The day/month order must be chosen.
    DateOrderRequired,
    /// All-or-nothing import of a file with errors.
    RowErrors {
        /// How many.
        count: usize,
    },
    /// Payments for invoices the portfolio lacks.
    UnknownInvoices {
        /// A few of them.
        ids: Vec<String>,
    },
    /// Nothing to preview or commit: open a file first.
    NoPreview,
    /// The backup is not JSON.
    BackupNotJson {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
    },
    /// Valid JSON that is not a backup of this app.
    NotABackup,
    /// Written by a newer version of the app.
    NewerSchema {
        /// The file's schema.
        found: u32,
        /// The newest this version reads.
        supported: u32,
    },
    /// The backup was changed or damaged.
    ChecksumMismatch,
    /// The backup's content is invalid.
    BackupInvalid {
        /// Why.
        detail: String,
    },
    /// The stored portfolio is missing.
    NotFound,
    /// The stored portfolio cannot be decoded.
    StoreCorrupt {
        /// What and where.
        detail: String,
    },
    /// The browser's storage is full.
    QuotaExceeded,
    /// Another tab changed the portfolio since it was read.
    Conflict,
    /// The portfolio is encrypted and locked.
    Locked,
    /// The passphrase does not open the portfolio or the backup.
    WrongPassphrase,
    /// The passphrase is right (the backup's check opens) but the data
    /// fails its authentication: the file was changed or damaged.
    BackupDamaged,
    /// Not a positive amount.
    BadRate {
        /// What was typed.
        value: String,
    },
    /// The worker crashed, failed its integrity check or stopped
    /// answering; it was stopped and the next request starts a new one.
    WorkerStopped(StopReason),
    /// Any other storage failure.
    Storage {
        /// The browser's message.
        detail: String,
    },
}

/// Why the page stopped the worker (see `crate::worker`).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum StopReason {
    /// It threw: the browser's words.
    Crashed(String),
    /// No progress and no reply for this many seconds.
    Silent(u32),
    /// Its code did not pass the integrity check, or could not be loaded.
    NotVerified,
    /// A newer file replaced the one being read.
    Replaced,
}

/// What the worker answers; every request gets exactly one final reply
/// (anything but [`Reply::Progress`]).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// Progress of a long job.
    Progress {
        /// The stage.
        phase: Phase,
        /// Done so far, out of 1000.
        permille: u32,
    },
    /// See [`Opened`].
    Opened(Opened),
    /// See [`Previewed`].
    Previewed(Previewed),
    /// A page of errors.
    Errors {
        /// The first one's position.
        offset: usize,
        /// The errors.
        errors: Vec<RowError>,
    },
    /// CSV text to download.
    Csv {
        /// The text.
        text: String,
    },
    /// See [`Committed`].
    Committed(Committed),
    /// A backup file to download.
    Backup {
        /// The suggested file name.
        file_name: String,
        /// Its JSON.
        json: String,
    },
    /// A portfolio written (restored or created).
    Saved {
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// The request failed; nothing stored changed.
    Failed(Failure),
}

/// A field's name as the messages and the page's selects carry it (its
/// serde name, e.g. `invoice_id`).
pub fn field_name(f: Field) -> String {
    serde_json::to_value(f)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A note about a previewed file, worded in both languages by the worker
/// (so the page carries neither the wording nor the warnings' types).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Notice {
    /// Its CSS class: `warn`, `ok` or `muted`.
    pub class: String,
    /// In English.
    pub en: String,
    /// In Chinese.
    pub zh: String,
}

/// A file name part from free text (a portfolio's name): letters and digits
/// of any script (so Chinese names stay readable) are kept, anything else
/// becomes `-`, runs of `-` are collapsed and trimmed; never empty. Used for
/// exported CSV files (page) and backups (worker).
pub fn file_name_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "portfolio".to_string()
    } else {
        out.to_string()
    }
}

/// The extras key (see `credit_core::store::Extras`) of the insured limits
/// buyers had before an import lowered them: a JSON map, buyer id →
/// amount. Written by the worker's import, read by the alerts.
pub const INSURED_BEFORE_KEY: &str = "monitor.insured_before";
