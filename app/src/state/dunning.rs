//! The state layer's writes of the dunning log and holds (the records and
//! how they are read are `crate::dunning`'s).

use credit_core::dunning::LogEntry;
use leptos::prelude::*;

use super::AppState;
use crate::dunning::{appended, holds, Unreadable, HOLDS_KEY, LOG_KEY};

impl AppState {
    /// Appends entries to the log and records the holds they make, in one
    /// write; `after` runs once they are kept.
    ///
    /// # Errors
    /// [`Unreadable`] when the stored log or holds cannot be read: nothing is
    /// written.
    pub fn record_dunning(
        &self,
        entries: Vec<LogEntry>,
        after: impl FnOnce() + 'static,
    ) -> Result<(), Unreadable> {
        let (all, held) = self.extras.with_untracked(|x| appended(x, entries))?;
        let mut changes = Vec::new();
        if let Ok(t) = serde_json::to_string(&all) {
            changes.push((LOG_KEY.to_string(), t));
        }
        if let Ok(t) = serde_json::to_string(&held) {
            changes.push((HOLDS_KEY.to_string(), t));
        }
        self.set_extras_then(changes, after);
        Ok(())
    }

    /// Lifts a buyer's hold.
    pub fn lift_hold(&self, customer_id: &str) {
        let mut held = self.extras.with_untracked(holds);
        if held.remove(customer_id).is_some() {
            self.set_extra(HOLDS_KEY, &held);
        }
    }
}
