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
//! [`MAX_ROWS`] is refused, naming the limit. The sizes a ZIP declares can
//! lie: every XML file is unpacked once, counting, and one that unpacks to more
//! than it declared is refused before the workbook is parsed (a sheet
//! declared at 3 MB that unpacked to 1.1 GB held 1 GB of memory; shared
//! strings, 2 GB and minutes). The used range (first to last row and
//! column) may span at most [`MAX_CELLS`] cells: A1, ALL1 and A1048576 are
//! three cells, but a rectangle of a billion.

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

/// A file of a ZIP as its central directory declares it.
struct Entry<'a> {
    /// Its path in the archive.
    name: &'a [u8],
    /// 0 stored, 8 deflated (the others calamine does not read).
    method: u16,
    /// Its compressed bytes.
    packed: &'a [u8],
    /// The unpacked size the directory declares (`u32::MAX` for ZIP64).
    unpacked: u32,
}

/// The files of a ZIP as its central directory declares them, each with
/// its compressed bytes (found through its local header); `None` when the
/// directory cannot be read this way: damaged, or ZIP64 (sizes and counts
/// beyond 32 and 16 bits, far beyond what a sheet here may unpack to).
fn entries(bytes: &[u8]) -> Option<Vec<Entry<'_>>> {
    // End of central directory: signature, then the directory's offset.
    let eocd = bytes.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rd16 = |at: usize| {
        Some(usize::from(u16::from_le_bytes(
            bytes.get(at..at.checked_add(2)?)?.try_into().ok()?,
        )))
    };
    let rd32 = |at: usize| {
        Some(u32::from_le_bytes(
            bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
        ))
    };
    let count = rd16(eocd + 10)?;
    let mut at = rd32(eocd + 16)? as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        if rd32(at)? != 0x0201_4b50 {
            return None;
        }
        let (packed_len, unpacked) = (rd32(at + 20)?, rd32(at + 24)?);
        let (n, m, k) = (rd16(at + 28)?, rd16(at + 30)?, rd16(at + 32)?);
        let local = rd32(at + 42)? as usize;
        if rd32(local)? != 0x0403_4b50 || packed_len == u32::MAX {
            return None;
        }
        // The data follows the local header, whose name and extra field
        // have lengths of their own (offsets checked: usize is 32 bits in
        // wasm).
        let start = local.checked_add(30 + rd16(local + 26)? + rd16(local + 28)?)?;
        let name_at = at.checked_add(46)?;
        out.push(Entry {
            name: bytes.get(name_at..name_at.checked_add(n)?)?,
            method: rd16(at + 10)? as u16,
            packed: bytes.get(start..start.checked_add(packed_len as usize)?)?,
            unpacked,
        });
        at = name_at.checked_add(n + m + k)?;
    }
    Some(out)
}

/// The sum of the unpacked sizes a ZIP's central directory declares, or
/// `None` when it cannot be read.
fn declared_unpacked(bytes: &[u8]) -> Option<u64> {
    Some(entries(bytes)?.iter().map(|e| u64::from(e.unpacked)).sum())
}

/// The longest run of bytes without a `<` a workbook's file may have: a
/// cell holds at most [`super::MAX_CELL_CHARS`] characters (at most 1 MB
/// even written as character references); the XML parser holds a whole
/// text or tag in memory (1.1 GB of blanks between two rows took 1.1 GB).
pub const MAX_XML_RUN: u64 = 4 * 1024 * 1024;

