use std::sync::Arc;

use credit_core::ageing::AgeingReport;
use leptos::prelude::*;

use crate::components::ageing_table::bucket_label;
use crate::components::svg::{scale, W};
use crate::format;
use crate::i18n::{use_i18n, K};

/// Room for the bucket labels, right-aligned before the bars.
const LEFT: i64 = 100;
/// One bucket's row.
const ROW: i64 = 30;
/// Height of a bar.
const BAR_H: i64 = 18;
const TOP: i64 = 4;

/// Outstanding per bucket as an inline SVG chart (no chart library): one
/// horizontal bar a bucket, its label before it, so that any number of
/// buckets reads on a phone.
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
    let h = TOP * 2 + ROW * n.max(1) as i64;
    let bars = move || {
        let lang = i.lang.get();
        let r = &report;
        (0..n)
            .map(|k| {
                let v = r.total.buckets[k];
                // A bucket netted below zero by credits draws no bar; its
                // amount is in the title.
                let w = scale(v.max(credit_core::Decimal::ZERO), max, W - LEFT - 4);
                let y = TOP + k as i64 * ROW + (ROW - BAR_H) / 2;
                let label = bucket_label(&r.buckets[k], r.basis, lang);
                let amount = format::money(v, r.currency);
                let class = if k == 0 { "bar bar-current" } else { "bar bar-late" };
                view! {
                    <g>
                        <rect
                            class=class
                            data-testid="chart-bar"
                            x=LEFT.to_string()
                            y=y.to_string()
                            width=w.to_string()
                            height=BAR_H.to_string()
                        >
                            <title>{format!("{label}: {amount}")}</title>
                        </rect>
                        <text class="bar-label end" x=(LEFT - 6).to_string() y=(y + BAR_H / 2 + 4).to_string()>
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
            viewBox=format!("0 0 {W} {h}")
            role="img"
            aria-label=move || i.t(K::AgeingChart)
            data-testid="ageing-chart"
        >
            <line class="axis" x1=LEFT.to_string() x2=LEFT.to_string() y1="0" y2=h.to_string()/>
            {bars}
        </svg>
    }
}
