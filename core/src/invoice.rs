//! Invoices, their payments and disputes, and what each one is as of a date.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// A payment against an invoice, in the invoice's currency.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Payment {
    /// The day the money arrived.
    pub date: NaiveDate,
    /// The amount paid.
    pub amount: Decimal,
}

/// A dispute raised on an invoice.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Dispute {
    /// The day it was raised.
    pub date: NaiveDate,
    /// Why, in the buyer's or the user's words.
    pub reason: String,
}

/// What kind of open item a ledger line is (domain brief, "Ageing", open
/// items). The sign of [`Invoice::gross`] is what counts in every figure: a
/// credit note or a payment on account carries a negative gross; the kind
/// says what the document is, for lists, exports and letters, and keeps
/// credits out of dunning and interest.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// An invoice (the default).
    #[default]
    Invoice,
    /// A credit note or a return: negative.
    CreditNote,
    /// A debit note: positive, like an invoice.
    DebitNote,
    /// A payment on account or unapplied cash: negative.
    Payment,
}

impl DocKind {
    /// All kinds, in the order a filter lists them.
    pub const ALL: [DocKind; 4] = [
        DocKind::Invoice,
        DocKind::CreditNote,
        DocKind::DebitNote,
        DocKind::Payment,
    ];

    /// Whether this is the default kind (serde skips it, so records written
    /// before kinds existed read back unchanged).
    pub fn is_invoice(&self) -> bool {
        *self == DocKind::Invoice
    }

    /// The stored code (`store` and backups).
    pub fn code(self) -> u8 {
        match self {
            DocKind::Invoice => 0,
            DocKind::CreditNote => 1,
            DocKind::DebitNote => 2,
            DocKind::Payment => 3,
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: u8) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind a line is when nothing else says: a negative gross is a
    /// credit note, anything else an invoice.
    pub fn from_sign(gross: Decimal) -> DocKind {
        if gross.is_sign_negative() && !gross.is_zero() {
            DocKind::CreditNote
        } else {
            DocKind::Invoice
        }
    }
}

/// An invoice or another open item (see [`DocKind`]). Amounts are in the
/// item's own currency.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Invoice {
    /// What kind of document this is; the sign of `gross` decides the
    /// figures.
    #[serde(default, skip_serializing_if = "DocKind::is_invoice")]
    pub kind: DocKind,
    /// Identifier, unique in a portfolio.
    pub id: String,
    /// The buyer's [`crate::customer::Customer::id`].
    pub customer_id: String,
    /// Issue date.
    pub issue_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// Currency of every amount on the invoice.
    pub currency: Currency,
    /// Gross amount, VAT included.
    pub gross: Decimal,
    /// VAT included in `gross`, when known (VAT is never insured).
    pub vat: Option<Decimal>,
    /// Payments received, in any order.
    pub payments: Vec<Payment>,
    /// The dispute, if one was raised.
    pub dispute: Option<Dispute>,
}

/// What an invoice is as of a date.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Something is still owed and it is not past its due date.
    NotDue,
    /// Something is still owed after the due date.
    Overdue,
    /// Paid exactly.
    Paid,
    /// Paid more than owed: the excess is a credit balance of the buyer.
    Overpaid,
    /// An open credit note or payment on account: a credit of the buyer.
    Credit,
}

impl InvoiceStatus {
    /// All statuses, in the order a filter lists them.
    pub const ALL: [InvoiceStatus; 5] = [
        InvoiceStatus::NotDue,
        InvoiceStatus::Overdue,
        InvoiceStatus::Paid,
        InvoiceStatus::Overpaid,
        InvoiceStatus::Credit,
    ];
}

impl Invoice {
    /// Σ payments dated on or before `as_of`; later payments are not known yet.
    pub fn paid_as_of(&self, as_of: NaiveDate) -> Decimal {
        let mut paid = Decimal::ZERO;
        for p in &self.payments {
            if p.date <= as_of {
                paid += p.amount;
            }
        }
        paid
    }

    /// Open amount = gross − Σ payments dated on or before `as_of`.
    /// Negative when overpaid or for a credit; zero before the issue date
    /// (the item did not exist yet).
    ///
    /// # Example
    /// ```
    /// use credit_core::invoice::{Invoice, Payment};
    /// use credit_core::money::Currency;
    /// use chrono::NaiveDate;
    /// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    /// let inv = Invoice {
    ///     kind: Default::default(),
    ///     id: "F1".into(), customer_id: "C1".into(),
    ///     issue_date: d("2025-01-01"), due_date: d("2025-01-31"),
    ///     currency: Currency::CNY, gross: 1000.into(), vat: None,
    ///     payments: vec![Payment { date: d("2025-02-10"), amount: 400.into() }],
    ///     dispute: None,
    /// };
    /// assert_eq!(inv.open_as_of(d("2024-12-31")), 0.into()); // not issued yet
    /// assert_eq!(inv.open_as_of(d("2025-02-09")), 1000.into());
    /// assert_eq!(inv.open_as_of(d("2025-02-10")), 600.into());
    /// ```
    pub fn open_as_of(&self, as_of: NaiveDate) -> Decimal {
        if as_of < self.issue_date {
            return Decimal::ZERO;
        }
        self.gross - self.paid_as_of(as_of)
    }

    /// Whether a dispute raised on or before `as_of` stands.
    pub fn disputed_as_of(&self, as_of: NaiveDate) -> bool {
        self.dispute.as_ref().is_some_and(|d| d.date <= as_of)
    }

    /// Days past due as of a date: `as_of − due_date` (negative before it).
    pub fn days_past_due(&self, as_of: NaiveDate) -> i64 {
        (as_of - self.due_date).num_days()
    }

    /// Days since issue as of a date (negative for a future-dated invoice).
    pub fn days_since_issue(&self, as_of: NaiveDate) -> i64 {
        (as_of - self.issue_date).num_days()
    }

    /// The status as of a date.
    pub fn status_as_of(&self, as_of: NaiveDate) -> InvoiceStatus {
        self.status_with_open(self.open_as_of(as_of), as_of)
    }

    /// The status as of a date, given the open amount already computed for it.
    pub fn status_with_open(&self, open: Decimal, as_of: NaiveDate) -> InvoiceStatus {
        if open > Decimal::ZERO {
            if self.due_date < as_of {
                InvoiceStatus::Overdue
            } else {
                InvoiceStatus::NotDue
            }
        } else if open.is_zero() {
            InvoiceStatus::Paid
        } else if matches!(self.kind, DocKind::CreditNote | DocKind::Payment)
            || self.gross.is_sign_negative()
        {
            InvoiceStatus::Credit
        } else {
            InvoiceStatus::Overpaid
        }
    }
}
