//! Terms and cash (`credit_core::cash`): discount cost, payment plans and
//! their state, a hand-computed forecast on a small ledger (with a scenario,
//! a saved plan and forecast against actual), working capital; and the
//! properties that a plan sums exactly to its total and that a forecast
//! never expects more than the open receivables; the cash forms' fields
//! refused with the field and the bound, and a missing exchange rate
//! refused rather than taken as 1:1. Worked examples that are tables come
//! from `tests/data/cash_*.csv`.

mod common;

use common::cash::{d, dec, inv, ledger, pct, plan_input, portfolio, saved};
use common::rows;
use credit_core::cash::{
    discount_cost, forecast, forecast_vs_actual, overdue_balance, parse_dso_target,
    parse_terms_days, payment_plan, plan_state, terms_effect, working_capital, CashError, Discount,
    Field, ForecastOptions, FormError, Frequency, PlanForm, PlanInput, PlanState, SavedPlan,
    Scenario, WcForm, WcInput,
};
use credit_core::index::LedgerIndex;
use credit_core::invoice::{Dispute, Invoice, Payment};
use credit_core::money::{Currency, FxRate, MoneyError};
use credit_core::{Decimal, NaiveDate};
use proptest::prelude::*;

#[test]
fn discount_costs_from_the_table() {
    for r in rows("cash_discount_cost.csv") {
        let c = discount_cost(&r[0].parse().unwrap()).unwrap();
        assert_eq!(
            (pct(c.simple), pct(c.effective)),
            (dec(&r[1]), dec(&r[2])),
            "{}",
            r[0]
        );
    }
    // 1/10 net 45 to four decimals: 11.0500 %.
    let c = discount_cost(&"1/10 net 45".parse().unwrap()).unwrap();
    assert_eq!(
        (c.effective * Decimal::ONE_HUNDRED).round_dp(4),
        dec("11.0500")
    );
}

#[test]
fn discount_texts_from_the_table() {
    for r in rows("cash_discount_text.csv") {
        let x: Discount = r[0].parse().unwrap();
        assert_eq!(
            (x.rate, x.discount_days, x.net_days),
            (dec(&r[1]), r[2].parse().unwrap(), r[3].parse().unwrap()),
            "{:?}",
            r[0]
        );
    }
}

#[test]
fn bad_discounts_are_refused_with_the_reason() {
    assert!(matches!(
        "2/10".parse::<Discount>(),
        Err(CashError::BadDiscount { .. })
    ));
    assert!(matches!(
        "x/10/30".parse::<Discount>(),
        Err(CashError::BadDiscount { .. })
    ));
    assert!(matches!(
        "0/10/30".parse::<Discount>(),
        Err(CashError::RateOutOfRange { .. })
    ));
    assert!(matches!(
        "100/10/30".parse::<Discount>(),
        Err(CashError::RateOutOfRange { .. })
    ));
    let late = "2/40/30".parse::<Discount>().unwrap();
    assert_eq!(
        discount_cost(&late),
        Err(CashError::NetNotAfterDiscount {
            discount: 40,
            net: 30
        })
    );
    assert!(CashError::BadDiscount {
        text: "2/10".into()
    }
    .to_string()
    .contains("'2/10'"));
}

#[test]
fn payment_plans_from_the_table() {
    let list = |x: &str| -> Vec<Decimal> { x.split(';').map(dec).collect() };
    for r in rows("cash_plans.csv") {
        let input = PlanInput {
            currency: Currency::new(&r[1]).unwrap(),
            ..plan_input(
                &r[0],
                r[2].parse().unwrap(),
                match r[3].as_str() {
                    "weekly" => Frequency::Weekly,
                    "fortnightly" => Frequency::Fortnightly,
                    _ => Frequency::Monthly,
                },
                &r[4],
                &r[5],
                &r[6],
            )
        };
        let p = payment_plan(&input).unwrap();
        let dates: Vec<NaiveDate> = r[7].split(';').map(d).collect();
        let got_dates: Vec<NaiveDate> = p.instalments.iter().map(|i| i.date).collect();
        assert_eq!(got_dates, dates, "{r:?}");
        let amounts: Vec<Decimal> = p.instalments.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, list(&r[8]), "{r:?}");
        let interest: Vec<Decimal> = p.instalments.iter().map(|i| i.interest).collect();
        assert_eq!(interest, list(&r[9]), "{r:?}");
        assert_eq!(p.total, dec(&r[10]), "{r:?}");
        assert_eq!(p.interest, list(&r[9]).iter().sum::<Decimal>(), "{r:?}");
        assert_eq!(amounts.iter().sum::<Decimal>(), p.total, "{r:?}");
    }
}

