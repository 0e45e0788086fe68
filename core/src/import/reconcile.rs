//! Re-import of the next open-items export into the portfolio that holds
//! the last one (issue "Real ledgers in", item 7).
//!
//! An open-items list (SAP FBL5N, an ERP's AR report, a Kingdee 应收明细)
//! lists what is open on its date and nothing else. Importing this week's
//! list into last week's portfolio must therefore:
//!
//! - **add** the lines the portfolio does not have (new invoices, credit
//!   notes, payments on account) and the buyers they name;
//! - **close** the portfolio's lines that are open on the file's date but
//!   missing from the file: they were settled, so each gets a payment of its
//!   open amount dated at the file's date (a credit that disappeared was
//!   used: its "payment" is negative);
//! - **update** the lines whose open amount changed (a part payment: a
//!   payment of the difference dated at the file's date; a larger amount
//!   than before, e.g. a reversed payment: a negative payment), whose due
//!   date moved, or which the file now marks disputed;
//! - **touch nothing else**: lines already settled, lines issued after the
//!   file's date, buyers' details, settings and notes stay as they are.
//!
//! Re-importing the same file changes nothing (a property test checks it).
//! The figures as of the file's date then equal the file's, line by line.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{FileKind, ImportError, MergePolicy, Preview};
use crate::invoice::Payment;
use crate::money::Currency;
use crate::portfolio::Portfolio;

/// One line the re-import closed or changed.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Change {
    /// The line's id.
    pub invoice_id: String,
    /// Its buyer.
    pub customer_id: String,
    /// Its currency.
    pub currency: Currency,
    /// Open before (as of the file's date, as the portfolio had it).
    pub open_before: Decimal,
    /// Open after.
    pub open_after: Decimal,
}

/// What a re-import did.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ReconcileReport {
    /// The file's date the changes are dated at.
    pub file_date: Option<NaiveDate>,
    /// Lines added.
    pub added: usize,
    /// Buyers added.
    pub customers_added: usize,
    /// Lines missing from the file, closed at the file's date.
    pub closed: Vec<Change>,
    /// Lines whose open amount, due date or dispute changed.
    pub updated: Vec<Change>,
    /// Lines in the file that were already as the file says.
    pub unchanged: usize,
    /// Rows left out for their errors (valid-rows-only import).
    pub rows_left_out: usize,
    /// Currencies of the file's lines the FX table has no rate for.
    pub currencies_without_rate: Vec<Currency>,
}

impl ReconcileReport {
    /// Whether the re-import changed anything.
    pub fn is_empty(&self) -> bool {
        self.added == 0
            && self.customers_added == 0
            && self.closed.is_empty()
            && self.updated.is_empty()
    }
}

