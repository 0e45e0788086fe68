//! The self-check for prospects (domain brief, "Self-assessment for
//! prospects"): from eight answers about a business, how exposed it is,
//! what bad debt could cost it in a year, whether trade credit insurance is
//! worth considering, what the cover would roughly cost, and the first three
//! measures to take. Nothing here needs a ledger: it is a five-minute
//! estimate, and every assumption it makes is written below.
//!
//! Shares are fractions (0.25 = 25 %); amounts are in the answers' currency.
//!
//! # Assumptions (every one a field of [`SelfCheckSettings`])
//!
//! - **Credit sales** = annual turnover × share sold on credit. This is also
//!   the **insured turnover**: a whole-turnover policy covers all credit
//!   sales (turnover is taken net of VAT, which is never insured).
//! - **Receivables at risk** = credit sales ÷ 365 × (average terms +
//!   [`ASSUMED_DELAY_DAYS`]): the receivables the trade keeps open on an
//!   average day, as the brief's "needs" limit computes them, with an
//!   assumed average payment delay of 10 days (the order of magnitude that
//!   B2B payment surveys report in Europe and China) because a prospect has
//!   no ledger to measure it from.
//! - **Probability of default** (a buyer's, per year): a band per
//!   [`Industry`] (see [`Industry::pd_band`], from 0.8–1.6 % for services to
//!   2.5–5.0 % for construction, the ranking insurers' sector reports show),
//!   multiplied by a **terms factor** (up to 30 days × 1.0, up to 60 × 1.25,
//!   up to 90 × 1.5, beyond × 2.0: the longer the credit, the longer a buyer
//!   can fail before paying), by 1 + 0.5 × export share (a foreign buyer is
//!   harder to assess and to collect from) and by 1.2 when the business is
//!   entering new markets or taking on many new buyers.
//! - **Expected annual loss** = probability of default × loss given default
//!   (45 %, the brief's default) × receivables at risk, once at each end of
//!   the band. The business's own history counts: the high end is never
//!   below its average yearly bad debt of the last three years, and the low
//!   end never below half of it. So more bad debts never lower the estimate,
//!   and the low end never exceeds the high end.
//! - **Premium** = premium rate (default 0.25 %, the brief's) × insured
//!   turnover, at least the minimum premium (10,000 for CNY, 1,500 for
//!   currencies with a minor unit, 200,000 for JPY-like currencies without
//!   one: see [`SelfCheckSettings::for_currency`]). A real quote depends on
//!   the buyers; this is the order of magnitude. No credit sales, no premium.
//! - **Concentration**: the largest buyer's share is at least 1 ÷ number of
//!   buyers (one buyer of one is 100 %, whatever was answered). The buyers
//!   are **concentrated** when the largest takes 20 % or more of credit
//!   sales or there are fewer than 10 of them; then a warning is given with
//!   the loss if that buyer failed (its share of the receivables × 45 %).
//!
//! # When insurance is worth considering
//!
//! Five [`Criterion`]s, after the brief: turnover over 10 million with
//! concentrated buyers; export share of 10 % or more; new markets or many
//! new buyers; terms over 60 days; any bad debt in the last three years.
//! None fired: [`Verdict::NotNeededNow`]. One fired:
//! [`Verdict::WorthConsidering`] — unless the high end of the expected loss
//! reaches the premium, then [`Verdict::Recommended`], as when two or more
//! fired. Without credit sales there is nothing to insure: no criterion
//! fires.
//!
//! # Measures
//!
//! The first three of a ranked list whose condition holds (see
//! [`Measure`]): insure (when recommended), a limit on the largest buyer
//! (concentrated), check new buyers before the first sale (export or new
//! markets), a dunning routine that starts before the due date (past bad
//! debts), shorter terms or an early-payment discount (terms over 60 days),
//! insure (when worth considering); then, for everyone, credit limits per
//! buyer, the dunning routine and checking new buyers.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// The average payment delay assumed on top of the terms, in days.
pub const ASSUMED_DELAY_DAYS: u32 = 10;

/// The longest terms the self-check accepts, in days.
pub const MAX_TERMS_DAYS: u32 = 365;

/// Days in a year for the receivables estimate.
const DAYS_PER_YEAR: u32 = 365;

/// A business's industry, for its buyers' default probability.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Industry {
    /// Manufacturing.
    Manufacturing,
    /// Wholesale and distribution.
    Wholesale,
    /// Retail.
    Retail,
    /// Construction and building materials.
    Construction,
    /// Business services.
    Services,
    /// Transport and logistics.
    Transport,
    /// Agriculture and food.
    Agriculture,
    /// Technology and electronics.
    Technology,
}