#[test]
fn bad_plans_are_refused() {
    let ok = plan_input("100", 3, Frequency::Weekly, "2026-01-08", "0", "2026-01-01");
    assert_eq!(
        payment_plan(&PlanInput {
            count: 0,
            ..ok.clone()
        }),
        Err(CashError::NoInstalments)
    );
    assert_eq!(
        payment_plan(&PlanInput {
            count: 121,
            ..ok.clone()
        }),
        Err(CashError::TooManyInstalments { n: 121 })
    );
    assert!(matches!(
        payment_plan(&PlanInput {
            balance: dec("-1"),
            ..ok.clone()
        }),
        Err(CashError::NegativeBalance { .. })
    ));
    assert!(matches!(
        payment_plan(&PlanInput {
            annual_rate: dec("-0.01"),
            ..ok.clone()
        }),
        Err(CashError::NegativeRate { .. })
    ));
    assert!(matches!(
        payment_plan(&PlanInput {
            first: d("2025-12-31"),
            ..ok
        }),
        Err(CashError::FirstBeforeStart { .. })
    ));
}

#[test]
fn a_plan_kept_missed_and_completed() {
    // 900 overdue, 3 × 300 weekly from 8 Jan; payments on the invoice.
    let mk = |pays: &[(&str, &str)]| {
        portfolio(vec![inv(
            "I1",
            "A",
            "2025-10-01",
            "2025-11-01",
            "900",
            pays,
        )])
    };
    let input = plan_input("900", 3, Frequency::Weekly, "2026-01-08", "0", "2026-01-01");
    // Paid the first instalment: on track, next is the second.
    let p = mk(&[("2026-01-08", "300")]);
    let s = saved(&p, &["I1"], input.clone());
    match plan_state(&s, &p, d("2026-01-16")).unwrap() {
        PlanState::OnTrack { paid, next } => {
            assert_eq!(paid, dec("300"));
            assert_eq!(next.unwrap().number, 2);
        }
        other => panic!("{other:?}"),
    }
    // The second is 15 Jan: within the 5 days' grace on the 20th, missed on the 21st.
    assert!(matches!(
        plan_state(&s, &p, d("2026-01-20")).unwrap(),
        PlanState::OnTrack { .. }
    ));
    assert_eq!(
        plan_state(&s, &p, d("2026-01-21")).unwrap(),
        PlanState::Missed {
            instalment: 2,
            due: d("2026-01-15"),
            shortfall: dec("300"),
            rest_due: dec("600"),
        }
    );
    // A payment before the plan was agreed does not count for it.
    let p = mk(&[("2025-12-20", "300")]);
    assert!(matches!(
        plan_state(&s, &p, d("2026-01-14")).unwrap(),
        PlanState::Missed { instalment: 1, .. }
    ));
    // Everything paid: completed.
    let p = mk(&[
        ("2026-01-08", "300"),
        ("2026-01-15", "300"),
        ("2026-01-22", "300"),
    ]);
    assert_eq!(
        plan_state(&s, &p, d("2026-01-30")).unwrap(),
        PlanState::Completed { paid: dec("900") }
    );
}

