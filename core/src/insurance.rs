//! Trade credit insurance: the policy, what it covers, the insurer's
//! deadlines, what a claim would pay, what papers a claim needs, and
//! whether the premium pays for itself.
//!
//! Every amount is in the portfolio's base currency, converted at the rate
//! in force on `as_of` (the rate a report of that date shows), and
//! **without VAT**: VAT is never insured. An invoice's VAT share of what is
//! still open is `open × vat ÷ gross` (a part payment pays VAT and net
//! pro rata).
//!
//! | computation | rule |
//! |---|---|
//! | insured limit | the policy's own limit for the buyer when set, else the ledger's `Customer::insured_limit`, else 0 |
//! | cover | per buyer: eligible open (not disputed, not out of cover) without VAT; insured = min(eligible, limit); uninsured = open without VAT − insured; over limit when eligible > limit > 0 |
//! | outside cover | disputed invoices; overdue invoices whose notification deadline (due + MEP + notification days) **<** `as_of` without a notification dated on or before it |
//! | deadlines | every open, overdue (due **<** `as_of`) invoice of a buyer with a limit > 0: MEP end = due + `mep_days`; notify by = MEP end + `notification_days`; claim payable = due + `protracted_default_days`; file by = claim payable + `claim_filing_days`; "next" = the first of those on or after `as_of` (notify-by skipped once notified) |
//! | claim | capped = min(unpaid without VAT, limit); eligible = max(capped − recoveries, 0); nothing when eligible **<** the non-qualifying loss; the aggregate first loss left (AFL − the year's earlier losses) is filled first; indemnity = percentage × the rest, capped by the maximum liability less the year's indemnities; retained = unpaid (with VAT) − recoveries − indemnity |
//! | claim dates | protracted default: payable from due + waiting period of the buyer's oldest unpaid invoice; insolvency: from the event date; file by = payable + `claim_filing_days` |
//! | premium | max(rate × insured turnover, minimum premium); insured turnover = the policy's figure, else the invoices (without VAT) issued to buyers with a limit in the 365 days to `as_of` |
//! | expected loss | Σ PD(grade) × LGD × exposure (open without VAT); grade from the caller (5 when unknown); PD = the midpoint of the scorecard's band |
//! | with the policy | uninsured part fully + insured part × (1 − indemnity %); the aggregate first loss adds min(AFL, the insured expected loss) (the retention is borne first) |
//! | verdict | pays for itself when the loss it takes off ≥ premium; borderline when ≥ 75 % of it; otherwise it does not pay on expected loss alone |
//!
//! The verdict weighs expected loss only; a policy also buys the insurer's
//! limit decisions, monitoring and easier financing of receivables.

//!
//! The module is cut by concept: [`Policy`] and its checks (`policy`), what
//! it covers (`cover`), the insurer's deadlines (`deadlines`), a claim and
//! its papers (`claim`), and whether the premium pays (`worth`). Every item
//! is re-exported here, so `credit_core::insurance::Name` is the one path.

use std::fmt;

use crate::money::MoneyError;

mod claim;
mod cover;
mod deadlines;
mod policy;
mod policy_form;
mod worth;

pub use claim::*;
pub use cover::*;
pub use deadlines::*;
pub use policy::*;
pub use policy_form::*;
pub use worth::*;

/// The language of labels and messages: the one of [`crate::dunning`].
pub use crate::dunning::Lang;

fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum InsuranceError {
    /// No exchange rate for a currency on a date.
    Money(MoneyError),
    /// The buyer is not in the portfolio.
    UnknownBuyer(String),
    /// The policy has bad terms.
    Policy(Vec<PolicyError>),
}

impl InsuranceError {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InsuranceError::Money(e) => {
                pick(lang, format!("Exchange rate: {e}"), format!("汇率：{e}"))
            }
            InsuranceError::UnknownBuyer(id) => pick(
                lang,
                format!("Buyer '{id}' is not in the portfolio."),
                format!("组合中没有买方“{id}”。"),
            ),
            InsuranceError::Policy(v) => v
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

impl fmt::Display for InsuranceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl From<MoneyError> for InsuranceError {
    fn from(e: MoneyError) -> Self {
        InsuranceError::Money(e)
    }
}
