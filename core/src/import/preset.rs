//! Presets: the column layouts of the receivables reports that common ERPs
//! and bookkeeping programs export. A preset is recognised from a file's
//! characteristic headers ([`Preset::recognise`], or
//! [`super::detect_preset`] for a table) and sets the mapping exactly
//! ([`Preset::mapping`]), settling the headers the generic guess
//! ([`super::guess_mapping`]) cannot: Xero's `Due` is the open amount, not
//! the due date; ERPNext's `Customer` is the id and `Customer Name` the
//! name; Odoo's `Partner` is the buyer's name, which then serves as its id;
//! SAP's `Konto` is the customer and `Belegnummer` the document.
//!
//! Columns a preset does not name are still guessed, for the fields the
//! preset leaves free (a `Country` column, say).

use serde::{Deserialize, Serialize};

use super::amount::DecimalSep;
use super::date::DateOrder;
use super::header::{guess_mapping, normalise, Field, Mapping};

/// A known export layout.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Preset {
    /// SAP FBL5N customer line items, German headers (day-first dates,
    /// decimal comma).
    SapFbl5nDe,
    /// SAP FBL5N customer line items, English headers.
    SapFbl5nEn,
    /// ERPNext Accounts Receivable report.
    ErpNextAr,
    /// Odoo journal items / aged receivable lines (debit, credit, residual).
    OdooJournalItems,
    /// Kingdee (金蝶) receivables detail.
    Kingdee,
    /// Yonyou (用友) receivables detail.
    Yonyou,
    /// QuickBooks A/R Aging Detail.
    QuickBooksAgingDetail,
    /// Xero Aged Receivables Detail.
    XeroAgedDetail,
}

