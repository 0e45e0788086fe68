//! The state layer's writes of the alerts' notes (acknowledged, snoozed),
//! kept in the portfolio's extras under `monitoring::NOTES_KEY`.

use std::collections::HashMap;

use super::AppState;
use crate::monitoring::{AlertNote, NOTES_KEY};

impl AppState {
    /// The stored notes, by alert key.
    pub fn alert_notes(&self) -> HashMap<String, AlertNote> {
        self.extra::<Vec<AlertNote>>(NOTES_KEY)
            .unwrap_or_default()
            .into_iter()
            .map(|n| (n.key.clone(), n))
            .collect()
    }

    /// Adds (or replaces) the note of an alert, kept with the portfolio.
    pub fn put_alert_note(&self, note: AlertNote) {
        let mut all = self.extra::<Vec<AlertNote>>(NOTES_KEY).unwrap_or_default();
        all.retain(|n| n.key != note.key);
        all.push(note);
        self.set_extra(NOTES_KEY, &all);
    }

    /// Takes an alert's note off: the alert shows again.
    pub fn remove_alert_note(&self, key: &str) {
        let mut all = self.extra::<Vec<AlertNote>>(NOTES_KEY).unwrap_or_default();
        all.retain(|n| n.key != key);
        self.set_extra(NOTES_KEY, &all);
    }
}
