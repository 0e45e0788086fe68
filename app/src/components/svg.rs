//! Geometry for the inline SVG charts, in whole pixels of the viewBox.
//! Integers on purpose: formatting floats would link the float formatting
//! and parsing machinery into the wasm for nothing a chart needs (charts are
//! 640 units wide; a unit is finer than the eye sees).

use credit_core::Decimal;

/// `v / max` of `px` pixels, rounded; 0 when `max` is not above zero.
pub fn scale(v: Decimal, max: Decimal, px: i64) -> i64 {
    if max <= Decimal::ZERO {
        return 0;
    }
    let r = (v * Decimal::from(px) / max).round();
    i64::try_from(r.mantissa() / 10i128.pow(r.scale())).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_and_rounds() {
        assert_eq!(scale(Decimal::from(1), Decimal::from(3), 100), 33);
        assert_eq!(scale(Decimal::from(2), Decimal::from(3), 100), 67);
        assert_eq!(scale(Decimal::from(5), Decimal::ZERO, 100), 0);
        assert_eq!(scale(Decimal::from(3), Decimal::from(3), 164), 164);
    }
}