impl Industry {
    /// Every industry, in the order a form lists them.
    pub const ALL: [Industry; 8] = [
        Industry::Manufacturing,
        Industry::Wholesale,
        Industry::Retail,
        Industry::Construction,
        Industry::Services,
        Industry::Transport,
        Industry::Agriculture,
        Industry::Technology,
    ];

    /// A short code for links: `mfg`, `whs`, `ret`, `con`, `svc`, `trn`,
    /// `agr`, `tec`.
    pub fn code(self) -> &'static str {
        match self {
            Industry::Manufacturing => "mfg",
            Industry::Wholesale => "whs",
            Industry::Retail => "ret",
            Industry::Construction => "con",
            Industry::Services => "svc",
            Industry::Transport => "trn",
            Industry::Agriculture => "agr",
            Industry::Technology => "tec",
        }
    }

    /// The industry of a [`code`](Industry::code).
    ///
    /// # Example
    /// ```
    /// use credit_core::selfcheck::Industry;
    /// assert_eq!(Industry::from_code("con"), Some(Industry::Construction));
    /// assert_eq!(Industry::from_code("xyz"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Industry> {
        Industry::ALL.into_iter().find(|i| i.code() == code)
    }

    /// A buyer's yearly probability of default in this industry, low and
    /// high, before the terms, export and new-market factors.
    ///
    /// # Example
    /// ```
    /// use credit_core::selfcheck::Industry;
    /// let (lo, hi) = Industry::Construction.pd_band();
    /// assert_eq!((lo.to_string(), hi.to_string()), ("0.025".into(), "0.050".into()));
    /// ```
    pub fn pd_band(self) -> (Decimal, Decimal) {
        let (lo, hi) = match self {
            Industry::Services => (8, 16),
            Industry::Technology | Industry::Manufacturing => (10, 20),
            Industry::Wholesale => (12, 24),
            Industry::Agriculture | Industry::Transport => (15, 30),
            Industry::Retail => (20, 40),
            Industry::Construction => (25, 50),
        };
        (Decimal::new(lo, 3), Decimal::new(hi, 3))
    }
}

/// The answers of the self-check.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SelfCheckInput {
    /// The currency of every amount.
    pub currency: Currency,
    /// Annual turnover (net of VAT).
    pub annual_turnover: Decimal,
    /// Share of turnover sold on credit, 0–1.
    pub credit_share: Decimal,
    /// Average payment terms, in days.
    pub terms_days: u32,
    /// Number of buyers on credit.
    pub buyers: u32,
    /// The largest buyer's share of credit sales, 0–1.
    pub largest_buyer_share: Decimal,
    /// Share of credit sales exported, 0–1.
    pub export_share: Decimal,
    /// Entering new markets, or taking on many new buyers, this year.
    pub new_markets: bool,
    /// Bad debts written off in the last three years, in total.
    pub bad_debts_3y: Decimal,
    /// The business's industry.
    pub industry: Industry,
}

impl SelfCheckInput {
    /// The answers a form starts from: a manufacturer with 20 million of
    /// turnover, 80 % on credit at 60 days, 30 buyers, the largest 15 %, no
    /// export, no new markets, no bad debts.
    pub fn example(currency: Currency) -> Self {
        SelfCheckInput {
            currency,
            annual_turnover: Decimal::from(20_000_000),
            credit_share: Decimal::new(8, 1),
            terms_days: 60,
            buyers: 30,
            largest_buyer_share: Decimal::new(15, 2),
            export_share: Decimal::ZERO,
            new_markets: false,
            bad_debts_3y: Decimal::ZERO,
            industry: Industry::Manufacturing,
        }
    }

    /// The answers as a compact link fragment (without the `#`), shares as
    /// percentages: `v1&cur=CNY&t=20000000&c=80&d=60&n=30&l=15&x=0&new=0&bd=0&ind=mfg`.
    /// Only ASCII letters, digits, `.`, `=` and `&`: nothing to escape.
    ///
    /// # Example
    /// ```
    /// use credit_core::selfcheck::SelfCheckInput;
    /// use credit_core::money::Currency;
    /// let a = SelfCheckInput::example(Currency::CNY);
    /// assert_eq!(a.to_fragment(), "v1&cur=CNY&t=20000000&c=80&d=60&n=30&l=15&x=0&new=0&bd=0&ind=mfg");
    /// assert_eq!(SelfCheckInput::from_fragment(&a.to_fragment()), Ok(a));
    /// ```
    pub fn to_fragment(&self) -> String {
        let pct = |f: Decimal| (f * Decimal::ONE_HUNDRED).normalize();
        format!(
            "v1&cur={}&t={}&c={}&d={}&n={}&l={}&x={}&new={}&bd={}&ind={}",
            self.currency,
            self.annual_turnover.normalize(),
            pct(self.credit_share),
            self.terms_days,
            self.buyers,
            pct(self.largest_buyer_share),
            pct(self.export_share),
            u8::from(self.new_markets),
            self.bad_debts_3y.normalize(),
            self.industry.code(),
        )
    }

