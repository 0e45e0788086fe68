//! The Dunning page (`credit_core::dunning`): whom to contact today, how and
//! why, the letters with their interest, and the record of what was done.
//!
//! - **The plan for the report date**: one line per buyer per step (the
//!   highest step any of its invoices reached), filtered by action or buyer;
//!   select lines and **mark them as done** (date = the report date, the
//!   step's channel or another, a note) — that writes the action log, and a
//!   step that stops deliveries or hands over to legal puts the buyer on
//!   hold. Disputed invoices are listed apart (paused); the next step of
//!   every buyer is listed with its date.
//! - **The letter** of a line, in English or Chinese (the page's language
//!   by default), with the invoice table, interest and compensation, pay-by
//!   date and bank details; editable before it is printed (print CSS: the
//!   letter alone on the page), copied, or downloaded as text or HTML.
//!   Edits are for that letter only; the step's template is edited in the
//!   policy editor.
//! - **The policy**: a preset or custom steps (offset, action, what
//!   accompanies it, channel, templates in both languages), validated before
//!   it is kept; a buyer's own policy is chosen on the buyer's page.
//! - **Interest and letterhead**: the regime, the reference rates with
//!   their dates (typed in: there is no network), a contract rate; the
//!   company, address, contact, bank details and days to pay.
//! - **Export**: the plan as CSV; every letter of the plan as one text or
//!   HTML file.
//!
//! The day's work (plan, letters, log) comes first; the policy, interest
//! and letterhead settings are on a tab of their own (`?tab=settings`, so
//! a link or the back button finds it again), issue 22.

mod interest;
mod letter;
mod log;
mod plan;
mod policy;

use std::sync::Arc;

use credit_core::dunning::{plan, DunningError, Plan, PlanItem};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::as_of::AsOfInput;
use crate::components::no_portfolio::NoPortfolio;
use crate::dunning as store;
use crate::i18n::dunning::D;
use crate::i18n::use_i18n;
use crate::state::{use_app, AppState, Open};
use interest::InterestPanel;
pub use log::BuyerDunning;
use log::LogPanel;
use plan::PlanPanel;
use policy::PolicyEditor;

/// A plan line's key: buyer and step.
fn key(it: &PlanItem) -> String {
    format!("{}#{}", it.customer_id, it.step_index)
}

/// The plan for the report date.
fn plan_memo(app: AppState, p: Arc<Open>) -> Memo<Result<Arc<Plan>, DunningError>> {
    Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let (s, log) = app.extras.with(|x| (store::settings(x), store::log(x)));
            plan(&p, d, &s, &log).map(Arc::new)
        },
        crate::state::changed,
    )
}

/// The page.
#[component]
pub fn Dunning() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let query = use_query_map();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! { <NoPortfolio label=D::NoPortfolio/> }.into_any();
        };
        let settings =
            Memo::new(move |_| query.with(|q| q.get("tab").as_deref() == Some("settings")));
        view! {
            <nav class="tabs no-print" aria-label=move || i.t(D::Sections)>
                <a href="/dunning" data-testid="tab-today" aria-current=move || (!settings.get()).then_some("page")>
                    {move || i.t(D::TabToday)}
                </a>
                <a href="/dunning?tab=settings" data-testid="tab-settings" aria-current=move || settings.get().then_some("page")>
                    {move || i.t(D::TabSettings)}
                </a>
            </nav>
            <Show when=move || !settings.get() fallback=|| view! { <PolicyEditor/> <InterestPanel/> }>
                <PlanPanel portfolio=p.clone()/> <LogPanel/>
            </Show>
        }
        .into_any()
    };
    view! {
        <div class="dunning-page">
            <div class="page-head no-print">
                <h1>{move || i.t(D::Title)}</h1>
                <AsOfInput/>
            </div>
            {body}
        </div>
    }
}
