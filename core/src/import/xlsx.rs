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
//!
//! **Bounded before anything is allocated** (issue 23): the sheet is read
//! cell by cell, never as one rectangle (two cells at A1 and XFD1048576
//! asked for 549,755,813,888 bytes); a workbook whose files would unpack to
//! more than [`MAX_UNPACKED`] bytes, a sheet with more than [`MAX_CELLS`]
//! cells, a column beyond [`super::MAX_COLUMNS`] or a row beyond
//! [`MAX_ROWS`] is refused, naming the limit.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
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

/// The most bytes a workbook's files may unpack to, as their sizes say.
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;
/// The most cells a sheet may have (a million rows of ten columns).
pub const MAX_CELLS: usize = 10_000_000;
/// The most rows (Excel's own limit).
pub const MAX_ROWS: u32 = 1_048_576;

/// The sum of the unpacked sizes a ZIP's central directory declares, or
/// `None` when it cannot be read (then calamine says what is wrong).
fn declared_unpacked(bytes: &[u8]) -> Option<u64> {
    // End of central directory: signature, then the directory's offset.
    let eocd = bytes.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rd16 = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let rd32 = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let entries = rd16(eocd + 10)?;
    let mut at = rd32(eocd + 16)? as usize;
    let mut total = 0u64;
    for _ in 0..entries {
        if rd32(at)? != 0x0201_4b50 {
            return None;
        }
        total += u64::from(rd32(at + 24)?);
        let (n, m, k) = (rd16(at + 28)?, rd16(at + 30)?, rd16(at + 32)?);
        at += 46 + usize::from(n) + usize::from(m) + usize::from(k);
    }
    Some(total)
}

fn cell_text(d: &DataRef<'_>) -> String {
    match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(x) => {
            excel_date(x.as_f64()).map_or_else(|| x.as_f64().to_string(), |d| d.to_string())
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("{e:?}"),
    }
}

