//! Text encodings of imported files.
//!
//! Detection, in order: a byte-order mark (UTF-8 `EF BB BF`, UTF-16LE
//! `FF FE`, UTF-16BE `FE FF`); then UTF-16 without a mark when at least a
//! quarter of the bytes are zeros all on odd (LE) or all on even (BE)
//! positions — what ASCII-heavy UTF-16 looks like; then valid UTF-8; else
//! one of the two legacy encodings spreadsheets write, GB18030 (the
//! superset of GBK that Chinese Excel writes) or Windows-1252 (Western
//! European Excel and SAP; ISO-8859-1 is read as Windows-1252, as browsers
//! do). They are told apart by the runs of bytes ≥ 0x80: Chinese text comes
//! in pairs (a lead and a trail byte, both high for every common character),
//! Latin text has a lone accented letter between ASCII letters (`M\xfcller`,
//! `Soci\xe9t\xe9`). Windows-1252 when most runs are one byte long, or when
//! the bytes are not valid GB18030; GB18030 otherwise. Both decode any byte
//! string, so detection never fails: a wrong guess shows as odd characters
//! in the preview and the user picks the encoding ([`EncodingChoice`]).
//! Malformed sequences become U+FFFD, never an error.

use serde::{Deserialize, Serialize};

/// The encoding a file was read with.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
    Utf8Bom,
    /// UTF-16, little-endian (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// Windows-1252 (and ISO-8859-1, read as Windows-1252).
    Windows1252,
}

/// The user's choice of encoding: detect, or force one.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingChoice {
    /// Detect (the default).
    #[default]
    Auto,
    /// UTF-8 (a byte-order mark, when present, is skipped).
    Utf8,
    /// UTF-16LE (a byte-order mark, when present, is skipped).
    Utf16Le,
    /// UTF-16BE (a byte-order mark, when present, is skipped).
    Utf16Be,
    /// GBK / GB18030.
    Gb18030,
    /// Windows-1252 / ISO-8859-1 (Western European).
    Windows1252,
}

/// Decodes a file's bytes to text.
///
/// # Example
/// ```
/// use credit_core::import::encoding::{decode, Encoding, EncodingChoice};
/// let (gbk, _, _) = encoding_rs::GBK.encode("客户,金额");
/// assert_eq!(decode(&gbk, EncodingChoice::Auto), ("客户,金额".to_string(), Encoding::Gb18030));
/// assert_eq!(decode(b"\xEF\xBB\xBFa,b", EncodingChoice::Auto).1, Encoding::Utf8Bom);
/// ```
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> (String, Encoding) {
    let enc = match choice {
        EncodingChoice::Auto => detect(bytes),
        EncodingChoice::Utf8 => {
            if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            }
        }
        EncodingChoice::Utf16Le => Encoding::Utf16Le,
        EncodingChoice::Utf16Be => Encoding::Utf16Be,
        EncodingChoice::Gb18030 => Encoding::Gb18030,
        EncodingChoice::Windows1252 => Encoding::Windows1252,
    };
    let text = match enc {
        Encoding::Utf8 | Encoding::Utf8Bom => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match std::str::from_utf8(b) {
                Ok(s) => s.to_owned(),
                Err(_) => String::from_utf8_lossy(b).into_owned(),
            }
        }
        Encoding::Utf16Le => {
            let b = bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes);
            encoding_rs::UTF_16LE
                .decode_without_bom_handling(b)
                .0
                .into_owned()
        }
        Encoding::Utf16Be => {
            let b = bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes);
            encoding_rs::UTF_16BE
                .decode_without_bom_handling(b)
                .0
                .into_owned()
        }
        Encoding::Gb18030 => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    };
    (text, enc)
}

