use super::*;
use proptest::prelude::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn card() -> Scorecard {
    Scorecard::default()
}

#[test]
fn default_weights_sum_to_one_and_pd_table_has_ten_rows() {
    let c = card();
    assert_eq!(c.weights.iter().map(|w| w.1).sum::<Decimal>(), Decimal::ONE);
    assert_eq!(c.pd_table.len(), 10);
    assert_eq!(c.pd_table[0].pd_high, dec("0.0005"));
    assert_eq!(c.pd_table[9].pd_low, Decimal::ONE);
    assert!(c.pd_table.windows(2).all(|w| w[0].pd_high <= w[1].pd_low));
}

/// Industry 2 (75 points), country 1 (100), 5 years (60): available base
/// weight 0.06 + 0.07 + 0.06 = 0.19; total (6 × 75 + 7 × 100 + 6 × 60) ÷ 19
/// = 1510 ÷ 19 = 79.47 → grade 2. Impacts: country 7/19 × 50 = 18.42,
/// industry 6/19 × 25 = 7.89, years 6/19 × 10 = 3.16.
#[test]
fn hand_computed_partial_scorecard() {
    let input = AssessmentInput {
        industry_risk: Some(2),
        country_risk: Some(1),
        profile: Profile {
            years_in_business: Some(5),
            ..Profile::default()
        },
        ..AssessmentInput::default()
    };
    let a = assess(&input, &card()).unwrap();
    assert_eq!(a.score, dec("79.47"));
    assert_eq!(a.grade, 2);
    assert_eq!(a.confidence, dec("0.19"));
    assert_eq!(a.pd.grade, 2);
    assert_eq!(
        a.drivers,
        vec![
            FactorId::CountryRisk,
            FactorId::IndustryRisk,
            FactorId::YearsInBusiness
        ]
    );
    let country = &a.factors[14];
    assert_eq!(country.id, FactorId::CountryRisk);
    assert_eq!(country.impact.round_dp(2), dec("18.42"));
    assert_eq!(a.factors[0].weight, Decimal::ZERO);
    assert_eq!(a.factors[0].score, None);
    let total_weight: Decimal = a.factors.iter().map(|f| f.weight).sum();
    assert_eq!(total_weight.round_dp(20), Decimal::ONE);
}

fn full_input() -> AssessmentInput {
    let d = |n: i64| Some(Decimal::from(n));
    AssessmentInput {
        financials: Financials {
            current_assets: d(500),
            current_liabilities: d(300),
            total_assets: d(1000),
            total_liabilities: d(600),
            retained_earnings: d(200),
            ebit: d(100),
            sales: d(1500),
            book_equity: d(400),
            intangible_assets: d(50),
            cash: d(80),
            net_profit: d(60),
            market_equity: None,
        },
        behaviour: PaymentBehaviour {
            avg_delay_days: Some(dec("7.5")),
            share_paid_late: Some(dec("0.1")),
            worst_delay_days: Some(20),
            trend_days: Some(dec("-2")),
            has_history: true,
        },
        profile: Profile {
            years_in_business: Some(12),
            size: Some(CompanySize::Medium),
            registration_verified: Some(true),
            listed: false,
            manufacturer: false,
        },
        legal: Legal {
            court_cases: Some(0),
            enforcement_records: Some(0),
        },
        industry_risk: Some(2),
        country_risk: Some(2),
    }
}

