//! The statement of account of a buyer, and a message the user's own mail
//! client sends: an `.eml` file or a `mailto:` link. No server.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::book::{is_email, Book, Contact, Promise};
use super::error::CollectionsError;
use super::status::PromiseState;
use crate::dunning::{late_interest, InterestSettings, Lang};
use crate::envelope::base64_encode;
use crate::invoice::DocKind;
use crate::money::{format_amount, Currency};
use crate::portfolio::Portfolio;

/// One open item of a statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// The document.
    pub id: String,
    /// Its kind.
    pub kind: DocKind,
    /// Issued.
    pub issue_date: NaiveDate,
    /// Due.
    pub due_date: NaiveDate,
    /// Days past due (negative: not yet due).
    pub days_past_due: i64,
    /// Its currency.
    pub currency: Currency,
    /// Open (negative for a credit).
    pub open: Decimal,
    /// Late interest accrued to the date (0 without a rate).
    pub interest: Decimal,
    /// The part under an open dispute.
    pub disputed: Decimal,
    /// The date an open promise covers it for.
    pub promised: Option<NaiveDate>,
}

/// A buyer's statement of account as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The date.
    pub as_of: NaiveDate,
    /// The language it is written in.
    pub lang: Lang,
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// Its contact.
    pub contact: Option<Contact>,
    /// The open items, oldest due first.
    pub lines: Vec<StatementLine>,
    /// By currency: (currency, open, overdue, interest).
    pub totals: Vec<(Currency, Decimal, Decimal, Decimal)>,
    /// The open promises, with what was paid towards them.
    pub promises: Vec<(Promise, Decimal)>,
    /// Who writes (the letterhead's company), when known.
    pub from: String,
}

/// A buyer's statement of account: every open item (credits included) with
/// its age, the interest accrued by the portfolio's interest settings, what
/// is disputed and what is promised; in `lang`, or the contact's language
/// when `lang` is `None`.
///
/// # Errors
/// An unknown buyer.
pub fn statement(
    p: &Portfolio,
    book: &Book,
    customer_id: &str,
    as_of: NaiveDate,
    interest: &InterestSettings,
    from: &str,
    lang: Option<Lang>,
) -> Result<Statement, CollectionsError> {
    let c = p
        .customer(customer_id)
        .ok_or_else(|| CollectionsError::UnknownBuyer(customer_id.to_string()))?;
    let contact = book.contact_of(customer_id).cloned();
    let lang = lang.unwrap_or_else(|| contact.as_ref().map_or(Lang::En, |c| c.lang));
    let promised = book.promised_dates(p, as_of);
    let mut lines = Vec::new();
    for inv in p.invoices.iter().filter(|i| i.customer_id == customer_id) {
        let open = inv.open_as_of(as_of);
        if open.is_zero() {
            continue;
        }
        let accrued = if open > Decimal::ZERO && inv.gross > Decimal::ZERO && interest.has_rate() {
            late_interest(inv, as_of, interest, None, None).map_or(Decimal::ZERO, |x| x.interest)
        } else {
            Decimal::ZERO
        };
        let disputed: Decimal = book
            .disputes
            .iter()
            .filter(|d| {
                d.invoice_id == inv.id && d.status_as_of(as_of).is_some_and(|s| s.is_open())
            })
            .map(|d| d.amount)
            .sum();
        lines.push(StatementLine {
            id: inv.id.clone(),
            kind: inv.kind,
            issue_date: inv.issue_date,
            due_date: inv.due_date,
            days_past_due: inv.days_past_due(as_of),
            currency: inv.currency,
            open,
            interest: accrued,
            disputed: disputed.min(open.max(Decimal::ZERO)),
            promised: promised.get(&inv.id).copied(),
        });
    }
    crate::sorting::sort_by(&mut lines, |a, b| {
        a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id))
    });
    let mut totals: Vec<(Currency, Decimal, Decimal, Decimal)> = Vec::new();
    for l in &lines {
        let k = match totals.iter().position(|t| t.0 == l.currency) {
            Some(k) => k,
            None => {
                totals.push((l.currency, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
                totals.len() - 1
            }
        };
        totals[k].1 += l.open;
        if l.days_past_due > 0 && l.open > Decimal::ZERO {
            totals[k].2 += l.open;
        }
        totals[k].3 += l.interest;
    }
    crate::sorting::sort_by(&mut totals, |a, b| a.0.code().cmp(b.0.code()));
    let promises = book
        .promises
        .iter()
        .filter(|x| x.customer_id == customer_id && x.recorded <= as_of)
        .filter_map(|x| match book.promise_state(p, x, as_of) {
            PromiseState::Open { paid } => Some((x.clone(), paid)),
            _ => None,
        })
        .collect();
    Ok(Statement {
        as_of,
        lang,
        customer_id: c.id.clone(),
        customer_name: c.name.clone(),
        contact,
        lines,
        totals,
        promises,
        from: from.trim().to_string(),
    })
}

/// The statements of every buyer in a dunning plan ("all statements of the
/// plan"), in the plan's order, each buyer once; see [`statement`].
///
/// # Errors
/// None in practice: the plan's buyers are the portfolio's.
pub fn plan_statements(
    p: &Portfolio,
    book: &Book,
    plan: &crate::dunning::Plan,
    interest: &InterestSettings,
    from: &str,
    lang: Option<Lang>,
) -> Result<Vec<Statement>, CollectionsError> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for it in &plan.items {
        if seen.contains(&it.customer_id.as_str()) {
            continue;
        }
        seen.push(&it.customer_id);
        out.push(statement(
            p,
            book,
            &it.customer_id,
            plan.as_of,
            interest,
            from,
            lang,
        )?);
    }
    Ok(out)
}