    /// Reads answers from a link fragment written by
    /// [`to_fragment`](SelfCheckInput::to_fragment) (a leading `#` is
    /// ignored), and validates them.
    ///
    /// # Errors
    /// [`SelfCheckError::BadLink`] naming the first key that is missing or
    /// unreadable; the errors of [`SelfCheckInput::validate`].
    ///
    /// # Example
    /// ```
    /// use credit_core::selfcheck::{SelfCheckError, SelfCheckInput};
    /// let a = SelfCheckInput::from_fragment(
    ///     "#v1&cur=EUR&t=5000000&c=50&d=30&n=40&l=10&x=25&new=1&bd=12000&ind=whs",
    /// )
    /// .unwrap();
    /// assert_eq!(a.export_share.to_string(), "0.25");
    /// let bad = SelfCheckInput::from_fragment("v1&cur=EUR&t=lots");
    /// assert!(matches!(bad, Err(SelfCheckError::BadLink { key: "t", .. })));
    /// ```
    pub fn from_fragment(fragment: &str) -> Result<Self, SelfCheckError> {
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        let mut parts = f.split('&');
        if parts.next() != Some("v1") {
            return Err(SelfCheckError::BadLink {
                key: "v",
                value: f.chars().take(8).collect(),
            });
        }
        let pairs: Vec<(&str, &str)> = parts.filter_map(|p| p.split_once('=')).collect();
        let get = |key: &'static str| -> Result<&str, SelfCheckError> {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v)
                .ok_or(SelfCheckError::BadLink {
                    key,
                    value: String::new(),
                })
        };
        let bad = |key: &'static str, v: &str| SelfCheckError::BadLink {
            key,
            value: v.chars().take(24).collect(),
        };
        let dec = |key: &'static str| -> Result<Decimal, SelfCheckError> {
            let v = get(key)?;
            v.parse::<Decimal>().map_err(|_| bad(key, v))
        };
        let int = |key: &'static str| -> Result<u32, SelfCheckError> {
            let v = get(key)?;
            v.parse::<u32>().map_err(|_| bad(key, v))
        };
        let frac = |key: &'static str| dec(key).map(|p| p / Decimal::ONE_HUNDRED);
        let cur = get("cur")?;
        // Fields in the fragment's order, so the error names the first bad key.
        let input = SelfCheckInput {
            currency: Currency::new(cur).map_err(|_| bad("cur", cur))?,
            annual_turnover: dec("t")?,
            credit_share: frac("c")?,
            terms_days: int("d")?,
            buyers: int("n")?,
            largest_buyer_share: frac("l")?,
            export_share: frac("x")?,
            new_markets: match get("new")? {
                "0" => false,
                "1" => true,
                new => return Err(bad("new", new)),
            },
            bad_debts_3y: dec("bd")?,
            industry: {
                let ind = get("ind")?;
                Industry::from_code(ind).ok_or_else(|| bad("ind", ind))?
            },
        };
        input.validate()?;
        Ok(input)
    }

    /// Checks every answer is in range.
    ///
    /// # Errors
    /// The first answer out of range, as a [`SelfCheckError`] naming the
    /// field, the value and the reason.
    ///
    /// # Example
    /// ```
    /// use credit_core::selfcheck::{Field, SelfCheckError, SelfCheckInput};
    /// use credit_core::money::Currency;
    /// use credit_core::Decimal;
    /// let mut a = SelfCheckInput::example(Currency::CNY);
    /// assert_eq!(a.validate(), Ok(()));
    /// a.credit_share = Decimal::new(12, 1); // 120 %
    /// let e = a.validate().unwrap_err();
    /// assert_eq!(e, SelfCheckError::ShareOutOfRange { field: Field::CreditShare, value: Decimal::new(12, 1) });
    /// assert_eq!(e.to_string(), "share sold on credit: 120 % is not a share from 0 % to 100 %");
    /// ```
    pub fn validate(&self) -> Result<(), SelfCheckError> {
        for (field, value) in [
            (Field::AnnualTurnover, self.annual_turnover),
            (Field::BadDebts, self.bad_debts_3y),
        ] {
            if value < Decimal::ZERO {
                return Err(SelfCheckError::Negative { field, value });
            }
            // Bounded like every amount (issue 23: a shared link with
            // t=79228162514264337593543950335 crashed the page).
            if !crate::money::within_bounds(value) {
                return Err(SelfCheckError::TooLarge { field, value });
            }
        }
        for (field, value) in [
            (Field::CreditShare, self.credit_share),
            (Field::LargestBuyerShare, self.largest_buyer_share),
            (Field::ExportShare, self.export_share),
        ] {
            if value < Decimal::ZERO || value > Decimal::ONE {
                return Err(SelfCheckError::ShareOutOfRange { field, value });
            }
        }
        if self.terms_days > MAX_TERMS_DAYS {
            return Err(SelfCheckError::TermsTooLong {
                value: self.terms_days,
            });
        }
        if self.buyers == 0 && !self.credit_sales().is_zero() {
            return Err(SelfCheckError::NoBuyers);
        }
        Ok(())
    }

    /// Credit sales = annual turnover × share sold on credit.
    pub fn credit_sales(&self) -> Decimal {
        self.annual_turnover * self.credit_share
    }
}

