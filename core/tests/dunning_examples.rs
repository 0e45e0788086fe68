//! Dunning (`credit_core::dunning`): late interest by regime with
//! hand-computed figures, the UK fixed sums at their edges, the plan for a
//! date on tiny portfolios (one communication per buyer per step, logged
//! steps not repeated, moved due dates, disputes paused, soon-due steps),
//! letters in both languages, and properties on random portfolios.

use credit_core::customer::CustomerStatus;
use credit_core::dunning::{
    compensation, late_interest, letter, plan, plan_csv, status_after, DunningAction, DunningError,
    InterestSettings, Lang, LetterSettings, LogEntry, Policy, PolicyError, Preset, Regime,
};
use credit_core::invoice::{Dispute, Invoice, Payment};
use credit_core::money::Currency;
use credit_core::Decimal;
use proptest::prelude::*;

mod common;
use common::dunning::{d, dec, done, inv, portfolio, rates, settings};
use common::rows;

/// `a:b;c:d` as pairs.
fn pairs(cell: &str) -> Vec<(&str, &str)> {
    cell.split(';')
        .filter(|x| !x.is_empty())
        .map(|x| x.split_once(':').expect("from:value"))
        .collect()
}

/// `a;b` as decimals.
fn decimals(cell: &str) -> Vec<Decimal> {
    cell.split(';').map(dec).collect()
}

#[test]
fn interest_worked_examples() {
    let table = rows("dunning_interest.csv");
    assert!(table.len() > 1);
    let head = &table[0];
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    for r in &table[1..] {
        let f = |name: &str| r[col(name)].as_str();
        let name = f("name");
        let regime = Regime::from_key(f("regime")).expect("regime");
        let cur = Currency::new(f("currency")).unwrap();
        let mut i = inv(name, "C1", f("due"), f("gross"), cur);
        for (on, amount) in pairs(f("payments")) {
            i.payments.push(Payment {
                date: d(on),
                amount: dec(amount),
            });
        }
        let mut s = rates(regime, &pairs(f("ref_rates")));
        s.contract_rate = Some(f("contract_rate")).filter(|x| !x.is_empty()).map(dec);
        s.china_sme_daily = f("china_daily") == "true";
        let through = Some(f("charged_through")).filter(|x| !x.is_empty()).map(d);
        let c = late_interest(&i, d(f("as_of")), &s, through, None).unwrap();
        if !f("segments").is_empty() {
            assert_eq!(c.segments.len().to_string(), f("segments"), "{name}");
        }
        if !f("days").is_empty() {
            let days: Vec<String> = c.segments.iter().map(|x| x.days.to_string()).collect();
            assert_eq!(days.join(";"), f("days"), "{name}");
        }
        if !f("rates").is_empty() {
            let got: Vec<Decimal> = c.segments.iter().map(|x| x.rate).collect();
            assert_eq!(got, decimals(f("rates")), "{name}");
        }
        if !f("interest").is_empty() {
            let got = match f("dp") {
                "" => c.interest,
                dp => c.interest.round_dp(dp.parse().unwrap()),
            };
            assert_eq!(got, dec(f("interest")), "{name}");
        }
        if !f("compensation").is_empty() {
            assert_eq!(c.compensation, dec(f("compensation")), "{name}");
        }
        if !f("comp_currency").is_empty() {
            assert_eq!(
                c.compensation_currency,
                Currency::new(f("comp_currency")).unwrap(),
                "{name}"
            );
        }
    }
}

#[test]
fn without_a_rate_no_interest_is_charged_and_the_settings_say_so() {
    let i = inv("E1", "C1", "2026-01-31", "10000", Currency::EUR);
    let mut s = InterestSettings::default();
    assert!(!s.has_rate());
    s.contract_rate = Some(dec("5"));
    assert!(s.has_rate());
    s.regime = Regime::Eu;
    assert!(!s.has_rate());
    assert!(late_interest(&i, d("2026-03-02"), &s, None, None).is_err());
    let s = rates(Regime::Eu, &[("2026-01-01", "2.15")]);
    assert!(s.has_rate());
    let s = InterestSettings {
        regime: Regime::China,
        china_sme_daily: true,
        ..InterestSettings::default()
    };
    assert!(s.has_rate());
    // Its figure: cn_daily_30_days in tests/data/dunning_interest.csv.
}

