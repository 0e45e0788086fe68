//! Money: a [`Decimal`] amount with an ISO 4217 [`Currency`], and the dated
//! [`FxTable`] that is the only way amounts in different currencies meet.
//!
//! Computations keep full precision; [`round_minor`] rounds half-even to the
//! currency's minor unit, for showing and exporting only.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest amount (in absolute value) one line may carry: one
/// quadrillion (10^15) in its currency. Ten million lines at this bound,
/// times the days of a year, stay far inside what a `Decimal` holds
/// (7.9 × 10^28), so no sum, average or interest of the reports can
/// overflow. A file, a backup or a link with a larger amount is refused,
/// saying this limit (issue 23).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x3_8D7E, 0, false, 0);

/// Whether an amount is within [`MAX_AMOUNT`].
pub fn within_bounds(x: Decimal) -> bool {
    x.abs() <= MAX_AMOUNT
}

/// Errors from money, currency and FX operations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The text is not a three-letter ISO 4217 code.
    #[error("'{value}' is not an ISO 4217 currency code (three letters, e.g. CNY)")]
    InvalidCurrency {
        /// The text given.
        value: String,
    },
    /// Two amounts in different currencies were combined without a rate.
    #[error("cannot combine {left} and {right} without an exchange rate")]
    CurrencyMismatch {
        /// The first currency.
        left: Currency,
        /// The second currency.
        right: Currency,
    },
    /// No rate for the currency dated on or before the date.
    #[error("no exchange rate for {currency} dated on or before {date}")]
    NoRate {
        /// The currency without a rate.
        currency: Currency,
        /// The date a rate was needed for.
        date: NaiveDate,
    },
    /// A rate that is zero or negative.
    #[error("the exchange rate {rate} for {currency} on {date} must be above zero")]
    InvalidRate {
        /// The currency.
        currency: Currency,
        /// The rate's date.
        date: NaiveDate,
        /// The rate given.
        rate: Decimal,
    },
}

/// An ISO 4217 currency code, such as `CNY`.
///
/// # Example
/// ```
/// use credit_core::money::Currency;
/// let c: Currency = "eur".parse().unwrap();
/// assert_eq!(c.code(), "EUR");
/// assert_eq!(Currency::JPY.minor_units(), 0);
/// assert!("E1".parse::<Currency>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Chinese yuan renminbi.
    pub const CNY: Currency = Currency(*b"CNY");
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");
    /// US dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// Pound sterling.
    pub const GBP: Currency = Currency(*b"GBP");
    /// Japanese yen (no minor unit).
    pub const JPY: Currency = Currency(*b"JPY");
    /// South Korean won (no minor unit).
    pub const KRW: Currency = Currency(*b"KRW");

    /// Parses a three-letter code, case-insensitively.
    ///
    /// # Errors
    /// [`MoneyError::InvalidCurrency`] unless the text is three ASCII letters.
    pub fn new(code: &str) -> Result<Self, MoneyError> {
        let code = code.trim();
        let b = code.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_alphabetic) {
            return Err(MoneyError::InvalidCurrency {
                value: code.to_string(),
            });
        }
        Ok(Currency([
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
            b[2].to_ascii_uppercase(),
        ]))
    }

    /// The code, e.g. `"CNY"`.
    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Digits after the decimal point of the currency's minor unit (ISO 4217):
    /// 0 for JPY, KRW and a few others, 3 for the dinars, 2 otherwise.
    pub fn minor_units(&self) -> u32 {
        match &self.0 {
            b"JPY" | b"KRW" | b"VND" | b"CLP" | b"ISK" | b"UGX" | b"XOF" | b"XAF" | b"PYG" => 0,
            b"BHD" | b"KWD" | b"OMR" | b"JOD" | b"TND" | b"LYD" | b"IQD" => 3,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::new(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::new(&s).map_err(serde::de::Error::custom)
    }
}

/// An amount in a currency.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Money {
    /// The amount, at full precision.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in a currency.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Adds an amount in the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] when the currencies differ: different
    /// currencies are only ever added after an explicit conversion.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            });
        }
        Ok(Money::new(self.amount + other.amount, self.currency))
    }

    /// The amount rounded half-even to the currency's minor unit.
    pub fn rounded(&self) -> Decimal {
        round_minor(self.amount, self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.currency,
            format_amount(self.amount, self.currency)
        )
    }
}

/// Rounds half-even ("banker's rounding") to the currency's minor unit.
///
/// # Example
/// ```
/// use credit_core::money::{round_minor, Currency};
/// use rust_decimal::Decimal;
/// let d: Decimal = "2.125".parse().unwrap();
/// assert_eq!(round_minor(d, Currency::EUR).to_string(), "2.12");
/// assert_eq!(round_minor(d, Currency::JPY).to_string(), "2");
/// ```
pub fn round_minor(amount: Decimal, currency: Currency) -> Decimal {
    amount.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointNearestEven,
    )
}

