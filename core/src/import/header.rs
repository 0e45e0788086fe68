//! Column headers: which column holds which field.
//!
//! A header is matched after normalising it: lower case, and without spaces
//! (ASCII and ideographic), `_`, `-`, `.`, `/`, `#`, `:`, `：` and brackets,
//! so `Invoice No.`, `invoice_no` and `INVOICE NO` are one header. Each
//! [`Field`] lists its English and Chinese synonyms; the first column that
//! matches a field takes it, so a field never maps to two columns. The
//! mapping is only a guess: the user corrects it ([`Mapping::set`]).
//!
//! A bare "customer" (客户) is read as the customer's id; a file with only
//! a name column uses the name as the id (see [`super::preview`]).
//!
//! The synonyms cover ERP exports in English, Chinese, German and French
//! (SAP, ERPNext, Odoo, QuickBooks, Xero, Kingdee, Yonyou). Where a header
//! means different things in different exports — Xero's `Due` is the open
//! amount, elsewhere the due date; `Total` is Xero's gross — the generic
//! guess takes the common meaning and a [`super::preset::Preset`] settles
//! the layout it knows.

use serde::{Deserialize, Serialize};

/// A field an imported column can hold.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Field {
    /// The invoice's id (number).
    InvoiceId,
    /// The buyer's id.
    CustomerId,
    /// The buyer's name.
    CustomerName,
    /// The invoice's issue date.
    IssueDate,
    /// The invoice's due date.
    DueDate,
    /// ISO 4217 currency code.
    Currency,
    /// Gross amount, VAT included.
    Gross,
    /// VAT amount.
    Vat,
    /// Amount paid.
    Paid,
    /// Date of the payment.
    PaymentDate,
    /// Whether the invoice is disputed.
    Disputed,
    /// Why it is disputed.
    DisputeReason,
    /// When the dispute was raised.
    DisputeDate,
    /// The buyer's default payment terms in days.
    TermsDays,
    /// The buyer's country (ISO 3166 alpha-2).
    Country,
    /// The buyer's industry.
    Industry,
    /// The buyer's internal credit limit.
    CreditLimit,
    /// The document's type (invoice, credit note, payment; SAP `RV`, `DZ`
    /// …): decides its [`crate::invoice::DocKind`].
    DocType,
    /// The open amount (balance) of the line.
    Outstanding,
    /// Debit amount (Soll, 借方): with [`Field::Credit`], the line's amount
    /// is debit − credit.
    Debit,
    /// Credit amount (Haben, 贷方).
    Credit,
    /// Credit notes applied to the invoice (ERPNext, Xero "Credited").
    CreditNote,
}

impl Field {
    /// Every field, in the order a mapping editor lists them.
    pub const ALL: [Field; 22] = [
        Field::InvoiceId,
        Field::CustomerId,
        Field::CustomerName,
        Field::IssueDate,
        Field::DueDate,
        Field::Currency,
        Field::Gross,
        Field::Vat,
        Field::Paid,
        Field::PaymentDate,
        Field::Disputed,
        Field::DisputeReason,
        Field::DisputeDate,
        Field::TermsDays,
        Field::Country,
        Field::Industry,
        Field::CreditLimit,
        Field::DocType,
        Field::Outstanding,
        Field::Debit,
        Field::Credit,
        Field::CreditNote,
    ];

