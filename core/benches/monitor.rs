//! Criterion benchmark: the early-warning rules and the portfolio's monthly
//! trends over 1,000,000 invoices and 10,000 buyers (the demo generator's
//! large portfolio). Target: `evaluate` ≤ 200 ms. Also the 13-week cash
//! forecast (`credit_core::cash`) over the same ledger, and every buyer's
//! rating (`credit_core::rating`: the grades the heat map and alerts use). The portfolio and
//! its index are built once, outside the timing.
//! Run: `cargo bench -p credit-core --bench monitor`.

// criterion_group! generates functions that cannot carry docs.
#![allow(missing_docs)]

use std::collections::HashMap;

use credit_core::cash::{forecast, ForecastOptions};
use credit_core::demo::{generate, DemoSpec};
use credit_core::index::LedgerIndex;
use credit_core::monitor::{evaluate, trends, MonitorSettings};
use credit_core::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let p = generate(&DemoSpec::large(as_of, 10_000, 1_000_000));
    assert!(p.invoices.len() >= 950_000);
    let ix = LedgerIndex::new(&p);
    let context = HashMap::new();
    let settings = MonitorSettings::default();
    let mut g = c.benchmark_group("1M invoices, 10k buyers");
    g.sample_size(20);
    g.bench_function("monitor evaluate", |b| {
        b.iter(|| evaluate(&p, &ix, as_of, &context, &settings).expect("alerts"))
    });
    g.bench_function("monitor trends (portfolio, 12 months)", |b| {
        b.iter(|| trends(&ix, None, as_of, 12).expect("trends"))
    });
    g.bench_function("monitor trends (one buyer, 12 months)", |b| {
        b.iter(|| trends(&ix, Some("C0007"), as_of, 12).expect("trends"))
    });
    let card = credit_core::assessment::Scorecard::default();
    g.bench_function("ratings (every buyer, from the ledger)", |b| {
        b.iter(|| {
            credit_core::rating::ratings(&p, &ix, &HashMap::new(), as_of, &card).expect("ratings")
        })
    });
    let opts = ForecastOptions::default();
    g.bench_function("cash forecast (13 weeks)", |b| {
        b.iter(|| forecast(&p, &ix, as_of, &opts).expect("forecast"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
