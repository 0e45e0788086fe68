//! Table tests of the buyer assessment and the credit limit from
//! `tests/data/altman.csv` and `tests/data/limits.csv`: hand-computed
//! Z-scores and limits, the arithmetic written in each row's last column.

use credit_core::assessment::{altman, Financials, Profile, ZModel, Zone};
use credit_core::limit::{recommend_limit, LimitInput, LimitMethod, LimitRule};
use credit_core::{Decimal, NaiveDate};

mod common;

/// The rows of a table: `columns` fields, the rest of the line (the
/// arithmetic, which may hold commas) joined as the last one.
fn rows(name: &str, columns: usize) -> Vec<Vec<String>> {
    common::lines(name)
        .iter()
        .map(|l| {
            let parts: Vec<&str> = l.splitn(columns + 1, ',').collect();
            assert_eq!(parts.len(), columns + 1, "row {l:?} of {name}");
            parts.iter().map(|s| s.trim().to_string()).collect()
        })
        .collect()
}

fn opt(s: &str) -> Option<Decimal> {
    (!s.is_empty()).then(|| s.parse().expect("a number"))
}

#[test]
fn altman_table() {
    let table = rows("altman.csv", 15);
    assert!(table.len() >= 10);
    for r in table {
        let case = &r[0];
        let profile = Profile {
            listed: r[1] == "true",
            manufacturer: r[2] == "true",
            ..Profile::default()
        };
        let f = Financials {
            current_assets: opt(&r[3]),
            current_liabilities: opt(&r[4]),
            total_assets: opt(&r[5]),
            total_liabilities: opt(&r[6]),
            retained_earnings: opt(&r[7]),
            ebit: opt(&r[8]),
            sales: opt(&r[9]),
            book_equity: opt(&r[10]),
            market_equity: opt(&r[11]),
            ..Financials::default()
        };
        let got = altman(&f, &profile);
        if r[13] == "none" {
            assert_eq!(got, None, "case: {case}");
            continue;
        }
        let got = got.unwrap_or_else(|| panic!("case {case}: no score"));
        let model = match r[12].as_str() {
            "Z" => ZModel::Z,
            "ZPrime" => ZModel::ZPrime,
            _ => ZModel::ZDoublePrime,
        };
        let zone = match r[14].as_str() {
            "Distress" => Zone::Distress,
            "Grey" => Zone::Grey,
            _ => Zone::Safe,
        };
        let want: Decimal = r[13].parse().unwrap();
        assert_eq!(got.model, model, "case: {case}");
        assert_eq!(got.score.round_dp(want.scale()), want, "case: {case}");
        assert_eq!(got.zone, zone, "case: {case}");
    }
}

#[test]
fn limits_table() {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let table = rows("limits.csv", 18);
    assert!(table.len() >= 12);
    for r in table {
        let case = &r[0];
        let mut input = LimitInput {
            has_history: r[2] == "true",
            worst_delay_12m: (!r[3].is_empty()).then(|| r[3].parse().unwrap()),
            expected_annual_purchases: opt(&r[8]),
            terms_days: r[9].parse().unwrap(),
            avg_payment_delay_days: opt(&r[10]),
            trade_references: r[11]
                .split(';')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect(),
            insured_limit: opt(&r[12]),
            insured_only: r[13] == "true",
            ..LimitInput::default()
        };
        input.financials.book_equity = opt(&r[4]);
        input.financials.intangible_assets = opt(&r[5]);
        input.financials.current_assets = opt(&r[6]);
        input.financials.current_liabilities = opt(&r[7]);
        let grade: u8 = r[1].parse().unwrap();
        let got = recommend_limit(&input, grade, as_of);
        assert_eq!(
            got.median.map(|m| m.round_dp(2)),
            opt(&r[14]),
            "case: {case}"
        );
        assert_eq!(
            got.recommended,
            r[15].parse::<Decimal>().unwrap(),
            "case: {case}"
        );
        let rule = match r[16].as_str() {
            "Median" => LimitRule::Median,
            "GradeFactor" => LimitRule::GradeFactor,
            "HistoryBonus" => LimitRule::HistoryBonus,
            "HistoryPenalty" => LimitRule::HistoryPenalty,
            "InsuredCap" => LimitRule::InsuredCap,
            "NoCredit" => LimitRule::NoCredit,
            "Need" => LimitRule::Need,
            "CapacityOnly" => LimitRule::CapacityOnly,
            "NoMethod" => LimitRule::NoMethod,
            other => panic!("case {case}: unknown rule {other}"),
        };
        assert_eq!(got.set_by, rule, "case: {case}");
        assert_eq!(
            got.review_date,
            r[17].parse::<NaiveDate>().unwrap(),
            "case: {case}"
        );
        // Never above the need (issue 18, item 4).
        if let Some(n) = got.need {
            assert!(got.recommended <= n, "case: {case}");
        }
        // The insured limit is listed whenever it is given.
        assert_eq!(
            got.methods.iter().any(|m| m.method == LimitMethod::Insured),
            input.insured_limit.is_some(),
            "case: {case}"
        );
    }
}