/// Unpacks every XML file of the archive once, counting (into a small
/// buffer, nothing kept), before calamine reads it:
/// - a file that unpacks to more than the size its headers declare is
///   refused, so the declared sizes checked against [`MAX_UNPACKED`] bound
///   what calamine reads;
/// - a run of more than [`MAX_XML_RUN`] bytes without a `<` is refused;
/// - shared strings beyond [`MAX_CELLS`] are refused (calamine keeps them
///   all; a sheet cannot use more strings than it has cells).
///
/// The ZIP is read here with `flate2`'s inflater (which calamine's `zip`
/// uses), not through a second ZIP reader: it costs the worker less.
fn check_unpacked(bytes: &[u8]) -> Result<(), ImportError> {
    let Some(entries) = entries(bytes) else {
        return Err(ImportError::Workbook(
            "its ZIP directory cannot be read (damaged, or a ZIP64 archive)".into(),
        ));
    };
    let mut buf = vec![0u8; 64 * 1024];
    for e in entries {
        let name = String::from_utf8_lossy(e.name).replace('\\', "/");
        // Only the XML parts are parsed (calamine leaves images, printer
        // settings and macros alone).
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let mut part = Part {
            shared: lower == "xl/sharedstrings.xml",
            declared: u64::from(e.unpacked),
            unpacked: 0,
            scan: XmlScan::default(),
        };
        let refused = |why: String| ImportError::Workbook(format!("{name} {why}"));
        match e.method {
            0 => part.take(e.packed).map_err(refused)?,
            8 => {
                let mut inflate = flate2::Decompress::new(false);
                let mut input = e.packed;
                loop {
                    let (was_in, was_out) = (inflate.total_in(), inflate.total_out());
                    let status = inflate.decompress(input, &mut buf, flate2::FlushDecompress::None);
                    let used = (inflate.total_in() - was_in) as usize;
                    let made = (inflate.total_out() - was_out) as usize;
                    input = input.get(used..).unwrap_or_default();
                    part.take(buf.get(..made).unwrap_or_default())
                        .map_err(refused)?;
                    // The end, a broken stream (calamine says what is
                    // wrong) or no progress.
                    if !matches!(status, Ok(flate2::Status::Ok)) || used + made == 0 {
                        break;
                    }
                }
            }
            // Calamine says it cannot read it.
            _ => {}
        }
    }
    Ok(())
}

/// One XML part being counted by [`check_unpacked`].
struct Part {
    /// Whether it is the shared strings.
    shared: bool,
    /// The unpacked size its headers declare.
    declared: u64,
    /// Bytes unpacked so far.
    unpacked: u64,
    /// What its XML holds so far.
    scan: XmlScan,
}

impl Part {
    /// Counts the next unpacked bytes: why the part is refused, if it is.
    fn take(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.unpacked += bytes.len() as u64;
        if self.unpacked > self.declared {
            return Err(format!(
                "unpacks to more than the {} bytes its ZIP header says: \
                 the file is damaged or a ZIP bomb",
                self.declared
            ));
        }
        self.scan.feed(bytes);
        if self.scan.longest_run > MAX_XML_RUN {
            return Err(format!(
                "has a text or tag of more than {} MB; at most {} MB are read",
                MAX_XML_RUN >> 20,
                MAX_XML_RUN >> 20
            ));
        }
        if self.shared && self.scan.shared_strings > MAX_CELLS as u64 {
            return Err(format!(
                "has more than {MAX_CELLS} shared strings; at most {MAX_CELLS} are read"
            ));
        }
        Ok(())
    }
}

/// What [`check_unpacked`] counts in a file's XML, fed in pieces.
#[derive(Default)]
struct XmlScan {
    /// Bytes since the last `<`.
    run: u64,
    /// The longest such run so far.
    longest_run: u64,
    /// The start of the element name after the last `<` (up to 8 bytes),
    /// and its length; `None` once the name has ended.
    name: ([u8; 8], Option<usize>),
    /// `<si>` elements (shared strings), with or without a prefix.
    shared_strings: u64,
}

