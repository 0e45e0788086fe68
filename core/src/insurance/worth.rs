//! Whether the premium pays for itself on expected loss.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cover::add_days;
use super::{cover, pick, InsuranceError, Lang, Policy};
use crate::assessment::Scorecard;
use crate::money::{format_amount, Currency};
use crate::portfolio::Portfolio;

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

/// PD by grade 1–10: the midpoint of the default scorecard's bands (index
/// 0 unused). The one table of PD by grade: the cash forecast and the
/// expected loss read it.
///
/// # Example
///
/// ```
/// use credit_core::insurance::pd_by_grade;
/// let pd = pd_by_grade();
/// assert!(pd[1] < pd[5] && pd[5] < pd[10]);
/// ```
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
///
/// # Errors
///
/// [`InsuranceError::Money`] when an invoice's currency has no rate on
/// `as_of`.
///
/// # Example
///
/// ```
/// use std::collections::HashMap;
/// use credit_core::insurance::{worth_it, Policy, Verdict};
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
/// let grades = HashMap::from([("C1".to_string(), 10u8)]);
/// let pol = Policy { insured_turnover: Some(Decimal::from(4_000_000)), ..Policy::default() };
/// let w = worth_it(&p, as_of, &pol, &grades).unwrap();
/// // 0.25 % of 4,000,000.
/// assert_eq!(w.premium, Decimal::from(10_000));
/// assert!(w.expected_loss_with < w.expected_loss_without);
/// ```
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