    /// The normalised headers (English and Chinese) that name this field.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::InvoiceId => &[
                "invoiceid",
                "invoice",
                "invoiceno",
                "invoicenumber",
                "invno",
                "documentno",
                "docno",
                "发票号",
                "发票号码",
                "发票编号",
                "单据号",
                "单据编号",
                "票号",
                "belegnummer",
                "belegnr",
                "rechnungsnummer",
                "nfacture",
                "n°facture",
                "nodefacture",
                "numérofacture",
                "numérodefacture",
                "voucherno",
                "vouchernumber",
                "journalentry",
                "num",
            ],
            Field::CustomerId => &[
                "customerid",
                "customer",
                "customerno",
                "customercode",
                "buyerid",
                "buyer",
                "clientid",
                "debtorid",
                "debtor",
                "accountno",
                "客户",
                "客户编号",
                "客户代码",
                "客户编码",
                "客户id",
                "购方编号",
                "kunde",
                "konto",
                "debitor",
                "kundennummer",
                "client",
                "party",
            ],
            Field::CustomerName => &[
                "customername",
                "buyername",
                "clientname",
                "debtorname",
                "companyname",
                "name",
                "客户名称",
                "客户名",
                "购方名称",
                "购买方名称",
                "公司名称",
                "单位名称",
                "name1",
                "kundenname",
                "nomclient",
                "raisonsociale",
                "partyname",
                "partner",
                "contact",
                "往来单位",
            ],
            Field::IssueDate => &[
                "issuedate",
                "invoicedate",
                "date",
                "documentdate",
                "docdate",
                "开票日期",
                "发票日期",
                "单据日期",
                "日期",
                "业务日期",
                "记账日期",
                "belegdatum",
                "buchungsdatum",
                "rechnungsdatum",
                "datefacture",
                "datedefacture",
                "postingdate",
                "transactiondate",
            ],
            Field::DueDate => &[
                "duedate",
                "due",
                "netduedate",
                "paymentduedate",
                "到期日",
                "到期日期",
                "付款到期日",
                "应收日期",
                "应付日期",
                "nettofälligkeit",
                "nettofälligkeitsdatum",
                "fälligkeit",
                "fälligkeitsdatum",
                "fälligam",
                "dated'échéance",
                "datedéchéance",
                "dateéchéance",
                "échéance",
            ],
            Field::Currency => &[
                "currency",
                "ccy",
                "cur",
                "currencycode",
                "币种",
                "货币",
                "币别",
                "währung",
                "hauswährung",
                "belegwährung",
                "devise",
                "documentcurrency",
                "localcurrency",
            ],
            Field::Gross => &[
                "gross",
                "amount",
                "grossamount",
                "invoiceamount",
                "total",
                "totalamount",
                "金额",
                "发票金额",
                "含税金额",
                "价税合计",
                "总金额",
                "应收金额",
                "原币金额",
                "本币金额",
                "betraginhauswährung",
                "betraginbelegwährung",
                "betraghw",
                "betrag",
                "montantttc",
                "montant",
                "invoicedamount",
                "amountinlocalcurrency",
                "amountindoccurr",
                "amountindocumentcurrency",
            ],
            Field::Vat => &[
                "vat",
                "tax",
                "vatamount",
                "taxamount",
                "税额",
                "增值税",
                "增值税额",
            ],
            Field::Paid => &[
                "paid",
                "paidamount",
                "amountpaid",
                "payment",
                "paymentamount",
                "已付金额",
                "已付",
                "已收金额",
                "已收款",
                "回款金额",
                "收款金额",
                "付款金额",
                "ausgeglichen",
                "ausgeglichenerbetrag",
                "montantpayé",
                "montantrégle",
                "montantréglé",
            ],
            Field::PaymentDate => &[
                "paymentdate",
                "paiddate",
                "datepaid",
                "paidon",
                "付款日期",
                "收款日期",
                "回款日期",
                "ausgleichsdatum",
                "clearingdate",
                "datedepaiement",
            ],
            Field::Disputed => &[
                "disputed",
                "dispute",
                "indispute",
                "争议",
                "有争议",
                "是否争议",
            ],
            Field::DisputeReason => &["disputereason", "reason", "争议原因", "原因"],
            Field::DisputeDate => &["disputedate", "争议日期"],
            Field::TermsDays => &[
                "termsdays",
                "terms",
                "paymentterms",
                "termdays",
                "账期",
                "账期天数",
                "付款期限",
                "信用期",
            ],
            Field::Country => &["country", "countrycode", "国家", "国家代码", "国别"],
            Field::Industry => &["industry", "sector", "行业"],
            Field::CreditLimit => &["creditlimit", "limit", "信用额度", "授信额度", "信用限额"],
            Field::DocType => &[
                "doctype",
                "documenttype",
                "doctypeid",
                "type",
                "transactiontype",
                "vouchertype",
                "belegart",
                "typedocument",
                "typedepièce",
                "单据类型",
                "业务类型",
                "单据类别",
            ],
            Field::Outstanding => &[
                "outstanding",
                "outstandingamount",
                "openbalance",
                "openamount",
                "amountdue",
                "balancedue",
                "amountresidual",
                "residual",
                "offenerbetrag",
                "offen",
                "montantrestantdû",
                "montantrestantdu",
                "restedû",
                "solde",
                "余额",
                "未收金额",
                "未收款金额",
                "原币余额",
                "本币余额",
                "期末余额",
                "未核销金额",
                "应收余额",
            ],
            Field::Debit => &["debit", "soll", "sollbetrag", "débit", "借方", "借方金额"],
            Field::Credit => &[
                "credit",
                "haben",
                "habenbetrag",
                "crédit",
                "贷方",
                "贷方金额",
            ],
            Field::CreditNote => &["creditnote", "creditnotes", "credited", "creditedamount"],
        }
    }

    /// The English header the export writes for this field.
    pub fn header(self) -> &'static str {
        match self {
            Field::InvoiceId => "invoice_id",
            Field::CustomerId => "customer_id",
            Field::CustomerName => "customer_name",
            Field::IssueDate => "issue_date",
            Field::DueDate => "due_date",
            Field::Currency => "currency",
            Field::Gross => "gross",
            Field::Vat => "vat",
            Field::Paid => "paid",
            Field::PaymentDate => "payment_date",
            Field::Disputed => "disputed",
            Field::DisputeReason => "dispute_reason",
            Field::DisputeDate => "dispute_date",
            Field::TermsDays => "terms_days",
            Field::Country => "country",
            Field::Industry => "industry",
            Field::CreditLimit => "credit_limit",
            Field::DocType => "doc_type",
            Field::Outstanding => "outstanding",
            Field::Debit => "debit",
            Field::Credit => "credit",
            Field::CreditNote => "credit_note",
        }
    }

    /// The field a header names, if any.
    ///
    /// # Example
    /// ```
    /// use credit_core::import::header::Field;
    /// assert_eq!(Field::from_header(" Invoice No. "), Some(Field::InvoiceId));
    /// assert_eq!(Field::from_header("开票日期"), Some(Field::IssueDate));
    /// assert_eq!(Field::from_header("remarks"), None);
    /// ```
    pub fn from_header(header: &str) -> Option<Field> {
        let n = normalise(header);
        Field::ALL
            .into_iter()
            .find(|f| f.synonyms().contains(&n.as_str()))
    }
}

