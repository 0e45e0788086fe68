//! Builders the dunning tests share (issue 17: test builders live once here).
#![allow(dead_code)] // each test crate uses what it needs

use credit_core::customer::Customer;
use credit_core::dunning::{
    DunningSettings, InterestSettings, LogEntry, PlanItem, Policy, Preset, RefRate, Regime,
};
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

/// An invoice of `customer` issued 30 days before it falls due, unpaid.
pub fn inv(id: &str, customer: &str, due: &str, gross: &str, cur: Currency) -> Invoice {
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

/// Interest settings of a regime with its reference rates `(from, rate)`.
pub fn rates(regime: Regime, list: &[(&str, &str)]) -> InterestSettings {
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

/// A buyer `id` named "Buyer id".
pub fn cust(id: &str) -> Customer {
    Customer::new(id, format!("Buyer {id}"))
}

/// A portfolio in CNY of these invoices and their buyers.
pub fn portfolio(invoices: Vec<Invoice>) -> Portfolio {
    let mut p = Portfolio::new("t", Currency::CNY);
    let mut ids: Vec<String> = invoices.iter().map(|i| i.customer_id.clone()).collect();
    ids.sort();
    ids.dedup();
    p.customers = ids.iter().map(|i| cust(i)).collect();
    p.invoices = invoices;
    p
}

/// Settings with a preset policy, otherwise the defaults.
pub fn settings(preset: Preset) -> DunningSettings {
    DunningSettings {
        policy: Policy::preset(preset),
        ..DunningSettings::default()
    }
}

/// The log entry of a plan item marked done on a day, by its channel.
pub fn done(plan_item: &PlanItem, on: &str) -> LogEntry {
    LogEntry::for_item(plan_item, d(on), plan_item.step.channel, "")
}
