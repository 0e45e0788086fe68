//! Receivables ageing: every open invoice in exactly one bucket, per buyer
//! and for the portfolio, in the base currency.
//!
//! Rules (domain brief, "Ageing"):
//! - age = days past due (`as_of − due_date`, the default) or days since
//!   issue, as a setting;
//! - **as it stood**: a line issued after `as_of` did not exist yet and is
//!   left out ([`AgeingReport::not_yet_issued`] counts them);
//! - buckets are given by their upper edges in days; the first bucket holds
//!   every age ≤ 0 ("not yet due" on the due-date basis), the last
//!   everything above the last edge;
//! - **open items**: open amount = gross − Σ payments dated ≤ `as_of`, for
//!   invoices, debit notes, credit notes and payments on account alike; a
//!   negative open amount (a credit note, an overpayment, unapplied cash) is
//!   a credit of its buyer. A buyer's total is the **net** of its open
//!   items. Where credits show is a setting ([`CreditPlacement`]): by their
//!   own date (reducing that bucket, the default), in a credits column, or
//!   applied to the oldest debits first. In every placement
//!   `Σ buckets − credits column = total = debits − credits`;
//! - disputed amounts are included in the buckets and also shown apart;
//! - foreign-currency amounts are converted at the rate in force on `as_of`
//!   (the revaluation at the report date). Sums are converted per buyer and
//!   currency, which is exact with `Decimal` and keeps the hot loop to
//!   additions.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::index::{day, LedgerIndex, Rates, NO_SLOT};
use crate::invoice::Invoice;
use crate::money::{Currency, MoneyError};
use crate::portfolio::Portfolio;

/// What an invoice's age counts from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBasis {
    /// Days past the due date (the default).
    #[default]
    DueDate,
    /// Days since the issue date.
    IssueDate,
}

/// The default upper edges of the buckets after "not yet due": 1–30, 31–60,
/// 61–90, 91–120, and 121+ above the last (domain brief).
pub const DEFAULT_EDGES: [u32; 4] = [30, 60, 90, 120];

/// Where a buyer's open credits (credit notes, overpayments, payments on
/// account) show in its ageing. In every placement the buyer's total is
/// the net of all its open items.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditPlacement {
    /// Each credit ages by its own date and reduces that bucket (the
    /// default: what an open-item ERP report shows).
    #[default]
    ByDate,
    /// Credits stay out of the buckets, in a "credits" column of the buyer.
    Column,
    /// Credits are applied to the buyer's oldest debits first; what is left
    /// over shows in the credits column.
    OldestFirst,
}

impl CreditPlacement {
    /// Every placement, in the order a setting lists them.
    pub const ALL: [CreditPlacement; 3] = [
        CreditPlacement::ByDate,
        CreditPlacement::Column,
        CreditPlacement::OldestFirst,
    ];
}

/// Ageing settings of a portfolio.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AgeingSettings {
    /// What the age counts from.
    pub basis: AgeBasis,
    /// Upper edges in days of the buckets after the first, strictly
    /// increasing, e.g. `[15, 30, 45, 60]` for 0/15/30/45/60+.
    pub edges: Vec<u32>,
    /// Where open credits show.
    #[serde(default)]
    pub credits: CreditPlacement,
}

impl Default for AgeingSettings {
    fn default() -> Self {
        AgeingSettings {
            basis: AgeBasis::DueDate,
            edges: DEFAULT_EDGES.to_vec(),
            credits: CreditPlacement::ByDate,
        }
    }
}

/// Errors from ageing.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AgeingError {
    /// Bucket edges that do not strictly increase.
    #[error("bucket edges must strictly increase: {edges:?} (at position {position})")]
    EdgesNotIncreasing {
        /// The edges given.
        edges: Vec<u32>,
        /// The first position (0-based) that is not above the one before.
        position: usize,
    },
    /// An amount that cannot be converted to the base currency.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// One bucket: ages from `min_days` to `max_days`, both inclusive; `None`
/// means unbounded on that side.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct BucketDef {
    /// Lowest age in the bucket, or `None` for the first bucket.
    pub min_days: Option<i64>,
    /// Highest age in the bucket, or `None` for the last bucket.
    pub max_days: Option<i64>,
}

