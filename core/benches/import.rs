//! Criterion benchmark: import of a 1,000,000-row invoice CSV (the demo
//! generator's large portfolio, 10,000 buyers, written by
//! `export::invoices_csv`): `read_table` + `preview` + `merge` into an empty
//! portfolio. Target: ≤ 2 s native. The same CSV, written to
//! `target/import_bench.csv`, is what `tests/bench/pandas_age.py` reads.
//! Run: `cargo bench -p credit-core --bench import`.

// criterion_group! generates functions that cannot carry docs.
#![allow(missing_docs)]

use std::time::Instant;

use credit_core::demo::{generate, DemoSpec};
use credit_core::export::invoices_csv;
use credit_core::import::{
    guess_mapping, merge, preview, read_table, MergePolicy, OnExisting, ParseOptions, ReadOptions,
};
use credit_core::portfolio::Portfolio;
use credit_core::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let p = generate(&DemoSpec::large(as_of, 10_000, 1_000_000));
    let csv = invoices_csv(&p.invoices, &p);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/import_bench.csv");
    let _ = std::fs::write(path, &csv);
    let empty = Portfolio::new("import", p.base_currency());
    let opts = ParseOptions {
        default_currency: p.base_currency(),
        ..ParseOptions::default()
    };
    let run = || {
        let t = read_table(csv.as_bytes(), &ReadOptions::default()).expect("table");
        let pv = preview("bench.csv", &t, &guess_mapping(&t.headers), &opts);
        let (q, r) =
            merge(&empty, &pv, MergePolicy::ValidRowsOnly, OnExisting::Skip).expect("merge");
        (t.rows.len(), pv.errors.len(), q.invoices.len(), r.added)
    };
    let start = Instant::now();
    let (rows, errors, invoices, _) = run();
    eprintln!(
        "import: {rows} rows, {} MB, {errors} row errors, {invoices} invoices in {:.2?} (one run)",
        csv.len() / 1_000_000,
        start.elapsed()
    );
    let mut g = c.benchmark_group("import 1M-row CSV");
    g.sample_size(10);
    g.bench_function("read_table + preview + merge", |b| b.iter(run));
    let t = read_table(csv.as_bytes(), &ReadOptions::default()).expect("table");
    g.bench_function("read_table", |b| {
        b.iter(|| read_table(csv.as_bytes(), &ReadOptions::default()).expect("table"))
    });
    let m = guess_mapping(&t.headers);
    g.bench_function("preview", |b| {
        b.iter(|| preview("bench.csv", &t, &m, &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
