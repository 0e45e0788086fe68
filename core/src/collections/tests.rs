//! The collections workflow against a small book whose figures are worked
//! out by hand in the comments.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::cash::{forecast, ForecastOptions};
use crate::customer::{Customer, CustomerStatus};
use crate::dunning::{plan, plan_with, Channel, DunningSettings, Lang};
use crate::envelope::base64_decode;
use crate::index::LedgerIndex;
use crate::invoice::{Invoice, Payment};
use crate::money::Currency;
use crate::monitor::{Evidence, Rule};
use crate::portfolio::Portfolio;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}
fn inv(id: &str, c: &str, issue: &str, due: &str, gross: i64) -> Invoice {
    Invoice {
        kind: Default::default(),
        id: id.into(),
        customer_id: c.into(),
        issue_date: d(issue),
        due_date: d(due),
        currency: Currency::CNY,
        gross: gross.into(),
        vat: None,
        payments: vec![],
        dispute: None,
    }
}

const AS_OF: &str = "2026-06-30";

/// A owes 90,000 (A1 40,000 20 days late, A2 20,000 10 days late, A3
/// 30,000 not due), limit 100,000, insured 100,000; B owes 45,000 (B1
/// 10,000 76 days late, B2 35,000 not due), limit 50,000; C is on hold
/// and owes 5,000.
fn book() -> Portfolio {
    let mut p = Portfolio::new("t", Currency::CNY);
    p.customers = vec![
        Customer {
            credit_limit: Some(dec("100000")),
            insured_limit: Some(dec("100000")),
            ..Customer::new("A", "Alpha Trading")
        },
        Customer {
            credit_limit: Some(dec("50000")),
            ..Customer::new("B", "Beta 贸易")
        },
        Customer {
            credit_limit: Some(dec("50000")),
            status: CustomerStatus::OnHold,
            ..Customer::new("C", "Gamma")
        },
    ];
    p.invoices = vec![
        inv("A1", "A", "2026-05-11", "2026-06-10", 40_000),
        inv("A2", "A", "2026-05-21", "2026-06-20", 20_000),
        inv("A3", "A", "2026-06-01", "2026-07-31", 30_000),
        inv("B1", "B", "2026-03-16", "2026-04-15", 10_000),
        inv("B2", "B", "2026-06-15", "2026-07-15", 35_000),
        inv("C1", "C", "2026-05-26", "2026-06-25", 5_000),
    ];
    p
}

fn promise(invoices: &[&str], amount: &str, date: &str) -> PromiseForm {
    PromiseForm {
        customer_id: "A".into(),
        invoice_ids: invoices.iter().map(|s| s.to_string()).collect(),
        amount: amount.into(),
        promised_date: date.into(),
        contact: "Ms Li".into(),
        channel: Some(Channel::Phone),
        note: String::new(),
    }
}

#[test]
fn a_promise_on_invoices_is_their_open_amount_and_is_kept_open_or_broken() {
    let p = book();
    let mut b = Book::default();
    let pr = b
        .add_promise(&p, &promise(&["A1"], "", "2026-07-10"), d(AS_OF))
        .unwrap()
        .clone();
    assert_eq!((pr.id.as_str(), pr.amount), ("P1", dec("40000")));
    // Open up to and on the promised date, broken the next day (grace 0).
    assert_eq!(
        b.promise_state(&p, &pr, d("2026-07-10")),
        PromiseState::Open {
            paid: Decimal::ZERO
        }
    );
    assert_eq!(
        b.promise_state(&p, &pr, d("2026-07-11")),
        PromiseState::Broken {
            on: d("2026-07-11"),
            paid: Decimal::ZERO
        }
    );
    // A grace of 3 days moves that to the 14th.
    b.grace_days = 3;
    assert!(matches!(
        b.promise_state(&p, &pr, d("2026-07-13")),
        PromiseState::Open { .. }
    ));
    b.grace_days = 0;
    // 15,000 on the 5th then 25,000 on the 9th (on A2: any payment counts):
    // kept on the 9th.
    let mut q = p.clone();
    q.invoices[0].payments.push(Payment {
        date: d("2026-07-05"),
        amount: dec("15000"),
    });
    assert_eq!(
        b.promise_state(&q, &pr, d("2026-07-20")),
        PromiseState::Broken {
            on: d("2026-07-11"),
            paid: dec("15000")
        }
    );
    q.invoices[1].payments.push(Payment {
        date: d("2026-07-09"),
        amount: dec("25000"),
    });
    assert_eq!(
        b.promise_state(&q, &pr, d("2026-07-20")),
        PromiseState::Kept {
            on: d("2026-07-09")
        }
    );
    // A payment before the promise was recorded does not count.
    let mut r = p.clone();
    r.invoices[0].payments.push(Payment {
        date: d("2026-06-29"),
        amount: dec("10000"),
    });
    let pr2 = Promise {
        amount: dec("30000"),
        ..pr.clone()
    };
    assert!(matches!(
        b.promise_state(&r, &pr2, d("2026-07-10")),
        PromiseState::Open { paid } if paid.is_zero()
    ));
}

