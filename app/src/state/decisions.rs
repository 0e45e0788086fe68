//! The state layer's writes of the audit trail (see `crate::storage` for
//! the records and where they are kept).

use credit_core::decision::AssessmentRecord;
use leptos::prelude::*;

use super::AppState;
use crate::browser;
use crate::storage::{
    appended, local_prefix, trails, DecisionLog, DecisionSummary, DECISIONS_PREFIX,
};

impl AppState {
    /// Every buyer's trail of the open portfolio as (buyer id, JSON list).
    pub fn all_trails(&self) -> Vec<(String, String)> {
        self.extras.with(trails)
    }

    /// Appends a saved assessment to its buyer's trail; `kept` runs once
    /// the write is stored (for a stored portfolio, when IndexedDB has
    /// committed it), so the page says "saved" only then.
    ///
    /// # Errors
    /// A message when the record cannot be written or the stored list is
    /// not a list; nothing is written then.
    pub fn save_decision(
        &self,
        record: &AssessmentRecord,
        kept: impl FnOnce() + 'static,
    ) -> Result<(), String> {
        let k = format!("{DECISIONS_PREFIX}{}", record.customer_id);
        let json = serde_json::to_string(record).map_err(|e| e.to_string())?;
        let stored = self.extras.with_untracked(|x| x.get(&k).cloned());
        let list = appended(stored.as_deref(), &json)?;
        self.set_extras_then(vec![(k, list)], kept);
        Ok(())
    }
}

/// The audit trail of the open portfolio, in its extras (kept with a
/// stored portfolio, in `localStorage` for the demo).
pub struct PortfolioDecisionLog(pub AppState);

impl DecisionLog for PortfolioDecisionLog {
    fn load(&self, _portfolio: &str, customer_id: &str) -> Vec<DecisionSummary> {
        self.0
            .extras
            .with_untracked(|x| x.get(&format!("{DECISIONS_PREFIX}{customer_id}")).cloned())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }
}

/// Moves the trails an earlier version kept in `localStorage` for a stored
/// portfolio (by its name) into the portfolio, then removes them there.
/// What the portfolio already has is kept; the local copy is removed only
/// once it is written.
pub(super) fn migrate(app: &AppState, portfolio: &str) {
    let prefix = local_prefix(portfolio);
    let keys = browser::keys_with_prefix(&prefix);
    if keys.is_empty() {
        return;
    }
    let mut moves = Vec::new();
    for k in &keys {
        let Some(id) = k.strip_prefix(&prefix) else {
            continue;
        };
        let ek = format!("{DECISIONS_PREFIX}{id}");
        if app.extras.with_untracked(|x| x.contains_key(&ek)) {
            continue;
        }
        if let Some(v) = browser::load(k) {
            moves.push((ek, v));
        }
    }
    app.set_extras_then(moves, move || {
        for k in &keys {
            browser::remove(k);
        }
    });
}
