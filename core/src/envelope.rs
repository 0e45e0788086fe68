//! The format of what an encrypted portfolio puts on disk, and of an
//! encrypted backup. The cryptography itself runs in the browser's
//! WebCrypto (the app's `crypto` module): a passphrase becomes a key by
//! **PBKDF2-HMAC-SHA256 at [`KDF_ITERATIONS`] (600,000) iterations** with a
//! random 16-byte salt (OWASP's current setting for PBKDF2-SHA256), and
//! every record is sealed with **AES-256-GCM** under a fresh random 96-bit
//! IV per write. This module is the format around those bytes — pure,
//! without a browser, so it is tested natively (with known answers computed
//! by an independent implementation, RustCrypto, in the tests).
//!
//! - A **sealed record** is `b"CAE1"`, the 12-byte IV, then the ciphertext
//!   with its 16-byte GCM tag. The additional authenticated data binds it to
//!   its place ([`aad`]: the portfolio id and which record), so a chunk
//!   copied over another one, or from another portfolio, fails to open.
//! - A portfolio's [`Lock`] (kept in its meta, in the clear) holds the KDF
//!   parameters and a sealed **check** record of a known text, so a wrong
//!   passphrase is told apart before anything is read — and changes nothing.
//! - An **encrypted backup** is a JSON file ([`EncryptedBackup`]) with the
//!   KDF parameters, the IV and the sealed backup (the ordinary backup JSON,
//!   see [`crate::backup`]) in base64.

use serde::{Deserialize, Serialize};

/// PBKDF2-HMAC-SHA256 iterations (OWASP Password Storage Cheat Sheet).
pub const KDF_ITERATIONS: u32 = 600_000;
/// The fewest iterations a stored lock or a backup may name: a file asking
/// for fewer is refused rather than making a weak key.
pub const MIN_ITERATIONS: u32 = 100_000;
/// The most iterations a stored lock or a backup may name: a file asking
/// for 4,294,967,295 would hold the worker for hours (issue 23).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Bytes of salt.
pub const SALT_LEN: usize = 16;
/// Bytes of an AES-GCM IV.
pub const IV_LEN: usize = 12;
/// Bytes of the AES-GCM tag at the end of a ciphertext.
pub const TAG_LEN: usize = 16;
/// The start of a sealed record.
pub const RECORD_MAGIC: &[u8; 4] = b"CAE1";
/// The text sealed in a lock's check record.
pub const CHECK_TEXT: &[u8] = b"credit-assistant key check v1";

/// The fewest characters of a new passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Why a new passphrase, typed twice, is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PassphraseError {
    /// Fewer than [`MIN_PASSPHRASE_CHARS`] characters.
    #[error("passphrase: at least {min} characters (it has {chars})")]
    TooShort {
        /// The characters it has.
        chars: usize,
        /// The fewest accepted.
        min: usize,
    },
    /// The two entries are not the same.
    #[error("passphrase: the two entries differ")]
    Differ,
}

/// Checks a new passphrase and its repetition: at least
/// [`MIN_PASSPHRASE_CHARS`] characters (Unicode scalar values, so a Chinese
/// passphrase counts its characters, not its bytes), and both the same.
///
/// ```
/// use credit_core::envelope::{check_new_passphrase, PassphraseError};
/// assert_eq!(check_new_passphrase("short", "short"), Err(PassphraseError::TooShort { chars: 5, min: 10 }));
/// assert_eq!(check_new_passphrase("long enough!", "long enough?"), Err(PassphraseError::Differ));
/// assert_eq!(check_new_passphrase("信用助手的口令很长很长", "信用助手的口令很长很长"), Ok(()));
/// ```
///
/// # Errors
/// [`PassphraseError::TooShort`] first, then [`PassphraseError::Differ`].
pub fn check_new_passphrase(a: &str, b: &str) -> Result<(), PassphraseError> {
    let chars = a.chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort {
            chars,
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    if a != b {
        return Err(PassphraseError::Differ);
    }
    Ok(())
}
/// The `format` of an encrypted backup file.
pub const BACKUP_FORMAT: &str = "credit-assistant-backup-encrypted";

/// Which record of a portfolio a sealed record is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Record {
    /// The passphrase check.
    Check,
    /// The head (buyers, rates, settings, extras).
    Head,
    /// The n-th chunk of invoices.
    Chunk(u32),
    /// A backup file.
    Backup,
}

