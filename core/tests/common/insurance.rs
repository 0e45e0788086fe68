//! Builders the insurance tests share (issue 17: test builders live once here).
#![allow(dead_code)] // each test crate uses what it needs

use credit_core::customer::Customer;
use credit_core::invoice::Invoice;
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

/// A buyer with an insured limit in the ledger (or none).
pub fn buyer(id: &str, limit: Option<&str>) -> Customer {
    let mut c = Customer::new(id, format!("Buyer {id}"));
    c.insured_limit = limit.map(dec);
    c
}

/// An invoice in CNY issued 60 days before it is due, unpaid.
pub fn inv(id: &str, c: &str, due: &str, gross: &str, vat: Option<&str>) -> Invoice {
    let due = d(due);
    Invoice {
        kind: Default::default(),
        id: id.into(),
        customer_id: c.into(),
        issue_date: due - credit_core::Days::new(60),
        due_date: due,
        currency: Currency::CNY,
        gross: dec(gross),
        vat: vat.map(dec),
        payments: Vec::new(),
        dispute: None,
    }
}

/// A CNY portfolio of these buyers and invoices.
pub fn portfolio(customers: Vec<Customer>, invoices: Vec<Invoice>) -> Portfolio {
    let mut p = Portfolio::new("t", Currency::CNY);
    p.customers = customers;
    p.invoices = invoices;
    p
}
