//! Encryption at rest through the browser's WebCrypto, in the page and in
//! the worker alike: a passphrase becomes a non-extractable AES-256-GCM key
//! by PBKDF2-HMAC-SHA256 (600,000 iterations, a random 16-byte salt), and
//! each record is sealed under a fresh random 96-bit IV with additional data
//! naming the portfolio and the record (`credit_core::envelope`). The key
//! never leaves WebCrypto: it cannot be read back, only used.
//!
//! [`self_test`] runs the known answers of `core/tests/data/envelope_kat.json`
//! (RFC 7914's PBKDF2 vectors, the GCM specification's test case 16, and the
//! envelope of a known passphrase — the same file the native tests check
//! against RustCrypto and Python's `cryptography`), plus a flipped bit that
//! must fail to open: the Portfolios page shows its result.

use credit_core::envelope::{self, aad, Record, IV_LEN};
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// A WebCrypto failure.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum CryptoError {
    /// The record did not open: wrong key, or changed bytes.
    Failed,
    /// The stored bytes are not a sealed record.
    Format(String),
    /// WebCrypto is not available or refused (the message says why).
    Unavailable(String),
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptoError::Failed => {
                f.write_str("the data did not decrypt (wrong passphrase or changed data)")
            }
            CryptoError::Format(m) => f.write_str(m),
            CryptoError::Unavailable(m) => write!(f, "WebCrypto: {m}"),
        }
    }
}

fn js_err(e: JsValue) -> CryptoError {
    CryptoError::Unavailable(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

fn crypto() -> Result<web_sys::Crypto, CryptoError> {
    Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok())
        .ok_or_else(|| CryptoError::Unavailable("no crypto object".into()))
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    Ok(crypto()?.subtle())
}

/// `n` random bytes from the browser's CSPRNG.
pub fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut b = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut b)
        .map_err(js_err)?;
    Ok(b)
}

fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

fn bytes(b: &[u8]) -> Uint8Array {
    Uint8Array::from(b)
}

fn usages(u: &[&str]) -> JsValue {
    u.iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

async fn pbkdf2_base(passphrase: &[u8]) -> Result<CryptoKey, CryptoError> {
    let p = subtle()?
        .import_key_with_str(
            "raw",
            &bytes(passphrase),
            "PBKDF2",
            false,
            &usages(&["deriveKey", "deriveBits"]),
        )
        .map_err(js_err)?;
    JsFuture::from(p)
        .await
        .map_err(js_err)?
        .dyn_into()
        .map_err(js_err)
}

fn pbkdf2_params(salt: &[u8], iterations: u32) -> Object {
    obj(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", bytes(salt).into()),
        ("iterations", iterations.into()),
    ])
}

/// The AES-256-GCM key of a passphrase (non-extractable).
pub async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, CryptoError> {
    let base = pbkdf2_base(passphrase.as_bytes()).await?;
    let p = subtle()?
        .derive_key_with_object_and_object(
            &pbkdf2_params(salt, iterations),
            &base,
            &obj(&[("name", "AES-GCM".into()), ("length", 256.into())]),
            false,
            &usages(&["encrypt", "decrypt"]),
        )
        .map_err(js_err)?;
    JsFuture::from(p)
        .await
        .map_err(js_err)?
        .dyn_into()
        .map_err(js_err)
}

/// Raw PBKDF2-HMAC-SHA256 output, for the known-answer test.
async fn derive_bits(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: u32,
) -> Result<Vec<u8>, CryptoError> {
    let base = pbkdf2_base(password).await?;
    let p = subtle()?
        .derive_bits_with_object(&pbkdf2_params(salt, iterations), &base, len * 8)
        .map_err(js_err)?;
    let buf = JsFuture::from(p).await.map_err(js_err)?;
    Ok(Uint8Array::new(&buf).to_vec())
}

async fn raw_key(key: &[u8]) -> Result<CryptoKey, CryptoError> {
    let p = subtle()?
        .import_key_with_str(
            "raw",
            &bytes(key),
            "AES-GCM",
            false,
            &usages(&["encrypt", "decrypt"]),
        )
        .map_err(js_err)?;
    JsFuture::from(p)
        .await
        .map_err(js_err)?
        .dyn_into()
        .map_err(js_err)
}

fn gcm(iv: &[u8], aad: &[u8]) -> Object {
    obj(&[
        ("name", "AES-GCM".into()),
        ("iv", bytes(iv).into()),
        ("additionalData", bytes(aad).into()),
        ("tagLength", 128.into()),
    ])
}