#[test]
fn bad_promises_are_refused_whole_and_change_nothing() {
    let p = book();
    let mut b = Book::default();
    let errs = b
        .add_promise(
            &p,
            &promise(&["A1", "B1", "ZZ"], "", "2026-06-29"),
            d(AS_OF),
        )
        .unwrap_err();
    assert_eq!(
        errs,
        vec![
            CollectionsError::PromiseInPast {
                date: d("2026-06-29"),
                as_of: d(AS_OF)
            },
            CollectionsError::NotBuyersInvoice {
                invoice: "B1".into(),
                buyer: "A".into()
            },
            CollectionsError::UnknownInvoice("ZZ".into()),
        ]
    );
    let errs = b
        .add_promise(&p, &promise(&[], "90000.01", "2026-07-01"), d(AS_OF))
        .unwrap_err();
    assert_eq!(
        errs,
        vec![CollectionsError::PromiseAboveOpen {
            amount: dec("90000.01"),
            open: dec("90000"),
            currency: Currency::CNY
        }]
    );
    assert!(matches!(
        b.add_promise(&p, &promise(&[], "abc", "2026-07-01"), d(AS_OF))
            .unwrap_err()[0],
        CollectionsError::BadAmount { .. }
    ));
    assert!(matches!(
        b.add_promise(&p, &promise(&[], "100", "31/07/2026"), d(AS_OF))
            .unwrap_err()[0],
        CollectionsError::BadDate { .. }
    ));
    assert_eq!(b, Book::default());
    // Each message says what, in both languages.
    let m = CollectionsError::PromiseInPast {
        date: d("2026-06-29"),
        as_of: d(AS_OF),
    };
    assert!(m.message(Lang::En).contains("2026-06-29"));
    assert!(m.message(Lang::Zh).contains("早于报告日"));
}

#[test]
fn an_open_promise_pauses_dunning_and_a_broken_one_moves_on_a_step() {
    let p = book();
    let s = DunningSettings::default(); // steps at 7, 30, 60 days
    let mut b = Book::default();
    b.add_promise(&p, &promise(&["A1"], "", "2026-07-10"), d(AS_OF))
        .unwrap();
    // Without the book A1 and A2 are at step 1 (7 days).
    let plain = plan(&p, d(AS_OF), &s, &[]).unwrap();
    let a = plain.items.iter().find(|i| i.customer_id == "A").unwrap();
    assert_eq!(a.invoices.len(), 2);
    let pl = plan_with(&p, d(AS_OF), &s, &[], &b.pauses(&p, d(AS_OF), Lang::En)).unwrap();
    let a = pl.items.iter().find(|i| i.customer_id == "A").unwrap();
    let ids: Vec<&str> = a.invoices.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["A2"]);
    let paused = pl.paused.iter().find(|x| x.invoice_id == "A1").unwrap();
    assert_eq!(paused.open, dec("40000"));
    assert!(paused.reason.contains("P1"));
    // On 11 July the promise is broken: A1 is at 31 days (step 2 reached
    // naturally) and moves to step 3 (60 days) at once.
    let on = d("2026-07-11");
    let pl = plan_with(&p, on, &s, &[], &b.pauses(&p, on, Lang::Zh)).unwrap();
    let a = pl.items.iter().find(|i| i.customer_id == "A").unwrap();
    assert_eq!(a.step_index, 2);
    assert_eq!(a.step_date, on);
    let natural = plan(&p, on, &s, &[]).unwrap();
    assert_eq!(
        natural
            .items
            .iter()
            .find(|i| i.customer_id == "A")
            .unwrap()
            .step_index,
        1
    );
    // And the alert is raised that day with its evidence, not the day before.
    let alerts = b.alerts(&p, on, dec("0.9"));
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].rule, Rule::PromiseBroken);
    assert_eq!(
        alerts[0].evidence,
        Evidence::PromiseBroken {
            promise_id: "P1".into(),
            promised_date: d("2026-07-10"),
            amount: dec("40000"),
            paid: Decimal::ZERO
        }
    );
    assert!(b.alerts(&p, d("2026-07-10"), dec("0.9")).is_empty());
}

