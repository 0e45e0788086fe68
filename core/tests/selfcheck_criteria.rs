//! Table tests of the self-check's criteria from
//! `tests/data/selfcheck_criteria.csv`: each criterion alone tips the
//! verdict, and the baseline (none) gives "not needed now".

use credit_core::money::Currency;
use credit_core::selfcheck::{assess, Criterion, Industry, SelfCheckInput, Verdict};
use credit_core::Decimal;

mod common;
use common::rows;

fn pct(s: &str) -> Decimal {
    s.parse::<Decimal>().unwrap() / Decimal::ONE_HUNDRED
}

fn criterion(s: &str) -> Criterion {
    match s {
        "LargeConcentrated" => Criterion::LargeConcentrated,
        "ExportMarkets" => Criterion::ExportMarkets,
        "NewMarkets" => Criterion::NewMarkets,
        "LongTerms" => Criterion::LongTerms,
        "PastBadDebts" => Criterion::PastBadDebts,
        _ => panic!("unknown criterion {s}"),
    }
}

#[test]
fn selfcheck_criteria_table() {
    let table = rows("selfcheck_criteria.csv");
    assert!(table.len() >= 12);
    let mut singles = Vec::new();
    for r in table {
        assert_eq!(r.len(), 13, "row: {r:?}");
        let input = SelfCheckInput {
            currency: Currency::CNY,
            annual_turnover: r[1].parse().unwrap(),
            credit_share: pct(&r[2]),
            terms_days: r[3].parse().unwrap(),
            buyers: r[4].parse().unwrap(),
            largest_buyer_share: pct(&r[5]),
            export_share: pct(&r[6]),
            new_markets: r[7] == "1",
            bad_debts_3y: r[8].parse().unwrap(),
            industry: Industry::from_code(&r[9]).unwrap(),
        };
        let got = assess(&input).unwrap();
        let case = &r[0];
        let want_verdict = match r[10].as_str() {
            "not_needed" => Verdict::NotNeededNow,
            "worth" => Verdict::WorthConsidering,
            "recommended" => Verdict::Recommended,
            v => panic!("unknown verdict {v}"),
        };
        let want: Vec<Criterion> = r[11]
            .split(';')
            .filter(|s| !s.is_empty())
            .map(criterion)
            .collect();
        assert_eq!(got.criteria, want, "case: {case}");
        assert_eq!(got.verdict, want_verdict, "case: {case}");
        assert_eq!(got.concentrated, r[12] == "yes", "case: {case}");
        assert_eq!(got.measures.len(), 3, "case: {case}");
        if case.starts_with("only ") {
            assert_ne!(got.verdict, Verdict::NotNeededNow, "case: {case}");
            singles.push(want[0]);
        }
    }
    // Every criterion has a row where it alone fires.
    for c in [
        Criterion::LargeConcentrated,
        Criterion::ExportMarkets,
        Criterion::NewMarkets,
        Criterion::LongTerms,
        Criterion::PastBadDebts,
    ] {
        assert!(singles.contains(&c), "no row for {c:?} alone");
    }
}
