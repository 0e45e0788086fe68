//! The monitoring rules (`credit_core::monitor`): each rule at its
//! threshold, just below and just above, on tiny hand-built portfolios; the
//! demo's planted buyer; hand-computed trends; and properties of
//! `evaluate` on random portfolios.

use std::collections::HashMap;

use credit_core::ageing::{age, AgeingSettings};
use credit_core::behaviour::payment_behaviour;
use credit_core::customer::Customer;
use credit_core::demo::{generate, DemoSpec, PLANTED_BUYER_ID};
use credit_core::heatmap::{self, Band, Zone};
use credit_core::index::LedgerIndex;
use credit_core::invoice::{Dispute, Invoice, Payment};
use credit_core::kpi;
use credit_core::limit::{limit_status, LimitStatus};
use credit_core::money::{Currency, FxRate};
use credit_core::monitor::{
    evaluate, trends, visible, Action, Alert, AlertNote, BuyerContext, DeadlineKind, Evidence,
    MonitorSettings, Rule, SettingsError, SettingsText, Severity, Show, Threshold,
};
use credit_core::portfolio::Portfolio;
use credit_core::{Decimal, NaiveDate};
use proptest::prelude::*;

mod common;

use common::monitor::{cust, d, dec, find, inv, named, portfolio, run, run_with};

/// The rule, severity and action expected.
type RuleOutcome = (Rule, Severity, Action);
/// The step, its offset, severity and action expected.
type StepOutcome = (u32, i64, Severity, Action);
/// The severity and action expected.
type Outcome = (Severity, Action);

// ---------------------------------------------------------------------------
// Over limit and utilisation