#[test]
fn uk_fixed_sums_at_their_edges() {
    for r in rows("dunning_uk_sums.csv") {
        let (debt, sum) = (r[0].as_str(), r[1].as_str());
        assert_eq!(
            compensation(Regime::Uk, dec(debt), Currency::GBP, None),
            Ok((dec(sum), Currency::GBP)),
            "£{debt}"
        );
    }
    assert_eq!(
        compensation(Regime::China, dec("5000"), Currency::CNY, None)
            .unwrap()
            .0,
        Decimal::ZERO
    );
    assert_eq!(
        compensation(Regime::Eu, dec("5"), Currency::EUR, None)
            .unwrap()
            .0,
        dec("40")
    );
}

#[test]
fn part_paid_invoice_segment_by_segment() {
    // £5,000 due 31 Jan 2026; £2,000 paid 10 Feb; base rate 4 % → 12 %.
    // 1–10 Feb on 5,000: 5,000 × 0.12 × 10/365 = 16.438356…
    // 11–20 Feb on 3,000: 3,000 × 0.12 × 10/365 = 9.863013…
    let mut i = inv("U1", "C1", "2026-01-31", "5000", Currency::GBP);
    i.payments.push(Payment {
        date: d("2026-02-10"),
        amount: dec("2000"),
    });
    let s = rates(Regime::Uk, &[("2025-12-01", "4")]);
    let c = late_interest(&i, d("2026-02-20"), &s, None, None).unwrap();
    assert_eq!(c.segments.len(), 2);
    assert_eq!(
        (c.segments[0].from, c.segments[0].to),
        (d("2026-02-01"), d("2026-02-10"))
    );
    assert_eq!(c.segments[0].principal, dec("5000"));
    assert_eq!(
        (c.segments[1].from, c.segments[1].to),
        (d("2026-02-11"), d("2026-02-20"))
    );
    assert_eq!(c.segments[1].principal, dec("3000"));
    assert_eq!(c.interest.round_dp(6), dec("26.301370"));
    assert_eq!(c.compensation, dec("70"));
    // Paid in full: interest stops at the payment.
    i.payments.push(Payment {
        date: d("2026-02-15"),
        amount: dec("3000"),
    });
    let full = late_interest(&i, d("2026-03-31"), &s, None, None).unwrap();
    assert_eq!(full.segments.last().unwrap().to, d("2026-02-15"));
}

#[test]
fn china_and_contract_rates() {
    let i = inv("C1", "C1", "2026-03-01", "10000", Currency::CNY);
    // The figures: cn_daily_10_days and cn_contract_wins in
    // tests/data/dunning_interest.csv.
    // Contract without a rate: a clear error.
    let none = InterestSettings::default();
    let e = late_interest(&i, d("2026-03-11"), &none, None, None).unwrap_err();
    assert!(matches!(
        e,
        DunningError::NoRate {
            regime: Regime::Contract,
            ..
        }
    ));
    assert!(e.message(Lang::Zh).contains("合同利率"));
    // EU without a reference rate.
    let e = late_interest(&i, d("2026-03-11"), &rates(Regime::Eu, &[]), None, None).unwrap_err();
    assert!(e.to_string().contains("reference rate"));
}

#[test]
fn one_communication_per_buyer_at_the_highest_step() {
    // C1: one invoice 10 days late (step 1), one 35 days late (step 2).
    let p = portfolio(vec![
        inv("A", "C1", "2026-03-01", "100", Currency::CNY),
        inv("B", "C1", "2026-02-04", "200", Currency::CNY),
        inv("C", "C2", "2026-03-10", "50", Currency::CNY),
    ]);
    let pl = plan(&p, d("2026-03-11"), &settings(Preset::Standard), &[]).unwrap();
    let c1: Vec<_> = pl.items.iter().filter(|i| i.customer_id == "C1").collect();
    assert_eq!(c1.len(), 1);
    assert_eq!(c1[0].step_index, 1); // +30 phone call
    assert_eq!(c1[0].invoices.len(), 2);
    assert_eq!(c1[0].total_open, dec("300"));
    assert_eq!(c1[0].next, Some((2, d("2026-04-05"))));
    // C2 is one day late: nothing yet, but +7 is within the 7-day look-ahead.
    assert!(pl.items.iter().all(|i| i.customer_id != "C2"));
    let up: Vec<_> = pl
        .upcoming
        .iter()
        .filter(|u| u.customer_id == "C2")
        .collect();
    assert_eq!(up.len(), 1);
    assert_eq!((up[0].step_index, up[0].date), (0, d("2026-03-17")));
}