/// Lower case, without spaces and punctuation (see the module docs).
///
/// # Example
/// ```
/// use credit_core::import::header::normalise;
/// assert_eq!(normalise(" Invoice Date "), "invoicedate");
/// assert_eq!(normalise("发票号："), "发票号");
/// ```
pub fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-' | '.' | '/' | '#' | ':' | '：' | '(' | ')' | '（' | '）' | '[' | ']'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which field each column holds: one entry per column, `None` for a column
/// the import ignores.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct Mapping {
    /// Per column (by position), its field.
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// The column holding a field.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|f| *f == Some(field))
    }

    /// Whether some column holds the field.
    pub fn has(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    /// Sets a column's field (the user's correction); another column that
    /// held the same field loses it, so a field stays on one column. A column
    /// beyond the end extends the mapping.
    ///
    /// # Example
    /// ```
    /// use credit_core::import::{guess_mapping, header::Field};
    /// let mut m = guess_mapping(&["Invoice".into(), "Date".into(), "Due".into()]);
    /// m.set(2, Some(Field::IssueDate));
    /// assert_eq!(m.columns, vec![Some(Field::InvoiceId), None, Some(Field::IssueDate)]);
    /// ```
    pub fn set(&mut self, column: usize, field: Option<Field>) {
        if let Some(f) = field {
            for c in self.columns.iter_mut() {
                if *c == Some(f) {
                    *c = None;
                }
            }
        }
        if column >= self.columns.len() {
            self.columns.resize(column + 1, None);
        }
        self.columns[column] = field;
    }
}