#[test]
fn an_amount_promise_covers_the_oldest_invoices_first() {
    let p = book();
    let mut b = Book::default();
    // 45,000 covers A1 (40,000) and reaches into A2.
    b.add_promise(&p, &promise(&[], "45000", "2026-07-03"), d(AS_OF))
        .unwrap();
    let dates = b.promised_dates(&p, d(AS_OF));
    let ids: Vec<&str> = dates.keys().map(String::as_str).collect();
    assert_eq!(ids, ["A1", "A2"]);
}

#[test]
fn the_forecast_expects_promised_invoices_on_the_promised_date() {
    let p = book();
    let mut b = Book::default();
    b.add_promise(&p, &promise(&["A1"], "", "2026-07-10"), d(AS_OF))
        .unwrap();
    let ix = LedgerIndex::new(&p);
    let opts = ForecastOptions {
        default_pd: Decimal::ZERO,
        ..ForecastOptions::default()
    };
    let before = forecast(&p, &ix, d(AS_OF), &opts).unwrap();
    let with = forecast(
        &p,
        &ix,
        d(AS_OF),
        &ForecastOptions {
            promised: b.promised_dates(&p, d(AS_OF)),
            ..opts
        },
    )
    .unwrap();
    // Overdue, no payment history: A1 is expected now (week 1) without the
    // promise, in week 2 (7–13 July) with it.
    assert_eq!(with.weeks[0].gross, before.weeks[0].gross - dec("40000"));
    assert_eq!(with.weeks[1].gross, before.weeks[1].gross + dec("40000"));
    assert_eq!(with.open_ar, before.open_ar);
}

fn dispute(invoice: &str, amount: &str) -> DisputeForm {
    DisputeForm {
        customer_id: "A".into(),
        invoice_id: invoice.into(),
        amount: amount.into(),
        reason: DisputeReason::Quality,
        owner: "Wang".into(),
        note: "3 pallets damaged".into(),
    }
}

#[test]
fn a_dispute_pauses_only_its_part_and_moves_through_its_workflow() {
    let p = book();
    let s = DunningSettings::default();
    let mut b = Book::default();
    assert_eq!(
        b.open_dispute(&p, &dispute("A2", "25000"), d(AS_OF))
            .unwrap_err(),
        vec![CollectionsError::DisputeAboveOpen {
            invoice: "A2".into(),
            amount: dec("25000"),
            open: dec("20000"),
            currency: Currency::CNY
        }]
    );
    assert_eq!(b, Book::default());
    let id = b
        .open_dispute(&p, &dispute("A2", "5000"), d(AS_OF))
        .unwrap()
        .id
        .clone();
    assert_eq!(id, "D1");
    assert!(matches!(
        b.open_dispute(&p, &dispute("A2", "1"), d(AS_OF))
            .unwrap_err()[0],
        CollectionsError::AlreadyDisputed { .. }
    ));
    let pl = plan_with(&p, d(AS_OF), &s, &[], &b.pauses(&p, d(AS_OF), Lang::En)).unwrap();
    let a = pl.items.iter().find(|i| i.customer_id == "A").unwrap();
    let a2 = a.invoices.iter().find(|i| i.id == "A2").unwrap();
    assert_eq!(a2.open, dec("15000"));
    let paused = pl.paused.iter().find(|x| x.invoice_id == "A2").unwrap();
    assert_eq!(paused.open, dec("5000"));
    assert!(paused.reason.contains("Quality"));
    // open → investigating (2 July) → resolved by credit note (12 July).
    b.move_dispute(&id, DisputeStatus::Investigating, d("2026-07-02"), "")
        .unwrap();
    assert_eq!(
        b.move_dispute(&id, DisputeStatus::Investigating, d("2026-07-03"), ""),
        Err(CollectionsError::SameStatus)
    );
    assert_eq!(
        b.move_dispute(&id, DisputeStatus::ResolvedCreditNote, d("2026-07-01"), ""),
        Err(CollectionsError::BeforeLastMove {
            date: d("2026-07-01"),
            last: d("2026-07-02")
        })
    );
    // KPIs while open: 5,000 of 140,000 disputed.
    let k = b.kpis(&p, d("2026-07-05"));
    assert_eq!(k.disputed, dec("5000"));
    assert_eq!(k.disputed_share, Some(dec("5000") / dec("140000")));
    assert_eq!(k.avg_days_to_resolve, None);
    b.move_dispute(
        &id,
        DisputeStatus::ResolvedCreditNote,
        d("2026-07-12"),
        "CN-7",
    )
    .unwrap();
    assert_eq!(
        b.move_dispute(&id, DisputeStatus::Open, d("2026-07-13"), ""),
        Err(CollectionsError::CaseClosed(id.clone()))
    );
    let k = b.kpis(&p, d("2026-07-12"));
    assert_eq!(k.disputed, Decimal::ZERO);
    assert_eq!(k.avg_days_to_resolve, Some(dec("12")));
    assert_eq!(k.by_reason[0].reason, DisputeReason::Quality);
    assert_eq!(k.by_reason[0].closed, 1);
    // Resolved: nothing paused any more.
    assert!(b.pauses(&p, d("2026-07-12"), Lang::En).disputed.is_empty());
    // Another dispute may now be opened on A2.
    b.open_dispute(&p, &dispute("A2", ""), d("2026-07-12"))
        .unwrap();
    assert_eq!(b.disputes[1].amount, dec("20000"));
}