/// An answer of the self-check, to name it in an error.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Field {
    /// Annual turnover.
    AnnualTurnover,
    /// Share sold on credit.
    CreditShare,
    /// Average terms.
    TermsDays,
    /// Number of buyers.
    Buyers,
    /// The largest buyer's share.
    LargestBuyerShare,
    /// Export share.
    ExportShare,
    /// Bad debts in the last three years.
    BadDebts,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::AnnualTurnover => "annual turnover",
            Field::CreditShare => "share sold on credit",
            Field::TermsDays => "average terms",
            Field::Buyers => "number of buyers",
            Field::LargestBuyerShare => "largest buyer's share",
            Field::ExportShare => "export share",
            Field::BadDebts => "bad debts in the last 3 years",
        })
    }
}

/// Why answers cannot be assessed.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SelfCheckError {
    /// An amount below zero.
    #[error("{field}: {value} is negative; it must be zero or more")]
    Negative {
        /// The answer.
        field: Field,
        /// Its value.
        value: Decimal,
    },
    /// A share outside 0–1.
    #[error("{field}: {} % is not a share from 0 % to 100 %", (.value * Decimal::ONE_HUNDRED).normalize())]
    ShareOutOfRange {
        /// The answer.
        field: Field,
        /// Its value, as a fraction.
        value: Decimal,
    },
    /// An amount beyond [`crate::money::MAX_AMOUNT`].
    #[error("{field}: {value} is more than the largest amount, 1,000,000,000,000,000")]
    TooLarge {
        /// The answer.
        field: Field,
        /// Its value.
        value: Decimal,
    },
    /// Terms beyond [`MAX_TERMS_DAYS`].
    #[error("average terms: {value} days is more than {MAX_TERMS_DAYS}")]
    TermsTooLong {
        /// The terms answered, in days.
        value: u32,
    },
    /// Credit sales but no buyer.
    #[error("number of buyers: 0, but there are credit sales; at least one buyer is needed")]
    NoBuyers,
    /// A shared link that cannot be read.
    #[error("the link's answers cannot be read: {key}={value:?}")]
    BadLink {
        /// The key in the fragment.
        key: &'static str,
        /// What it held (shortened), empty when missing.
        value: String,
    },
}

impl SelfCheckError {
    /// The answer the error is about, when it is one answer.
    pub fn field(&self) -> Option<Field> {
        match self {
            SelfCheckError::Negative { field, .. }
            | SelfCheckError::TooLarge { field, .. }
            | SelfCheckError::ShareOutOfRange { field, .. } => Some(*field),
            SelfCheckError::TermsTooLong { .. } => Some(Field::TermsDays),
            SelfCheckError::NoBuyers => Some(Field::Buyers),
            SelfCheckError::BadLink { .. } => None,
        }
    }
}

/// The assumptions of the self-check; see the module docs.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SelfCheckSettings {
    /// Loss given default (default 0.45).
    pub lgd: Decimal,
    /// Premium rate on insured turnover (default 0.0025).
    pub premium_rate: Decimal,
    /// Minimum premium per policy year.
    pub minimum_premium: Decimal,
    /// Turnover above which concentrated buyers make insurance worth
    /// considering (default 10,000,000).
    pub large_turnover: Decimal,
    /// Largest buyer's share from which buyers are concentrated (0.20).
    pub concentrated_share: Decimal,
    /// Fewer buyers than this are concentrated (10).
    pub few_buyers: u32,
    /// Export share from which export counts (0.10).
    pub export_share: Decimal,
    /// Terms beyond which terms are long, in days (60).
    pub long_terms_days: u32,
}

impl SelfCheckSettings {
    /// The defaults for answers in a currency; only the minimum premium
    /// depends on it: 10,000 CNY; 200,000 for a currency without a minor
    /// unit (JPY, KRW…); 1,500 otherwise (EUR, USD, GBP…).
    ///
    /// # Example
    /// ```
    /// use credit_core::selfcheck::SelfCheckSettings;
    /// use credit_core::money::Currency;
    /// let s = SelfCheckSettings::for_currency(Currency::EUR);
    /// assert_eq!(s.premium_rate.to_string(), "0.0025");
    /// assert_eq!(s.minimum_premium.to_string(), "1500");
    /// assert_eq!(SelfCheckSettings::for_currency(Currency::CNY).minimum_premium.to_string(), "10000");
    /// ```
    pub fn for_currency(currency: Currency) -> Self {
        let minimum_premium = if currency == Currency::CNY {
            10_000
        } else if currency.minor_units() == 0 {
            200_000
        } else {
            1_500
        };
        SelfCheckSettings {
            lgd: Decimal::new(45, 2),
            premium_rate: Decimal::new(25, 4),
            minimum_premium: Decimal::from(minimum_premium),
            large_turnover: Decimal::from(10_000_000),
            concentrated_share: Decimal::new(20, 2),
            few_buyers: 10,
            export_share: Decimal::new(10, 2),
            long_terms_days: 60,
        }
    }
}