/// The additional authenticated data of a record: what it is and whose.
///
/// # Example
/// ```
/// use credit_core::envelope::{aad, Record};
/// assert_eq!(aad("p1", Record::Chunk(3)), b"credit-assistant/p1/chunk/3".to_vec());
/// ```
pub fn aad(portfolio_id: &str, record: Record) -> Vec<u8> {
    let what = match record {
        Record::Check => "check".to_string(),
        Record::Head => "head".to_string(),
        Record::Chunk(n) => format!("chunk/{n}"),
        Record::Backup => "backup".to_string(),
    };
    format!("credit-assistant/{portfolio_id}/{what}").into_bytes()
}

/// Why sealed bytes or an encrypted file could not be read.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// Not a sealed record (wrong start).
    #[error("not an encrypted record (it does not start with CAE1)")]
    NotSealed,
    /// Shorter than an IV and a tag.
    #[error("the encrypted record is cut short ({len} bytes)")]
    Truncated {
        /// Its length.
        len: usize,
    },
    /// Not an encrypted backup file.
    #[error("not an encrypted backup: {reason}")]
    NotBackup {
        /// What is wrong.
        reason: String,
    },
    /// A KDF this version does not know, or too weak.
    #[error("unsupported key derivation: {reason}")]
    Kdf {
        /// What is wrong.
        reason: String,
    },
}

/// Seals: the record bytes for an IV and a ciphertext (tag included).
pub fn seal(iv: &[u8; IV_LEN], ciphertext: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + IV_LEN + ciphertext.len());
    out.extend_from_slice(RECORD_MAGIC);
    out.extend_from_slice(iv);
    out.extend_from_slice(ciphertext);
    out
}

/// Opens a sealed record into its IV and ciphertext (tag included).
///
/// # Errors
/// [`EnvelopeError::NotSealed`] or [`EnvelopeError::Truncated`].
pub fn open(bytes: &[u8]) -> Result<([u8; IV_LEN], &[u8]), EnvelopeError> {
    let rest = bytes
        .strip_prefix(RECORD_MAGIC.as_slice())
        .ok_or(EnvelopeError::NotSealed)?;
    if rest.len() < IV_LEN + TAG_LEN {
        return Err(EnvelopeError::Truncated { len: bytes.len() });
    }
    let (iv, ct) = rest.split_at(IV_LEN);
    let mut a = [0u8; IV_LEN];
    a.copy_from_slice(iv);
    Ok((a, ct))
}

/// Whether stored bytes are a sealed record (an encrypted portfolio's).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(RECORD_MAGIC)
}

/// The key derivation of a portfolio or a backup.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Kdf {
    /// Always `PBKDF2-SHA256` in this version.
    pub name: String,
    /// Iterations.
    pub iterations: u32,
    /// The salt, hex.
    pub salt: String,
}

impl Kdf {
    /// PBKDF2-SHA256 at [`KDF_ITERATIONS`] with this salt.
    pub fn new(salt: &[u8; SALT_LEN]) -> Self {
        Kdf {
            name: "PBKDF2-SHA256".into(),
            iterations: KDF_ITERATIONS,
            salt: hex(salt),
        }
    }

    /// The salt's bytes, after checking the parameters are ones this
    /// version accepts.
    ///
    /// # Errors
    /// [`EnvelopeError::Kdf`] naming what is wrong.
    pub fn salt_bytes(&self) -> Result<Vec<u8>, EnvelopeError> {
        if self.name != "PBKDF2-SHA256" {
            return Err(EnvelopeError::Kdf {
                reason: format!("'{}' (only PBKDF2-SHA256 is known)", self.name),
            });
        }
        if self.iterations < MIN_ITERATIONS {
            return Err(EnvelopeError::Kdf {
                reason: format!(
                    "{} iterations (at least {MIN_ITERATIONS} are required)",
                    self.iterations
                ),
            });
        }
        if self.iterations > MAX_ITERATIONS {
            return Err(EnvelopeError::Kdf {
                reason: format!(
                    "{} iterations (at most {MAX_ITERATIONS} are accepted)",
                    self.iterations
                ),
            });
        }
        let s = unhex(&self.salt).ok_or_else(|| EnvelopeError::Kdf {
            reason: format!("the salt '{}' is not hex", self.salt),
        })?;
        if s.len() < SALT_LEN {
            return Err(EnvelopeError::Kdf {
                reason: format!("the salt has {} bytes (at least {SALT_LEN})", s.len()),
            });
        }
        Ok(s)
    }
}

/// What an encrypted portfolio keeps in the clear (in its meta): how to
/// derive its key, and a check record to tell a wrong passphrase.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Lock {
    /// The key derivation.
    pub kdf: Kdf,
    /// [`CHECK_TEXT`] sealed under the key ([`Record::Check`]), base64.
    pub check: String,
}

