//! A small RFC 4180 reader: fields in double quotes may hold the delimiter,
//! line breaks and doubled quotes (`""` → `"`); records end at CRLF, LF or a
//! lone CR.
//!
//! Lenient where RFC 4180 is silent or strict, as spreadsheet programs are:
//! a quote inside an unquoted field is kept as text; text after a closing
//! quote is appended to the field; records may have different lengths (the
//! import reads a missing cell as empty). A quoted field still open at the
//! end of the file is an error ([`CsvError`]), since everything after the
//! stray quote would otherwise be swallowed into one cell. A blank line is
//! kept as a record of one empty cell, so that record numbers stay the row
//! numbers a spreadsheet shows.

/// The delimiters the reader detects.
pub const DELIMITERS: [char; 3] = [',', ';', '\t'];

/// Lines the delimiter detection looks at.
const SAMPLE_LINES: usize = 20;

/// A CSV text that cannot be split into records.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CsvError {
    /// A quoted field opened on this record (1-based) is never closed.
    #[error("row {row}: a quoted field is never closed")]
    UnclosedQuote {
        /// The record where the quote opened, 1-based.
        row: usize,
    },
    /// A record with more fields than [`super::MAX_COLUMNS`]: the fields
    /// beyond it are counted, never kept (one line of 30 MB of commas
    /// would otherwise hold 15 million strings; issue 23).
    #[error("row {row}: {columns} columns; at most {max} are read", max = super::MAX_COLUMNS)]
    TooWide {
        /// The record, 1-based.
        row: usize,
        /// How many fields it has.
        columns: usize,
    },
}

/// Detects the delimiter from the first lines (outside quotes) that hold
/// any candidate — title rows above a report's table often hold none: the
/// candidate that appears the same non-zero number of times on most lines,
/// the one splitting more fields on a tie; `,` when none appears.
///
/// # Example
/// ```
/// use credit_core::import::csv::detect_delimiter;
/// assert_eq!(detect_delimiter("a;b;c\n1,5;2;3\n"), ';');
/// assert_eq!(detect_delimiter("a\tb\n1\t2\n"), '\t');
/// assert_eq!(detect_delimiter("just one column\n"), ',');
/// assert_eq!(detect_delimiter("Report, Inc.\n\nKonto;Betrag;Text\n1;2,5;x\n2;3,5;y\n"), ';');
/// ```
pub fn detect_delimiter(text: &str) -> char {
    // Per candidate, its count on each sampled line.
    let mut counts: Vec<Vec<usize>> = vec![Vec::new(); DELIMITERS.len()];
    let mut current = [0usize; 3];
    let mut in_quotes = false;
    let mut lines = 0;
    let push = |current: &[usize; 3], counts: &mut Vec<Vec<usize>>| {
        for (k, n) in current.iter().enumerate() {
            counts[k].push(*n);
        }
    };
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => {
                if current.iter().any(|n| *n > 0) {
                    push(&current, &mut counts);
                    lines += 1;
                }
                current = [0; 3];
                if lines >= SAMPLE_LINES {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(k) = DELIMITERS.iter().position(|d| *d == c) {
                    current[k] += 1;
                }
            }
            _ => {}
        }
    }
    if lines < SAMPLE_LINES && current.iter().any(|n| *n > 0) {
        push(&current, &mut counts);
    }
    let mut best = (0usize, 0usize, ',');
    for (k, d) in DELIMITERS.iter().enumerate() {
        // The commonest non-zero count on the sampled lines (the smallest
        // on a tie), and on how many lines it occurs.
        let mut modes: Vec<(usize, usize)> = Vec::new();
        for &n in counts[k].iter().filter(|n| **n > 0) {
            match modes.iter_mut().find(|(m, _)| *m == n) {
                Some((_, c)) => *c += 1,
                None => modes.push((n, 1)),
            }
        }
        let Some(&(mode, consistent)) = modes
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        // More lines agreeing first; then more fields per line (a decimal
        // comma in one amount a line agrees too, but splits fewer fields).
        if (consistent, mode) > (best.0, best.1) {
            best = (consistent, mode, *d);
        }
    }
    best.2
}