/// A reason credit insurance is worth considering.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Criterion {
    /// Turnover over 10 million with concentrated buyers.
    LargeConcentrated,
    /// Export share of 10 % or more.
    ExportMarkets,
    /// Entering new markets or taking on many new buyers.
    NewMarkets,
    /// Terms over 60 days.
    LongTerms,
    /// Bad debts in the last three years.
    PastBadDebts,
}

/// Whether credit insurance is worth considering.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Verdict {
    /// Two or more criteria, or one with an expected loss reaching the premium.
    Recommended,
    /// One criterion.
    WorthConsidering,
    /// No criterion.
    NotNeededNow,
}

/// A measure to take; the app words it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Measure {
    /// Get credit insurance quoted, above all for the largest and export buyers.
    InsureReceivables,
    /// A credit limit on the largest buyer, reviewed as its exposure grows.
    LimitLargestBuyer,
    /// Check every new buyer before the first sale on credit.
    CheckNewBuyers,
    /// A dunning routine starting with a reminder before the due date.
    DunningBeforeDue,
    /// Shorter terms, or an early-payment discount.
    ShortenTerms,
    /// A credit limit per buyer.
    SetCreditLimits,
}

/// A low and a high estimate.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Range {
    /// The low end.
    pub low: Decimal,
    /// The high end, never below the low end.
    pub high: Decimal,
}

/// What the self-check finds.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SelfCheckResult {
    /// The currency of every amount.
    pub currency: Currency,
    /// Credit sales a year (= insured turnover).
    pub credit_sales: Decimal,
    /// Receivables open on an average day.
    pub receivables_at_risk: Decimal,
    /// A buyer's yearly probability of default.
    pub default_probability: Range,
    /// Expected bad debt a year.
    pub expected_loss: Range,
    /// The largest buyer's share of credit sales (at least 1 ÷ buyers).
    pub largest_share: Decimal,
    /// The buyers are concentrated: the concentration warning.
    pub concentrated: bool,
    /// The loss if the largest buyer failed: its share of the receivables × LGD.
    pub largest_buyer_loss: Decimal,
    /// The estimated premium a year.
    pub premium: Decimal,
    /// The criteria that fired, in the order of [`Criterion`].
    pub criteria: Vec<Criterion>,
    /// The verdict.
    pub verdict: Verdict,
    /// The first three measures.
    pub measures: Vec<Measure>,
}

/// Terms factor on the default probability (see the module docs).
fn terms_factor(days: u32) -> Decimal {
    match days {
        0..=30 => Decimal::ONE,
        31..=60 => Decimal::new(125, 2),
        61..=90 => Decimal::new(15, 1),
        _ => Decimal::TWO,
    }
}

/// Assesses the answers with the default settings for their currency.
///
/// # Errors
/// As [`SelfCheckInput::validate`].
///
/// # Example
/// A manufacturer with 20 million of turnover, 80 % on credit at 60 days:
/// credit sales 16,000,000; receivables 16,000,000 ÷ 365 × 70 ≈ 3,068,493;
/// a default probability of 1.0–2.0 % × 1.25; an expected loss of
/// 3,068,493 × 45 % × 1.25–2.5 % ≈ 17,260–34,521; a premium of
/// 0.25 % × 16,000,000 = 40,000. No criterion fires.
/// ```
/// use credit_core::selfcheck::{assess, Measure, SelfCheckInput, Verdict};
/// use credit_core::money::Currency;
/// use credit_core::Decimal;
/// let r = assess(&SelfCheckInput::example(Currency::CNY)).unwrap();
/// assert_eq!(r.receivables_at_risk.round_dp(0).to_string(), "3068493");
/// assert_eq!(r.expected_loss.low.round_dp(0).to_string(), "17260");
/// assert_eq!(r.expected_loss.high.round_dp(0).to_string(), "34521");
/// assert_eq!(r.premium, Decimal::from(40_000));
/// assert_eq!(r.verdict, Verdict::NotNeededNow);
/// assert_eq!(r.measures, [Measure::SetCreditLimits, Measure::DunningBeforeDue, Measure::CheckNewBuyers]);
/// ```
pub fn assess(input: &SelfCheckInput) -> Result<SelfCheckResult, SelfCheckError> {
    assess_with(input, &SelfCheckSettings::for_currency(input.currency))
}

