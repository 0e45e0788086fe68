//! The risk heat map: each buyer placed by its grade (likelihood, 1 best →
//! 10 default, left to right) against its exposure (impact: its share of
//! the receivables, in five bands, bottom to top), as inline SVG.
//!
//! Each buyer's grade is its rating (`crate::grades`, the same as its page
//! and the alerts): saved, else computed from the ledger; a buyer not
//! assessed (no figures and a clean payment history) has no grade and sits
//! in a column of its own at the right, never placed at a made-up grade.
//!
//! Cells are shaded by likelihood × impact (low, medium, high; the column
//! of buyers not assessed is unshaded) and show how many buyers fall in
//! them; the largest exposures (up to [`MAX_POINTS`]) are drawn as points
//! inside their cell — filled when the grade comes from a saved
//! assessment, ringed when it is computed from the ledger, hollow when not
//! assessed — and a click on a point opens the buyer. Impact bands by share of total AR: under 1 %, 1–5 %, 5–10 %,
//! 10–20 % and over 20 % (the concentration alert's threshold).

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::Decimal;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::format;
use crate::i18n::{use_i18n, Lang};
use crate::state::{use_app, Open};
use credit_core::rating::GradeSource;

/// How many buyers are drawn as points (the largest exposures).
pub const MAX_POINTS: usize = 300;

const W: i64 = 680;
const H: i64 = 380;
const LEFT: i64 = 80;
const BOTTOM: i64 = 40;
const TOP: i64 = 10;
/// Grades 1–10, then the column of buyers not assessed.
const COLS: i64 = 11;
const ROWS: i64 = 5;

/// The impact band (0 lowest) of a share of the receivables.
pub fn band(share: Decimal) -> i64 {
    let pct = share * Decimal::ONE_HUNDRED;
    if pct < Decimal::ONE {
        0
    } else if pct < Decimal::from(5) {
        1
    } else if pct < Decimal::from(10) {
        2
    } else if pct < Decimal::from(20) {
        3
    } else {
        4
    }
}

/// Low, medium or high risk of a cell: grade (1–10; 11 = not assessed,
/// unshaded) and band (0–4).
pub fn zone(grade: u8, band: i64) -> &'static str {
    if grade > 10 {
        return "heat-na";
    }
    let likelihood = (i64::from(grade.clamp(1, 10)) - 1) / 2; // 0–4
    match likelihood + band {
        0..=2 => "heat-low",
        3..=4 => "heat-mid",
        _ => "heat-high",
    }
}

fn band_label(b: i64, lang: Lang) -> &'static str {
    match (b, lang) {
        (0, Lang::En) => "< 1 % of AR",
        (0, Lang::Zh) => "< 1% 应收",
        (1, _) => "1–5 %",
        (2, _) => "5–10 %",
        (3, _) => "10–20 %",
        (_, Lang::En) => "> 20 % of AR",
        (_, Lang::Zh) => "> 20% 应收",
    }
}