impl BucketDef {
    /// An English label: "Not yet due" (or "Current" on the issue-date
    /// basis), "1–30", "121+". The app shows its own translated labels.
    pub fn label(&self, basis: AgeBasis) -> String {
        match (self.min_days, self.max_days) {
            (None, _) => match basis {
                AgeBasis::DueDate => "Not yet due".to_string(),
                AgeBasis::IssueDate => "Current".to_string(),
            },
            (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
            (Some(lo), None) => format!("{lo}+"),
        }
    }
}

/// Validated bucket edges.
///
/// # Example
/// ```
/// use credit_core::ageing::Buckets;
/// let b = Buckets::new(&[30, 60, 90, 120]).unwrap();
/// assert_eq!(b.len(), 6);
/// assert_eq!(b.index(-5), 0);   // not yet due
/// assert_eq!(b.index(0), 0);    // due today: not yet overdue
/// assert_eq!(b.index(30), 1);   // 1–30
/// assert_eq!(b.index(31), 2);   // 31–60
/// assert_eq!(b.index(121), 5);  // 121+
/// assert!(Buckets::new(&[30, 30]).is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Buckets {
    /// Upper edges, 0 first.
    upper: Vec<i64>,
}

impl Buckets {
    /// Buckets from upper edges; a leading 0 is accepted and implied anyway.
    ///
    /// # Errors
    /// [`AgeingError::EdgesNotIncreasing`] unless the edges strictly increase.
    pub fn new(edges: &[u32]) -> Result<Self, AgeingError> {
        let mut upper = vec![0i64];
        for (i, &e) in edges.iter().enumerate() {
            if i == 0 && e == 0 {
                continue;
            }
            if i64::from(e) <= *upper.last().unwrap_or(&0) {
                return Err(AgeingError::EdgesNotIncreasing {
                    edges: edges.to_vec(),
                    position: i,
                });
            }
            upper.push(i64::from(e));
        }
        Ok(Buckets { upper })
    }

    /// Number of buckets (edges + 1).
    pub fn len(&self) -> usize {
        self.upper.len() + 1
    }

    /// Never empty: there is always a first and a last bucket.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The bucket an age falls in.
    #[inline]
    pub fn index(&self, days: i64) -> usize {
        self.upper.partition_point(|&u| u < days)
    }

    /// The buckets' bounds.
    pub fn defs(&self) -> Vec<BucketDef> {
        let mut out = Vec::with_capacity(self.len());
        let mut lo: Option<i64> = None;
        for &u in &self.upper {
            out.push(BucketDef {
                min_days: lo,
                max_days: Some(u),
            });
            lo = Some(u + 1);
        }
        out.push(BucketDef {
            min_days: lo,
            max_days: None,
        });
        out
    }
}

/// Days of age of an invoice on a basis.
#[inline]
pub fn age_days(inv: &Invoice, as_of: NaiveDate, basis: AgeBasis) -> i64 {
    match basis {
        AgeBasis::DueDate => inv.days_past_due(as_of),
        AgeBasis::IssueDate => inv.days_since_issue(as_of),
    }
}

/// Ageing of one buyer or of the whole portfolio, in the base currency.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct AgeingRow {
    /// Open amount per bucket, disputed included.
    pub buckets: Vec<Decimal>,
    /// Of which disputed, per bucket.
    pub disputed: Vec<Decimal>,
    /// Σ buckets: total outstanding.
    pub total: Decimal,
    /// Σ disputed.
    pub disputed_total: Decimal,
    /// Open credits shown in the credits column, not in any bucket (≥ 0):
    /// every open credit with [`CreditPlacement::Column`], what is left after
    /// allocation with [`CreditPlacement::OldestFirst`], none by date.
    pub credit: Decimal,
    /// Σ open debits (invoices, debit notes, what is still owed), ≥ 0.
    pub debits: Decimal,
    /// Σ open credits (credit notes, overpayments, payments on account)
    /// as a positive figure; `total = debits − credits`.
    pub credits: Decimal,
    /// Number of invoices with something open.
    pub open_invoices: usize,
    /// Number of open credit items.
    pub open_credit_items: usize,
}

impl AgeingRow {
    fn zero(n: usize) -> Self {
        AgeingRow {
            buckets: vec![Decimal::ZERO; n],
            disputed: vec![Decimal::ZERO; n],
            ..AgeingRow::default()
        }
    }