#[test]
fn promises_kept_share() {
    let mut p = book();
    let mut b = Book::default();
    b.add_promise(&p, &promise(&["A1"], "", "2026-07-05"), d(AS_OF))
        .unwrap();
    b.add_promise(&p, &promise(&["A2"], "", "2026-07-05"), d(AS_OF))
        .unwrap();
    b.add_promise(&p, &promise(&["A3"], "", "2026-08-05"), d(AS_OF))
        .unwrap();
    // 65,000 paid on 4 July: P1 (40,000) and P2 (20,000) are kept as the
    // buyer's payments reach each amount; P3 (30,000) is still open.
    p.invoices[0].payments.push(Payment {
        date: d("2026-07-04"),
        amount: dec("65000"),
    });
    let k = b.kpis(&p, d("2026-07-10"));
    assert_eq!((k.kept, k.broken, k.open), (2, 0, 1));
    assert_eq!(k.kept_share, Some(Decimal::ONE));
    let q = book();
    let k = b.kpis(&q, d("2026-07-10"));
    assert_eq!((k.kept, k.broken, k.open), (0, 2, 1));
    assert_eq!(k.kept_share, Some(Decimal::ZERO));
}

#[test]
fn groups_share_a_limit_and_a_buyer_is_in_one_group() {
    let p = book();
    let mut b = Book::default();
    b.join_group(&p, "A", "Acme Group", "120,000").unwrap();
    b.join_group(&p, "B", "Acme Group", "").unwrap();
    b.join_group(&p, "C", "Other", "").unwrap();
    let before = b.clone();
    let errs = b.join_group(&p, "A", "Other", "").unwrap_err();
    assert_eq!(
        errs,
        vec![CollectionsError::InTwoGroups {
            buyer: "A".into(),
            group: "Acme Group".into()
        }]
    );
    assert!(errs[0].message(Lang::Zh).contains("只能属于一个集团"));
    assert_eq!(b, before);
    let f = b.group_figures(&p, d(AS_OF));
    assert_eq!(f[0].name, "Acme Group");
    assert_eq!(f[0].exposure, dec("135000"));
    assert_eq!(f[0].utilisation, Some(dec("135000") / dec("120000")));
    // Cover: A's 90,000 under its insured 100,000; B uninsured.
    assert_eq!(f[0].cover, dec("90000"));
    // Over limit (raised on A, the largest) and 135/140 of the AR.
    let alerts = b.alerts(&p, d(AS_OF), dec("0.25"));
    let rules: Vec<(Rule, &str)> = alerts
        .iter()
        .map(|a| (a.rule, a.customer_id.as_str()))
        .collect();
    assert_eq!(
        rules,
        [(Rule::GroupOverLimit, "A"), (Rule::GroupConcentration, "A")]
    );
    // On the heat map: the worst member's grade, the group's share.
    let grades = [("A".to_string(), 3u8), ("B".to_string(), 7u8)]
        .into_iter()
        .collect();
    let heat = b.group_heat(&p, d(AS_OF), &grades);
    assert_eq!(heat[0].0, "Acme Group");
    assert_eq!(heat[0].1, Some(7));
    assert_eq!(
        heat[0].2,
        crate::heatmap::Band::of(dec("135000") / dec("140000"))
    );
    assert_eq!(heat[0].3, crate::heatmap::zone(Some(7), heat[0].2));
    assert_eq!(heat[1].1, None);
    b.leave_group("C");
    assert_eq!(b.groups.len(), 1);
}