/// Guesses the mapping from the header row.
///
/// # Example
/// ```
/// use credit_core::import::{guess_mapping, header::Field};
/// let h: Vec<String> = ["发票号", "客户", "开票日期", "到期日", "金额", "备注"]
///     .map(String::from).to_vec();
/// let m = guess_mapping(&h);
/// assert_eq!(m.column(Field::Gross), Some(4));
/// assert_eq!(m.columns[5], None);
/// ```
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let mut m = Mapping {
        columns: vec![None; headers.len()],
    };
    for (i, h) in headers.iter().enumerate() {
        if let Some(f) = Field::from_header(h) {
            if !m.has(f) {
                m.columns[i] = Some(f);
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_headers() {
        let cases = [
            ("Invoice Number", Field::InvoiceId),
            ("发票号码", Field::InvoiceId),
            ("Customer ID", Field::CustomerId),
            ("客户", Field::CustomerId),
            ("客户名称", Field::CustomerName),
            ("Invoice date", Field::IssueDate),
            ("到期日", Field::DueDate),
            ("Due Date", Field::DueDate),
            ("币种", Field::Currency),
            ("CCY", Field::Currency),
            ("Amount", Field::Gross),
            ("价税合计", Field::Gross),
            ("税额", Field::Vat),
            ("已付金额", Field::Paid),
            ("Paid amount", Field::Paid),
            ("付款日期", Field::PaymentDate),
            ("账期", Field::TermsDays),
            ("国家", Field::Country),
            ("\u{feff}invoice_id", Field::InvoiceId),
        ];
        for (h, f) in cases {
            assert_eq!(Field::from_header(h), Some(f), "{h}");
        }
        for f in Field::ALL {
            assert_eq!(Field::from_header(f.header()), Some(f), "{f:?}");
        }
    }

    #[test]
    fn ledger_headers() {
        let cases = [
            ("Kunde", Field::CustomerId),
            ("Konto", Field::CustomerId),
            ("Debitor", Field::CustomerId),
            ("Name 1", Field::CustomerName),
            ("Belegnummer", Field::InvoiceId),
            ("Belegdatum", Field::IssueDate),
            ("Buchungsdatum", Field::IssueDate),
            ("Nettofälligkeit", Field::DueDate),
            ("Fälligkeit", Field::DueDate),
            ("Betrag in Hauswährung", Field::Gross),
            ("Betrag in Belegwährung", Field::Gross),
            ("Hauswährung", Field::Currency),
            ("Währung", Field::Currency),
            ("Belegart", Field::DocType),
            ("Offener Betrag", Field::Outstanding),
            ("Ausgeglichen", Field::Paid),
            ("Soll", Field::Debit),
            ("Haben", Field::Credit),
            ("Client", Field::CustomerId),
            ("N° facture", Field::InvoiceId),
            ("Date facture", Field::IssueDate),
            ("Date d'échéance", Field::DueDate),
            ("Montant TTC", Field::Gross),
            ("Devise", Field::Currency),
            ("Montant restant dû", Field::Outstanding),
            ("Solde", Field::Outstanding),
            ("Voucher No", Field::InvoiceId),
            ("Voucher Type", Field::DocType),
            ("Posting Date", Field::IssueDate),
            ("Invoiced Amount", Field::Gross),
            ("Paid Amount", Field::Paid),
            ("Credit Note", Field::CreditNote),
            ("Outstanding Amount", Field::Outstanding),
            ("Partner", Field::CustomerName),
            ("Journal Entry", Field::InvoiceId),
            ("Amount Due", Field::Outstanding),
            ("Debit", Field::Debit),
            ("Credit", Field::Credit),
            ("Amount Residual", Field::Outstanding),
            ("Num", Field::InvoiceId),
            ("Transaction Type", Field::DocType),
            ("Open Balance", Field::Outstanding),
            ("Contact", Field::CustomerName),
            ("Invoice Number", Field::InvoiceId),
            ("Type", Field::DocType),
            ("Total", Field::Gross),
            ("Paid", Field::Paid),
            ("Credited", Field::CreditNote),
            ("客户编码", Field::CustomerId),
            ("单据编号", Field::InvoiceId),
            ("单据号", Field::InvoiceId),
            ("单据类型", Field::DocType),
            ("应收金额", Field::Gross),
            ("已收金额", Field::Paid),
            ("未收金额", Field::Outstanding),
            ("余额", Field::Outstanding),
            ("原币金额", Field::Gross),
            ("原币余额", Field::Outstanding),
            ("本币余额", Field::Outstanding),
            ("借方", Field::Debit),
            ("贷方", Field::Credit),
        ];
        for (h, f) in cases {
            assert_eq!(Field::from_header(h), Some(f), "{h}");
        }
        // Xero's "Due" is the open amount only under its preset.
        assert_eq!(Field::from_header("Due"), Some(Field::DueDate));
        // No synonym names two fields.
        let mut seen = std::collections::HashMap::new();
        for f in Field::ALL {
            for s in f.synonyms() {
                assert_eq!(*seen.entry(*s).or_insert(f), f, "{s}");
                assert_eq!(normalise(s), *s, "{s} is not normalised");
            }
        }
    }

    #[test]
    fn first_column_wins() {
        let h: Vec<String> = ["amount", "total"].map(String::from).to_vec();
        assert_eq!(guess_mapping(&h).columns, vec![Some(Field::Gross), None]);
    }
}
