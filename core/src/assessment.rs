//! Assessing a buyer (domain brief, "Assessing a buyer"): Altman Z-scores,
//! the usual ratios, and a scorecard that turns every available input into
//! a **grade from 1 (excellent) to 10 (in default)**, a probability-of-default
//! band, a confidence, and an explanation.
//!
//! Every input is optional. A missing input is never an error: its factor
//! gets weight 0, the others are reweighted to sum to 1, and the confidence
//! falls. Only impossible inputs (total assets ≤ 0, a risk class out of its
//! range, a share outside 0–1, a negative amount that cannot be negative)
//! are an [`AssessmentError`].
//!
//! # The scorecard
//!
//! Fifteen factors, each scored 0 (worst) to 100 (best) by a piecewise-linear
//! curve through the points below (flat beyond the first and last point).
//! The default weights ([`Scorecard::default`]) sum to 1:
//!
//! | group | factor | weight | input → score |
//! |---|---|---|---|
//! | financial (0.35) | [`FactorId::AltmanZ`] | 0.15 | chosen model's Z: distress threshold − 1 → 0, distress threshold → 30, safe threshold → 70, safe threshold + 1 → 100 |
//! | | [`FactorId::Liquidity`] | 0.07 | current ratio 0.5 → 0, 1.0 → 40, 1.5 → 70, 2.0 → 100 (no current liabilities → 100) |
//! | | [`FactorId::Leverage`] | 0.07 | debt to equity 0.5 → 100, 1 → 75, 2 → 40, 4 → 0; book equity ≤ 0 → 0 |
//! | | [`FactorId::Profitability`] | 0.06 | return on assets −5 % → 0, 0 → 30, 5 % → 70, 10 % → 100 |
//! | behaviour (0.30) | [`FactorId::PaymentDelay`] | 0.10 | average delay 0 → 100, 15 → 70, 30 → 40, 60 → 10, 90 days → 0 |
//! | | [`FactorId::LatePayments`] | 0.07 | share paid late 0 → 100, 25 % → 60, 50 % → 30, 100 % → 0 |
//! | | [`FactorId::WorstDelay`] | 0.08 | worst delay 0 → 100, 30 → 70, 60 → 30, 90 → 10, 180 days → 0 |
//! | | [`FactorId::DelayTrend`] | 0.05 | trend −10 → 100, 0 → 60, +10 → 30, +30 days → 0 |
//! | profile (0.12) | [`FactorId::YearsInBusiness`] | 0.06 | 0 → 0, 2 → 30, 5 → 60, 10 → 85, 20 years → 100 |
//! | | [`FactorId::CompanySize`] | 0.03 | micro 25, small 50, medium 75, large 100 |
//! | | [`FactorId::Registration`] | 0.03 | verified 100, not verified 0 |
//! | legal (0.10) | [`FactorId::CourtCases`] | 0.04 | 0 → 100, 1 → 60, 2 → 40, 3 → 25, 5 cases → 0 |
//! | | [`FactorId::Enforcement`] | 0.06 | none 100, any 0 |
//! | country / industry (0.13) | [`FactorId::IndustryRisk`] | 0.06 | class 1 → 100, 2 → 75, 3 → 50, 4 → 25, 5 → 0 |
//! | | [`FactorId::CountryRisk`] | 0.07 | class 1 → 100, 2 → 85, 3 → 70, 4 → 55, 5 → 40, 6 → 20, 7 → 0 |
//!
//! Sources of the thresholds: the Altman zones of the brief; the textbook
//! comfort levels of the ratios (current ratio 1.5–2, debt to equity ≤ 1);
//! the brief's own delay thresholds (30 and 60 days in the limit's history
//! adjustment, 180 days the protracted-default waiting period); the OECD
//! country risk classes. Courts and enforcement: an enforcement record
//! (被执行人) is an unpaid court judgment, so any one scores 0.
//!
//! **Total** = Σ effective weight × score, 0–100, rounded to 2 decimals.
//! Effective weight = base weight ÷ Σ base weights of the available factors.
//! **Confidence** = Σ base weights of the available factors ÷ Σ all base
//! weights (1 with every input, 0 with none). With no input at all the total
//! is the neutral 50.
//!
//! **Grade** from the total ([`GRADE_FLOORS`]): ≥ 85 → 1, ≥ 75 → 2, ≥ 65 → 3,
//! ≥ 57 → 4, ≥ 50 → 5, ≥ 43 → 6, ≥ 35 → 7, ≥ 25 → 8, below → 9. Grade 10
//! (in default) is set regardless of the total ([`DefaultTrigger`]) by a
//! worst delay of 180 days or more, by any enforcement record, or by an
//! Altman Z in the distress zone together with an average delay of 60 days
//! or more.
//!
//! **Monotone**: every curve is monotone in its input, the reweighting
//! depends only on which inputs are present, and each default trigger only
//! fires on worse inputs; so of two buyers with the same inputs present,
//! the one better or equal in every input never gets a worse grade (the
//! property tests check it). One caveat of Altman's own formulas: with
//! negative book equity, the equity ÷ liabilities term *rises* with total
//! liabilities; the property holds for non-negative equity.
//!
//! **Drivers**: the factors with the largest |impact| (points − weight × 50,
//! against a neutral buyer scoring 50 everywhere), at most three, zero
//! impacts left out; when a default trigger set the grade, its factors come
//! first.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::behaviour::PaymentBehaviour;