#[test]
fn the_order_check_refers_a_group_member_over_the_group_limit() {
    let p = book();
    let mut b = Book::default();
    b.join_group(&p, "A", "Acme Group", "120000").unwrap();
    b.join_group(&p, "B", "Acme Group", "").unwrap();
    // A: 90,000 + 5,000 is within its own 100,000 and its insured limit,
    // nothing over 30 days; the group: 135,000 + 5,000 > 120,000.
    let c = order_check(&p, &b, "A", "5000", Some(4), None, d(AS_OF)).unwrap();
    assert_eq!(c.decision, OrderDecision::Refer);
    assert_eq!(
        c.reasons,
        vec![(
            OrderReason::OverGroupLimit {
                group: "Acme Group".into(),
                after: dec("140000"),
                limit: dec("120000")
            },
            RuleAction::Refer
        )]
    );
    assert_eq!(c.headroom_after, Some(dec("5000")));
    let why = c.reasons[0].0.message(Lang::En, Currency::CNY);
    assert!(why.contains("Acme Group") && why.contains("140,000.00"));
    // B: B1 is 76 days overdue (block) and 55,000 > 50,000 (refer).
    let c = order_check(&p, &b, "B", "10000", None, None, d(AS_OF)).unwrap();
    assert_eq!(c.decision, OrderDecision::Block);
    assert_eq!(c.reasons.len(), 3);
    // With the overdue rule off, the same order is referred.
    b.order_rules.overdue = RuleAction::Off;
    let c = order_check(&p, &b, "B", "10000", None, None, d(AS_OF)).unwrap();
    assert_eq!(c.decision, OrderDecision::Refer);
    // On hold: blocked; grade 10: blocked; grade 9: referred.
    assert_eq!(
        order_check(&p, &b, "C", "1", None, None, d(AS_OF))
            .unwrap()
            .decision,
        OrderDecision::Block
    );
    let mut lone = Book::default();
    lone.order_rules.overdue = RuleAction::Off;
    let q = {
        let mut q = p.clone();
        q.customers[0].insured_limit = None;
        q
    };
    assert_eq!(
        order_check(&q, &lone, "A", "1", Some(10), None, d(AS_OF))
            .unwrap()
            .decision,
        OrderDecision::Block
    );
    assert_eq!(
        order_check(&q, &lone, "A", "1", Some(9), None, d(AS_OF))
            .unwrap()
            .decision,
        OrderDecision::Refer
    );
    assert_eq!(
        order_check(&q, &lone, "A", "1", Some(8), None, d(AS_OF))
            .unwrap()
            .decision,
        OrderDecision::Approve
    );
    // A hold made by a dunning step blocks too.
    assert_eq!(
        order_check(
            &q,
            &lone,
            "A",
            "1",
            None,
            Some(CustomerStatus::OnHold),
            d(AS_OF)
        )
        .unwrap()
        .decision,
        OrderDecision::Block
    );
    assert!(order_check(&p, &b, "A", "0", None, None, d(AS_OF)).is_err());
    assert!(order_check(&p, &b, "ZZ", "1", None, None, d(AS_OF)).is_err());
}