/// Splits text into records of fields.
///
/// # Errors
/// [`CsvError::UnclosedQuote`] for a quoted field never closed;
/// [`CsvError::TooWide`] for a record of more than [`super::MAX_COLUMNS`]
/// fields (found before the fields beyond the limit are allocated).
///
/// # Example
/// ```
/// use credit_core::import::csv::parse;
/// let rows = parse("id,note\r\n1,\"say \"\"hi\"\", then\nbye\"\n", ',').unwrap();
/// assert_eq!(rows, vec![vec!["id", "note"], vec!["1", "say \"hi\", then\nbye"]]);
/// assert!(parse("a,\"b\n", ',').is_err());
/// ```
pub fn parse(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, CsvError> {
    if !delimiter.is_ascii() || delimiter == '"' || delimiter == '\n' || delimiter == '\r' {
        return parse_chars(text, delimiter);
    }
    // Byte scan: the delimiter, quote and line breaks are ASCII, so every
    // index where one is found is a char boundary and fields are slices.
    let b = text.as_bytes();
    let d = delimiter as u8;
    let n = b.len();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if n == 0 {
        return Ok(rows);
    }
    let mut width = 4;
    let mut row: Vec<String> = Vec::with_capacity(width);
    // Fields of the current record beyond MAX_COLUMNS: counted, not kept.
    let mut beyond = 0usize;
    let mut i = 0;
    let is_end = |c: u8| c == d || c == b'\n' || c == b'\r';
    loop {
        let field = if i < n && b[i] == b'"' {
            let open_row = rows.len() + 1;
            let mut f = String::new();
            i += 1;
            loop {
                let Some(q) = b[i..].iter().position(|c| *c == b'"') else {
                    return Err(CsvError::UnclosedQuote { row: open_row });
                };
                f.push_str(&text[i..i + q]);
                i += q + 1;
                if i < n && b[i] == b'"' {
                    f.push('"');
                    i += 1;
                } else {
                    break;
                }
            }
            let s = i;
            while i < n && !is_end(b[i]) {
                i += 1;
            }
            f.push_str(&text[s..i]);
            f
        } else {
            let s = i;
            while i < n && !is_end(b[i]) {
                i += 1;
            }
            if row.len() >= super::MAX_COLUMNS {
                String::new()
            } else {
                text[s..i].to_string()
            }
        };
        if row.len() < super::MAX_COLUMNS {
            row.push(field);
        } else {
            beyond += 1;
        }
        let record_ends = i >= n || b[i] != d;
        if record_ends && beyond > 0 {
            return Err(CsvError::TooWide {
                row: rows.len() + 1,
                columns: row.len() + beyond,
            });
        }
        if i >= n {
            rows.push(row);
            break;
        }
        if b[i] == d {
            i += 1;
            continue;
        }
        i += if b[i] == b'\r' && i + 1 < n && b[i + 1] == b'\n' {
            2
        } else {
            1
        };
        width = width.max(row.len());
        rows.push(std::mem::replace(&mut row, Vec::with_capacity(width)));
        if i >= n {
            break;
        }
    }
    Ok(rows)
}

/// The same, char by char, for a delimiter that is not ASCII.
fn parse_chars(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, CsvError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut beyond = 0usize;
    // Ends a field: kept up to MAX_COLUMNS, counted beyond.
    let mut end_field = |row: &mut Vec<String>, field: &mut String| {
        if row.len() < super::MAX_COLUMNS {
            row.push(std::mem::take(field));
        } else {
            field.clear();
            beyond += 1;
        }
        beyond
    };
    let mut chars = text.chars().peekable();
    // Whether the current record has started (so a final line without a
    // line break still counts, and the text's last line break does not add
    // an empty record).
    let mut started = false;
    while let Some(c) = chars.next() {
        if c == '"' && field.is_empty() {
            started = true;
            let open_row = rows.len() + 1;
            let mut closed = false;
            while let Some(q) = chars.next() {
                if q == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        closed = true;
                        break;
                    }
                } else {
                    field.push(q);
                }
            }
            if !closed {
                return Err(CsvError::UnclosedQuote { row: open_row });
            }
        } else if c == delimiter {
            started = true;
            end_field(&mut row, &mut field);
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            let beyond = end_field(&mut row, &mut field);
            if beyond > 0 {
                return Err(CsvError::TooWide {
                    row: rows.len() + 1,
                    columns: row.len() + beyond,
                });
            }
            rows.push(std::mem::take(&mut row));
            started = false;
        } else {
            started = true;
            field.push(c);
        }
    }
    if started {
        let beyond = end_field(&mut row, &mut field);
        if beyond > 0 {
            return Err(CsvError::TooWide {
                row: rows.len() + 1,
                columns: row.len() + beyond,
            });
        }
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4180_quotes_and_breaks() {
        let t = "a,b,c\n\"x,y\",\"line1\r\nline2\",\"\"\"q\"\"\"\r\n1,,3";
        let r = parse(t, ',').unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[1], vec!["x,y", "line1\r\nline2", "\"q\""]);
        assert_eq!(r[2], vec!["1", "", "3"]);
    }

    #[test]
    fn blank_lines_and_lone_cr() {
        let r = parse("a\r\rb\n", ',').unwrap();
        assert_eq!(r, vec![vec!["a"], vec![""], vec!["b"]]);
        assert_eq!(parse("", ',').unwrap(), Vec::<Vec<String>>::new());
        assert_eq!(parse("a,b", ',').unwrap(), vec![vec!["a", "b"]]);
    }

    #[test]
    fn lenient_inner_quotes() {
        let r = parse("5\" pipe,\"a\"b\n", ',').unwrap();
        assert_eq!(r, vec![vec!["5\" pipe", "ab"]]);
    }

    #[test]
    fn unclosed_quote_names_the_row() {
        assert_eq!(
            parse("a\nb\n\"c,d\n", ','),
            Err(CsvError::UnclosedQuote { row: 3 })
        );
    }

    #[test]
    fn non_ascii_delimiter_gives_the_same() {
        for t in ["a|b\n\"x|y\"|2\r\n\n", "a|\"b\"\"c\"d|", "", "\"a"] {
            let ascii = parse(t, '|');
            let wide = parse(&t.replace('|', "¦"), '¦');
            let wide = wide.map(|r| {
                r.into_iter()
                    .map(|row| row.into_iter().map(|f| f.replace('¦', "|")).collect())
                    .collect::<Vec<Vec<String>>>()
            });
            assert_eq!(ascii, wide, "{t:?}");
        }
    }

    /// Issue 23, case 3: a record wider than MAX_COLUMNS is refused with its
    /// width and row, in both readers; the fields beyond the limit are
    /// never kept (a 30 MB line of commas took 927 MB and 12 s).
    #[test]
    fn too_many_fields_are_counted_not_kept() {
        let max = super::super::MAX_COLUMNS;
        let wide = format!("a,b\n{}\n1,2\n", vec!["x"; max + 5].join(","));
        assert_eq!(
            parse(&wide, ','),
            Err(CsvError::TooWide {
                row: 2,
                columns: max + 5
            })
        );
        let last = format!("a\n{}", ",".repeat(max + 1));
        assert_eq!(
            parse(&last, ','),
            Err(CsvError::TooWide {
                row: 2,
                columns: max + 2
            })
        );
        assert_eq!(
            parse(&wide.replace(',', "¦"), '¦'),
            Err(CsvError::TooWide {
                row: 2,
                columns: max + 5
            })
        );
        assert_eq!(
            parse(&last.replace(',', "¦"), '¦'),
            Err(CsvError::TooWide {
                row: 2,
                columns: max + 2
            })
        );
        // At the limit, a record is read whole.
        let full = vec!["x"; max].join(",");
        assert_eq!(parse(&full, ',').map(|r| r[0].len()), Ok(max));
        assert_eq!(
            parse(&full.replace(',', "¦"), '¦').map(|r| r[0].len()),
            Ok(max)
        );
    }

    #[test]
    fn delimiter_detection() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), ',');
        assert_eq!(detect_delimiter("a;b;c\n\"1;x\";2,5;3\n"), ';');
        assert_eq!(detect_delimiter("a\tb\tc\n1,5\t2\t3"), '\t');
        assert_eq!(detect_delimiter("Betrag;Datum\n1.234,56;31.03.2025\n"), ';');
        assert_eq!(detect_delimiter(""), ',');
    }
}