/// A buyer's financial statements, all in one currency (the caller's).
/// Every figure is optional.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Financials {
    /// Current assets.
    pub current_assets: Option<Decimal>,
    /// Current liabilities.
    pub current_liabilities: Option<Decimal>,
    /// Total assets (must be positive when given).
    pub total_assets: Option<Decimal>,
    /// Total liabilities.
    pub total_liabilities: Option<Decimal>,
    /// Retained earnings (may be negative).
    pub retained_earnings: Option<Decimal>,
    /// Earnings before interest and taxes (may be negative).
    pub ebit: Option<Decimal>,
    /// Sales (turnover) of the year.
    pub sales: Option<Decimal>,
    /// Book value of equity (may be negative).
    pub book_equity: Option<Decimal>,
    /// Intangible assets (for tangible net worth).
    pub intangible_assets: Option<Decimal>,
    /// Cash and equivalents.
    pub cash: Option<Decimal>,
    /// Net profit of the year (may be negative).
    pub net_profit: Option<Decimal>,
    /// Market value of equity, for a listed company.
    pub market_equity: Option<Decimal>,
}

/// A company's size class.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum CompanySize {
    /// Micro enterprise.
    Micro,
    /// Small enterprise.
    Small,
    /// Medium enterprise.
    Medium,
    /// Large enterprise.
    Large,
}

/// A buyer's profile.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Years in business.
    pub years_in_business: Option<u32>,
    /// Size class.
    pub size: Option<CompanySize>,
    /// Whether its registration (business licence) was verified.
    pub registration_verified: Option<bool>,
    /// Listed on a stock exchange (chooses the Altman model).
    pub listed: bool,
    /// A manufacturer (chooses the Altman model).
    pub manufacturer: bool,
}

/// A buyer's legal record.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Legal {
    /// Court cases against it as defendant.
    pub court_cases: Option<u32>,
    /// Enforcement records (unpaid court judgments, 被执行人).
    pub enforcement_records: Option<u32>,
}

/// Everything the scorecard takes; every input optional.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentInput {
    /// Financial statements.
    pub financials: Financials,
    /// Payment behaviour derived from the ledger ([`crate::behaviour`]).
    pub behaviour: PaymentBehaviour,
    /// Profile.
    pub profile: Profile,
    /// Legal record.
    pub legal: Legal,
    /// Industry risk class, 1 (best) to 5.
    pub industry_risk: Option<u8>,
    /// Country risk class, 1 (best) to 7, OECD-style.
    pub country_risk: Option<u8>,
}

/// Which Altman model.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum ZModel {
    /// Z: listed manufacturers.
    Z,
    /// Z′: private manufacturers.
    ZPrime,
    /// Z″: private non-manufacturers and emerging markets (the default).
    ZDoublePrime,
}

impl ZModel {
    /// The model's (distress, safe) thresholds: below the first is distress,
    /// above the second safe, in between (inclusive) grey.
    ///
    /// # Example
    /// ```
    /// use credit_core::assessment::ZModel;
    /// let (d, s) = ZModel::Z.thresholds();
    /// assert_eq!((d.to_string(), s.to_string()), ("1.81".into(), "2.99".into()));
    /// ```
    pub fn thresholds(self) -> (Decimal, Decimal) {
        match self {
            ZModel::Z => (Decimal::new(181, 2), Decimal::new(299, 2)),
            ZModel::ZPrime => (Decimal::new(123, 2), Decimal::new(290, 2)),
            ZModel::ZDoublePrime => (Decimal::new(110, 2), Decimal::new(260, 2)),
        }
    }

    /// The zone of a score under this model.
    ///
    /// # Example
    /// ```
    /// use credit_core::assessment::{ZModel, Zone};
    /// use credit_core::Decimal;
    /// assert_eq!(ZModel::ZDoublePrime.zone(Decimal::new(260, 2)), Zone::Grey);
    /// assert_eq!(ZModel::ZDoublePrime.zone(Decimal::new(261, 2)), Zone::Safe);
    /// assert_eq!(ZModel::ZDoublePrime.zone(Decimal::new(109, 2)), Zone::Distress);
    /// ```
    pub fn zone(self, score: Decimal) -> Zone {
        let (d, s) = self.thresholds();
        if score < d {
            Zone::Distress
        } else if score > s {
            Zone::Safe
        } else {
            Zone::Grey
        }
    }
}

/// An Altman zone.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum Zone {
    /// Below the distress threshold.
    Distress,
    /// Between the thresholds (inclusive).
    Grey,
    /// Above the safe threshold.
    Safe,
}

