//! The invoice list: what each invoice is as of a date, filters and paging.
//! The app lists 100,000 invoices by asking for one page of matches at a
//! time; everything it shows per row comes from [`InvoiceRow`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ageing::{
    age_days, AgeingError, AgeingReport, AgeingSettings, Buckets, CreditPlacement,
};
use crate::invoice::{Invoice, InvoiceStatus};
use crate::portfolio::Portfolio;

/// What the invoice list filters on; `None` means any.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct InvoiceFilter {
    /// Only this buyer's invoices.
    pub customer_id: Option<String>,
    /// Only open invoices in this ageing bucket.
    pub bucket: Option<usize>,
    /// Only invoices with this status.
    pub status: Option<InvoiceStatus>,
    /// Only disputed (`Some(true)`) or undisputed (`Some(false)`) invoices.
    pub disputed: Option<bool>,
    /// Invoice ids containing this text (case-insensitive).
    pub id_contains: Option<String>,
    /// Only invoices with something owed (not due or overdue), most
    /// overdue first: the list a credit controller opens on (issue 22).
    /// Otherwise rows are in ledger order.
    pub open_most_overdue: bool,
}

/// One invoice as of a date.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct InvoiceRow {
    /// Position in [`Portfolio::invoices`].
    pub index: usize,
    /// Open amount in the invoice's currency (negative when overpaid).
    pub open: Decimal,
    /// Age in days on the ageing basis.
    pub age_days: i64,
    /// The ageing bucket, for an invoice with something open (and for an
    /// open credit when credits age by their date).
    pub bucket: Option<usize>,
    /// Status.
    pub status: InvoiceStatus,
    /// Disputed as of the date.
    pub disputed: bool,
}

/// Describes one invoice as of a date.
pub fn describe(
    index: usize,
    inv: &Invoice,
    as_of: NaiveDate,
    settings: &AgeingSettings,
    buckets: &Buckets,
) -> InvoiceRow {
    let open = inv.open_as_of(as_of);
    let age = age_days(inv, as_of, settings.basis);
    let status = inv.status_with_open(open, as_of);
    InvoiceRow {
        index,
        open,
        age_days: age,
        bucket: (open > Decimal::ZERO
            || (open < Decimal::ZERO && settings.credits == CreditPlacement::ByDate))
            .then(|| buckets.index(age)),
        status,
        disputed: inv.disputed_as_of(as_of),
    }
}

/// The rows matching a filter, in ledger order.
///
/// # Errors
/// [`AgeingError::EdgesNotIncreasing`] for bad bucket edges.
///
/// # Example
/// ```
/// use credit_core::{demo, ledger, NaiveDate};
/// use credit_core::invoice::InvoiceStatus;
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let f = ledger::InvoiceFilter { status: Some(InvoiceStatus::Overdue), ..Default::default() };
/// let rows = ledger::filter(&p, as_of, &p.settings.ageing, &f).unwrap();
/// assert!(rows.iter().all(|r| r.open > credit_core::Decimal::ZERO));
/// ```
pub fn filter(
    portfolio: &Portfolio,
    as_of: NaiveDate,
    settings: &AgeingSettings,
    filter: &InvoiceFilter,
) -> Result<Vec<InvoiceRow>, AgeingError> {
    let buckets = Buckets::new(&settings.edges)?;
    let needle = filter
        .id_contains
        .as_ref()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    let mut out = Vec::new();
    for (i, inv) in portfolio.invoices.iter().enumerate() {
        // As it stood on `as_of`: a line issued later did not exist yet.
        if inv.issue_date > as_of {
            continue;
        }
        if let Some(c) = &filter.customer_id {
            if &inv.customer_id != c {
                continue;
            }
        }
        if let Some(n) = &needle {
            if !inv.id.to_lowercase().contains(n.as_str()) {
                continue;
            }
        }
        let row = describe(i, inv, as_of, settings, &buckets);
        if filter.status.is_some_and(|s| s != row.status)
            || (filter.open_most_overdue && row.open <= Decimal::ZERO)
            || filter.bucket.is_some_and(|b| row.bucket != Some(b))
            || filter.disputed.is_some_and(|d| d != row.disputed)
        {
            continue;
        }
        out.push(row);
    }
    if filter.open_most_overdue {
        // Oldest first; a tie in ledger order (the sort is stable).
        out.sort_by_key(|r| std::cmp::Reverse(r.age_days));
    }
    Ok(out)
}

