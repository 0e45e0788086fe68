//! What a cell names: a kind of document ([`doc_kind_from_text`]) or a
//! currency ([`currency_from_name`]).

use crate::invoice::DocKind;

/// The kind of document a type cell names, if it names one: SAP document
/// types (`RV` `DR` `DD` invoices, `DG` `RG` credit memos, `DZ` payments),
/// ERPNext (`Sales Invoice`, `Payment Entry`), QuickBooks (`Invoice`,
/// `Credit Memo`, `Payment`), Xero (`Credit Note`, `Overpayment`,
/// `Prepayment`), Kingdee and Yonyou (`销售发票`, `其他应收单`, `收款单`,
/// `预收单`, `销售退货单`, `红字发票` …), German and French words; else a
/// text naming a payment, refund or reversal. `None` for a type that says
/// nothing definite (`Journal Entry`, `DA`): the sign decides.
///
/// # Example
/// ```
/// use credit_core::import::doc_kind_from_text;
/// use credit_core::invoice::DocKind;
/// assert_eq!(doc_kind_from_text("DZ"), Some(DocKind::Payment));
/// assert_eq!(doc_kind_from_text("Credit Memo"), Some(DocKind::CreditNote));
/// assert_eq!(doc_kind_from_text("销售专用发票"), Some(DocKind::Invoice));
/// assert_eq!(doc_kind_from_text("Journal Entry"), None);
/// ```
pub fn doc_kind_from_text(text: &str) -> Option<DocKind> {
    let t = text.trim();
    let l = t.to_lowercase();
    let exact = match l.as_str() {
        "rv"
        | "dr"
        | "dd"
        | "invoice"
        | "sales invoice"
        | "customer invoice"
        | "tax invoice"
        | "rechnung"
        | "ausgangsrechnung"
        | "facture"
        | "inv"
        | "销售发票"
        | "其他应收单"
        | "应收单"
        | "销售专用发票"
        | "销售普通发票"
        | "增值税专用发票"
        | "增值税普通发票"
        | "发票"
        | "应收单据" => Some(DocKind::Invoice),
        "debit note" | "debit memo" | "debitnote" | "debit_note" | "lastschrift"
        | "note de débit" | "借项通知单" => Some(DocKind::DebitNote),
        "dg" | "rg" | "credit memo" | "credit note" | "creditnote" | "credit_note" | "credit"
        | "gutschrift" | "avoir" | "return" | "sales return" | "refund" | "销售退货单"
        | "红字发票" | "退款单" | "退货单" | "贷项通知单" => {
            Some(DocKind::CreditNote)
        }
        "dz" | "payment" | "payment entry" | "receive payment" | "overpayment" | "prepayment"
        | "unapplied payment" | "unapplied cash" | "zahlung" | "zahlungseingang" | "paiement"
        | "règlement" | "receipt" | "收款单" | "预收单" | "预收款" | "收款" => {
            Some(DocKind::Payment)
        }
        "da" | "journal entry" | "journal" | "ab" | "sa" => return None,
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    if t.starts_with("红字")
        || l.contains("reversal")
        || l.contains("credit note")
        || l.contains("credit memo")
    {
        return Some(DocKind::CreditNote);
    }
    if l.contains("payment") || l.contains("zahlung") || t.contains("收款") {
        return Some(DocKind::Payment);
    }
    None
}

/// The ISO code a currency cell names: a code (any case), or a name or
/// symbol — `人民币` `RMB` `元` `¥` → CNY, `美元` `US Dollar` `US$` `$` → USD,
/// `欧元` `Euro` `€` → EUR, `英镑` `Pound Sterling` `£` → GBP, `港币` `HK$` →
/// HKD, `日元` `円` `Yen` → JPY, `Franken` → CHF, `新台币` → TWD, `澳元` →
/// AUD, `加元` → CAD, `新加坡元` → SGD, `韩元` → KRW. `None` for an unknown
/// name (the code is then checked as ISO 4217).
///
/// # Example
/// ```
/// use credit_core::import::currency_from_name;
/// assert_eq!(currency_from_name("人民币"), Some("CNY"));
/// assert_eq!(currency_from_name("us dollar"), Some("USD"));
/// assert_eq!(currency_from_name("HK$"), Some("HKD"));
/// assert_eq!(currency_from_name("Gold"), None);
/// ```
pub fn currency_from_name(text: &str) -> Option<&'static str> {
    let u = text.trim().to_uppercase();
    let u = u.trim_end_matches('.');
    Some(match u {
        "RMB" | "CNY" | "人民币" | "人民币元" | "元" | "¥" | "￥" | "CN¥" | "YUAN" | "RENMINBI"
        | "CHINESE YUAN" => "CNY",
        "USD" | "$" | "US$" | "U.S. DOLLAR" | "US DOLLAR" | "US DOLLARS" | "U.S. DOLLARS"
        | "DOLLAR" | "美元" | "美金" => "USD",
        "EUR" | "€" | "EURO" | "EUROS" | "欧元" => "EUR",
        "GBP" | "£" | "POUND" | "POUNDS" | "POUND STERLING" | "STERLING" | "BRITISH POUND"
        | "英镑" => "GBP",
        "HKD" | "HK$" | "港币" | "港元" | "港幣" | "HONG KONG DOLLAR" => "HKD",
        "JPY" | "円" | "YEN" | "日元" | "JP¥" | "JAPANESE YEN" => "JPY",
        "CHF" | "FRANKEN" | "SCHWEIZER FRANKEN" | "SFR" | "FR" | "瑞士法郎" | "SWISS FRANC" => {
            "CHF"
        }
        "TWD" | "NT$" | "新台币" | "新台幣" | "台币" => "TWD",
        "AUD" | "A$" | "AU$" | "澳元" | "澳币" | "AUSTRALIAN DOLLAR" => "AUD",
        "CAD" | "C$" | "CA$" | "加元" | "加币" | "CANADIAN DOLLAR" => "CAD",
        "SGD" | "S$" | "新加坡元" | "新币" | "SINGAPORE DOLLAR" => "SGD",
        "KRW" | "₩" | "韩元" | "WON" | "KOREAN WON" => "KRW",
        "INR" | "₹" | "RS" | "印度卢比" | "INDIAN RUPEE" => "INR",
        _ => return None,
    })
}