/// Reads the first worksheet of an XLSX workbook into a table
/// ([`ReadOptions::header_row`] applies; the encoding and delimiter do not).
///
/// # Errors
/// [`ImportError::Workbook`] for bytes that are not a workbook;
/// [`ImportError::Empty`] for a workbook without a sheet or a header row.
pub fn read_xlsx(bytes: &[u8], opts: &ReadOptions) -> Result<Table, ImportError> {
    let workbook = |e: calamine::XlsxError| ImportError::Workbook(e.to_string());
    if let Some(n) = declared_unpacked(bytes).filter(|n| *n > MAX_UNPACKED) {
        return Err(ImportError::Workbook(format!(
            "it would unpack to {} MB; at most {} MB are read",
            n / (1024 * 1024),
            MAX_UNPACKED / (1024 * 1024)
        )));
    }
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(workbook)?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or(ImportError::Empty)?;
    let mut reader = wb.worksheet_cells_reader(&name).map_err(workbook)?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(workbook)? {
        let (row, col) = cell.get_position();
        count += 1;
        if count > MAX_CELLS {
            return Err(ImportError::Workbook(format!(
                "the sheet has more than {MAX_CELLS} cells"
            )));
        }
        if col as usize >= super::MAX_COLUMNS {
            return Err(ImportError::TooWide {
                columns: col as usize + 1,
            });
        }
        if row >= MAX_ROWS {
            return Err(ImportError::Workbook(format!(
                "row {} is beyond the last row a sheet can have ({MAX_ROWS})",
                u64::from(row) + 1
            )));
        }
        let text = cell_text(cell.get_value());
        if !text.is_empty() {
            cells.push((row, col, text));
        }
    }
    // The used rows, in the sheet's numbers (it may start below row 1).
    let (Some(first), Some(last)) = (
        cells.iter().map(|c| c.0).min(),
        cells.iter().map(|c| c.0).max(),
    ) else {
        return Err(ImportError::Empty);
    };
    let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let width = cells.iter().map(|c| c.1 - first_col + 1).max().unwrap_or(0) as usize;
    let mut rows = vec![vec![String::new(); width]; (last - first + 1) as usize];
    for (r, c, text) in cells {
        rows[(r - first) as usize][(c - first_col) as usize] = text;
    }
    Table::from_rows(
        rows,
        first as usize + 1,
        opts.header_row,
        Encoding::Utf8,
        ',',
    )
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

    /// Issue 23, case 2: two cells at A1 and XFD1048576 (the CLI tried to
    /// allocate 549,755,813,888 bytes) are refused as too wide; a sheet of
    /// a few cells reads as before.
    #[test]
    fn far_apart_cells_are_refused_before_allocating() {
        let far = workbook(&[("A1", "invoice"), ("XFD1048576", "x")]);
        assert_eq!(
            read_xlsx(&far, &ReadOptions::default()),
            Err(ImportError::TooWide { columns: 16_384 })
        );
        let tall = workbook(&[("A1", "invoice"), ("A1048577", "x")]);
        assert!(matches!(
            read_xlsx(&tall, &ReadOptions::default()),
            Err(ImportError::Workbook(m)) if m.contains("beyond the last row")
        ));
        let ok = workbook(&[
            ("B3", "invoice"),
            ("C3", "amount"),
            ("B4", "A-1"),
            ("C4", "12.5"),
        ]);
        let t = read_xlsx(&ok, &ReadOptions::default()).unwrap();
        assert_eq!(t.headers, vec!["invoice", "amount"]);
        assert_eq!(t.rows, vec![vec!["A-1".to_string(), "12.5".to_string()]]);
        assert_eq!(t.header_row, 3);
        // What the sizes say is checked first.
        let mut bomb = ok.clone();
        let cd = bomb.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bomb[cd + 24..cd + 28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            read_xlsx(&bomb, &ReadOptions::default()),
            Err(ImportError::Workbook(m)) if m.contains("would unpack")
        ));
    }

    /// A minimal workbook with inline-string cells (stored, no compression).
    fn workbook(cells: &[(&str, &str)]) -> Vec<u8> {
        let sheet_cells: String = cells
            .iter()
            .map(|(at, v)| {
                let row: String = at.chars().filter(char::is_ascii_digit).collect();
                format!(r#"<row r="{row}"><c r="{at}" t="inlineStr"><is><t>{v}</t></is></c></row>"#)
            })
            .collect();
        let files: Vec<(&str, String)> = vec![
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
            ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
            ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_cells}</sheetData></worksheet>"#)),
        ];
        stored_zip(&files)
    }

    /// A ZIP of stored (uncompressed) files.
    fn stored_zip(files: &[(&str, String)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, body) in files {
            let crc = crc32(body.as_bytes());
            let offset = out.len() as u32;
            let size = body.len() as u32;
            let head = |sig: u32, central: bool| {
                let mut h = Vec::new();
                h.extend_from_slice(&sig.to_le_bytes());
                if central {
                    h.extend_from_slice(&20u16.to_le_bytes());
                }
                h.extend_from_slice(&20u16.to_le_bytes());
                h.extend_from_slice(&[0; 2]); // flags
                h.extend_from_slice(&[0; 2]); // stored
                h.extend_from_slice(&[0; 4]); // time, date
                h.extend_from_slice(&crc.to_le_bytes());
                h.extend_from_slice(&size.to_le_bytes());
                h.extend_from_slice(&size.to_le_bytes());
                h.extend_from_slice(&(name.len() as u16).to_le_bytes());
                h.extend_from_slice(&[0; 2]); // extra
                if central {
                    h.extend_from_slice(&[0; 6]); // comment, disk, internal attrs
                    h.extend_from_slice(&[0; 4]); // external attrs
                    h.extend_from_slice(&offset.to_le_bytes());
                }
                h.extend_from_slice(name.as_bytes());
                h
            };
            out.extend(head(0x0403_4b50, false));
            out.extend_from_slice(body.as_bytes());
            central.extend(head(0x0201_4b50, true));
        }
        let at = out.len() as u32;
        let len = central.len() as u32;
        out.extend(central);
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&[0; 2]);
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn not_a_workbook() {
        assert!(matches!(
            read_xlsx(b"a,b\n1,2\n", &ReadOptions::default()),
            Err(ImportError::Workbook(_))
        ));
    }
}