#[test]
fn a_logged_step_is_not_repeated_and_the_next_is_scheduled() {
    let p = portfolio(vec![inv("A", "C1", "2026-03-01", "100", Currency::CNY)]);
    let s = settings(Preset::Standard);
    let pl = plan(&p, d("2026-03-09"), &s, &[]).unwrap();
    assert_eq!(pl.items.len(), 1);
    let log = vec![done(&pl.items[0], "2026-03-09")];
    for day in ["2026-03-09", "2026-03-10", "2026-03-30"] {
        let pl = plan(&p, d(day), &s, &log).unwrap();
        assert!(pl.items.is_empty(), "{day}");
        assert_eq!(pl.upcoming.len(), 1);
        assert_eq!(
            (pl.upcoming[0].step_index, pl.upcoming[0].date),
            (1, d("2026-03-31"))
        );
    }
    // On the next step's day it is due.
    let pl = plan(&p, d("2026-03-31"), &s, &log).unwrap();
    assert_eq!(pl.items.len(), 1);
    assert_eq!(pl.items[0].step_index, 1);
    // Interest already claimed is not claimed again; compensation once.
    let mut s2 = s.clone();
    s2.interest = InterestSettings {
        regime: Regime::China,
        china_sme_daily: true,
        ..InterestSettings::default()
    };
    let pl = plan(&p, d("2026-03-31"), &s2, &log).unwrap();
    // 22 days (10–31 Mar) × 0.05 % × 100 = 1.1
    assert_eq!(pl.items[0].interest, dec("1.1"));
}

#[test]
fn a_moved_due_date_follows_the_new_date() {
    let mut i = inv("A", "C1", "2026-03-01", "100", Currency::CNY);
    let p = portfolio(vec![i.clone()]);
    let s = settings(Preset::Standard);
    let pl = plan(&p, d("2026-03-09"), &s, &[]).unwrap();
    let log = vec![done(&pl.items[0], "2026-03-09")];
    // The due date moves to 1 Apr: nothing until 8 Apr, then the first step again.
    i.due_date = d("2026-04-01");
    let p2 = portfolio(vec![i]);
    assert!(plan(&p2, d("2026-04-07"), &s, &log)
        .unwrap()
        .items
        .is_empty());
    let pl = plan(&p2, d("2026-04-08"), &s, &log).unwrap();
    assert_eq!(pl.items.len(), 1);
    assert_eq!(pl.items[0].step_index, 0);
}

#[test]
fn disputed_paused_paid_out_closed_skipped() {
    let mut disputed = inv("D", "C1", "2026-01-01", "100", Currency::CNY);
    disputed.dispute = Some(Dispute {
        date: d("2026-01-10"),
        reason: "quality".into(),
    });
    let mut paid = inv("P", "C1", "2026-01-01", "100", Currency::CNY);
    paid.payments.push(Payment {
        date: d("2026-02-01"),
        amount: dec("100"),
    });
    let mut p = portfolio(vec![
        disputed,
        paid,
        inv("O", "C1", "2026-01-01", "70", Currency::CNY),
        inv("X", "C9", "2026-01-01", "70", Currency::CNY),
    ]);
    p.customers
        .iter_mut()
        .find(|c| c.id == "C9")
        .unwrap()
        .status = CustomerStatus::Closed;
    let pl = plan(&p, d("2026-03-15"), &settings(Preset::Standard), &[]).unwrap();
    assert_eq!(pl.items.len(), 1);
    let ids: Vec<&str> = pl.items[0].invoices.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["O"]);
    assert_eq!(pl.paused.len(), 1);
    assert_eq!(
        (
            pl.paused[0].invoice_id.as_str(),
            pl.paused[0].reason.as_str()
        ),
        ("D", "quality")
    );
    for lang in [Lang::En, Lang::Zh] {
        let l = letter(
            &pl.items[0],
            lang,
            &LetterSettings::default(),
            d("2026-03-15"),
        )
        .unwrap();
        assert!(!l.body.contains("\nD "), "{}", l.body);
        assert!(!l.body.contains('P') || !l.body.contains("\nP "));
    }
}

