//! The credit limit (domain brief, "Credit limit"): every method that has
//! its inputs, the recommended limit with the rule that set it, a review
//! date, and the utilisation of the current exposure.
//!
//! Methods (each shown as a [`MethodFigure`]):
//! - **Net worth** = 10 % × (book equity − intangible assets; no intangibles
//!   given counts as 0);
//! - **Working capital** = 20 % × (current assets − current liabilities);
//! - **Needs** = expected annual purchases ÷ 365 × (terms days + average
//!   payment delay; no delay known counts as 0, a negative one too): the
//!   peak exposure the trade itself creates — an upper bound, never part of
//!   the median;
//! - **Trade references** = the median of the limits other suppliers grant;
//! - **Insured** = the insurer's limit, listed as a figure but never part of
//!   the median: it is a cap when the policy says only insured exposure may
//!   be granted.
//!
//! **Recommended** = the lower of the **need** (the Needs figure: a limit
//! above it adds exposure without adding sales) and the **capacity** (the
//! median of the net worth, working capital and trade references figures
//! that have inputs × grade factor ([`grade_factor`]: 1–3: 1.0, 4–6: 0.75,
//! 7–8: 0.4, 9–10: 0) × (1 + history adjustment)), then capped at the
//! insured limit when only insured exposure may be granted, then rounded
//! down to two significant figures ([`round_down_2sf`]). Without expected
//! purchases the capacity alone sets it ([`LimitRule::CapacityOnly`]).
//!
//! Choices where the brief is silent:
//! - a negative base (negative tangible net worth or working capital, a
//!   negative reference) gives 0 for that method rather than dropping it;
//! - the median of an even count is the mean of the two middle figures;
//! - no capacity method with its inputs (net worth, working capital, trade
//!   references) gives 0 ([`LimitRule::NoMethod`]), whatever the need: the
//!   need says how much credit the trade uses, not how much the buyer can
//!   carry;
//! - a need equal to the capacity leaves the capacity's rule; a need of 0
//!   (purchases on terms of 0 days with no delay) gives 0, set by the need;
//! - **history adjustment**: only with a payment history; worst delay in
//!   12 months ≤ 30 days: +10 %; over 60 days: −25 %; 31–60 days or no
//!   delay figure: 0;
//! - `insured_only` without an insured limit caps at 0: nothing is insured;
//! - grades outside 1–10 are read as the nearest (0 as 1, 11+ as 10);
//! - the rule reported ([`LimitRule`]) is the last step that changed the
//!   figure, in this precedence: no credit (grade 9–10), no capacity
//!   method, insured cap, the need (below the capacity), no expected
//!   purchases (capacity alone), history bonus or penalty, grade factor,
//!   median.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::assessment::{AssessmentInput, Financials};

/// What the limit methods take.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitInput {
    /// The buyer's financial statements.
    pub financials: Financials,
    /// What the buyer is expected to buy from us in a year.
    pub expected_annual_purchases: Option<Decimal>,
    /// Payment terms, in days.
    pub terms_days: u32,
    /// The buyer's average payment delay, in days.
    pub avg_payment_delay_days: Option<Decimal>,
    /// Limits other suppliers grant (trade references).
    pub trade_references: Vec<Decimal>,
    /// The insurer's limit for this buyer.
    pub insured_limit: Option<Decimal>,
    /// Policy: only insured exposure may be granted (the insured limit caps).
    pub insured_only: bool,
    /// Worst days late in the last 12 months.
    pub worst_delay_12m: Option<u32>,
    /// Whether the buyer has a payment history.
    pub has_history: bool,
}

impl LimitInput {
    /// These limit inputs completed with the buyer's own figures from its
    /// assessment input: the financial statements and the payment behaviour
    /// (average and worst delay, whether it has a history). What the user
    /// gives — purchases, terms, references, insurance — stays as set.
    ///
    /// # Example
    /// ```
    /// use credit_core::assessment::AssessmentInput;
    /// use credit_core::limit::LimitInput;
    /// let mut a = AssessmentInput::default();
    /// a.behaviour.has_history = true;
    /// let l = LimitInput { terms_days: 60, ..LimitInput::default() }.with_buyer(&a);
    /// assert!(l.has_history && l.terms_days == 60);
    /// ```
    pub fn with_buyer(self, input: &AssessmentInput) -> Self {
        LimitInput {
            financials: input.financials.clone(),
            avg_payment_delay_days: input.behaviour.avg_delay_days,
            worst_delay_12m: input.behaviour.worst_delay_days,
            has_history: input.behaviour.has_history,
            ..self
        }
    }
}