    fn add(&mut self, other: &AgeingRow) {
        for (a, b) in self.buckets.iter_mut().zip(&other.buckets) {
            *a += *b;
        }
        for (a, b) in self.disputed.iter_mut().zip(&other.disputed) {
            *a += *b;
        }
        self.total += other.total;
        self.disputed_total += other.disputed_total;
        self.credit += other.credit;
        self.debits += other.debits;
        self.credits += other.credits;
        self.open_invoices += other.open_invoices;
        self.open_credit_items += other.open_credit_items;
    }

    /// Applies the credits column to the oldest positive buckets first;
    /// what is left stays in the column. Disputed amounts never exceed
    /// what is left in their bucket.
    fn allocate_oldest_first(&mut self) {
        let mut left = self.credit;
        for b in (0..self.buckets.len()).rev() {
            if left <= Decimal::ZERO {
                break;
            }
            if self.buckets[b] > Decimal::ZERO {
                let take = left.min(self.buckets[b]);
                self.buckets[b] -= take;
                left -= take;
                self.disputed[b] = self.disputed[b].min(self.buckets[b]);
            }
        }
        self.credit = left;
    }

    /// Whether the buyer (or portfolio) is in net credit: owes nothing, is
    /// owed something.
    pub fn in_net_credit(&self) -> bool {
        self.total < Decimal::ZERO
    }

    /// What is overdue, net: the buckets after the first, but never more
    /// than the net total, and nothing for a buyer in net credit (domain
    /// brief: a buyer in net credit is not overdue).
    pub fn overdue(&self) -> Decimal {
        if self.total <= Decimal::ZERO {
            return Decimal::ZERO;
        }
        (self.past_first() - self.credit)
            .max(Decimal::ZERO)
            .min(self.total)
    }

    /// Σ of the buckets after the first: what is past due (on the due-date
    /// basis) or older than the first edge's lower bound.
    pub fn past_first(&self) -> Decimal {
        self.buckets.iter().skip(1).copied().sum()
    }
}

/// One buyer's ageing.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct CustomerAgeing {
    /// The buyer's id.
    pub customer_id: String,
    /// Its ageing.
    pub row: AgeingRow,
}

/// An ageing report as of a date.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AgeingReport {
    /// The report date.
    pub as_of: NaiveDate,
    /// What ages count from.
    pub basis: AgeBasis,
    /// The base currency every amount is in.
    pub currency: Currency,
    /// The buckets.
    pub buckets: Vec<BucketDef>,
    /// The portfolio's row: Σ of the buyers' rows.
    pub total: AgeingRow,
    /// Every buyer of the portfolio in its order, then any buyer named only
    /// by an invoice.
    pub customers: Vec<CustomerAgeing>,
    /// Ledger lines issued after `as_of`, left out: the report shows the
    /// ledger as it stood that day.
    #[serde(default)]
    pub not_yet_issued: usize,
}

/// Ages a portfolio as of a date.
///
/// # Errors
/// - [`AgeingError::EdgesNotIncreasing`] for bad bucket edges;
/// - [`AgeingError::Money`] when an open invoice's currency has no rate on
///   or before `as_of`.
///
/// # Example
/// ```
/// use credit_core::{ageing, demo, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let r = ageing::age(&p, as_of, &p.settings.ageing).unwrap();
/// let sum: credit_core::Decimal = r.total.buckets.iter().sum();
/// assert_eq!(sum, r.total.total);
/// ```
pub fn age(
    portfolio: &Portfolio,
    as_of: NaiveDate,
    settings: &AgeingSettings,
) -> Result<AgeingReport, AgeingError> {
    age_index(&LedgerIndex::new(portfolio), as_of, settings)
}

