//! Dunning (`credit_core::dunning`): late interest by regime with
//! hand-computed figures, the UK fixed sums at their edges, the plan for a
//! date on tiny portfolios (one communication per buyer per step, logged
//! steps not repeated, moved due dates, disputes paused, soon-due steps),
//! letters in both languages, and properties on random portfolios.

use credit_core::customer::{Customer, CustomerStatus};
use credit_core::dunning::{
    compensation, late_interest, letter, plan, plan_csv, status_after, DunningAction, DunningError,
    DunningSettings, InterestSettings, Lang, LetterSettings, LogEntry, Policy, PolicyError, Preset,
    RefRate, Regime,
};
use credit_core::invoice::{Dispute, Invoice, Payment};
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use credit_core::{Decimal, NaiveDate};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn inv(id: &str, customer: &str, due: &str, gross: &str, cur: Currency) -> Invoice {
    let due = d(due);
    Invoice {
        kind: Default::default(),
        id: id.into(),
        customer_id: customer.into(),
        issue_date: due - credit_core::Days::new(30),
        due_date: due,
        currency: cur,
        gross: dec(gross),
        vat: None,
        payments: Vec::new(),
        dispute: None,
    }
}

fn rates(regime: Regime, list: &[(&str, &str)]) -> InterestSettings {
    InterestSettings {
        regime,
        reference_rates: list
            .iter()
            .map(|(f, r)| RefRate {
                from: d(f),
                rate: dec(r),
            })
            .collect(),
        ..InterestSettings::default()
    }
}

#[test]
fn eu_interest_hand_computed() {
    // €10,000 due 31 Jan 2026, reference rate 2.15 % from 1 Jan 2026,
    // as of 2 Mar 2026: 1 Feb – 2 Mar = 28 + 2 = 30 days at 10.15 %:
    // 10,000 × 0.1015 × 30 / 365 = 30,450 / 365 = 83.4246575…
    let i = inv("E1", "C1", "2026-01-31", "10000", Currency::EUR);
    let s = rates(Regime::Eu, &[("2026-01-01", "2.15")]);
    let c = late_interest(&i, d("2026-03-02"), &s, None).unwrap();
    assert_eq!(c.segments.len(), 1);
    assert_eq!(c.segments[0].days, 30);
    assert_eq!(c.segments[0].rate, dec("10.15"));
    assert_eq!(c.interest.round_dp(6), dec("83.424658"));
    assert_eq!(
        (c.compensation, c.compensation_currency),
        (dec("40"), Currency::EUR)
    );
    // Already claimed through 20 Feb: only 21 Feb – 2 Mar, 10 days.
    let c2 = late_interest(&i, d("2026-03-02"), &s, Some(d("2026-02-20"))).unwrap();
    assert_eq!(c2.segments[0].days, 10);
    assert_eq!(c2.interest.round_dp(6), dec("27.808219"));
    // Nothing before the due date, nothing on it.
    assert!(late_interest(&i, d("2026-01-31"), &s, None)
        .unwrap()
        .interest
        .is_zero());
    // Germany +9, France +10.
    let de = late_interest(
        &i,
        d("2026-03-02"),
        &rates(Regime::Germany, &[("2026-01-01", "2.15")]),
        None,
    )
    .unwrap();
    assert_eq!(de.segments[0].rate, dec("11.15"));
    let fr = late_interest(
        &i,
        d("2026-03-02"),
        &rates(Regime::France, &[("2026-01-01", "2.15")]),
        None,
    )
    .unwrap();
    assert_eq!(fr.segments[0].rate, dec("12.15"));
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
    assert!(late_interest(&i, d("2026-03-02"), &s, None).is_err());
    let s = rates(Regime::Eu, &[("2026-01-01", "2.15")]);
    assert!(s.has_rate());
    let s = InterestSettings {
        regime: Regime::China,
        china_sme_daily: true,
        ..InterestSettings::default()
    };
    assert!(s.has_rate());
    // 0.05 % a day for 30 days on 10,000: 150.
    let c = late_interest(&i, d("2026-03-02"), &s, None).unwrap();
    assert_eq!(c.interest.round_dp(2), dec("150"));
}