/// An Altman score: the model used, the score (full precision) and its zone.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Altman {
    /// The model chosen for the buyer.
    pub model: ZModel,
    /// The score.
    pub score: Decimal,
    /// The zone of the score.
    pub zone: Zone,
}

fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}

/// Σ coefficient × ratio, `None` on overflow.
fn weighted_sum(terms: &[(Decimal, Decimal)]) -> Option<Decimal> {
    terms.iter().try_fold(Decimal::ZERO, |acc, &(c, x)| {
        c.checked_mul(x).and_then(|p| acc.checked_add(p))
    })
}

/// The Altman score chosen for the buyer, with X1 = working capital ÷ total
/// assets, X2 = retained earnings ÷ total assets, X3 = EBIT ÷ total assets,
/// X5 = sales ÷ total assets:
///
/// - **Z** (listed manufacturer with a market value of equity) =
///   1.2 X1 + 1.4 X2 + 3.3 X3 + 0.6 (market equity ÷ total liabilities) + 1.0 X5;
/// - **Z′** (other manufacturers; a listed one without its market value is
///   scored on book values) = 0.717 X1 + 0.847 X2 + 3.107 X3 +
///   0.420 (book equity ÷ total liabilities) + 0.998 X5;
/// - **Z″** (everyone else) = 6.56 X1 + 3.26 X2 + 6.72 X3 +
///   1.05 (book equity ÷ total liabilities).
///
/// `None` when an input of the chosen model is missing, total assets or
/// total liabilities are zero, or a figure overflows.
///
/// # Example
/// ```
/// use credit_core::assessment::{altman, Financials, Profile, ZModel, Zone};
/// use credit_core::Decimal;
/// let d = |n: i64| Some(Decimal::from(n));
/// let f = Financials {
///     current_assets: d(500), current_liabilities: d(300), total_assets: d(1000),
///     total_liabilities: d(600), retained_earnings: d(200), ebit: d(100),
///     book_equity: d(400), ..Financials::default()
/// };
/// // 6.56 × 0.2 + 3.26 × 0.2 + 6.72 × 0.1 + 1.05 × 400/600 = 3.336
/// let a = altman(&f, &Profile::default()).unwrap();
/// assert_eq!((a.model, a.zone), (ZModel::ZDoublePrime, Zone::Safe));
/// assert_eq!(a.score.round_dp(4), Decimal::new(3336, 3));
/// ```
pub fn altman(f: &Financials, p: &Profile) -> Option<Altman> {
    let model = if p.manufacturer && p.listed && f.market_equity.is_some() {
        ZModel::Z
    } else if p.manufacturer {
        ZModel::ZPrime
    } else {
        ZModel::ZDoublePrime
    };
    let ta = f.total_assets?;
    let x1 = div(f.current_assets?.checked_sub(f.current_liabilities?)?, ta)?;
    let x2 = div(f.retained_earnings?, ta)?;
    let x3 = div(f.ebit?, ta)?;
    let tl = f.total_liabilities?;
    let c = |n: i64, s: u32| Decimal::new(n, s);
    let score = match model {
        ZModel::Z => weighted_sum(&[
            (c(12, 1), x1),
            (c(14, 1), x2),
            (c(33, 1), x3),
            (c(6, 1), div(f.market_equity?, tl)?),
            (Decimal::ONE, div(f.sales?, ta)?),
        ])?,
        ZModel::ZPrime => weighted_sum(&[
            (c(717, 3), x1),
            (c(847, 3), x2),
            (c(3107, 3), x3),
            (c(420, 3), div(f.book_equity?, tl)?),
            (c(998, 3), div(f.sales?, ta)?),
        ])?,
        ZModel::ZDoublePrime => weighted_sum(&[
            (c(656, 2), x1),
            (c(326, 2), x2),
            (c(672, 2), x3),
            (c(105, 2), div(f.book_equity?, tl)?),
        ])?,
    };
    let score = score.normalize();
    Some(Altman {
        model,
        score,
        zone: model.zone(score),
    })
}

/// The usual ratios; `None` where an input is missing or a denominator is
/// zero (or, for debt to equity, not positive).
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct Ratios {
    /// Current assets ÷ current liabilities.
    pub current: Option<Decimal>,
    /// Cash ÷ current liabilities. There is no inventory or receivables
    /// field, so the "quick" ratio is its most conservative form, the cash
    /// ratio.
    pub quick: Option<Decimal>,
    /// Total liabilities ÷ book equity, only for positive equity (negative
    /// equity makes the ratio meaningless; the leverage factor scores it 0).
    pub debt_to_equity: Option<Decimal>,
    /// Net profit ÷ sales.
    pub net_margin: Option<Decimal>,
    /// Net profit ÷ total assets.
    pub return_on_assets: Option<Decimal>,
}

