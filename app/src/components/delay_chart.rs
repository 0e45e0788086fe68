use credit_core::behaviour::MonthDelay;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::components::svg::scale;
use crate::format;
use crate::i18n::{use_i18n, K};

const W: i64 = 640;
const H: i64 = 180;
const BOTTOM: i64 = 28;
const TOP: i64 = 14;

/// A buyer's average payment delay month by month, as inline SVG bars
/// (months without payments are left empty).
#[component]
pub fn DelayChart(months: Vec<MonthDelay>) -> impl IntoView {
    let i = use_i18n();
    let max = months
        .iter()
        .filter_map(|m| m.avg_delay_days)
        .fold(Decimal::from(10), Decimal::max);
    let n = months.len().max(1);
    let slot = W / n as i64;
    let bars = move || {
        let lang = i.lang.get();
        months
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let x = k as i64 * slot;
                let label = format::month(m.month_end, lang);
                let (h, title) = match m.avg_delay_days {
                    Some(d) => (
                        scale(d, max, H - TOP - BOTTOM),
                        format!("{label}: {}", format::with_unit(Some(d), K::UnitDays, lang)),
                    ),
                    None => (0, format!("{label}: {}", i.t(K::NoPayments))),
                };
                let cls = match m.avg_delay_days {
                    Some(d) if d > Decimal::from(30) => "bar bar-late",
                    Some(d) if d > Decimal::from(5) => "bar bar-mid",
                    _ => "bar bar-current",
                };
                view! {
                    <g>
                        <rect class=cls data-testid="delay-bar" x=(x + slot * 15 / 100).to_string() y=(H - BOTTOM - h).to_string()
                            width=(slot * 70 / 100).to_string() height=h.to_string()>
                            <title>{title}</title>
                        </rect>
                        <text class="bar-label" x=(x + slot / 2).to_string() y=(H - BOTTOM + 16).to_string()>{label}</text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=move || i.t(K::DelayChart) data-testid="delay-chart">
            <line class="axis" x1="0" x2=W.to_string() y1=(H - BOTTOM).to_string() y2=(H - BOTTOM).to_string()/>
            {bars}
        </svg>
    }
}