/// Detects the encoding (see the module docs for the order).
///
/// # Example
/// ```
/// use credit_core::import::encoding::detect;
/// use credit_core::import::Encoding;
/// assert_eq!(detect("发票号,金额".as_bytes()), Encoding::Utf8);
/// assert_eq!(detect(b"\xef\xbb\xbfa,b"), Encoding::Utf8Bom);
/// assert_eq!(detect(b"\xff\xfea\0,\0b\0"), Encoding::Utf16Le);
/// assert_eq!(detect(b"\xb7\xa2\xc6\xb1\xba\xc5,\xbd\xf0\xb6\xee"), Encoding::Gb18030); // 发票号,金额 in GBK
/// ```
pub fn detect(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8Bom;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    // UTF-16 without a mark: sample the start.
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() >= 4 {
        let zeros_odd = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
        if zeros_even == 0 && zeros_odd * 4 >= sample.len() {
            return Encoding::Utf16Le;
        }
        if zeros_odd == 0 && zeros_even * 4 >= sample.len() {
            return Encoding::Utf16Be;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        legacy(bytes)
    }
}

/// GB18030 or Windows-1252 for bytes that are not UTF-8 (see the module
/// docs).
fn legacy(bytes: &[u8]) -> Encoding {
    // Runs of high bytes: (one byte long, longer).
    let (mut single, mut longer) = (0usize, 0usize);
    let mut run = 0usize;
    for &b in bytes.iter().chain(std::iter::once(&0u8)) {
        if b >= 0x80 {
            run += 1;
        } else if run > 0 {
            if run == 1 {
                single += 1;
            } else {
                longer += 1;
            }
            run = 0;
        }
    }
    let valid_gb = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some();
    if !valid_gb || single > longer {
        Encoding::Windows1252
    } else {
        Encoding::Gb18030
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn detects_every_encoding() {
        let text = "发票号,客户,金额\nINV-1,C1,1234.50\n";
        assert_eq!(
            decode(text.as_bytes(), EncodingChoice::Auto),
            (text.to_string(), Encoding::Utf8)
        );
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(
            decode(&bom, EncodingChoice::Auto),
            (text.to_string(), Encoding::Utf8Bom)
        );
        for (le, bom, enc) in [
            (true, true, Encoding::Utf16Le),
            (false, true, Encoding::Utf16Be),
            (true, false, Encoding::Utf16Le),
            (false, false, Encoding::Utf16Be),
        ] {
            let b = utf16("invoice,amount\nA,1\n", le, bom);
            assert_eq!(
                decode(&b, EncodingChoice::Auto),
                ("invoice,amount\nA,1\n".to_string(), enc)
            );
        }
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(
            decode(&gbk, EncodingChoice::Auto),
            (text.to_string(), Encoding::Gb18030)
        );
    }

    #[test]
    fn latin_or_chinese() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252
            .encode("Kunde;Name 1;Betrag\n1000;Müller;1.234,50\n1001;Bäckerei Schön;99,00\n1002;Société Générale;5,00\n");
        assert_eq!(detect(&latin), Encoding::Windows1252);
        let (text, enc) = decode(&latin, EncodingChoice::Auto);
        assert_eq!(enc, Encoding::Windows1252);
        assert!(text.contains("Bäckerei Schön") && text.contains("Société"));
        let (short, _, _) = encoding_rs::WINDOWS_1252.encode("Müller;Bäckerei Schön;Société");
        assert_eq!(detect(&short), Encoding::Windows1252);
        let zh = "应收账款明细表\n单位：元\n客户编码,客户名称,单据编号,金额\nC001,上海甲贸易有限公司,XS-001,\"12,000.00\"\nC002,北京乙科技股份公司,XS-002,500\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(zh);
        assert_eq!(
            decode(&gbk, EncodingChoice::Auto),
            (zh.to_string(), Encoding::Gb18030)
        );
        // One accented name among ASCII: still Latin.
        let (one, _, _) = encoding_rs::WINDOWS_1252.encode("Customer,Amount\nCafé Paris,10\n");
        assert_eq!(detect(&one), Encoding::Windows1252);
        assert_eq!(
            decode(&one, EncodingChoice::Windows1252).0,
            "Customer,Amount\nCafé Paris,10\n"
        );
    }

    #[test]
    fn override_wins() {
        // GBK bytes that also happen to be valid... forced UTF-8 gives U+FFFD.
        let (gbk, _, _) = encoding_rs::GBK.encode("客户");
        let (t, e) = decode(&gbk, EncodingChoice::Utf8);
        assert_eq!(e, Encoding::Utf8);
        assert!(t.contains('\u{FFFD}'));
        assert_eq!(decode(&gbk, EncodingChoice::Gb18030).0, "客户");
        let b = utf16("a", true, true);
        assert_eq!(decode(&b, EncodingChoice::Utf16Le).0, "a");
    }
}
