use std::sync::Arc;

use credit_core::ageing::AgeingReport;
use leptos::prelude::*;

use crate::components::ageing_table::bucket_label;
use crate::components::svg::scale;
use crate::format;
use crate::i18n::{use_i18n, K};

const W: i64 = 640;
const H: i64 = 220;
const TOP: i64 = 16;
const BOTTOM: i64 = 40;

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
    let slot = W / n.max(1) as i64;
    let bars = move || {
        let lang = i.lang.get();
        let r = &report;
        (0..n)
            .map(|k| {
                let v = r.total.buckets[k];
                // A bucket netted below zero by credits draws no bar; its
                // amount is in the title.
                let h = scale(v.max(credit_core::Decimal::ZERO), max, H - TOP - BOTTOM);
                let x = k as i64 * slot + slot * 15 / 100;
                let y = H - BOTTOM - h;
                let label = bucket_label(&r.buckets[k], r.basis, lang);
                let amount = format::money(v, r.currency);
                let class = if k == 0 { "bar bar-current" } else { "bar bar-late" };
                view! {
                    <g>
                        <rect
                            class=class
                            data-testid="chart-bar"
                            x=x.to_string()
                            y=y.to_string()
                            width=(slot * 70 / 100).to_string()
                            height=h.to_string()
                        >
                            <title>{format!("{label}: {amount}")}</title>
                        </rect>
                        <text class="bar-label" x=(x + slot * 35 / 100).to_string() y=(H - BOTTOM + 18).to_string()>
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