/// An encrypted backup read: the file, its IV and its ciphertext.
pub type Opened = (EncryptedBackup, [u8; IV_LEN], Vec<u8>);

/// An encrypted backup file.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct EncryptedBackup {
    /// [`BACKUP_FORMAT`].
    pub format: String,
    /// 1.
    pub version: u32,
    /// The key derivation.
    pub kdf: Kdf,
    /// `AES-256-GCM`.
    pub cipher: String,
    /// The IV, hex.
    pub iv: String,
    /// The sealed backup JSON (ciphertext and tag, without the record
    /// header), base64.
    pub data: String,
    /// [`CHECK_TEXT`] sealed under the same key ([`seal`]ed record of
    /// [`aad`]`("", Record::Check)`), base64: when it opens and the data
    /// does not, the file is damaged, not the passphrase wrong (issue 23,
    /// case 8). Files written before it have none: for them a failure to
    /// open is either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

impl EncryptedBackup {
    /// The file for a KDF, an IV and the ciphertext of a backup.
    pub fn new(kdf: Kdf, iv: &[u8; IV_LEN], ciphertext: &[u8]) -> Self {
        EncryptedBackup {
            format: BACKUP_FORMAT.into(),
            version: 1,
            kdf,
            cipher: "AES-256-GCM".into(),
            iv: hex(iv),
            data: base64_encode(ciphertext),
            check: None,
        }
    }

    /// The same file with a sealed check record (see [`EncryptedBackup::check`]).
    pub fn with_check(mut self, sealed: &[u8]) -> Self {
        self.check = Some(base64_encode(sealed));
        self
    }

    /// The sealed check record, when the file has one.
    pub fn check_record(&self) -> Option<Vec<u8>> {
        self.check.as_deref().and_then(base64_decode)
    }

    /// Reads an encrypted backup file: `Ok(None)` when the text is not one
    /// (an ordinary backup, say).
    ///
    /// # Errors
    /// [`EnvelopeError`] when it says it is one but cannot be read.
    pub fn parse(text: &str) -> Result<Option<Opened>, EnvelopeError> {
        #[derive(Deserialize)]
        struct Probe {
            format: Option<String>,
        }
        let probe: Probe = match serde_json::from_str(text) {
            Ok(p) => p,
            Err(_) => return Ok(None),
        };
        if probe.format.as_deref() != Some(BACKUP_FORMAT) {
            return Ok(None);
        }
        let b: EncryptedBackup =
            serde_json::from_str(text).map_err(|e| EnvelopeError::NotBackup {
                reason: e.to_string(),
            })?;
        if b.version != 1 || b.cipher != "AES-256-GCM" {
            return Err(EnvelopeError::NotBackup {
                reason: format!("version {} with {} is not known", b.version, b.cipher),
            });
        }
        b.kdf.salt_bytes()?;
        let iv =
            unhex(&b.iv)
                .filter(|v| v.len() == IV_LEN)
                .ok_or_else(|| EnvelopeError::NotBackup {
                    reason: format!("the IV '{}' is not 12 bytes of hex", b.iv),
                })?;
        let data = base64_decode(&b.data).ok_or_else(|| EnvelopeError::NotBackup {
            reason: "the data is not base64".into(),
        })?;
        if data.len() < TAG_LEN {
            return Err(EnvelopeError::Truncated { len: data.len() });
        }
        if let Some(c) = &b.check {
            let sealed = base64_decode(c).ok_or_else(|| EnvelopeError::NotBackup {
                reason: "the check is not base64".into(),
            })?;
            open(&sealed)?;
        }
        let mut a = [0u8; IV_LEN];
        a.copy_from_slice(&iv);
        Ok(Some((b, a, data)))
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(D[(b >> 4) as usize] as char);
        s.push(D[(b & 15) as usize] as char);
    }
    s
}

/// Bytes from hex (either case); `None` when it is not hex.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    let v = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    s.chunks(2)
        .map(|p| Some(v(p[0])? << 4 | v(p[1])?))
        .collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
