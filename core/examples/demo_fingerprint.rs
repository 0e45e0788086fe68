//! Prints a fingerprint of the standard demo portfolio and of its ageing
//! and KPIs: `scripts/test.sh` runs it natively and as wasm (wasm32-wasip1
//! under Node) and requires the same output, so the same seed gives the same
//! portfolio and the same figures on both.

use credit_core::demo::{generate, DemoSpec};
use credit_core::{ageing, kpi, NaiveDate};

/// FNV-1a, 64 bits: tiny, and the same on every target.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn main() {
    for end in ["2026-06-30", "2026-11-22"] {
        let as_of: NaiveDate = end.parse().expect("date");
        let p = generate(&DemoSpec::standard(as_of));
        let a = ageing::age(&p, as_of, &p.settings.ageing).expect("ageing");
        let k = kpi::compute(&p, as_of, &p.settings.kpi).expect("kpis");
        println!(
            "end={end} invoices={} portfolio={:016x} ageing={:016x} kpis={:016x} total={}",
            p.invoices.len(),
            fnv1a(format!("{p:?}").as_bytes()),
            fnv1a(format!("{a:?}").as_bytes()),
            fnv1a(format!("{k:?}").as_bytes()),
            a.total.total
        );
    }
}
