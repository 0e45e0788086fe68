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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::assessment::Scorecard;
use crate::customer::Customer;
use crate::invoice::Invoice;
use crate::money::{format_amount, Currency, MoneyError};
use crate::portfolio::Portfolio;

/// The language of labels and messages: the one of [`crate::dunning`].
pub use crate::dunning::Lang;

fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A trade credit insurance policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// The insurer.
    pub insurer: String,
    /// The policy number.
    pub policy_number: String,
    /// Indemnity percentage, a fraction (0.90).
    pub indemnity_pct: Decimal,
    /// Claims below this are not paid.
    pub non_qualifying_loss: Decimal,
    /// The policyholder's own retention per policy year.
    pub aggregate_first_loss: Decimal,
    /// Maximum liability per policy year; `None`: no cap.
    pub max_liability: Option<Decimal>,
    /// Premium rate on insured turnover, a fraction (0.0025).
    pub premium_rate: Decimal,
    /// Minimum premium a year.
    pub minimum_premium: Decimal,
    /// Insured turnover a year; `None`: from the ledger.
    pub insured_turnover: Option<Decimal>,
    /// Per-buyer insured limits set on the policy (they override the
    /// ledger's).
    pub limits: BTreeMap<String, Decimal>,
    /// Maximum extension period, days after due (60).
    pub mep_days: i64,
    /// Overdue notification deadline, days after the MEP ends (30).
    pub notification_days: i64,
    /// Protracted-default waiting period, days after due (180).
    pub protracted_default_days: i64,
    /// Days to file a claim once it is payable (60).
    pub claim_filing_days: i64,
    /// The first day of the current policy year.
    pub year_start: NaiveDate,
    /// Loss given default, a fraction (0.45).
    pub lgd: Decimal,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            insurer: String::new(),
            policy_number: String::new(),
            indemnity_pct: Decimal::new(90, 2),
            non_qualifying_loss: Decimal::ZERO,
            aggregate_first_loss: Decimal::ZERO,
            max_liability: None,
            premium_rate: Decimal::new(25, 4),
            minimum_premium: Decimal::ZERO,
            insured_turnover: None,
            limits: BTreeMap::new(),
            mep_days: 60,
            notification_days: 30,
            protracted_default_days: 180,
            claim_filing_days: 60,
            year_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            lgd: Decimal::new(45, 2),
        }
    }
}

/// A policy term that cannot be right.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyError {
    /// The field.
    pub field: &'static str,
    /// Its value.
    pub value: String,
    /// Why (English).
    pub reason: &'static str,
    /// Why (Chinese).
    pub reason_zh: &'static str,
}