/// The usual ratios of a set of statements (see [`Ratios`]).
///
/// # Example
/// ```
/// use credit_core::assessment::{ratios, Financials};
/// use credit_core::Decimal;
/// let d = |n: i64| Some(Decimal::from(n));
/// let f = Financials {
///     current_assets: d(600), current_liabilities: d(400), cash: d(100),
///     total_liabilities: d(500), book_equity: d(250), net_profit: d(30),
///     sales: d(1200), total_assets: d(750), ..Financials::default()
/// };
/// let r = ratios(&f);
/// assert_eq!(r.current, Some(Decimal::new(15, 1)));
/// assert_eq!(r.quick, Some(Decimal::new(25, 2)));
/// assert_eq!(r.debt_to_equity, Some(Decimal::from(2)));
/// assert_eq!(r.net_margin, Some(Decimal::new(25, 3)));
/// assert_eq!(r.return_on_assets, Some(Decimal::new(4, 2)));
/// ```
pub fn ratios(f: &Financials) -> Ratios {
    let over = |a: Option<Decimal>, b: Option<Decimal>| div(a?, b?);
    Ratios {
        current: over(f.current_assets, f.current_liabilities),
        quick: over(f.cash, f.current_liabilities),
        debt_to_equity: f
            .book_equity
            .filter(|e| *e > Decimal::ZERO)
            .and_then(|e| div(f.total_liabilities?, e)),
        net_margin: over(f.net_profit, f.sales),
        return_on_assets: over(f.net_profit, f.total_assets),
    }
}

/// The groups of factors.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum FactorGroup {
    /// Financial strength.
    Financial,
    /// Payment behaviour.
    Behaviour,
    /// Profile.
    Profile,
    /// Legal record.
    Legal,
    /// Country and industry risk.
    CountryIndustry,
}

/// A factor of the scorecard (see the module docs for each one's curve).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum FactorId {
    /// The chosen Altman score against its model's zones.
    AltmanZ,
    /// Current ratio.
    Liquidity,
    /// Debt to equity.
    Leverage,
    /// Return on assets.
    Profitability,
    /// Average payment delay.
    PaymentDelay,
    /// Share paid late.
    LatePayments,
    /// Worst delay in 12 months.
    WorstDelay,
    /// Trend of the payment delay.
    DelayTrend,
    /// Years in business.
    YearsInBusiness,
    /// Size class.
    CompanySize,
    /// Registration verified.
    Registration,
    /// Court cases.
    CourtCases,
    /// Enforcement records.
    Enforcement,
    /// Industry risk class.
    IndustryRisk,
    /// Country risk class.
    CountryRisk,
}

impl FactorId {
    /// Every factor, in the order of [`Assessment::factors`].
    pub const ALL: [FactorId; 15] = [
        FactorId::AltmanZ,
        FactorId::Liquidity,
        FactorId::Leverage,
        FactorId::Profitability,
        FactorId::PaymentDelay,
        FactorId::LatePayments,
        FactorId::WorstDelay,
        FactorId::DelayTrend,
        FactorId::YearsInBusiness,
        FactorId::CompanySize,
        FactorId::Registration,
        FactorId::CourtCases,
        FactorId::Enforcement,
        FactorId::IndustryRisk,
        FactorId::CountryRisk,
    ];

    /// The factor's group.
    ///
    /// # Example
    /// ```
    /// use credit_core::assessment::{FactorGroup, FactorId};
    /// assert_eq!(FactorId::WorstDelay.group(), FactorGroup::Behaviour);
    /// ```
    pub fn group(self) -> FactorGroup {
        use FactorId::*;
        match self {
            AltmanZ | Liquidity | Leverage | Profitability => FactorGroup::Financial,
            PaymentDelay | LatePayments | WorstDelay | DelayTrend => FactorGroup::Behaviour,
            YearsInBusiness | CompanySize | Registration => FactorGroup::Profile,
            CourtCases | Enforcement => FactorGroup::Legal,
            IndustryRisk | CountryRisk => FactorGroup::CountryIndustry,
        }
    }
}

/// One factor's part in an assessment.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Factor {
    /// Which factor.
    pub id: FactorId,
    /// Effective weight after reweighting (Σ over available factors = 1;
    /// 0 when missing).
    pub weight: Decimal,
    /// Score 0 (worst) to 100 (best); `None` when its input is missing.
    pub score: Option<Decimal>,
    /// weight × score: its contribution to the 0–100 total.
    pub points: Decimal,
    /// points − weight × 50: its effect against a neutral buyer (signed).
    pub impact: Decimal,
}

/// A grade's annual probability-of-default band, as fractions.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PdBand {
    /// The grade, 1–10.
    pub grade: u8,
    /// Lower end of the annual PD (0.0003 = 0.03 %).
    pub pd_low: Decimal,
    /// Upper end of the annual PD.
    pub pd_high: Decimal,
}

/// The scorecard's settings: base weights and the PD table, both editable.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Scorecard {
    /// Base weight of each factor; a factor not listed weighs 0. Need not
    /// sum to 1: weights are normalised over the available factors.
    pub weights: Vec<(FactorId, Decimal)>,
    /// One PD band per grade 1–10.
    pub pd_table: Vec<PdBand>,
}

/// Default base weights, in [`FactorId::ALL`] order, in hundredths.
const DEFAULT_WEIGHTS: [i64; 15] = [15, 7, 7, 6, 10, 7, 8, 5, 6, 3, 3, 4, 6, 6, 7];