impl Statement {
    /// The subject of its message.
    pub fn subject(&self) -> String {
        match self.lang {
            Lang::En => format!(
                "Statement of account {} – {} – {}",
                self.customer_id, self.customer_name, self.as_of
            ),
            Lang::Zh => format!(
                "对账单 {} – {} – {}",
                self.customer_id, self.customer_name, self.as_of
            ),
        }
    }

    /// The statement as plain text (the message's body).
    pub fn text(&self) -> String {
        let zh = self.lang == Lang::Zh;
        let mut s = String::new();
        let greet = self
            .contact
            .as_ref()
            .map(|c| c.name.as_str())
            .filter(|n| !n.is_empty());
        if zh {
            s += &format!("{}：\n\n", greet.unwrap_or(&self.customer_name));
            s += &format!(
                "截至 {}，贵司（{}）在我司的未结款项如下：\n\n",
                self.as_of, self.customer_id
            );
            s += "单据 | 开票日 | 到期日 | 逾期天数 | 币种 | 未结金额 | 利息 | 备注\n";
        } else {
            s += &format!("Dear {},\n\n", greet.unwrap_or(&self.customer_name));
            s += &format!(
                "As of {}, these items of your account ({}) are open with us:\n\n",
                self.as_of, self.customer_id
            );
            s += "Document | Issued | Due | Days overdue | Currency | Open | Interest | Note\n";
        }
        for l in &self.lines {
            let mut note = Vec::new();
            if l.kind == DocKind::CreditNote || l.kind == DocKind::Payment || l.open < Decimal::ZERO
            {
                note.push(if zh {
                    "贷项".to_string()
                } else {
                    "credit".to_string()
                });
            }
            if l.disputed > Decimal::ZERO {
                note.push(if zh {
                    format!("争议 {}", format_amount(l.disputed, l.currency))
                } else {
                    format!("disputed {}", format_amount(l.disputed, l.currency))
                });
            }
            if let Some(d) = l.promised {
                note.push(if zh {
                    format!("承诺 {d} 付款")
                } else {
                    format!("promised for {d}")
                });
            }
            s += &format!(
                "{} | {} | {} | {} | {} | {} | {} | {}\n",
                l.id,
                l.issue_date,
                l.due_date,
                l.days_past_due.max(0),
                l.currency,
                format_amount(l.open, l.currency),
                format_amount(l.interest, l.currency),
                note.join("; ")
            );
        }
        s += "\n";
        for (cur, open, overdue, interest) in &self.totals {
            s += &if zh {
                format!(
                    "合计 {cur}：未结 {}，其中逾期 {}，利息 {}\n",
                    format_amount(*open, *cur),
                    format_amount(*overdue, *cur),
                    format_amount(*interest, *cur)
                )
            } else {
                format!(
                    "Total {cur}: open {}, of which overdue {}, interest {}\n",
                    format_amount(*open, *cur),
                    format_amount(*overdue, *cur),
                    format_amount(*interest, *cur)
                )
            };
        }
        s += "\n";
        if zh {
            s += "请核对以上款项，并尽快支付逾期金额。如有任何差异，请告知我们。\n\n此致\n";
        } else {
            s += "Please check these items and pay what is overdue. If anything differs from your records, let us know.\n\nKind regards,\n";
        }
        if !self.from.is_empty() {
            s += &self.from;
            s += "\n";
        }
        s
    }

    /// The recipient, when the contact has an e-mail address.
    pub fn to(&self) -> Option<&str> {
        self.contact
            .as_ref()
            .map(|c| c.email.as_str())
            .filter(|e| is_email(e))
    }
}

/// RFC 2047 encoded-word for a header of any text (UTF-8, base64), split so
/// no encoded word is longer than 75 characters.
fn encode_header(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        return text.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for ch in text.chars() {
        // 45 bytes of UTF-8 → 60 base64 characters + 12 of wrapping.
        if chunk.len() + ch.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64_encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(ch);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64_encode(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

/// A message as an `.eml` file (RFC 5322, UTF-8 text in base64 lines of
/// 76) that a mail client opens as a draft to send (`X-Unsent: 1`). Line
/// breaks in a header's text are dropped so nothing can be added to the
/// headers; `to` must be an e-mail address.
///
/// # Errors
/// [`CollectionsError::BadEmail`] when `to` is not an address.
pub fn eml(to_name: &str, to: &str, subject: &str, body: &str) -> Result<String, CollectionsError> {
    if !is_email(to) {
        return Err(CollectionsError::BadEmail(to.to_string()));
    }
    let clean = |s: &str| s.replace(['\r', '\n'], " ").trim().to_string();
    let name = clean(to_name).replace(['"', '\\'], "");
    let to_header = if name.is_empty() {
        to.to_string()
    } else if name.is_ascii() {
        format!("\"{name}\" <{to}>")
    } else {
        format!("{} <{to}>", encode_header(&name))
    };
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    let b64 = base64_encode(body.as_bytes());
    let mut lines = String::new();
    for chunk in b64.as_bytes().chunks(76) {
        lines.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        lines.push_str("\r\n");
    }
    Ok(format!(
        "X-Unsent: 1\r\nTo: {to_header}\r\nSubject: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{lines}",
        encode_header(&clean(subject))
    ))
}

/// A `mailto:` link with the subject and body percent-encoded (RFC 6068).
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    fn enc(s: &str) -> String {
        let mut out = String::new();
        for b in s.replace('\n', "\r\n").bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out += &format!("%{b:02X}");
            }
        }
        out
    }
    let to = if is_email(to) { to } else { "" };
    format!("mailto:{to}?subject={}&body={}", enc(subject), enc(body))
}
