//! Late interest by regime ([`late_interest`]) and the fixed compensation
//! ([`compensation_due`], [`compensation`]).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::DunningError;
use crate::invoice::Invoice;
use crate::money::Currency;

/// A late-interest regime.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Directive 2011/7/EU: reference + 8 points, €40.
    Eu,
    /// Germany: base rate + 9 points, €40.
    Germany,
    /// France: reference + 10 points, €40.
    France,
    /// UK Late Payment Act: base rate + 8, £40/£70/£100.
    Uk,
    /// China: the contract rate, or 0.05 % a day for an SME paid late.
    China,
    /// A contract rate.
    Contract,
}

keyed!(Regime {
    Eu => "eu", "EU (Directive 2011/7/EU)", "欧盟（2011/7/EU 指令）";
    Germany => "de", "Germany", "德国";
    France => "fr", "France", "法国";
    Uk => "uk", "UK (Late Payment Act)", "英国（逾期付款法）";
    China => "cn", "China", "中国";
    Contract => "contract", "Contract rate", "合同利率";
});

impl Regime {
    /// Points over the reference rate, for the regimes that have one.
    pub fn margin(self) -> Option<Decimal> {
        match self {
            Regime::Eu | Regime::Uk => Some(Decimal::from(8)),
            Regime::Germany => Some(Decimal::from(9)),
            Regime::France => Some(Decimal::from(10)),
            Regime::China | Regime::Contract => None,
        }
    }
}

/// A reference (or base) rate as entered, in force from a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefRate {
    /// In force from.
    pub from: NaiveDate,
    /// Percent a year (4.5 = 4.5 %).
    pub rate: Decimal,
}

/// How late interest is charged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterestSettings {
    /// The regime.
    pub regime: Regime,
    /// Reference or base rates with their dates.
    pub reference_rates: Vec<RefRate>,
    /// The contract rate, percent a year.
    pub contract_rate: Option<Decimal>,
    /// China: 0.05 % a day where no rate was agreed.
    pub china_sme_daily: bool,
    /// Charge the fixed compensation.
    pub compensation: bool,
}

impl InterestSettings {
    /// Whether a rate the regime can use was entered: without one no late
    /// interest is charged (a plan shows none, a letter says 0).
    pub fn has_rate(&self) -> bool {
        match self.regime {
            Regime::Contract => self.contract_rate.is_some(),
            Regime::China => self.contract_rate.is_some() || self.china_sme_daily,
            Regime::Eu | Regime::Germany | Regime::France | Regime::Uk => {
                !self.reference_rates.is_empty()
            }
        }
    }
}

impl Default for InterestSettings {
    fn default() -> Self {
        InterestSettings {
            regime: Regime::Contract,
            reference_rates: Vec::new(),
            contract_rate: None,
            china_sme_daily: false,
            compensation: true,
        }
    }
}

/// One interest segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days.
    pub days: i64,
    /// Principal, the invoice's currency.
    pub principal: Decimal,
    /// Percent a year (the China daily rate as its yearly equivalent,
    /// 0.05 × 365 = 18.25).
    pub rate: Decimal,
    /// Interest.
    pub interest: Decimal,
}

/// Late interest on one invoice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterestCalc {
    /// The invoice's currency.
    pub currency: Currency,
    /// The segments.
    pub segments: Vec<Segment>,
    /// Interest, full precision.
    pub interest: Decimal,
    /// The fixed compensation (0 when none).
    pub compensation: Decimal,
    /// Its currency.
    pub compensation_currency: Currency,
}

/// Whether the fixed compensation is owed on an invoice as of a date:
/// once late-payment interest runs (Directive 2011/7/EU art. 6(1); UK Late
/// Payment Act s.5A) — the due date has passed (`as_of` after it) and the
/// payments dated on or before the due date (and not after `as_of`) do not
/// cover the gross amount. Paid in full by the due date: none; paid in
/// full after it, or still unpaid after it: owed.
///
/// # Example
/// ```
/// use credit_core::dunning::compensation_due;
/// use credit_core::invoice::{Invoice, Payment};
/// use credit_core::money::Currency;
/// use credit_core::{Decimal, NaiveDate};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let mut inv = Invoice {
///     kind: Default::default(),
///     id: "1".into(),
///     customer_id: "C".into(),
///     issue_date: d("2025-03-01"),
///     due_date: d("2025-03-31"),
///     currency: Currency::EUR,
///     gross: Decimal::from(1000),
///     vat: None,
///     payments: vec![],
///     dispute: None,
/// };
/// assert!(!compensation_due(&inv, d("2025-03-31")));
/// assert!(compensation_due(&inv, d("2025-04-01")));
/// inv.payments.push(Payment { date: d("2025-03-20"), amount: Decimal::from(1000) });
/// assert!(!compensation_due(&inv, d("2025-04-30")));
/// ```
pub fn compensation_due(inv: &Invoice, as_of: NaiveDate) -> bool {
    if as_of <= inv.due_date {
        return false;
    }
    let paid_by_due: Decimal = inv
        .payments
        .iter()
        .filter(|p| p.date <= inv.due_date && p.date <= as_of)
        .map(|p| p.amount)
        .sum();
    paid_by_due < inv.gross
}