/// Every factor scored by hand (weights in hundredths, Σ = 100):
/// Altman Z″ 3.336, d = 1.10, s = 2.60: 70 + 30 × (3.336 − 2.60) = 92.08;
/// current 500/300 = 1.667: 70 + 30 × 0.1667/0.5 = 80;
/// D/E 600/400 = 1.5: 75 − 35 × 0.5 = 57.5; ROA 6 %: 70 + 30 × 0.2 = 76;
/// delay 7.5: 85; late 10 %: 100 − 40 × 0.4 = 84; worst 20: 80;
/// trend −2: 60 + 40 × 0.2 = 68; 12 years: 85 + 15 × 0.2 = 88; medium 75;
/// verified 100; no cases 100; no enforcement 100; industry 2: 75;
/// country 2: 85.
/// Total = (15 × 92.08 + 7 × 80 + 7 × 57.5 + 6 × 76 + 10 × 85 + 7 × 84 +
/// 8 × 80 + 5 × 68 + 6 × 88 + 3 × 75 + 3 × 100 + 4 × 100 + 6 × 100 +
/// 6 × 75 + 7 × 85) ÷ 100 = (1381.2 + 560 + 402.5 + 456 + 850 + 588 + 640 +
/// 340 + 528 + 225 + 300 + 400 + 600 + 450 + 595) ÷ 100 = 83.157 → 83.16,
/// grade 2.
#[test]
fn hand_computed_full_scorecard() {
    let a = assess(&full_input(), &card()).unwrap();
    let scores: Vec<Decimal> = a
        .factors
        .iter()
        .map(|f| f.score.unwrap().round_dp(2))
        .collect();
    let want: Vec<Decimal> = [
        "92.08", "80", "57.5", "76", "85", "84", "80", "68", "88", "75", "100", "100", "100", "75",
        "85",
    ]
    .iter()
    .map(|s| dec(s))
    .collect();
    assert_eq!(scores, want);
    assert_eq!(a.score, dec("83.16"));
    assert_eq!(a.grade, 2);
    assert_eq!(a.confidence, Decimal::ONE);
    assert_eq!(a.altman.as_ref().unwrap().model, ZModel::ZDoublePrime);
    // Impacts: Altman 0.15 × 42.08 = 6.31, payment delay 0.10 × 35 = 3.5,
    // enforcement 0.06 × 50 = 3.
    assert_eq!(
        a.drivers,
        vec![
            FactorId::AltmanZ,
            FactorId::PaymentDelay,
            FactorId::Enforcement
        ]
    );
    assert_eq!(a.default_trigger, None);
}

#[test]
fn confidence_falls_as_inputs_go_missing() {
    let mut i = full_input();
    let mut last = assess(&i, &card()).unwrap().confidence;
    assert_eq!(last, Decimal::ONE);
    // Drop inputs one by one: industry (0.06), country (0.07), the whole
    // behaviour (0.30).
    i.industry_risk = None;
    let c = assess(&i, &card()).unwrap().confidence;
    assert_eq!(c, dec("0.94"));
    assert!(c < last);
    last = c;
    i.country_risk = None;
    i.behaviour = PaymentBehaviour::default();
    let a = assess(&i, &card()).unwrap();
    assert_eq!(a.confidence, dec("0.57"));
    assert!(a.confidence < last);
    // The rest is reweighted to sum to 1.
    let w: Decimal = a.factors.iter().map(|f| f.weight).sum();
    assert_eq!(w.round_dp(20), Decimal::ONE);
}

#[test]
fn default_triggers_give_grade_ten() {
    let mut i = full_input();
    i.behaviour.worst_delay_days = Some(180);
    let a = assess(&i, &card()).unwrap();
    assert_eq!(
        (a.grade, a.default_trigger),
        (10, Some(DefaultTrigger::WorstDelay180))
    );
    assert_eq!(a.drivers[0], FactorId::WorstDelay);
    assert_eq!(a.pd.pd_low, Decimal::ONE);

    let mut i = full_input();
    i.financials.retained_earnings = Some(Decimal::from(-500));
    i.financials.current_assets = Some(Decimal::from(100));
    i.behaviour.avg_delay_days = Some(Decimal::from(60));
    let a = assess(&i, &card()).unwrap();
    assert_eq!(a.altman.as_ref().unwrap().zone, Zone::Distress);
    assert_eq!(a.default_trigger, Some(DefaultTrigger::DistressAndDelay));
    assert_eq!(
        &a.drivers[..2],
        &[FactorId::AltmanZ, FactorId::PaymentDelay]
    );
    // 59 days is not enough for the trigger.
    i.behaviour.avg_delay_days = Some(Decimal::from(59));
    let a = assess(&i, &card()).unwrap();
    assert_eq!(a.default_trigger, None);
    assert!(a.grade < 10);
}