/// Formats an amount rounded to the currency's minor unit, with `,` between
/// thousands and `.` before the decimals — the convention of both English and
/// zh-CN — and a leading `-` when negative.
///
/// # Example
/// ```
/// use credit_core::money::{format_amount, Currency};
/// use rust_decimal::Decimal;
/// let d: Decimal = "-1234567.125".parse().unwrap();
/// assert_eq!(format_amount(d, Currency::CNY), "-1,234,567.12");
/// assert_eq!(format_amount(d, Currency::JPY), "-1,234,567");
/// ```
pub fn format_amount(amount: Decimal, currency: Currency) -> String {
    let r = round_minor(amount, currency);
    let dp = currency.minor_units() as usize;
    let s = format!("{:.*}", dp, r.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    if r.is_sign_negative() && !r.is_zero() {
        out.push('-');
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// One exchange rate: on and after `date`, one unit of `currency` is worth
/// `rate` units of the table's base currency (until a later rate).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct FxRate {
    /// The foreign currency.
    pub currency: Currency,
    /// The date the rate applies from.
    pub date: NaiveDate,
    /// Units of the base currency per unit of `currency`.
    pub rate: Decimal,
}

/// A user-entered table of dated rates to a base currency. There is no
/// network: every rate comes from the user (or the demo).
///
/// # Example
/// ```
/// use credit_core::money::{Currency, FxRate, FxTable, Money};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let mut fx = FxTable::new(Currency::CNY);
/// fx.insert(FxRate { currency: Currency::EUR, date: d("2025-01-01"), rate: "7.8".parse().unwrap() }).unwrap();
/// let eur = Money::new(Decimal::from(100), Currency::EUR);
/// assert_eq!(fx.convert(eur, d("2025-03-31")).unwrap(), Decimal::from(780));
/// // No rate dated on or before 2024-12-31: an error, never a guess.
/// assert!(fx.convert(eur, d("2024-12-31")).is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct FxTable {
    base: Currency,
    /// Sorted by currency, then date; one rate per currency and date.
    rates: Vec<FxRate>,
}

impl FxTable {
    /// An empty table for a base currency.
    pub fn new(base: Currency) -> Self {
        FxTable {
            base,
            rates: Vec::new(),
        }
    }

    /// The base currency.
    pub fn base(&self) -> Currency {
        self.base
    }

    /// All rates, sorted by currency and date.
    pub fn rates(&self) -> &[FxRate] {
        &self.rates
    }

    /// The currencies the table can convert, the base first.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut out = vec![self.base];
        for r in &self.rates {
            if !out.contains(&r.currency) {
                out.push(r.currency);
            }
        }
        out
    }

    /// Adds a rate, replacing one for the same currency and date.
    ///
    /// # Errors
    /// [`MoneyError::InvalidRate`] for a rate that is not above zero.
    pub fn insert(&mut self, rate: FxRate) -> Result<(), MoneyError> {
        if rate.rate <= Decimal::ZERO {
            return Err(MoneyError::InvalidRate {
                currency: rate.currency,
                date: rate.date,
                rate: rate.rate,
            });
        }
        let key = (rate.currency, rate.date);
        match self
            .rates
            .binary_search_by(|r| (r.currency, r.date).cmp(&key))
        {
            Ok(i) => self.rates[i] = rate,
            Err(i) => self.rates.insert(i, rate),
        }
        Ok(())
    }

    /// The rate of `currency` on `date`: 1 for the base currency, otherwise
    /// the latest rate dated on or before `date`.
    ///
    /// # Errors
    /// [`MoneyError::NoRate`] when no such rate exists.
    pub fn rate(&self, currency: Currency, date: NaiveDate) -> Result<Decimal, MoneyError> {
        if currency == self.base {
            return Ok(Decimal::ONE);
        }
        let end = self
            .rates
            .partition_point(|r| (r.currency, r.date) <= (currency, date));
        match end.checked_sub(1).map(|i| &self.rates[i]) {
            Some(r) if r.currency == currency => Ok(r.rate),
            _ => Err(MoneyError::NoRate { currency, date }),
        }
    }

    /// Converts an amount to the base currency at the rate for `date`.
    ///
    /// # Errors
    /// [`MoneyError::NoRate`] when the table has no rate for it.
    pub fn convert(&self, money: Money, date: NaiveDate) -> Result<Decimal, MoneyError> {
        Ok(money.amount * self.rate(money.currency, date)?)
    }
}