impl PolicyError {
    /// The field's name.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        pick(
            lang,
            format!(
                "{}: '{}' {}",
                field_label(self.field, Lang::En),
                self.value,
                self.reason
            ),
            format!(
                "{}：“{}”{}",
                field_label(self.field, Lang::Zh),
                self.value,
                self.reason_zh
            ),
        )
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A policy field's label.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    let (en, zh) = match field {
        "indemnity_pct" => ("Indemnity", "赔付比例"),
        "non_qualifying_loss" => ("Non-qualifying loss", "不予赔付损失额"),
        "aggregate_first_loss" => ("Aggregate first loss", "累计自负额"),
        "max_liability" => ("Maximum liability", "最高赔偿限额"),
        "premium_rate" => ("Premium rate", "费率"),
        "minimum_premium" => ("Minimum premium", "最低保费"),
        "insured_turnover" => ("Insured turnover", "投保营业额"),
        "limits" => ("Insured limit", "保险限额"),
        "mep_days" => ("Maximum extension period", "最长延展期"),
        "notification_days" => ("Notification deadline", "逾期申报期限"),
        "protracted_default_days" => ("Protracted default waiting period", "拖欠等待期"),
        "claim_filing_days" => ("Claim filing deadline", "索赔申请期限"),
        "lgd" => ("Loss given default", "违约损失率"),
        _ => ("Policy", "保单"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

impl Policy {
    /// Every term that cannot be right: percentages in (0, 100 %], amounts
    /// ≥ 0, days from 0 to 3650.
    pub fn validate(&self) -> Result<(), Vec<PolicyError>> {
        let mut v = Vec::new();
        let one = Decimal::ONE;
        let mut frac = |field, x: Decimal, zero_ok: bool| {
            if x > one || x < Decimal::ZERO || (!zero_ok && x.is_zero()) {
                v.push(PolicyError {
                    field,
                    value: format!("{} %", (x * Decimal::ONE_HUNDRED).normalize()),
                    reason: "must be more than 0 % and at most 100 %.",
                    reason_zh: "须大于 0% 且不超过 100%。",
                });
            }
        };
        frac("indemnity_pct", self.indemnity_pct, false);
        frac("premium_rate", self.premium_rate, true);
        frac("lgd", self.lgd, true);
        let mut amounts = vec![
            ("non_qualifying_loss", Some(self.non_qualifying_loss)),
            ("aggregate_first_loss", Some(self.aggregate_first_loss)),
            ("max_liability", self.max_liability),
            ("minimum_premium", Some(self.minimum_premium)),
            ("insured_turnover", self.insured_turnover),
        ];
        amounts.extend(self.limits.values().map(|x| ("limits", Some(*x))));
        for (field, x) in amounts {
            if let Some(x) = x.filter(|x| *x < Decimal::ZERO) {
                v.push(PolicyError {
                    field,
                    value: x.normalize().to_string(),
                    reason: "must not be negative.",
                    reason_zh: "不能为负数。",
                });
            }
        }
        for (field, d) in [
            ("mep_days", self.mep_days),
            ("notification_days", self.notification_days),
            ("protracted_default_days", self.protracted_default_days),
            ("claim_filing_days", self.claim_filing_days),
        ] {
            if !(0..=3650).contains(&d) {
                v.push(PolicyError {
                    field,
                    value: d.to_string(),
                    reason: "must be a number of days from 0 to 3650.",
                    reason_zh: "须为 0 到 3650 之间的天数。",
                });
            }
        }
        if v.is_empty() {
            Ok(())
        } else {
            Err(v)
        }
    }

    /// A buyer's insured limit: the policy's, else the ledger's, else 0.
    pub fn insured_limit(&self, c: &Customer) -> Decimal {
        self.limits
            .get(&c.id)
            .copied()
            .or(c.insured_limit)
            .unwrap_or(Decimal::ZERO)
            .max(Decimal::ZERO)
    }

    /// The policy year holding `d`: its first and last day. The year starts
    /// on the anniversary of `year_start` (29 February → 28 February in a
    /// common year).
    pub fn year_of(&self, d: NaiveDate) -> (NaiveDate, NaiveDate) {
        let at = |y: i32| {
            NaiveDate::from_ymd_opt(y, self.year_start.month(), self.year_start.day())
                .or_else(|| NaiveDate::from_ymd_opt(y, self.year_start.month(), 28))
                .unwrap_or(self.year_start)
        };
        let mut start = at(d.year());
        if start > d {
            start = at(d.year() - 1);
        }
        let next = at(start.year() + 1);
        (start, next.pred_opt().unwrap_or(next))
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

/// Why an invoice is outside cover.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutsideReason {
    /// Disputed: a claim needs an undisputed debt.
    Disputed,
    /// The overdue notification deadline passed without a notification.
    NotNotified,
}

/// An invoice outside cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutsideInvoice {
    /// The invoice.
    pub invoice_id: String,
    /// Why.
    pub reason: OutsideReason,
    /// Open, base currency, without VAT.
    pub amount: Decimal,
}

/// A buyer's cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuyerCover {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub name: String,
    /// Open without VAT (every open invoice).
    pub open: Decimal,
    /// The VAT in what is open.
    pub vat: Decimal,
    /// The insured limit.
    pub insured_limit: Decimal,
    /// Insured: min(eligible open, limit).
    pub insured: Decimal,
    /// Uninsured: open − insured.
    pub uninsured: Decimal,
    /// Eligible open above a limit > 0.
    pub over_limit: bool,
    /// Invoices outside cover.
    pub outside: Vec<OutsideInvoice>,
}

/// The portfolio's cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    /// The base currency.
    pub currency: Currency,
    /// Buyers with something open, largest open first.
    pub buyers: Vec<BuyerCover>,
    /// Open without VAT.
    pub total_open: Decimal,
    /// Insured.
    pub total_insured: Decimal,
    /// Uninsured.
    pub total_uninsured: Decimal,
    /// VAT in what is open.
    pub total_vat: Decimal,
    /// Buyers above their insured limit.
    pub over_limit: usize,
    /// Buyers with something open and no insured limit.
    pub uninsured_buyers: usize,
}

/// An overdue notification sent to the insurer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// The buyer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// When it was sent.
    pub date: NaiveDate,
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
    .unwrap_or(d)
}

/// An invoice's open amount (`open`: net of the buyer's credits, from
/// [`crate::openitems::net_open`]), base currency: (without VAT, VAT).
fn open_net(
    p: &Portfolio,
    inv: &Invoice,
    open: Decimal,
    as_of: NaiveDate,
) -> Result<(Decimal, Decimal), MoneyError> {
    if open <= Decimal::ZERO {
        return Ok((Decimal::ZERO, Decimal::ZERO));
    }
    let rate = p.fx.rate(inv.currency, as_of)?;
    let vat = match inv.vat {
        Some(v) if inv.gross > Decimal::ZERO && v > Decimal::ZERO => {
            open * v.min(inv.gross) / inv.gross
        }
        _ => Decimal::ZERO,
    };
    Ok(((open - vat) * rate, vat * rate))
}