/// The fixed compensation of a regime for a debt (when it is owed, see
/// [`compensation_due`]): €40 (EU, Germany, France; Directive 2011/7/EU
/// art. 6(1)); £40 / £70 / £100 (UK, Late Payment Act s.5A, by the debt in
/// sterling: under £1,000, £1,000 to £9,999.99, £10,000 or more); none
/// otherwise.
///
/// `gbp_rate` is the value of 1 unit of the debt's currency in GBP, used
/// only for a UK debt not in GBP; without it that is
/// [`DunningError::NoGbpRate`].
///
/// # Example
/// ```
/// use credit_core::dunning::{compensation, Regime};
/// use credit_core::money::Currency;
/// use credit_core::Decimal;
/// let gbp = Some(Decimal::new(5, 3)); // ¥1 = £0.005
/// // ¥5,000 is £25: under £1,000.
/// assert_eq!(
///     compensation(Regime::Uk, Decimal::from(5000), Currency::JPY, gbp),
///     Ok((Decimal::from(40), Currency::GBP))
/// );
/// assert!(compensation(Regime::Uk, Decimal::from(5000), Currency::JPY, None).is_err());
/// ```
pub fn compensation(
    regime: Regime,
    debt: Decimal,
    currency: Currency,
    gbp_rate: Option<Decimal>,
) -> Result<(Decimal, Currency), DunningError> {
    Ok(match regime {
        Regime::Eu | Regime::Germany | Regime::France => (Decimal::from(40), Currency::EUR),
        Regime::Uk => {
            let debt = if currency == Currency::GBP {
                debt
            } else {
                let r = gbp_rate.ok_or(DunningError::NoGbpRate { currency })?;
                debt.checked_mul(r).unwrap_or(Decimal::MAX)
            };
            let x = if debt < Decimal::from(1_000) {
                40
            } else if debt < Decimal::from(10_000) {
                70
            } else {
                100
            };
            (Decimal::from(x), Currency::GBP)
        }
        Regime::China | Regime::Contract => (Decimal::ZERO, currency),
    })
}

/// The first day of the half-year holding `d`.
fn half_year(d: NaiveDate) -> NaiveDate {
    let m = if d.month() >= 7 { 7 } else { 1 };
    NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap_or(d)
}

/// The rate a year (percent) for a day `d` of a debt whose interest
/// starts to run on `runs_from` (the day after its due date).
fn rate_on(
    s: &InterestSettings,
    d: NaiveDate,
    runs_from: NaiveDate,
) -> Result<Decimal, DunningError> {
    let in_force = |on: NaiveDate| {
        s.reference_rates
            .iter()
            .filter(|r| r.from <= on)
            .max_by_key(|r| r.from)
            .map(|r| r.rate)
    };
    match s.regime.margin() {
        // UK: the base rate on the 31 December or 30 June before the day
        // interest starts to run, fixed for the debt.
        Some(m) if s.regime == Regime::Uk => {
            let reference_day = half_year(runs_from).pred_opt().unwrap_or(runs_from);
            let r = in_force(reference_day)
                .or_else(|| in_force(runs_from))
                .ok_or(DunningError::NoRate {
                    regime: s.regime,
                    date: reference_day,
                })?;
            Ok(r + m)
        }
        // EU, Germany, France: the rate on the first day of each half-year.
        Some(m) => {
            let r = in_force(half_year(d))
                .or_else(|| in_force(d))
                .ok_or(DunningError::NoRate {
                    regime: s.regime,
                    date: d,
                })?;
            Ok(r + m)
        }
        None => match (s.regime, s.contract_rate) {
            (_, Some(r)) => Ok(r),
            (Regime::China, None) if s.china_sme_daily => Ok(Decimal::new(1825, 2)),
            _ => Err(DunningError::NoRate {
                regime: s.regime,
                date: d,
            }),
        },
    }
}

