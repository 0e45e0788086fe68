//! The Cash page (`credit_core::cash`): when the receivables should turn
//! into cash, what a change of terms would do, payment plans for late
//! buyers, and working capital.
//!
//! - **13-week forecast**: each open invoice expected on its due date plus
//!   its buyer's average payment delay, weighted by 1 − PD (its buyer's rating,
//!   `crate::grades`: saved, else computed from the ledger; a buyer not
//!   assessed at the neutral grade 5's PD); a scenario
//!   (other terms for invoices not yet due, or a DSO target) side by side;
//!   buyers on a payment plan are expected on their instalments.
//! - **Forecast against actual**: the forecast made on an earlier date
//!   (13 weeks back by default) against the payments the ledger has since.
//! - **Terms**: the cost of an early-payment discount and the DSO and cash
//!   effect of other terms for a buyer or the whole portfolio.
//! - **Payment plans**: built for a buyer's overdue balance, saved with the
//!   portfolio (extras `cash.plans`); a plan being kept holds back the
//!   buyer's dunning-step alert, a missed one brings it back with the whole
//!   rest due.
//! - **Working capital**: the figures the ledger does not know (inventory,
//!   payables, cost of sales, cash, current liabilities) are typed in and
//!   kept with the portfolio (extras `cash.wc`).
//!
//! This file holds the page and what its panels share; each panel is a
//! submodule: `forecast`, `actual`, `plan`, `terms`, `working_capital`.

mod actual;
mod forecast;
mod plan;
mod terms;
mod working_capital;

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::cash::{ForecastOptions, Scenario};
use credit_core::insurance::pd_by_grade;
use credit_core::rating::NEUTRAL_GRADE;
use credit_core::{Decimal, NaiveDate};
use leptos::prelude::*;

use crate::components::as_of::AsOfInput;
use crate::components::no_portfolio::NoPortfolio;
use crate::i18n::cash::C;
use crate::i18n::use_i18n;
use crate::monitoring;
use crate::state::{use_app, AppState, Open};

use actual::ActualPanel;
use forecast::ForecastPanel;
use plan::PlanPanel;
use terms::TermsPanel;
use working_capital::WorkingCapitalPanel;

/// The extras key of the working-capital inputs.
pub const WC_KEY: &str = "cash.wc";

/// The forecast options for the open portfolio: PDs from the grades, the
/// saved plans, and a scenario.
fn options(app: &AppState, p: &Open, as_of: NaiveDate, scenario: Scenario) -> ForecastOptions {
    let table = pd_by_grade();
    // The grades of the date the forecast is made on (a backtest's own).
    let ratings = if as_of == app.as_of.get_untracked() {
        app.ratings.get()
    } else {
        let trails = app.all_trails();
        Arc::new(crate::grades::ratings(p, trails, as_of))
    };
    let pd: HashMap<String, Decimal> = ratings
        .iter()
        .filter_map(|(id, r)| Some((id.clone(), table[usize::from(r.grade?.min(10))])))
        .collect();
    ForecastOptions {
        weeks: 13,
        pd,
        default_pd: table[usize::from(NEUTRAL_GRADE)],
        plans: app.extras.with(monitoring::plans),
        scenario,
        promised: Default::default(),
    }
}

/// The page.
#[component]
pub fn Cash() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! { <NoPortfolio label=C::NoPortfolio/> }.into_any();
        };
        view! {
            <ForecastPanel portfolio=p.clone()/>
            <ActualPanel portfolio=p.clone()/>
            <PlanPanel portfolio=p.clone()/>
            <TermsPanel portfolio=p.clone()/>
            <WorkingCapitalPanel portfolio=p/>
        }
        .into_any()
    };
    view! {
        <div class="page-head">
            <h1>{move || i.t(C::Title)}</h1>
            <AsOfInput/>
        </div>
        {body}
    }
}
