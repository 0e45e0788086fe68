//! A buyer's open items as of a date, netted: the one place that decides
//! what each ledger line still counts for once the buyer's credits are
//! taken into account (domain brief, "Ageing", open items).
//!
//! - Every line issued on or before `as_of` is an open item with its signed
//!   open amount (gross − Σ payments dated ≤ `as_of`); lines issued later
//!   did not exist yet and count for nothing.
//! - A buyer's **net** is the sum of its open items in the base currency at
//!   the rate in force on `as_of`. A buyer whose net is ≤ 0 is in **net
//!   credit**: it owes nothing, so nothing of it is dunned, charged
//!   interest, over its limit or claimable.
//! - With [`CreditPlacement::OldestFirst`] the buyer's open credits are
//!   applied to its oldest debits (by due date, then issue date, then ledger
//!   order) in the same currency first; what a debit still counts for is
//!   [`NetOpen::effective`]. With the other placements a debit counts in
//!   full (the credits show apart) unless the buyer is in net credit.
//!
//! Dunning and insurance cover use [`NetOpen`]; ageing and monitoring do
//! the same netting in their own columnar loops and the tests check that
//! the figures agree.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::ageing::CreditPlacement;
use crate::portfolio::Portfolio;

/// The netted open items of a portfolio as of a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetOpen {
    /// Per line of [`Portfolio::invoices`]: what it still counts for, in its
    /// own currency. A debit: its open amount, less credits applied to it
    /// (oldest first), and zero for a buyer in net credit. A credit: its
    /// (negative) open amount less what was applied. Zero for a line not
    /// yet issued or settled.
    pub effective: Vec<Decimal>,
    /// Per buyer with open items, by id: the net of its open items in the
    /// base currency; `None` when a currency it has open items in has no
    /// rate on `as_of`.
    pub buyer_net: Vec<(String, Option<Decimal>)>,
}

impl NetOpen {
    /// A buyer's net (see [`NetOpen::buyer_net`]); `None` for a buyer with
    /// nothing open.
    pub fn net_of(&self, customer_id: &str) -> Option<Option<Decimal>> {
        self.buyer_net
            .binary_search_by(|(id, _)| id.as_str().cmp(customer_id))
            .ok()
            .map(|k| self.buyer_net[k].1)
    }

    /// A buyer's exposure: its net when known and above 0, else 0 (a buyer
    /// in net credit, with nothing open, or without a rate owes nothing that
    /// counts against a limit).
    pub fn exposure(&self, customer_id: &str) -> Decimal {
        self.net_of(customer_id)
            .flatten()
            .unwrap_or(Decimal::ZERO)
            .max(Decimal::ZERO)
    }

    /// Whether a buyer is in net credit: its net is known and ≤ 0.
    pub fn in_net_credit(&self, customer_id: &str) -> bool {
        self.net_of(customer_id)
            .flatten()
            .is_some_and(|n| n <= Decimal::ZERO)
    }
}