#[test]
fn contacts_are_checked_and_a_cadence_replaces_the_offsets() {
    let p = book();
    let mut b = Book::default();
    let form = |email: &str, cadence: &str| ContactForm {
        name: "Li Na".into(),
        email: email.into(),
        phone: "+86 21 5555 0101".into(),
        lang: Lang::Zh,
        channel: Some(Channel::Email),
        cadence: cadence.into(),
    };
    assert_eq!(
        b.set_contact(&p, "A", &form("li.na", "")),
        Err(vec![CollectionsError::BadEmail("li.na".into())])
    );
    assert!(b
        .set_contact(&p, "A", &form("ap@alpha.cn\nBcc: x@evil.com", ""))
        .is_err());
    assert!(b
        .set_contact(&p, "A", &form("ap@alpha.cn", "20, 10"))
        .is_err());
    assert_eq!(b, Book::default());
    b.set_contact(&p, "A", &form("ap@alpha.cn", "5，20"))
        .unwrap();
    let s = b.with_cadences(&DunningSettings::default());
    let offsets: Vec<i64> = s.overrides["A"]
        .steps
        .iter()
        .map(|x| x.offset_days)
        .collect();
    assert_eq!(offsets, [5, 20]);
    // A2 (10 days late) reaches A's first step at 5 days, B1 keeps 60.
    let pl = plan(&p, d(AS_OF), &s, &[]).unwrap();
    assert!(pl
        .items
        .iter()
        .any(|i| i.customer_id == "A" && i.step.offset_days == 20));
}

#[test]
fn a_statement_lists_every_open_item_and_goes_out_as_an_eml() {
    let mut p = book();
    p.invoices.push(Invoice {
        kind: crate::invoice::DocKind::CreditNote,
        ..inv("CN1", "A", "2026-06-05", "2026-06-05", -2_000)
    });
    let mut b = Book::default();
    b.set_contact(
        &p,
        "A",
        &ContactForm {
            name: "李娜".into(),
            email: "ap@alpha.cn".into(),
            lang: Lang::Zh,
            ..ContactForm::default()
        },
    )
    .unwrap();
    b.add_promise(&p, &promise(&["A1"], "", "2026-07-10"), d(AS_OF))
        .unwrap();
    b.open_dispute(&p, &dispute("A2", "5000"), d(AS_OF))
        .unwrap();
    let st = statement(
        &p,
        &b,
        "A",
        d(AS_OF),
        &Default::default(),
        "Delta Export Co.",
        None,
    )
    .unwrap();
    assert_eq!(st.lang, Lang::Zh);
    let ids: Vec<&str> = st.lines.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["CN1", "A1", "A2", "A3"]);
    assert_eq!(
        st.totals,
        vec![(Currency::CNY, dec("88000"), dec("60000"), Decimal::ZERO)]
    );
    assert_eq!(st.lines[1].promised, Some(d("2026-07-10")));
    assert_eq!(st.lines[2].disputed, dec("5000"));
    let text = st.text();
    assert!(text.starts_with("李娜："));
    assert!(text.contains("合计 CNY：未结 88,000.00，其中逾期 60,000.00"));
    assert!(text.contains("承诺 2026-07-10 付款"));
    let m = eml(
        "李娜\r\nBcc: x@evil.com",
        st.to().unwrap(),
        &st.subject(),
        &text,
    )
    .unwrap();
    let (head, body) = m.split_once("\r\n\r\n").unwrap();
    assert!(head.contains("X-Unsent: 1\r\n"));
    assert!(head.contains("<ap@alpha.cn>"));
    assert!(head.contains("Subject: =?UTF-8?B?"));
    assert!(!head.contains("\r\nBcc:"));
    let decoded = base64_decode(&body.replace("\r\n", "")).unwrap();
    let decoded = String::from_utf8(decoded).unwrap();
    assert_eq!(decoded, text.replace('\n', "\r\n"));
    assert!(body.lines().all(|l| l.len() <= 76));
    assert!(eml("", "not an address", "s", "b").is_err());
    let link = mailto("ap@alpha.cn", "Statement A", "Line 1\nLine 2");
    assert_eq!(
        link,
        "mailto:ap@alpha.cn?subject=Statement%20A&body=Line%201%0D%0ALine%202"
    );
    // In English on request.
    let en = statement(
        &p,
        &b,
        "A",
        d(AS_OF),
        &Default::default(),
        "",
        Some(Lang::En),
    )
    .unwrap();
    assert!(en.subject().starts_with("Statement of account A"));
    assert!(en.text().starts_with("Dear 李娜,"));
}

#[test]
fn the_book_reads_from_the_extras_and_an_empty_one_is_default() {
    let mut x = crate::store::Extras::new();
    assert_eq!(Book::from_extras(&x).unwrap(), Book::default());
    let p = book();
    let mut b = Book::default();
    b.join_group(&p, "A", "G", "1").unwrap();
    x.insert(EXTRAS_KEY.into(), b.to_json());
    assert_eq!(Book::from_extras(&x).unwrap(), b);
    x.insert(EXTRAS_KEY.into(), "[1]".into());
    assert!(Book::from_extras(&x).is_err());
}