/// Ages a portfolio through its [`LedgerIndex`]: what the app does when only
/// the date or the settings change. Same result as [`age`].
///
/// # Errors
/// As [`age`].
pub fn age_index(
    ix: &LedgerIndex,
    as_of: NaiveDate,
    settings: &AgeingSettings,
) -> Result<AgeingReport, AgeingError> {
    let buckets = Buckets::new(&settings.edges)?;
    let nb = buckets.len();
    let on = day(as_of);
    // Per buyer and currency: nb open amounts, nb disputed, then the
    // credits column, the open debits and the open credits.
    let (col, debits, credits) = (2 * nb, 2 * nb + 1, 2 * nb + 2);
    let stride = 2 * nb + 3;
    let width = stride * ix.currencies.len();
    let n_customers = ix.customer_ids.len();
    let mut acc = vec![Decimal::ZERO; n_customers * width];
    let mut open_count = vec![0usize; n_customers];
    let mut credit_count = vec![0usize; n_customers];
    let by_issue = settings.basis == AgeBasis::IssueDate;
    let mut not_yet_issued = 0usize;

    for r in &ix.rows {
        if r.issue > on {
            // As it stood on `as_of`: this item did not exist yet.
            not_yet_issued += 1;
            continue;
        }
        let open = ix.open_at(r, on);
        if open.is_zero() {
            continue;
        }
        if r.slot == NO_SLOT {
            return Err(MoneyError::NoRate {
                currency: r.currency,
                date: as_of,
            }
            .into());
        }
        let base = r.customer as usize * width + r.slot as usize * stride;
        let age = i64::from(on) - i64::from(if by_issue { r.issue } else { r.due });
        let b = buckets.index(age);
        if open.is_sign_negative() {
            credit_count[r.customer as usize] += 1;
            acc[base + credits] -= open;
            if settings.credits == CreditPlacement::ByDate {
                acc[base + b] += open;
            } else {
                acc[base + col] -= open;
            }
            continue;
        }
        acc[base + debits] += open;
        acc[base + b] += open;
        if r.disputed_from <= on {
            acc[base + nb + b] += open;
        }
        open_count[r.customer as usize] += 1;
    }

    let mut rates = Rates::new(ix, as_of);
    let mut total = AgeingRow::zero(nb);
    let mut customers = Vec::with_capacity(n_customers);
    for (ci, id) in ix.customer_ids.iter().enumerate() {
        let mut row = AgeingRow::zero(nb);
        row.open_invoices = open_count[ci];
        row.open_credit_items = credit_count[ci];
        for slot in 0..ix.currencies.len() {
            let start = ci * width + slot * stride;
            let part = &acc[start..start + stride];
            if part.iter().all(|d| d.is_zero()) {
                continue;
            }
            let rate = rates.slot(slot)?;
            for b in 0..nb {
                row.buckets[b] += part[b] * rate;
                row.disputed[b] += part[nb + b] * rate;
            }
            row.credit += part[col] * rate;
            row.debits += part[debits] * rate;
            row.credits += part[credits] * rate;
        }
        if settings.credits == CreditPlacement::OldestFirst {
            row.allocate_oldest_first();
        }
        row.total = row.buckets.iter().sum::<Decimal>() - row.credit;
        row.disputed_total = row.disputed.iter().sum();
        total.add(&row);
        customers.push(CustomerAgeing {
            customer_id: id.clone(),
            row,
        });
    }

    Ok(AgeingReport {
        as_of,
        basis: settings.basis,
        currency: ix.fx.base(),
        buckets: buckets.defs(),
        total,
        customers,
        not_yet_issued,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::invoice::{Dispute, Payment};
    use crate::money::FxRate;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn customer(id: &str) -> Customer {
        Customer {
            country: "CN".into(),
            industry: "Machinery".into(),
            ..Customer::new(id, id)
        }
    }
    fn invoice(
        id: &str,
        cust: &str,
        issue: &str,
        due: &str,
        cur: Currency,
        gross: &str,
    ) -> Invoice {
        Invoice {
            kind: Default::default(),
            id: id.into(),
            customer_id: cust.into(),
            issue_date: d(issue),
            due_date: d(due),
            currency: cur,
            gross: dec(gross),
            vat: None,
            payments: vec![],
            dispute: None,
        }
    }
    fn portfolio() -> Portfolio {
        let mut p = Portfolio::new("t", Currency::CNY);
        p.fx.insert(FxRate {
            currency: Currency::EUR,
            date: d("2025-01-01"),
            rate: dec("8"),
        })
        .unwrap();
        p.customers = vec![customer("A"), customer("B")];
        p
    }

    #[test]
    fn each_invoice_lands_in_its_bucket() {
        let mut p = portfolio();
        let as_of = d("2025-06-30");
        p.invoices = vec![
            invoice("1", "A", "2025-06-01", "2025-07-01", Currency::CNY, "100"), // not due
            invoice("2", "A", "2025-05-01", "2025-06-30", Currency::CNY, "200"), // due today: not due
            invoice("3", "A", "2025-05-01", "2025-06-29", Currency::CNY, "300"), // 1 day: 1–30
            invoice("4", "A", "2025-03-01", "2025-05-01", Currency::CNY, "400"), // 60: 31–60
            invoice("5", "B", "2025-01-01", "2025-02-28", Currency::EUR, "10"),  // 122: 121+
            invoice("6", "B", "2025-08-01", "2025-09-01", Currency::CNY, "50"),  // issued later
        ];
        let r = age(&p, as_of, &AgeingSettings::default()).unwrap();
        let t = &r.total;
        assert_eq!(
            t.buckets,
            vec![
                dec("300"),
                dec("300"),
                dec("400"),
                dec("0"),
                dec("0"),
                dec("80")
            ]
        );
        // As it stood on 30 June: invoice 6 did not exist yet.
        assert_eq!(t.total, dec("1080"));
        assert_eq!(r.not_yet_issued, 1);
        assert_eq!(r.customers[0].row.total, dec("1000"));
        assert_eq!(r.customers[1].row.total, dec("80"));
        assert_eq!(t.open_invoices, 5);
        // In August it counts.
        let r = age(&p, d("2025-08-01"), &AgeingSettings::default()).unwrap();
        assert_eq!(
            (r.not_yet_issued, r.customers[1].row.total),
            (0, dec("130"))
        );
        assert_eq!(r.buckets[5].label(AgeBasis::DueDate), "121+");
        assert_eq!(r.buckets[0].label(AgeBasis::DueDate), "Not yet due");
    }

    #[test]
    fn payments_after_as_of_are_ignored_and_overpayment_is_credit() {
        let mut p = portfolio();
        let mut a = invoice("1", "A", "2025-01-01", "2025-01-31", Currency::CNY, "100");
        a.payments = vec![
            Payment {
                date: d("2025-02-10"),
                amount: dec("40"),
            },
            Payment {
                date: d("2025-03-10"),
                amount: dec("60"),
            },
        ];
        let mut b = invoice("2", "A", "2025-01-01", "2025-01-31", Currency::CNY, "100");
        b.payments = vec![Payment {
            date: d("2025-02-01"),
            amount: dec("110"),
        }];
        p.invoices = vec![a, b];
        // By date (the default): the overpayment's 10 ages with its
        // invoice and nets its bucket; the buyer's total is net.
        let r = age(&p, d("2025-02-28"), &AgeingSettings::default()).unwrap();
        assert_eq!(r.total.total, dec("50"));
        assert_eq!(r.total.buckets[1], dec("50"));
        assert_eq!((r.total.credit, r.total.credits), (dec("0"), dec("10")));
        assert_eq!(r.total.debits, dec("60"));
        // In a credits column.
        let column = AgeingSettings {
            credits: CreditPlacement::Column,
            ..AgeingSettings::default()
        };
        let r = age(&p, d("2025-02-28"), &column).unwrap();
        assert_eq!(r.total.total, dec("50"));
        assert_eq!(r.total.buckets[1], dec("60"));
        assert_eq!(r.total.credit, dec("10"));
        // After the last payment only the credit of 10 is left: net credit.
        let r = age(&p, d("2025-03-10"), &AgeingSettings::default()).unwrap();
        assert_eq!(r.total.total, dec("-10"));
        assert!(r.customers[0].row.in_net_credit());
        assert_eq!(r.customers[0].row.overdue(), dec("0"));
        assert_eq!(r.total.open_invoices, 0);
    }

    #[test]
    fn disputed_are_apart_and_included_from_their_date() {
        let mut p = portfolio();
        let mut a = invoice("1", "A", "2025-01-01", "2025-01-31", Currency::CNY, "100");
        a.dispute = Some(Dispute {
            date: d("2025-02-15"),
            reason: "damaged".into(),
        });
        p.invoices = vec![
            a,
            invoice("2", "A", "2025-01-01", "2025-01-31", Currency::CNY, "50"),
        ];
        let before = age(&p, d("2025-02-14"), &AgeingSettings::default()).unwrap();
        assert_eq!(before.total.disputed_total, dec("0"));
        let after = age(&p, d("2025-02-16"), &AgeingSettings::default()).unwrap();
        assert_eq!(after.total.disputed_total, dec("100"));
        assert_eq!(after.total.total, dec("150"));
    }

    #[test]
    fn issue_basis_and_custom_edges() {
        let mut p = portfolio();
        p.invoices = vec![
            invoice("1", "A", "2025-06-20", "2025-08-20", Currency::CNY, "1"),
            invoice("2", "A", "2025-06-01", "2025-08-01", Currency::CNY, "2"),
            invoice("3", "A", "2025-07-05", "2025-08-05", Currency::CNY, "4"),
        ];
        let s = AgeingSettings {
            basis: AgeBasis::IssueDate,
            edges: vec![0, 15, 30, 45, 60],
            ..AgeingSettings::default()
        };
        let r = age(&p, d("2025-06-30"), &s).unwrap();
        // 10 days, 29 days; the third is issued after as_of: left out.
        assert_eq!(
            r.total.buckets,
            vec![dec("0"), dec("1"), dec("2"), dec("0"), dec("0"), dec("0")]
        );
        assert_eq!(r.not_yet_issued, 1);
    }

    #[test]
    fn credits_applied_to_the_oldest_debits_first() {
        let mut p = portfolio();
        let as_of = d("2025-06-30");
        let mut cn = invoice("CN", "A", "2025-06-20", "2025-06-20", Currency::CNY, "-500");
        cn.kind = crate::invoice::DocKind::CreditNote;
        p.invoices = vec![
            invoice("1", "A", "2025-06-01", "2025-07-15", Currency::CNY, "1000"), // not due
            invoice("2", "A", "2025-04-01", "2025-05-15", Currency::CNY, "300"),  // 46 days
            invoice("3", "A", "2025-05-01", "2025-06-10", Currency::CNY, "100"),  // 20 days
            cn,                                                                   // 10 days
        ];
        let by = |credits| AgeingSettings {
            credits,
            ..AgeingSettings::default()
        };
        let r = age(&p, as_of, &by(CreditPlacement::ByDate)).unwrap();
        let a = &r.customers[0].row;
        assert_eq!(a.buckets[..3], [dec("1000"), dec("-400"), dec("300")]);
        assert_eq!(a.total, dec("900"));
        let r = age(&p, as_of, &by(CreditPlacement::OldestFirst)).unwrap();
        let a = &r.customers[0].row;
        // 500 pays the 31–60 bucket's 300 first, then the 1–30's 100, then
        // 100 of the 1,000 not yet due.
        assert_eq!(a.buckets[..3], [dec("900"), dec("0"), dec("0")]);
        assert_eq!(
            (a.credit, a.total, a.overdue()),
            (dec("0"), dec("900"), dec("0"))
        );
        let r = age(&p, as_of, &by(CreditPlacement::Column)).unwrap();
        let a = &r.customers[0].row;
        assert_eq!(a.buckets[..3], [dec("1000"), dec("100"), dec("300")]);
        assert_eq!(
            (a.credit, a.total, a.overdue()),
            (dec("500"), dec("900"), dec("0"))
        );
    }

    #[test]
    fn missing_rate_is_an_error_not_a_guess() {
        let mut p = portfolio();
        p.invoices = vec![invoice(
            "1",
            "A",
            "2024-01-01",
            "2024-02-01",
            Currency::EUR,
            "1",
        )];
        let e = age(&p, d("2024-12-31"), &AgeingSettings::default()).unwrap_err();
        assert!(matches!(e, AgeingError::Money(MoneyError::NoRate { .. })));
        p.invoices[0].currency = Currency::GBP;
        assert!(age(&p, d("2025-12-31"), &AgeingSettings::default()).is_err());
    }

    #[test]
    fn unknown_buyer_gets_its_own_row() {
        let mut p = portfolio();
        p.invoices = vec![invoice(
            "1",
            "Z",
            "2025-01-01",
            "2025-02-01",
            Currency::CNY,
            "5",
        )];
        let r = age(&p, d("2025-03-01"), &AgeingSettings::default()).unwrap();
        assert_eq!(r.customers.len(), 3);
        assert_eq!(r.customers[2].customer_id, "Z");
        assert_eq!(r.total.total, dec("5"));
    }

    fn arb_invoice() -> impl Strategy<Value = Invoice> {
        (
            0usize..4,
            0i64..400,
            0i64..120,
            1i64..10_000_000,
            prop::collection::vec((0i64..500, 0i64..5_000_000), 0..3),
            prop::option::of(0i64..500),
            any::<bool>(),
        )
            .prop_map(|(c, issue, terms, cents, pays, dispute, eur)| {
                let start = d("2025-01-01");
                let issue_date = start + chrono::Days::new(issue as u64);
                Invoice {
                    kind: Default::default(),
                    id: String::new(),
                    customer_id: ["A", "B", "C", "Z"][c].to_string(),
                    issue_date,
                    due_date: issue_date + chrono::Days::new(terms as u64),
                    currency: if eur { Currency::EUR } else { Currency::CNY },
                    gross: Decimal::new(cents, 2),
                    vat: None,
                    payments: pays
                        .into_iter()
                        .map(|(day, amt)| Payment {
                            date: start + chrono::Days::new(day as u64),
                            amount: Decimal::new(amt, 2),
                        })
                        .collect(),
                    dispute: dispute.map(|day| Dispute {
                        date: start + chrono::Days::new(day as u64),
                        reason: String::new(),
                    }),
                }
            })
    }

    proptest! {
        #[test]
        fn bucket_totals_equal_total_outstanding(
            invoices in prop::collection::vec(arb_invoice(), 0..60),
            as_of_day in 0u64..600,
            edges in prop::collection::btree_set(1u32..200, 0..6),
            by_issue in any::<bool>(),
            placement in 0usize..3,
            credit_notes in prop::collection::vec((0usize..4, 0i64..400, 1i64..1_000_000), 0..6),
        ) {
            let mut p = portfolio();
            p.customers.push(customer("C"));
            p.invoices = invoices;
            for (k, (c, day, cents)) in credit_notes.into_iter().enumerate() {
                let date = d("2025-01-01") + chrono::Days::new(day as u64);
                let mut cn = invoice(&format!("CN{k}"), ["A", "B", "C", "Z"][c], "2025-01-01", "2025-01-01", Currency::CNY, "0");
                cn.issue_date = date;
                cn.due_date = date;
                cn.gross = -Decimal::new(cents, 2);
                p.invoices.push(cn);
            }
            let as_of = d("2025-01-01") + chrono::Days::new(as_of_day);
            let settings = AgeingSettings {
                basis: if by_issue { AgeBasis::IssueDate } else { AgeBasis::DueDate },
                edges: edges.into_iter().collect(),
                credits: CreditPlacement::ALL[placement],
            };
            let r = age(&p, as_of, &settings).unwrap();
            let sum: Decimal = r.total.buckets.iter().sum();
            prop_assert_eq!(sum - r.total.credit, r.total.total);
            // Total = Σ open amounts of the lines issued by as_of (net),
            // converted; debits and credits apart.
            let mut expect = Decimal::ZERO;
            let mut debits = Decimal::ZERO;
            let mut credits = Decimal::ZERO;
            let mut later = 0;
            for inv in &p.invoices {
                if inv.issue_date > as_of {
                    later += 1;
                    continue;
                }
                let rate = p.fx.rate(inv.currency, as_of).unwrap();
                let open = inv.open_as_of(as_of) * rate;
                expect += open;
                if open > Decimal::ZERO { debits += open; } else { credits -= open; }
            }
            prop_assert_eq!(r.not_yet_issued, later);
            prop_assert_eq!(r.total.total, expect);
            prop_assert_eq!((r.total.debits, r.total.credits), (debits, credits));
            let by_customer: Decimal = r.customers.iter().map(|c| c.row.total).sum();
            prop_assert_eq!(by_customer, r.total.total);
            for c in &r.customers {
                let s: Decimal = c.row.buckets.iter().sum();
                prop_assert_eq!(s - c.row.credit, c.row.total);
                prop_assert!(c.row.overdue() >= Decimal::ZERO);
                prop_assert!(c.row.overdue() <= c.row.total.max(Decimal::ZERO));
                if settings.credits != CreditPlacement::ByDate {
                    prop_assert!(c.row.buckets.iter().all(|b| *b >= Decimal::ZERO));
                }
                prop_assert!(c.row.disputed_total <= c.row.debits);
            }
        }

        #[test]
        fn earlier_report_ignores_later_payments(
            invoices in prop::collection::vec(arb_invoice(), 0..40),
            as_of_day in 0u64..500,
        ) {
            let mut p = portfolio();
            p.customers.push(customer("C"));
            p.invoices = invoices;
            let as_of = d("2025-01-01") + chrono::Days::new(as_of_day);
            let full = age(&p, as_of, &AgeingSettings::default()).unwrap();
            for inv in &mut p.invoices {
                inv.payments.retain(|pay| pay.date <= as_of);
            }
            let trimmed = age(&p, as_of, &AgeingSettings::default()).unwrap();
            prop_assert_eq!(full, trimmed);
        }
    }
}
