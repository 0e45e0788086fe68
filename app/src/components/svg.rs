//! Geometry for the inline SVG charts, in whole units of the viewBox.
//! Integers on purpose: formatting floats would link the float formatting
//! and parsing machinery into the wasm for nothing a chart needs (a unit
//! is about a pixel).
//!
//! Every chart is drawn [`W`] units wide with 12-unit text and shown at
//! most 368 px wide (`.chart` in style/app.css): a label is then at
//! least 11 px on a 360 px phone (where a chart is about 310 px wide) and
//! under 14 px on a laptop, the way of the self-check's chart (issue 22).

use credit_core::Decimal;

/// The width of every chart's coordinate system.
pub const W: i64 = 320;

/// `v / max` of `px` pixels, rounded; 0 when `max` is not above zero.
pub fn scale(v: Decimal, max: Decimal, px: i64) -> i64 {
    if max <= Decimal::ZERO {
        return 0;
    }
    let r = (v * Decimal::from(px) / max).round();
    i64::try_from(r.mantissa() / 10i128.pow(r.scale())).unwrap_or(0)
}

/// The smallest whole number not below `d` (0 when `d` is not above zero).
pub fn ceil_whole(d: Decimal) -> i64 {
    if d <= Decimal::ZERO {
        return 0;
    }
    let c = d.ceil();
    i64::try_from(c.mantissa() / 10i128.pow(c.scale())).unwrap_or(i64::MAX)
}

/// A round step for an axis from 0 to at least `max` in at most `steps`
/// steps: 1, 2 or 5 times a power of ten.
pub fn axis_step(max: i64, steps: i64) -> i64 {
    let steps = steps.max(1);
    let mut p: i64 = 1;
    loop {
        for m in [1i64, 2, 5] {
            let s = m.saturating_mul(p);
            if s.saturating_mul(steps) >= max {
                return s;
            }
        }
        p = p.saturating_mul(10);
    }
}

/// The top of an axis from 0 with steps of `step` that reaches `max`.
pub fn axis_top(max: i64, step: i64) -> i64 {
    let step = step.max(1);
    (max.max(1) + step - 1) / step * step
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

    #[test]
    fn round_axis_steps() {
        assert_eq!(ceil_whole(Decimal::new(101, 1)), 11);
        assert_eq!(ceil_whole(Decimal::from(10)), 10);
        assert_eq!(ceil_whole(Decimal::from(-3)), 0);
        assert_eq!(axis_step(10, 4), 5);
        assert_eq!(axis_top(10, 5), 10);
        assert_eq!(axis_step(11, 4), 5);
        assert_eq!(axis_top(11, 5), 15);
        assert_eq!(axis_step(41, 4), 20);
        assert_eq!(axis_top(41, 20), 60);
        assert_eq!(axis_step(400, 4), 100);
        assert_eq!(axis_step(1, 4), 1);
        assert_eq!(axis_top(0, 1), 1);
    }
}
