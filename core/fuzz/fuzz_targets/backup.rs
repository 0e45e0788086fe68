//! Any text as a backup file, and as the `data` of a backup whose checksum
//! matches (the checksum would otherwise stop almost every input before the
//! portfolio is read): an error or a portfolio, never a panic; what loads
//! exports to a file that loads back the same.
#![no_main]

use credit_core::backup::{from_json, to_json, FORMAT};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

fn check(text: &str) {
    if let Ok((p, extras)) = from_json(text) {
        let again = to_json(&p, &extras);
        assert_eq!(from_json(&again), Ok((p, extras)));
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text);
    let hex: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    check(&format!(
        r#"{{"format":"{FORMAT}","schema":2,"checksum":"sha256:{hex}","data":{text}}}"#
    ));
});
