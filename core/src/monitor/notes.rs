//! What a user did with an alert: acknowledged it, or snoozed it until a
//! date, with a note; and whether the alert comes back.
//!
//! An acknowledged alert stays hidden while it is no more severe than when
//! it was acknowledged; a snoozed one until its date (the day itself shows
//! it again). An alert that got worse comes back at once, whatever the
//! note says.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Alert, Severity};

/// What the user did with an alert.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Seen and dealt with.
    Acknowledged,
    /// Put aside until a date.
    Snoozed,
}

/// The user's note on an alert (kept by the app with the portfolio, as
/// JSON: the field names are its stored format).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AlertNote {
    /// The alert's key ([`Alert::key`]): its rule and buyer.
    pub key: String,
    /// Acknowledged or snoozed.
    pub kind: NoteKind,
    /// Until when a snooze lasts.
    pub until: Option<NaiveDate>,
    /// The alert's severity when the note was made.
    pub severity: Severity,
    /// The user's words.
    pub note: String,
    /// The report date the note was made on.
    pub on: NaiveDate,
}

impl AlertNote {
    /// Whether this note hides `alert` as of a date: never when the alert
    /// is now more severe than when the note was made; an acknowledgement
    /// otherwise always; a snooze before its `until` date (a snooze without
    /// a date hides nothing).
    ///
    /// # Example
    /// ```
    /// use credit_core::monitor::{Action, Alert, AlertNote, Evidence, NoteKind, Rule, Severity};
    /// use credit_core::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let alert = |severity| Alert {
    ///     rule: Rule::GradeDowngraded,
    ///     severity,
    ///     customer_id: "C1".into(),
    ///     evidence: Evidence::GradeDowngraded { from: 4, to: 6 },
    ///     action: Action::Reassess,
    /// };
    /// let snooze = AlertNote {
    ///     key: "grade_downgraded:C1".into(),
    ///     kind: NoteKind::Snoozed,
    ///     until: Some(d(7, 10)),
    ///     severity: Severity::Warning,
    ///     note: "called them".into(),
    ///     on: d(7, 1),
    /// };
    /// assert!(snooze.hides(&alert(Severity::Warning), d(7, 9)));
    /// assert!(!snooze.hides(&alert(Severity::Warning), d(7, 10))); // back on its date
    /// assert!(!snooze.hides(&alert(Severity::Critical), d(7, 2))); // worse: back at once
    /// ```
    pub fn hides(&self, alert: &Alert, as_of: NaiveDate) -> bool {
        if alert.severity > self.severity {
            return false;
        }
        match self.kind {
            NoteKind::Acknowledged => true,
            NoteKind::Snoozed => self.until.is_some_and(|u| as_of < u),
        }
    }
}

/// Which alerts a list shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Show {
    /// Those no note hides: what needs attention.
    Open,
    /// Those a note hides: acknowledged or snoozed.
    Noted,
    /// All of them.
    All,
}

/// The alerts a list shows as of a date, in their order, each with its note
/// (`notes` by [`Alert::key`]).
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use credit_core::monitor::{visible, Action, Alert, AlertNote, Evidence, NoteKind, Rule, Severity, Show};
/// use credit_core::NaiveDate;
/// let as_of = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
/// let alert = Alert {
///     rule: Rule::GradeDowngraded,
///     severity: Severity::Warning,
///     customer_id: "C1".into(),
///     evidence: Evidence::GradeDowngraded { from: 4, to: 6 },
///     action: Action::Reassess,
/// };
/// let note = AlertNote {
///     key: alert.key(),
///     kind: NoteKind::Acknowledged,
///     until: None,
///     severity: Severity::Warning,
///     note: String::new(),
///     on: as_of,
/// };
/// let notes = HashMap::from([(note.key.clone(), note)]);
/// let alerts = [alert];
/// assert!(visible(&alerts, &notes, as_of, Show::Open).is_empty());
/// assert_eq!(visible(&alerts, &notes, as_of, Show::Noted).len(), 1);
/// assert_eq!(visible(&alerts, &HashMap::new(), as_of, Show::Open).len(), 1);
/// ```
pub fn visible(
    alerts: &[Alert],
    notes: &HashMap<String, AlertNote>,
    as_of: NaiveDate,
    show: Show,
) -> Vec<(Alert, Option<AlertNote>)> {
    alerts
        .iter()
        .filter_map(|a| {
            let note = notes.get(&a.key()).cloned();
            let hidden = note.as_ref().is_some_and(|n| n.hides(a, as_of));
            let keep = match show {
                Show::Open => !hidden,
                Show::Noted => hidden,
                Show::All => true,
            };
            keep.then(|| (a.clone(), note))
        })
        .collect()
}
