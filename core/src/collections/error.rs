//! What the collections forms refuse, with a message in both languages.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::dunning::{pick, Lang};
use crate::money::Currency;

/// The form field a message is about.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Field {
    /// A promise's date.
    PromisedDate,
    /// A promise's amount.
    PromiseAmount,
    /// A dispute's amount.
    DisputeAmount,
    /// The date of a dispute's move.
    DisputeDate,
    /// A group's limit.
    GroupLimit,
    /// A group's name.
    GroupName,
    /// An order's amount.
    OrderAmount,
    /// A contact's e-mail address.
    Email,
    /// A contact's name or phone (no line breaks).
    ContactText,
    /// A buyer's cadence.
    Cadence,
}

impl Field {
    /// Its name in a language.
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Field::PromisedDate => ("Promised date", "承诺付款日"),
            Field::PromiseAmount => ("Promised amount", "承诺金额"),
            Field::DisputeAmount => ("Disputed amount", "争议金额"),
            Field::DisputeDate => ("Date", "日期"),
            Field::GroupLimit => ("Group limit", "集团限额"),
            Field::GroupName => ("Group", "集团"),
            Field::OrderAmount => ("Order amount", "订单金额"),
            Field::Email => ("E-mail", "电子邮件"),
            Field::ContactText => ("Contact", "联系人"),
            Field::Cadence => ("Cadence", "催收节奏"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Why a collections change was refused; nothing was changed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum CollectionsError {
    /// No buyer with this id.
    UnknownBuyer(String),
    /// No invoice with this id.
    UnknownInvoice(String),
    /// The invoice is another buyer's.
    NotBuyersInvoice {
        /// The invoice.
        invoice: String,
        /// The buyer it was given for.
        buyer: String,
    },
    /// Nothing is open on the invoice (or it is a credit).
    NotOpen(String),
    /// The buyer owes nothing.
    NothingOpen(String),
    /// A date that does not read.
    BadDate {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
    },
    /// A promise dated before the report date.
    PromiseInPast {
        /// The promised date.
        date: NaiveDate,
        /// The report date.
        as_of: NaiveDate,
    },
    /// An amount that does not read or is not above zero.
    BadAmount {
        /// The field.
        field: Field,
        /// What was typed.
        value: String,
    },
    /// A promise above what the buyer owes.
    PromiseAboveOpen {
        /// Promised.
        amount: Decimal,
        /// Owed.
        open: Decimal,
        /// The base currency.
        currency: Currency,
    },
    /// A dispute above what is open on the invoice.
    DisputeAboveOpen {
        /// The invoice.
        invoice: String,
        /// Disputed.
        amount: Decimal,
        /// Open on it.
        open: Decimal,
        /// Its currency.
        currency: Currency,
    },
    /// The invoice already has an open dispute.
    AlreadyDisputed {
        /// The invoice.
        invoice: String,
        /// The open case.
        case: String,
    },
    /// No dispute with this id.
    UnknownCase(String),
    /// The dispute is resolved or rejected: it does not move any more.
    CaseClosed(String),
    /// A move dated before the case's last one.
    BeforeLastMove {
        /// The date given.
        date: NaiveDate,
        /// The last move's date.
        last: NaiveDate,
    },
    /// A move to the status the case already has.
    SameStatus,
    /// The buyer is already in another group.
    InTwoGroups {
        /// The buyer.
        buyer: String,
        /// The group it is in.
        group: String,
    },
    /// A text with a line break, or an empty name, where neither may be.
    BadText {
        /// The field.
        field: Field,
    },
    /// Not an e-mail address.
    BadEmail(String),
    /// A cadence that is not rising whole days.
    BadCadence(String),
}

impl CollectionsError {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CollectionsError::UnknownBuyer(id) => {
                pick(lang, format!("No buyer {id}."), format!("没有客户 {id}。"))
            }
            CollectionsError::UnknownInvoice(id) => {
                pick(lang, format!("No invoice {id}."), format!("没有发票 {id}。"))
            }
            CollectionsError::NotBuyersInvoice { invoice, buyer } => pick(
                lang,
                format!("Invoice {invoice} is not {buyer}'s."),
                format!("发票 {invoice} 不属于客户 {buyer}。"),
            ),
            CollectionsError::NotOpen(id) => pick(
                lang,
                format!("Nothing is open on invoice {id}."),
                format!("发票 {id} 没有未结金额。"),
            ),
            CollectionsError::NothingOpen(id) => pick(
                lang,
                format!("{id} owes nothing as of the report date."),
                format!("截至报告日，{id} 没有欠款。"),
            ),
            CollectionsError::BadDate { field, value } => pick(
                lang,
                format!(
                    "{}: \"{value}\" is not a date (YYYY-MM-DD).",
                    field.label(lang)
                ),
                format!("{}：“{value}”不是日期（年-月-日）。", field.label(lang)),
            ),
            CollectionsError::PromiseInPast { date, as_of } => pick(
                lang,
                format!(
                    "The promised date {date} is before the report date {as_of}: a promise is for a day to come."
                ),
                format!("承诺付款日 {date} 早于报告日 {as_of}：承诺应是未来的日期。"),
            ),
            CollectionsError::BadAmount { field, value } => pick(
                lang,
                format!(
                    "{}: \"{value}\" is not an amount above zero.",
                    field.label(lang)
                ),
                format!("{}：“{value}”不是大于零的金额。", field.label(lang)),
            ),
            CollectionsError::PromiseAboveOpen {
                amount,
                open,
                currency,
            } => pick(
                lang,
                format!("The promise of {currency} {amount} is more than the buyer owes ({currency} {open})."),
                format!("承诺金额 {currency} {amount} 超过客户欠款（{currency} {open}）。"),
            ),
            CollectionsError::DisputeAboveOpen {
                invoice,
                amount,
                open,
                currency,
            } => pick(
                lang,
                format!(
                    "The disputed {currency} {amount} is more than is open on invoice {invoice} ({currency} {open})."
                ),
                format!(
                    "争议金额 {currency} {amount} 超过发票 {invoice} 的未结金额（{currency} {open}）。"
                ),
            ),
            CollectionsError::AlreadyDisputed { invoice, case } => pick(
                lang,
                format!("Invoice {invoice} already has an open dispute ({case})."),
                format!("发票 {invoice} 已有未结争议（{case}）。"),
            ),
            CollectionsError::UnknownCase(id) => {
                pick(lang, format!("No dispute {id}."), format!("没有争议 {id}。"))
            }
            CollectionsError::CaseClosed(id) => pick(
                lang,
                format!("Dispute {id} is closed and does not change any more."),
                format!("争议 {id} 已结案，不能再更改。"),
            ),
            CollectionsError::BeforeLastMove { date, last } => pick(
                lang,
                format!("{date} is before the dispute's last change ({last})."),
                format!("{date} 早于该争议的上一次变更（{last}）。"),
            ),
            CollectionsError::SameStatus => pick(
                lang,
                "The dispute already has this status.".to_string(),
                "该争议已是此状态。".to_string(),
            ),
            CollectionsError::InTwoGroups { buyer, group } => pick(
                lang,
                format!(
                    "{buyer} is already in group \"{group}\": a buyer belongs to one group; take it out of that group first."
                ),
                format!("{buyer} 已属于集团“{group}”：一个客户只能属于一个集团，请先将其移出该集团。"),
            ),
            CollectionsError::BadText { field } => pick(
                lang,
                format!("{}: must be one line, not empty.", field.label(lang)),
                format!("{}：须为一行且不能为空。", field.label(lang)),
            ),
            CollectionsError::BadEmail(v) => pick(
                lang,
                format!("\"{v}\" is not an e-mail address (name@example.com)."),
                format!("“{v}”不是电子邮件地址（name@example.com）。"),
            ),
            CollectionsError::BadCadence(v) => pick(
                lang,
                format!(
                    "Cadence \"{v}\": whole days after the due date, rising, separated by commas (e.g. 7, 21, 45)."
                ),
                format!("催收节奏“{v}”：到期后的整天数，递增，用逗号分隔（例如 7, 21, 45）。"),
            ),
        }
    }
}