/// Assesses the answers with explicit settings.
///
/// # Errors
/// As [`SelfCheckInput::validate`].
///
/// # Example
/// The same business with 60 % of its credit sales to one buyer and 30,000
/// of bad debts in three years: concentrated (turnover over 10 million) and
/// past bad debts, so insurance is recommended.
/// ```
/// use credit_core::selfcheck::{assess_with, Criterion, SelfCheckInput, SelfCheckSettings, Verdict};
/// use credit_core::money::Currency;
/// use credit_core::Decimal;
/// let mut a = SelfCheckInput::example(Currency::EUR);
/// a.largest_buyer_share = Decimal::new(6, 1);
/// a.bad_debts_3y = Decimal::from(30_000);
/// let r = assess_with(&a, &SelfCheckSettings::for_currency(Currency::EUR)).unwrap();
/// assert_eq!(r.criteria, [Criterion::LargeConcentrated, Criterion::PastBadDebts]);
/// assert_eq!(r.verdict, Verdict::Recommended);
/// // 60 % of 3,068,493 × 45 %:
/// assert_eq!(r.largest_buyer_loss.round_dp(0).to_string(), "828493");
/// ```
pub fn assess_with(
    input: &SelfCheckInput,
    settings: &SelfCheckSettings,
) -> Result<SelfCheckResult, SelfCheckError> {
    input.validate()?;
    let credit_sales = input.credit_sales();
    let receivables = credit_sales * Decimal::from(input.terms_days + ASSUMED_DELAY_DAYS)
        / Decimal::from(DAYS_PER_YEAR);

    let mut factor =
        terms_factor(input.terms_days) * (Decimal::ONE + input.export_share / Decimal::TWO);
    if input.new_markets {
        factor *= Decimal::new(12, 1);
    }
    let (pd_lo, pd_hi) = input.industry.pd_band();
    let pd = Range {
        low: pd_lo * factor,
        high: pd_hi * factor,
    };
    let per_year = input.bad_debts_3y / Decimal::from(3);
    let expected_loss = Range {
        low: (pd.low * settings.lgd * receivables).max(per_year / Decimal::TWO),
        high: (pd.high * settings.lgd * receivables).max(per_year),
    };

    let largest_share = if input.buyers == 0 {
        input.largest_buyer_share
    } else {
        input
            .largest_buyer_share
            .max(Decimal::ONE / Decimal::from(input.buyers))
    };
    let concentrated =
        largest_share >= settings.concentrated_share || input.buyers < settings.few_buyers;
    let largest_buyer_loss = receivables * largest_share * settings.lgd;

    let premium = if credit_sales.is_zero() {
        Decimal::ZERO
    } else {
        (settings.premium_rate * credit_sales).max(settings.minimum_premium)
    };

    let mut criteria = Vec::new();
    if !credit_sales.is_zero() {
        let fired = [
            (
                Criterion::LargeConcentrated,
                input.annual_turnover > settings.large_turnover && concentrated,
            ),
            (
                Criterion::ExportMarkets,
                input.export_share >= settings.export_share,
            ),
            (Criterion::NewMarkets, input.new_markets),
            (
                Criterion::LongTerms,
                input.terms_days > settings.long_terms_days,
            ),
            (Criterion::PastBadDebts, input.bad_debts_3y > Decimal::ZERO),
        ];
        criteria.extend(fired.into_iter().filter(|(_, f)| *f).map(|(c, _)| c));
    }
    let verdict = match criteria.len() {
        0 => Verdict::NotNeededNow,
        1 if expected_loss.high < premium => Verdict::WorthConsidering,
        _ => Verdict::Recommended,
    };
    let measures = measures(&criteria, verdict, concentrated);
    Ok(SelfCheckResult {
        currency: input.currency,
        credit_sales,
        receivables_at_risk: receivables,
        default_probability: pd,
        expected_loss,
        largest_share,
        concentrated,
        largest_buyer_loss,
        premium,
        criteria,
        verdict,
        measures,
    })
}

