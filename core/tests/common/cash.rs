//! Builders the cash tests share (issue 17: test builders live once here).
#![allow(dead_code)] // each test crate uses what it needs

use credit_core::cash::{payment_plan, Frequency, PlanInput, SavedPlan};
use credit_core::customer::Customer;
use credit_core::invoice::{Dispute, Invoice, Payment};
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use credit_core::{Decimal, NaiveDate};

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A decimal from its text.
pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A fraction in per cent to one decimal.
pub fn pct(x: Decimal) -> Decimal {
    (x * Decimal::ONE_HUNDRED).round_dp(1)
}

/// A CNY invoice with payments `(date, amount)`.
pub fn inv(
    id: &str,
    customer: &str,
    issue: &str,
    due: &str,
    gross: &str,
    pays: &[(&str, &str)],
) -> Invoice {
    Invoice {
        kind: Default::default(),
        id: id.into(),
        customer_id: customer.into(),
        issue_date: d(issue),
        due_date: d(due),
        currency: Currency::CNY,
        gross: dec(gross),
        vat: None,
        payments: pays
            .iter()
            .map(|(date, amount)| Payment {
                date: d(date),
                amount: dec(amount),
            })
            .collect(),
        dispute: None,
    }
}

/// A CNY portfolio of buyers A (Alpha) and B (Beta).
pub fn portfolio(invoices: Vec<Invoice>) -> Portfolio {
    let mut p = Portfolio::new("cash", Currency::CNY);
    p.customers = vec![Customer::new("A", "Alpha"), Customer::new("B", "Beta")];
    p.invoices = invoices;
    p
}

/// A CNY plan input.
pub fn plan_input(
    balance: &str,
    count: u32,
    f: Frequency,
    first: &str,
    rate: &str,
    start: &str,
) -> PlanInput {
    PlanInput {
        balance: dec(balance),
        currency: Currency::CNY,
        count,
        frequency: f,
        first: d(first),
        annual_rate: dec(rate),
        start: d(start),
    }
}

/// A plan for buyer A on the invoices `ids`.
pub fn saved(p: &Portfolio, ids: &[&str], input: PlanInput) -> SavedPlan {
    let _ = p;
    SavedPlan {
        id: "plan".into(),
        customer_id: "A".into(),
        invoice_ids: ids.iter().map(|s| s.to_string()).collect(),
        plan: payment_plan(&input).unwrap(),
        input,
        note: String::new(),
    }
}

/// A small ledger, as of Wed 2026-03-04:
/// - A has history: I0 due 1 Dec paid 11 Dec (10 days late, 1,000);
///   I1 (1,000, due 20 Feb) open → expected 2 Mar, already past → week 0;
///   I2 (2,000, due 20 Mar) open → expected 30 Mar → week 3 (25–31 Mar);
/// - B has no payment: it takes the portfolio's average, 10 days:
///   I3 (500, due 1 Apr) → expected 11 Apr → week 5 (8–14 Apr);
///   I4 (700) disputed → left out.
pub fn ledger() -> Portfolio {
    let mut disputed = inv("I4", "B", "2026-02-01", "2026-03-10", "700", &[]);
    disputed.dispute = Some(Dispute {
        date: d("2026-03-01"),
        reason: "damaged".into(),
    });
    portfolio(vec![
        inv(
            "I0",
            "A",
            "2025-11-01",
            "2025-12-01",
            "1000",
            &[("2025-12-11", "1000")],
        ),
        inv("I1", "A", "2026-01-21", "2026-02-20", "1000", &[]),
        inv("I2", "A", "2026-02-18", "2026-03-20", "2000", &[]),
        inv("I3", "B", "2026-03-02", "2026-04-01", "500", &[]),
        disputed,
    ])
}