/// Default annual PD bands (low, high) in basis points × 10 (0.01 % units),
/// grade 1 first.
const DEFAULT_PD: [(i64, i64); 10] = [
    (1, 5),
    (5, 15),
    (15, 30),
    (30, 60),
    (60, 120),
    (120, 250),
    (250, 500),
    (500, 1000),
    (1000, 3000),
    (10000, 10000),
];

impl Default for Scorecard {
    /// The weights of the module docs' table and this PD table (annual):
    ///
    /// | grade | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |
    /// |---|---|---|---|---|---|---|---|---|---|---|
    /// | PD % | 0.01–0.05 | 0.05–0.15 | 0.15–0.3 | 0.3–0.6 | 0.6–1.2 | 1.2–2.5 | 2.5–5 | 5–10 | 10–30 | 100 |
    fn default() -> Self {
        Scorecard {
            weights: FactorId::ALL
                .iter()
                .zip(DEFAULT_WEIGHTS)
                .map(|(&f, w)| (f, Decimal::new(w, 2)))
                .collect(),
            pd_table: DEFAULT_PD
                .iter()
                .zip(1u8..)
                .map(|(&(lo, hi), grade)| PdBand {
                    grade,
                    pd_low: Decimal::new(lo, 4),
                    pd_high: Decimal::new(hi, 4),
                })
                .collect(),
        }
    }
}

impl Scorecard {
    /// The base weight of a factor (0 when not listed; the first entry wins).
    pub fn weight(&self, id: FactorId) -> Decimal {
        self.weights
            .iter()
            .find(|(f, _)| *f == id)
            .map_or(Decimal::ZERO, |(_, w)| *w)
    }
}

/// Why grade 10 (in default) was set regardless of the total.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum DefaultTrigger {
    /// A payment or open invoice 180 days or more late in 12 months (the
    /// protracted-default waiting period of the insurance brief).
    WorstDelay180,
    /// At least one enforcement record (an unpaid court judgment).
    Enforcement,
    /// Altman Z in the distress zone and an average delay of 60 days or more.
    DistressAndDelay,
}

/// The result of assessing a buyer.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Assessment {
    /// 1 (excellent) to 10 (in default).
    pub grade: u8,
    /// Total score 0–100, rounded to 2 decimals.
    pub score: Decimal,
    /// 0–1: Σ base weights of the available factors ÷ Σ all base weights.
    pub confidence: Decimal,
    /// The grade's PD band.
    pub pd: PdBand,
    /// All 15 factors in [`FactorId::ALL`] order.
    pub factors: Vec<Factor>,
    /// The factors that moved the grade most, largest first (at most 3).
    pub drivers: Vec<FactorId>,
    /// Set when grade 10 was given regardless of the total.
    pub default_trigger: Option<DefaultTrigger>,
    /// The Altman score, when its inputs are there.
    pub altman: Option<Altman>,
    /// The ratios.
    pub ratios: Ratios,
}

impl Assessment {
    /// One factor's part, by id.
    ///
    /// # Example
    /// ```
    /// use credit_core::assessment::{assess, AssessmentInput, FactorId, Scorecard};
    /// let input = AssessmentInput { industry_risk: Some(1), ..AssessmentInput::default() };
    /// let a = assess(&input, &Scorecard::default()).unwrap();
    /// let f = a.factor(FactorId::IndustryRisk).unwrap();
    /// // The only input: all the weight, 100 points, +50 against neutral.
    /// assert_eq!((f.weight.to_string(), f.points.to_string()), ("1".into(), "100".into()));
    /// assert_eq!(a.factor(FactorId::CountryRisk).unwrap().score, None);
    /// ```
    pub fn factor(&self, id: FactorId) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }
}

/// A field of the assessment's input, to name it in an error.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Field {
    /// `financials.current_assets`.
    CurrentAssets,
    /// `financials.current_liabilities`.
    CurrentLiabilities,
    /// `financials.total_assets`.
    TotalAssets,
    /// `financials.total_liabilities`.
    TotalLiabilities,
    /// `financials.sales`.
    Sales,
    /// `financials.intangible_assets`.
    IntangibleAssets,
    /// `financials.cash`.
    Cash,
    /// `financials.market_equity`.
    MarketEquity,
    /// `behaviour.avg_delay_days`.
    AvgDelayDays,
    /// `behaviour.share_paid_late`.
    SharePaidLate,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Field::CurrentAssets => "current assets",
            Field::CurrentLiabilities => "current liabilities",
            Field::TotalAssets => "total assets",
            Field::TotalLiabilities => "total liabilities",
            Field::Sales => "sales",
            Field::IntangibleAssets => "intangible assets",
            Field::Cash => "cash",
            Field::MarketEquity => "market value of equity",
            Field::AvgDelayDays => "average payment delay",
            Field::SharePaidLate => "share paid late",
        })
    }
}

