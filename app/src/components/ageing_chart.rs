use std::sync::Arc;

use credit_core::ageing::AgeingReport;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::components::ageing_table::bucket_label;
use crate::format;
use crate::i18n::{use_i18n, K};

const W: f64 = 640.0;
const H: f64 = 220.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// Bar height as a share of the tallest; only geometry, never a figure shown.
fn share(v: Decimal, max: Decimal) -> f64 {
    if max.is_zero() {
        return 0.0;
    }
    let s = (v / max).round_dp(4);
    s.to_string().parse().unwrap_or(0.0)
}

/// Outstanding per bucket as an inline SVG bar chart (no chart library).
#[component]
pub fn AgeingChart(report: Arc<AgeingReport>) -> impl IntoView {
    let i = use_i18n();
    let n = report.buckets.len();
    let max = report
        .total
        .buckets
        .iter()
        .copied()
        .max()
        .unwrap_or_default();
    let slot = W / n as f64;
    let bars = move || {
        let lang = i.lang.get();
        let r = &report;
        (0..n)
            .map(|k| {
                let v = r.total.buckets[k];
                let h = share(v, max) * (H - TOP - BOTTOM);
                let x = k as f64 * slot + slot * 0.15;
                let y = H - BOTTOM - h;
                let label = bucket_label(&r.buckets[k], r.basis, lang);
                let amount = format::money(v, r.currency);
                let class = if k == 0 { "bar bar-current" } else { "bar bar-late" };
                view! {
                    <g>
                        <rect
                            class=class
                            data-testid="chart-bar"
                            x=format!("{x:.1}")
                            y=format!("{y:.1}")
                            width=format!("{:.1}", slot * 0.7)
                            height=format!("{h:.1}")
                        >
                            <title>{format!("{label}: {amount}")}</title>
                        </rect>
                        <text class="bar-label" x=format!("{:.1}", x + slot * 0.35) y=format!("{:.1}", H - BOTTOM + 18.0)>
                            {label}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-label=move || i.t(K::AgeingChart)
            data-testid="ageing-chart"
        >
            <line class="axis" x1="0" x2=W.to_string() y1=(H - BOTTOM).to_string() y2=(H - BOTTOM).to_string()/>
            {bars}
        </svg>
    }
}