/// Why a typed amount was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Nothing but spaces.
    #[error("empty")]
    Empty,
    /// Not a number.
    #[error("not a number")]
    NotANumber,
    /// Negative where the figure cannot be.
    #[error("cannot be negative")]
    Negative,
}

/// Parses an amount as a person types it in a form: `1,234,567.89`,
/// `1 234 567`, `-5,000`, `(5,000)` for a negative, a leading currency sign
/// (¥ € $ £) or a trailing ISO code. `.` is the decimal point, as in both
/// English and Chinese. (File imports have their own, wider rules.)
///
/// # Errors
/// [`AmountError`] saying why, so the form can explain it.
///
/// # Example
/// ```
/// use credit_core::money::{parse_amount, AmountError};
/// assert_eq!(parse_amount("¥1,234,567.5", false).unwrap().to_string(), "1234567.5");
/// assert_eq!(parse_amount("(5,000)", true).unwrap().to_string(), "-5000");
/// assert_eq!(parse_amount("-1", false), Err(AmountError::Negative));
/// assert_eq!(parse_amount("12k", false), Err(AmountError::NotANumber));
/// ```
pub fn parse_amount(text: &str, allow_negative: bool) -> Result<Decimal, AmountError> {
    let mut t = text.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    if let Some(rest) = t.strip_prefix('-') {
        negative = !negative;
        t = rest.trim();
    }
    for sign in ['¥', '￥', '€', '$', '£'] {
        if let Some(rest) = t.strip_prefix(sign) {
            t = rest.trim();
        }
    }
    if t.len() > 3 {
        let (head, tail) = t.split_at(t.len() - 3);
        if tail.bytes().all(|b| b.is_ascii_alphabetic()) && head.ends_with(' ') {
            t = head.trim();
        }
    }
    let digits: String = t
        .chars()
        .filter(|c| *c != ',' && *c != ' ' && *c != '\u{a0}')
        .collect();
    let valid = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(AmountError::NotANumber);
    }
    let v: Decimal = digits.parse().map_err(|_| AmountError::NotANumber)?;
    let v = if negative { -v } else { v };
    if v.is_sign_negative() && !v.is_zero() && !allow_negative {
        return Err(AmountError::Negative);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_is_half_even_to_minor_unit() {
        assert_eq!(round_minor(dec("2.125"), Currency::EUR), dec("2.12"));
        assert_eq!(round_minor(dec("2.135"), Currency::EUR), dec("2.14"));
        assert_eq!(round_minor(dec("2.5"), Currency::JPY), dec("2"));
        assert_eq!(round_minor(dec("3.5"), Currency::KRW), dec("4"));
    }

    #[test]
    fn formats_grouping_and_small_values() {
        assert_eq!(format_amount(dec("0"), Currency::CNY), "0.00");
        assert_eq!(format_amount(dec("999.999"), Currency::CNY), "1,000.00");
        assert_eq!(format_amount(dec("-0.001"), Currency::CNY), "0.00");
        assert_eq!(format_amount(dec("123456"), Currency::USD), "123,456.00");
    }

    #[test]
    fn mismatched_currencies_never_add() {
        let a = Money::new(dec("1"), Currency::EUR);
        let b = Money::new(dec("1"), Currency::USD);
        assert!(matches!(
            a.checked_add(b),
            Err(MoneyError::CurrencyMismatch { .. })
        ));
        assert_eq!(a.checked_add(a).unwrap().amount, dec("2"));
    }

    #[test]
    fn rate_picks_latest_on_or_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut fx = FxTable::new(Currency::CNY);
        for (c, day, r) in [
            (Currency::USD, "2025-01-01", "7.1"),
            (Currency::USD, "2025-02-01", "7.2"),
            (Currency::EUR, "2025-01-15", "7.9"),
        ] {
            fx.insert(FxRate {
                currency: c,
                date: d(day),
                rate: dec(r),
            })
            .unwrap();
        }
        assert_eq!(fx.rate(Currency::USD, d("2025-01-31")).unwrap(), dec("7.1"));
        assert_eq!(fx.rate(Currency::USD, d("2025-02-01")).unwrap(), dec("7.2"));
        assert_eq!(fx.rate(Currency::USD, d("2030-01-01")).unwrap(), dec("7.2"));
        assert_eq!(
            fx.rate(Currency::CNY, d("1990-01-01")).unwrap(),
            Decimal::ONE
        );
        assert!(fx.rate(Currency::EUR, d("2025-01-14")).is_err());
        assert!(fx.rate(Currency::GBP, d("2025-06-01")).is_err());
        let bad = FxRate {
            currency: Currency::GBP,
            date: d("2025-01-01"),
            rate: Decimal::ZERO,
        };
        assert!(matches!(
            fx.insert(bad),
            Err(MoneyError::InvalidRate { .. })
        ));
    }
}