#[test]
fn proactive_reminds_before_the_due_date_and_firm_stops_deliveries() {
    let p = portfolio(vec![inv("A", "C1", "2026-03-20", "100", Currency::CNY)]);
    let pl = plan(&p, d("2026-03-13"), &settings(Preset::Proactive), &[]).unwrap();
    assert_eq!(pl.items.len(), 1);
    assert_eq!(pl.items[0].step.action(), DunningAction::FriendlyReminder);
    assert_eq!(pl.items[0].invoices[0].days_past_due, -7);
    let pl = plan(&p, d("2026-04-04"), &settings(Preset::Firm), &[]).unwrap();
    assert_eq!(pl.items[0].step_index, 1);
    assert_eq!(
        status_after(&pl.items[0].step.actions),
        Some(CustomerStatus::OnHold)
    );
    assert_eq!(
        status_after(&[DunningAction::LegalAction]),
        Some(CustomerStatus::InLegal)
    );
    assert_eq!(status_after(&[DunningAction::Reminder]), None);
    // A buyer's own policy wins over the portfolio's.
    let mut s = settings(Preset::Standard);
    s.overrides
        .insert("C1".into(), Policy::preset(Preset::Firm));
    let pl = plan(&p, d("2026-03-23"), &s, &[]).unwrap();
    assert_eq!(pl.items[0].step.offset_days, 3);
}

#[test]
fn letters_in_both_languages_with_the_figures() {
    let mut p = portfolio(vec![
        inv("INV-1", "C1", "2026-01-31", "10000", Currency::CNY),
        inv("INV-2", "C1", "2026-02-10", "500", Currency::CNY),
    ]);
    p.customers[0].name = "Hangzhou Example Trading Co.".into();
    let mut s = settings(Preset::Standard);
    s.interest = InterestSettings {
        regime: Regime::China,
        contract_rate: Some(dec("3.65")),
        ..InterestSettings::default()
    };
    s.letter.bank_details = "ICBC 6222 0000".into();
    s.letter.company = "Example Export Ltd".into();
    let pl = plan(&p, d("2026-02-28"), &s, &[]).unwrap();
    let it = &pl.items[0];
    assert_eq!(it.step_index, 0);
    // Interest: 10,000 × 3.65 % × 28/365 = 28; 500 × 3.65 % × 18/365 = 0.9.
    assert_eq!(it.interest, dec("28.9"));
    let en = letter(it, Lang::En, &s.letter, d("2026-02-28")).unwrap();
    for needle in [
        "Hangzhou Example Trading Co.",
        "INV-1",
        "INV-2",
        "CNY 10,500.00",
        "CNY 28.90",
        "CNY 10,528.90",
        "ICBC 6222 0000",
        "7 March 2026",
    ] {
        assert!(en.body.contains(needle), "{needle} in {}", en.body);
    }
    let zh = letter(it, Lang::Zh, &s.letter, d("2026-02-28")).unwrap();
    for needle in [
        "付款提醒函",
        "INV-1",
        "CNY 10,528.90",
        "2026年3月7日",
        "ICBC 6222 0000",
    ] {
        assert!(zh.body.contains(needle), "{needle} in {}", zh.body);
    }
    // The invoice table is one fixed-width block; the rest is prose, and
    // the blocks give the text back.
    let blocks = credit_core::dunning::letter_blocks(&en.body);
    let tables: Vec<&String> = blocks.iter().filter(|b| b.0).map(|b| &b.1).collect();
    assert_eq!(tables.len(), 1, "{blocks:?}");
    assert_eq!(tables[0].lines().count(), 3);
    assert!(tables[0].starts_with("Invoice") && tables[0].contains("INV-2"));
    let back: Vec<&str> = blocks.iter().map(|b| b.1.as_str()).collect();
    assert_eq!(back.join("\n"), en.body);
    // Columns line up: each line of the table is as wide as the widest.
    let widths: Vec<usize> = tables[0].lines().map(|l| l.chars().count()).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
    // No bank details entered: a placeholder, not "to:" and nothing.
    let mut bare = s.letter.clone();
    bare.bank_details = String::new();
    let en = letter(it, Lang::En, &bare, d("2026-02-28")).unwrap();
    assert!(en
        .body
        .contains("[bank details: enter them under Letterhead]"));
    let zh = letter(it, Lang::Zh, &bare, d("2026-02-28")).unwrap();
    assert!(zh.body.contains("[收款账户：请在“函件抬头”中填写]"));
    // An edited template with an unknown field is refused with where.
    let mut bad = s.clone();
    bad.policy.steps[0].template_en = Some("Dear {buyr}".into());
    let e = bad.validate().unwrap_err();
    assert!(
        matches!(&e[0], PolicyError::UnknownField { step: 1, field, position: 6, .. } if field == "buyr")
    );
    assert!(plan(&p, d("2026-03-02"), &bad, &[]).is_err());
    // The CSV: a header and one row per invoice, formula-like text escaped.
    p.customers[0].name = "=cmd".into();
    let pl = plan(&p, d("2026-03-02"), &s, &[]).unwrap();
    let csv = plan_csv(&pl, Lang::En);
    assert_eq!(csv.trim_end().lines().count(), 3);
    assert!(csv.contains("'=cmd"));
}

