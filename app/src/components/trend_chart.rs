//! Trends month by month (`credit_core::monitor::trends`): DSO, average
//! payment delay and overdue ratio, each a small inline SVG line chart with
//! its latest value. Months without a figure (no sales, no payments) leave
//! a gap in the line.

use credit_core::monitor::MonthTrend;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::components::svg::{scale, W};
use crate::format;
use crate::i18n::shell::S;
use crate::i18n::{use_i18n, Lang};

const H: i64 = 130;
const BOTTOM: i64 = 22;
const TOP: i64 = 12;
const SIDE: i64 = 10;

/// Which figure a chart shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Metric {
    Dso,
    Delay,
    Overdue,
}

impl Metric {
    fn value(self, m: &MonthTrend) -> Option<Decimal> {
        match self {
            Metric::Dso => m.dso,
            Metric::Delay => m.avg_delay_days,
            Metric::Overdue => m.overdue_ratio,
        }
    }

    fn title(self) -> S {
        match self {
            Metric::Dso => S::TrendDso,
            Metric::Delay => S::TrendDelay,
            Metric::Overdue => S::TrendOverdue,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Metric::Dso => "dso",
            Metric::Delay => "delay",
            Metric::Overdue => "overdue",
        }
    }

    fn show(self, v: Option<Decimal>, lang: Lang) -> String {
        match self {
            Metric::Overdue => format::percent(v, lang),
            _ => format::whole(v, lang),
        }
    }
}

fn one(months: &[MonthTrend], metric: Metric, lang: Lang) -> impl IntoView {
    let vals: Vec<Option<Decimal>> = months.iter().map(|m| metric.value(m)).collect();
    let max = vals
        .iter()
        .flatten()
        .copied()
        .fold(Decimal::ZERO, Decimal::max);
    let max = if max <= Decimal::ZERO {
        Decimal::ONE
    } else {
        max
    };
    let n = months.len().max(2) as i64;
    let step = (W - 2 * SIDE) / (n - 1);
    let y = |v: Decimal| H - BOTTOM - scale(v.max(Decimal::ZERO), max, H - TOP - BOTTOM);
    // Runs of months with a value, each one polyline.
    let mut runs: Vec<Vec<(i64, i64)>> = vec![Vec::new()];
    for (k, v) in vals.iter().enumerate() {
        match v {
            Some(v) => runs
                .last_mut()
                .map_or((), |r| r.push((SIDE + k as i64 * step, y(*v)))),
            None => runs.push(Vec::new()),
        }
    }
    let lines = runs
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let pts = r.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ");
            let dots = r
                .iter()
                .map(|(x, y)| view! { <circle class="trend-dot" cx=x.to_string() cy=y.to_string() r="2.5"/> })
                .collect_view();
            view! { <polyline class="trend-line" points=pts/> {dots} }
        })
        .collect_view();
    let last = vals.last().copied().flatten();
    let first_label = months
        .first()
        .map(|m| format::month(m.month_end, lang))
        .unwrap_or_default();
    let last_label = months
        .last()
        .map(|m| format::month(m.month_end, lang))
        .unwrap_or_default();
    view! {
        <figure class="trend" data-testid=format!("trend-{}", metric.key())>
            <figcaption>
                {crate::i18n::text(lang, metric.title())} ": " <strong data-testid="trend-latest">{metric.show(last, lang)}</strong>
            </figcaption>
            <svg class="trend-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=crate::i18n::text(lang, metric.title())>
                <line class="axis" x1=SIDE.to_string() x2=(W - SIDE).to_string() y1=(H - BOTTOM).to_string() y2=(H - BOTTOM).to_string()/>
                {lines}
                <text class="bar-label start" x=SIDE.to_string() y=(H - 6).to_string()>{first_label}</text>
                <text class="bar-label end" x=(W - SIDE).to_string() y=(H - 6).to_string()>{last_label}</text>
            </svg>
        </figure>
    }
}

/// The three trend charts side by side.
#[component]
pub fn TrendCharts(months: Vec<MonthTrend>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="trends" data-testid="trends">
            {move || {
                let lang = i.lang.get();
                [Metric::Dso, Metric::Delay, Metric::Overdue]
                    .into_iter()
                    .map(|m| one(&months, m, lang))
                    .collect_view()
            }}
        </div>
    }
}