fn notified_on(notified: &[Notification], inv: &Invoice) -> Option<NaiveDate> {
    notified
        .iter()
        .filter(|n| n.invoice_id == inv.id && n.customer_id == inv.customer_id)
        .map(|n| n.date)
        .min()
}

/// Why an open invoice is outside cover, if it is.
fn outside_reason(
    inv: &Invoice,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
) -> Option<OutsideReason> {
    if inv.disputed_as_of(as_of) {
        return Some(OutsideReason::Disputed);
    }
    let notify_by = add_days(inv.due_date, policy.mep_days + policy.notification_days);
    let in_time = notified_on(notified, inv).is_some_and(|d| d <= notify_by);
    (notify_by < as_of && !in_time).then_some(OutsideReason::NotNotified)
}

/// The cover of the portfolio as of a date.
pub fn cover(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
) -> Result<Cover, InsuranceError> {
    let index = p.customer_index();
    #[derive(Default)]
    struct Acc {
        open: Decimal,
        vat: Decimal,
        eligible: Decimal,
        outside: Vec<OutsideInvoice>,
    }
    let mut acc: HashMap<&str, Acc> = HashMap::new();
    let netted = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    for (i, inv) in p.invoices.iter().enumerate() {
        let (net, vat) = open_net(p, inv, netted.effective[i], as_of)?;
        if net <= Decimal::ZERO && vat <= Decimal::ZERO {
            continue;
        }
        let a = acc.entry(inv.customer_id.as_str()).or_default();
        a.open += net;
        a.vat += vat;
        match outside_reason(inv, as_of, policy, notified) {
            Some(reason) => a.outside.push(OutsideInvoice {
                invoice_id: inv.id.clone(),
                reason,
                amount: net,
            }),
            None => a.eligible += net,
        }
    }
    let mut buyers: Vec<BuyerCover> = acc
        .into_iter()
        .map(|(id, a)| {
            let c = index.get(id).map(|k| &p.customers[*k]);
            let limit = c.map_or(Decimal::ZERO, |c| policy.insured_limit(c));
            let insured = a.eligible.min(limit);
            BuyerCover {
                customer_id: id.to_string(),
                name: c.map_or_else(|| id.to_string(), |c| c.name.clone()),
                open: a.open,
                vat: a.vat,
                insured_limit: limit,
                insured,
                uninsured: a.open - insured,
                over_limit: limit > Decimal::ZERO && a.eligible > limit,
                outside: a.outside,
            }
        })
        .collect();
    buyers.sort_by(|a, b| {
        b.open
            .cmp(&a.open)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    let sum = |f: fn(&BuyerCover) -> Decimal| buyers.iter().map(f).sum::<Decimal>();
    Ok(Cover {
        currency: p.base_currency(),
        total_open: sum(|b| b.open),
        total_insured: sum(|b| b.insured),
        total_uninsured: sum(|b| b.uninsured),
        total_vat: sum(|b| b.vat),
        over_limit: buyers.iter().filter(|b| b.over_limit).count(),
        uninsured_buyers: buyers
            .iter()
            .filter(|b| b.insured_limit.is_zero() && b.open > Decimal::ZERO)
            .count(),
        buyers,
    })
}

/// Which deadline.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The maximum extension period ends.
    MepEnd,
    /// The overdue notification is due.
    NotifyBy,
    /// A protracted-default claim becomes payable.
    ClaimPayable,
    /// The claim must be filed.
    FileClaimBy,
}

/// The deadlines of one overdue insured invoice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub name: String,
    /// The invoice.
    pub invoice_id: String,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Open, base currency, without VAT.
    pub open: Decimal,
    /// End of the maximum extension period.
    pub mep_end: NaiveDate,
    /// The overdue notification is due by.
    pub notify_by: NaiveDate,
    /// A protracted-default claim is payable from.
    pub claim_payable: NaiveDate,
    /// The claim must be filed by.
    pub file_claim_by: NaiveDate,
    /// When the notification was sent.
    pub notified: Option<NaiveDate>,
    /// The next deadline on or after `as_of`.
    pub next: Option<(DeadlineKind, NaiveDate)>,
    /// The notification deadline passed without a notification.
    pub late: bool,
}

