//! Builders the monitor tests share (issue 17: test builders live once here):
//! dates and amounts from text, buyers, invoices in CNY, portfolios, a run
//! of the rules, the one alert of a rule for a buyer; and the names of the
//! rules' enums as the table files write them.
#![allow(dead_code)] // each test crate uses what it needs

use std::collections::HashMap;

use credit_core::customer::Customer;
use credit_core::index::LedgerIndex;
use credit_core::invoice::{Invoice, Payment};
use credit_core::money::Currency;
use credit_core::monitor::{evaluate, Alert, BuyerContext, MonitorSettings, Rule};
use credit_core::portfolio::Portfolio;
use credit_core::{Decimal, NaiveDate};
use serde::de::DeserializeOwned;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn cust(id: &str) -> Customer {
    Customer::new(id, format!("Buyer {id}"))
}

/// An invoice in CNY with payments `(date, amount)`.
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

pub fn portfolio(customers: Vec<Customer>, invoices: Vec<Invoice>) -> Portfolio {
    let mut p = Portfolio::new("t", Currency::CNY);
    p.customers = customers;
    p.invoices = invoices;
    p
}

pub fn run_with(
    p: &Portfolio,
    as_of: &str,
    ctx: &HashMap<String, BuyerContext>,
    s: &MonitorSettings,
) -> Vec<Alert> {
    evaluate(p, &LedgerIndex::new(p), d(as_of), ctx, s).unwrap()
}

pub fn run(p: &Portfolio, as_of: &str) -> Vec<Alert> {
    run_with(p, as_of, &HashMap::new(), &MonitorSettings::default())
}

/// The alert of a rule for a buyer, if any.
pub fn find(alerts: &[Alert], rule: Rule, customer: &str) -> Option<Alert> {
    let mut it = alerts
        .iter()
        .filter(|a| a.rule == rule && a.customer_id == customer);
    let a = it.next().cloned();
    assert!(it.next().is_none(), "two {rule:?} alerts for {customer}");
    a
}

/// A unit enum of the core by its serde name (`over_limit`, `critical`),
/// as the table files write it.
pub fn named<T: DeserializeOwned>(s: &str) -> T {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string()))
        .unwrap_or_else(|e| panic!("{s:?}: {e}"))
}