#[test]
fn a_forecast_by_hand() {
    let p = ledger();
    let ix = LedgerIndex::new(&p);
    let as_of = d("2026-03-04");
    let mut opts = ForecastOptions::default();
    opts.pd.insert("A".into(), dec("0.01"));
    opts.default_pd = dec("0.02");
    let f = forecast(&p, &ix, as_of, &opts).unwrap();
    assert_eq!(f.weeks.len(), 13);
    assert_eq!(
        (f.weeks[0].start, f.weeks[0].end),
        (d("2026-03-04"), d("2026-03-10"))
    );
    let expected: Vec<Decimal> = f.weeks.iter().map(|w| w.expected).collect();
    let mut want = vec![Decimal::ZERO; 13];
    want[0] = dec("990"); // 1,000 × 0.99
    want[3] = dec("1980"); // 2,000 × 0.99
    want[5] = dec("490"); // 500 × 0.98
    assert_eq!(expected, want);
    assert_eq!(f.open_ar, dec("4200"));
    assert_eq!(f.disputed, dec("700"));
    assert_eq!(f.at_risk, dec("40")); // 10 + 20 + 10
    assert_eq!((f.later, f.on_plans), (Decimal::ZERO, Decimal::ZERO));

    // 60-day terms for invoices not yet due: I2 → 18 Feb + 60 = 19 Apr
    // (+10 days' delay = 29 Apr, week 8); I3 → 1 May + 10 = 11 May, week 9.
    let alt = forecast(
        &p,
        &ix,
        as_of,
        &ForecastOptions {
            scenario: Scenario::Terms { days: 60 },
            ..opts.clone()
        },
    )
    .unwrap();
    assert_eq!(alt.weeks[3].expected, Decimal::ZERO);
    assert_eq!(alt.weeks[8].expected, dec("1980"));
    assert_eq!(alt.weeks[9].expected, dec("490"));
    assert_eq!(alt.weeks[0].expected, dec("990"));

    // A plan for A's I1 and I2: 3 × 1,000 weekly from 11 Mar, agreed 1 Mar;
    // its instalments replace the invoices' expected dates.
    let s = SavedPlan {
        id: "p".into(),
        customer_id: "A".into(),
        invoice_ids: vec!["I1".into(), "I2".into()],
        input: plan_input(
            "3000",
            3,
            Frequency::Weekly,
            "2026-03-11",
            "0",
            "2026-03-01",
        ),
        plan: payment_plan(&plan_input(
            "3000",
            3,
            Frequency::Weekly,
            "2026-03-11",
            "0",
            "2026-03-01",
        ))
        .unwrap(),
        note: String::new(),
    };
    let with = forecast(
        &p,
        &ix,
        as_of,
        &ForecastOptions {
            plans: vec![s],
            ..opts.clone()
        },
    )
    .unwrap();
    let got: Vec<Decimal> = with.weeks.iter().take(4).map(|w| w.expected).collect();
    assert_eq!(got, [Decimal::ZERO, dec("990"), dec("990"), dec("990")]);
    assert_eq!(with.on_plans, dec("3000"));
}