#[test]
fn uk_fixed_sums_at_their_edges() {
    for (debt, sum) in [
        ("999.99", "40"),
        ("1000", "70"),
        ("9999.99", "70"),
        ("10000", "100"),
        ("250000", "100"),
    ] {
        assert_eq!(
            compensation(Regime::Uk, dec(debt), Currency::GBP),
            (dec(sum), Currency::GBP),
            "£{debt}"
        );
    }
    assert_eq!(
        compensation(Regime::China, dec("5000"), Currency::CNY).0,
        Decimal::ZERO
    );
    assert_eq!(
        compensation(Regime::Eu, dec("5"), Currency::EUR).0,
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
    let c = late_interest(&i, d("2026-02-20"), &s, None).unwrap();
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
    let full = late_interest(&i, d("2026-03-31"), &s, None).unwrap();
    assert_eq!(full.segments.last().unwrap().to, d("2026-02-15"));
}

#[test]
fn a_half_year_splits_the_rate() {
    // Due 20 Jun 2026: 21–30 Jun at 2.15 + 8, 1–10 Jul at 2.40 + 8.
    let i = inv("E2", "C1", "2026-06-20", "36500", Currency::EUR);
    let s = rates(
        Regime::Eu,
        &[("2026-01-01", "2.15"), ("2026-07-01", "2.40")],
    );
    let c = late_interest(&i, d("2026-07-10"), &s, None).unwrap();
    assert_eq!(c.segments.len(), 2);
    assert_eq!(c.segments[0].rate, dec("10.15"));
    assert_eq!(c.segments[1].rate, dec("10.40"));
    // 36,500 × (0.1015 + 0.1040) × 10 / 365 = 205.5
    assert_eq!(c.interest, dec("205.5"));
    // A rate entered mid half-year applies from the next half-year.
    let s2 = rates(Regime::Eu, &[("2026-01-01", "2.15"), ("2026-07-05", "3")]);
    let c2 = late_interest(&i, d("2026-07-10"), &s2, None).unwrap();
    assert_eq!(c2.segments.len(), 1);
}

#[test]
fn china_and_contract_rates() {
    let i = inv("C1", "C1", "2026-03-01", "10000", Currency::CNY);
    let mut s = InterestSettings {
        regime: Regime::China,
        china_sme_daily: true,
        ..InterestSettings::default()
    };
    // 0.05 % a day × 10 days × 10,000 = 50.
    let c = late_interest(&i, d("2026-03-11"), &s, None).unwrap();
    assert_eq!(c.interest, dec("50"));
    assert!(c.compensation.is_zero());
    // An agreed rate wins.
    s.contract_rate = Some(dec("7.3"));
    let c = late_interest(&i, d("2026-03-11"), &s, None).unwrap();
    assert_eq!(c.interest, dec("20"));
    // Contract without a rate: a clear error.
    let none = InterestSettings::default();
    let e = late_interest(&i, d("2026-03-11"), &none, None).unwrap_err();
    assert!(matches!(
        e,
        DunningError::NoRate {
            regime: Regime::Contract,
            ..
        }
    ));
    assert!(e.message(Lang::Zh).contains("合同利率"));
    // EU without a reference rate.
    let e = late_interest(&i, d("2026-03-11"), &rates(Regime::Eu, &[]), None).unwrap_err();
    assert!(e.to_string().contains("reference rate"));
}

fn cust(id: &str) -> Customer {
    Customer::new(id, format!("Buyer {id}"))
}

fn portfolio(invoices: Vec<Invoice>) -> Portfolio {
    let mut p = Portfolio::new("t", Currency::CNY);
    let mut ids: Vec<String> = invoices.iter().map(|i| i.customer_id.clone()).collect();
    ids.sort();
    ids.dedup();
    p.customers = ids.iter().map(|i| cust(i)).collect();
    p.invoices = invoices;
    p
}

fn settings(preset: Preset) -> DunningSettings {
    DunningSettings {
        policy: Policy::preset(preset),
        ..DunningSettings::default()
    }
}

fn done(plan_item: &credit_core::dunning::PlanItem, on: &str) -> LogEntry {
    LogEntry::for_item(plan_item, d(on), plan_item.step.channel, "")
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
