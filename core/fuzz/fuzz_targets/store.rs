//! Any bytes as a stored head and as a chunk: an error or a value, never a
//! panic or a huge allocation; what decodes encodes back to the same bytes.
#![no_main]

use credit_core::store::{decode_chunk, decode_head, encode_chunk, encode_head};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((p, extras, schema)) = decode_head(data) {
        if schema == credit_core::store::SCHEMA {
            assert_eq!(encode_head(&p, &extras), data);
        }
    }
    let mut out = Vec::new();
    if decode_chunk(data, &mut out).is_ok() {
        // Ids are stored as shared prefixes: the canonical form uses the
        // longest, so only compare what is canonical by construction.
        let again = encode_chunk(&out);
        let mut back = Vec::new();
        assert!(decode_chunk(&again, &mut back).is_ok());
        assert_eq!(back, out);
    }
});
