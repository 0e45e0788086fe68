//! The records of the collections workflow and the checked changes to them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::{CollectionsError as E, Field};
use super::order::OrderRules;
use crate::dates::parse_iso;
use crate::dunning::{keyed, Channel, DunningSettings, Lang};
use crate::money::parse_amount;
use crate::openitems::net_open;
use crate::portfolio::Portfolio;
use crate::store::Extras;

/// The extras key the book is kept under.
pub const EXTRAS_KEY: &str = "collections";

/// A promise to pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// `P1`, `P2`, … in the order recorded.
    pub id: String,
    /// The buyer.
    pub customer_id: String,
    /// The invoices it names; empty when only an amount was promised.
    #[serde(default)]
    pub invoice_ids: Vec<String>,
    /// What is promised, base currency.
    pub amount: Decimal,
    /// The day the money is promised for.
    pub promised_date: NaiveDate,
    /// The day it was recorded (the report date then).
    pub recorded: NaiveDate,
    /// Who promised.
    #[serde(default)]
    pub contact: String,
    /// How.
    pub channel: Channel,
    /// The user's note.
    #[serde(default)]
    pub note: String,
}

/// A promise as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromiseForm {
    /// The buyer.
    pub customer_id: String,
    /// The invoices (may be empty).
    pub invoice_ids: Vec<String>,
    /// The amount, base currency; blank for the invoices' open amount.
    pub amount: String,
    /// The promised date, `YYYY-MM-DD`.
    pub promised_date: String,
    /// Who promised.
    pub contact: String,
    /// How.
    pub channel: Option<Channel>,
    /// A note.
    pub note: String,
}

/// Why a buyer disputes an invoice.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeReason {
    /// The price charged.
    Price,
    /// The quantity delivered.
    Quantity,
    /// The quality of the goods.
    Quality,
    /// The delivery (late, not received).
    Delivery,
    /// Invoiced twice.
    Duplicate,
    /// Already paid.
    AlreadyPaid,
    /// Something else.
    Other,
}

keyed!(DisputeReason {
    Price => "price", "Price", "价格";
    Quantity => "quantity", "Quantity", "数量";
    Quality => "quality", "Quality", "质量";
    Delivery => "delivery", "Delivery", "交付";
    Duplicate => "duplicate", "Duplicate invoice", "重复开票";
    AlreadyPaid => "already_paid", "Already paid", "已付款";
    Other => "other", "Other", "其他";
});

/// Where a dispute stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStatus {
    /// Raised, not yet looked into.
    Open,
    /// Being looked into.
    Investigating,
    /// Resolved by a credit note.
    ResolvedCreditNote,
    /// Resolved: the customer pays.
    ResolvedCustomerPays,
    /// Rejected: the claim does not stand, the customer pays.
    Rejected,
}

keyed!(DisputeStatus {
    Open => "open", "Open", "未处理";
    Investigating => "investigating", "Investigating", "调查中";
    ResolvedCreditNote => "resolved_credit_note", "Resolved by credit note", "已解决（开具贷项通知单）";
    ResolvedCustomerPays => "resolved_customer_pays", "Resolved, customer pays", "已解决（客户付款）";
    Rejected => "rejected", "Rejected", "已驳回";
});

impl DisputeStatus {
    /// Open or being investigated: the disputed part is paused.
    pub fn is_open(self) -> bool {
        matches!(self, DisputeStatus::Open | DisputeStatus::Investigating)
    }
}

/// One dated change of a dispute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeEvent {
    /// When.
    pub date: NaiveDate,
    /// The status from then.
    pub status: DisputeStatus,
    /// The user's note.
    #[serde(default)]
    pub note: String,
}

/// A dispute on (part of) an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeCase {
    /// `D1`, `D2`, … in the order opened.
    pub id: String,
    /// The buyer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// The disputed amount, the invoice's currency.
    pub amount: Decimal,
    /// Why.
    pub reason: DisputeReason,
    /// Who handles it.
    #[serde(default)]
    pub owner: String,
    /// Its history, oldest first; the first is its opening.
    pub history: Vec<DisputeEvent>,
}