#[test]
fn over_limit_and_utilisation_at_their_thresholds() {
    // (exposure, expected rule, severity, action); limit 1,000.
    let table: Vec<(String, Option<RuleOutcome>)> = common::rows("monitor_limit_alerts.csv")
        .into_iter()
        .map(|r| {
            let want = (!r[1].is_empty()).then(|| (named(&r[1]), named(&r[2]), named(&r[3])));
            (r[0].clone(), want)
        })
        .collect();
    assert_eq!(table.len(), 7);
    for (exposure, want) in table {
        let exposure = exposure.as_str();
        let c = Customer {
            credit_limit: Some(dec("1000")),
            ..cust("A")
        };
        // Not yet due: no dunning alert.
        let p = portfolio(
            vec![c],
            vec![inv("1", "A", "2025-06-01", "2025-07-31", exposure, &[])],
        );
        let alerts = run(&p, "2025-06-30");
        let got: Vec<&Alert> = alerts
            .iter()
            .filter(|a| matches!(a.rule, Rule::OverLimit | Rule::Utilisation))
            .collect();
        match want {
            None => assert!(got.is_empty(), "{exposure}: {got:?}"),
            Some((rule, severity, action)) => {
                assert_eq!(got.len(), 1, "{exposure}: {got:?}");
                assert_eq!(
                    (got[0].rule, got[0].severity, got[0].action),
                    (rule, severity, action),
                    "{exposure}"
                );
                match &got[0].evidence {
                    Evidence::OverLimit { exposure: e, limit } => {
                        assert_eq!((*e, *limit), (dec(exposure), dec("1000")))
                    }
                    Evidence::Utilisation {
                        exposure: e,
                        limit,
                        utilisation,
                    } => {
                        assert_eq!((*e, *limit), (dec(exposure), dec("1000")));
                        assert_eq!(*utilisation, dec(exposure) / dec("1000"));
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
    }
}

#[test]
fn over_limit_counts_disputed_and_foreign_invoices_and_no_limit_means_no_alert() {
    let mut p = portfolio(
        vec![
            Customer {
                credit_limit: Some(dec("1000")),
                ..cust("A")
            },
            cust("B"),
        ],
        vec![
            inv("1", "A", "2025-06-01", "2025-07-31", "500", &[]),
            Invoice {
                kind: Default::default(),
                currency: Currency::EUR,
                dispute: Some(Dispute {
                    date: d("2025-06-10"),
                    reason: "quality".into(),
                }),
                ..inv("2", "A", "2025-06-01", "2025-07-31", "100", &[])
            },
            inv("3", "B", "2025-06-01", "2025-07-31", "1000000", &[]),
        ],
    );
    p.fx.insert(FxRate {
        currency: Currency::EUR,
        date: d("2025-01-01"),
        rate: dec("7.9"),
    })
    .unwrap();
    let alerts = run(&p, "2025-06-30");
    let a = find(&alerts, Rule::OverLimit, "A").expect("over limit");
    assert_eq!(
        a.evidence,
        Evidence::OverLimit {
            exposure: dec("1290"),
            limit: dec("1000")
        }
    );
    assert!(find(&alerts, Rule::OverLimit, "B").is_none());
    assert!(find(&alerts, Rule::Utilisation, "B").is_none());
    // A rate missing for a currency that counts is an error.
    let mut q = p.clone();
    q.fx = credit_core::money::FxTable::new(Currency::CNY);
    assert!(evaluate(
        &q,
        &LedgerIndex::new(&q),
        d("2025-06-30"),
        &HashMap::new(),
        &MonitorSettings::default()
    )
    .is_err());
}

// ---------------------------------------------------------------------------
// Dunning steps

#[test]
fn dunning_steps_at_their_offsets() {
    // days past due → (step, severity, action)
    let table: Vec<(i64, Option<StepOutcome>)> = common::rows("monitor_dunning_steps.csv")
        .into_iter()
        .map(|r| {
            let want = (!r[1].is_empty()).then(|| {
                (
                    r[1].parse().unwrap(),
                    r[2].parse().unwrap(),
                    named(&r[3]),
                    named(&r[4]),
                )
            });
            (r[0].parse().unwrap(), want)
        })
        .collect();
    assert_eq!(table.len(), 9);
    let as_of = d("2025-06-30");
    for (dpd, want) in table {
        let due = as_of - chrono::Days::new(dpd as u64);
        let p = portfolio(
            vec![cust("A")],
            vec![Invoice {
                kind: Default::default(),
                due_date: due,
                ..inv(
                    "1",
                    "A",
                    "2025-01-01",
                    "2025-01-01",
                    "250",
                    &[("2025-01-02", "50")],
                )
            }],
        );
        let got = find(&run(&p, "2025-06-30"), Rule::PastDunningStep, "A");
        match want {
            None => assert!(got.is_none(), "{dpd}: {got:?}"),
            Some((step, step_days, severity, action)) => {
                let a = got.unwrap_or_else(|| panic!("{dpd}: no alert"));
                assert_eq!((a.severity, a.action), (severity, action), "{dpd}");
                assert_eq!(
                    a.evidence,
                    Evidence::PastDunningStep {
                        step_days,
                        step,
                        invoices: 1,
                        amount: dec("200"),
                        max_days_past_due: dpd,
                    },
                    "{dpd}"
                );
            }
        }
    }
}

#[test]
fn dunning_counts_the_invoices_past_the_highest_step_and_skips_disputes_and_plans() {
    let disputed = Invoice {
        kind: Default::default(),
        dispute: Some(Dispute {
            date: d("2025-05-01"),
            reason: "x".into(),
        }),
        ..inv("4", "A", "2025-01-01", "2025-03-01", "9999", &[])
    };
    let p = portfolio(
        vec![cust("A"), cust("B")],
        vec![
            inv("1", "A", "2025-04-01", "2025-05-26", "100", &[]), // 35 days
            inv("2", "A", "2025-04-01", "2025-05-31", "200", &[]), // 30 days
            inv("3", "A", "2025-04-01", "2025-06-20", "400", &[]), // 10 days
            disputed,                                              // 121 days, disputed
            inv("5", "B", "2025-04-01", "2025-04-01", "50", &[]),  // 90 days
            inv(
                "6",
                "A",
                "2025-01-01",
                "2025-02-01",
                "70",
                &[("2025-03-01", "70")],
            ), // paid
        ],
    );
    let alerts = run(&p, "2025-06-30");
    let a = find(&alerts, Rule::PastDunningStep, "A").unwrap();
    assert_eq!(a.severity, Severity::Warning);
    assert_eq!(
        a.evidence,
        Evidence::PastDunningStep {
            step_days: 30,
            step: 2,
            invoices: 2,
            amount: dec("300"),
            max_days_past_due: 35,
        }
    );
    // On a payment plan: no dunning alert; the other buyer is unaffected.
    let ctx = HashMap::from([(
        "A".to_string(),
        BuyerContext {
            on_plan: true,
            ..BuyerContext::default()
        },
    )]);
    let alerts = run_with(&p, "2025-06-30", &ctx, &MonitorSettings::default());
    assert!(find(&alerts, Rule::PastDunningStep, "A").is_none());
    assert_eq!(
        find(&alerts, Rule::PastDunningStep, "B").unwrap().severity,
        Severity::Critical
    );
    // Steps given unsorted are sorted; a single step is the last.
    let s = MonitorSettings {
        dunning_steps: vec![31],
        ..MonitorSettings::default()
    };
    let alerts = run_with(&p, "2025-06-30", &HashMap::new(), &s);
    let a = find(&alerts, Rule::PastDunningStep, "A").unwrap();
    assert_eq!(
        (a.severity, a.action),
        (Severity::Critical, Action::Escalate)
    );
    let s = MonitorSettings {
        dunning_steps: vec![60, 3, 15],
        ..MonitorSettings::default()
    };
    let alerts = run_with(&p, "2025-06-30", &HashMap::new(), &s);
    let a = find(&alerts, Rule::PastDunningStep, "A").unwrap();
    assert!(matches!(
        a.evidence,
        Evidence::PastDunningStep {
            step: 2,
            step_days: 15,
            invoices: 2,
            ..
        }
    ));
}

// ---------------------------------------------------------------------------
// Grade and insured limit

#[test]
fn grade_downgrades() {
    let table: [(Option<u8>, Option<u8>, Option<Severity>); 7] = [
        (Some(3), Some(3), None),
        (Some(3), Some(2), None),
        (Some(3), Some(4), Some(Severity::Warning)),
        (Some(5), Some(7), Some(Severity::Warning)),
        (Some(5), Some(8), Some(Severity::Critical)),
        (Some(9), Some(10), Some(Severity::Critical)),
        (None, Some(9), None),
    ];
    let p = portfolio(vec![cust("A")], vec![]);
    for (before, now, want) in table {
        let ctx = HashMap::from([(
            "A".to_string(),
            BuyerContext {
                grade: now,
                previous_grade: before,
                ..BuyerContext::default()
            },
        )]);
        let got = find(
            &run_with(&p, "2025-06-30", &ctx, &MonitorSettings::default()),
            Rule::GradeDowngraded,
            "A",
        );
        assert_eq!(
            got.as_ref().map(|a| a.severity),
            want,
            "{before:?} → {now:?}"
        );
        if let Some(a) = got {
            assert_eq!(a.action, Action::Reassess);
            assert_eq!(
                a.evidence,
                Evidence::GradeDowngraded {
                    from: before.unwrap(),
                    to: now.unwrap()
                }
            );
        }
    }
}

#[test]
fn insured_limit_cuts() {
    // (before, now, exposure) → (severity, action)
    let table: [(&str, Option<&str>, &str, Option<Outcome>); 7] = [
        ("1000", Some("1000"), "500", None),
        ("1000", Some("1000.01"), "500", None),
        (
            "1000",
            Some("999.99"),
            "500",
            Some((Severity::Warning, Action::AskInsurer)),
        ),
        (
            "1000",
            Some("400"),
            "500",
            Some((Severity::Warning, Action::ReduceExposure)),
        ),
        (
            "1000",
            Some("0"),
            "500",
            Some((Severity::Critical, Action::ReduceExposure)),
        ),
        (
            "1000",
            None,
            "500",
            Some((Severity::Critical, Action::ReduceExposure)),
        ),
        (
            "1000",
            Some("0"),
            "0",
            Some((Severity::Warning, Action::AskInsurer)),
        ),
    ];
    for (before, now, exposure, want) in table {
        let c = Customer {
            insured_limit: now.map(dec),
            ..cust("A")
        };
        let invoices = if exposure == "0" {
            vec![]
        } else {
            vec![inv("1", "A", "2025-06-01", "2025-07-31", exposure, &[])]
        };
        let p = portfolio(vec![c], invoices);
        let ctx = HashMap::from([(
            "A".to_string(),
            BuyerContext {
                insured_limit_before: Some(dec(before)),
                ..BuyerContext::default()
            },
        )]);
        let got = find(
            &run_with(&p, "2025-06-30", &ctx, &MonitorSettings::default()),
            Rule::InsuredLimitCut,
            "A",
        );
        assert_eq!(
            got.as_ref().map(|a| (a.severity, a.action)),
            want,
            "{before} → {now:?} at {exposure}"
        );
        if let Some(a) = got {
            assert_eq!(
                a.evidence,
                Evidence::InsuredLimitCut {
                    from: dec(before),
                    to: now.map_or(Decimal::ZERO, dec)
                }
            );
        }
    }
    // Without the limit before, nothing to compare.
    let p = portfolio(vec![cust("A")], vec![]);
    assert!(run(&p, "2025-06-30").is_empty());
}

// ---------------------------------------------------------------------------
// Volume up while paying slower, delay worsening

/// As of 2025-12-31. Earlier window (2024-12-31, 2025-09-30]: sales 900
/// (100 a month), one payment 2 days late. Recent window: sales `recent`,
/// and payments of 100 each in October, November and December `delays`
/// days late (their invoices were issued before both windows).
fn volume_case(recent: &str, delays: [Option<i64>; 3]) -> Portfolio {
    let mut invoices = vec![
        inv(
            "E1",
            "A",
            "2025-03-15",
            "2025-04-14",
            "900",
            &[("2025-04-16", "900")],
        ),
        inv("R1", "A", "2025-11-01", "2026-01-31", recent, &[]),
    ];
    for (i, (pay, delay)) in ["2025-10-20", "2025-11-20", "2025-12-20"]
        .iter()
        .zip(delays)
        .enumerate()
    {
        if let Some(delay) = delay {
            let due = d(pay) - chrono::Days::new(delay as u64);
            invoices.push(Invoice {
                kind: Default::default(),
                due_date: due,
                ..inv(
                    &format!("P{i}"),
                    "A",
                    "2024-06-01",
                    "2024-06-01",
                    "100",
                    &[(pay, "100")],
                )
            });
        }
    }
    portfolio(vec![cust("A")], invoices)
}

#[test]
fn volume_up_while_paying_slower_at_its_thresholds() {
    // Earlier monthly sales 100 → the threshold is recent sales of 450; the
    // earlier delay is 2 days → the threshold is an average of 12 now.
    let table: [(&str, [i64; 3], bool); 8] = [
        ("450", [12, 12, 12], true),
        ("449.99", [12, 12, 12], false),
        ("450.01", [12, 12, 12], true),
        ("450", [11, 12, 12], false), // 11.67: rise 9.67
        ("450", [12, 12, 13], true),
        ("900", [0, 0, 0], false),
        ("900", [30, 40, 50], true),
        ("0", [30, 40, 50], false),
    ];
    for (recent, delays, want) in table {
        let p = volume_case(recent, delays.map(Some));
        let alerts = run(&p, "2025-12-31");
        let got = find(&alerts, Rule::VolumeUpPayingSlower, "A");
        assert_eq!(got.is_some(), want, "{recent} {delays:?}: {alerts:?}");
        if let Some(a) = got {
            assert_eq!(
                (a.severity, a.action),
                (Severity::Critical, Action::CallBuyer)
            );
            let Evidence::VolumeUpPayingSlower {
                recent_monthly_sales,
                earlier_monthly_sales,
                ratio,
                delay_before,
                delay_now,
            } = a.evidence
            else {
                panic!("{:?}", a.evidence)
            };
            assert_eq!(recent_monthly_sales, dec(recent) / Decimal::from(3));
            assert_eq!(earlier_monthly_sales, dec("100"));
            assert_eq!(ratio, recent_monthly_sales / dec("100"));
            assert_eq!(delay_before, dec("2"));
            let sum: i64 = delays.iter().sum();
            assert_eq!(delay_now, Decimal::from(sum * 100) / dec("300"));
        }
    }
    // No payment in the last three months: not flagged, however big.
    let p = volume_case("5000", [None, None, None]);
    assert!(find(&run(&p, "2025-12-31"), Rule::VolumeUpPayingSlower, "A").is_none());
    // No sales before: no ratio, not flagged.
    let mut p = volume_case("5000", [Some(40); 3]);
    p.invoices[0].issue_date = d("2024-12-01");
    assert!(find(&run(&p, "2025-12-31"), Rule::VolumeUpPayingSlower, "A").is_none());
}

#[test]
fn delay_worsening_at_its_thresholds_and_not_with_volume_up() {
    // Sales of 300 in the last three months = the earlier pace: no volume up.
    let table: [([Option<i64>; 3], Option<&str>); 7] = [
        ([Some(12), Some(13), Some(17)], Some("5")),
        ([Some(12), Some(13), Some(16)], None),
        ([Some(12), Some(13), Some(18)], Some("6")),
        ([Some(12), Some(12), Some(17)], Some("5")), // flat then up: non-decreasing
        ([Some(12), Some(18), Some(17)], None),      // a dip
        ([None, Some(13), Some(30)], None),          // a month without payments
        ([Some(30), Some(20), Some(10)], None),
    ];
    for (delays, want) in table {
        let p = volume_case("300", delays);
        let alerts = run(&p, "2025-12-31");
        let got = find(&alerts, Rule::DelayWorsening, "A");
        assert_eq!(
            got.as_ref().map(|a| a.evidence.clone()).map(|e| match e {
                Evidence::DelayWorsening { rise, .. } => rise,
                other => panic!("{other:?}"),
            }),
            want.map(dec),
            "{delays:?}"
        );
        if let Some(a) = got {
            assert_eq!(
                (a.severity, a.action),
                (Severity::Warning, Action::MonitorClosely)
            );
            let Evidence::DelayWorsening { months, .. } = a.evidence else {
                unreachable!()
            };
            let ends: Vec<NaiveDate> = months.iter().map(|m| m.0).collect();
            assert_eq!(ends, [d("2025-10-31"), d("2025-11-30"), d("2025-12-31")]);
            assert_eq!(months[0].1, Decimal::from(delays[0].unwrap()));
        }
    }
    // A payment on a month's last day belongs to that month.
    let mut p = volume_case("300", [Some(12), Some(13), Some(17)]);
    let october = p.invoices.iter_mut().find(|i| i.id == "P0").unwrap();
    october.payments[0].date = d("2025-10-31");
    october.due_date = d("2025-10-19");
    assert!(find(&run(&p, "2025-12-31"), Rule::DelayWorsening, "A").is_some());
    // The same worsening with volume up: only the stronger alert.
    let p = volume_case("900", [Some(12), Some(13), Some(17)]);
    let alerts = run(&p, "2025-12-31");
    assert!(find(&alerts, Rule::VolumeUpPayingSlower, "A").is_some());
    assert!(find(&alerts, Rule::DelayWorsening, "A").is_none());
    // The threshold is a setting.
    let p = volume_case("300", [Some(12), Some(13), Some(16)]);
    let s = MonitorSettings {
        worsening_days: dec("4"),
        ..MonitorSettings::default()
    };
    assert!(find(
        &run_with(&p, "2025-12-31", &HashMap::new(), &s),
        Rule::DelayWorsening,
        "A"
    )
    .is_some());
}

// ---------------------------------------------------------------------------
// Concentration

#[test]
fn concentration_above_a_fifth() {
    let table: [(&str, &str, bool); 4] = [
        ("200", "800", false),
        ("200.01", "799.99", true),
        ("199.99", "800.01", false),
        ("500", "500", true),
    ];
    for (a, b, want) in table {
        let p = portfolio(
            vec![cust("A"), cust("B")],
            vec![
                inv("1", "A", "2025-06-01", "2025-07-31", a, &[]),
                inv("2", "B", "2025-06-01", "2025-07-31", b, &[]),
            ],
        );
        let alerts = run(&p, "2025-06-30");
        let got = find(&alerts, Rule::Concentration, "A");
        assert_eq!(got.is_some(), want, "{a}");
        if let Some(x) = got {
            assert_eq!(
                (x.severity, x.action),
                (Severity::Warning, Action::ReduceExposure)
            );
            assert_eq!(
                x.evidence,
                Evidence::Concentration {
                    exposure: dec(a),
                    total: dec("1000"),
                    share: dec(a) / dec("1000"),
                }
            );
        }
        // B always holds more than a fifth.
        assert!(find(&alerts, Rule::Concentration, "B").is_some());
    }
    // No AR at all: nothing.
    assert!(run(&portfolio(vec![cust("A")], vec![]), "2025-06-30").is_empty());
}

// ---------------------------------------------------------------------------
// Insurer deadlines

#[test]
fn insurer_deadlines_in_the_window() {
    let as_of = d("2025-06-30");
    // (days from as_of to the deadline, which deadline) → severity
    let table: [(i64, DeadlineKind, Option<Severity>); 10] = [
        (-1, DeadlineKind::ExtensionEnds, None),
        (0, DeadlineKind::ExtensionEnds, Some(Severity::Critical)),
        (2, DeadlineKind::ExtensionEnds, Some(Severity::Critical)),
        (3, DeadlineKind::ExtensionEnds, Some(Severity::Warning)),
        (7, DeadlineKind::ExtensionEnds, Some(Severity::Warning)),
        (8, DeadlineKind::ExtensionEnds, None),
        (-1, DeadlineKind::NotificationDue, None),
        (2, DeadlineKind::NotificationDue, Some(Severity::Critical)),
        (7, DeadlineKind::NotificationDue, Some(Severity::Warning)),
        (8, DeadlineKind::NotificationDue, None),
    ];
    for (left, kind, want) in table {
        let back = match kind {
            DeadlineKind::ExtensionEnds => 60 - left,
            DeadlineKind::NotificationDue => 90 - left,
        };
        let due = as_of - chrono::Days::new(back as u64);
        let c = Customer {
            insured_limit: Some(dec("1000")),
            ..cust("A")
        };
        let p = portfolio(
            vec![c],
            vec![Invoice {
                kind: Default::default(),
                due_date: due,
                ..inv("F1", "A", "2024-12-01", "2024-12-01", "100", &[])
            }],
        );
        let got = find(&run(&p, "2025-06-30"), Rule::InsurerDeadline, "A");
        assert_eq!(got.as_ref().map(|a| a.severity), want, "{left} {kind:?}");
        if let Some(a) = got {
            assert_eq!(a.action, Action::NotifyInsurer);
            assert_eq!(
                a.evidence,
                Evidence::InsurerDeadline {
                    kind,
                    date: as_of + chrono::Days::new(left as u64),
                    days_left: left,
                    invoice_id: "F1".into(),
                    invoices: 1,
                }
            );
        }
    }
}

#[test]
fn insurer_deadline_earliest_of_several_and_only_for_insured_undisputed() {
    let invoices = vec![
        inv("F1", "A", "2025-01-01", "2025-05-05", "100", &[]), // ext ends 07-04
        inv("F2", "A", "2025-01-01", "2025-04-02", "100", &[]), // notification 07-01
        inv("F3", "A", "2025-01-01", "2025-06-01", "100", &[]), // nothing in window
        inv(
            "F4",
            "A",
            "2025-01-01",
            "2025-05-01",
            "100",
            &[("2025-06-01", "100")],
        ), // paid
        Invoice {
            kind: Default::default(),
            dispute: Some(Dispute {
                date: d("2025-06-01"),
                reason: "x".into(),
            }),
            ..inv("F5", "A", "2025-01-01", "2025-05-01", "100", &[]) // disputed
        },
    ];
    let mut p = portfolio(
        vec![Customer {
            insured_limit: Some(dec("1")),
            ..cust("A")
        }],
        invoices,
    );
    let a = find(&run(&p, "2025-06-30"), Rule::InsurerDeadline, "A").unwrap();
    assert_eq!(a.severity, Severity::Critical);
    assert_eq!(
        a.evidence,
        Evidence::InsurerDeadline {
            kind: DeadlineKind::NotificationDue,
            date: d("2025-07-01"),
            days_left: 1,
            invoice_id: "F2".into(),
            invoices: 2,
        }
    );
    for limit in [None, Some(Decimal::ZERO)] {
        p.customers[0].insured_limit = limit;
        assert!(find(&run(&p, "2025-06-30"), Rule::InsurerDeadline, "A").is_none());
    }
}

// ---------------------------------------------------------------------------
// The demo

#[test]
fn demo_flags_the_planted_buyer_and_no_other_for_volume_up() {
    for end in ["2026-06-30", "2026-03-31", "2025-11-15"] {
        let as_of = d(end);
        let p = generate(&DemoSpec::standard(as_of));
        let ix = LedgerIndex::new(&p);
        let alerts =
            evaluate(&p, &ix, as_of, &HashMap::new(), &MonitorSettings::default()).unwrap();
        let flagged: Vec<&str> = alerts
            .iter()
            .filter(|a| a.rule == Rule::VolumeUpPayingSlower)
            .map(|a| a.customer_id.as_str())
            .collect();
        assert_eq!(flagged, [PLANTED_BUYER_ID], "{end}");
        let planted = find(&alerts, Rule::VolumeUpPayingSlower, PLANTED_BUYER_ID).unwrap();
        let Evidence::VolumeUpPayingSlower {
            ratio,
            delay_before,
            delay_now,
            ..
        } = planted.evidence
        else {
            unreachable!()
        };
        assert!(ratio >= dec("1.5"), "{ratio}");
        assert!(delay_now - delay_before >= dec("10"));
        // Same figures as the buyer's payment behaviour.
        let b = payment_behaviour(&ix, PLANTED_BUYER_ID, as_of).unwrap();
        assert_eq!(Some(delay_now - delay_before), b.trend_days);
        // No prompt payer is flagged with it.
        for c in &p.customers {
            let b = payment_behaviour(&ix, &c.id, as_of).unwrap();
            if b.avg_delay_days.is_some_and(|x| x <= dec("5")) {
                assert!(
                    find(&alerts, Rule::VolumeUpPayingSlower, &c.id).is_none(),
                    "{}",
                    c.id
                );
            }
        }
        // The demo raises other alerts too, in order.
        assert!(alerts.len() > 10);
        assert_sorted(&alerts);
    }
}

fn assert_sorted(alerts: &[Alert]) {
    for w in alerts.windows(2) {
        let ka = (
            std::cmp::Reverse(w[0].severity),
            &w[0].customer_id,
            w[0].rule,
        );
        let kb = (
            std::cmp::Reverse(w[1].severity),
            &w[1].customer_id,
            w[1].rule,
        );
        assert!(ka < kb, "{:?} before {:?}", w[0], w[1]);
    }
}

#[test]
fn rule_keys_match_serde_and_alert_keys_are_stable() {
    for r in Rule::ALL {
        assert_eq!(
            serde_json::to_value(r).unwrap(),
            serde_json::Value::String(r.key().into())
        );
    }
    let a = Alert {
        rule: Rule::OverLimit,
        severity: Severity::Critical,
        customer_id: "C0007".into(),
        evidence: Evidence::OverLimit {
            exposure: dec("1.5"),
            limit: dec("1"),
        },
        action: Action::HoldDeliveries,
    };
    assert_eq!(a.key(), "over_limit:C0007");
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["evidence"]["over_limit"]["exposure"], "1.5");
    assert_eq!(v["severity"], "critical");
    assert_eq!(v["action"], "hold_deliveries");
    let back: Alert = serde_json::from_value(v).unwrap();
    assert_eq!(back, a);
    assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Critical);
}

// ---------------------------------------------------------------------------
// Trends

fn trend_ledger() -> Portfolio {
    let mut p = portfolio(
        vec![cust("A"), cust("B")],
        vec![
            inv(
                "1",
                "A",
                "2025-03-15",
                "2025-04-14",
                "1000",
                &[("2025-04-24", "1000")],
            ),
            inv(
                "2",
                "A",
                "2025-04-10",
                "2025-05-10",
                "2000",
                &[("2025-05-30", "600")],
            ),
            inv("3", "A", "2025-05-20", "2025-06-19", "500", &[]),
            inv(
                "4",
                "A",
                "2025-06-05",
                "2025-07-05",
                "300",
                &[("2025-06-25", "300")],
            ),
            Invoice {
                kind: Default::default(),
                currency: Currency::EUR,
                ..inv("5", "B", "2025-06-10", "2025-07-10", "100", &[])
            },
            // Paid after as_of: ignored.
            inv(
                "6",
                "B",
                "2025-06-11",
                "2025-06-12",
                "50",
                &[("2025-07-02", "50")],
            ),
        ],
    );
    for (date, rate) in [("2025-01-01", "7"), ("2025-06-01", "8")] {
        p.fx.insert(FxRate {
            currency: Currency::EUR,
            date: d(date),
            rate: dec(rate),
        })
        .unwrap();
    }
    p
}

#[test]
fn trends_hand_computed() {
    let p = trend_ledger();
    let ix = LedgerIndex::new(&p);
    let t = trends(&ix, None, d("2025-06-30"), 3).unwrap();
    let ends: Vec<NaiveDate> = t.iter().map(|m| m.month_end).collect();
    assert_eq!(ends, [d("2025-04-30"), d("2025-05-31"), d("2025-06-30")]);
    // April: sales invoice 2; AR invoice 2 (not yet due); 90-day sales 1 + 2;
    // payment of invoice 1, 10 days late.
    assert_eq!(t[0].sales, dec("2000"));
    assert_eq!(t[0].ar, dec("2000"));
    assert_eq!(t[0].dso, Some(dec("60"))); // 2000 / 3000 × 90
    assert_eq!(t[0].avg_delay_days, Some(dec("10")));
    assert_eq!(t[0].overdue_ratio, Some(Decimal::ZERO));
    // May: sales invoice 3; AR 1400 (2, overdue) + 500 (3); 90-day sales
    // 1 + 2 + 3; 600 paid 20 days late.
    assert_eq!(t[1].sales, dec("500"));
    assert_eq!(t[1].ar, dec("1900"));
    assert_eq!(t[1].dso.unwrap().round_dp(4), dec("48.8571")); // 1900 / 3500 × 90
    assert_eq!(t[1].avg_delay_days, Some(dec("20")));
    assert_eq!(t[1].overdue_ratio, Some(dec("1400") / dec("1900")));
    // June: sales 300 + 100 EUR × 8 + 50; AR 1400 + 500 (both overdue) +
    // 800 + 50 (overdue, paid after as_of); 90-day sales 2 + 3 + 4 + 5 + 6;
    // invoice 4 paid early: 0 days.
    assert_eq!(t[2].sales, dec("1150"));
    assert_eq!(t[2].ar, dec("2750"));
    assert_eq!(t[2].dso, Some(dec("2750") * dec("90") / dec("3650")));
    assert_eq!(t[2].avg_delay_days, Some(Decimal::ZERO));
    assert_eq!(t[2].overdue_ratio, Some(dec("1950") / dec("2750")));
    // The last month agrees with the KPIs of a 90-day period.
    let k = kpi::compute(&p, d("2025-06-30"), &kpi::KpiSettings::default()).unwrap();
    assert_eq!(t[2].ar, k.closing_ar);
    assert_eq!(t[2].dso, k.dso);
    assert_eq!(t[2].overdue_ratio, k.overdue_ratio);

    // One buyer.
    let a = trends(&ix, Some("A"), d("2025-06-30"), 3).unwrap();
    assert_eq!(a[2].sales, dec("300"));
    assert_eq!(a[2].ar, dec("1900"));
    assert_eq!(a[2].dso, Some(dec("1900") * dec("90") / dec("2800")));
    assert_eq!(a[2].overdue_ratio, Some(Decimal::ONE));
    assert_eq!(a[0], t[0]);
    let b = trends(&ix, Some("B"), d("2025-06-30"), 3).unwrap();
    assert_eq!(b[0].ar, Decimal::ZERO);
    assert_eq!(b[0].dso, None);
    assert_eq!(b[0].avg_delay_days, None);
    assert_eq!(b[0].overdue_ratio, None);
    // Unknown buyer: months of zeros; no months: nothing.
    let z = trends(&ix, Some("nobody"), d("2025-06-30"), 2).unwrap();
    assert_eq!(z.len(), 2);
    assert!(z.iter().all(|m| m.ar.is_zero() && m.sales.is_zero()));
    assert!(trends(&ix, None, d("2025-06-30"), 0).unwrap().is_empty());
    // Mid-month: months walked back from the date.
    let m = trends(&ix, None, d("2025-06-15"), 2).unwrap();
    assert_eq!(m[0].month_end, d("2025-05-15"));
    assert_eq!(m[1].month_end, d("2025-06-15"));
}

#[test]
fn trends_on_the_demo_by_hand() {
    let as_of = d("2026-06-30");
    let p = generate(&DemoSpec::standard(as_of));
    let ix = LedgerIndex::new(&p);
    let t = trends(&ix, None, as_of, 12).unwrap();
    assert_eq!(t.len(), 12);
    // Month ends in order; AR and DSO recomputed invoice by invoice.
    for w in t.windows(2) {
        assert!(w[0].month_end < w[1].month_end);
    }
    for m in &t[1..] {
        let sales: Decimal = p
            .invoices
            .iter()
            .filter(|i| {
                i.issue_date > m.month_end - chrono::Days::new(90) && i.issue_date <= m.month_end
            })
            .map(|i| i.gross * p.fx.rate(i.currency, as_of).unwrap())
            .sum();
        // AR of invoices issued by the month end, at the as_of rate.
        let ar: Decimal = p
            .invoices
            .iter()
            .filter(|i| i.issue_date <= m.month_end)
            .map(|i| i.open_as_of(m.month_end) * p.fx.rate(i.currency, as_of).unwrap())
            .filter(|x| *x > Decimal::ZERO)
            .sum();
        assert_eq!(m.ar, ar, "{}", m.month_end);
        assert_eq!(m.dso, kpi::dso(ar, sales, 90), "{}", m.month_end);
    }
}

// ---------------------------------------------------------------------------
// Properties

fn arb_invoice(n_customers: usize) -> impl Strategy<Value = Invoice> {
    (
        0..n_customers + 1, // the last is a buyer the portfolio does not have
        0u64..500,
        0u64..120,
        1i64..100_000,
        prop::collection::vec((0u64..700, 0i64..100), 0..3),
        prop::option::of(0u64..600),
        any::<bool>(),
    )
        .prop_map(|(c, issue, terms, cents, pays, dispute, eur)| {
            let start = d("2024-06-01");
            let issue_date = start + chrono::Days::new(issue);
            let gross = Decimal::new(cents, 2);
            Invoice {
                kind: Default::default(),
                id: String::new(),
                customer_id: format!("C{c}"),
                issue_date,
                due_date: issue_date + chrono::Days::new(terms),
                currency: if eur { Currency::EUR } else { Currency::CNY },
                gross,
                vat: None,
                payments: pays
                    .into_iter()
                    .map(|(day, pct)| Payment {
                        date: start + chrono::Days::new(day),
                        amount: gross * Decimal::from(pct) / Decimal::from(100),
                    })
                    .collect(),
                dispute: dispute.map(|day| Dispute {
                    date: start + chrono::Days::new(day),
                    reason: "x".into(),
                }),
            }
        })
}

fn arb_case() -> impl Strategy<Value = (Portfolio, HashMap<String, BuyerContext>, u64)> {
    (1usize..6).prop_flat_map(|n| {
        (
            prop::collection::vec(
                (
                    prop::option::of(0i64..200_000),
                    prop::option::of(0i64..200_000),
                    prop::option::of(0i64..200_000),
                    prop::option::of((1u8..=10, 1u8..=10)),
                    any::<bool>(),
                ),
                n,
            ),
            prop::collection::vec(arb_invoice(n), 0..40),
            0u64..700,
        )
            .prop_map(move |(buyers, mut invoices, as_of)| {
                let mut p = portfolio(vec![], vec![]);
                p.fx.insert(FxRate {
                    currency: Currency::EUR,
                    date: d("2024-01-01"),
                    rate: dec("7.8"),
                })
                .unwrap();
                let mut ctx = HashMap::new();
                for (i, (limit, insured, before, grades, plan)) in buyers.into_iter().enumerate() {
                    let id = format!("C{i}");
                    p.customers.push(Customer {
                        credit_limit: limit.map(|x| Decimal::new(x, 2) * Decimal::from(10)),
                        insured_limit: insured.map(Decimal::from),
                        ..cust(&id)
                    });
                    ctx.insert(
                        id,
                        BuyerContext {
                            grade: grades.map(|g| g.1),
                            previous_grade: grades.map(|g| g.0),
                            insured_limit_before: before.map(Decimal::from),
                            on_plan: plan,
                        },
                    );
                }
                for (k, inv) in invoices.iter_mut().enumerate() {
                    inv.id = format!("F{k}");
                }
                p.invoices = invoices;
                (p, ctx, as_of)
            })
    })
}

proptest! {
    #[test]
    fn evaluate_properties((p, ctx, as_of_day) in arb_case()) {
        let as_of = d("2024-06-01") + chrono::Days::new(as_of_day);
        let ix = LedgerIndex::new(&p);
        let s = MonitorSettings::default();
        let alerts = evaluate(&p, &ix, as_of, &ctx, &s).unwrap();
        // Deterministic, and the same through a fresh index.
        prop_assert_eq!(&alerts, &evaluate(&p, &ix, as_of, &ctx, &s).unwrap());
        prop_assert_eq!(&alerts, &evaluate(&p, &LedgerIndex::new(&p), as_of, &ctx, &s).unwrap());
        assert_sorted(&alerts);
        let ageing = age(&p, as_of, &AgeingSettings::default()).unwrap();
        let mut keys = std::collections::HashSet::new();
        for a in &alerts {
            // Every alert's buyer exists.
            prop_assert!(p.customer(&a.customer_id).is_some(), "{}", a.customer_id);
            // One alert per rule per buyer.
            prop_assert!(keys.insert(a.key()));
            // The exposure is the ageing report's.
            let aged = ageing
                .customers
                .iter()
                .find(|c| c.customer_id == a.customer_id)
                .map_or(Decimal::ZERO, |c| c.row.total);
            match &a.evidence {
                Evidence::OverLimit { exposure, limit } => {
                    prop_assert_eq!(*exposure, aged);
                    prop_assert!(exposure > limit);
                }
                Evidence::Utilisation { exposure, utilisation, .. } => {
                    prop_assert_eq!(*exposure, aged);
                    prop_assert!(*utilisation >= s.utilisation && *utilisation <= Decimal::ONE);
                }
                Evidence::Concentration { exposure, total, share } => {
                    prop_assert_eq!(*exposure, aged);
                    // What buyers owe: those in net credit do not count.
                    let owed: Decimal = ageing
                        .customers
                        .iter()
                        .map(|c| c.row.total.max(Decimal::ZERO))
                        .sum();
                    prop_assert_eq!(*total, owed);
                    prop_assert!(*share > s.concentration);
                }
                Evidence::PastDunningStep { invoices, .. } => {
                    prop_assert!(*invoices > 0);
                    prop_assert!(!ctx[&a.customer_id].on_plan);
                }
                Evidence::InsurerDeadline { days_left, .. } => {
                    prop_assert!((0..=s.deadline_window_days).contains(days_left));
                }
                _ => {}
            }
        }
        // Never both over limit and utilisation for one buyer.
        for c in &p.customers {
            let over = alerts.iter().any(|a| a.customer_id == c.id && a.rule == Rule::OverLimit);
            let util = alerts.iter().any(|a| a.customer_id == c.id && a.rule == Rule::Utilisation);
            prop_assert!(!(over && util), "{}", c.id);
        }
    }
}

/// Domain brief, "Ageing" (open items): a buyer's exposure is the net of
/// its open items; a buyer in net credit is neither overdue nor over its
/// limit. By hand: K owes 1,000 due 90 days before 2026-03-31 on a limit of
/// 500 — over its limit and past the last dunning step. A payment on
/// account of 1,800 (unapplied cash) puts it in net credit (−800): no
/// over-limit, no dunning alert. A credit note of 600 instead leaves 400
/// owed: under the limit (80 % used: the utilisation warning), still dunned
/// for the overdue 1,000 invoice.
#[test]
fn a_buyer_in_net_credit_raises_no_over_limit_or_dunning_alert() {
    let mut k = cust("K");
    k.credit_limit = Some(dec("500"));
    let owed = inv("A", "K", "2025-12-01", "2025-12-31", "1000", &[]);
    let p = portfolio(vec![k.clone()], vec![owed.clone()]);
    let a = run(&p, "2026-03-31");
    assert!(find(&a, Rule::OverLimit, "K").is_some());
    assert!(find(&a, Rule::PastDunningStep, "K").is_some());

    let mut cash = inv("PAY-1", "K", "2026-03-01", "2026-03-01", "-1800", &[]);
    cash.kind = credit_core::invoice::DocKind::Payment;
    let p = portfolio(vec![k.clone()], vec![owed.clone(), cash]);
    let a = run(&p, "2026-03-31");
    assert_eq!(
        a.iter().filter(|x| x.customer_id == "K").count(),
        0,
        "{a:?}"
    );

    let mut cn = inv("CN-1", "K", "2026-03-01", "2026-03-01", "-520", &[]);
    cn.kind = credit_core::invoice::DocKind::CreditNote;
    let p = portfolio(vec![k], vec![owed, cn]);
    let a = run(&p, "2026-03-31");
    assert!(find(&a, Rule::OverLimit, "K").is_none());
    let u = find(&a, Rule::Utilisation, "K").expect("96 % used");
    assert_eq!(
        u.evidence,
        Evidence::Utilisation {
            exposure: dec("480"),
            limit: dec("500"),
            utilisation: dec("0.96"),
        }
    );
    assert!(find(&a, Rule::PastDunningStep, "K").is_some());
}

// ---------------------------------------------------------------------------
// The limit check, the heat map's cells, notes and the thresholds form

/// A decimal, or `None` for an empty column.
fn opt_dec(s: &str) -> Option<Decimal> {
    (!s.is_empty()).then(|| dec(s))
}

#[test]
fn limit_status_with_the_configured_threshold() {
    let rows = common::rows("monitor_limit_status.csv");
    assert_eq!(rows.len(), 15);
    for r in rows {
        let (exposure, limit, nearly) = (dec(&r[0]), opt_dec(&r[1]), dec(&r[2]));
        let u = opt_dec(&r[4]);
        let want = match r[3].as_str() {
            "no_limit" => LimitStatus::NoLimit,
            "within" => LimitStatus::Within { utilisation: u },
            "nearly_used" => LimitStatus::NearlyUsed {
                utilisation: u.expect("a utilisation"),
            },
            "over" => LimitStatus::Over { utilisation: u },
            other => panic!("status {other}"),
        };
        assert_eq!(limit_status(exposure, limit, nearly), want, "{r:?}");
    }
}

#[test]
fn heat_map_cells_bands_and_zones() {
    let rows = common::rows("monitor_heatmap.csv");
    assert_eq!(rows.len(), 22);
    for r in rows {
        let grade: Option<u8> = (!r[0].is_empty()).then(|| r[0].parse().unwrap());
        let band = Band::of(dec(&r[1]));
        assert_eq!(band.index().to_string(), r[2], "{r:?}");
        assert_eq!(band, Band::ALL[usize::from(band.index())]);
        let want = match r[3].as_str() {
            "low" => Zone::Low,
            "medium" => Zone::Medium,
            "high" => Zone::High,
            "not_assessed" => Zone::NotAssessed,
            other => panic!("zone {other}"),
        };
        assert_eq!(heatmap::zone(grade, band), want, "{r:?}");
    }
}

proptest! {
    /// A worse grade or a larger share never gives a lower zone; a wider
    /// share never a lower band.
    #[test]
    fn heat_map_zones_never_improve_with_risk(g in 1u8..=10, h in 1u8..=10, a in 0u32..=10_000, b in 0u32..=10_000) {
        let (g, h) = (g.min(h), g.max(h));
        let (a, b) = (a.min(b), a.max(b));
        let share = |x: u32| Decimal::new(i64::from(x), 4);
        let (ba, bb) = (Band::of(share(a)), Band::of(share(b)));
        prop_assert!(ba <= bb);
        prop_assert!(heatmap::zone(Some(g), ba) <= heatmap::zone(Some(h), ba));
        prop_assert!(heatmap::zone(Some(g), ba) <= heatmap::zone(Some(g), bb));
    }

    /// More exposure against the same limit never gives a better status.
    #[test]
    fn limit_status_never_improves_with_exposure(x in -1_000i64..3_000, y in -1_000i64..3_000, limit in 0i64..2_000, nearly in 1i64..=100) {
        let rank = |s: LimitStatus| match s {
            LimitStatus::Within { .. } => 0,
            LimitStatus::NearlyUsed { .. } => 1,
            LimitStatus::Over { .. } => 2,
            LimitStatus::NoLimit => unreachable!(),
        };
        let (lo, hi) = (x.min(y), x.max(y));
        let nearly = Decimal::new(nearly, 2);
        let l = Some(Decimal::from(limit));
        prop_assert!(rank(limit_status(Decimal::from(lo), l, nearly)) <= rank(limit_status(Decimal::from(hi), l, nearly)));
    }
}

#[test]
fn notes_hide_their_alert_until_it_worsens_or_the_snooze_ends() {
    let rows = common::rows("monitor_notes.csv");
    assert_eq!(rows.len(), 12);
    for r in rows {
        let alert = Alert {
            rule: Rule::GradeDowngraded,
            severity: named(&r[3]),
            customer_id: "A".into(),
            evidence: Evidence::GradeDowngraded { from: 3, to: 5 },
            action: Action::Reassess,
        };
        let note = AlertNote {
            key: alert.key(),
            kind: named(&r[0]),
            until: (!r[1].is_empty()).then(|| d(&r[1])),
            severity: named(&r[2]),
            note: String::new(),
            on: d("2026-07-01"),
        };
        let hides: bool = r[5].parse().unwrap();
        assert_eq!(note.hides(&alert, d(&r[4])), hides, "{r:?}");
        let notes = HashMap::from([(note.key.clone(), note)]);
        let alerts = [alert];
        let shown = |show| visible(&alerts, &notes, d(&r[4]), show).len();
        assert_eq!(
            (shown(Show::Open), shown(Show::Noted), shown(Show::All)),
            (usize::from(!hides), usize::from(hides), 1),
            "{r:?}"
        );
    }
}

#[test]
fn thresholds_form_checks_each_field_against_its_bounds() {
    let rows = common::rows("monitor_thresholds.csv");
    assert_eq!(rows.len(), 37);
    let defaults = SettingsText::of(&MonitorSettings::default());
    assert_eq!(defaults.parse(), Ok(MonitorSettings::default()));
    for r in rows {
        let mut t = defaults.clone();
        let field = match r[0].as_str() {
            "utilisation" => &mut t.utilisation,
            "steps" => &mut t.steps,
            "volume" => &mut t.volume,
            "rise" => &mut t.rise,
            "months" => &mut t.months,
            "worsening" => &mut t.worsening,
            "concentration" => &mut t.concentration,
            "extension" => &mut t.extension,
            "notification" => &mut t.notification,
            "window" => &mut t.window,
            other => panic!("field {other}"),
        };
        *field = r[1].clone();
        match t.parse() {
            Err(e) => assert_eq!(e.to_string(), r[2], "{r:?}"),
            Ok(s) => {
                assert_eq!(r[2], "", "{r:?} accepted");
                let kept = match r[0].as_str() {
                    "utilisation" => s.utilisation.to_string(),
                    "steps" => s
                        .dunning_steps
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                    "volume" => s.volume_ratio.to_string(),
                    "rise" => s.delay_rise_days.to_string(),
                    "months" => s.worsening_months.to_string(),
                    "worsening" => s.worsening_days.to_string(),
                    "concentration" => s.concentration.to_string(),
                    "extension" => s.extension_days.to_string(),
                    "notification" => s.notification_days.to_string(),
                    _ => s.deadline_window_days.to_string(),
                };
                if r[0] == "steps" {
                    assert_eq!(kept, r[3], "{r:?}");
                } else {
                    assert_eq!(dec(&kept), dec(&r[3]), "{r:?}");
                }
            }
        }
    }
}

#[test]
fn thresholds_form_errors_carry_the_field_and_its_bounds() {
    let mut t = SettingsText::of(&MonitorSettings::default());
    t.window = "91".into();
    t.volume = "x".into();
    // The first wrong field in the form's order is the one reported.
    assert_eq!(
        t.parse(),
        Err(SettingsError::NotANumberFrom {
            field: Threshold::VolumeRatio,
            value: "x".into(),
            min: dec("1"),
            max: dec("10"),
        })
    );
    t.volume = "2".into();
    assert_eq!(
        t.parse(),
        Err(SettingsError::NotDaysFrom {
            field: Threshold::DeadlineWindow,
            value: "91".into(),
            min: 0,
            max: 90,
        })
    );
    t.window = "7".into();
    t.steps = ",".into();
    assert_eq!(
        t.parse(),
        Err(SettingsError::NoStep {
            field: Threshold::DunningSteps,
            value: ",".into(),
        })
    );
}