/// Late interest on an invoice as of a date: simple, actual/365, from the
/// day after the due date (or after `charged_through`) through `as_of`,
/// segment by segment (see the module docs for the rate of each regime).
/// The compensation is the regime's fixed sum when `s.compensation` and it
/// is owed ([`compensation_due`]: not paid in full by the due date);
/// `gbp_rate`, the value of 1 unit of the invoice's currency in GBP, is
/// needed for the UK sum of an invoice not in GBP
/// ([`DunningError::NoGbpRate`] without it) and used for nothing else.
///
/// # Errors
/// [`DunningError::NoRate`] when the regime has no rate for a day that
/// bears interest (no reference rate entered, no contract rate);
/// [`DunningError::NoGbpRate`] for the UK sum of a debt not in GBP without
/// `gbp_rate`.
///
/// # Example
/// ```
/// use credit_core::dunning::{late_interest, InterestSettings, RefRate, Regime};
/// use credit_core::invoice::Invoice;
/// use credit_core::money::Currency;
/// use credit_core::{Decimal, NaiveDate};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let inv = Invoice {
///     kind: Default::default(),
///     id: "1".into(),
///     customer_id: "C".into(),
///     issue_date: d("2026-01-01"),
///     due_date: d("2026-01-31"),
///     currency: Currency::EUR,
///     gross: Decimal::from(10_000),
///     vat: None,
///     payments: vec![],
///     dispute: None,
/// };
/// // EU: reference 2.15 % + 8 points; 1 Feb – 2 Mar is 30 days:
/// // 10,000 × 10.15 % × 30 / 365 = 83.42.
/// let s = InterestSettings {
///     regime: Regime::Eu,
///     reference_rates: vec![RefRate { from: d("2026-01-01"), rate: "2.15".parse().unwrap() }],
///     ..InterestSettings::default()
/// };
/// let c = late_interest(&inv, d("2026-03-02"), &s, None, None).unwrap();
/// assert_eq!(c.interest.round_dp(2).to_string(), "83.42");
/// assert_eq!(c.compensation, Decimal::from(40));
/// // No reference rate entered: no interest can be charged.
/// let none = InterestSettings { regime: Regime::Eu, ..InterestSettings::default() };
/// assert!(late_interest(&inv, d("2026-03-02"), &none, None, None).is_err());
/// ```
pub fn late_interest(
    inv: &Invoice,
    as_of: NaiveDate,
    s: &InterestSettings,
    charged_through: Option<NaiveDate>,
    gbp_rate: Option<Decimal>,
) -> Result<InterestCalc, DunningError> {
    let runs_from = inv.due_date.succ_opt().unwrap_or(inv.due_date);
    let mut start = runs_from;
    if let Some(c) = charged_through {
        start = start.max(c.succ_opt().unwrap_or(c));
    }
    let end = as_of; // inclusive
    let mut segments = Vec::new();
    if start <= end {
        // Breakpoints: the day after each payment, each half-year start.
        let mut cuts: Vec<NaiveDate> = inv
            .payments
            .iter()
            .filter(|p| p.date <= as_of)
            .filter_map(|p| p.date.succ_opt())
            .filter(|d| *d > start && *d <= end)
            .collect();
        let mut h = half_year(start);
        loop {
            h = NaiveDate::from_ymd_opt(
                if h.month() == 7 {
                    h.year() + 1
                } else {
                    h.year()
                },
                if h.month() == 7 { 1 } else { 7 },
                1,
            )
            .unwrap_or(end);
            if h > end {
                break;
            }
            cuts.push(h);
        }
        cuts.push(start);
        crate::sorting::sort_by(&mut cuts, |a, b| a.cmp(b));
        cuts.dedup();
        for (k, from) in cuts.iter().enumerate() {
            let to = cuts.get(k + 1).and_then(|d| d.pred_opt()).unwrap_or(end);
            let paid: Decimal = inv
                .payments
                .iter()
                .filter(|p| p.date < *from && p.date <= as_of)
                .map(|p| p.amount)
                .sum();
            let principal = inv.gross - paid;
            if principal <= Decimal::ZERO {
                continue;
            }
            let rate = rate_on(s, *from, runs_from)?;
            let days = (to - *from).num_days() + 1;
            let interest =
                principal * rate / Decimal::ONE_HUNDRED * Decimal::from(days) / Decimal::from(365);
            // Merge with the segment before when nothing changed.
            match segments.last_mut() {
                Some(Segment {
                    to: t,
                    days: d,
                    principal: p,
                    rate: r,
                    interest: i,
                    ..
                }) if *p == principal && *r == rate => {
                    *t = to;
                    *d += days;
                    *i += interest;
                }
                _ => segments.push(Segment {
                    from: *from,
                    to,
                    days,
                    principal,
                    rate,
                    interest,
                }),
            }
        }
    }
    let interest = segments.iter().map(|x| x.interest).sum();
    let (compensation, compensation_currency) = if s.compensation && compensation_due(inv, as_of) {
        compensation(s.regime, inv.gross, inv.currency, gbp_rate)?
    } else {
        (Decimal::ZERO, inv.currency)
    };
    Ok(InterestCalc {
        currency: inv.currency,
        segments,
        interest,
        compensation,
        compensation_currency,
    })
}
