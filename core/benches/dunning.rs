//! Criterion benchmark: the dunning plan and the credit-insurance cover,
//! deadlines and cost/benefit over 1,000,000 invoices and 10,000 buyers (the
//! demo generator's large portfolio) — what a credit controller's whole ERP
//! ledger asks of the Dunning and Insurance pages on each change of date.
//! The portfolio is built once, outside the timing.
//! Run: `cargo bench -p credit-core --bench dunning`.

// criterion_group! generates functions that cannot carry docs.
#![allow(missing_docs)]

use std::collections::HashMap;

use credit_core::demo::{generate, DemoSpec};
use credit_core::dunning::{plan, DunningSettings, Policy as DunningPolicy, Preset};
use credit_core::insurance::{cover, deadlines, worth_it, Policy};
use credit_core::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let p = generate(&DemoSpec::large(as_of, 10_000, 1_000_000));
    assert!(p.invoices.len() >= 950_000);
    let mut g = c.benchmark_group("1M invoices, 10k buyers");
    g.sample_size(10);
    for preset in [Preset::Standard, Preset::Firm] {
        let s = DunningSettings {
            policy: DunningPolicy::preset(preset),
            ..DunningSettings::default()
        };
        let n = plan(&p, as_of, &s, &[]).expect("plan").items.len();
        assert!(n > 0, "the large demo has buyers in dunning");
        g.bench_function(format!("dunning plan ({preset:?})"), |b| {
            b.iter(|| plan(&p, as_of, &s, &[]).expect("plan"))
        });
    }
    let policy = Policy {
        year_start: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        ..Policy::default()
    };
    g.bench_function("insurance cover", |b| {
        b.iter(|| cover(&p, as_of, &policy, &[]).expect("cover"))
    });
    g.bench_function("insurance deadlines", |b| {
        b.iter(|| deadlines(&p, as_of, &policy, &[]).expect("deadlines"))
    });
    let grades = HashMap::new();
    g.bench_function("insurance worth it", |b| {
        b.iter(|| worth_it(&p, as_of, &policy, &grades).expect("worth it"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
