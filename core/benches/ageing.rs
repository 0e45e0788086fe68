//! Criterion benchmark: ageing and KPIs over 1,000,000 invoices and 10,000
//! buyers (the demo generator's large portfolio). Target: ageing ≤ 40 ms.
//! The index is built once per portfolio; each report date then costs
//! `ageing` / `kpis`.
//! Run: `cargo bench -p credit-core --bench ageing`.

// criterion_group! generates functions that cannot carry docs.
#![allow(missing_docs)]

use credit_core::demo::{generate, DemoSpec};
use credit_core::index::LedgerIndex;
use credit_core::{ageing, kpi, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let p = generate(&DemoSpec::large(as_of, 10_000, 1_000_000));
    assert!(p.invoices.len() >= 950_000);
    let mut g = c.benchmark_group("1M invoices, 10k buyers");
    g.sample_size(20);
    // Once per portfolio load or change.
    g.bench_function("build index", |b| b.iter(|| LedgerIndex::new(&p)));
    // Per report date: what changing as_of costs.
    let ix = LedgerIndex::new(&p);
    g.bench_function("ageing", |b| {
        b.iter(|| ageing::age_index(&ix, as_of, &p.settings.ageing).expect("ageing"))
    });
    g.bench_function("kpis", |b| {
        b.iter(|| kpi::compute_index(&ix, as_of, &p.settings.kpi).expect("kpis"))
    });
    g.bench_function("ageing + kpis", |b| {
        b.iter(|| {
            let a = ageing::age_index(&ix, as_of, &p.settings.ageing).expect("ageing");
            let k = kpi::compute_index(&ix, as_of, &p.settings.kpi).expect("kpis");
            (a, k)
        })
    });
    // From the portfolio, index included.
    g.bench_function("ageing from the portfolio (index included)", |b| {
        b.iter(|| ageing::age(&p, as_of, &p.settings.ageing).expect("ageing"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
