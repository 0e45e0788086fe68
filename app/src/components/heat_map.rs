//! The risk heat map: each buyer placed by its grade (likelihood, 1 best →
//! 10 default, left to right) against its exposure (impact: its share of
//! the receivables, in five bands, bottom to top), as inline SVG.
//!
//! Each buyer's grade is its rating (`crate::grades`, the same as its page
//! and the alerts): saved, else computed from the ledger; a buyer not
//! assessed (no figures and a clean payment history) has no grade and sits
//! in a column of its own at the right, never placed at a made-up grade.
//!
//! Cells are shaded by their zone (`credit_core::heatmap`: likelihood ×
//! impact, low, medium or high; the column of buyers not assessed is
//! unshaded) and show how many buyers fall in them; the largest exposures (up to [`MAX_POINTS`]) are drawn as points
//! inside their cell — filled when the grade comes from a saved
//! assessment, ringed when it is computed from the ledger, hollow when not
//! assessed — and a click on a point opens the buyer. Impact bands
//! ([`Band`]) by share of total AR: under 1 %, 1–5 %, 5–10 %, 10–20 % and
//! 20 % or more (the concentration alert's default threshold).

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::heatmap::{zone, Band, Zone};
use credit_core::rating::GradeSource;
use credit_core::Decimal;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::svg::W;
use crate::format;
use crate::i18n::alerts::{self as t, A};
use crate::i18n::{text, use_i18n};
use crate::state::{use_app, Open};

/// How many buyers are drawn as points (the largest exposures).
pub const MAX_POINTS: usize = 300;

/// Room for the impact bands' labels ("> 20 % of AR").
const LEFT: i64 = 88;
/// Room for the grades under the columns.
const BOTTOM: i64 = 22;
const TOP: i64 = 4;
/// Height of a row (an impact band).
const CH: i64 = 48;
const H: i64 = TOP + ROWS * CH + BOTTOM;
/// Grades 1–10, then the column of buyers not assessed.
const COLS: i64 = 11;
const ROWS: i64 = 5;

/// The CSS class of a cell's zone (the column of buyers not assessed is
/// unshaded).
fn zone_class(z: Zone) -> &'static str {
    match z {
        Zone::Low => "heat-low",
        Zone::Medium => "heat-mid",
        Zone::High => "heat-high",
        Zone::NotAssessed => "heat-na",
    }
}

/// The grade a column stands for (1–10; the last column: not assessed).
fn column_grade(g: u8) -> Option<u8> {
    (g < COLS as u8).then_some(g)
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
        credit_core::sorting::sort_by(&mut buyers, |a, b| {
            b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
        });
        Some((buyers, total))
    });
    let cw = (W - LEFT) / COLS;
    let ch = CH;
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
        let mut counts: HashMap<(u8, Band), usize> = HashMap::new();
        for (_, e, g, _) in &buyers {
            *counts.entry((*g, Band::of(share(*e)))).or_default() += 1;
        }
        let cells = (1..=COLS as u8)
            .flat_map(|g| Band::ALL.into_iter().map(move |b| (g, b)))
            .map(|(g, b)| {
                let x = LEFT + (i64::from(g) - 1) * cw;
                let y = TOP + (ROWS - 1 - i64::from(b.index())) * ch;
                let n = counts.get(&(g, b)).copied().unwrap_or(0);
                view! {
                    <g>
                        <rect class=format!("heat-cell {}", zone_class(zone(column_grade(g), b))) x=x.to_string() y=y.to_string() width=cw.to_string() height=ch.to_string()/>
                        {(n > 0).then(|| view! { <text class="heat-count" x=(x + cw - 3).to_string() y=(y + 13).to_string()>{n}</text> })}
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
                let b = i64::from(Band::of(share(*e)).index());
                let x = LEFT + (i64::from(*g) - 1) * cw + 6 + spread(k, 1, cw - 12);
                let y = TOP + (ROWS - 1 - b) * ch + 20 + spread(k, 7, ch - 26);
                let name = portfolio.customer(id).map(|c| c.name.clone()).unwrap_or_default();
                let (grade, cls) = match source {
                    GradeSource::Saved => (format!("{} {g}", text(lang, A::HeatGrade)), "heat-point"),
                    GradeSource::Computed => (format!("{} {g}{}", text(lang, A::HeatGrade), text(lang, A::HeatFromLedger)), "heat-point heat-point-computed"),
                    GradeSource::NotAssessed => (text(lang, A::HeatNotAssessed).into(), "heat-point heat-point-default"),
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
            .map(|g| view! { <text class="bar-label" x=(LEFT + (g - 1) * cw + cw / 2).to_string() y=(H - BOTTOM + 17).to_string()>{if g < COLS { g.to_string() } else { "?".into() }}</text> })
            .collect_view();
        let row_labels = Band::ALL
            .into_iter()
            .map(|b| view! { <text class="heat-row-label" x=(LEFT - 4).to_string() y=(TOP + (ROWS - 1 - i64::from(b.index())) * ch + ch / 2 + 4).to_string()>{text(lang, t::band(b))}</text> })
            .collect_view();
        view! {
            {cells}
            {col_labels}
            {row_labels}
            {points}
        }
        .into_any()
    };
    view! {
        <svg class="chart heat-map" viewBox=format!("0 0 {W} {H}") role="group" data-testid="heat-map"
            aria-label=move || i.t(A::HeatMapLabel)>
            {body}
        </svg>
        // The grades' axis under the map, as text that wraps on a phone.
        <p class="muted heat-axis" data-testid="heat-axis">{move || i.t(A::HeatAxis)}</p>
    }
}
