//! A claim: the waterfall from unpaid to indemnity, a simulated claim
//! on a buyer, and the papers it needs.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cover::{add_days, notified_on, open_net, outside_reason};
use super::{InsuranceError, Lang, Notification, OutsideInvoice, Policy};
use crate::invoice::Invoice;
use crate::money::Currency;
use crate::portfolio::Portfolio;

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
///
/// # Example
///
/// ```
/// use credit_core::insurance::{waterfall, WaterfallIn};
/// use credit_core::Decimal;
/// // 50,000 unpaid, limit 40,000, recoveries 5,000 → eligible 35,000;
/// // 20,000 of aggregate first loss left → 15,000 × 90 % = 13,500.
/// let o = waterfall(&WaterfallIn {
///     unpaid_net: Decimal::from(50_000),
///     insured_limit: Decimal::from(40_000),
///     recoveries: Decimal::from(5_000),
///     nql: Decimal::from(1_000),
///     afl_left: Decimal::from(20_000),
///     pct: Decimal::new(90, 2),
///     liability_left: None,
/// });
/// assert_eq!((o.eligible, o.indemnity), (Decimal::from(35_000), Decimal::from(13_500)));
/// ```
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
///
/// # Errors
///
/// [`InsuranceError::Policy`] when the policy has bad terms,
/// [`InsuranceError::UnknownBuyer`] for a buyer not in the portfolio,
/// [`InsuranceError::Money`] when a currency has no rate on `as_of`.
///
/// # Example
///
/// ```
/// use credit_core::insurance::{simulate_claim, ClaimInput, DefaultEvent, Policy};
/// use credit_core::customer::Customer;
/// use credit_core::invoice::Invoice;
/// use credit_core::money::Currency;
/// use credit_core::portfolio::Portfolio;
/// use credit_core::{Decimal, NaiveDate};
///
/// // One buyer insured up to 40,000 owes 113,000 with 13,000 VAT, due 31 January.
/// let mut p = Portfolio::new("demo", Currency::CNY);
/// let mut c = Customer::new("C1", "Buyer".to_string());
/// c.insured_limit = Some(Decimal::from(40_000));
/// p.customers.push(c);
/// let due = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
/// p.invoices.push(Invoice {
///     kind: Default::default(),
///     id: "A".into(),
///     customer_id: "C1".into(),
///     issue_date: due - credit_core::Days::new(60),
///     due_date: due,
///     currency: Currency::CNY,
///     gross: Decimal::from(113_000),
///     vat: Some(Decimal::from(13_000)),
///     payments: Vec::new(),
///     dispute: None,
/// });
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
/// let input = ClaimInput {
///     customer_id: "C1".into(),
///     event: DefaultEvent::Insolvency,
///     date: as_of,
///     recoveries: Decimal::from(2_000),
///     losses_this_year: Decimal::ZERO,
///     paid_this_year: Decimal::ZERO,
/// };
/// let c = simulate_claim(&p, as_of, &Policy::default(), &[], &input).unwrap();
/// // min(100,000, 40,000) − 2,000 = 38,000 × 90 % = 34,200.
/// assert_eq!(c.indemnity, Decimal::from(34_200));
/// let unknown = ClaimInput { customer_id: "C9".into(), ..input };
/// assert!(simulate_claim(&p, as_of, &Policy::default(), &[], &unknown).is_err());
/// ```
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
///
/// # Errors
///
/// [`InsuranceError::UnknownBuyer`] for a buyer not in the portfolio.
///
/// # Example
///
/// ```
/// use std::collections::BTreeSet;
/// use credit_core::insurance::{readiness, Policy};
/// use credit_core::customer::Customer;
/// use credit_core::invoice::Invoice;
/// use credit_core::money::Currency;
/// use credit_core::portfolio::Portfolio;
/// use credit_core::{Decimal, NaiveDate};
///
/// // One buyer insured up to 40,000 owes 113,000 with 13,000 VAT, due 31 January.
/// let mut p = Portfolio::new("demo", Currency::CNY);
/// let mut c = Customer::new("C1", "Buyer".to_string());
/// c.insured_limit = Some(Decimal::from(40_000));
/// p.customers.push(c);
/// let due = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
/// p.invoices.push(Invoice {
///     kind: Default::default(),
///     id: "A".into(),
///     customer_id: "C1".into(),
///     issue_date: due - credit_core::Days::new(60),
///     due_date: due,
///     currency: Currency::CNY,
///     gross: Decimal::from(113_000),
///     vat: Some(Decimal::from(13_000)),
///     payments: Vec::new(),
///     dispute: None,
/// });
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
/// let r = readiness(&p, as_of, &Policy::default(), "C1", &BTreeSet::new(), false, &[], false)
///     .unwrap();
/// // Contract, proof of delivery and dunning record are missing.
/// assert_eq!((r.missing, r.ready), (3, false));
/// ```
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