impl DisputeCase {
    /// The day it was opened.
    pub fn opened(&self) -> NaiveDate {
        self.history[0].date
    }

    /// Its status as of a date (`None` before it was opened).
    pub fn status_as_of(&self, as_of: NaiveDate) -> Option<DisputeStatus> {
        self.history
            .iter()
            .rev()
            .find(|e| e.date <= as_of)
            .map(|e| e.status)
    }

    /// The day it was resolved or rejected, if it was by `as_of`.
    pub fn closed_on(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.history
            .iter()
            .find(|e| e.date <= as_of && !e.status.is_open())
            .map(|e| e.date)
    }
}

/// A dispute as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisputeForm {
    /// The buyer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// The amount; blank for all that is open on it.
    pub amount: String,
    /// Why.
    pub reason: DisputeReason,
    /// Who handles it.
    pub owner: String,
    /// A note.
    pub note: String,
}

/// A buyer's accounts-payable contact and its dunning cadence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Contact {
    /// The buyer.
    pub customer_id: String,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// The language letters and statements are written in.
    pub lang: Lang,
    /// The preferred channel.
    pub channel: Option<Channel>,
    /// Days after due of the buyer's dunning steps, replacing its policy's
    /// offsets in order; empty for the policy's own.
    pub cadence: Vec<i64>,
}

/// A contact as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactForm {
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Language.
    pub lang: Lang,
    /// Channel.
    pub channel: Option<Channel>,
    /// Cadence: days, comma-separated; blank for the policy's.
    pub cadence: String,
}

/// A group of companies (a parent and its subsidiaries) sharing a limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Its name (unique).
    pub name: String,
    /// The limit its members share, base currency.
    pub limit: Option<Decimal>,
    /// Its members' ids, sorted.
    pub members: Vec<String>,
}

/// Everything the collections workflow records for a portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Book {
    /// Promises to pay, in the order recorded.
    pub promises: Vec<Promise>,
    /// Disputes, in the order opened.
    pub disputes: Vec<DisputeCase>,
    /// Contacts, one per buyer, by buyer id.
    pub contacts: Vec<Contact>,
    /// Groups, by name.
    pub groups: Vec<Group>,
    /// Days after a promised date before an unpaid promise is broken (0).
    pub grace_days: i64,
    /// The order check's rules.
    pub order_rules: OrderRules,
}

fn one_line(s: &str) -> bool {
    !s.contains(['\r', '\n'])
}

fn next_id(prefix: &str, ids: impl Iterator<Item = String>) -> String {
    let n = ids
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", n + 1)
}

/// Parses a cadence: whole days, rising, comma- or space-separated.
fn parse_cadence(text: &str) -> Result<Vec<i64>, E> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    let bad = || E::BadCadence(text.to_string());
    let mut v = Vec::new();
    for part in t.split([',', '，', ' ', ';']).filter(|s| !s.is_empty()) {
        let d: i64 = part.parse().map_err(|_| bad())?;
        if !(-365..=3650).contains(&d) || v.last().is_some_and(|l| *l >= d) {
            return Err(bad());
        }
        v.push(d);
    }
    Ok(v)
}

impl Book {
    /// The book kept in a portfolio's extras (empty when none is).
    ///
    /// # Errors
    /// The JSON error when the stored text is not a book.
    pub fn from_extras(extras: &Extras) -> Result<Book, serde_json::Error> {
        match extras.get(EXTRAS_KEY) {
            Some(t) => serde_json::from_str(t),
            None => Ok(Book::default()),
        }
    }

