//! Reading a file's bytes into a [`Table`]: the encoding, the delimiter,
//! the header row below any title rows, and the bounds a file must keep.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "xlsx")]
use super::xlsx;
use super::{csv, encoding, layout, Encoding, EncodingChoice, ImportError, Preset};

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
    ///
    /// # Example
    /// ```
    /// use credit_core::import::{read_table, ReadOptions};
    /// let csv = "Open items\n\nInvoice,Customer,Amount\nA-1,C1,10\n";
    /// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
    /// assert_eq!((t.header_row, t.row_number(0)), (3, 4));
    /// ```
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

/// `str::trim`, with a fast path for a cell that starts and ends with a
/// visible ASCII character (nearly all of them).
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if (b'!'..=b'~').contains(a) && (b'!'..=b'~').contains(b) => s,
        _ => s.trim(),
    }
}
