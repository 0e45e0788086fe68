//! The risk heat map: each buyer placed by its grade (likelihood, 1 best →
//! 10 default) against its exposure (impact: its share of the receivables,
//! in five [`Band`]s), and each cell's risk [`Zone`].
//!
//! Impact bands by share of total AR: under 1 %, 1–5 %, 5–10 %, 10–20 %
//! and 20 % or more (the concentration alert's default threshold), each
//! band holding its lower bound. Likelihood pairs the grades: 1–2, 3–4,
//! 5–6, 7–8, 9–10 score 0 to 4; with the band's index (0 to 4) the sum
//! says the zone: 0–2 low, 3–4 medium, 5 and more high. A buyer not
//! assessed has no grade and no zone: it is never placed at a made-up
//! grade.

use rust_decimal::Decimal;

/// An impact band: a buyer's share of the receivables.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Band {
    /// Under 1 %.
    UnderOne,
    /// 1 % to under 5 %.
    OneToFive,
    /// 5 % to under 10 %.
    FiveToTen,
    /// 10 % to under 20 %.
    TenToTwenty,
    /// 20 % or more.
    OverTwenty,
}

impl Band {
    /// Every band, lowest impact first.
    pub const ALL: [Band; 5] = [
        Band::UnderOne,
        Band::OneToFive,
        Band::FiveToTen,
        Band::TenToTwenty,
        Band::OverTwenty,
    ];

    /// The band of a share of the receivables (a fraction: 0.05 is 5 %).
    ///
    /// # Example
    /// ```
    /// use credit_core::heatmap::Band;
    /// use credit_core::Decimal;
    /// assert_eq!(Band::of(Decimal::new(9, 3)), Band::UnderOne);
    /// assert_eq!(Band::of(Decimal::new(5, 2)), Band::FiveToTen);
    /// assert_eq!(Band::of(Decimal::new(2, 1)), Band::OverTwenty);
    /// ```
    pub fn of(share: Decimal) -> Band {
        let pct = share * Decimal::ONE_HUNDRED;
        if pct < Decimal::ONE {
            Band::UnderOne
        } else if pct < Decimal::from(5) {
            Band::OneToFive
        } else if pct < Decimal::from(10) {
            Band::FiveToTen
        } else if pct < Decimal::from(20) {
            Band::TenToTwenty
        } else {
            Band::OverTwenty
        }
    }

    /// The band's rank, 0 (under 1 %) to 4 (20 % or more).
    ///
    /// # Example
    /// ```
    /// use credit_core::heatmap::Band;
    /// assert_eq!(Band::UnderOne.index(), 0);
    /// assert_eq!(Band::OverTwenty.index(), 4);
    /// ```
    pub fn index(self) -> u8 {
        match self {
            Band::UnderOne => 0,
            Band::OneToFive => 1,
            Band::FiveToTen => 2,
            Band::TenToTwenty => 3,
            Band::OverTwenty => 4,
        }
    }
}

/// The risk of a cell of the heat map.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Zone {
    /// Likelihood and impact low together.
    Low,
    /// In between.
    Medium,
    /// Likelihood and impact high together.
    High,
    /// The buyer is not assessed: no grade, so no zone.
    NotAssessed,
}

/// The zone of a cell: a grade (1 best … 10 default; `None` when not
/// assessed; a grade outside 1–10 is taken as the nearest) and a band.
///
/// # Example
/// ```
/// use credit_core::heatmap::{zone, Band, Zone};
/// assert_eq!(zone(Some(1), Band::UnderOne), Zone::Low);
/// assert_eq!(zone(Some(5), Band::OneToFive), Zone::Medium); // 2 + 1
/// assert_eq!(zone(Some(10), Band::OverTwenty), Zone::High); // 4 + 4
/// assert_eq!(zone(None, Band::OverTwenty), Zone::NotAssessed);
/// ```
pub fn zone(grade: Option<u8>, band: Band) -> Zone {
    let Some(grade) = grade else {
        return Zone::NotAssessed;
    };
    let likelihood = (grade.clamp(1, 10) - 1) / 2;
    match likelihood + band.index() {
        0..=2 => Zone::Low,
        3..=4 => Zone::Medium,
        _ => Zone::High,
    }
}