/// Issue 18, item 4. Domain brief, "Credit limit": recommended = the lower
/// of the need (expected annual purchases ÷ 365 × (terms days + expected
/// delay): "a limit above it adds exposure without adding sales") and the
/// capacity (the median of the net worth, working capital and trade
/// references methods that have inputs × grade factor × history
/// adjustment), capped, rounded down to two significant figures; without
/// expected purchases the capacity alone sets it, and the result says so.
#[test]
fn the_limit_never_exceeds_the_need() {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    // The buyer: net worth 10 % × 86,000,000 = 8,600,000; trade
    // reference 3,000,000; purchases 6,000,000 a year on 60 days:
    // need 6,000,000 / 365 × 60 = 986,301.369…  The old median of
    // (8,600,000; 986,301.37; 3,000,000) recommended 3,000,000 — three
    // times what the buyer can use. Now: capacity (8,600,000 + 3,000,000)
    // / 2 = 5,800,000 × 1.0 (grade 2, no history); the need is lower:
    // 986,301.37 → 980,000, set by the need.
    let mut i = LimitInput {
        expected_annual_purchases: Some(dec("6000000")),
        terms_days: 60,
        trade_references: vec![dec("3000000")],
        ..LimitInput::default()
    };
    i.financials.book_equity = Some(dec("86000000"));
    let r = recommend_limit(&i, 2, as_of);
    assert_eq!(r.median, Some(dec("5800000")));
    assert_eq!(r.capacity, Some(dec("5800000")));
    assert_eq!(r.need.map(|n| n.round_dp(2)), Some(dec("986301.37")));
    assert_eq!(r.recommended, dec("980000"));
    assert_eq!(r.set_by, LimitRule::Need);
    // The need is still shown as a method.
    assert!(r.methods.iter().any(|m| m.method == LimitMethod::Needs));
    // Without expected purchases: capacity alone, 5,800,000, and it says so.
    i.expected_annual_purchases = None;
    let r = recommend_limit(&i, 2, as_of);
    assert_eq!(r.need, None);
    assert_eq!(
        (r.recommended, r.set_by),
        (dec("5800000"), LimitRule::CapacityOnly)
    );
    // Grade 7 (× 0.4): capacity 2,320,000, still above the need.
    i.expected_annual_purchases = Some(dec("6000000"));
    let r = recommend_limit(&i, 7, as_of);
    assert_eq!(r.capacity, Some(dec("2320000")));
    assert_eq!((r.recommended, r.set_by), (dec("980000"), LimitRule::Need));
    // Only insured exposure may be granted, insured 500,000: the cap wins.
    i.insured_limit = Some(dec("500000"));
    i.insured_only = true;
    let r = recommend_limit(&i, 2, as_of);
    assert_eq!(
        (r.recommended, r.set_by),
        (dec("500000"), LimitRule::InsuredCap)
    );
}