/// AES-256-GCM encryption: ciphertext and tag.
pub async fn encrypt(
    key: &CryptoKey,
    iv: &[u8],
    aad: &[u8],
    plain: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let p = subtle()?
        .encrypt_with_object_and_js_u8_array(&gcm(iv, aad), key, &bytes(plain))
        .map_err(js_err)?;
    let buf = JsFuture::from(p).await.map_err(js_err)?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// AES-256-GCM decryption; [`CryptoError::Failed`] when the tag does not
/// verify (wrong key, changed bytes, wrong additional data).
pub async fn decrypt(
    key: &CryptoKey,
    iv: &[u8],
    aad: &[u8],
    ct: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let p = subtle()?
        .decrypt_with_object_and_js_u8_array(&gcm(iv, aad), key, &bytes(ct))
        .map_err(js_err)?;
    match JsFuture::from(p).await {
        Ok(buf) => Ok(Uint8Array::new(&buf).to_vec()),
        Err(_) => Err(CryptoError::Failed),
    }
}

/// Seals a record of a portfolio under a fresh random IV.
pub async fn seal(
    key: &CryptoKey,
    portfolio: &str,
    record: Record,
    plain: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let iv: [u8; IV_LEN] = random()?;
    let ct = encrypt(key, &iv, &aad(portfolio, record), plain).await?;
    Ok(envelope::seal(&iv, &ct))
}

/// Opens a sealed record of a portfolio.
pub async fn open(
    key: &CryptoKey,
    portfolio: &str,
    record: Record,
    sealed: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let (iv, ct) = envelope::open(sealed).map_err(|e| CryptoError::Format(e.to_string()))?;
    decrypt(key, &iv, &aad(portfolio, record), ct).await
}

#[derive(Deserialize)]
struct Pbkdf2Case {
    password: String,
    salt: String,
    iterations: u32,
    dk: String,
}

#[derive(Deserialize)]
struct GcmCase {
    key: String,
    iv: String,
    aad: String,
    plaintext: String,
    ciphertext_and_tag: String,
}

#[derive(Deserialize)]
struct EnvelopeCase {
    passphrase: String,
    salt: String,
    iterations: u32,
    iv: String,
    portfolio_id: String,
    sealed_check: String,
}

#[derive(Deserialize)]
struct Kat {
    pbkdf2: Vec<Pbkdf2Case>,
    gcm: Vec<GcmCase>,
    envelope: EnvelopeCase,
}

/// What a check of the self-test checks (its text is in `i18n/shell.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CheckName {
    /// The known-answer file itself could not be read.
    KnownAnswerFile,
    /// PBKDF2-HMAC-SHA256 against RFC 7914.
    Pbkdf2,
    /// AES-256-GCM against the GCM spec's case 16.
    AesGcm,
    /// The envelope of a known passphrase.
    Envelope,
    /// A flipped bit fails to decrypt.
    FlippedBit,
    /// A wrong passphrase fails to decrypt.
    WrongPassphrase,
}

/// One check of the self-test.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Check {
    /// What was checked.
    pub name: CheckName,
    /// Whether this browser gave the known answer.
    pub passed: bool,
}

fn h(s: &str) -> Vec<u8> {
    envelope::unhex(s).unwrap_or_default()
}

/// Runs the known answers through this browser's WebCrypto and our
/// envelope code.
pub async fn self_test() -> Vec<Check> {
    let Ok(kat) =
        serde_json::from_str::<Kat>(include_str!("../../core/tests/data/envelope_kat.json"))
    else {
        return vec![Check {
            name: CheckName::KnownAnswerFile,
            passed: false,
        }];
    };
    let mut out = Vec::new();
    let mut ok = true;
    for c in &kat.pbkdf2 {
        let dk = h(&c.dk);
        let got = derive_bits(
            c.password.as_bytes(),
            c.salt.as_bytes(),
            c.iterations,
            dk.len() as u32,
        )
        .await;
        ok &= got.ok() == Some(dk);
    }
    out.push(Check {
        name: CheckName::Pbkdf2,
        passed: ok,
    });
    let mut ok = true;
    for c in &kat.gcm {
        let got = match raw_key(&h(&c.key)).await {
            Ok(k) => encrypt(&k, &h(&c.iv), &h(&c.aad), &h(&c.plaintext))
                .await
                .ok(),
            Err(_) => None,
        };
        ok &= got == Some(h(&c.ciphertext_and_tag));
    }
    out.push(Check {
        name: CheckName::AesGcm,
        passed: ok,
    });
    let e = &kat.envelope;
    let key = derive_key(&e.passphrase, &h(&e.salt), e.iterations).await;
    let (sealed_ok, flip_ok, wrong_ok) = match key {
        Ok(key) => {
            let ad = aad(&e.portfolio_id, Record::Check);
            let ct = encrypt(&key, &h(&e.iv), &ad, envelope::CHECK_TEXT)
                .await
                .unwrap_or_default();
            let iv: [u8; IV_LEN] = h(&e.iv).try_into().unwrap_or([0; IV_LEN]);
            let sealed = envelope::seal(&iv, &ct);
            let sealed_ok = envelope::hex(&sealed) == e.sealed_check;
            let opens = open(&key, &e.portfolio_id, Record::Check, &sealed)
                .await
                .ok()
                .as_deref()
                == Some(envelope::CHECK_TEXT);
            let mut bad = sealed.clone();
            if let Some(b) = bad.last_mut() {
                *b ^= 1;
            }
            let flip =
                open(&key, &e.portfolio_id, Record::Check, &bad).await == Err(CryptoError::Failed);
            let wrong = match derive_key("not the passphrase", &h(&e.salt), e.iterations).await {
                Ok(k2) => {
                    open(&k2, &e.portfolio_id, Record::Check, &sealed).await
                        == Err(CryptoError::Failed)
                }
                Err(_) => false,
            };
            (sealed_ok && opens, flip, wrong)
        }
        Err(_) => (false, false, false),
    };
    out.push(Check {
        name: CheckName::Envelope,
        passed: sealed_ok,
    });
    out.push(Check {
        name: CheckName::FlippedBit,
        passed: flip_ok,
    });
    out.push(Check {
        name: CheckName::WrongPassphrase,
        passed: wrong_ok,
    });
    out
}