#[test]
fn impossible_inputs_are_errors_naming_the_field() {
    let c = card();
    let mut i = AssessmentInput::default();
    i.financials.total_assets = Some(Decimal::ZERO);
    assert_eq!(
        assess(&i, &c),
        Err(AssessmentError::NonPositiveTotalAssets {
            value: Decimal::ZERO
        })
    );
    let mut i = AssessmentInput::default();
    i.financials.cash = Some(Decimal::from(-1));
    let e = assess(&i, &c).unwrap_err();
    assert_eq!(
        e,
        AssessmentError::Negative {
            field: Field::Cash,
            value: Decimal::from(-1)
        }
    );
    assert_eq!(
        e.to_string(),
        "cash: -1 is negative; it must be zero or more"
    );
    let mut i = AssessmentInput::default();
    i.behaviour.share_paid_late = Some(dec("1.2"));
    assert_eq!(
        assess(&i, &c).unwrap_err().to_string(),
        "share paid late: 1.2 is not a share from 0 to 1"
    );
    let i = AssessmentInput {
        industry_risk: Some(0),
        ..AssessmentInput::default()
    };
    assert_eq!(
        assess(&i, &c),
        Err(AssessmentError::IndustryRiskOutOfRange { value: 0 })
    );
    let mut bad = card();
    bad.weights[3].1 = Decimal::from(-1);
    assert!(matches!(
        assess(&AssessmentInput::default(), &bad),
        Err(AssessmentError::NegativeWeight {
            factor: FactorId::Profitability,
            ..
        })
    ));
    let mut bad = card();
    bad.pd_table.retain(|b| b.grade != 5);
    assert_eq!(
        assess(&AssessmentInput::default(), &bad),
        Err(AssessmentError::MissingPdBand { grade: 5 })
    );
    // Negative equity, retained earnings, EBIT and profit are possible.
    let mut i = full_input();
    i.financials.book_equity = Some(Decimal::from(-10));
    i.financials.net_profit = Some(Decimal::from(-10));
    let a = assess(&i, &c).unwrap();
    assert_eq!(a.factors[2].score, Some(Decimal::ZERO));
    assert_eq!(a.ratios.debt_to_equity, None);
}

#[test]
fn altman_model_choice_and_missing_inputs() {
    let mut f = full_input().financials;
    let mut p = Profile::default();
    assert_eq!(altman(&f, &p).unwrap().model, ZModel::ZDoublePrime);
    p.manufacturer = true;
    assert_eq!(altman(&f, &p).unwrap().model, ZModel::ZPrime);
    p.listed = true;
    // Listed but no market value: scored on book values (Z′).
    assert_eq!(altman(&f, &p).unwrap().model, ZModel::ZPrime);
    f.market_equity = Some(Decimal::from(900));
    assert_eq!(altman(&f, &p).unwrap().model, ZModel::Z);
    // Listed non-manufacturer: Z″.
    p.manufacturer = false;
    assert_eq!(altman(&f, &p).unwrap().model, ZModel::ZDoublePrime);
    f.retained_earnings = None;
    assert_eq!(altman(&f, &p), None);
    let mut f = full_input().financials;
    f.total_liabilities = Some(Decimal::ZERO);
    assert_eq!(altman(&f, &p), None);
}

#[test]
fn zero_current_liabilities_is_full_liquidity() {
    let mut i = AssessmentInput::default();
    i.financials.current_assets = Some(Decimal::from(10));
    i.financials.current_liabilities = Some(Decimal::ZERO);
    let a = assess(&i, &card()).unwrap();
    assert_eq!(a.ratios.current, None);
    assert_eq!(a.factors[1].score, Some(Decimal::ONE_HUNDRED));
}

#[test]
fn serde_round_trip_and_defaults() {
    let a = assess(&full_input(), &card()).unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Assessment>(&json).unwrap(), a);
    let i: AssessmentInput = serde_json::from_str(r#"{"industry_risk": 3}"#).unwrap();
    assert_eq!(i.industry_risk, Some(3));
    assert_eq!(i.financials, Financials::default());
}

/// One field's raw material: (present, base, delta).
type Raw = (bool, u32, u32);

