//! The limit check shown wherever a buyer appears: its exposure against its
//! credit limit, as a small badge — within the limit, nearly used (≥ 90 %),
//! over the limit, or no limit set.

use credit_core::limit::utilisation;
use credit_core::money::Currency;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Lang};

/// Utilisation from which a limit counts as nearly used (the alerts' default).
const NEARLY: Decimal = Decimal::from_parts(90, 0, 0, false, 2);

/// The badge: `72 % of limit`, `95 % of limit` (amber), `Over limit` (red),
/// `No limit`. Its title gives exposure and limit.
#[component]
pub fn LimitCheck(exposure: Decimal, limit: Option<Decimal>, currency: Currency) -> impl IntoView {
    let i = use_i18n();
    let text = move || {
        let lang = i.lang.get();
        match limit {
            None => (
                "limit limit-none",
                match lang {
                    Lang::En => "No limit set".to_string(),
                    Lang::Zh => "未设额度".to_string(),
                },
            ),
            Some(l) if exposure > l.max(Decimal::ZERO) => (
                "limit limit-over",
                match lang {
                    Lang::En => format!(
                        "Over limit ({})",
                        format::percent(utilisation(exposure, l), lang)
                    ),
                    Lang::Zh => format!(
                        "超额（{}）",
                        format::percent(utilisation(exposure, l), lang)
                    ),
                },
            ),
            Some(l) => {
                let u = utilisation(exposure, l);
                let cls = if u.is_some_and(|u| u >= NEARLY) {
                    "limit limit-near"
                } else {
                    "limit limit-ok"
                };
                (
                    cls,
                    match lang {
                        Lang::En => format!("{} of limit", format::percent(u, lang)),
                        Lang::Zh => format!("额度使用 {}", format::percent(u, lang)),
                    },
                )
            }
        }
    };
    let title = move || {
        let lang = i.lang.get();
        let l = limit.map_or_else(|| "—".to_string(), |l| format::money(l, currency));
        match lang {
            Lang::En => format!("Exposure {} · limit {l}", format::money(exposure, currency)),
            Lang::Zh => format!("敞口 {} · 额度 {l}", format::money(exposure, currency)),
        }
    };
    view! {
        <span class=move || text().0 data-testid="limit-check" title=title>{move || text().1}</span>
    }
}