/// The deadlines of every open, overdue invoice of an insured buyer, the
/// nearest first (those with no deadline ahead last).
pub fn deadlines(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
) -> Result<Vec<Deadline>, InsuranceError> {
    let index = p.customer_index();
    let mut out = Vec::new();
    let netted = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    for (i, inv) in p.invoices.iter().enumerate() {
        if inv.due_date >= as_of || inv.disputed_as_of(as_of) {
            continue;
        }
        let Some(c) = index
            .get(inv.customer_id.as_str())
            .map(|k| &p.customers[*k])
        else {
            continue;
        };
        if policy.insured_limit(c).is_zero() {
            continue;
        }
        let (net, _) = open_net(p, inv, netted.effective[i], as_of)?;
        if net <= Decimal::ZERO {
            continue;
        }
        let mep_end = add_days(inv.due_date, policy.mep_days);
        let notify_by = add_days(mep_end, policy.notification_days);
        let claim_payable = add_days(inv.due_date, policy.protracted_default_days);
        let file_claim_by = add_days(claim_payable, policy.claim_filing_days);
        let sent = notified_on(notified, inv);
        let next = [
            (DeadlineKind::MepEnd, mep_end),
            (DeadlineKind::NotifyBy, notify_by),
            (DeadlineKind::ClaimPayable, claim_payable),
            (DeadlineKind::FileClaimBy, file_claim_by),
        ]
        .into_iter()
        .filter(|(k, _)| !(sent.is_some() && *k == DeadlineKind::NotifyBy))
        .filter(|(_, d)| *d >= as_of)
        .min_by_key(|(_, d)| *d);
        out.push(Deadline {
            customer_id: c.id.clone(),
            name: c.name.clone(),
            invoice_id: inv.id.clone(),
            due_date: inv.due_date,
            open: net,
            mep_end,
            notify_by,
            claim_payable,
            file_claim_by,
            notified: sent,
            next,
            late: sent.map_or(notify_by < as_of, |d| d > notify_by),
        });
    }
    out.sort_by(|a, b| {
        let key = |d: &Deadline| d.next.map_or(NaiveDate::MAX, |n| n.1);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
            .then_with(|| a.invoice_id.cmp(&b.invoice_id))
    });
    Ok(out)
}

/// The deadlines whose next date falls in `[as_of, as_of + days]`: what
/// is due this week for `days` = 7.
pub fn due_within(d: &[Deadline], as_of: NaiveDate, days: i64) -> Vec<&Deadline> {
    let end = add_days(as_of, days);
    d.iter()
        .filter(|x| x.next.is_some_and(|(_, day)| day >= as_of && day <= end))
        .collect()
}

/// The event a claim is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultEvent {
    /// The buyer is insolvent.
    Insolvency,
    /// The buyer has not paid by the end of the waiting period.
    ProtractedDefault,
}

/// The inputs of a claim simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimInput {
    /// The buyer.
    pub customer_id: String,
    /// The event.
    pub event: DefaultEvent,
    /// The date of the event (insolvency) or of the claim.
    pub date: NaiveDate,
    /// Recoveries (payments after the event, securities, dividends).
    pub recoveries: Decimal,
    /// Earlier qualifying losses this policy year (they fill the aggregate
    /// first loss first).
    pub losses_this_year: Decimal,
    /// Indemnities already paid this policy year.
    pub paid_this_year: Decimal,
}

/// One line of the waterfall.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimStep {
    /// Its key (see [`step_label`]).
    pub key: String,
    /// The amount.
    pub amount: Decimal,
}

/// The arithmetic of a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaterfallIn {
    /// Unpaid, without VAT.
    pub unpaid_net: Decimal,
    /// The insured limit.
    pub insured_limit: Decimal,
    /// Recoveries.
    pub recoveries: Decimal,
    /// The non-qualifying loss.
    pub nql: Decimal,
    /// The aggregate first loss still to be borne this year.
    pub afl_left: Decimal,
    /// The indemnity percentage, a fraction.
    pub pct: Decimal,
    /// What is left of the maximum liability; `None`: no cap.
    pub liability_left: Option<Decimal>,
}

/// The result of the arithmetic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaterfallOut {
    /// min(unpaid without VAT, limit).
    pub capped: Decimal,
    /// capped − recoveries, at least 0.
    pub eligible: Decimal,
    /// Below the non-qualifying loss: nothing paid.
    pub below_nql: bool,
    /// The part of the loss that fills the aggregate first loss.
    pub afl_used: Decimal,
    /// What remains after it.
    pub after_afl: Decimal,
    /// percentage × that.
    pub before_cap: Decimal,
    /// The indemnity.
    pub indemnity: Decimal,
}

