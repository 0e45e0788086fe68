//! The cost of skipping an early-payment discount "d/D net N".
//!
//! Choices where the domain brief is silent:
//!
//! - **Discount text**: "2/10/30", "2/10 net 30", "2/10 n30", "2%/10/30",
//!   "1.5/10/45" (the discount in per cent, then whole days); the percentage
//!   must be strictly between 0 and 100. Net days not after the discount
//!   days are refused by [`discount_cost`], not by the parser.
//! - **Discount cost** is computed with exact decimal arithmetic; the
//!   effective rate's fractional power uses `exp(y·ln x)` by series to 28
//!   digits (no floating point, no `maths` feature needed).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::CashError;

/// An early-payment discount "d/D net N".
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Discount {
    /// The discount as a fraction (0.02 for 2 %).
    pub rate: Decimal,
    /// Days within which it may be taken.
    pub discount_days: u32,
    /// Days within which the full amount is due.
    pub net_days: u32,
}

impl FromStr for Discount {
    type Err = CashError;

    /// Reads "2/10/30", "2/10 net 30", "2/10 n30", "2%/10/30" or
    /// "1.5/10/45".
    ///
    /// # Example
    /// ```
    /// use credit_core::cash::Discount;
    /// use credit_core::Decimal;
    /// let d: Discount = "2/10 net 30".parse().unwrap();
    /// assert_eq!((d.rate, d.discount_days, d.net_days), (Decimal::new(2, 2), 10, 30));
    /// ```
    fn from_str(text: &str) -> Result<Self, CashError> {
        let bad = || CashError::BadDiscount {
            text: text.to_string(),
        };
        let t = text
            .to_ascii_lowercase()
            .replace('%', " ")
            .replace("net", "/");
        let parts: Vec<&str> = t
            .split(|c: char| c == '/' || c.is_whitespace() || c == 'n')
            .filter(|p| !p.is_empty())
            .collect();
        let [d, dd, nn] = parts.as_slice() else {
            return Err(bad());
        };
        let percent = Decimal::from_str(d).map_err(|_| bad())?;
        let discount_days: u32 = dd.parse().map_err(|_| bad())?;
        let net_days: u32 = nn.parse().map_err(|_| bad())?;
        if percent <= Decimal::ZERO || percent >= Decimal::ONE_HUNDRED {
            return Err(CashError::RateOutOfRange { percent });
        }
        Ok(Discount {
            rate: percent / Decimal::ONE_HUNDRED,
            discount_days,
            net_days,
        })
    }
}

/// The annual cost of skipping a discount.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct DiscountCost {
    /// d/(1−d) × 365/(N−D), a fraction.
    pub simple: Decimal,
    /// (1 + d/(1−d))^(365/(N−D)) − 1, a fraction.
    pub effective: Decimal,
}

/// ln(x) for x > 0, by the series of atanh after halving into [0.5, 2].
fn ln(x: Decimal) -> Decimal {
    let two = Decimal::TWO;
    let mut x = x;
    let mut k = 0i64;
    while x > two {
        x /= two;
        k += 1;
    }
    while x < Decimal::new(5, 1) {
        x *= two;
        k -= 1;
    }
    let z = (x - Decimal::ONE) / (x + Decimal::ONE);
    let z2 = z * z;
    let mut term = z;
    let mut sum = Decimal::ZERO;
    for n in 0..60 {
        let t = term / Decimal::from(2 * n + 1);
        if t.is_zero() {
            break;
        }
        sum += t;
        term *= z2;
    }
    // ln 2 to 28 digits.
    let ln2 = Decimal::from_str("0.6931471805599453094172321215").unwrap_or_default();
    two * sum + Decimal::from(k) * ln2
}

/// exp(x) by its series after halving x below 1/8.
fn exp(x: Decimal) -> Decimal {
    let mut x = x;
    let mut halvings = 0;
    while x.abs() > Decimal::new(125, 3) {
        x /= Decimal::TWO;
        halvings += 1;
    }
    let mut sum = Decimal::ONE;
    let mut term = Decimal::ONE;
    for n in 1..40 {
        term = term * x / Decimal::from(n);
        if term.is_zero() {
            break;
        }
        sum += term;
    }
    for _ in 0..halvings {
        sum *= sum;
    }
    sum
}

/// The cost of skipping an early-payment discount.
///
/// # Errors
/// [`CashError::NetNotAfterDiscount`] or [`CashError::RateOutOfRange`].
///
/// # Example
/// ```
/// use credit_core::cash::{discount_cost, Discount};
/// use credit_core::Decimal;
/// let c = discount_cost(&"2/10/30".parse::<Discount>().unwrap()).unwrap();
/// assert_eq!((c.simple * Decimal::ONE_HUNDRED).round_dp(1), Decimal::new(372, 1));
/// assert_eq!((c.effective * Decimal::ONE_HUNDRED).round_dp(1), Decimal::new(446, 1));
/// ```
pub fn discount_cost(d: &Discount) -> Result<DiscountCost, CashError> {
    if d.rate <= Decimal::ZERO || d.rate >= Decimal::ONE {
        return Err(CashError::RateOutOfRange {
            percent: d.rate * Decimal::ONE_HUNDRED,
        });
    }
    if d.net_days <= d.discount_days {
        return Err(CashError::NetNotAfterDiscount {
            discount: d.discount_days,
            net: d.net_days,
        });
    }
    let r = d.rate / (Decimal::ONE - d.rate);
    let periods = Decimal::from(365) / Decimal::from(d.net_days - d.discount_days);
    Ok(DiscountCost {
        simple: r * periods,
        effective: exp(periods * ln(Decimal::ONE + r)) - Decimal::ONE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_and_exp_are_accurate() {
        let e = exp(Decimal::ONE);
        assert_eq!(e.round_dp(12), Decimal::from_str("2.718281828459").unwrap());
        assert_eq!(ln(e).round_dp(12), Decimal::ONE);
        assert_eq!(
            ln(Decimal::from(10)).round_dp(12),
            Decimal::from_str("2.302585092994").unwrap()
        );
        assert_eq!(exp(Decimal::ZERO), Decimal::ONE);
        assert_eq!(exp(ln(Decimal::from(3))).round_dp(10), Decimal::from(3));
    }
}
