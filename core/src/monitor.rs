//! Monitoring and early warnings (domain brief, "Monitoring and early
//! warnings"): rules run over a portfolio as of a date, each producing an
//! [`Alert`] with a severity, the buyer, the evidence and a suggested
//! action; and the month-by-month [`trends`] a buyer's (or the portfolio's)
//! page charts.
//!
//! # The rules
//!
//! `exposure` is the buyer's open AR as of `as_of` in the base currency at
//! the `as_of` rate, disputed invoices included: exactly the buyer's total
//! in the ageing report ([`crate::ageing::age_index`]): the **net** of its
//! open items, so a credit note, an overpayment or unapplied cash lowers it,
//! and lines issued after `as_of` are left out. A buyer in net credit
//! (exposure ≤ 0) raises no over-limit, dunning-step or insurer-deadline
//! alert: it owes nothing. `limit` is [`Customer::credit_limit`](crate::customer::Customer::credit_limit).
//!
//! | rule | fires when (defaults of [`MonitorSettings`]) | severity | action |
//! |---|---|---|---|
//! | [`Rule::OverLimit`] | a limit is set and exposure **>** limit (exactly at the limit does not fire) | Critical | [`Action::HoldDeliveries`] |
//! | [`Rule::Utilisation`] | limit > 0 and 0.90 **≤** exposure ÷ limit **≤** 1 | Warning | [`Action::ReviewLimit`] |
//! | [`Rule::PastDunningStep`] | an open, non-disputed invoice is at least a step's offset past due (**≥**; steps +7, +30, +60 of the Standard preset); the highest step reached | Info (step 1) / Warning (middle steps) / Critical (last step) | [`Action::SendReminder`] / [`Action::CallBuyer`] / [`Action::Escalate`] |
//! | [`Rule::GradeDowngraded`] | grade **>** previous grade (1 best, 10 default) | Warning; Critical when the new grade **≥** 8 | [`Action::Reassess`] |
//! | [`Rule::InsuredLimitCut`] | the insured limit is **<** the one before (none counts as 0) | Warning; Critical when cut to 0 while exposure > 0 | [`Action::ReduceExposure`] when exposure > the new insured limit, else [`Action::AskInsurer`] |
//! | [`Rule::VolumeUpPayingSlower`] | last 3 months' sales ÷ 3 **≥** 1.5 × the monthly average of the 9 months before, **and** the average delay of payments in the last 3 months − that of the 9 before **≥** 10 days | Critical | [`Action::CallBuyer`] |
//! | [`Rule::DelayWorsening`] | the average delay of each of the last 3 months is **≥** the month before's, and last − first **≥** 5 days | Warning | [`Action::MonitorClosely`] |
//! | [`Rule::Concentration`] | exposure ÷ total AR **>** 0.20 (total AR: Σ of the buyers' exposures above zero; a buyer in net credit is never concentrated) | Warning | [`Action::ReduceExposure`] |
//! | [`Rule::InsurerDeadline`] | an insured buyer's overdue invoice has its maximum extension period end (due + 60 days) or its overdue notification due (that + 30 days) in `[as_of, as_of + 7 days]` | Critical when **≤** 2 days left, else Warning | [`Action::NotifyInsurer`] |
//!
//! At most one alert per rule per buyer ([`Alert::key`]); OverLimit and
//! Utilisation never both for one buyer (utilisation stops at 100 %).
//!
//! # Choices where the domain brief is silent
//!
//! - **Buyers**: alerts are only raised for buyers of
//!   [`Portfolio::customers`](crate::portfolio::Portfolio::customers); invoices of an unknown buyer still count in
//!   the total AR the concentration is measured against.
//! - **Currencies**: every amount is converted at the rate in force on
//!   `as_of`, as in [`crate::kpi`]; a currency without a rate is an error
//!   only when an amount in it counts.
//! - **Windows** (as [`crate::behaviour::payment_behaviour`]): "the last 3
//!   months" is `(as_of − 3 months, as_of]`, "the 9 months before" is
//!   `(as_of − 12 months, as_of − 3 months]`, by calendar months
//!   (`checked_sub_months`); sales count by issue date, payments by their
//!   date; payments after `as_of` are ignored.
//! - **Payment delay** is amount-weighted days late (payment date − due
//!   date, never below zero), as everywhere else in the crate.
//! - **Volume up while paying slower** needs sales in the 9 months before
//!   (otherwise the ratio is undefined: a new buyer is not "up") and
//!   payments in both windows. The 3 and 9 month windows are fixed; the
//!   ratio and the rise are settings.
//! - **Delay worsening** uses the month ends of
//!   [`crate::behaviour::monthly_delays`]; every one of the
//!   `worsening_months` months must have a payment (a month without one
//!   breaks the trend), each month's average must be ≥ the previous
//!   month's (non-decreasing), and last − first ≥ `worsening_days`
//!   (default 5 days). It is **not raised for a buyer that already has
//!   [`Rule::VolumeUpPayingSlower`]**: the same deterioration, already
//!   reported at a higher severity.
//! - **Dunning steps** are the settings' offsets, sorted and deduplicated;
//!   a negative offset (before the due date) counts not-yet-due invoices. A
//!   policy of one step treats it as the last (Critical, Escalate). Buyers
//!   whose [`BuyerContext::on_plan`] is set (on a payment plan) are skipped.
//!   The evidence counts the invoices (and their open amount) that reached
//!   the highest step, and the most days past due among them.
//! - **Insured limit cut**: "cancelled" is a current insured limit of zero
//!   (or none). The action is to reduce exposure when the exposure is above
//!   the new insured limit (part of it is now uninsured), otherwise to ask
//!   the insurer why.
//! - **Insurer deadlines**: a buyer is insured when its insured limit is
//!   above zero. Disputed invoices are left out (they are listed apart, as
//!   in dunning). Of the deadlines in the window the earliest is reported;
//!   on a tie the extension end comes first, then the invoice listed first;
//!   `invoices` counts the overdue invoices with any deadline in the
//!   window. `days_left` = date − `as_of` (0 = today).
//! - **Concentration** needs a total AR above zero.
//!
//! # Trends
//!
//! [`trends`] walks months back from `as_of` as [`crate::kpi`] does (from a
//! month's last day, calendar months). AR at a month end is what was open
//! on that day on invoices issued by then, so the last point leaves out the
//! invoices dated after `as_of` that the ageing report counts.
//!
//! # Notes and thresholds
//!
//! A user acknowledges or snoozes an alert with an [`AlertNote`];
//! [`AlertNote::hides`] says whether the alert stays out of the list (a
//! worse alert comes back; a snooze ends on its date). The thresholds are
//! typed as a [`SettingsText`] and checked field by field
//! ([`SettingsText::parse`], [`SettingsError`]).
//!
//! # Where each part lives
//!
//! `alert` (what an alert is), `rules` ([`evaluate`]), `trends`
//! ([`trends`]), `notes` ([`AlertNote`], [`visible`]) and `settings`
//! ([`MonitorSettings`] and its form); every item is re-exported here.

mod alert;
mod notes;
mod rules;
mod settings;
mod trends;

pub use alert::{Action, Alert, BuyerContext, DeadlineKind, Evidence, Rule, Severity};
pub use notes::{visible, AlertNote, NoteKind, Show};
pub use rules::evaluate;
pub use settings::{MonitorSettings, SettingsError, SettingsText, Threshold};
pub use trends::{trends, MonthTrend};