/// The first three measures of the ranked list whose condition holds.
fn measures(criteria: &[Criterion], verdict: Verdict, concentrated: bool) -> Vec<Measure> {
    let has = |c: Criterion| criteria.contains(&c);
    let ranked = [
        (Measure::InsureReceivables, verdict == Verdict::Recommended),
        (Measure::LimitLargestBuyer, concentrated),
        (
            Measure::CheckNewBuyers,
            has(Criterion::ExportMarkets) || has(Criterion::NewMarkets),
        ),
        (Measure::DunningBeforeDue, has(Criterion::PastBadDebts)),
        (Measure::ShortenTerms, has(Criterion::LongTerms)),
        (
            Measure::InsureReceivables,
            verdict == Verdict::WorthConsidering,
        ),
        (Measure::SetCreditLimits, true),
        (Measure::DunningBeforeDue, true),
        (Measure::CheckNewBuyers, true),
    ];
    let mut out = Vec::with_capacity(3);
    for (m, holds) in ranked {
        if holds && !out.contains(&m) {
            out.push(m);
            if out.len() == 3 {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn base() -> SelfCheckInput {
        SelfCheckInput::example(Currency::CNY)
    }

    /// Retail, 4,000,000 at 50 % on credit, 90 days, 20 % exported:
    /// credit sales 2,000,000; receivables 2,000,000 × 100 ÷ 365 =
    /// 547,945.205…; PD factor 1.5 × (1 + 0.2 ÷ 2) = 1.65, so PD 3.3–6.6 %;
    /// loss 547,945.205 × 0.45 × 0.033 = 8,136.99 and × 0.066 = 16,273.97;
    /// premium max(0.25 % × 2,000,000 = 5,000, 10,000) = 10,000.
    #[test]
    fn hand_computed_loss_range_and_minimum_premium() {
        let a = SelfCheckInput {
            annual_turnover: dec("4000000"),
            credit_share: dec("0.5"),
            terms_days: 90,
            export_share: dec("0.2"),
            industry: Industry::Retail,
            ..base()
        };
        let r = assess(&a).unwrap();
        assert_eq!(r.credit_sales, dec("2000000"));
        assert_eq!(r.receivables_at_risk.round_dp(3), dec("547945.205"));
        assert_eq!(r.default_probability.low, dec("0.033"));
        assert_eq!(r.default_probability.high, dec("0.066"));
        assert_eq!(r.expected_loss.low.round_dp(2), dec("8136.99"));
        assert_eq!(r.expected_loss.high.round_dp(2), dec("16273.97"));
        assert_eq!(r.premium, dec("10000"));
        // Long terms and export: two criteria.
        assert_eq!(r.criteria, [Criterion::ExportMarkets, Criterion::LongTerms]);
        assert_eq!(r.verdict, Verdict::Recommended);
        assert_eq!(
            r.measures,
            [
                Measure::InsureReceivables,
                Measure::CheckNewBuyers,
                Measure::ShortenTerms
            ]
        );
    }

    /// Issue 23, case 1: a shared link with the largest Decimal as its
    /// turnover (it crashed the page) is refused naming the answer; any
    /// answer within the bound still gives a result, never a panic.
    #[test]
    fn a_link_beyond_the_largest_amount_is_refused() {
        let link = "#v1&cur=EUR&t=79228162514264337593543950335&c=100&d=720&n=1&l=100&x=100&new=1&bd=79228162514264337593543950335&ind=whs";
        assert!(matches!(
            SelfCheckInput::from_fragment(link),
            Err(SelfCheckError::TooLarge {
                field: Field::AnnualTurnover,
                ..
            })
        ));
        let max = "1000000000000000";
        let link = format!(
            "#v1&cur=EUR&t={max}&c=100&d={MAX_TERMS_DAYS}&n=1&l=100&x=100&new=1&bd={max}&ind=whs"
        );
        let a = SelfCheckInput::from_fragment(&link).unwrap();
        assert!(assess(&a).is_ok());
    }

    /// History above the model: 90,000 in three years is 30,000 a year, so
    /// the range is [max(17,260, 15,000), max(34,521, 30,000)] for the
    /// example — and with 300,000 it is [50,000, 100,000].
    #[test]
    fn own_bad_debts_bound_the_range() {
        let mut a = base();
        a.bad_debts_3y = dec("90000");
        let r = assess(&a).unwrap();
        assert_eq!(r.expected_loss.low.round_dp(0), dec("17260"));
        assert_eq!(r.expected_loss.high.round_dp(0), dec("34521"));
        a.bad_debts_3y = dec("300000");
        let r = assess(&a).unwrap();
        assert_eq!(r.expected_loss.low, dec("50000"));
        assert_eq!(r.expected_loss.high, dec("100000"));
        // One criterion, and the loss (100,000) reaches the premium (40,000).
        assert_eq!(r.criteria, [Criterion::PastBadDebts]);
        assert_eq!(r.verdict, Verdict::Recommended);
    }

    #[test]
    fn one_criterion_below_the_premium_is_worth_considering() {
        let mut a = base();
        a.bad_debts_3y = dec("3000");
        let r = assess(&a).unwrap();
        assert_eq!(r.verdict, Verdict::WorthConsidering);
        assert_eq!(
            r.measures,
            [
                Measure::DunningBeforeDue,
                Measure::InsureReceivables,
                Measure::SetCreditLimits
            ]
        );
    }

    #[test]
    fn one_buyer_is_all_of_the_sales() {
        let mut a = base();
        a.buyers = 1;
        a.largest_buyer_share = dec("0.3");
        let r = assess(&a).unwrap();
        assert_eq!(r.largest_share, Decimal::ONE);
        assert!(r.concentrated);
        assert_eq!(r.criteria, [Criterion::LargeConcentrated]);
        assert_eq!(r.measures[0], Measure::LimitLargestBuyer);
    }

    #[test]
    fn no_credit_sales_nothing_to_insure() {
        let mut a = base();
        a.credit_share = Decimal::ZERO;
        a.buyers = 0;
        a.terms_days = 120;
        a.bad_debts_3y = dec("5000");
        let r = assess(&a).unwrap();
        assert_eq!(r.premium, Decimal::ZERO);
        assert!(r.criteria.is_empty());
        assert_eq!(r.verdict, Verdict::NotNeededNow);
    }

    #[test]
    fn invalid_answers_name_field_value_and_reason() {
        let mut a = base();
        a.annual_turnover = dec("-1");
        let e = assess(&a).unwrap_err();
        assert_eq!(e.field(), Some(Field::AnnualTurnover));
        assert_eq!(
            e.to_string(),
            "annual turnover: -1 is negative; it must be zero or more"
        );
        let mut a = base();
        a.terms_days = 400;
        assert_eq!(
            assess(&a).unwrap_err().to_string(),
            "average terms: 400 days is more than 365"
        );
        let mut a = base();
        a.buyers = 0;
        assert_eq!(assess(&a).unwrap_err(), SelfCheckError::NoBuyers);
        let mut a = base();
        a.export_share = dec("-0.1");
        assert_eq!(assess(&a).unwrap_err().field(), Some(Field::ExportShare));
    }

    #[test]
    fn links_round_trip_and_reject_nonsense() {
        let mut a = base();
        a.credit_share = dec("0.125");
        a.new_markets = true;
        a.bad_debts_3y = dec("1234.5");
        a.industry = Industry::Transport;
        assert_eq!(SelfCheckInput::from_fragment(&a.to_fragment()), Ok(a));
        for bad in [
            "",
            "v2&cur=CNY",
            "v1&cur=CNY&t=1&c=150&d=1&n=1&l=1&x=0&new=0&bd=0&ind=mfg",
            "v1&cur=CNY&t=1&c=50&d=1&n=1&l=1&x=0&new=2&bd=0&ind=mfg",
            "v1&cur=CNY&t=1&c=50&d=1&n=1&l=1&x=0&new=0&bd=0&ind=zzz",
            "v1&cur=C1&t=1&c=50&d=1&n=1&l=1&x=0&new=0&bd=0&ind=mfg",
        ] {
            assert!(SelfCheckInput::from_fragment(bad).is_err(), "{bad}");
        }
    }

    fn answers() -> impl Strategy<Value = SelfCheckInput> {
        (
            0u64..100_000_000,
            0u32..=100,
            0u32..=MAX_TERMS_DAYS,
            1u32..500,
            0u32..=100,
            0u32..=100,
            any::<bool>(),
            0u64..5_000_000,
            0usize..Industry::ALL.len(),
        )
            .prop_map(|(t, c, d, n, l, x, new, bd, ind)| SelfCheckInput {
                currency: Currency::CNY,
                annual_turnover: Decimal::from(t),
                credit_share: Decimal::new(c.into(), 2),
                terms_days: d,
                buyers: n,
                largest_buyer_share: Decimal::new(l.into(), 2),
                export_share: Decimal::new(x.into(), 2),
                new_markets: new,
                bad_debts_3y: Decimal::from(bd),
                industry: Industry::ALL[ind],
            })
    }

    proptest! {
        #[test]
        fn more_bad_debts_never_lower_the_loss(a in answers(), more in 0u64..5_000_000) {
            let r1 = assess(&a).unwrap();
            let mut b = a.clone();
            b.bad_debts_3y += Decimal::from(more);
            let r2 = assess(&b).unwrap();
            prop_assert!(r2.expected_loss.low >= r1.expected_loss.low);
            prop_assert!(r2.expected_loss.high >= r1.expected_loss.high);
        }

        #[test]
        fn ranges_are_ordered_and_three_distinct_measures(a in answers()) {
            let r = assess(&a).unwrap();
            prop_assert!(r.expected_loss.low <= r.expected_loss.high);
            prop_assert!(r.default_probability.low <= r.default_probability.high);
            prop_assert_eq!(r.measures.len(), 3);
            prop_assert!(r.measures.iter().all(|m| r.measures.iter().filter(|n| *n == m).count() == 1));
            prop_assert_eq!(r.verdict == Verdict::NotNeededNow, r.criteria.is_empty());
            prop_assert_eq!(SelfCheckInput::from_fragment(&a.to_fragment()), Ok(a));
        }
    }
}