/// The claim waterfall: the indemnity step by step.
pub fn waterfall(w: &WaterfallIn) -> WaterfallOut {
    let z = Decimal::ZERO;
    let capped = w.unpaid_net.max(z).min(w.insured_limit.max(z));
    let eligible = (capped - w.recoveries.max(z)).max(z);
    let below_nql = eligible.is_zero() || eligible < w.nql;
    if below_nql {
        return WaterfallOut {
            capped,
            eligible,
            below_nql,
            afl_used: z,
            after_afl: z,
            before_cap: z,
            indemnity: z,
        };
    }
    let afl_used = eligible.min(w.afl_left.max(z));
    let after_afl = eligible - afl_used;
    let before_cap = after_afl * w.pct.max(z).min(Decimal::ONE);
    let indemnity = match w.liability_left {
        Some(left) => before_cap.min(left.max(z)),
        None => before_cap,
    };
    WaterfallOut {
        capped,
        eligible,
        below_nql,
        afl_used,
        after_afl,
        before_cap,
        indemnity,
    }
}

/// A simulated claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The base currency.
    pub currency: Currency,
    /// Everything the buyer leaves unpaid, with VAT: the eligible invoices
    /// and those outside cover.
    #[serde(default)]
    pub unpaid_total: Decimal,
    /// Of which outside cover (disputed, not notified in time), with VAT:
    /// the policy pays nothing of it, so it stays with the policyholder.
    #[serde(default)]
    pub outside_gross: Decimal,
    /// Unpaid with VAT (eligible invoices).
    pub unpaid_gross: Decimal,
    /// Its VAT.
    pub vat: Decimal,
    /// Unpaid without VAT.
    pub unpaid_net: Decimal,
    /// The insured limit.
    pub insured_limit: Decimal,
    /// min(unpaid without VAT, limit).
    pub capped: Decimal,
    /// Recoveries.
    pub recoveries: Decimal,
    /// The eligible loss.
    pub eligible: Decimal,
    /// Below the non-qualifying loss.
    pub below_nql: bool,
    /// The aggregate first loss left before this loss.
    pub afl_before: Decimal,
    /// The part of this loss that fills it.
    pub afl_used: Decimal,
    /// What remains.
    pub after_afl: Decimal,
    /// The indemnity percentage.
    pub pct: Decimal,
    /// percentage × what remains.
    pub indemnity_before_cap: Decimal,
    /// What is left of the maximum liability.
    pub liability_left: Option<Decimal>,
    /// The indemnity.
    pub indemnity: Decimal,
    /// What stays with the policyholder: everything unpaid with VAT (outside
    /// cover included) − recoveries − indemnity.
    pub retained: Decimal,
    /// The claim is payable from.
    pub payable_from: NaiveDate,
    /// It must be filed by.
    pub file_by: NaiveDate,
    /// The waterfall, line by line.
    pub steps: Vec<ClaimStep>,
    /// Invoices left out (disputed, not notified in time).
    pub excluded: Vec<OutsideInvoice>,
}