/// A limit method.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum LimitMethod {
    /// 10 % of tangible net worth.
    NetWorth,
    /// 20 % of net working capital.
    WorkingCapital,
    /// Purchases ÷ 365 × (terms + delay).
    Needs,
    /// Median of trade references.
    TradeReferences,
    /// The insurer's limit.
    Insured,
}

/// One method's figure.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MethodFigure {
    /// Which method.
    pub method: LimitMethod,
    /// Its figure (never negative).
    pub amount: Decimal,
}

/// The rule that set the recommended figure.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum LimitRule {
    /// The median of the methods, unchanged.
    Median,
    /// The median scaled by the grade factor.
    GradeFactor,
    /// Raised 10 % for a clean payment history.
    HistoryBonus,
    /// Cut 25 % for a payment over 60 days late.
    HistoryPenalty,
    /// The buyer's need (expected purchases ÷ 365 × (terms + delay)),
    /// lower than its capacity.
    Need,
    /// No expected purchases: the capacity alone set it.
    CapacityOnly,
    /// Capped at the insured limit.
    InsuredCap,
    /// Grade 9–10: no credit.
    NoCredit,
    /// No capacity method (net worth, working capital, trade references)
    /// had its inputs.
    NoMethod,
}

/// A recommended limit and how it was reached.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct LimitRecommendation {
    /// Every method that had its inputs (the insured limit included).
    pub methods: Vec<MethodFigure>,
    /// Median of the capacity methods: net worth, working capital, trade
    /// references (neither the need nor the insured limit).
    pub median: Option<Decimal>,
    /// The grade's factor (1.0, 0.75, 0.4 or 0).
    pub grade_factor: Decimal,
    /// +0.10, −0.25 or 0.
    pub history_adjustment: Decimal,
    /// The capacity: median × grade factor × (1 + history adjustment),
    /// before the cap and the rounding.
    #[serde(default)]
    pub capacity: Option<Decimal>,
    /// The need (the Needs figure), when purchases are expected.
    #[serde(default)]
    pub need: Option<Decimal>,
    /// The cap, when one applies.
    pub cap: Option<Decimal>,
    /// The recommended limit, rounded down to two significant figures.
    pub recommended: Decimal,
    /// The rule that set it.
    pub set_by: LimitRule,
    /// When to review it.
    pub review_date: NaiveDate,
}

/// The median; the mean of the two middle figures for an even count.
///
/// # Example
/// ```
/// use credit_core::limit::median;
/// use credit_core::Decimal;
/// let d = |n: i64| Decimal::from(n);
/// assert_eq!(median(&[d(3), d(1), d(2)]), Some(d(2)));
/// assert_eq!(median(&[d(4), d(1), d(2), d(3)]), Some(Decimal::new(25, 1)));
/// assert_eq!(median(&[]), None);
/// ```
pub fn median(xs: &[Decimal]) -> Option<Decimal> {
    let mut v = xs.to_vec();
    crate::sorting::sort_by(&mut v, |a, b| a.cmp(b));
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        // (a + b) / 2 as a/2 + b/2: no overflow near Decimal::MAX.
        _ => Some(v[n / 2 - 1] / Decimal::TWO + v[n / 2] / Decimal::TWO),
    }
}

/// The grade factor: 1–3: 1.0, 4–6: 0.75, 7–8: 0.4, 9–10: 0.
///
/// # Example
/// ```
/// use credit_core::limit::grade_factor;
/// assert_eq!(grade_factor(5).to_string(), "0.75");
/// assert!(grade_factor(9).is_zero());
/// ```
pub fn grade_factor(grade: u8) -> Decimal {
    match grade {
        0..=3 => Decimal::ONE,
        4..=6 => Decimal::new(75, 2),
        7..=8 => Decimal::new(4, 1),
        _ => Decimal::ZERO,
    }
}