/// Impossible inputs to an assessment (missing inputs never are).
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AssessmentError {
    /// Total assets given as zero or less.
    #[error("total assets: {value} is not positive; a company's total assets must be more than 0")]
    NonPositiveTotalAssets {
        /// The value given.
        value: Decimal,
    },
    /// An amount that cannot be negative.
    #[error("{field}: {value} is negative; it must be zero or more")]
    Negative {
        /// Which field.
        field: Field,
        /// The value given.
        value: Decimal,
    },
    /// A share outside 0–1.
    #[error("{field}: {value} is not a share from 0 to 1")]
    ShareOutOfRange {
        /// Which field.
        field: Field,
        /// The value given.
        value: Decimal,
    },
    /// Industry risk outside 1–5.
    #[error("industry risk: {value} is not a class from 1 to 5")]
    IndustryRiskOutOfRange {
        /// The value given.
        value: u8,
    },
    /// Country risk outside 1–7.
    #[error("country risk: {value} is not a class from 1 to 7")]
    CountryRiskOutOfRange {
        /// The value given.
        value: u8,
    },
    /// A negative base weight in the scorecard.
    #[error("scorecard weight of {factor:?}: {value} is negative; weights must be zero or more")]
    NegativeWeight {
        /// Which factor.
        factor: FactorId,
        /// The value given.
        value: Decimal,
    },
    /// The scorecard's PD table has no row for a grade.
    #[error("scorecard PD table: no band for grade {grade}")]
    MissingPdBand {
        /// The grade without a band.
        grade: u8,
    },
}

impl AssessmentInput {
    /// Checks that no input is impossible.
    ///
    /// # Errors
    /// The first impossible input, as an [`AssessmentError`] naming it.
    ///
    /// # Example
    /// ```
    /// use credit_core::assessment::{AssessmentError, AssessmentInput};
    /// let mut a = AssessmentInput::default();
    /// assert_eq!(a.validate(), Ok(()));
    /// a.industry_risk = Some(6);
    /// assert_eq!(a.validate(), Err(AssessmentError::IndustryRiskOutOfRange { value: 6 }));
    /// ```
    pub fn validate(&self) -> Result<(), AssessmentError> {
        let f = &self.financials;
        if let Some(value) = f.total_assets.filter(|v| *v <= Decimal::ZERO) {
            return Err(AssessmentError::NonPositiveTotalAssets { value });
        }
        for (field, v) in [
            (Field::CurrentAssets, f.current_assets),
            (Field::CurrentLiabilities, f.current_liabilities),
            (Field::TotalLiabilities, f.total_liabilities),
            (Field::Sales, f.sales),
            (Field::IntangibleAssets, f.intangible_assets),
            (Field::Cash, f.cash),
            (Field::MarketEquity, f.market_equity),
            (Field::AvgDelayDays, self.behaviour.avg_delay_days),
        ] {
            if let Some(value) = v.filter(|v| *v < Decimal::ZERO) {
                return Err(AssessmentError::Negative { field, value });
            }
        }
        if let Some(value) = self
            .behaviour
            .share_paid_late
            .filter(|s| *s < Decimal::ZERO || *s > Decimal::ONE)
        {
            return Err(AssessmentError::ShareOutOfRange {
                field: Field::SharePaidLate,
                value,
            });
        }
        if let Some(value) = self.industry_risk.filter(|r| !(1..=5).contains(r)) {
            return Err(AssessmentError::IndustryRiskOutOfRange { value });
        }
        if let Some(value) = self.country_risk.filter(|r| !(1..=7).contains(r)) {
            return Err(AssessmentError::CountryRiskOutOfRange { value });
        }
        Ok(())
    }
}

/// A piecewise-linear curve through `(x, score)` points (x ascending),
/// flat beyond the ends. `x` points are given as (mantissa, scale).
fn curve(x: Decimal, pts: &[((i64, u32), i64)]) -> Decimal {
    let p = |i: usize| {
        (
            Decimal::new(pts[i].0 .0, pts[i].0 .1),
            Decimal::from(pts[i].1),
        )
    };
    let (x0, y0) = p(0);
    if x <= x0 {
        return y0;
    }
    for i in 1..pts.len() {
        let (x1, y1) = p(i);
        if x <= x1 {
            let (xa, ya) = p(i - 1);
            // xa < x ≤ x1, so the fraction stays in 0–1: no overflow.
            return ya + (y1 - ya) * ((x - xa) / (x1 - xa));
        }
    }
    p(pts.len() - 1).1
}

