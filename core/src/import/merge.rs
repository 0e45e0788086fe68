//! The merge: a preview reconciled into a copy of a portfolio, with the
//! user's choices for rows in error and ids already stored ([`merge`]).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::money::Currency;
use crate::portfolio::Portfolio;

use super::{FileKind, ImportError, Preview};

/// Whether a file with errors imports anything.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergePolicy {
    /// Any error: nothing is imported (the default).
    #[default]
    AllOrNothing,
    /// Import the valid rows, leave out the rest (the user's explicit choice).
    ValidRowsOnly,
}

/// What to do with an invoice (or, in a customer file, a buyer) whose id the
/// portfolio already has.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnExisting {
    /// Keep the stored one (the default).
    #[default]
    Skip,
    /// Replace it with the file's.
    Replace,
}

/// What a merge did.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct MergeReport {
    /// Invoices added.
    pub added: usize,
    /// Ids already present and replaced.
    pub replaced: Vec<String>,
    /// Ids already present and skipped.
    pub skipped: Vec<String>,
    /// Buyers added.
    pub customers_added: usize,
    /// Payments added (payment file).
    pub payments_added: usize,
    /// Rows left out for their errors (valid-rows-only import).
    pub rows_left_out: usize,
    /// Currencies of imported invoices the FX table has no rate for.
    pub currencies_without_rate: Vec<Currency>,
}

/// The ids of the preview's invoices (or, for a customer file, buyers) that
/// the portfolio already has: what the app shows before asking skip or
/// replace ([`OnExisting`]).
///
/// # Example
/// ```
/// use credit_core::import::*;
/// use credit_core::{money::Currency, portfolio::Portfolio};
/// let csv = "Invoice,Customer,Invoice date,Due date,Amount\nA-1,C1,2025-03-01,2025-03-31,1000\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let p = preview("f.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default());
/// let empty = Portfolio::new("mine", Currency::CNY);
/// assert!(existing_ids(&empty, &p).is_empty());
/// let (stored, _) = merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
/// assert_eq!(existing_ids(&stored, &p), vec!["A-1".to_string()]);
/// ```
pub fn existing_ids(portfolio: &Portfolio, preview: &Preview) -> Vec<String> {
    if preview.kind == FileKind::Customers {
        let ids: HashSet<&str> = portfolio.customers.iter().map(|c| c.id.as_str()).collect();
        return preview
            .customers
            .iter()
            .filter(|c| ids.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect();
    }
    let ids: HashSet<&str> = portfolio.invoices.iter().map(|i| i.id.as_str()).collect();
    preview
        .invoices
        .iter()
        .filter(|i| ids.contains(i.id.as_str()))
        .map(|i| i.id.clone())
        .collect()
}

/// Merges a preview into a copy of the portfolio. The input is never
/// changed, so a refused import loses nothing.
///
/// # Errors
/// - [`ImportError::DateOrderRequired`] when the preview needs a date order;
/// - [`ImportError::RowErrors`] under [`MergePolicy::AllOrNothing`] when the
///   file has errors;
/// - [`ImportError::UnknownInvoices`] for payments of invoices the portfolio
///   lacks (under `ValidRowsOnly` they are left out instead).
///
/// # Example
/// ```
/// use credit_core::import::*;
/// use credit_core::{money::Currency, portfolio::Portfolio};
/// let csv = "Invoice,Customer,Invoice date,Due date,Amount\n\
///            A-1,C1,2025-03-01,2025-03-31,1000\nA-2,C1,2025-03-05,,5\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let p = preview("f.csv", &t, &guess_mapping(&t.headers), &ParseOptions::default());
/// let empty = Portfolio::new("mine", Currency::CNY);
/// assert_eq!(merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip),
///            Err(ImportError::RowErrors { count: 1 }));
/// let (q, r) = merge(&empty, &p, MergePolicy::ValidRowsOnly, OnExisting::Skip).unwrap();
/// assert_eq!((q.invoices.len(), q.customers.len(), r.rows_left_out), (1, 1, 1));
/// assert!(empty.invoices.is_empty());
/// ```
pub fn merge(
    portfolio: &Portfolio,
    preview: &Preview,
    policy: MergePolicy,
    on_existing: OnExisting,
) -> Result<(Portfolio, MergeReport), ImportError> {
    if preview.needs_date_order {
        return Err(ImportError::DateOrderRequired);
    }
    if policy == MergePolicy::AllOrNothing && !preview.errors.is_empty() {
        return Err(ImportError::RowErrors {
            count: preview.errors.len(),
        });
    }
    let mut out = portfolio.clone();
    let mut report = MergeReport {
        rows_left_out: preview.summary.error_rows,
        ..MergeReport::default()
    };
    let mut customers: HashMap<String, usize> = out
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for c in &preview.customers {
        match customers.get(&c.id) {
            Some(&i) => {
                if preview.kind == FileKind::Customers {
                    match on_existing {
                        OnExisting::Skip => report.skipped.push(c.id.clone()),
                        OnExisting::Replace => {
                            out.customers[i] = c.clone();
                            report.replaced.push(c.id.clone());
                        }
                    }
                }
            }
            None => {
                customers.insert(c.id.clone(), out.customers.len());
                out.customers.push(c.clone());
                report.customers_added += 1;
            }
        }
    }
    // Ids of the stored invoices; the preview's ids are unique (a repeated
    // id is a row error), so only stored ones can clash.
    let stored: HashMap<&str, usize> = portfolio
        .invoices
        .iter()
        .enumerate()
        .map(|(i, inv)| (inv.id.as_str(), i))
        .collect();
    out.invoices.reserve(preview.invoices.len());
    for inv in &preview.invoices {
        match stored.get(inv.id.as_str()) {
            Some(&i) => match on_existing {
                OnExisting::Skip => report.skipped.push(inv.id.clone()),
                OnExisting::Replace => {
                    out.invoices[i] = inv.clone();
                    report.replaced.push(inv.id.clone());
                }
            },
            None => {
                out.invoices.push(inv.clone());
                report.added += 1;
            }
        }
    }
    if !preview.payments.is_empty() {
        let ids: HashMap<&str, usize> = out
            .invoices
            .iter()
            .enumerate()
            .map(|(i, inv)| (inv.id.as_str(), i))
            .collect();
        let mut matched = Vec::new();
        let mut unknown = Vec::new();
        for p in &preview.payments {
            match ids.get(p.invoice_id.as_str()) {
                Some(&i) => matched.push((i, p.payment)),
                None => unknown.push(p.invoice_id.clone()),
            }
        }
        if !unknown.is_empty() {
            if policy == MergePolicy::AllOrNothing {
                return Err(ImportError::UnknownInvoices(unknown));
            }
            report.rows_left_out += unknown.len();
        }
        for (i, payment) in matched {
            out.invoices[i].payments.push(payment);
            out.invoices[i].payments.sort_by_key(|x| x.date);
            report.payments_added += 1;
        }
    }
    report.currencies_without_rate = currencies_without_rate(&out, preview);
    Ok((out, report))
}

/// The currencies of the preview's lines that the portfolio's FX table has
/// no rate for, in code order: what the user must add before ageing.
pub(crate) fn currencies_without_rate(portfolio: &Portfolio, preview: &Preview) -> Vec<Currency> {
    let known = portfolio.fx.currencies();
    let mut missing: Vec<Currency> = preview
        .invoices
        .iter()
        .map(|i| i.currency)
        .filter(|c| !known.contains(c))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    missing.sort_by(|a, b| a.code().cmp(b.code()));
    missing
}