    /// The JSON kept under [`EXTRAS_KEY`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The buyer's contact, if one is set.
    pub fn contact_of(&self, customer_id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.customer_id == customer_id)
    }

    /// The buyer's group, if it is in one.
    pub fn group_of(&self, customer_id: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.members.iter().any(|m| m == customer_id))
    }

    /// Records a promise; nothing changes when any of it is wrong.
    ///
    /// # Errors
    /// Every problem found: an unknown buyer or invoice, an invoice of
    /// another buyer or with nothing open, a date that does not read or is
    /// before `as_of`, an amount not above zero or above what the buyer
    /// owes.
    pub fn add_promise(
        &mut self,
        p: &Portfolio,
        form: &PromiseForm,
        as_of: NaiveDate,
    ) -> Result<&Promise, Vec<E>> {
        let mut errs = Vec::new();
        let cid = form.customer_id.trim();
        if p.customer(cid).is_none() {
            return Err(vec![E::UnknownBuyer(cid.to_string())]);
        }
        let date = match parse_iso(form.promised_date.trim()) {
            Some(d) if d < as_of => {
                errs.push(E::PromiseInPast { date: d, as_of });
                None
            }
            Some(d) => Some(d),
            None => {
                errs.push(E::BadDate {
                    field: Field::PromisedDate,
                    value: form.promised_date.clone(),
                });
                None
            }
        };
        let base = p.base_currency();
        let net = net_open(p, as_of, p.settings.ageing.credits);
        let owed = net.exposure(cid);
        let mut ids: Vec<String> = Vec::new();
        let mut of_invoices = Decimal::ZERO;
        for id in form
            .invoice_ids
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            if ids.iter().any(|x| x == id) {
                continue;
            }
            match p.invoices.iter().position(|i| i.id == id) {
                None => errs.push(E::UnknownInvoice(id.to_string())),
                Some(k) if p.invoices[k].customer_id != cid => errs.push(E::NotBuyersInvoice {
                    invoice: id.to_string(),
                    buyer: cid.to_string(),
                }),
                Some(k) if net.effective[k] <= Decimal::ZERO => {
                    errs.push(E::NotOpen(id.to_string()))
                }
                Some(k) => {
                    let inv = &p.invoices[k];
                    of_invoices +=
                        net.effective[k] * p.fx.rate(inv.currency, as_of).unwrap_or(Decimal::ONE);
                }
            }
            ids.push(id.to_string());
        }
        let amount = if form.amount.trim().is_empty() && !ids.is_empty() {
            Some(of_invoices.round_dp(base.minor_units()))
        } else {
            match parse_amount(&form.amount, false) {
                Ok(a) if a > Decimal::ZERO => Some(a),
                _ => {
                    errs.push(E::BadAmount {
                        field: Field::PromiseAmount,
                        value: form.amount.clone(),
                    });
                    None
                }
            }
        };
        if owed <= Decimal::ZERO {
            errs.push(E::NothingOpen(cid.to_string()));
        } else if let Some(a) = amount.filter(|a| *a > owed.round_dp(base.minor_units())) {
            errs.push(E::PromiseAboveOpen {
                amount: a,
                open: owed.round_dp(base.minor_units()),
                currency: base,
            });
        }
        if !one_line(&form.contact) {
            errs.push(E::BadText {
                field: Field::ContactText,
            });
        }
        let (Some(date), Some(amount), true) = (date, amount, errs.is_empty()) else {
            return Err(errs);
        };
        let id = next_id("P", self.promises.iter().map(|x| x.id.clone()));
        self.promises.push(Promise {
            id,
            customer_id: cid.to_string(),
            invoice_ids: ids,
            amount,
            promised_date: date,
            recorded: as_of,
            contact: form.contact.trim().to_string(),
            channel: form.channel.unwrap_or(Channel::Phone),
            note: form.note.trim().to_string(),
        });
        Ok(self.promises.last().expect("just pushed"))
    }

    /// Opens a dispute on (part of) an invoice as of a date.
    ///
    /// # Errors
    /// An unknown buyer or invoice, another buyer's invoice, nothing open
    /// on it, an amount not above zero or above what is open, an invoice
    /// with an open dispute already.
    pub fn open_dispute(
        &mut self,
        p: &Portfolio,
        form: &DisputeForm,
        as_of: NaiveDate,
    ) -> Result<&DisputeCase, Vec<E>> {
        let cid = form.customer_id.trim();
        let iid = form.invoice_id.trim();
        if p.customer(cid).is_none() {
            return Err(vec![E::UnknownBuyer(cid.to_string())]);
        }
        let Some(inv) = p.invoices.iter().find(|i| i.id == iid) else {
            return Err(vec![E::UnknownInvoice(iid.to_string())]);
        };
        if inv.customer_id != cid {
            return Err(vec![E::NotBuyersInvoice {
                invoice: iid.to_string(),
                buyer: cid.to_string(),
            }]);
        }
        let open = inv.open_as_of(as_of);
        if open <= Decimal::ZERO || inv.gross <= Decimal::ZERO {
            return Err(vec![E::NotOpen(iid.to_string())]);
        }
        let mut errs = Vec::new();
        if let Some(c) = self
            .disputes
            .iter()
            .find(|c| c.invoice_id == iid && c.status_as_of(as_of).is_some_and(|s| s.is_open()))
        {
            errs.push(E::AlreadyDisputed {
                invoice: iid.to_string(),
                case: c.id.clone(),
            });
        }
        let amount = if form.amount.trim().is_empty() {
            Some(open)
        } else {
            match parse_amount(&form.amount, false) {
                Ok(a) if a > open => {
                    errs.push(E::DisputeAboveOpen {
                        invoice: iid.to_string(),
                        amount: a,
                        open,
                        currency: inv.currency,
                    });
                    None
                }
                Ok(a) if a > Decimal::ZERO => Some(a),
                _ => {
                    errs.push(E::BadAmount {
                        field: Field::DisputeAmount,
                        value: form.amount.clone(),
                    });
                    None
                }
            }
        };
        if !one_line(&form.owner) {
            errs.push(E::BadText {
                field: Field::ContactText,
            });
        }
        let (Some(amount), true) = (amount, errs.is_empty()) else {
            return Err(errs);
        };
        let id = next_id("D", self.disputes.iter().map(|x| x.id.clone()));
        self.disputes.push(DisputeCase {
            id,
            customer_id: cid.to_string(),
            invoice_id: iid.to_string(),
            amount,
            reason: form.reason,
            owner: form.owner.trim().to_string(),
            history: vec![DisputeEvent {
                date: as_of,
                status: DisputeStatus::Open,
                note: form.note.trim().to_string(),
            }],
        });
        Ok(self.disputes.last().expect("just pushed"))
    }

    /// Moves a dispute to a status on a date.
    ///
    /// # Errors
    /// An unknown case, a case already closed, the status it has, a date
    /// before its last move.
    pub fn move_dispute(
        &mut self,
        case_id: &str,
        status: DisputeStatus,
        date: NaiveDate,
        note: &str,
    ) -> Result<(), E> {
        let c = self
            .disputes
            .iter_mut()
            .find(|c| c.id == case_id)
            .ok_or_else(|| E::UnknownCase(case_id.to_string()))?;
        let last = c.history.last().expect("a case has its opening");
        if !last.status.is_open() {
            return Err(E::CaseClosed(case_id.to_string()));
        }
        if last.status == status {
            return Err(E::SameStatus);
        }
        if date < last.date {
            return Err(E::BeforeLastMove {
                date,
                last: last.date,
            });
        }
        c.history.push(DisputeEvent {
            date,
            status,
            note: note.trim().to_string(),
        });
        Ok(())
    }

    /// Sets (or, with every field blank, removes) a buyer's contact.
    ///
    /// # Errors
    /// An unknown buyer, a line break in a field, an e-mail address that is
    /// not one, a cadence that is not rising whole days.
    pub fn set_contact(
        &mut self,
        p: &Portfolio,
        customer_id: &str,
        form: &ContactForm,
    ) -> Result<(), Vec<E>> {
        if p.customer(customer_id).is_none() {
            return Err(vec![E::UnknownBuyer(customer_id.to_string())]);
        }
        let mut errs = Vec::new();
        if !one_line(&form.name) || !one_line(&form.phone) {
            errs.push(E::BadText {
                field: Field::ContactText,
            });
        }
        let email = form.email.trim();
        if !email.is_empty() && !is_email(email) {
            errs.push(E::BadEmail(email.to_string()));
        }
        let cadence = parse_cadence(&form.cadence).map_err(|e| errs.push(e)).ok();
        if !errs.is_empty() {
            return Err(errs);
        }
        let c = Contact {
            customer_id: customer_id.to_string(),
            name: form.name.trim().to_string(),
            email: email.to_string(),
            phone: form.phone.trim().to_string(),
            lang: form.lang,
            channel: form.channel,
            cadence: cadence.unwrap_or_default(),
        };
        if c.name.is_empty() && c.email.is_empty() && c.phone.is_empty() && c.cadence.is_empty() {
            self.contacts.retain(|x| x.customer_id != customer_id);
        } else {
            match self
                .contacts
                .binary_search_by(|x| x.customer_id.as_str().cmp(customer_id))
            {
                Ok(k) => self.contacts[k] = c,
                Err(k) => self.contacts.insert(k, c),
            }
        }
        Ok(())
    }

    /// Puts a buyer in a group by name (created when new), and sets the
    /// group's limit when one is typed (blank keeps it).
    ///
    /// # Errors
    /// An unknown buyer, an empty or multi-line name, a limit that is not
    /// an amount ≥ 0, a buyer already in another group.
    pub fn join_group(
        &mut self,
        p: &Portfolio,
        customer_id: &str,
        name: &str,
        limit: &str,
    ) -> Result<(), Vec<E>> {
        if p.customer(customer_id).is_none() {
            return Err(vec![E::UnknownBuyer(customer_id.to_string())]);
        }
        let mut errs = Vec::new();
        let name = name.trim();
        if name.is_empty() || !one_line(name) {
            errs.push(E::BadText {
                field: Field::GroupName,
            });
        }
        let limit = if limit.trim().is_empty() {
            None
        } else {
            match parse_amount(limit, false) {
                Ok(a) => Some(a),
                Err(_) => {
                    errs.push(E::BadAmount {
                        field: Field::GroupLimit,
                        value: limit.to_string(),
                    });
                    None
                }
            }
        };
        if let Some(g) = self.group_of(customer_id).filter(|g| g.name != name) {
            errs.push(E::InTwoGroups {
                buyer: customer_id.to_string(),
                group: g.name.clone(),
            });
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let k = match self.groups.iter().position(|g| g.name == name) {
            Some(k) => k,
            None => {
                self.groups.push(Group {
                    name: name.to_string(),
                    limit: None,
                    members: Vec::new(),
                });
                self.groups.len() - 1
            }
        };
        let g = &mut self.groups[k];
        if limit.is_some() {
            g.limit = limit;
        }
        if let Err(at) = g.members.binary_search_by(|m| m.as_str().cmp(customer_id)) {
            g.members.insert(at, customer_id.to_string());
        }
        crate::sorting::sort_by(&mut self.groups, |a, b| a.name.cmp(&b.name));
        Ok(())
    }

    /// Takes a buyer out of its group (a group left empty goes).
    pub fn leave_group(&mut self, customer_id: &str) {
        for g in &mut self.groups {
            g.members.retain(|m| m != customer_id);
        }
        self.groups.retain(|g| !g.members.is_empty());
    }

    /// The dunning settings with each buyer's cadence as its own policy:
    /// the buyer's policy with its steps' offsets replaced in order (a
    /// shorter cadence drops the later steps).
    pub fn with_cadences(&self, s: &DunningSettings) -> DunningSettings {
        let mut out = s.clone();
        for c in &self.contacts {
            let id = &c.customer_id;
            if c.cadence.is_empty() {
                continue;
            }
            let mut policy = s.policy_for(id).clone();
            policy.steps.truncate(c.cadence.len());
            for (st, d) in policy.steps.iter_mut().zip(&c.cadence) {
                st.offset_days = *d;
            }
            if policy.validate().is_ok() {
                out.overrides.insert(id.clone(), policy);
            }
        }
        out
    }
}

/// Whether a text is a plain e-mail address: one `@` with something on
/// each side, a dot in the domain, no spaces, line breaks, angle brackets,
/// commas or quotes.
pub(super) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;:\"()[]\\".contains(c))
}