/// Re-imports an open-items file dated `file_date` into a copy of the
/// portfolio (see the module docs). The input is never changed.
///
/// # Errors
/// As [`super::merge`]: a date order still needed, errors under
/// all-or-nothing; [`ImportError::MissingColumns`] for a file that is not
/// an invoice (open-items) file.
///
/// # Example
/// ```
/// use credit_core::import::*;
/// use credit_core::import::reconcile::reconcile;
/// use credit_core::{money::Currency, portfolio::Portfolio, NaiveDate};
/// let read = |csv: &str| {
///     let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
///     preview("open.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default())
/// };
/// let week1 = read("Invoice,Customer,Invoice date,Due date,Amount\n\
///                   A-1,C1,2026-11-01,2026-11-30,1000\nA-2,C1,2026-11-02,2026-12-02,500\n");
/// let week2 = read("Invoice,Customer,Invoice date,Due date,Amount\n\
///                   A-2,C1,2026-11-02,2026-12-02,500\nA-3,C1,2026-11-20,2026-12-20,300\n");
/// let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
/// let (p, _) = reconcile(&Portfolio::new("p", Currency::CNY), &week1, d, MergePolicy::AllOrNothing).unwrap();
/// let next = d + chrono::Days::new(7);
/// let (q, r) = reconcile(&p, &week2, next, MergePolicy::AllOrNothing).unwrap();
/// assert_eq!((r.added, r.closed.len(), r.unchanged), (1, 1, 1));
/// assert_eq!(q.invoices[0].open_as_of(next), 0.into()); // A-1 was paid
/// ```
pub fn reconcile(
    portfolio: &Portfolio,
    preview: &Preview,
    file_date: NaiveDate,
    policy: MergePolicy,
) -> Result<(Portfolio, ReconcileReport), ImportError> {
    if preview.kind != FileKind::Invoices {
        return Err(ImportError::MissingColumns(vec![
            super::Field::InvoiceId,
            super::Field::Gross,
        ]));
    }
    if preview.needs_date_order {
        return Err(ImportError::DateOrderRequired);
    }
    if policy == MergePolicy::AllOrNothing && !preview.errors.is_empty() {
        return Err(ImportError::RowErrors {
            count: preview.errors.len(),
        });
    }
    let mut out = portfolio.clone();
    let mut report = ReconcileReport {
        file_date: Some(file_date),
        rows_left_out: preview.summary.error_rows,
        ..ReconcileReport::default()
    };
    let known: HashSet<String> = out.customers.iter().map(|c| c.id.clone()).collect();
    for c in &preview.customers {
        if !known.contains(&c.id) {
            out.customers.push(c.clone());
            report.customers_added += 1;
        }
    }
    let stored: HashMap<String, usize> = out
        .invoices
        .iter()
        .enumerate()
        .map(|(i, inv)| (inv.id.clone(), i))
        .collect();
    let mut in_file: HashSet<&str> = HashSet::with_capacity(preview.invoices.len());
    let settle = |inv: &mut crate::invoice::Invoice, amount: Decimal| {
        if !amount.is_zero() {
            inv.payments.push(Payment {
                date: file_date,
                amount,
            });
            inv.payments.sort_by_key(|p| p.date);
        }
    };
    for new in &preview.invoices {
        in_file.insert(new.id.as_str());
        let Some(&i) = stored.get(&new.id) else {
            out.invoices.push(new.clone());
            report.added += 1;
            continue;
        };
        let old = &mut out.invoices[i];
        let before = old.open_as_of(file_date);
        let after = new.open_as_of(file_date);
        let mut changed = false;
        if before != after {
            settle(old, before - after);
            changed = true;
        }
        if old.due_date != new.due_date && new.due_date >= old.issue_date {
            old.due_date = new.due_date;
            changed = true;
        }
        if old.dispute.is_none() && new.dispute.is_some() {
            old.dispute = new.dispute.clone();
            changed = true;
        }
        if changed {
            report.updated.push(Change {
                invoice_id: old.id.clone(),
                customer_id: old.customer_id.clone(),
                currency: old.currency,
                open_before: before,
                open_after: old.open_as_of(file_date),
            });
        } else {
            report.unchanged += 1;
        }
    }
    for inv in out.invoices.iter_mut() {
        if in_file.contains(inv.id.as_str()) || inv.issue_date > file_date {
            continue;
        }
        let before = inv.open_as_of(file_date);
        if before.is_zero() {
            continue;
        }
        settle(inv, before);
        report.closed.push(Change {
            invoice_id: inv.id.clone(),
            customer_id: inv.customer_id.clone(),
            currency: inv.currency,
            open_before: before,
            open_after: Decimal::ZERO,
        });
    }
    report.currencies_without_rate = super::currencies_without_rate(&out, preview);
    Ok((out, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{guess_mapping, preview, read_table, ParseOptions, ReadOptions};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn read(csv: &str) -> Preview {
        let t =
            read_table(csv.as_bytes(), &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        preview(
            "f.csv",
            &t,
            &guess_mapping(&t.headers),
            &ParseOptions::default(),
        )
    }

    const HEAD: &str = "Invoice,Customer,Invoice date,Due date,Amount,Outstanding,Disputed\n";

    #[test]
    fn closes_updates_adds_and_touches_nothing_else() {
        let week1 = read(&format!(
            "{HEAD}A-1,C1,2026-10-01,2026-10-31,1000,1000,no\n\
             A-2,C1,2026-10-05,2026-11-04,800,800,no\n\
             CN-1,C2,2026-10-10,2026-10-10,-200,-200,no\n\
             A-3,C2,2026-10-12,2026-11-11,400,400,no\n"
        ));
        assert!(week1.errors.is_empty(), "{:?}", week1.errors);
        let d1 = d("2026-11-23");
        let (mut p, r) = reconcile(
            &Portfolio::new("p", Currency::CNY),
            &week1,
            d1,
            MergePolicy::AllOrNothing,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((r.added, r.customers_added), (4, 2));
        // A line issued after the file's date, entered by hand: untouched.
        let mut later = p.invoices[0].clone();
        later.id = "MANUAL".into();
        later.issue_date = d("2026-12-01");
        later.due_date = d("2026-12-31");
        p.invoices.push(later.clone());
        let week2 = read(&format!(
            "{HEAD}A-2,C1,2026-10-05,2026-11-04,800,300,no\n\
             A-3,C2,2026-10-12,2026-11-20,400,400,yes\n\
             A-4,C2,2026-11-25,2026-12-25,900,900,no\n"
        ));
        let d2 = d("2026-11-30");
        let (q, r) =
            reconcile(&p, &week2, d2, MergePolicy::AllOrNothing).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.added, 1);
        let closed: Vec<&str> = r.closed.iter().map(|c| c.invoice_id.as_str()).collect();
        assert_eq!(closed, ["A-1", "CN-1"]);
        let updated: Vec<(&str, Decimal, Decimal)> = r
            .updated
            .iter()
            .map(|c| (c.invoice_id.as_str(), c.open_before, c.open_after))
            .collect();
        assert_eq!(
            updated,
            [
                ("A-2", Decimal::from(800), Decimal::from(300)),
                ("A-3", Decimal::from(400), Decimal::from(400))
            ]
        );
        let open = |id: &str| {
            q.invoices
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.open_as_of(d2))
                .unwrap_or_default()
        };
        assert_eq!(open("A-1"), Decimal::ZERO);
        assert_eq!(open("CN-1"), Decimal::ZERO);
        assert_eq!(open("A-2"), Decimal::from(300));
        assert_eq!(open("A-4"), Decimal::from(900));
        let a3 = q.invoices.iter().find(|i| i.id == "A-3");
        assert_eq!(a3.map(|i| i.due_date), Some(d("2026-11-20")));
        assert!(a3.is_some_and(|i| i.dispute.is_some()));
        assert_eq!(q.invoices.iter().find(|i| i.id == "MANUAL"), Some(&later));
        // As of the week before, the ledger is as it stood then.
        let was = |id: &str| {
            q.invoices
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.open_as_of(d1))
                .unwrap_or_default()
        };
        assert_eq!(
            (was("A-1"), was("A-2")),
            (Decimal::from(1000), Decimal::from(800))
        );
        // The same file again changes nothing.
        let (again, r) =
            reconcile(&q, &week2, d2, MergePolicy::AllOrNothing).unwrap_or_else(|e| panic!("{e}"));
        assert!(r.is_empty(), "{r:?}");
        assert_eq!(again, q);
    }

    proptest! {
        /// Re-importing the same file changes nothing, and the figures as of
        /// the file's date equal the file's, line by line.
        #[test]
        fn the_same_file_twice_changes_nothing(
            lines in prop::collection::vec((0u8..4, 0u32..60, 1i64..100_000, -50_000i64..100_000), 1..25),
            first in prop::collection::vec((0u8..4, 0u32..60, 1i64..100_000), 0..10),
        ) {
            let csv = |rows: &[(String, u8, u32, i64, i64)]| {
                let mut s = String::from(HEAD);
                for (id, c, day, gross, open) in rows {
                    let issue = d("2026-09-01") + chrono::Days::new(u64::from(*day));
                    let due = issue + chrono::Days::new(30);
                    s.push_str(&format!("{id},C{c},{issue},{due},{gross},{open},no\n"));
                }
                s
            };
            let old: Vec<_> = first.iter().enumerate().map(|(k, (c, day, g))| (format!("X-{k}"), *c, *day, *g, *g)).collect();
            let new: Vec<_> = lines.iter().enumerate().map(|(k, (c, day, g, o))| (format!("N-{k}"), *c, *day, *g, (*o).min(*g))).collect();
            let file_date = d("2026-11-30");
            let (p, _) = reconcile(&Portfolio::new("p", Currency::CNY), &read(&csv(&old)), file_date, MergePolicy::AllOrNothing).unwrap();
            let week = read(&csv(&new));
            prop_assert!(week.errors.is_empty(), "{:?}", week.errors);
            let (q, _) = reconcile(&p, &week, file_date, MergePolicy::AllOrNothing).unwrap();
            for inv in &week.invoices {
                let got = q.invoices.iter().find(|i| i.id == inv.id).map(|i| i.open_as_of(file_date));
                prop_assert_eq!(got, Some(inv.open_as_of(file_date)));
            }
            for inv in q.invoices.iter().filter(|i| i.id.starts_with("X-")) {
                prop_assert_eq!(inv.open_as_of(file_date), Decimal::ZERO);
            }
            let (again, r) = reconcile(&q, &week, file_date, MergePolicy::AllOrNothing).unwrap();
            prop_assert!(r.is_empty());
            prop_assert_eq!(again, q);
        }
    }
}