///
/// # Example
/// ```
/// use credit_core::envelope::{base64_decode, base64_encode};
/// assert_eq!(base64_encode(b"hello"), "aGVsbG8=");
/// assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
/// ```
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                s.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// Bytes from standard base64 (padding required when the length needs it);
/// `None` when it is not base64.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim().as_bytes();
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let val = |c: u8| B64.iter().position(|&b| b == c).map(|p| p as u32);
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for (i, q) in s.chunks(4).enumerate() {
        let last = i == s.len() / 4 - 1;
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (k, &c) in q.iter().enumerate() {
            let d = if k >= 4 - pad { 0 } else { val(c)? };
            n |= d << (18 - 6 * k);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_refuse_what_is_not_one() {
        let iv = [7u8; IV_LEN];
        let ct = vec![1u8; 40];
        let sealed = seal(&iv, &ct);
        assert!(is_sealed(&sealed));
        let (iv2, ct2) = open(&sealed).unwrap();
        assert_eq!((iv2, ct2), (iv, ct.as_slice()));
        assert_eq!(
            open(b"CAB1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            Err(EnvelopeError::NotSealed)
        );
        assert_eq!(
            open(&seal(&iv, &[0u8; 15])),
            Err(EnvelopeError::Truncated { len: 4 + 12 + 15 })
        );
    }

    #[test]
    fn base64_and_hex_round_trip() {
        for n in 0..70u8 {
            let v: Vec<u8> = (0..n).map(|k| k.wrapping_mul(37).wrapping_add(n)).collect();
            assert_eq!(base64_decode(&base64_encode(&v)).unwrap(), v);
            assert_eq!(unhex(&hex(&v)).unwrap(), v);
        }
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_decode("Zm9v!mFy"), None);
        assert_eq!(base64_decode("Zg=="), Some(b"f".to_vec()));
        assert_eq!(base64_decode("Zg==Zg=="), None);
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("abc"), None);
    }

    #[test]
    fn kdf_parameters_are_checked() {
        let k = Kdf::new(&[1u8; SALT_LEN]);
        assert_eq!(k.salt_bytes().unwrap(), vec![1u8; SALT_LEN]);
        let weak = Kdf {
            iterations: 1000,
            ..k.clone()
        };
        assert!(matches!(weak.salt_bytes(), Err(EnvelopeError::Kdf { .. })));
        // Issue 23, case 8: u32::MAX iterations would hang the worker.
        for (n, ok) in [
            (MAX_ITERATIONS, true),
            (MAX_ITERATIONS + 1, false),
            (u32::MAX, false),
        ] {
            let k = Kdf {
                iterations: n,
                ..k.clone()
            };
            match k.salt_bytes() {
                Ok(_) => assert!(ok, "{n}"),
                Err(EnvelopeError::Kdf { reason }) => {
                    assert!(!ok, "{n}");
                    assert!(reason.contains("at most 10000000"), "{reason}");
                }
                Err(e) => panic!("{e}"),
            }
        }
        let other = Kdf {
            name: "scrypt".into(),
            ..k.clone()
        };
        assert!(matches!(other.salt_bytes(), Err(EnvelopeError::Kdf { .. })));
        let short = Kdf {
            salt: "00ff".into(),
            ..k
        };
        assert!(matches!(short.salt_bytes(), Err(EnvelopeError::Kdf { .. })));
    }

    #[test]
    fn backups_parse_or_say_they_are_not_one() {
        let b = EncryptedBackup::new(Kdf::new(&[2u8; SALT_LEN]), &[3u8; IV_LEN], &[9u8; 40]);
        let text = serde_json::to_string(&b).unwrap();
        let (back, iv, data) = EncryptedBackup::parse(&text).unwrap().unwrap();
        assert_eq!((back, iv, data), (b.clone(), [3u8; IV_LEN], vec![9u8; 40]));
        assert_eq!(
            EncryptedBackup::parse(r#"{"format":"credit-assistant-backup"}"#),
            Ok(None)
        );
        assert_eq!(EncryptedBackup::parse("not json"), Ok(None));
        // The check record, when there is one, must be a sealed record.
        let sealed = seal(&[4u8; IV_LEN], &[5u8; 45]);
        let checked = b.clone().with_check(&sealed);
        let t = serde_json::to_string(&checked).unwrap();
        let (back, _, _) = EncryptedBackup::parse(&t).unwrap().unwrap();
        assert_eq!(back.check_record(), Some(sealed));
        assert!(!text.contains("check"), "older readers see the same file");
        let cut = checked.with_check(b"CAE1short");
        assert!(matches!(
            EncryptedBackup::parse(&serde_json::to_string(&cut).unwrap()),
            Err(EnvelopeError::Truncated { .. })
        ));
        let bad = text.replace("AES-256-GCM", "ROT13");
        assert!(matches!(
            EncryptedBackup::parse(&bad),
            Err(EnvelopeError::NotBackup { .. })
        ));
    }
}