/// A waterfall line's label.
pub fn step_label(key: &str, lang: Lang) -> &'static str {
    let (en, zh) = match key {
        "unpaid_total" => ("Unpaid, with VAT, every invoice", "全部未付金额（含税）"),
        "outside_cover" => (
            "less outside cover (disputed, not notified in time): stays with you",
            "减：不在承保范围内（争议、未按时申报），由您自留",
        ),
        "unpaid_gross" => ("Unpaid, with VAT", "未付金额（含税）"),
        "vat" => ("less VAT (never insured)", "减：增值税（不保）"),
        "unpaid_net" => ("Unpaid without VAT", "未付金额（不含税）"),
        "insured_limit" => ("Insured limit", "保险限额"),
        "capped" => ("Up to the insured limit", "以保险限额为上限"),
        "recoveries" => ("less recoveries", "减：追回款"),
        "eligible" => ("Eligible loss", "可赔损失"),
        "non_qualifying_loss" => (
            "Non-qualifying loss (below it nothing is paid)",
            "不予赔付损失额（低于此不赔）",
        ),
        "afl_used" => (
            "less aggregate first loss borne by you",
            "减：由您承担的累计自负额",
        ),
        "after_afl" => ("Remaining loss", "剩余损失"),
        "indemnity_before_cap" => ("× indemnity percentage", "× 赔付比例"),
        "liability_left" => ("Maximum liability left this year", "本年度剩余最高赔偿限额"),
        "indemnity" => ("Indemnity", "赔款"),
        _ => ("", ""),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// What a claim on a buyer's default would pay, as of a date.
pub fn simulate_claim(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    notified: &[Notification],
    input: &ClaimInput,
) -> Result<Claim, InsuranceError> {
    policy.validate().map_err(InsuranceError::Policy)?;
    let c = p
        .customer(&input.customer_id)
        .ok_or_else(|| InsuranceError::UnknownBuyer(input.customer_id.clone()))?;
    let limit = policy.insured_limit(c);
    let (mut net, mut vat) = (Decimal::ZERO, Decimal::ZERO);
    let mut oldest_due: Option<NaiveDate> = None;
    let mut excluded = Vec::new();
    let mut outside_gross = Decimal::ZERO;
    let netted = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    for (i, inv) in p.invoices.iter().enumerate() {
        if inv.customer_id != c.id {
            continue;
        }
        let (n, v) = open_net(p, inv, netted.effective[i], as_of)?;
        if n <= Decimal::ZERO {
            continue;
        }
        if let Some(reason) = outside_reason(inv, as_of, policy, notified) {
            outside_gross += n + v;
            excluded.push(OutsideInvoice {
                invoice_id: inv.id.clone(),
                reason,
                amount: n,
            });
            continue;
        }
        net += n;
        vat += v;
        oldest_due = Some(oldest_due.map_or(inv.due_date, |d| d.min(inv.due_date)));
    }
    let afl_before = (policy.aggregate_first_loss - input.losses_this_year).max(Decimal::ZERO);
    let liability_left = policy
        .max_liability
        .map(|m| (m - input.paid_this_year).max(Decimal::ZERO));
    let w = waterfall(&WaterfallIn {
        unpaid_net: net,
        insured_limit: limit,
        recoveries: input.recoveries,
        nql: policy.non_qualifying_loss,
        afl_left: afl_before,
        pct: policy.indemnity_pct,
        liability_left,
    });
    let gross = net + vat;
    let unpaid_total = gross + outside_gross;
    let retained =
        (unpaid_total - input.recoveries.max(Decimal::ZERO) - w.indemnity).max(Decimal::ZERO);
    let payable_from = match input.event {
        DefaultEvent::Insolvency => input.date,
        DefaultEvent::ProtractedDefault => {
            oldest_due.map_or(input.date, |d| add_days(d, policy.protracted_default_days))
        }
    };
    let mut steps = Vec::new();
    if !outside_gross.is_zero() {
        steps.push(("unpaid_total", unpaid_total));
        steps.push(("outside_cover", outside_gross));
    }
    steps.extend([
        ("unpaid_gross", gross),
        ("vat", vat),
        ("unpaid_net", net),
        ("insured_limit", limit),
        ("capped", w.capped),
        ("recoveries", input.recoveries),
        ("eligible", w.eligible),
        ("non_qualifying_loss", policy.non_qualifying_loss),
    ]);
    if !w.below_nql {
        steps.push(("afl_used", w.afl_used));
        steps.push(("after_afl", w.after_afl));
        steps.push(("indemnity_before_cap", w.before_cap));
        if let Some(l) = liability_left {
            steps.push(("liability_left", l));
        }
    }
    steps.push(("indemnity", w.indemnity));
    Ok(Claim {
        currency: p.base_currency(),
        unpaid_total,
        outside_gross,
        unpaid_gross: gross,
        vat,
        unpaid_net: net,
        insured_limit: limit,
        capped: w.capped,
        recoveries: input.recoveries,
        eligible: w.eligible,
        below_nql: w.below_nql,
        afl_before,
        afl_used: w.afl_used,
        after_afl: w.after_afl,
        pct: policy.indemnity_pct,
        indemnity_before_cap: w.before_cap,
        liability_left,
        indemnity: w.indemnity,
        retained,
        payable_from,
        file_by: add_days(payable_from, policy.claim_filing_days),
        steps: steps
            .into_iter()
            .map(|(k, a)| ClaimStep {
                key: k.to_string(),
                amount: a,
            })
            .collect(),
        excluded,
    })
}

/// A paper a claim needs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doc {
    /// The sales contract or accepted order with the terms.
    Contract,
    /// Proof of delivery.
    ProofOfDelivery,
    /// The invoices.
    Invoices,
    /// The dunning record.
    DunningRecord,
    /// The overdue notification sent in time.
    NotificationInTime,
    /// Insolvency papers or legal documents.
    InsolvencyOrLegal,
}

impl Doc {
    /// Every paper, in checklist order.
    pub const ALL: [Doc; 6] = [
        Doc::Contract,
        Doc::ProofOfDelivery,
        Doc::Invoices,
        Doc::DunningRecord,
        Doc::NotificationInTime,
        Doc::InsolvencyOrLegal,
    ];

    /// A stable key.
    pub fn key(self) -> &'static str {
        match self {
            Doc::Contract => "contract",
            Doc::ProofOfDelivery => "proof_of_delivery",
            Doc::Invoices => "invoices",
            Doc::DunningRecord => "dunning_record",
            Doc::NotificationInTime => "notification_in_time",
            Doc::InsolvencyOrLegal => "insolvency_or_legal",
        }
    }

    /// Its name.
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Doc::Contract => (
                "Contract or accepted order with the terms",
                "合同或已确认订单（含付款条件）",
            ),
            Doc::ProofOfDelivery => ("Proof of delivery", "交货证明"),
            Doc::Invoices => ("Invoices", "发票"),
            Doc::DunningRecord => ("Dunning record", "催收记录"),
            Doc::NotificationInTime => ("Overdue notification sent in time", "按时逾期申报"),
            Doc::InsolvencyOrLegal => ("Insolvency or legal papers", "破产或法律文书"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Where a paper stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocState {
    /// In hand.
    Have,
    /// Missing.
    Missing,
    /// Not needed for this claim.
    NotNeeded,
}

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadinessItem {
    /// The paper.
    pub doc: Doc,
    /// Where it stands.
    pub state: DocState,
    /// Why, in English.
    pub why: String,
    /// Why, in Chinese.
    pub why_zh: String,
}

/// A buyer's claim readiness.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// The buyer.
    pub customer_id: String,
    /// The checklist.
    pub items: Vec<ReadinessItem>,
    /// How many are missing.
    pub missing: usize,
    /// Nothing missing.
    pub ready: bool,
}