/// A page of a list.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Page {
    /// The page shown, from 0, clamped to the last page.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
    /// First item shown (index into the list).
    pub start: usize,
    /// One past the last item shown.
    pub end: usize,
}

/// The page `page` of `total` items, `per_page` a page.
///
/// # Example
/// ```
/// use credit_core::ledger::page;
/// let p = page(101, 5, 50);
/// assert_eq!((p.page, p.pages, p.start, p.end), (2, 3, 100, 101));
/// assert_eq!(page(0, 0, 50).pages, 1);
/// ```
pub fn page(total: usize, page: usize, per_page: usize) -> Page {
    let per_page = per_page.max(1);
    let pages = total.div_ceil(per_page).max(1);
    let page = page.min(pages - 1);
    let start = (page * per_page).min(total);
    Page {
        page,
        pages,
        start,
        end: (start + per_page).min(total),
    }
}

/// How the customer list is ordered.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    /// Largest outstanding first (the default).
    #[default]
    Exposure,
    /// Largest overdue (past the first bucket) first.
    Overdue,
    /// By name.
    Name,
    /// By id.
    Id,
}

/// Positions in `report.customers` of the buyers whose id, name or country
/// contains `search` (case-insensitive), ordered by `sort` (ties by id).
///
/// # Example
/// ```
/// use credit_core::{ageing, demo, ledger, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let r = ageing::age(&p, as_of, &p.settings.ageing).unwrap();
/// let rows = ledger::customers(&p, &r, "", ledger::CustomerSort::Exposure);
/// assert_eq!(rows.len(), r.customers.len());
/// assert!(r.customers[rows[0]].row.total >= r.customers[rows[1]].row.total);
/// ```
pub fn customers(
    portfolio: &Portfolio,
    report: &AgeingReport,
    search: &str,
    sort: CustomerSort,
) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    let name_of = |i: usize| -> &str {
        portfolio
            .customers
            .get(i)
            .map_or(report.customers[i].customer_id.as_str(), |c| {
                c.name.as_str()
            })
    };
    let mut rows: Vec<usize> = (0..report.customers.len())
        .filter(|&i| {
            if needle.is_empty() {
                return true;
            }
            let c = &report.customers[i];
            c.customer_id.to_lowercase().contains(&needle)
                || name_of(i).to_lowercase().contains(&needle)
                || portfolio
                    .customers
                    .get(i)
                    .is_some_and(|c| c.country.to_lowercase() == needle)
        })
        .collect();
    let id = |i: usize| report.customers[i].customer_id.as_str();
    match sort {
        CustomerSort::Exposure => rows.sort_by(|&a, &b| {
            report.customers[b]
                .row
                .total
                .cmp(&report.customers[a].row.total)
                .then_with(|| id(a).cmp(id(b)))
        }),
        CustomerSort::Overdue => rows.sort_by(|&a, &b| {
            report.customers[b]
                .row
                .overdue()
                .cmp(&report.customers[a].row.overdue())
                .then_with(|| id(a).cmp(id(b)))
        }),
        CustomerSort::Name => {
            rows.sort_by(|&a, &b| name_of(a).cmp(name_of(b)).then_with(|| id(a).cmp(id(b))))
        }
        CustomerSort::Id => rows.sort_by(|&a, &b| id(a).cmp(id(b))),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ageing::age;
    use crate::customer::Customer;
    use crate::invoice::{Dispute, Payment};
    use crate::money::Currency;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample() -> Portfolio {
        let mut p = Portfolio::new("t", Currency::CNY);
        for (id, name, country) in [("A", "Alpha GmbH", "DE"), ("B", "北京贝塔", "CN")] {
            p.customers.push(Customer {
                country: country.into(),
                ..Customer::new(id, name)
            });
        }
        let inv = |id: &str, c: &str, due: &str, gross: i64| Invoice {
            kind: Default::default(),
            id: id.into(),
            customer_id: c.into(),
            issue_date: d("2025-01-01"),
            due_date: d(due),
            currency: Currency::CNY,
            gross: gross.into(),
            vat: None,
            payments: vec![],
            dispute: None,
        };
        let mut paid = inv("INV-3", "A", "2025-02-01", 100);
        paid.payments.push(Payment {
            date: d("2025-02-01"),
            amount: 100.into(),
        });
        let mut disputed = inv("INV-4", "B", "2025-01-15", 400);
        disputed.dispute = Some(Dispute {
            date: d("2025-02-01"),
            reason: "damaged".into(),
        });
        p.invoices = vec![
            inv("INV-1", "A", "2025-07-01", 150), // not due on 2025-06-30
            inv("INV-2", "A", "2025-03-01", 300), // 121 days: 121+
            paid,
            disputed, // 166 days, disputed
        ];
        p
    }

    fn ids(p: &Portfolio, rows: &[InvoiceRow]) -> Vec<String> {
        rows.iter()
            .map(|r| p.invoices[r.index].id.clone())
            .collect()
    }

    #[test]
    fn filters_combine() {
        let p = sample();
        let s = AgeingSettings::default();
        let as_of = d("2025-06-30");
        let all = filter(&p, as_of, &s, &InvoiceFilter::default()).unwrap();
        assert_eq!(all.len(), 4);
        let by = |f: InvoiceFilter| ids(&p, &filter(&p, as_of, &s, &f).unwrap());
        assert_eq!(
            by(InvoiceFilter {
                customer_id: Some("A".into()),
                ..Default::default()
            }),
            ["INV-1", "INV-2", "INV-3"]
        );
        assert_eq!(
            by(InvoiceFilter {
                status: Some(InvoiceStatus::Paid),
                ..Default::default()
            }),
            ["INV-3"]
        );
        assert_eq!(
            by(InvoiceFilter {
                status: Some(InvoiceStatus::NotDue),
                ..Default::default()
            }),
            ["INV-1"]
        );
        assert_eq!(
            by(InvoiceFilter {
                bucket: Some(5),
                ..Default::default()
            }),
            ["INV-2", "INV-4"]
        );
        assert_eq!(
            by(InvoiceFilter {
                disputed: Some(true),
                ..Default::default()
            }),
            ["INV-4"]
        );
        assert_eq!(
            by(InvoiceFilter {
                bucket: Some(5),
                customer_id: Some("B".into()),
                ..Default::default()
            }),
            ["INV-4"]
        );
        assert_eq!(
            by(InvoiceFilter {
                id_contains: Some(" inv-2 ".into()),
                ..Default::default()
            }),
            ["INV-2"]
        );
        // Open only, most overdue first: INV-4 (166 days), INV-2 (121),
        // INV-1 (not due); the paid INV-3 is left out.
        assert_eq!(
            by(InvoiceFilter {
                open_most_overdue: true,
                ..Default::default()
            }),
            ["INV-4", "INV-2", "INV-1"]
        );
        // A paid invoice is in no bucket.
        let row = &filter(&p, as_of, &s, &InvoiceFilter::default()).unwrap()[2];
        assert_eq!((row.bucket, row.open), (None, Decimal::ZERO));
    }

    #[test]
    fn customers_search_and_sort() {
        let p = sample();
        let r = age(&p, d("2025-06-30"), &AgeingSettings::default()).unwrap();
        let names = |rows: Vec<usize>| {
            rows.into_iter()
                .map(|i| r.customers[i].customer_id.clone())
                .collect::<Vec<_>>()
        };
        // A owes 450 (150 not due, 300 overdue), B 400 (all overdue).
        assert_eq!(
            names(customers(&p, &r, "", CustomerSort::Exposure)),
            ["A", "B"]
        );
        assert_eq!(
            names(customers(&p, &r, "alpha", CustomerSort::Exposure)),
            ["A"]
        );
        assert_eq!(
            names(customers(&p, &r, "贝塔", CustomerSort::Exposure)),
            ["B"]
        );
        assert_eq!(
            names(customers(&p, &r, "cn", CustomerSort::Exposure)),
            ["B"]
        );
        assert_eq!(names(customers(&p, &r, "", CustomerSort::Id)), ["A", "B"]);
        assert_eq!(
            names(customers(&p, &r, "", CustomerSort::Overdue)),
            ["B", "A"]
        );
    }

    #[test]
    fn paging_clamps() {
        let p = page(120, 99, 50);
        assert_eq!((p.page, p.pages, p.start, p.end), (2, 3, 100, 120));
        let p = page(50, 1, 50);
        assert_eq!((p.page, p.pages, p.start, p.end), (0, 1, 0, 50));
    }
}