/// The score 0–100 of each factor, `None` when its input is missing.
fn factor_scores(input: &AssessmentInput, z: Option<&Altman>, r: &Ratios) -> [Option<Decimal>; 15] {
    let f = &input.financials;
    let b = &input.behaviour;
    let altman = z.map(|a| {
        let (d, s) = a.model.thresholds();
        // Shift so the curve's points are fixed: 0 at d − 1, 30 at d, 70 at
        // s, 100 at s + 1 (s − d in hundredths).
        let width = ((s - d) * Decimal::ONE_HUNDRED).normalize().mantissa() as i64;
        a.score.checked_sub(d).map_or(Decimal::ZERO, |x| {
            curve(
                x,
                &[
                    ((-1, 0), 0),
                    ((0, 0), 30),
                    ((width, 2), 70),
                    ((width + 100, 2), 100),
                ],
            )
        })
    });
    let liquidity = match (f.current_assets, f.current_liabilities) {
        (Some(_), Some(cl)) if cl.is_zero() => Some(Decimal::ONE_HUNDRED),
        _ => r.current.map(|c| {
            curve(
                c,
                &[((5, 1), 0), ((1, 0), 40), ((15, 1), 70), ((2, 0), 100)],
            )
        }),
    };
    let leverage = match (f.book_equity, f.total_liabilities) {
        (Some(e), Some(_)) if e <= Decimal::ZERO => Some(Decimal::ZERO),
        _ => r.debt_to_equity.map(|de| {
            curve(
                de,
                &[((5, 1), 100), ((1, 0), 75), ((2, 0), 40), ((4, 0), 0)],
            )
        }),
    };
    let profitability = r.return_on_assets.map(|roa| {
        curve(
            roa,
            &[((-5, 2), 0), ((0, 0), 30), ((5, 2), 70), ((10, 2), 100)],
        )
    });
    let delay = b.avg_delay_days.map(|x| {
        curve(
            x,
            &[
                ((0, 0), 100),
                ((15, 0), 70),
                ((30, 0), 40),
                ((60, 0), 10),
                ((90, 0), 0),
            ],
        )
    });
    let late = b.share_paid_late.map(|x| {
        curve(
            x,
            &[((0, 0), 100), ((25, 2), 60), ((5, 1), 30), ((1, 0), 0)],
        )
    });
    let worst = b.worst_delay_days.map(|x| {
        curve(
            Decimal::from(x),
            &[
                ((0, 0), 100),
                ((30, 0), 70),
                ((60, 0), 30),
                ((90, 0), 10),
                ((180, 0), 0),
            ],
        )
    });
    let trend = b.trend_days.map(|x| {
        curve(
            x,
            &[((-10, 0), 100), ((0, 0), 60), ((10, 0), 30), ((30, 0), 0)],
        )
    });
    let p = &input.profile;
    let years = p.years_in_business.map(|y| {
        curve(
            Decimal::from(y),
            &[
                ((0, 0), 0),
                ((2, 0), 30),
                ((5, 0), 60),
                ((10, 0), 85),
                ((20, 0), 100),
            ],
        )
    });
    let size = p.size.map(|s| {
        Decimal::from(match s {
            CompanySize::Micro => 25,
            CompanySize::Small => 50,
            CompanySize::Medium => 75,
            CompanySize::Large => 100,
        })
    });
    let reg = p.registration_verified.map(|v| {
        if v {
            Decimal::ONE_HUNDRED
        } else {
            Decimal::ZERO
        }
    });
    let court = input.legal.court_cases.map(|c| {
        curve(
            Decimal::from(c),
            &[
                ((0, 0), 100),
                ((1, 0), 60),
                ((2, 0), 40),
                ((3, 0), 25),
                ((5, 0), 0),
            ],
        )
    });
    let enforcement = input.legal.enforcement_records.map(|e| {
        if e == 0 {
            Decimal::ONE_HUNDRED
        } else {
            Decimal::ZERO
        }
    });
    let industry = input
        .industry_risk
        .map(|c| Decimal::from(25 * (5 - i64::from(c.clamp(1, 5)))));
    let country = input.country_risk.map(|c| {
        Decimal::from(match c {
            0 | 1 => 100,
            2 => 85,
            3 => 70,
            4 => 55,
            5 => 40,
            6 => 20,
            _ => 0,
        })
    });
    [
        altman,
        liquidity,
        leverage,
        profitability,
        delay,
        late,
        worst,
        trend,
        years,
        size,
        reg,
        court,
        enforcement,
        industry,
        country,
    ]
}

/// The lowest total (inclusive) of grades 1 to 8; below the last is 9.
/// Grade 10 only comes from a [`DefaultTrigger`].
pub const GRADE_FLOORS: [i64; 8] = [85, 75, 65, 57, 50, 43, 35, 25];

/// The grade 1–9 of a 0–100 total ([`GRADE_FLOORS`]).
///
/// # Example
/// ```
/// use credit_core::assessment::grade_of_score;
/// use credit_core::Decimal;
/// assert_eq!(grade_of_score(Decimal::from(85)), 1);
/// assert_eq!(grade_of_score(Decimal::new(8499, 2)), 2);
/// assert_eq!(grade_of_score(Decimal::from(50)), 5);
/// assert_eq!(grade_of_score(Decimal::ZERO), 9);
/// ```
pub fn grade_of_score(score: Decimal) -> u8 {
    GRADE_FLOORS
        .iter()
        .zip(1u8..)
        .find(|(&floor, _)| score >= Decimal::from(floor))
        .map_or(9, |(_, g)| g)
}