/// A worse and a better input with the same fields present: the better is
/// better or equal in every field (see the module docs' caveat on negative
/// equity: total liabilities only fall where the better equity is ≥ 0).
fn build(v: &[Raw], listed: bool, manufacturer: bool) -> (AssessmentInput, AssessmentInput) {
    let (mut w, mut b) = (AssessmentInput::default(), AssessmentInput::default());
    let on = |i: usize| v[i].0;
    let base = |i: usize, m: u32| i64::from(v[i].1 % m);
    let delta = |i: usize, m: u32| i64::from(v[i].2 % m);
    let d = Decimal::from;
    // Higher is better, possibly negative.
    let up = |i: usize| {
        on(i).then(|| {
            (
                d(base(i, 20_000) - 10_000),
                d(base(i, 20_000) - 10_000 + delta(i, 3_000)),
            )
        })
    };
    // Higher is better, never negative.
    let up0 = |i: usize| on(i).then(|| (d(base(i, 10_000)), d(base(i, 10_000) + delta(i, 3_000))));
    // Lower is better, never negative.
    let down0 =
        |i: usize, m: u32, dm: u32| on(i).then(|| (d(base(i, m) + delta(i, dm)), d(base(i, m))));
    let split = |x: Option<(Decimal, Decimal)>| (x.map(|p| p.0), x.map(|p| p.1));
    let (wf, bf) = (&mut w.financials, &mut b.financials);
    (wf.current_assets, bf.current_assets) = split(up0(0));
    (wf.current_liabilities, bf.current_liabilities) = split(down0(1, 10_000, 3_000));
    let ta = on(2).then(|| d(base(2, 20_000) + 1));
    (wf.total_assets, bf.total_assets) = (ta, ta);
    (wf.retained_earnings, bf.retained_earnings) = split(up(4));
    (wf.ebit, bf.ebit) = split(up(5));
    (wf.sales, bf.sales) = split(up0(6));
    (wf.book_equity, bf.book_equity) = split(up(7));
    let ia = on(8).then(|| d(base(8, 1_000)));
    (wf.intangible_assets, bf.intangible_assets) = (ia, ia);
    (wf.cash, bf.cash) = split(up0(9));
    (wf.net_profit, bf.net_profit) = split(up(10));
    (wf.market_equity, bf.market_equity) = split(up0(11));
    // Total liabilities at least 1 (zero liabilities leave Z undefined).
    (wf.total_liabilities, bf.total_liabilities) = if on(3) {
        let worse = d(base(3, 10_000) + 1 + delta(3, 3_000));
        let better_equity_ok = bf.book_equity.is_none_or(|e| e >= Decimal::ZERO);
        let better = if better_equity_ok {
            d(base(3, 10_000) + 1)
        } else {
            worse
        };
        (Some(worse), Some(better))
    } else {
        (None, None)
    };
    (w.behaviour.avg_delay_days, b.behaviour.avg_delay_days) = split(down0(12, 200, 60));
    (w.behaviour.share_paid_late, b.behaviour.share_paid_late) = split(on(13).then(|| {
        let (x, y) = (base(13, 1001), delta(13, 1001));
        (Decimal::new(x.max(y), 3), Decimal::new(x.min(y), 3))
    }));
    (w.behaviour.worst_delay_days, b.behaviour.worst_delay_days) = on(14)
        .then(|| (v[14].1 % 400, (v[14].1 % 400).saturating_sub(v[14].2 % 100)))
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    (w.behaviour.trend_days, b.behaviour.trend_days) = split(on(15).then(|| {
        let x = base(15, 100) - 50;
        (d(x), d(x - delta(15, 40)))
    }));
    let hist = v[16].0;
    (w.behaviour.has_history, b.behaviour.has_history) = (hist, hist);
    (w.profile.years_in_business, b.profile.years_in_business) = on(17)
        .then(|| (v[17].1 % 40, v[17].1 % 40 + v[17].2 % 10))
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    const SIZES: [CompanySize; 4] = [
        CompanySize::Micro,
        CompanySize::Small,
        CompanySize::Medium,
        CompanySize::Large,
    ];
    (w.profile.size, b.profile.size) = on(18)
        .then(|| {
            let x = (v[18].1 % 4) as usize;
            (SIZES[x], SIZES[x.max((v[18].2 % 4) as usize)])
        })
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    (
        w.profile.registration_verified,
        b.profile.registration_verified,
    ) = on(19)
        .then(|| (v[19].1 % 2 == 1, v[19].1 % 2 == 1 || v[19].2 % 2 == 1))
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    for p in [&mut w.profile, &mut b.profile] {
        p.listed = listed;
        p.manufacturer = manufacturer;
    }
    (w.legal.court_cases, b.legal.court_cases) = on(20)
        .then(|| (v[20].1 % 8, (v[20].1 % 8).saturating_sub(v[20].2 % 4)))
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    (w.legal.enforcement_records, b.legal.enforcement_records) = on(21)
        .then(|| {
            let x = u32::from(v[21].1.is_multiple_of(10));
            (x, x.saturating_sub(v[21].2 % 2))
        })
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    (w.industry_risk, b.industry_risk) = on(22)
        .then(|| {
            let x = 1 + (v[22].1 % 5) as u8;
            (x, x.saturating_sub((v[22].2 % 3) as u8).max(1))
        })
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    (w.country_risk, b.country_risk) = on(23)
        .then(|| {
            let x = 1 + (v[23].1 % 7) as u8;
            (x, x.saturating_sub((v[23].2 % 4) as u8).max(1))
        })
        .map_or((None, None), |(x, y)| (Some(x), Some(y)));
    (w, b)
}