/// Per field, the normalised headers that hold it, best first; a field
/// with no candidates is never mapped (its synonyms mean something else
/// in this layout).
type Spec = &'static [(Field, &'static [&'static str])];

const SAP_DE: Spec = &[
    (
        Field::CustomerId,
        &["konto", "kunde", "debitor", "kundennummer"],
    ),
    (Field::CustomerName, &["name1", "name", "kundenname"]),
    (Field::InvoiceId, &["belegnummer", "belegnr"]),
    (Field::DocType, &["belegart"]),
    (Field::IssueDate, &["belegdatum", "buchungsdatum"]),
    (
        Field::DueDate,
        &["nettofälligkeit", "nettofälligkeitsdatum", "fälligkeit"],
    ),
    (
        Field::Gross,
        &[
            "betraginhauswährung",
            "betraghw",
            "betraginbelegwährung",
            "betrag",
        ],
    ),
    (Field::Currency, &["hauswährung", "währung", "belegwährung"]),
    (Field::PaymentDate, &["ausgleichsdatum"]),
    (Field::Outstanding, &[]),
    (Field::Paid, &[]),
];

const SAP_EN: Spec = &[
    (Field::CustomerId, &["account", "customer", "customerno"]),
    (Field::CustomerName, &["name1", "name", "customername"]),
    (
        Field::InvoiceId,
        &["documentnumber", "documentno", "docno", "docnumber"],
    ),
    (Field::DocType, &["documenttype", "doctype", "type"]),
    (
        Field::IssueDate,
        &["documentdate", "docdate", "postingdate"],
    ),
    (Field::DueDate, &["netduedate", "duedate", "netdue"]),
    (
        Field::Gross,
        &[
            "amountinlocalcurrency",
            "amountinlc",
            "amtinloccur",
            "amountindoccurr",
            "amountindocumentcurrency",
            "amount",
        ],
    ),
    (
        Field::Currency,
        &[
            "localcurrency",
            "lcurr",
            "currency",
            "documentcurrency",
            "doccurrency",
        ],
    ),
    (Field::PaymentDate, &["clearingdate", "clearing"]),
    (Field::Outstanding, &[]),
    (Field::Paid, &[]),
];

const ERPNEXT: Spec = &[
    (Field::CustomerId, &["customer", "party"]),
    (Field::CustomerName, &["customername", "partyname"]),
    (Field::InvoiceId, &["voucherno", "vouchernumber"]),
    (Field::DocType, &["vouchertype"]),
    (Field::IssueDate, &["postingdate", "date"]),
    (Field::DueDate, &["duedate"]),
    (Field::Gross, &["invoicedamount", "invoiced"]),
    (Field::Paid, &["paidamount", "paid"]),
    (Field::CreditNote, &["creditnote", "creditnotes"]),
    (Field::Outstanding, &["outstandingamount", "outstanding"]),
    (Field::Currency, &["currency"]),
];

const ODOO: Spec = &[
    (Field::CustomerId, &[]),
    (Field::CustomerName, &["partner", "customer"]),
    (
        Field::InvoiceId,
        &["journalentry", "number", "move", "entry", "reference"],
    ),
    (Field::DocType, &["type", "movetype", "label"]),
    (Field::IssueDate, &["date", "invoicedate", "accountingdate"]),
    (Field::DueDate, &["duedate", "dateduedate", "maturitydate"]),
    (Field::Debit, &["debit"]),
    (Field::Credit, &["credit"]),
    (
        Field::Outstanding,
        &["amountresidual", "residualamount", "residual", "amountdue"],
    ),
    (Field::Gross, &[]),
    (Field::Currency, &["currency"]),
];

const KINGDEE: Spec = &[
    (Field::CustomerId, &["客户编码", "客户代码", "往来单位编码"]),
    (Field::CustomerName, &["客户名称", "客户", "往来单位"]),
    (Field::InvoiceId, &["单据编号", "单据号"]),
    (Field::DocType, &["单据类型"]),
    (Field::IssueDate, &["业务日期", "单据日期", "日期"]),
    (Field::DueDate, &["到期日", "到期日期", "应收日期"]),
    (Field::Gross, &["应收金额", "价税合计", "金额"]),
    (Field::Paid, &["已收金额", "收款金额"]),
    (Field::Outstanding, &["未收金额", "余额", "期末余额"]),
    (Field::Debit, &["借方", "借方金额"]),
    (Field::Credit, &["贷方", "贷方金额"]),
    (Field::Currency, &["币别", "币种"]),
];

const YONYOU: Spec = &[
    (Field::CustomerId, &["客户编码", "客户编号"]),
    (Field::CustomerName, &["客户名称", "客户简称", "客户"]),
    (Field::InvoiceId, &["单据号", "单据编号"]),
    (Field::DocType, &["单据类型"]),
    (Field::IssueDate, &["单据日期", "日期", "业务日期"]),
    (Field::DueDate, &["到期日", "到期日期"]),
    (Field::Gross, &["原币金额", "本币金额", "金额"]),
    (Field::Outstanding, &["原币余额", "本币余额", "余额"]),
    (Field::Debit, &["借方", "借方金额"]),
    (Field::Credit, &["贷方", "贷方金额"]),
    (Field::Currency, &["币种", "币别"]),
    (Field::Paid, &[]),
];

const QUICKBOOKS: Spec = &[
    (Field::CustomerId, &["customer", "name", "customerfullname"]),
    (Field::CustomerName, &[]),
    (Field::InvoiceId, &["num", "no", "number"]),
    (Field::DocType, &["transactiontype", "type"]),
    (Field::IssueDate, &["date", "transactiondate"]),
    (Field::DueDate, &["duedate"]),
    (Field::Gross, &["amount"]),
    (Field::Outstanding, &["openbalance"]),
    (Field::Currency, &["currency"]),
    (Field::Paid, &[]),
];

const XERO: Spec = &[
    (Field::CustomerId, &["contact", "contactname", "customer"]),
    (Field::CustomerName, &[]),
    (
        Field::InvoiceId,
        &["invoicenumber", "number", "transaction", "invoice"],
    ),
    (Field::DocType, &["type", "transactiontype"]),
    (Field::IssueDate, &["invoicedate", "date"]),
    (Field::DueDate, &["duedate"]),
    (Field::Gross, &["total", "invoicetotal"]),
    (Field::Paid, &["paid"]),
    (Field::CreditNote, &["credited"]),
    (Field::Outstanding, &["due", "balance", "amountdue"]),
    (Field::Currency, &["currency"]),
];

impl Preset {
    /// Every preset, in the order a picker lists them.
    pub const ALL: [Preset; 8] = [
        Preset::SapFbl5nDe,
        Preset::SapFbl5nEn,
        Preset::ErpNextAr,
        Preset::OdooJournalItems,
        Preset::Kingdee,
        Preset::Yonyou,
        Preset::QuickBooksAgingDetail,
        Preset::XeroAgedDetail,
    ];

    /// A stable id (command line, stored settings).
    pub fn id(self) -> &'static str {
        match self {
            Preset::SapFbl5nDe => "sap-fbl5n-de",
            Preset::SapFbl5nEn => "sap-fbl5n-en",
            Preset::ErpNextAr => "erpnext-ar",
            Preset::OdooJournalItems => "odoo",
            Preset::Kingdee => "kingdee",
            Preset::Yonyou => "yonyou",
            Preset::QuickBooksAgingDetail => "quickbooks-ar-aging",
            Preset::XeroAgedDetail => "xero-aged-receivables",
        }
    }

    /// The preset with this id (case-insensitive).
    ///
    /// # Example
    /// ```
    /// use credit_core::import::preset::Preset;
    /// assert_eq!(Preset::from_id("SAP-FBL5N-DE"), Some(Preset::SapFbl5nDe));
    /// assert_eq!(Preset::from_id("sage"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Preset::SapFbl5nDe => "SAP FBL5N (German)",
            Preset::SapFbl5nEn => "SAP FBL5N (English)",
            Preset::ErpNextAr => "ERPNext Accounts Receivable",
            Preset::OdooJournalItems => "Odoo journal items / aged receivable",
            Preset::Kingdee => "Kingdee receivables detail",
            Preset::Yonyou => "Yonyou receivables detail",
            Preset::QuickBooksAgingDetail => "QuickBooks A/R Aging Detail",
            Preset::XeroAgedDetail => "Xero Aged Receivables Detail",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Preset::SapFbl5nDe => "SAP FBL5N（德文）",
            Preset::SapFbl5nEn => "SAP FBL5N（英文）",
            Preset::ErpNextAr => "ERPNext 应收账款报表",
            Preset::OdooJournalItems => "Odoo 日记账明细 / 应收账龄",
            Preset::Kingdee => "金蝶应收款明细表",
            Preset::Yonyou => "用友应收账款明细",
            Preset::QuickBooksAgingDetail => "QuickBooks 应收账龄明细",
            Preset::XeroAgedDetail => "Xero 应收账龄明细",
        }
    }

    fn spec(self) -> Spec {
        match self {
            Preset::SapFbl5nDe => SAP_DE,
            Preset::SapFbl5nEn => SAP_EN,
            Preset::ErpNextAr => ERPNEXT,
            Preset::OdooJournalItems => ODOO,
            Preset::Kingdee => KINGDEE,
            Preset::Yonyou => YONYOU,
            Preset::QuickBooksAgingDetail => QUICKBOOKS,
            Preset::XeroAgedDetail => XERO,
        }
    }

    /// The day/month order the layout always uses, if it is fixed.
    pub fn date_order(self) -> Option<DateOrder> {
        match self {
            Preset::SapFbl5nDe => Some(DateOrder::Dmy),
            _ => None,
        }
    }

    /// The decimal separator the layout always uses, if it is fixed.
    pub fn decimal(self) -> Option<DecimalSep> {
        match self {
            Preset::SapFbl5nDe => Some(DecimalSep::Comma),
            Preset::Kingdee | Preset::Yonyou => Some(DecimalSep::Point),
            _ => None,
        }
    }

    /// The preset whose characteristic headers the header row has, if any.
    ///
    /// # Example
    /// ```
    /// use credit_core::import::preset::Preset;
    /// let h: Vec<String> = ["Date", "Transaction Type", "Num", "Customer", "Due Date",
    ///     "Amount", "Open Balance"].map(String::from).to_vec();
    /// assert_eq!(Preset::recognise(&h), Some(Preset::QuickBooksAgingDetail));
    /// ```
    pub fn recognise(headers: &[String]) -> Option<Preset> {
        let n: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let has = |h: &str| n.iter().any(|x| x == h);
        let any = |hs: &[&str]| hs.iter().any(|h| has(h));
        if has("belegnummer") && any(&["belegart", "nettofälligkeit", "betraginhauswährung"]) {
            return Some(Preset::SapFbl5nDe);
        }
        if has("voucherno") && any(&["outstandingamount", "invoicedamount"]) {
            return Some(Preset::ErpNextAr);
        }
        if has("openbalance") && any(&["num", "transactiontype"]) {
            return Some(Preset::QuickBooksAgingDetail);
        }
        if any(&["credited"]) && any(&["due", "paid"]) && any(&["total", "invoicetotal"]) {
            return Some(Preset::XeroAgedDetail);
        }
        if has("partner")
            && any(&[
                "amountresidual",
                "residualamount",
                "residual",
                "amountdue",
                "journalentry",
            ])
        {
            return Some(Preset::OdooJournalItems);
        }
        if any(&["documentnumber", "documentno"])
            && any(&["netduedate", "amountinlocalcurrency", "documenttype"])
        {
            return Some(Preset::SapFbl5nEn);
        }
        let chinese_ledger = has("单据类型") || has("客户编码");
        if chinese_ledger && any(&["原币余额", "原币金额", "本币余额"]) {
            return Some(Preset::Yonyou);
        }
        if chinese_ledger && any(&["单据编号", "币别", "业务日期"]) {
            return Some(Preset::Kingdee);
        }
        if chinese_ledger && has("单据号") {
            return Some(Preset::Yonyou);
        }
        None
    }

    /// The mapping of this layout: each field on the column of its best
    /// header; the remaining columns guessed ([`guess_mapping`]) for the
    /// fields this layout leaves free.
    ///
    /// # Example
    /// ```
    /// use credit_core::import::{header::Field, preset::Preset};
    /// let h: Vec<String> = ["Contact", "Invoice Date", "Invoice Number", "Due Date", "Total",
    ///     "Paid", "Credited", "Due"].map(String::from).to_vec();
    /// let m = Preset::XeroAgedDetail.mapping(&h);
    /// assert_eq!(m.column(Field::DueDate), Some(3));
    /// assert_eq!(m.column(Field::Outstanding), Some(7));
    /// ```
    pub fn mapping(self, headers: &[String]) -> Mapping {
        let n: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut m = Mapping {
            columns: vec![None; headers.len()],
        };
        let spec = self.spec();
        for (field, candidates) in spec {
            let col = candidates
                .iter()
                .find_map(|c| {
                    n.iter()
                        .enumerate()
                        .find(|(i, h)| h == c && m.columns[*i].is_none())
                })
                .map(|(i, _)| i);
            if let Some(i) = col {
                m.columns[i] = Some(*field);
            }
        }
        let guessed = guess_mapping(headers);
        for (i, g) in guessed.columns.into_iter().enumerate() {
            if let Some(f) = g {
                let controlled = spec.iter().any(|(sf, _)| *sf == f);
                if m.columns[i].is_none() && !controlled && !m.has(f) {
                    m.columns[i] = Some(f);
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// A preset, its headers and the columns it must map.
    type Case = (Preset, Vec<String>, Vec<(Field, usize)>);

    #[test]
    fn each_preset_recognised_and_mapped() {
        let cases: [Case; 8] = [
            (
                Preset::SapFbl5nDe,
                h(&[
                    "Konto",
                    "Name 1",
                    "Belegart",
                    "Belegnummer",
                    "Belegdatum",
                    "Nettofälligkeit",
                    "Betrag in Hauswährung",
                    "Hauswährung",
                ]),
                vec![
                    (Field::CustomerId, 0),
                    (Field::CustomerName, 1),
                    (Field::DocType, 2),
                    (Field::InvoiceId, 3),
                    (Field::IssueDate, 4),
                    (Field::DueDate, 5),
                    (Field::Gross, 6),
                    (Field::Currency, 7),
                ],
            ),
            (
                Preset::SapFbl5nEn,
                h(&[
                    "Account",
                    "Document Number",
                    "Document Type",
                    "Document Date",
                    "Net due date",
                    "Amount in local currency",
                    "Local Currency",
                ]),
                vec![
                    (Field::CustomerId, 0),
                    (Field::InvoiceId, 1),
                    (Field::DocType, 2),
                    (Field::IssueDate, 3),
                    (Field::DueDate, 4),
                    (Field::Gross, 5),
                    (Field::Currency, 6),
                ],
            ),
            (
                Preset::ErpNextAr,
                h(&[
                    "Posting Date",
                    "Customer",
                    "Customer Name",
                    "Voucher Type",
                    "Voucher No",
                    "Due Date",
                    "Invoiced Amount",
                    "Paid Amount",
                    "Credit Note",
                    "Outstanding Amount",
                ]),
                vec![
                    (Field::IssueDate, 0),
                    (Field::CustomerId, 1),
                    (Field::CustomerName, 2),
                    (Field::DocType, 3),
                    (Field::InvoiceId, 4),
                    (Field::DueDate, 5),
                    (Field::Gross, 6),
                    (Field::Paid, 7),
                    (Field::CreditNote, 8),
                    (Field::Outstanding, 9),
                ],
            ),
            (
                Preset::OdooJournalItems,
                h(&[
                    "Date",
                    "Journal Entry",
                    "Account",
                    "Partner",
                    "Due Date",
                    "Debit",
                    "Credit",
                    "Amount Residual",
                ]),
                vec![
                    (Field::IssueDate, 0),
                    (Field::InvoiceId, 1),
                    (Field::CustomerName, 3),
                    (Field::DueDate, 4),
                    (Field::Debit, 5),
                    (Field::Credit, 6),
                    (Field::Outstanding, 7),
                ],
            ),
            (
                Preset::Kingdee,
                h(&[
                    "业务日期",
                    "单据类型",
                    "单据编号",
                    "客户编码",
                    "客户名称",
                    "到期日",
                    "币别",
                    "应收金额",
                    "已收金额",
                    "未收金额",
                ]),
                vec![
                    (Field::IssueDate, 0),
                    (Field::DocType, 1),
                    (Field::InvoiceId, 2),
                    (Field::CustomerId, 3),
                    (Field::CustomerName, 4),
                    (Field::DueDate, 5),
                    (Field::Currency, 6),
                    (Field::Gross, 7),
                    (Field::Paid, 8),
                    (Field::Outstanding, 9),
                ],
            ),
            (
                Preset::Yonyou,
                h(&[
                    "单据日期",
                    "单据类型",
                    "单据号",
                    "客户编码",
                    "客户名称",
                    "到期日",
                    "币种",
                    "原币金额",
                    "原币余额",
                ]),
                vec![
                    (Field::IssueDate, 0),
                    (Field::DocType, 1),
                    (Field::InvoiceId, 2),
                    (Field::CustomerId, 3),
                    (Field::CustomerName, 4),
                    (Field::DueDate, 5),
                    (Field::Currency, 6),
                    (Field::Gross, 7),
                    (Field::Outstanding, 8),
                ],
            ),
            (
                Preset::QuickBooksAgingDetail,
                h(&[
                    "",
                    "Date",
                    "Transaction Type",
                    "Num",
                    "Customer",
                    "Due Date",
                    "Amount",
                    "Open Balance",
                ]),
                vec![
                    (Field::IssueDate, 1),
                    (Field::DocType, 2),
                    (Field::InvoiceId, 3),
                    (Field::CustomerId, 4),
                    (Field::DueDate, 5),
                    (Field::Gross, 6),
                    (Field::Outstanding, 7),
                ],
            ),
            (
                Preset::XeroAgedDetail,
                h(&[
                    "Contact",
                    "Invoice Date",
                    "Invoice Number",
                    "Type",
                    "Due Date",
                    "Total",
                    "Paid",
                    "Credited",
                    "Due",
                ]),
                vec![
                    (Field::CustomerId, 0),
                    (Field::IssueDate, 1),
                    (Field::InvoiceId, 2),
                    (Field::DocType, 3),
                    (Field::DueDate, 4),
                    (Field::Gross, 5),
                    (Field::Paid, 6),
                    (Field::CreditNote, 7),
                    (Field::Outstanding, 8),
                ],
            ),
        ];
        for (preset, headers, want) in cases {
            assert_eq!(Preset::recognise(&headers), Some(preset), "{headers:?}");
            let m = preset.mapping(&headers);
            for (f, c) in &want {
                assert_eq!(m.column(*f), Some(*c), "{preset:?} {f:?}");
            }
            let mapped = m.columns.iter().filter(|c| c.is_some()).count();
            assert_eq!(mapped, want.len(), "{preset:?}: {m:?}");
            assert_eq!(Preset::from_id(preset.id()), Some(preset));
        }
        assert_eq!(
            Preset::recognise(&h(&["Invoice", "Customer", "Amount"])),
            None
        );
    }
}
