//! The limit check shown wherever a buyer appears: its exposure against its
//! credit limit, as a small badge — within the limit, nearly used (at or
//! above the portfolio's utilisation threshold, the one the utilisation
//! alert uses: 90 % unless set on the Alerts page), over the limit, or no
//! limit set. The status is the core's (`credit_core::limit::limit_status`).

use credit_core::limit::{limit_status, LimitStatus};
use credit_core::money::Currency;
use credit_core::Decimal;
use leptos::prelude::*;

use crate::i18n::alerts::{self as t, A};
use crate::i18n::use_i18n;
use crate::monitoring;
use crate::state::use_app;

/// The badge: `72 % of limit`, `95 % of limit` (amber), `Over limit` (red),
/// `No limit`. Its title gives exposure and limit.
#[component]
pub fn LimitCheck(exposure: Decimal, limit: Option<Decimal>, currency: Currency) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let nearly = Memo::new(move |_| app.extras.with(monitoring::settings).utilisation);
    let text = move || {
        let lang = i.lang();
        match limit_status(exposure, limit, nearly.get()) {
            LimitStatus::NoLimit => ("limit limit-none", i.t(A::NoLimitSet).to_string()),
            LimitStatus::Over { utilisation } => {
                ("limit limit-over", t::over_limit(lang, utilisation))
            }
            LimitStatus::NearlyUsed { utilisation } => {
                ("limit limit-near", t::of_limit(lang, Some(utilisation)))
            }
            LimitStatus::Within { utilisation } => {
                ("limit limit-ok", t::of_limit(lang, utilisation))
            }
        }
    };
    let title = move || t::limit_title(i.lang(), exposure, limit, currency);
    view! {
        <span class=move || text().0 data-testid="limit-check" title=title>{move || text().1}</span>
    }
}
