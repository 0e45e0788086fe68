use credit_core::behaviour::MonthDelay;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::components::svg::{axis_step, axis_top, ceil_whole, scale, W};
use crate::format;
use crate::i18n::{use_i18n, K};

const H: i64 = 192;
/// Room for the unit above the axis.
const TOP: i64 = 26;
/// Room for the month labels.
const BOTTOM: i64 = 26;
/// Room for the axis values.
const LEFT: i64 = 36;
/// Room for half the last month's label.
const RIGHT: i64 = 14;
/// The least room between two month labels ("25年10月" is about 52 units).
const LABEL_GAP: i64 = 60;

/// A buyer's average payment delay month by month, as inline SVG bars
/// (months without payments are left empty), on an axis of days from 0 in
/// a few round steps. Every month has its bar; only every so many months
/// has its label, so that none touches the next (the latest always has
/// one).
#[component]
pub fn DelayChart(months: Vec<MonthDelay>) -> impl IntoView {
    let i = use_i18n();
    let most = months
        .iter()
        .filter_map(|m| m.avg_delay_days)
        .fold(Decimal::from(10), Decimal::max);
    let step = axis_step(ceil_whole(most), 4);
    let top = axis_top(ceil_whole(most), step);
    let max = Decimal::from(top);
    let plot = H - TOP - BOTTOM;
    let n = months.len().max(1) as i64;
    let slot = (W - LEFT - RIGHT) / n;
    let every = ((LABEL_GAP + slot - 1) / slot.max(1)).max(1);
    let ticks = (0..=top / step)
        .map(|k| {
            let y = H - BOTTOM - scale(Decimal::from(k * step), max, plot);
            view! {
                <g>
                    {(k > 0).then(|| view! { <line class="grid" x1=LEFT.to_string() x2=(W - RIGHT).to_string() y1=y.to_string() y2=y.to_string()/> })}
                    <text class="axis-value" data-testid="delay-tick" x=(LEFT - 5).to_string() y=(y + 4).to_string()>{k * step}</text>
                </g>
            }
        })
        .collect_view();
    let bars = move || {
        let lang = i.lang.get();
        months
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let x = LEFT + k as i64 * slot;
                let label = format::month(m.month_end, lang);
                let (h, title) = match m.avg_delay_days {
                    Some(d) => (
                        scale(d.max(Decimal::ZERO), max, plot),
                        format!("{label}: {}", format::with_unit(Some(d), K::UnitDays, lang)),
                    ),
                    None => (0, format!("{label}: {}", i.t(K::NoPayments))),
                };
                let cls = match m.avg_delay_days {
                    Some(d) if d > Decimal::from(30) => "bar bar-late",
                    Some(d) if d > Decimal::from(5) => "bar bar-mid",
                    _ => "bar bar-current",
                };
                let shown = (n - 1 - k as i64) % every == 0;
                view! {
                    <g>
                        <rect class=cls data-testid="delay-bar" x=(x + slot * 15 / 100).to_string() y=(H - BOTTOM - h).to_string()
                            width=(slot * 70 / 100).to_string() height=h.to_string()>
                            <title>{title}</title>
                        </rect>
                        {shown.then(|| view! { <text class="bar-label" x=(x + slot / 2).to_string() y=(H - BOTTOM + 19).to_string()>{label}</text> })}
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=move || i.t(K::DelayChart) data-testid="delay-chart">
            <text class="axis-unit" data-testid="delay-unit" x="0" y="12">{move || i.t(K::UnitDays)}</text>
            {ticks}
            <line class="axis" x1=LEFT.to_string() x2=LEFT.to_string() y1=TOP.to_string() y2=(H - BOTTOM).to_string()/>
            <line class="axis" x1=LEFT.to_string() x2=(W - RIGHT).to_string() y1=(H - BOTTOM).to_string() y2=(H - BOTTOM).to_string()/>
            {bars}
        </svg>
    }
}