/// A small deterministic spread of points inside a cell, from the buyer's
/// rank: `0..span`.
fn spread(k: usize, salt: u64, span: i64) -> i64 {
    let mut h = (k as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    h ^= h >> 29;
    (h % span.max(1) as u64) as i64
}

/// The heat map of the open portfolio as of the report date.
#[component]
pub fn HeatMap(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let navigate = use_navigate();
    let data = Memo::new(move |_| {
        let r = app.ageing.get()?.ok()?;
        let graded = app.ratings.get();
        let total = r.total.total;
        let mut buyers: Vec<(String, Decimal, u8, GradeSource)> = r
            .customers
            .iter()
            .filter(|c| c.row.total > Decimal::ZERO)
            .map(|c| {
                let g = graded.get(&c.customer_id);
                (
                    c.customer_id.clone(),
                    c.row.total,
                    g.and_then(|g| g.grade).unwrap_or(COLS as u8),
                    g.map_or(GradeSource::NotAssessed, |g| g.source),
                )
            })
            .collect();
        buyers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Some((buyers, total))
    });
    let cw = (W - LEFT) / COLS;
    let ch = (H - TOP - BOTTOM) / ROWS;
    let body = move || {
        let lang = i.lang.get();
        let Some((buyers, total)) = data.get() else {
            return ().into_any();
        };
        let share = |x: Decimal| {
            if total > Decimal::ZERO {
                x / total
            } else {
                Decimal::ZERO
            }
        };
        let mut counts: HashMap<(u8, i64), usize> = HashMap::new();
        for (_, e, g, _) in &buyers {
            *counts.entry((*g, band(share(*e)))).or_default() += 1;
        }
        let cells = (1..=COLS as u8)
            .flat_map(|g| (0..ROWS).map(move |b| (g, b)))
            .map(|(g, b)| {
                let x = LEFT + (i64::from(g) - 1) * cw;
                let y = TOP + (ROWS - 1 - b) * ch;
                let n = counts.get(&(g, b)).copied().unwrap_or(0);
                view! {
                    <g>
                        <rect class=format!("heat-cell {}", zone(g, b)) x=x.to_string() y=y.to_string() width=cw.to_string() height=ch.to_string()/>
                        {(n > 0).then(|| view! { <text class="heat-count" x=(x + cw - 4).to_string() y=(y + 13).to_string()>{n}</text> })}
                    </g>
                }
            })
            .collect_view();
        let nav = navigate.clone();
        let points = buyers
            .iter()
            .take(MAX_POINTS)
            .enumerate()
            .map(|(k, (id, e, g, source))| {
                let b = band(share(*e));
                let x = LEFT + (i64::from(*g) - 1) * cw + 6 + spread(k, 1, cw - 12);
                let y = TOP + (ROWS - 1 - b) * ch + 16 + spread(k, 7, ch - 22);
                let name = portfolio.customer(id).map(|c| c.name.clone()).unwrap_or_default();
                let en = lang == Lang::En;
                let (grade, cls) = match source {
                    GradeSource::Saved => (format!("{} {g}", if en { "grade" } else { "评级" }), "heat-point"),
                    GradeSource::Computed => (format!("{} {g}{}", if en { "grade" } else { "评级" }, if en { " (from the ledger)" } else { "（据台账计算）" }), "heat-point heat-point-computed"),
                    _ => ((if en { "not assessed" } else { "未评估" }).into(), "heat-point heat-point-default"),
                };
                let title = format!("{name} ({id}) · {grade} · {} · {}", format::money(*e, portfolio.base_currency()), format::percent(Some(share(*e)), lang));
                let href = crate::format::customer_href(id);
                let nav = nav.clone();
                view! {
                    <circle class=cls data-testid="heat-point" data-id=id.clone() data-grade=if *g < COLS as u8 { g.to_string() } else { "na".into() }
                        cx=x.to_string() cy=y.to_string() r="5" tabindex="0" role="link"
                        on:click=move |_| nav(&href, Default::default())>
                        <title>{title}</title>
                    </circle>
                }
            })
            .collect_view();
        let col_labels = (1..=COLS)
            .map(|g| view! { <text class="bar-label" x=(LEFT + (g - 1) * cw + cw / 2).to_string() y=(H - BOTTOM + 16).to_string()>{if g < COLS { g.to_string() } else { "?".into() }}</text> })
            .collect_view();
        let row_labels = (0..ROWS)
            .map(|b| view! { <text class="heat-row-label" x=(LEFT - 6).to_string() y=(TOP + (ROWS - 1 - b) * ch + ch / 2 + 4).to_string()>{band_label(b, lang)}</text> })
            .collect_view();
        view! {
            {cells}
            {col_labels}
            {row_labels}
            <text class="axis-title" x=(LEFT + (W - LEFT) / 2).to_string() y=(H - 6).to_string()>
                {match lang { Lang::En => "Grade (likelihood): 1 best → 10 default · ? not assessed", Lang::Zh => "评级（可能性）：1 最好 → 10 违约 · ? 未评估" }}
            </text>
            {points}
        }
        .into_any()
    };
    view! {
        <svg class="chart heat-map" viewBox=format!("0 0 {W} {H}") role="img" data-testid="heat-map"
            aria-label=move || i.pick("Risk heat map: grade against exposure", "风险热力图：评级与敞口")>
            {body}
        </svg>
    }
}