impl XmlScan {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b == b'<' {
                self.run = 0;
                self.name.1 = Some(0);
                continue;
            }
            self.run += 1;
            self.longest_run = self.longest_run.max(self.run);
            let Some(k) = self.name.1 else { continue };
            if b.is_ascii_whitespace() || b == b'>' || b == b'/' {
                let name = self.name.0.get(..k).unwrap_or_default();
                if name == b"si" || (k < 8 && name.ends_with(b":si")) {
                    self.shared_strings += 1;
                }
                self.name.1 = None;
            } else if let Some(slot) = self.name.0.get_mut(k) {
                *slot = b;
                self.name.1 = Some(k + 1);
            } else {
                // Longer than any name counted.
                self.name.1 = None;
            }
        }
    }
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
///
/// # Example
/// ```
/// use credit_core::import::{xlsx::read_xlsx, ImportError, ReadOptions};
/// let r = read_xlsx(b"PK\x03\x04 and no archive", &ReadOptions::default());
/// assert!(matches!(r, Err(ImportError::Workbook(_))));
/// ```
pub fn read_xlsx(bytes: &[u8], opts: &ReadOptions) -> Result<Table, ImportError> {
    let workbook = |e: calamine::XlsxError| ImportError::Workbook(e.to_string());
    if let Some(n) = declared_unpacked(bytes).filter(|n| *n > MAX_UNPACKED) {
        return Err(ImportError::Workbook(format!(
            "it would unpack to {} MB; at most {} MB are read",
            n / (1024 * 1024),
            MAX_UNPACKED / (1024 * 1024)
        )));
    }
    check_unpacked(bytes)?;
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
    let height = (last - first + 1) as usize;
    // Rows × columns are bounded by MAX_ROWS × MAX_COLUMNS: no overflow.
    if height * width > MAX_CELLS {
        return Err(ImportError::Workbook(format!(
            "the sheet's cells span {height} rows × {width} columns ({} cells); at most {MAX_CELLS} are read",
            height * width
        )));
    }
    let mut rows = vec![vec![String::new(); width]; height];
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

    /// Issue 23, case 2: three cells within the column and row limits whose
    /// used range is a billion cells (the reader asked for 24 GB and ran
    /// for minutes) are refused before the rows are allocated.
    #[test]
    fn a_used_range_beyond_the_cell_limit_is_refused() {
        let far = workbook(&[("A1", "invoice"), ("ALL1", "x"), ("A1048576", "y")]);
        assert!(matches!(
            read_xlsx(&far, &ReadOptions::default()),
            Err(ImportError::Workbook(m))
                if m.contains("1048576 rows × 1000 columns") && m.contains("at most 10000000")
        ));
    }

    /// Issue 23, case 2: a ZIP whose headers understate a file's unpacked
    /// size (a bomb declared small, so that the MAX_UNPACKED check passes)
    /// is refused while counting, before calamine reads it.
    #[test]
    fn a_file_larger_than_its_header_says_is_refused() {
        let ok = workbook(&[
            ("A1", "invoice"),
            ("B1", "amount"),
            ("A2", "A-1"),
            ("B2", "1"),
        ]);
        assert!(read_xlsx(&ok, &ReadOptions::default()).is_ok());
        // The sheet is the last file: its central and local headers say
        // 10 bytes.
        let mut lying = ok.clone();
        let cd = lying.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        lying[cd + 24..cd + 28].copy_from_slice(&10u32.to_le_bytes());
        let local = u32::from_le_bytes(lying[cd + 42..cd + 46].try_into().unwrap()) as usize;
        lying[local + 22..local + 26].copy_from_slice(&10u32.to_le_bytes());
        assert!(matches!(
            read_xlsx(&lying, &ReadOptions::default()),
            Err(ImportError::Workbook(m))
                if m.contains("xl/worksheets/sheet1.xml unpacks to more than the 10 bytes")
        ));
    }

    /// Shared strings and runs without markup are counted across the
    /// pieces a file is read in.
    #[test]
    fn the_scan_counts_across_pieces() {
        let xml = b"<sst><si><t>a</t></si><x:si><t>b</t></x:si><sis/><si/><s:i></sst>";
        for cut in 0..xml.len() {
            let mut s = XmlScan::default();
            s.feed(&xml[..cut]);
            s.feed(&xml[cut..]);
            assert_eq!(s.shared_strings, 3, "cut at {cut}");
            assert_eq!(s.longest_run, 6); // "/x:si>"
        }
        let mut s = XmlScan::default();
        s.feed(b"<row>");
        s.feed(&[b' '; 1000]);
        s.feed(b"   </row>");
        assert_eq!(s.longest_run, 1007); // "row>" and 1,003 blanks
    }

    /// Issue 23, case 2: 5 MB of blanks between two rows (an XML text the
    /// parser would hold whole) is refused, naming the limit.
    #[test]
    fn a_long_run_without_markup_is_refused() {
        let files = |gap: usize| {
            let rows = format!(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>invoice</t></is></c></row>{}<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>"#,
                " ".repeat(gap)
            );
            sheet_workbook(&rows)
        };
        assert!(read_xlsx(&files(1000), &ReadOptions::default()).is_ok());
        // A part that is not XML (an image, say) is not scanned.
        let image = sheet_workbook_with(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>invoice</t></is></c></row>"#,
            vec![("xl/media/image1.bmp", "\u{0}".repeat(5 * 1024 * 1024))],
        );
        assert!(read_xlsx(&image, &ReadOptions::default()).is_ok());
        assert!(matches!(
            read_xlsx(&files(5 * 1024 * 1024), &ReadOptions::default()),
            Err(ImportError::Workbook(m)) if m.contains("sheet1.xml has a text or tag of more than 4 MB")
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
        sheet_workbook(&sheet_cells)
    }

    /// A minimal workbook whose sheet data is this XML.
    fn sheet_workbook(sheet_cells: &str) -> Vec<u8> {
        sheet_workbook_with(sheet_cells, vec![])
    }

    /// The same with more files in the archive.
    fn sheet_workbook_with(sheet_cells: &str, more: Vec<(&str, String)>) -> Vec<u8> {
        let mut files: Vec<(&str, String)> = vec![
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
            ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
            ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_cells}</sheetData></worksheet>"#)),
        ];
        files.extend(more);
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
