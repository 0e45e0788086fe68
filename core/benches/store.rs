//! Criterion benchmark: the storage codec (src/store.rs) over the demo
//! generator's large portfolio, 1,000,000 invoices and 10,000 buyers.
//! Target: encode + decode well under 1 s natively.
//! Run: `cargo bench -p credit-core --bench store -- --sample-size 10`.

// criterion_group! generates functions that cannot carry docs.
#![allow(missing_docs)]

use credit_core::demo::{generate, DemoSpec};
use credit_core::store::{decode, encode, Extras};
use credit_core::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let p = generate(&DemoSpec::large(as_of, 10_000, 1_000_000));
    assert!(p.invoices.len() >= 950_000);
    let extras = Extras::new();
    let stored = encode(&p, &extras);
    let bytes: usize = stored.head.len() + stored.chunks.iter().map(Vec::len).sum::<usize>();
    println!(
        "{} invoices in {} chunks: {bytes} bytes, {:.1} bytes per invoice",
        p.invoices.len(),
        stored.chunks.len(),
        bytes as f64 / p.invoices.len() as f64
    );
    let mut g = c.benchmark_group("store, 1M invoices");
    g.sample_size(10);
    g.bench_function("encode", |b| b.iter(|| encode(&p, &extras)));
    g.bench_function("decode", |b| {
        b.iter(|| decode(&stored.head, &stored.chunks).expect("decode"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
