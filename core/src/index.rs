//! A compact, columnar copy of a portfolio's invoices that the reports run
//! over.
//!
//! Why: a report walks every invoice, and an [`Invoice`](crate::invoice::Invoice)
//! keeps its ids and payments on the heap, so walking a million of them is
//! mostly waiting on memory. The index is built once per portfolio (when it
//! is loaded or changed) and holds, per invoice, one fixed-size row with the
//! dates as day numbers, the buyer and currency as small integers, and —
//! precomputed — the open amount after *all* payments and the date of the
//! last one. A report for any `as_of` on or after that date (most invoices
//! of a ledger are long settled) reads the precomputed figure and never
//! looks at the payments; earlier dates sum the payments dated ≤ `as_of`, as
//! the rule says. Results are identical to working on the invoices (the
//! property tests of `ageing` go through this index).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::money::{Currency, FxTable, MoneyError};
use crate::portfolio::Portfolio;

/// Marks a row whose currency the FX table does not know.
pub(crate) const NO_SLOT: u8 = u8::MAX;

/// A date as a day number (days from the common era).
#[inline]
pub(crate) fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// One invoice, fixed-size.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    pub gross: Decimal,
    /// gross − Σ every payment.
    pub final_open: Decimal,
    pub issue: i32,
    pub due: i32,
    /// Day of the last payment; `i32::MIN` when none.
    pub last_pay: i32,
    /// Day the dispute was raised; `i32::MAX` when none.
    pub disputed_from: i32,
    pub customer: u32,
    pub pay_start: u32,
    pub pay_len: u32,
    /// Position of the currency in [`LedgerIndex::currencies`], or [`NO_SLOT`].
    pub slot: u8,
    pub currency: Currency,
}

/// A payment: its day and amount.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pay {
    pub day: i32,
    pub amount: Decimal,
}

/// Rates to the base currency on one date, looked up once per currency and
/// only when an amount in it counts: a currency without a rate is an error
/// only where it is needed.
pub(crate) struct Rates<'a> {
    ix: &'a LedgerIndex,
    on: NaiveDate,
    cache: Vec<Option<Decimal>>,
}

impl<'a> Rates<'a> {
    pub(crate) fn new(ix: &'a LedgerIndex, on: NaiveDate) -> Self {
        Rates {
            ix,
            on,
            cache: vec![None; ix.currencies.len()],
        }
    }

    /// The rate of a currency slot of the index.
    pub(crate) fn slot(&mut self, slot: usize) -> Result<Decimal, MoneyError> {
        if let Some(r) = self.cache[slot] {
            return Ok(r);
        }
        let r = self.ix.fx.rate(self.ix.currencies[slot], self.on)?;
        self.cache[slot] = Some(r);
        Ok(r)
    }

    /// The rate of a row's currency, [`MoneyError::NoRate`] when the table
    /// does not know it.
    pub(crate) fn row(&mut self, r: &Row) -> Result<Decimal, MoneyError> {
        if r.slot == NO_SLOT {
            return Err(MoneyError::NoRate {
                currency: r.currency,
                date: self.on,
            });
        }
        self.slot(r.slot as usize)
    }
}

/// The columnar index of a portfolio's invoices.
///
/// # Example
/// ```
/// use credit_core::{ageing, demo, index::LedgerIndex, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let ix = LedgerIndex::new(&p);
/// // Build once; report for as many dates as needed.
/// let a = ageing::age_index(&ix, as_of, &p.settings.ageing).unwrap();
/// assert_eq!(a, ageing::age(&p, as_of, &p.settings.ageing).unwrap());
/// ```
#[derive(Clone, Debug)]
pub struct LedgerIndex {
    pub(crate) fx: FxTable,
    pub(crate) currencies: Vec<Currency>,
    pub(crate) customer_ids: Vec<String>,
    pub(crate) rows: Vec<Row>,
    pub(crate) pays: Vec<Pay>,
}

impl LedgerIndex {
    /// Builds the index of a portfolio. Never fails: an invoice in a
    /// currency without rates is kept and reported by the reports that need
    /// its amount.
    pub fn new(portfolio: &Portfolio) -> Self {
        let currencies = portfolio.fx.currencies();
        let mut customer_ids: Vec<String> =
            portfolio.customers.iter().map(|c| c.id.clone()).collect();
        let mut by_id: HashMap<&str, u32> = portfolio
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        let mut rows = Vec::with_capacity(portfolio.invoices.len());
        let mut pays = Vec::with_capacity(portfolio.invoices.len());
        let mut last: (&str, u32) = ("", u32::MAX);
        let mut scratch: Vec<Pay> = Vec::new();
        for inv in &portfolio.invoices {
            let customer = if last.1 != u32::MAX && inv.customer_id == last.0 {
                last.1
            } else {
                let ci = *by_id.entry(inv.customer_id.as_str()).or_insert_with(|| {
                    customer_ids.push(inv.customer_id.clone());
                    (customer_ids.len() - 1) as u32
                });
                last = (inv.customer_id.as_str(), ci);
                ci
            };
            let slot = currencies
                .iter()
                .position(|&c| c == inv.currency)
                .map_or(NO_SLOT, |s| s as u8);
            scratch.clear();
            scratch.extend(inv.payments.iter().map(|p| Pay {
                day: day(p.date),
                amount: p.amount,
            }));
            scratch.sort_by_key(|p| p.day);
            let paid: Decimal = scratch.iter().map(|p| p.amount).sum();
            let pay_start = pays.len() as u32;
            pays.extend_from_slice(&scratch);
            rows.push(Row {
                gross: inv.gross,
                final_open: inv.gross - paid,
                issue: day(inv.issue_date),
                due: day(inv.due_date),
                last_pay: scratch.last().map_or(i32::MIN, |p| p.day),
                disputed_from: inv.dispute.as_ref().map_or(i32::MAX, |d| day(d.date)),
                customer,
                pay_start,
                pay_len: scratch.len() as u32,
                slot,
                currency: inv.currency,
            });
        }
        LedgerIndex {
            fx: portfolio.fx.clone(),
            currencies,
            customer_ids,
            rows,
            pays,
        }
    }

    /// The position of a buyer in the index (rows refer to buyers by it).
    pub(crate) fn customer_position(&self, id: &str) -> Option<u32> {
        self.customer_ids
            .iter()
            .position(|c| c == id)
            .map(|i| i as u32)
    }

    /// Number of invoices.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no invoices.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The payments of a row, sorted by day.
    #[inline]
    pub(crate) fn pays_of(&self, r: &Row) -> &[Pay] {
        &self.pays[r.pay_start as usize..(r.pay_start + r.pay_len) as usize]
    }

    /// Open amount of a row on a day: gross − Σ payments dated ≤ that day;
    /// nothing before the row's issue date (it did not exist yet).
    #[inline]
    pub(crate) fn open_at(&self, r: &Row, on: i32) -> Decimal {
        if on < r.issue {
            return Decimal::ZERO;
        }
        if on >= r.last_pay {
            return r.final_open;
        }
        let mut open = r.gross;
        for p in self.pays_of(r) {
            if p.day > on {
                break;
            }
            open -= p.amount;
        }
        open
    }
}
