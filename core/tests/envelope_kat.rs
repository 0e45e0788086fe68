//! Known answers for encryption at rest, checked against RustCrypto (an
//! implementation independent of the browser's WebCrypto that the app uses).
//! The same file, `tests/data/envelope_kat.json`, is run by the app's
//! encryption self-test in the browser (Portfolios page; an end-to-end
//! test clicks it), so both sides must agree on every byte:
//!
//! - PBKDF2-HMAC-SHA256: the two vectors of RFC 7914 §11;
//! - AES-256-GCM: test case 16 of the GCM specification (McGrew & Viega);
//! - our envelope: a passphrase, salt and IV → the sealed check record of
//!   `credit_core::envelope`, with its additional data.

#![cfg(not(target_os = "wasi"))]

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use credit_core::envelope::{aad, hex, open, seal, unhex, Record, CHECK_TEXT, IV_LEN};
use serde::Deserialize;
use sha2::Sha256;

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

fn kat() -> Kat {
    serde_json::from_str(include_str!("data/envelope_kat.json")).unwrap()
}

fn pbkdf2(pass: &[u8], salt: &[u8], n: u32, len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    pbkdf2::pbkdf2_hmac::<Sha256>(pass, salt, n, &mut out);
    out
}

fn gcm(key: &[u8], iv: &[u8], aad: &[u8], msg: &[u8]) -> Vec<u8> {
    let c = Aes256Gcm::new_from_slice(key).unwrap();
    c.encrypt(Nonce::from_slice(iv), Payload { msg, aad })
        .unwrap()
}

#[test]
fn pbkdf2_sha256_rfc7914() {
    for c in kat().pbkdf2 {
        let dk = unhex(&c.dk).unwrap();
        let got = pbkdf2(
            c.password.as_bytes(),
            c.salt.as_bytes(),
            c.iterations,
            dk.len(),
        );
        assert_eq!(hex(&got), c.dk, "password {:?}", c.password);
    }
}

#[test]
fn aes_256_gcm_spec_case_16() {
    for c in kat().gcm {
        let got = gcm(
            &unhex(&c.key).unwrap(),
            &unhex(&c.iv).unwrap(),
            &unhex(&c.aad).unwrap(),
            &unhex(&c.plaintext).unwrap(),
        );
        assert_eq!(hex(&got), c.ciphertext_and_tag);
    }
}

#[test]
fn the_envelope_of_a_known_passphrase() {
    let e = kat().envelope;
    let key = pbkdf2(
        e.passphrase.as_bytes(),
        &unhex(&e.salt).unwrap(),
        e.iterations,
        32,
    );
    let iv: [u8; IV_LEN] = unhex(&e.iv).unwrap().try_into().unwrap();
    let ad = aad(&e.portfolio_id, Record::Check);
    let ct = gcm(&key, &iv, &ad, CHECK_TEXT);
    let sealed = seal(&iv, &ct);
    assert_eq!(hex(&sealed), e.sealed_check);
    // It opens with the same key and additional data…
    let (iv2, ct2) = open(&sealed).unwrap();
    let c = Aes256Gcm::new_from_slice(&key).unwrap();
    let plain = c
        .decrypt(Nonce::from_slice(&iv2), Payload { msg: ct2, aad: &ad })
        .unwrap();
    assert_eq!(plain, CHECK_TEXT);
    // …and not with any bit flipped, nor as another record, nor another key.
    for k in 0..ct2.len() * 8 {
        let mut bad = ct2.to_vec();
        bad[k / 8] ^= 1 << (k % 8);
        assert!(
            c.decrypt(
                Nonce::from_slice(&iv2),
                Payload {
                    msg: &bad,
                    aad: &ad
                }
            )
            .is_err(),
            "bit {k}"
        );
    }
    let other = aad(&e.portfolio_id, Record::Head);
    assert!(c
        .decrypt(
            Nonce::from_slice(&iv2),
            Payload {
                msg: ct2,
                aad: &other
            }
        )
        .is_err());
    let wrong = pbkdf2(
        b"correct horse battery stapler",
        &unhex(&e.salt).unwrap(),
        e.iterations,
        32,
    );
    let c2 = Aes256Gcm::new_from_slice(&wrong).unwrap();
    assert!(c2
        .decrypt(Nonce::from_slice(&iv2), Payload { msg: ct2, aad: &ad })
        .is_err());
}