/// Assesses a buyer with a scorecard (see the module docs for the method).
///
/// # Errors
/// An [`AssessmentError`] for an impossible input ([`AssessmentInput::validate`]),
/// a negative scorecard weight, or a PD table without the resulting grade.
///
/// # Example
/// ```
/// use credit_core::assessment::{assess, AssessmentError, AssessmentInput, FactorId, Scorecard};
/// let card = Scorecard::default();
/// // Nothing known: the neutral grade 5, with no confidence.
/// let a = assess(&AssessmentInput::default(), &card).unwrap();
/// assert_eq!((a.grade, a.confidence.is_zero()), (5, true));
/// // A court-enforced debt alone: in default.
/// let mut input = AssessmentInput::default();
/// input.legal.enforcement_records = Some(1);
/// let a = assess(&input, &card).unwrap();
/// assert_eq!(a.grade, 10);
/// assert_eq!(a.drivers[0], FactorId::Enforcement);
/// assert_eq!(a.confidence.to_string(), "0.06");
/// // An impossible input is an error.
/// input.country_risk = Some(9);
/// assert_eq!(assess(&input, &card), Err(AssessmentError::CountryRiskOutOfRange { value: 9 }));
/// ```
// Never inlined: it is large and called from several places (the page's
// download would carry a copy per caller).
#[inline(never)]
pub fn assess(input: &AssessmentInput, card: &Scorecard) -> Result<Assessment, AssessmentError> {
    input.validate()?;
    if let Some(&(factor, value)) = card.weights.iter().find(|(_, w)| *w < Decimal::ZERO) {
        return Err(AssessmentError::NegativeWeight { factor, value });
    }
    let z = altman(&input.financials, &input.profile);
    let r = ratios(&input.financials);
    let scores = factor_scores(input, z.as_ref(), &r);
    let base: Vec<Decimal> = FactorId::ALL.iter().map(|&f| card.weight(f)).collect();
    let all_weight: Decimal = base.iter().sum();
    let available: Decimal = base
        .iter()
        .zip(&scores)
        .filter(|(_, s)| s.is_some())
        .map(|(w, _)| *w)
        .sum();
    let half = Decimal::new(5, 1);
    let factors: Vec<Factor> = FactorId::ALL
        .iter()
        .zip(base.iter().zip(&scores))
        .map(|(&id, (&w, &score))| {
            let weight = match score {
                Some(_) if !available.is_zero() => w / available,
                _ => Decimal::ZERO,
            };
            let points = score.map_or(Decimal::ZERO, |s| weight * s);
            // Normalised: the same values without Decimal's trailing zeros,
            // so they read well in JSON.
            Factor {
                id,
                weight: weight.normalize(),
                score: score.map(|s| s.normalize()),
                points: points.normalize(),
                impact: (points - weight * half * Decimal::ONE_HUNDRED).normalize(),
            }
        })
        .collect();
    let total = if available.is_zero() {
        Decimal::from(50)
    } else {
        factors.iter().map(|f| f.points).sum::<Decimal>()
    }
    .round_dp(2)
    .normalize();
    let confidence = if all_weight.is_zero() {
        Decimal::ZERO
    } else {
        (available / all_weight).normalize()
    };

    let b = &input.behaviour;
    let trigger = if b.worst_delay_days.is_some_and(|w| w >= 180) {
        Some(DefaultTrigger::WorstDelay180)
    } else if input.legal.enforcement_records.is_some_and(|e| e > 0) {
        Some(DefaultTrigger::Enforcement)
    } else if z.as_ref().is_some_and(|a| a.zone == Zone::Distress)
        && b.avg_delay_days.is_some_and(|d| d >= Decimal::from(60))
    {
        Some(DefaultTrigger::DistressAndDelay)
    } else {
        None
    };
    let grade = if trigger.is_some() {
        10
    } else {
        grade_of_score(total)
    };

    let mut drivers: Vec<FactorId> = match trigger {
        Some(DefaultTrigger::WorstDelay180) => vec![FactorId::WorstDelay],
        Some(DefaultTrigger::Enforcement) => vec![FactorId::Enforcement],
        Some(DefaultTrigger::DistressAndDelay) => vec![FactorId::AltmanZ, FactorId::PaymentDelay],
        None => Vec::new(),
    };
    let mut ranked: Vec<&Factor> = factors.iter().filter(|f| !f.impact.is_zero()).collect();
    // Stable sort: ties keep the order of FactorId::ALL.
    crate::sorting::sort_by(&mut ranked, |a, b| b.impact.abs().cmp(&a.impact.abs()));
    for f in ranked {
        if drivers.len() >= 3 {
            break;
        }
        if !drivers.contains(&f.id) {
            drivers.push(f.id);
        }
    }
    let pd = card
        .pd_table
        .iter()
        .find(|b| b.grade == grade)
        .cloned()
        .ok_or(AssessmentError::MissingPdBand { grade })?;
    Ok(Assessment {
        grade,
        score: total,
        confidence,
        pd,
        factors,
        drivers,
        default_trigger: trigger,
        altman: z,
        ratios: r,
    })
}

#[cfg(test)]
mod tests;