/// Months until the limit's review: 12 (grade 1–3), 6 (4–6), 3 (7+).
pub fn review_months(grade: u8) -> u32 {
    match grade {
        0..=3 => 12,
        4..=6 => 6,
        _ => 3,
    }
}

/// Rounds down (toward zero) to two significant figures.
///
/// # Example
/// ```
/// use credit_core::limit::round_down_2sf;
/// use credit_core::Decimal;
/// assert_eq!(round_down_2sf(Decimal::from(123_456)), Decimal::from(120_000));
/// assert_eq!(round_down_2sf(Decimal::from(99)), Decimal::from(99));
/// assert_eq!(round_down_2sf(Decimal::new(3287671, 2)), Decimal::from(32_000));
/// assert_eq!(round_down_2sf(Decimal::ZERO), Decimal::ZERO);
/// ```
pub fn round_down_2sf(x: Decimal) -> Decimal {
    let n = x.normalize();
    let m = n.mantissa();
    let digits = m.unsigned_abs().checked_ilog10().map_or(1, |l| l + 1);
    if digits <= 2 {
        return n;
    }
    let unit = 10i128.pow(digits - 2);
    Decimal::from_i128_with_scale(m / unit * unit, n.scale()).normalize()
}

/// Utilisation = net exposure ÷ limit; `None` for a zero (or negative)
/// limit. A buyer in net credit (exposure ≤ 0) uses none of its limit.
///
/// # Example
/// ```
/// use credit_core::limit::utilisation;
/// use credit_core::Decimal;
/// assert_eq!(utilisation(Decimal::from(90), Decimal::from(120)), Some(Decimal::new(75, 2)));
/// assert_eq!(utilisation(Decimal::from(90), Decimal::ZERO), None);
/// assert_eq!(utilisation(Decimal::from(-1250), Decimal::from(1000)), Some(Decimal::ZERO));
/// ```
pub fn utilisation(exposure: Decimal, limit: Decimal) -> Option<Decimal> {
    if limit <= Decimal::ZERO {
        None
    } else {
        exposure.max(Decimal::ZERO).checked_div(limit)
    }
}

/// Whether the exposure blocks new credit: over 100 % of the limit, or any
/// exposure on a zero limit.
///
/// # Example
/// ```
/// use credit_core::limit::blocks_new_credit;
/// use credit_core::Decimal;
/// let d = |n: i64| Decimal::from(n);
/// assert!(!blocks_new_credit(d(100), d(100)));
/// assert!(blocks_new_credit(d(101), d(100)));
/// assert!(blocks_new_credit(d(1), d(0)));
/// assert!(!blocks_new_credit(d(0), d(0)));
/// ```
pub fn blocks_new_credit(exposure: Decimal, limit: Decimal) -> bool {
    exposure > limit.max(Decimal::ZERO)
}

/// Where a buyer's exposure stands against its credit limit, as the limit
/// check shown beside a buyer reads it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LimitStatus {
    /// No credit limit is set.
    NoLimit,
    /// Over the limit ([`blocks_new_credit`]); the utilisation is `None`
    /// for a zero (or negative) limit.
    Over {
        /// Exposure ÷ limit.
        utilisation: Option<Decimal>,
    },
    /// Within the limit, at or above the threshold that warns.
    NearlyUsed {
        /// Exposure ÷ limit.
        utilisation: Decimal,
    },
    /// Within the limit, under the threshold (`None` for a zero limit with
    /// nothing owed on it).
    Within {
        /// Exposure ÷ limit.
        utilisation: Option<Decimal>,
    },
}