/// A buyer's claim readiness checklist: what the user ticked (contract,
/// proof of delivery, dunning record, insolvency or legal papers), what the
/// ledger shows (invoices), what the app knows (a dunning log for the
/// buyer), and the notifications against their deadlines.
#[allow(clippy::too_many_arguments)]
pub fn readiness(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    customer_id: &str,
    docs: &BTreeSet<Doc>,
    dunning_logged: bool,
    notified: &[Notification],
    legal_event: bool,
) -> Result<Readiness, InsuranceError> {
    let c = p
        .customer(customer_id)
        .ok_or_else(|| InsuranceError::UnknownBuyer(customer_id.to_string()))?;
    let open: Vec<&Invoice> = p
        .invoices
        .iter()
        .filter(|i| i.customer_id == c.id && i.open_as_of(as_of) > Decimal::ZERO)
        .collect();
    let s = |have: bool| {
        if have {
            DocState::Have
        } else {
            DocState::Missing
        }
    };
    let ticked = |d: Doc| docs.contains(&d);
    let mut items = Vec::new();
    let mut push = |doc, state, why: &str, why_zh: &str| {
        items.push(ReadinessItem {
            doc,
            state,
            why: why.to_string(),
            why_zh: why_zh.to_string(),
        })
    };
    push(
        Doc::Contract,
        s(ticked(Doc::Contract)),
        "Ticked when you have it.",
        "具备时请勾选。",
    );
    push(
        Doc::ProofOfDelivery,
        s(ticked(Doc::ProofOfDelivery)),
        "Ticked when you have it.",
        "具备时请勾选。",
    );
    push(
        Doc::Invoices,
        s(!open.is_empty()),
        "From the ledger: the buyer's unpaid invoices.",
        "来自账簿：该买方的未付发票。",
    );
    push(
        Doc::DunningRecord,
        s(dunning_logged || ticked(Doc::DunningRecord)),
        "From the dunning log, or ticked.",
        "来自催收记录，或手动勾选。",
    );
    let past_mep: Vec<&&Invoice> = open
        .iter()
        .filter(|i| add_days(i.due_date, policy.mep_days) < as_of)
        .collect();
    let notif = if past_mep.is_empty() {
        DocState::NotNeeded
    } else {
        s(past_mep.iter().all(|i| {
            let by = add_days(i.due_date, policy.mep_days + policy.notification_days);
            notified_on(notified, i).is_some_and(|d| d <= by)
        }))
    };
    push(
        Doc::NotificationInTime,
        notif,
        "Every invoice past its extension period notified by its deadline.",
        "每张超过延展期的发票均已在期限内申报。",
    );
    push(
        Doc::InsolvencyOrLegal,
        if legal_event {
            s(ticked(Doc::InsolvencyOrLegal))
        } else {
            DocState::NotNeeded
        },
        "Needed for an insolvency or a legal action.",
        "破产或诉讼时需要。",
    );
    let missing = items
        .iter()
        .filter(|x| x.state == DocState::Missing)
        .count();
    Ok(Readiness {
        customer_id: c.id.clone(),
        items,
        missing,
        ready: missing == 0,
    })
}

/// Whether the cover pays for itself on expected loss.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The loss it takes off is at least the premium.
    PaysForItself,
    /// At least 75 % of the premium.
    Borderline,
    /// Less.
    DoesNotPay,
}

/// Premium against expected loss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorthIt {
    /// The base currency.
    pub currency: Currency,
    /// The premium a year.
    pub premium: Decimal,
    /// The insured turnover it is computed on.
    pub insured_turnover: Decimal,
    /// Open without VAT.
    pub exposure: Decimal,
    /// Expected loss without a policy.
    pub expected_loss_without: Decimal,
    /// Expected loss the policyholder still bears with it.
    pub expected_loss_with: Decimal,
    /// without − with.
    pub saving: Decimal,
    /// saving − premium.
    pub net: Decimal,
    /// The premium rate at which saving = premium.
    pub break_even_rate: Decimal,
    /// The verdict.
    pub verdict: Verdict,
}

