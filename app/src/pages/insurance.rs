//! The Insurance page (`credit_core::insurance`): what the trade credit
//! insurance policy covers, the insurer's deadlines, what a claim would pay
//! and which papers are missing, and whether the premium pays for itself.
//!
//! - **The policy**: every term of DOMAIN.md as a form, checked field by
//!   field before it is kept with the portfolio; a buyer's insured limit set
//!   here overrides the ledger's.
//! - **Cover**: open receivables without VAT per buyer, insured (up to the
//!   insured limit) and uninsured, buyers above their limit, invoices
//!   outside cover (disputed; overdue past the notification deadline with
//!   no notification); a chart of the largest exposures.
//! - **Deadlines**: for every overdue insured invoice the end of the
//!   maximum extension period, the notification due date, the day a claim
//!   becomes payable and the filing deadline; what is due in the next seven
//!   days first. "Notified" records the overdue notification (dated the
//!   report date); deadlines also raise alerts on the dashboard.
//! - **Claim simulator**: a buyer, the event, its date and recoveries (and
//!   the year's earlier losses and indemnities) → the waterfall step by
//!   step and what stays with the policyholder; the buyer's claim readiness
//!   checklist (papers ticked here are kept with the portfolio).
//! - **Is it worth it**: premium against the expected loss with and without
//!   the policy, grades: each buyer's rating (saved, else computed from the ledger; a buyer not assessed counts at the neutral grade 5).

mod claim;
mod cover;
mod deadlines;
mod policy;
mod worth;

use std::sync::Arc;

use credit_core::insurance::{cover, Cover};
use leptos::prelude::*;

use crate::components::as_of::AsOfInput;
use crate::components::no_portfolio::NoPortfolio;
use crate::i18n::insurance::In;
use crate::i18n::use_i18n;
use crate::insurance as store;
use crate::state::{use_app, Open};

use claim::ClaimPanel;
use cover::CoverPanel;
use deadlines::DeadlinesPanel;
pub use deadlines::DeadlinesThisWeek;
use policy::PolicyForm;
use worth::WorthPanel;

/// The page.
#[component]
pub fn Insurance() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! { <NoPortfolio label=In::NoPortfolio/> }.into_any();
        };
        // The cover, computed once for the cover panel and the claim
        // simulator's list of buyers.
        let report = cover_memo(p.clone());
        view! {
            <PolicyForm portfolio=p.clone()/>
            <CoverPanel report=report/>
            <DeadlinesPanel portfolio=p.clone()/>
            <ClaimPanel portfolio=p.clone() report=report/>
            <WorthPanel portfolio=p/>
        }
        .into_any()
    };
    view! {
        <div class="page-head">
            <h1>{move || i.t(In::Title)}</h1>
            <AsOfInput/>
        </div>
        {body}
    }
}

/// The cover of the open portfolio for the report date, under the policy
/// and notifications kept with it.
type CoverReport = Memo<Result<Arc<Cover>, credit_core::insurance::InsuranceError>>;

fn cover_memo(p: Arc<Open>) -> CoverReport {
    let app = use_app();
    Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let (pol, n) = app.extras.with(|x| (store::policy(x), store::notified(x)));
            cover(&p, d, &pol, &n).map(Arc::new)
        },
        crate::state::changed,
    )
}