#[test]
fn forecast_against_actual() {
    // Forecast made on 2026-03-04; by 2026-03-25 three weeks have ended.
    // A pays I1 on 5 Mar (week 0) and half of I2 on 20 Mar (week 2).
    let mut p = ledger();
    p.invoices[1].payments.push(Payment {
        date: d("2026-03-05"),
        amount: dec("1000"),
    });
    p.invoices[2].payments.push(Payment {
        date: d("2026-03-20"),
        amount: dec("1000"),
    });
    let ix = LedgerIndex::new(&p);
    let opts = ForecastOptions {
        default_pd: Decimal::ZERO,
        ..ForecastOptions::default()
    };
    let v = forecast_vs_actual(&p, &ix, d("2026-03-04"), d("2026-03-25"), &opts).unwrap();
    assert_eq!(v.len(), 3);
    let actual: Vec<Decimal> = v.iter().map(|w| w.actual).collect();
    assert_eq!(actual, [dec("1000"), Decimal::ZERO, dec("1000")]);
    let forecast: Vec<Decimal> = v.iter().map(|w| w.forecast).collect();
    assert_eq!(forecast, [dec("1000"), Decimal::ZERO, Decimal::ZERO]);
    // Nothing has ended yet: nothing to compare.
    assert!(
        forecast_vs_actual(&p, &ix, d("2026-03-04"), d("2026-03-09"), &opts)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn terms_effect_by_hand() {
    // Issued in the 90 days to 4 Mar: I1 (30-day terms, 1,000), I2 (30, 2,000),
    // I3 (30, 500), I4 (37, 700) → 4,200 of sales, average 31.17 days.
    let p = ledger();
    let ix = LedgerIndex::new(&p);
    let t = terms_effect(&ix, None, 60, d("2026-03-04"), 90).unwrap();
    assert_eq!(t.current_terms_days.round_dp(2), dec("31.17"));
    assert_eq!(t.daily_sales.round_dp(4), dec("46.6667"));
    // AR 4,200 on 4,200 of sales over 90 days: DSO 90, +28.83 days.
    assert_eq!(t.dso_before, Some(dec("90")));
    assert_eq!(t.dso_after.unwrap().round_dp(2), dec("118.83"));
    assert!(t.cash_effect < Decimal::ZERO);
    assert_eq!(t.cash_effect.round_dp(2), dec("-1345.56"));
    let b = terms_effect(&ix, Some("B"), 30, d("2026-03-04"), 90).unwrap();
    assert_eq!(b.current_terms_days.round_dp(2), dec("34.08"));
    assert!(b.cash_effect > Decimal::ZERO);
}

#[test]
fn working_capital_from_the_table() {
    let opt = |x: &str| (!x.is_empty()).then(|| dec(x));
    let r2 = |x: Option<Decimal>| x.map(|v| v.round_dp(2));
    for r in rows("cash_working_capital.csv") {
        let w = working_capital(&WcInput {
            receivables: dec(&r[0]),
            credit_sales: dec(&r[1]),
            period_days: r[2].parse().unwrap(),
            inventory: dec(&r[3]),
            payables: dec(&r[4]),
            cost_of_sales: dec(&r[5]),
            cash: dec(&r[6]),
            current_liabilities: dec(&r[7]),
        });
        assert_eq!(w.wcr, dec(&r[8]), "{r:?}");
        assert_eq!(
            (r2(w.dso), r2(w.dio), r2(w.dpo), r2(w.ccc), w.cash_ratio),
            (
                opt(&r[9]),
                opt(&r[10]),
                opt(&r[11]),
                opt(&r[12]),
                opt(&r[13])
            ),
            "{r:?}"
        );
        assert_eq!(w.cash_freed(dec(&r[14])), dec(&r[15]), "{r:?}");
    }
}

#[test]
fn a_missed_plan_falls_due_in_the_first_week_and_a_kept_one_is_capped() {
    let mut p = ledger();
    let ix = LedgerIndex::new(&p);
    let as_of = d("2026-03-04");
    let opts = ForecastOptions {
        default_pd: Decimal::ZERO,
        ..ForecastOptions::default()
    };
    // 3 × 1,000 weekly on I1 and I2 from 18 Feb, agreed 10 Feb: the first
    // (18 Feb) was not paid by 4 Mar → missed; I1 and I2 (3,000) fall in
    // week 0 instead of weeks 0 and 3.
    let input = plan_input(
        "3000",
        3,
        Frequency::Weekly,
        "2026-02-18",
        "0",
        "2026-02-10",
    );
    let s = saved(&p, &["I1", "I2"], input);
    assert!(matches!(
        plan_state(&s, &p, as_of).unwrap(),
        PlanState::Missed {
            instalment: 1,
            rest_due,
            ..
        } if rest_due == dec("3000")
    ));
    let f = forecast(
        &p,
        &ix,
        as_of,
        &ForecastOptions {
            plans: vec![s.clone()],
            ..opts.clone()
        },
    )
    .unwrap();
    assert_eq!(f.weeks[0].expected, dec("3000"));
    assert_eq!(f.weeks[3].expected, Decimal::ZERO);
    assert_eq!((f.weeks[0].invoices, f.on_plans), (2, Decimal::ZERO));

    // The first instalment paid on 18 Feb (on I1): the second, 25 Feb, is
    // now the one missed (25 Feb + 5 days of grace = 2 Mar < 4 Mar), and
    // 2,000 is still due.
    p.invoices[1].payments.push(Payment {
        date: d("2026-02-18"),
        amount: dec("1000"),
    });
    let ix = LedgerIndex::new(&p);
    assert!(matches!(
        plan_state(&s, &p, as_of).unwrap(),
        PlanState::Missed { instalment: 2, rest_due, .. } if rest_due == dec("2000")
    ));
    // A plan at 12 % on I2 alone, agreed 1 Mar, 2 × monthly from 1 Apr: the
    // instalments (2,000 + interest) are capped at I2's open 2,000.
    let s3 = saved(
        &p,
        &["I2"],
        plan_input(
            "2000",
            2,
            Frequency::Monthly,
            "2026-04-01",
            "0.12",
            "2026-03-01",
        ),
    );
    assert!(s3.plan.total > dec("2000"));
    let f = forecast(
        &p,
        &ix,
        as_of,
        &ForecastOptions {
            plans: vec![s3],
            ..opts
        },
    )
    .unwrap();
    let total: Decimal = f.weeks.iter().map(|w| w.expected).sum::<Decimal>() + f.later;
    // I3 (500) and the plan's 2,000; I1 is paid.
    assert_eq!(total, dec("2500"));
    assert_eq!(f.on_plans, dec("2000"));
    // 1 Apr is in week 4 (1–7 Apr), 1 May in week 8 (29 Apr – 5 May):
    // 1,020.38 and 1,009.86 scaled by 2,000 / 2,030.24. (I3, due 1 Apr,
    // is expected on 6 Apr, week 4 too: A's and the portfolio's delay is
    // now 5 days, I1 having been paid early.)
    assert_eq!(f.weeks[4].expected + f.weeks[8].expected, dec("2500"));
    assert_eq!(
        f.weeks[8].expected.round_dp(2),
        (dec("1009.86") * dec("2000") / dec("2030.24")).round_dp(2)
    );
    assert_eq!(f.weeks[3].expected, Decimal::ZERO);
}

#[test]
fn a_dso_target_shifts_every_expected_date() {
    // DSO on 4 Mar is 90 (see terms_effect_by_hand); a target of 76 moves
    // every date 14 days earlier: I1 (2 Mar → 16 Feb, never before as_of)
    // stays in week 0, I2 (30 Mar → 16 Mar) goes to week 1, I3 (11 Apr →
    // 28 Mar) to week 3.
    let p = ledger();
    let ix = LedgerIndex::new(&p);
    let opts = ForecastOptions {
        default_pd: Decimal::ZERO,
        scenario: Scenario::DsoTarget { days: dec("76") },
        ..ForecastOptions::default()
    };
    let f = forecast(&p, &ix, d("2026-03-04"), &opts).unwrap();
    let got: Vec<Decimal> = f.weeks.iter().take(6).map(|w| w.expected).collect();
    assert_eq!(
        got,
        [
            dec("1000"),
            dec("2000"),
            Decimal::ZERO,
            dec("500"),
            Decimal::ZERO,
            Decimal::ZERO
        ]
    );
}

#[test]
fn terms_effect_uses_the_kpi_dso() {
    // An invoice dated after as_of did not exist yet: left out of AR, in
    // the KPIs and here alike (domain brief, "Ageing": as it stood).
    let mut p = ledger();
    p.invoices
        .push(inv("I5", "A", "2026-03-10", "2026-04-09", "300", &[]));
    let ix = LedgerIndex::new(&p);
    let as_of = d("2026-03-04");
    let k = credit_core::kpi::compute_index(&ix, as_of, &credit_core::kpi::KpiSettings::default())
        .unwrap();
    let t = terms_effect(&ix, None, 30, as_of, 90).unwrap();
    assert_eq!(t.dso_before, k.dso);
    assert_eq!(t.dso_before, Some(dec("4200") * dec("90") / dec("4200")));
    let f = forecast(&p, &ix, as_of, &ForecastOptions::default()).unwrap();
    assert_eq!(f.open_ar, dec("4200"));
    // A buyer unknown to the ledger: no sales, no DSO, no effect.
    let x = terms_effect(&ix, Some("nobody"), 30, as_of, 90).unwrap();
    assert_eq!((x.dso_before, x.cash_effect), (None, Decimal::ZERO));
}

proptest! {
    #[test]
    fn a_plan_always_sums_to_its_total(
        cents in 0i64..100_000_000,
        n in 1u32..=120,
        rate_bp in 0i64..3000,
        f in 0u8..3,
        gap in 0u64..60,
    ) {
        let input = PlanInput {
            balance: Decimal::new(cents, 2),
            currency: Currency::CNY,
            count: n,
            frequency: [Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly][f as usize],
            first: d("2026-01-01") + credit_core::Days::new(gap),
            annual_rate: Decimal::new(rate_bp, 4),
            start: d("2026-01-01"),
        };
        let p = payment_plan(&input).unwrap();
        let sum: Decimal = p.instalments.iter().map(|i| i.amount).sum();
        prop_assert_eq!(sum, p.total);
        prop_assert_eq!(p.total, input.balance + p.interest);
        let principal: Decimal = p.instalments.iter().map(|i| i.principal).sum();
        prop_assert_eq!(principal, input.balance);
        for i in &p.instalments {
            prop_assert!(i.amount >= Decimal::ZERO && i.principal >= Decimal::ZERO);
            prop_assert_eq!(i.amount.scale().max(2), 2);
        }
    }

    #[test]
    fn a_forecast_never_expects_more_than_the_open_receivables(
        rows in prop::collection::vec((0u8..2, 0i64..400, 0i64..120, 1i64..100_000, 0u8..4, 0i64..200), 1..40),
        pd in 0i64..300,
        terms in 0u32..120,
        scenario in 0u8..3,
        disputed in prop::collection::vec(any::<bool>(), 40),
        plan in prop::option::of((1u32..6, 1i64..500_000, 0i64..3000, 0u64..90)),
    ) {
        let base = d("2025-06-01");
        let invoices: Vec<Invoice> = rows
            .iter()
            .enumerate()
            .map(|(k, (c, issue, terms, cents, paid_q, pay_after))| {
                let issue_date = base + credit_core::Days::new(*issue as u64);
                let due = issue_date + credit_core::Days::new(*terms as u64);
                let gross = Decimal::new(*cents, 2);
                let paid = gross * Decimal::from(*paid_q) / Decimal::from(4);
                let pays = if paid.is_zero() { vec![] } else {
                    vec![Payment { date: due + credit_core::Days::new(*pay_after as u64), amount: paid }]
                };
                let mut i = inv(&format!("I{k}"), ["A", "B"][*c as usize], "2025-01-01", "2025-01-01", "0", &[]);
                i.issue_date = issue_date;
                i.due_date = due;
                i.gross = gross;
                i.payments = pays;
                if disputed[k] && k % 3 == 0 {
                    i.dispute = Some(Dispute { date: d("2025-12-01"), reason: "x".into() });
                }
                i
            })
            .collect();
        let ids: Vec<String> = invoices.iter().filter(|i| i.customer_id == "A").map(|i| i.id.clone()).collect();
        let p = portfolio(invoices);
        let ix = LedgerIndex::new(&p);
        let opts = ForecastOptions {
            default_pd: Decimal::new(pd, 3),
            scenario: match scenario { 0 => Scenario::Ledger, 1 => Scenario::Terms { days: terms }, _ => Scenario::DsoTarget { days: Decimal::from(terms) } },
            plans: plan.map(|(n, cents, rate_bp, gap)| {
                let input = PlanInput {
                    balance: Decimal::new(cents, 2),
                    currency: Currency::CNY,
                    count: n,
                    frequency: Frequency::Weekly,
                    first: d("2025-12-20") + credit_core::Days::new(gap),
                    annual_rate: Decimal::new(rate_bp, 4),
                    start: d("2025-12-15"),
                };
                SavedPlan {
                    id: "p".into(),
                    customer_id: "A".into(),
                    invoice_ids: ids.clone(),
                    plan: payment_plan(&input).unwrap(),
                    input,
                    note: String::new(),
                }
            }).into_iter().collect(),
            ..ForecastOptions::default()
        };
        let f = forecast(&p, &ix, d("2026-01-15"), &opts).unwrap();
        let total: Decimal = f.weeks.iter().map(|w| w.expected).sum();
        prop_assert!(total + f.later <= f.open_ar - f.disputed);
        prop_assert!(f.on_plans + f.disputed <= f.open_ar);
        for w in &f.weeks {
            prop_assert!(w.expected >= Decimal::ZERO && w.expected <= f.open_ar);
        }
    }
}

#[test]
fn the_plan_form_names_the_field_the_value_and_the_bound() {
    let as_of = d("2026-03-04");
    let ok = PlanForm {
        balance: "1,200.00".into(),
        count: "3".into(),
        rate_percent: "12 %".into(),
        first: "2026-04-01".into(),
    };
    let input = ok.input(Currency::CNY, Frequency::Monthly, as_of).unwrap();
    assert_eq!(
        input,
        PlanInput {
            balance: dec("1200.00"),
            currency: Currency::CNY,
            count: 3,
            frequency: Frequency::Monthly,
            first: d("2026-04-01"),
            annual_rate: dec("0.12"),
            start: as_of,
        }
    );
    // An empty first date: 30 days after the agreement.
    let empty = PlanForm {
        first: " ".into(),
        ..ok.clone()
    };
    assert_eq!(
        empty
            .input(Currency::CNY, Frequency::Monthly, as_of)
            .unwrap()
            .first,
        d("2026-04-03")
    );
    let refused = |f: PlanForm| {
        f.input(Currency::CNY, Frequency::Monthly, as_of)
            .unwrap_err()
    };
    assert_eq!(
        refused(PlanForm {
            balance: "-5".into(),
            ..ok.clone()
        }),
        FormError::NotAmount {
            field: Field::Balance,
            value: "-5".into()
        }
    );
    for count in ["0", "121", "x", ""] {
        assert_eq!(
            refused(PlanForm {
                count: count.into(),
                ..ok.clone()
            }),
            FormError::CountOutOfRange {
                field: Field::Instalments,
                value: count.into(),
                min: 1,
                max: 120
            }
        );
    }
    assert_eq!(
        refused(PlanForm {
            rate_percent: "".into(),
            ..ok.clone()
        }),
        FormError::NotPercent {
            field: Field::Interest,
            value: "".into()
        }
    );
    assert_eq!(
        refused(PlanForm {
            first: "2026-03-03".into(),
            ..ok.clone()
        }),
        FormError::DateTooEarly {
            field: Field::FirstInstalment,
            value: "2026-03-03".into(),
            earliest: as_of
        }
    );
    assert_eq!(
        refused(PlanForm {
            first: "4 March".into(),
            ..ok.clone()
        }),
        FormError::NotADate {
            field: Field::FirstInstalment,
            value: "4 March".into(),
            earliest: as_of
        }
    );
    // The first field that cannot be read is the one reported, and the
    // message names it (the CLI's English).
    let e = refused(PlanForm {
        balance: "x".into(),
        count: "0".into(),
        ..ok
    });
    assert_eq!(e.field(), Field::Balance);
    assert_eq!(e.to_string(), "Balance: 'x' is not an amount.");
}

#[test]
fn days_fields_accept_0_to_365() {
    assert_eq!(parse_terms_days(Field::NewTerms, "0"), Ok(0));
    assert_eq!(parse_terms_days(Field::ScenarioDays, " 365 "), Ok(365));
    for bad in ["366", "-1", "9x", "", "30.5"] {
        assert_eq!(
            parse_terms_days(Field::NewTerms, bad),
            Err(FormError::DaysOutOfRange {
                field: Field::NewTerms,
                value: bad.into(),
                max: 365
            })
        );
    }
    assert_eq!(
        FormError::DaysOutOfRange {
            field: Field::ScenarioDays,
            value: "9x".into(),
            max: 365
        }
        .to_string(),
        "Days: '9x' is not a number of days from 0 to 365."
    );
    assert_eq!(parse_dso_target("45.5"), Ok(dec("45.5")));
    assert_eq!(parse_dso_target("365"), Ok(dec("365")));
    for bad in ["365.01", "-1", "abc", ""] {
        assert!(
            matches!(
                parse_dso_target(bad),
                Err(FormError::DaysOutOfRange {
                    field: Field::ScenarioDays,
                    max: 365,
                    ..
                })
            ),
            "{bad}"
        );
    }
}

#[test]
fn the_working_capital_form_counts_empty_and_bad_fields_as_zero_and_lists_the_bad() {
    let form = WcForm {
        inventory: "3,000,000".into(),
        payables: "".into(),
        cost_of_sales: "12,000,000".into(),
        cash: "abc".into(),
        current_liabilities: "-1".into(),
        cut_days: "10".into(),
    };
    let read = form.read(dec("100"), dec("900"), 90);
    assert_eq!(
        read.input,
        WcInput {
            receivables: dec("100"),
            credit_sales: dec("900"),
            period_days: 90,
            inventory: dec("3000000"),
            payables: Decimal::ZERO,
            cost_of_sales: dec("12000000"),
            cash: Decimal::ZERO,
            current_liabilities: Decimal::ZERO,
        }
    );
    assert_eq!(read.cut_days, dec("10"));
    assert_eq!(
        read.errors,
        [
            FormError::NotAmount {
                field: Field::Cash,
                value: "abc".into()
            },
            FormError::NotAmount {
                field: Field::CurrentLiabilities,
                value: "-1".into()
            },
        ]
    );
    // The JSON kept with the portfolio (extras `cash.wc`) keeps its names.
    let json = serde_json::to_string(&WcForm::default()).unwrap();
    assert_eq!(
        json,
        r#"{"inventory":"","payables":"","cost_of_sales":"","cash":"","current_liabilities":"","cut_days":""}"#
    );
}

#[test]
fn an_overdue_balance_without_a_rate_is_refused_never_taken_1_to_1() {
    // A's overdue on 4 Mar: I1 (1,000, due 20 Feb); I2 is not due yet; a
    // 100 EUR invoice due 1 Feb is overdue too.
    let mut p = ledger();
    let mut eur = inv("E1", "A", "2026-01-02", "2026-02-01", "100", &[]);
    eur.currency = Currency::EUR;
    p.invoices.push(eur);
    let as_of = d("2026-03-04");
    assert_eq!(
        overdue_balance(&p, "A", as_of),
        Err(MoneyError::NoRate {
            currency: Currency::EUR,
            date: as_of
        })
    );
    // With a rate of 7.8 dated before: 1,000 + 780.
    p.fx.insert(FxRate {
        currency: Currency::EUR,
        date: d("2026-01-01"),
        rate: dec("7.8"),
    })
    .unwrap();
    let o = overdue_balance(&p, "A", as_of).unwrap();
    assert_eq!(o.balance, dec("1780"));
    assert_eq!(o.invoice_ids, ["I1", "E1"]);
    // A rate dated after the report date does not count either.
    let mut late = ledger();
    let mut eur = inv("E1", "A", "2026-01-02", "2026-02-01", "100", &[]);
    eur.currency = Currency::EUR;
    late.invoices.push(eur);
    late.fx
        .insert(FxRate {
            currency: Currency::EUR,
            date: d("2026-03-05"),
            rate: dec("7.8"),
        })
        .unwrap();
    assert!(matches!(
        overdue_balance(&late, "A", as_of),
        Err(MoneyError::NoRate { .. })
    ));
    // B's only invoice past due is disputed: nothing overdue to plan.
    assert_eq!(
        overdue_balance(&p, "B", as_of).unwrap().balance,
        Decimal::ZERO
    );
}