/// The limit check of a buyer: over the limit when the exposure is above
/// it, else nearly used when [`utilisation`] is at or above `nearly` (the
/// portfolio's utilisation threshold, a fraction:
/// `credit_core::monitor::MonitorSettings::utilisation`, 0.90 by default,
/// as the utilisation alert uses), else within it.
///
/// # Example
/// ```
/// use credit_core::limit::{limit_status, LimitStatus};
/// use credit_core::Decimal;
/// let (d, nearly) = (|n: i64| Decimal::from(n), Decimal::new(90, 2));
/// assert_eq!(limit_status(d(90), None, nearly), LimitStatus::NoLimit);
/// assert_eq!(limit_status(d(72), Some(d(100)), nearly),
///     LimitStatus::Within { utilisation: Some(Decimal::new(72, 2)) });
/// assert_eq!(limit_status(d(90), Some(d(100)), nearly),
///     LimitStatus::NearlyUsed { utilisation: Decimal::new(9, 1) });
/// assert_eq!(limit_status(d(90), Some(d(100)), Decimal::new(95, 2)),
///     LimitStatus::Within { utilisation: Some(Decimal::new(9, 1)) });
/// assert_eq!(limit_status(d(120), Some(d(100)), nearly),
///     LimitStatus::Over { utilisation: Some(Decimal::new(12, 1)) });
/// ```
pub fn limit_status(exposure: Decimal, limit: Option<Decimal>, nearly: Decimal) -> LimitStatus {
    let Some(limit) = limit else {
        return LimitStatus::NoLimit;
    };
    let u = utilisation(exposure, limit);
    if blocks_new_credit(exposure, limit) {
        return LimitStatus::Over { utilisation: u };
    }
    match u {
        Some(u) if u >= nearly => LimitStatus::NearlyUsed { utilisation: u },
        _ => LimitStatus::Within { utilisation: u },
    }
}

/// Every method's figure that has its inputs (see the module docs).
///
/// # Example
/// ```
/// use credit_core::limit::{method_figures, LimitInput, LimitMethod};
/// use credit_core::Decimal;
/// let mut i = LimitInput::default();
/// i.financials.book_equity = Some(Decimal::from(5_000_000));
/// i.financials.intangible_assets = Some(Decimal::from(1_000_000));
/// let m = method_figures(&i);
/// assert_eq!(m.len(), 1);
/// assert_eq!((m[0].method, m[0].amount), (LimitMethod::NetWorth, Decimal::from(400_000)));
/// ```
pub fn method_figures(input: &LimitInput) -> Vec<MethodFigure> {
    let f = &input.financials;
    let pos = |x: Decimal| x.max(Decimal::ZERO);
    let mut out = Vec::new();
    let mut push = |method, amount: Option<Decimal>| {
        if let Some(amount) = amount {
            out.push(MethodFigure {
                method,
                amount: pos(amount).normalize(),
            });
        }
    };
    push(
        LimitMethod::NetWorth,
        f.book_equity.and_then(|e| {
            e.checked_sub(f.intangible_assets.unwrap_or_default())
                .and_then(|t| pos(t).checked_mul(Decimal::new(1, 1)))
        }),
    );
    push(
        LimitMethod::WorkingCapital,
        f.current_assets
            .zip(f.current_liabilities)
            .and_then(|(ca, cl)| ca.checked_sub(cl))
            .and_then(|w| pos(w).checked_mul(Decimal::new(2, 1))),
    );
    push(
        LimitMethod::Needs,
        input.expected_annual_purchases.and_then(|p| {
            let days = Decimal::from(input.terms_days)
                .checked_add(pos(input.avg_payment_delay_days.unwrap_or_default()))?;
            (pos(p) / Decimal::from(365)).checked_mul(days)
        }),
    );
    let refs: Vec<Decimal> = input.trade_references.iter().map(|&r| pos(r)).collect();
    push(LimitMethod::TradeReferences, median(&refs));
    push(LimitMethod::Insured, input.insured_limit);
    out
}