/// Nets the open items of every buyer as of a date (see the module docs).
///
/// # Example
/// ```
/// use credit_core::{openitems, ageing::CreditPlacement, invoice::Invoice, money::Currency,
///     portfolio::Portfolio, NaiveDate};
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let line = |id: &str, due: &str, gross: i64| Invoice {
///     kind: Default::default(), id: id.into(), customer_id: "C".into(),
///     issue_date: d("2026-01-01"), due_date: d(due), currency: Currency::EUR,
///     gross: gross.into(), vat: None, payments: vec![], dispute: None };
/// let mut p = Portfolio::new("t", Currency::EUR);
/// p.invoices = vec![line("A", "2026-02-01", 1000), line("B", "2026-03-01", 500),
///                   line("CN", "2026-01-15", -1200)];
/// let n = openitems::net_open(&p, d("2026-04-01"), CreditPlacement::OldestFirst);
/// assert_eq!(n.effective, vec![0.into(), 300.into(), 0.into()]);
/// assert_eq!(n.net_of("C"), Some(Some(300.into())));
/// let n = openitems::net_open(&p, d("2026-04-01"), CreditPlacement::ByDate);
/// assert_eq!(n.effective, vec![1000.into(), 500.into(), (-1200).into()]);
/// ```
pub fn net_open(p: &Portfolio, as_of: NaiveDate, placement: CreditPlacement) -> NetOpen {
    let inv = &p.invoices;
    let mut effective: Vec<Decimal> = inv.iter().map(|i| i.open_as_of(as_of)).collect();
    // The open lines by buyer, currency, then oldest first: one sort, then
    // runs of one buyer and currency.
    let mut order: Vec<usize> = (0..inv.len())
        .filter(|&i| !effective[i].is_zero())
        .collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&inv[a], &inv[b]);
        (
            x.customer_id.as_str(),
            x.currency.code(),
            x.due_date,
            x.issue_date,
            a,
        )
            .cmp(&(
                y.customer_id.as_str(),
                y.currency.code(),
                y.due_date,
                y.issue_date,
                b,
            ))
    });
    let mut buyer_net: Vec<(String, Option<Decimal>)> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let first = &inv[order[start]];
        let mut end = start;
        while end < order.len()
            && inv[order[end]].customer_id == first.customer_id
            && inv[order[end]].currency == first.currency
        {
            end += 1;
        }
        let run = &order[start..end];
        let net: Decimal = run.iter().map(|&i| effective[i]).sum();
        let converted = p.fx.rate(first.currency, as_of).ok().map(|r| net * r);
        match buyer_net.last_mut() {
            Some((id, n)) if *id == first.customer_id => {
                *n = n.zip(converted).map(|(a, b)| a + b);
            }
            _ => buyer_net.push((first.customer_id.clone(), converted)),
        }
        if placement == CreditPlacement::OldestFirst {
            // The credits, oldest debit first; then what was applied comes
            // off the credits, oldest credit first, so Σ stays the net.
            let credits: Decimal = run
                .iter()
                .map(|&i| (-effective[i]).max(Decimal::ZERO))
                .sum();
            let mut left = credits;
            for &i in run {
                if left > Decimal::ZERO && effective[i] > Decimal::ZERO {
                    let take = left.min(effective[i]);
                    effective[i] -= take;
                    left -= take;
                }
            }
            let mut applied = credits - left;
            for &i in run {
                if applied > Decimal::ZERO && effective[i] < Decimal::ZERO {
                    let take = applied.min(-effective[i]);
                    effective[i] += take;
                    applied -= take;
                }
            }
        }
        start = end;
    }
    let net = NetOpen {
        effective,
        buyer_net,
    };
    // A buyer in net credit owes nothing: its debits count for nothing.
    let mut effective = net.effective.clone();
    for (e, i) in effective.iter_mut().zip(inv) {
        if *e > Decimal::ZERO && net.in_net_credit(&i.customer_id) {
            *e = Decimal::ZERO;
        }
    }
    NetOpen { effective, ..net }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::{DocKind, Invoice, Payment};
    use crate::money::Currency;
    use crate::money::FxRate;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn line(id: &str, c: &str, issue: &str, due: &str, cur: Currency, gross: i64) -> Invoice {
        Invoice {
            kind: DocKind::from_sign(gross.into()),
            id: id.into(),
            customer_id: c.into(),
            issue_date: d(issue),
            due_date: d(due),
            currency: cur,
            gross: gross.into(),
            vat: None,
            payments: vec![],
            dispute: None,
        }
    }

    #[test]
    fn a_buyer_in_net_credit_owes_nothing() {
        let mut p = Portfolio::new("t", Currency::EUR);
        p.invoices = vec![
            line("A", "K", "2026-01-01", "2026-02-01", Currency::EUR, 1000),
            line("P", "K", "2026-02-10", "2026-02-10", Currency::EUR, -2250),
            line("B", "L", "2026-01-01", "2026-02-01", Currency::EUR, 700),
        ];
        let n = net_open(&p, d("2026-03-31"), CreditPlacement::ByDate);
        assert_eq!(n.net_of("K"), Some(Some(Decimal::from(-1250))));
        assert!(n.in_net_credit("K"));
        assert!(!n.in_net_credit("L"));
        assert_eq!(n.effective[0], Decimal::ZERO, "no dunning of K's invoice");
        assert_eq!(n.effective[2], Decimal::from(700));
    }

    #[test]
    fn lines_issued_later_and_overpayments() {
        let mut p = Portfolio::new("t", Currency::EUR);
        let mut over = line("O", "K", "2026-01-01", "2026-02-01", Currency::EUR, 800);
        over.payments.push(Payment {
            date: d("2026-01-20"),
            amount: 1000.into(),
        });
        p.invoices = vec![
            over,
            line("A", "K", "2026-01-05", "2026-02-05", Currency::EUR, 500),
            line(
                "LATER",
                "K",
                "2026-05-01",
                "2026-06-01",
                Currency::EUR,
                9000,
            ),
        ];
        let n = net_open(&p, d("2026-03-31"), CreditPlacement::OldestFirst);
        assert_eq!(n.net_of("K"), Some(Some(Decimal::from(300))));
        assert_eq!(
            n.effective,
            vec![Decimal::ZERO, Decimal::from(300), Decimal::ZERO]
        );
    }

    #[test]
    fn currencies_meet_at_the_rate() {
        let mut p = Portfolio::new("t", Currency::CNY);
        p.fx.insert(FxRate {
            currency: Currency::EUR,
            date: d("2026-01-01"),
            rate: 8.into(),
        })
        .ok();
        p.invoices = vec![
            line("A", "K", "2026-01-01", "2026-02-01", Currency::EUR, 100),
            line("CN", "K", "2026-01-02", "2026-01-02", Currency::CNY, -1000),
        ];
        let n = net_open(&p, d("2026-03-31"), CreditPlacement::OldestFirst);
        assert_eq!(n.net_of("K"), Some(Some(Decimal::from(-200))));
        // Different currencies are not applied to each other, but the buyer
        // is in net credit at the rate: nothing of it is owed.
        assert_eq!(n.effective[0], Decimal::ZERO);
        p.fx = crate::money::FxTable::new(Currency::CNY);
        let n = net_open(&p, d("2026-03-31"), CreditPlacement::ByDate);
        assert_eq!(n.net_of("K"), Some(None), "no rate: the net is unknown");
        assert_eq!(n.effective[0], Decimal::from(100));
    }

    proptest! {
        /// Σ effective per buyer and currency is its net, whatever the
        /// placement; a debit never grows and never goes below zero.
        #[test]
        fn netting_keeps_the_net(
            lines in prop::collection::vec((0u8..3, 0i64..90, -3000i64..5000), 1..30),
            oldest in any::<bool>(),
        ) {
            let mut p = Portfolio::new("t", Currency::EUR);
            for (i, (c, day, g)) in lines.iter().enumerate() {
                let issue = d("2026-01-01") + chrono::Days::new(*day as u64);
                let mut l = line(&format!("I{i}"), &format!("C{c}"), "2026-01-01", "2026-01-01", Currency::EUR, *g);
                l.issue_date = issue;
                l.due_date = issue + chrono::Days::new(30);
                p.invoices.push(l);
            }
            let as_of = d("2026-03-01");
            let placement = if oldest { CreditPlacement::OldestFirst } else { CreditPlacement::ByDate };
            let n = net_open(&p, as_of, placement);
            for c in 0..3u8 {
                let id = format!("C{c}");
                let open: Decimal = p.invoices.iter().filter(|i| i.customer_id == id).map(|i| i.open_as_of(as_of)).sum();
                if let Some(Some(net)) = n.net_of(&id) {
                    prop_assert_eq!(net, open);
                }
                if oldest && open > Decimal::ZERO {
                    let eff: Decimal = p.invoices.iter().enumerate().filter(|(_, i)| i.customer_id == id).map(|(k, _)| n.effective[k]).sum();
                    prop_assert_eq!(eff, open);
                }
            }
            for (k, i) in p.invoices.iter().enumerate() {
                let open = i.open_as_of(as_of);
                if open > Decimal::ZERO {
                    prop_assert!(n.effective[k] >= Decimal::ZERO && n.effective[k] <= open);
                }
            }
        }
    }
}