fn pairs() -> impl Strategy<Value = (AssessmentInput, AssessmentInput)> {
    (
        proptest::collection::vec((any::<bool>(), any::<u32>(), any::<u32>()), 24),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(v, l, m)| build(&v, l, m))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_better_input_never_gives_a_worse_grade((worse, better) in pairs()) {
        let c = card();
        let w = assess(&worse, &c).unwrap();
        let b = assess(&better, &c).unwrap();
        prop_assert!(b.grade <= w.grade, "better {} vs worse {}", b.grade, w.grade);
        prop_assert!(b.score >= w.score, "better {} vs worse {}", b.score, w.score);
        prop_assert_eq!(b.confidence, w.confidence);
        for (fb, fw) in b.factors.iter().zip(&w.factors) {
            prop_assert!(fb.score >= fw.score, "{:?}: {:?} < {:?}", fb.id, fb.score, fw.score);
        }
    }

    #[test]
    fn every_assessment_is_well_formed((input, _) in pairs()) {
        let a = assess(&input, &card()).unwrap();
        prop_assert!((1..=10).contains(&a.grade));
        prop_assert!(a.score >= Decimal::ZERO && a.score <= Decimal::ONE_HUNDRED);
        prop_assert!(a.confidence >= Decimal::ZERO && a.confidence <= Decimal::ONE);
        prop_assert_eq!(a.factors.len(), 15);
        prop_assert!(a.drivers.len() <= 3);
        prop_assert_eq!(a.pd.grade, a.grade);
        let w: Decimal = a.factors.iter().map(|f| f.weight).sum();
        if a.confidence.is_zero() {
            prop_assert!(w.is_zero());
        } else {
            prop_assert_eq!(w.round_dp(20), Decimal::ONE);
        }
        for f in &a.factors {
            prop_assert_eq!(f.score.is_none(), f.weight.is_zero());
        }
    }
}

/// The generator reaches most grades, so the monotonicity property is not
/// tested on a handful of easy cases only.
#[test]
fn pairs_cover_the_grades() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    let s = pairs();
    for _ in 0..500 {
        let (w, b) = s.new_tree(&mut runner).unwrap().current();
        seen.insert(assess(&w, &card()).unwrap().grade);
        seen.insert(assess(&b, &card()).unwrap().grade);
    }
    assert!(seen.len() >= 7, "grades seen: {seen:?}");
}

/// Any Decimal at all, from its raw parts.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
    )
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

proptest! {
    /// Extreme figures (a file may hold anything) give an answer or an
    /// error, never a panic.
    #[test]
    fn extreme_figures_never_panic(
        v in proptest::collection::vec(proptest::option::of(any_decimal()), 16),
        worst in proptest::option::of(any::<u32>()),
        listed in any::<bool>(),
        manufacturer in any::<bool>(),
        grade in any::<u8>(),
    ) {
        let f = Financials {
            current_assets: v[0],
            current_liabilities: v[1],
            total_assets: v[2],
            total_liabilities: v[3],
            retained_earnings: v[4],
            ebit: v[5],
            sales: v[6],
            book_equity: v[7],
            intangible_assets: v[8],
            cash: v[9],
            net_profit: v[10],
            market_equity: v[11],
        };
        let input = AssessmentInput {
            financials: f.clone(),
            behaviour: PaymentBehaviour {
                avg_delay_days: v[12],
                share_paid_late: v[13],
                worst_delay_days: worst,
                trend_days: v[14],
                has_history: true,
            },
            profile: Profile { listed, manufacturer, ..Profile::default() },
            ..AssessmentInput::default()
        };
        let _ = assess(&input, &card());
        let _ = altman(&f, &input.profile);
        let limit = crate::limit::LimitInput {
            financials: f,
            expected_annual_purchases: v[15],
            terms_days: worst.unwrap_or(0),
            avg_payment_delay_days: v[12],
            trade_references: v.iter().flatten().copied().collect(),
            insured_limit: v[14],
            insured_only: listed,
            worst_delay_12m: worst,
            has_history: manufacturer,
        };
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let r = crate::limit::recommend_limit(&limit, grade, as_of);
        prop_assert!(r.recommended >= Decimal::ZERO);
    }
}