/// The recommended limit for a buyer of a grade, as of a date (see the
/// module docs for every rule).
///
/// # Example
/// Net worth 10 % × (5,000,000 − 1,000,000) = 400,000; working capital
/// 20 % × (3,000,000 − 1,500,000) = 300,000: median 350,000; grade 2 keeps
/// it whole; worst delay 20 days adds 10 %: capacity 385,000. The need,
/// 2,400,000 ÷ 365 × 60 = 394,520.55, is above it: 385,000, rounded down
/// 380,000. Expecting half the purchases, the need 197,260.27 sets it:
/// 190,000.
/// ```
/// use credit_core::limit::{recommend_limit, LimitInput, LimitRule};
/// use credit_core::{Decimal, NaiveDate};
/// let d = |n: i64| Some(Decimal::from(n));
/// let mut i = LimitInput { has_history: true, worst_delay_12m: Some(20), ..LimitInput::default() };
/// i.financials.book_equity = d(5_000_000);
/// i.financials.intangible_assets = d(1_000_000);
/// i.financials.current_assets = d(3_000_000);
/// i.financials.current_liabilities = d(1_500_000);
/// i.expected_annual_purchases = d(2_400_000);
/// i.terms_days = 60;
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let r = recommend_limit(&i, 2, as_of);
/// assert_eq!(r.median, d(350_000));
/// assert_eq!(r.capacity, d(385_000));
/// assert_eq!(r.recommended, Decimal::from(380_000));
/// assert_eq!(r.set_by, LimitRule::HistoryBonus);
/// assert_eq!(r.review_date, NaiveDate::from_ymd_opt(2027, 6, 30).unwrap());
/// i.expected_annual_purchases = d(1_200_000);
/// let r = recommend_limit(&i, 2, as_of);
/// assert_eq!((r.recommended, r.set_by), (Decimal::from(190_000), LimitRule::Need));
/// ```
pub fn recommend_limit(input: &LimitInput, grade: u8, as_of: NaiveDate) -> LimitRecommendation {
    let methods = method_figures(input);
    let basis: Vec<Decimal> = methods
        .iter()
        .filter(|m| {
            matches!(
                m.method,
                LimitMethod::NetWorth | LimitMethod::WorkingCapital | LimitMethod::TradeReferences
            )
        })
        .map(|m| m.amount)
        .collect();
    let need = methods
        .iter()
        .find(|m| m.method == LimitMethod::Needs)
        .map(|m| m.amount);
    let median = median(&basis).map(|m| m.normalize());
    let factor = grade_factor(grade);
    let history_adjustment = match (input.has_history, input.worst_delay_12m) {
        (true, Some(w)) if w <= 30 => Decimal::new(10, 2),
        (true, Some(w)) if w > 60 => Decimal::new(-25, 2),
        _ => Decimal::ZERO,
    };
    let capacity = median.map(|m| {
        (m * factor)
            .checked_mul(Decimal::ONE + history_adjustment)
            .unwrap_or(Decimal::MAX)
            .normalize()
    });
    let cap = input
        .insured_only
        .then(|| input.insured_limit.unwrap_or_default().max(Decimal::ZERO));
    let (recommended, set_by) = match capacity {
        _ if factor.is_zero() => (Decimal::ZERO, LimitRule::NoCredit),
        None => (Decimal::ZERO, LimitRule::NoMethod),
        Some(c) => {
            let capacity_rule = if history_adjustment > Decimal::ZERO {
                LimitRule::HistoryBonus
            } else if history_adjustment < Decimal::ZERO {
                LimitRule::HistoryPenalty
            } else if factor != Decimal::ONE {
                LimitRule::GradeFactor
            } else {
                LimitRule::Median
            };
            let (lower, rule) = match need {
                Some(n) if n < c => (n, LimitRule::Need),
                Some(_) => (c, capacity_rule),
                None => (c, LimitRule::CapacityOnly),
            };
            match cap {
                Some(x) if x < lower => (x, LimitRule::InsuredCap),
                _ => (lower, rule),
            }
        }
    };
    LimitRecommendation {
        methods,
        median,
        grade_factor: factor,
        history_adjustment,
        capacity,
        need,
        cap,
        recommended: round_down_2sf(recommended),
        set_by,
        review_date: as_of
            .checked_add_months(Months::new(review_months(grade)))
            .unwrap_or(NaiveDate::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn negative_bases_give_zero_figures() {
        let mut i = LimitInput::default();
        i.financials.book_equity = Some(Decimal::from(-100));
        i.financials.current_assets = Some(Decimal::from(100));
        i.financials.current_liabilities = Some(Decimal::from(300));
        i.trade_references = vec![Decimal::from(-5)];
        let m = method_figures(&i);
        assert_eq!(m.len(), 3);
        assert!(m.iter().all(|m| m.amount.is_zero()));
        let r = recommend_limit(&i, 1, d("2026-01-31"));
        assert_eq!(
            (r.recommended, r.set_by),
            (Decimal::ZERO, LimitRule::CapacityOnly)
        );
    }

    #[test]
    fn review_dates_follow_the_grade() {
        let i = LimitInput::default();
        let as_of = d("2026-08-31");
        assert_eq!(recommend_limit(&i, 3, as_of).review_date, d("2027-08-31"));
        assert_eq!(recommend_limit(&i, 4, as_of).review_date, d("2027-02-28"));
        assert_eq!(recommend_limit(&i, 7, as_of).review_date, d("2026-11-30"));
        assert_eq!(recommend_limit(&i, 10, as_of).review_date, d("2026-11-30"));
    }

    #[test]
    fn insured_only_without_insured_limit_caps_at_zero() {
        let i = LimitInput {
            trade_references: vec![Decimal::from(50_000)],
            insured_only: true,
            ..LimitInput::default()
        };
        let r = recommend_limit(&i, 1, d("2026-06-30"));
        assert_eq!(r.cap, Some(Decimal::ZERO));
        assert_eq!(
            (r.recommended, r.set_by),
            (Decimal::ZERO, LimitRule::InsuredCap)
        );
    }

    #[test]
    fn rounding_small_and_fractional() {
        let dec = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(round_down_2sf(dec("0.012345")), dec("0.012"));
        assert_eq!(round_down_2sf(dec("1999.99")), dec("1900"));
        assert_eq!(round_down_2sf(dec("-123456")), dec("-120000"));
        assert_eq!(
            round_down_2sf(Decimal::MAX),
            dec("79000000000000000000000000000")
        );
    }

    fn inputs() -> impl Strategy<Value = (LimitInput, u8)> {
        let amt = || proptest::option::of(-1_000_000_000i64..1_000_000_000);
        (
            (amt(), amt(), amt(), amt(), amt()),
            (amt(), 0u32..180, proptest::option::of(0i64..200)),
            proptest::collection::vec(0i64..10_000_000, 0..4),
            (
                amt(),
                any::<bool>(),
                proptest::option::of(0u32..400),
                any::<bool>(),
            ),
            0u8..=11,
        )
            .prop_map(
                |((be, ia, ca, cl, p), (_, t, delay), refs, (ins, only, worst, hist), g)| {
                    let dm = |x: Option<i64>| x.map(Decimal::from);
                    let mut i = LimitInput {
                        expected_annual_purchases: dm(p),
                        terms_days: t,
                        avg_payment_delay_days: dm(delay),
                        trade_references: refs.into_iter().map(Decimal::from).collect(),
                        insured_limit: dm(ins),
                        insured_only: only,
                        worst_delay_12m: worst,
                        has_history: hist,
                        ..LimitInput::default()
                    };
                    i.financials.book_equity = dm(be);
                    i.financials.intangible_assets = dm(ia);
                    i.financials.current_assets = dm(ca);
                    i.financials.current_liabilities = dm(cl);
                    (i, g)
                },
            )
    }

    proptest! {
        #[test]
        fn limit_is_never_negative_and_respects_cap_and_grade((i, g) in inputs()) {
            let r = recommend_limit(&i, g, d("2026-06-30"));
            prop_assert!(r.recommended >= Decimal::ZERO);
            prop_assert!(r.methods.iter().all(|m| m.amount >= Decimal::ZERO));
            if let Some(c) = r.cap {
                prop_assert!(r.recommended <= c);
            }
            if g >= 9 {
                prop_assert!(r.recommended.is_zero());
                prop_assert_eq!(r.set_by, LimitRule::NoCredit);
            }
            if let Some(m) = r.median {
                // Never above the median with the bonus.
                prop_assert!(r.recommended <= m * Decimal::new(11, 1));
            }
            // Never above the need, nor the capacity; nothing without a
            // capacity method.
            if let Some(n) = r.need {
                prop_assert!(r.recommended <= n);
            }
            match r.capacity {
                Some(c) => prop_assert!(r.recommended <= c),
                None => prop_assert!(r.recommended.is_zero()),
            }
            if i.expected_annual_purchases.is_none() && !matches!(
                r.set_by,
                LimitRule::NoCredit | LimitRule::NoMethod | LimitRule::InsuredCap
            ) {
                prop_assert_eq!(r.set_by, LimitRule::CapacityOnly);
            }
        }

        #[test]
        fn rounding_is_down_and_keeps_two_figures(x in 0i64..i64::MAX) {
            let x = Decimal::from(x);
            let r = round_down_2sf(x);
            prop_assert!(r <= x);
            prop_assert!(x - r < (r / Decimal::from(10)).max(Decimal::ONE) + Decimal::ONE);
        }
    }
}