#[test]
fn policy_validation() {
    let mut p = Policy::preset(Preset::Standard);
    p.steps[1].offset_days = 5;
    let e = p.validate().unwrap_err();
    assert_eq!(
        e,
        vec![PolicyError::NotIncreasing {
            step: 2,
            offset: 5,
            before: 7
        }]
    );
    assert!(e[0].message(Lang::Zh).contains("第2步"));
    for preset in Preset::ALL {
        assert!(Policy::preset(preset).validate().is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// One item per buyer per step; disputed invoices in no item; a step
    /// marked done never comes back for the same invoices.
    #[test]
    fn plan_properties(
        rows in prop::collection::vec((0usize..4, 0i64..120, 1u32..1000, any::<bool>(), 0u8..3), 1..30),
        preset in 0usize..3,
        later in 0i64..40,
    ) {
        let as_of = d("2026-06-30");
        let invoices: Vec<Invoice> = rows.iter().enumerate().map(|(k, (c, late, amount, disputed, paid))| {
            let mut i = inv(&format!("I{k}"), &format!("C{c}"), "2026-01-01", &amount.to_string(), Currency::CNY);
            i.due_date = as_of - credit_core::Days::new(*late as u64);
            i.issue_date = i.due_date - credit_core::Days::new(30);
            if *disputed { i.dispute = Some(Dispute { date: i.due_date, reason: "x".into() }); }
            if *paid == 1 { i.payments.push(Payment { date: i.due_date, amount: Decimal::from(*amount) }); }
            i
        }).collect();
        let p = portfolio(invoices.clone());
        let s = settings(Preset::ALL[preset]);
        let pl = plan(&p, as_of, &s, &[]).unwrap();
        let mut seen = std::collections::HashSet::new();
        for it in &pl.items {
            prop_assert!(seen.insert(it.customer_id.clone()), "two items for {}", it.customer_id);
            for x in &it.invoices {
                let i = invoices.iter().find(|i| i.id == x.id).unwrap();
                prop_assert!(i.dispute.is_none());
                prop_assert!(i.open_as_of(as_of) > Decimal::ZERO);
            }
            let l = letter(it, Lang::En, &s.letter, as_of).unwrap();
            for i in invoices.iter().filter(|i| i.dispute.is_some()) {
                let needle = format!("\n{} ", i.id);
                prop_assert!(!l.body.contains(&needle), "disputed {} in a letter", i.id);
            }
        }
        // Mark every item done; the same steps never come back, later either.
        let log: Vec<LogEntry> = pl.items.iter().map(|it| done(it, "2026-06-30")).collect();
        for day in [as_of, as_of + credit_core::Days::new(later as u64)] {
            let again = plan(&p, day, &s, &log).unwrap();
            for it in &again.items {
                for x in &it.invoices {
                    let before = pl.items.iter().find(|b| b.invoices.iter().any(|y| y.id == x.id));
                    if let Some(b) = before {
                        prop_assert!(it.step.offset_days > b.step.offset_days, "{} came back at the same step", x.id);
                    }
                }
            }
        }
    }
}

/// Issue 18, item 1. Directive 2011/7/EU art. 6(1): the €40 is owed
/// "where interest for late payment becomes payable"; UK Late Payment of
/// Commercial Debts (Interest) Act 1998 s.5A(1): the fixed sum is owed
/// "once statutory interest begins to run". An invoice paid in full by its
/// due date owes neither interest nor the sum; one paid in full after it,
/// or still unpaid after it, owes the sum.
#[test]
fn fixed_compensation_only_when_payment_was_late() {
    let pay = |date: &str, amount: &str| Payment {
        date: d(date),
        amount: dec(amount),
    };
    let eu = rates(Regime::Eu, &[("2025-01-01", "2.15")]);
    let as_of = d("2025-04-30");
    // €1,000 due 31 Mar 2025, paid in full 20 Mar (or on the due date):
    // no interest, no €40.
    for paid_on in ["2025-03-20", "2025-03-31"] {
        let mut i = inv("P1", "C1", "2025-03-31", "1000", Currency::EUR);
        i.payments.push(pay(paid_on, "1000"));
        for regime in [Regime::Eu, Regime::Germany, Regime::France] {
            let s = InterestSettings {
                regime,
                ..eu.clone()
            };
            let c = late_interest(&i, as_of, &s, None, None).unwrap();
            assert!(c.segments.is_empty(), "{regime:?} paid {paid_on}");
            assert_eq!(c.interest, Decimal::ZERO, "{regime:?} paid {paid_on}");
            assert_eq!(c.compensation, Decimal::ZERO, "{regime:?} paid {paid_on}");
        }
        assert!(!credit_core::dunning::compensation_due(&i, as_of));
        // UK, in pounds: no £40/£70/£100 either.
        let mut u = i.clone();
        u.currency = Currency::GBP;
        let s = rates(Regime::Uk, &[("2024-12-01", "4.75")]);
        assert_eq!(
            late_interest(&u, as_of, &s, None, None)
                .unwrap()
                .compensation,
            Decimal::ZERO
        );
    }
    // Paid in full 10 Apr, 10 days late: 1,000 × 10.15 % × 10/365 =
    // 1,015/365 = 2.780821…; €40.
    let mut late = inv("P2", "C1", "2025-03-31", "1000", Currency::EUR);
    late.payments.push(pay("2025-04-10", "1000"));
    let c = late_interest(&late, as_of, &eu, None, None).unwrap();
    assert_eq!(c.interest.round_dp(6), dec("2.780822"));
    assert_eq!(
        (c.compensation, c.compensation_currency),
        (dec("40"), Currency::EUR)
    );
    // Still unpaid on 30 Apr: 30 days, 1,000 × 0.1015 × 30/365 =
    // 3,045/365 = 8.342465…; €40.
    let open = inv("P3", "C1", "2025-03-31", "1000", Currency::EUR);
    let c = late_interest(&open, as_of, &eu, None, None).unwrap();
    assert_eq!(c.interest.round_dp(6), dec("8.342466"));
    assert_eq!(c.compensation, dec("40"));
    // Part paid by the due date (600 on 20 Mar), the rest 10 Apr: interest
    // runs on 400 for 10 days, 400 × 0.1015 × 10/365 = 406/365 =
    // 1.112328…; €40.
    let mut part = inv("P4", "C1", "2025-03-31", "1000", Currency::EUR);
    part.payments.push(pay("2025-03-20", "600"));
    part.payments.push(pay("2025-04-10", "400"));
    let c = late_interest(&part, as_of, &eu, None, None).unwrap();
    assert_eq!(c.interest.round_dp(6), dec("1.112329"));
    assert_eq!(c.compensation, dec("40"));
    // A payment dated after `as_of` is not yet made: unpaid, owed.
    let mut after = inv("P5", "C1", "2025-03-31", "1000", Currency::EUR);
    after.payments.push(pay("2025-05-10", "1000"));
    assert_eq!(
        late_interest(&after, as_of, &eu, None, None)
            .unwrap()
            .compensation,
        dec("40")
    );
    // On the due date itself nothing runs yet.
    assert_eq!(
        late_interest(&open, d("2025-03-31"), &eu, None, None)
            .unwrap()
            .compensation,
        Decimal::ZERO
    );
}

/// Bank of England base rate by date of change (published history,
/// bankofengland.co.uk "Bank Rate history"): 3.5 % from 15 Dec 2022,
/// 4.0 % 2 Feb 2023, 4.25 % 23 Mar 2023, 4.5 % 11 May 2023, 5.0 % 22 Jun
/// 2023, 5.25 % 3 Aug 2023, 5.0 % 1 Aug 2024, 4.75 % 7 Nov 2024.
fn boe(regime: Regime) -> InterestSettings {
    rates(
        regime,
        &[
            ("2022-12-15", "3.5"),
            ("2023-02-02", "4.0"),
            ("2023-03-23", "4.25"),
            ("2023-05-11", "4.5"),
            ("2023-06-22", "5.0"),
            ("2023-08-03", "5.25"),
            ("2024-08-01", "5.0"),
            ("2024-11-07", "4.75"),
        ],
    )
}

/// Issue 18, item 2. Late Payment of Commercial Debts (Interest) Act 1998
/// s.6 and the Late Payment of Commercial Debts (Rate of Interest) (No. 3)
/// Order 2002: statutory interest is 8 % over the Bank of England base rate
/// in force on 31 December (for interest that starts to run from 1 January
/// to 30 June) or 30 June (from 1 July to 31 December) immediately before
/// the day interest starts to run, and that rate stays for the debt until
/// it is paid. The EU regimes re-read their rate each half-year (Directive
/// 2011/7/EU art. 2(7)).
#[test]
fn uk_statutory_rate_is_fixed_for_the_debt() {
    // £10,000 due 15 Jun 2023: interest runs from 16 Jun 2023, so the
    // reference day is 31 Dec 2022, base rate 3.5 %: 11.5 % throughout,
    // whatever the base rate did after (5.0 % from 22 Jun 2023, 5.25 % from
    // 3 Aug 2023, 5.0 %, 4.75 % in 2024). £4,000 paid 31 Jan 2024; as of
    // 31 Dec 2024:
    //   16 Jun 2023 – 31 Jan 2024 on £10,000: 15 + 184 + 31 = 230 days,
    //     10,000 × 0.115 × 230 / 365 = 264,500 / 365 = 724.657534…
    //   1 Feb – 31 Dec 2024 on £6,000: 366 − 31 = 335 days,
    //     6,000 × 0.115 × 335 / 365 = 231,150 / 365 = 633.287671…
    //   total 495,650 / 365 = 1,357.945205… → £1,357.95;
    //   fixed sum: £10,000 or more → £100 (s.5A(2)).
    let mut i = inv("UK1", "C1", "2023-06-15", "10000", Currency::GBP);
    i.payments.push(Payment {
        date: d("2024-01-31"),
        amount: dec("4000"),
    });
    let as_of = d("2024-12-31");
    let c = late_interest(&i, as_of, &boe(Regime::Uk), None, None).unwrap();
    let segs: Vec<_> = c
        .segments
        .iter()
        .map(|x| (x.from, x.to, x.days, x.principal, x.rate))
        .collect();
    assert_eq!(
        segs,
        vec![
            (
                d("2023-06-16"),
                d("2024-01-31"),
                230,
                dec("10000"),
                dec("11.5")
            ),
            (
                d("2024-02-01"),
                d("2024-12-31"),
                335,
                dec("6000"),
                dec("11.5")
            ),
        ]
    );
    assert_eq!(c.interest.round_dp(6), dec("1357.945205"));
    assert_eq!(c.interest.round_dp(2), dec("1357.95"));
    assert_eq!(
        (c.compensation, c.compensation_currency),
        (dec("100"), Currency::GBP)
    );
    // Interest already claimed through 30 Jun 2024: the rest at the same
    // 11.5 %, 1 Jul – 31 Dec 2024 = 184 days on £6,000:
    // 6,000 × 0.115 × 184 / 365 = 126,960 / 365 = 347.835616…
    let c = late_interest(&i, as_of, &boe(Regime::Uk), Some(d("2024-06-30")), None).unwrap();
    assert_eq!(c.segments.len(), 1);
    assert_eq!(c.segments[0].rate, dec("11.5"));
    assert_eq!(c.interest.round_dp(6), dec("347.835616"));
    // The same invoice under the EU rule re-reads the rate each half-year
    // (in force on 1 Jan 2023: 3.5; 1 Jul 2023: 5.0; 1 Jan and 1 Jul 2024:
    // 5.25), + 8 points.
    let eu = late_interest(&i, as_of, &boe(Regime::Eu), None, None).unwrap();
    let eu_rates: Vec<Decimal> = eu.segments.iter().map(|x| x.rate).collect();
    assert_eq!(
        eu_rates,
        vec![dec("11.5"), dec("13.0"), dec("13.25"), dec("13.25")]
    );
    // Due 30 Jun 2023: interest runs from 1 Jul 2023, reference day 30 Jun
    // 2023, base rate 5.0 % (from 22 Jun): 13 % fixed. £1,000 to 31 Dec
    // 2023, 184 days: 1,000 × 0.13 × 184 / 365 = 23,920 / 365 = 65.5342465…;
    // £1,000 to £9,999.99 → £70.
    let j = inv("UK2", "C1", "2023-06-30", "1000", Currency::GBP);
    let c = late_interest(&j, d("2023-12-31"), &boe(Regime::Uk), None, None).unwrap();
    assert_eq!(c.segments.len(), 1);
    assert_eq!(c.segments[0].rate, dec("13.0"));
    assert_eq!(c.interest.round_dp(6), dec("65.534247"));
    assert_eq!(c.compensation, dec("70"));
    // Still 13 % in 2024 after the base rate rose to 5.25 %.
    let c = late_interest(&j, d("2024-03-31"), &boe(Regime::Uk), None, None).unwrap();
    assert!(c.segments.iter().all(|x| x.rate == dec("13.0")));
    // No base rate entered on or before the reference day (31 Dec 2022) or
    // the day interest starts: no rate, named by its reference day.
    let late_only = rates(Regime::Uk, &[("2023-08-03", "5.25")]);
    let e = late_interest(&i, as_of, &late_only, None, None).unwrap_err();
    assert_eq!(
        e,
        DunningError::NoRate {
            regime: Regime::Uk,
            date: d("2022-12-31")
        }
    );
}

/// Issue 18, item 3. Late Payment Act s.5A(2): £40 for a debt under
/// £1,000, £70 for £1,000 to £9,999.99, £100 for £10,000 or more — sums in
/// sterling, so a debt in another currency is converted first (here
/// ¥1 = £0.005), never compared as it is.
#[test]
fn uk_fixed_sum_by_the_debt_in_sterling() {
    let gbp = Some(dec("0.005"));
    for (yen, sum) in [
        ("5000", "40"),     // £25 (as it was, ¥5,000 ≥ 1,000 gave £70)
        ("199999", "40"),   // £999.995
        ("200000", "70"),   // £1,000
        ("1999999", "70"),  // £9,999.995
        ("2000000", "100"), // £10,000
    ] {
        assert_eq!(
            compensation(Regime::Uk, dec(yen), Currency::JPY, gbp),
            Ok((dec(sum), Currency::GBP)),
            "¥{yen}"
        );
    }
    // Without the value of the yen in sterling: an error asking for it.
    let e = compensation(Regime::Uk, dec("5000"), Currency::JPY, None).unwrap_err();
    assert_eq!(
        e,
        DunningError::NoGbpRate {
            currency: Currency::JPY
        }
    );
    assert!(e.to_string().contains("1 JPY in GBP"), "{e}");
    assert!(e.message(Lang::Zh).contains("英镑"));
    // Pounds need no rate; the other regimes never look at it.
    assert_eq!(
        compensation(Regime::Uk, dec("5000"), Currency::GBP, None),
        Ok((dec("70"), Currency::GBP))
    );
    assert_eq!(
        compensation(Regime::Eu, dec("5000"), Currency::JPY, None),
        Ok((dec("40"), Currency::EUR))
    );
    // late_interest: the same rule, and the same question.
    let i = inv("J1", "C1", "2026-01-31", "5000", Currency::JPY);
    let s = rates(Regime::Uk, &[("2025-12-01", "4")]);
    let c = late_interest(&i, d("2026-03-02"), &s, None, gbp).unwrap();
    assert_eq!(
        (c.compensation, c.compensation_currency),
        (dec("40"), Currency::GBP)
    );
    assert!(matches!(
        late_interest(&i, d("2026-03-02"), &s, None, None),
        Err(DunningError::NoGbpRate { .. })
    ));
    let off = InterestSettings {
        compensation: false,
        ..s.clone()
    };
    assert!(late_interest(&i, d("2026-03-02"), &off, None, None).is_ok());
    // A plan converts with the portfolio's rates of `as_of`: base CNY,
    // ¥1 = CNY 0.05, £1 = CNY 9, so ¥1 = £0.05/9. ¥150,000 = £833.33 → £40
    // = CNY 360; ¥200,000 = £1,111.11 → £70 = CNY 630.
    let mut p = portfolio(vec![
        inv("Y1", "C1", "2025-03-01", "150000", Currency::JPY),
        inv("Y2", "C2", "2025-03-01", "200000", Currency::JPY),
    ]);
    for (cur, r) in [(Currency::JPY, "0.05"), (Currency::GBP, "9")] {
        p.fx.insert(credit_core::money::FxRate {
            currency: cur,
            date: d("2025-01-01"),
            rate: dec(r),
        })
        .unwrap();
    }
    let mut st = settings(Preset::Standard);
    st.interest = rates(Regime::Uk, &[("2024-12-01", "4.75")]);
    let pl = plan(&p, d("2025-03-20"), &st, &[]).unwrap();
    let comp = |c: &str| {
        let it = pl.items.iter().find(|x| x.customer_id == c).unwrap();
        (it.invoices[0].compensation, it.compensation)
    };
    assert_eq!(comp("C1"), (dec("40"), dec("360")));
    assert_eq!(comp("C2"), (dec("70"), dec("630")));
}