/// PD by grade 1–10: the midpoint of the default scorecard's bands.
pub fn pd_by_grade() -> [Decimal; 11] {
    let mut t = [Decimal::ZERO; 11];
    for b in Scorecard::default().pd_table {
        if let Some(x) = t.get_mut(usize::from(b.grade)) {
            *x = (b.pd_low + b.pd_high) / Decimal::TWO;
        }
    }
    t
}

/// The grade a buyer not assessed counts at ([`crate::rating`]).
pub const DEFAULT_GRADE: u8 = crate::rating::NEUTRAL_GRADE;

/// Whether the policy pays for itself on expected loss.
pub fn worth_it(
    p: &Portfolio,
    as_of: NaiveDate,
    policy: &Policy,
    grades: &HashMap<String, u8>,
) -> Result<WorthIt, InsuranceError> {
    let c = cover(p, as_of, policy, &[])?;
    let pd = pd_by_grade();
    let (mut without, mut insured_el, mut uninsured_el) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for b in &c.buyers {
        let g = grades
            .get(&b.customer_id)
            .copied()
            .unwrap_or(DEFAULT_GRADE)
            .clamp(1, 10);
        let k = pd[usize::from(g)] * policy.lgd;
        without += k * b.open;
        insured_el += k * b.insured;
        uninsured_el += k * b.uninsured;
    }
    let kept = insured_el * (Decimal::ONE - policy.indemnity_pct)
        + policy
            .aggregate_first_loss
            .min(insured_el * policy.indemnity_pct);
    let with = uninsured_el + kept;
    let turnover = match policy.insured_turnover {
        Some(t) => t,
        None => {
            let from = add_days(as_of, -364);
            let index = p.customer_index();
            let mut t = Decimal::ZERO;
            for inv in &p.invoices {
                if inv.issue_date < from || inv.issue_date > as_of {
                    continue;
                }
                let insured = index
                    .get(inv.customer_id.as_str())
                    .is_some_and(|k| policy.insured_limit(&p.customers[*k]) > Decimal::ZERO);
                if insured {
                    let net = inv.gross - inv.vat.unwrap_or(Decimal::ZERO);
                    t += net * p.fx.rate(inv.currency, as_of)?;
                }
            }
            t
        }
    };
    let premium = (policy.premium_rate * turnover).max(policy.minimum_premium);
    let saving = without - with;
    let break_even_rate = if turnover.is_zero() {
        Decimal::ZERO
    } else {
        saving / turnover
    };
    let verdict = if saving >= premium {
        Verdict::PaysForItself
    } else if saving * Decimal::from(4) >= premium * Decimal::from(3) {
        Verdict::Borderline
    } else {
        Verdict::DoesNotPay
    };
    Ok(WorthIt {
        currency: c.currency,
        premium,
        insured_turnover: turnover,
        exposure: c.total_open,
        expected_loss_without: without,
        expected_loss_with: with,
        saving,
        net: saving - premium,
        break_even_rate,
        verdict,
    })
}

/// The verdict in plain words, with the figures.
pub fn verdict_text(w: &WorthIt, lang: Lang) -> String {
    let m = |x: Decimal| format!("{} {}", w.currency, format_amount(x, w.currency));
    let rate = |x: Decimal| format!("{} %", (x * Decimal::ONE_HUNDRED).round_dp(3).normalize());
    match w.verdict {
        Verdict::PaysForItself => pick(
            lang,
            format!("The policy pays for itself: it takes {} of expected loss off you a year for a premium of {}.", m(w.saving), m(w.premium)),
            format!("保单物有所值：每年为您转移 {} 的预期损失，保费为 {}。", m(w.saving), m(w.premium)),
        ),
        Verdict::Borderline => pick(
            lang,
            format!("Borderline: it takes {} of expected loss off you for a premium of {}; it pays at a premium rate of {} or less, or if your buyers are riskier than their grades say.", m(w.saving), m(w.premium), rate(w.break_even_rate)),
            format!("勉强持平：转移 {} 的预期损失，保费 {}；费率不高于 {}，或买方风险高于评级时才划算。", m(w.saving), m(w.premium), rate(w.break_even_rate)),
        ),
        Verdict::DoesNotPay => pick(
            lang,
            format!("On expected loss alone it does not pay: {} taken off against a premium of {}; it would at a premium rate of {}. Buy it for the limits, the monitoring or the financing, or cover only the largest buyers.", m(w.saving), m(w.premium), rate(w.break_even_rate)),
            format!("仅按预期损失看并不划算：转移 {}，保费 {}；费率为 {} 时持平。可为限额审批、监控或融资而投保，或只为最大的买方投保。", m(w.saving), m(w.premium), rate(w.break_even_rate)),
        ),
    }
}
