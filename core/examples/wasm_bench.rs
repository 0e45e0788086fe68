//! The ageing benchmark as a plain program, to compare the same code native
//! and in WebAssembly (built for `wasm32-wasip1` and run under Node's WASI;
//! see `scripts/bench.sh`). Prints the median of repeated runs.

use std::time::Instant;

use credit_core::demo::{generate, DemoSpec};
use credit_core::index::LedgerIndex;
use credit_core::{ageing, kpi, NaiveDate};

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let s = Instant::now();
    let p = generate(&DemoSpec::large(as_of, 10_000, n));
    let gen = s.elapsed().as_secs_f64() * 1000.0;
    let index = median_ms(5, || {
        LedgerIndex::new(&p);
    });
    let ix = LedgerIndex::new(&p);
    let age = median_ms(11, || {
        ageing::age_index(&ix, as_of, &p.settings.ageing).expect("ageing");
    });
    let kpis = median_ms(11, || {
        kpi::compute_index(&ix, as_of, &p.settings.kpi).expect("kpis");
    });
    println!(
        "invoices={} generate_ms={gen:.1} index_ms={index:.1} ageing_ms={age:.2} kpis_ms={kpis:.2} ageing_plus_kpis_ms={:.2}",
        p.invoices.len(),
        age + kpis
    );
}
