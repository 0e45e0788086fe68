//! The alerts of the open portfolio (`credit_core::monitor`): what each
//! buyer's rules need to know besides the ledger, and what the user did
//! with each alert.
//!
//! - **Context.** A buyer's grade and the grade before it are its rating
//!   (`crate::grades`: saved, else computed from the ledger); the insured limit
//!   it had before an import lowered it from the portfolio's extras (written
//!   by the import, `protocol::INSURED_BEFORE_KEY`); whether it is on a
//!   payment plan that is being kept (`credit_core::cash::plan_state`), in
//!   which case the dunning-step alert is held back while the plan runs.
//! - **Notes.** Acknowledging or snoozing an alert (with a note) writes an
//!   [`AlertNote`] into the portfolio's extras under [`NOTES_KEY`], so it is
//!   kept with the portfolio, in its backup, and survives a reload (the
//!   demo keeps its notes in `localStorage`). Whether a note hides its
//!   alert is a rule of the core (`AlertNote::hides`): an acknowledged
//!   alert stays hidden while it is no more severe than when it was
//!   acknowledged; a snoozed one until its date. An alert that got worse
//!   comes back.

use std::collections::{BTreeMap, HashMap};

use credit_core::cash::{plan_state, PlanState, SavedPlan};
pub use credit_core::monitor::{AlertNote, NoteKind};
use credit_core::monitor::{BuyerContext, MonitorSettings};
use credit_core::{Decimal, NaiveDate};

use crate::extras::extra_or_default;
use crate::open::Open;
use crate::protocol::INSURED_BEFORE_KEY;
use credit_core::rating::Rating;

/// The extras key of the alert notes: a JSON list of [`AlertNote`].
pub const NOTES_KEY: &str = "alerts.notes";
/// The extras key of the portfolio's alert thresholds
/// (`credit_core::monitor::MonitorSettings` as JSON; the brief's defaults
/// when absent).
pub const SETTINGS_KEY: &str = "alerts.settings";

/// The alert thresholds kept with the portfolio, or the defaults.
///
/// When the portfolio has a dunning policy (the Dunning page), its steps
/// after the due date are the dunning-step thresholds; when it has an
/// insurance policy (the Insurance page), its maximum extension period and
/// notification deadline are the insurer-deadline ones.
pub fn settings(extras: &BTreeMap<String, String>) -> MonitorSettings {
    let mut s: MonitorSettings = extra_or_default(extras, SETTINGS_KEY);
    if extras.contains_key(crate::dunning::SETTINGS_KEY) {
        let steps: Vec<i64> = crate::dunning::settings(extras)
            .policy
            .steps
            .iter()
            .map(|x| x.offset_days)
            .filter(|d| *d > 0)
            .collect();
        if !steps.is_empty() {
            s.dunning_steps = steps;
        }
    }
    if crate::insurance::has_policy(extras) {
        let p = crate::insurance::policy(extras);
        s.extension_days = p.mep_days;
        s.notification_days = p.notification_days;
    }
    s
}

/// The extras key of the saved payment plans: a JSON list of
/// `credit_core::cash::SavedPlan`.
pub const PLANS_KEY: &str = "cash.plans";

/// The saved payment plans of the open portfolio.
pub fn plans(extras: &BTreeMap<String, String>) -> Vec<SavedPlan> {
    extra_or_default(extras, PLANS_KEY)
}

/// What the rules need to know of each buyer besides the ledger.
pub fn context(
    p: &Open,
    as_of: NaiveDate,
    ratings: &HashMap<String, Rating>,
    extras: &BTreeMap<String, String>,
) -> HashMap<String, BuyerContext> {
    let mut ctx: HashMap<String, BuyerContext> = HashMap::new();
    for (id, r) in ratings {
        if r.grade.is_some() {
            let c = ctx.entry(id.clone()).or_default();
            c.grade = r.grade;
            c.previous_grade = r.previous;
        }
    }
    let before: BTreeMap<String, Decimal> = extra_or_default(extras, INSURED_BEFORE_KEY);
    for (id, was) in before {
        ctx.entry(id).or_default().insured_limit_before = Some(was);
    }
    for plan in plans(extras) {
        if plan.input.start > as_of {
            continue;
        }
        if let Ok(PlanState::OnTrack { .. }) = plan_state(&plan, p, as_of) {
            ctx.entry(plan.customer_id.clone()).or_default().on_plan = true;
        }
    }
    ctx
}
