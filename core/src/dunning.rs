//! Dunning: policies and presets, the plan for a date, late interest and
//! compensation by regime, letters in English and Chinese, the action log.
//!
//! # Policies
//! A [`Policy`] is an ordered list of [`Step`]s, each an offset in days
//! from the due date (negative = before it), the actions (the first is the
//! communication; others accompany it, e.g. stop deliveries), a channel and
//! a letter template per language (the default one for the action unless
//! edited). Presets ([`Preset`]):
//!
//! | preset | steps |
//! |---|---|
//! | Standard | +7 reminder (letter) · +30 phone call (phone) · +60 legal action (letter) |
//! | Proactive | −7 friendly reminder (email) · +3 formal demand (letter) · +15 legal action (letter) |
//! | Firm | +3 reminder (letter) · +15 final notice + stop deliveries (registered letter) · +30 legal action (registered letter) |
//!
//! A portfolio has a policy; a buyer may have its own
//! ([`DunningSettings::overrides`]).
//!
//! # The plan for a date ([`plan`])
//! - Every open (something unpaid as of the date), non-disputed invoice of
//!   a buyer not closed and not in net credit has a **reached step**
//!   (open amounts net of the buyer's credits, [`crate::openitems`]: a
//!   credit note or payment on account is never dunned; with credits
//!   applied oldest first, what they cover drops out): the last step whose date
//!   (due + offset) is on or before `as_of`.
//! - It is **pending** unless the action log has an entry for the same
//!   buyer, the same invoice **and the same due date** at a step offset at
//!   least the reached one. A due date that moved makes older entries not
//!   count: the invoice follows its new date.
//! - **One communication per buyer per step**: a buyer's pending invoices
//!   make one [`PlanItem`] at the highest step any of them reached; it
//!   lists all of them (each with its own reached step). Its `step_date`
//!   is the earliest day one of its invoices reached that step.
//! - Disputed invoices are **paused** ([`Plan::paused`]), in no item and no
//!   letter; paid invoices are out.
//! - [`Plan::upcoming`]: for each buyer each next step of its invoices (at
//!   its earliest date after `as_of`) when it falls within `lookahead_days`
//!   (soon-due invoices, e.g. the −7 friendly reminder), or whatever its
//!   date when the buyer is already in dunning (one of its invoices reached
//!   a step) — so a step marked done shows its successor scheduled.
//! - Amounts of an item are in the base currency at the rates of `as_of`.
//! - Items: highest offset first, then largest open amount, then buyer id.
//!
//! # Late interest ([`late_interest`])
//! Simple, actual/365, from the day after the due date through `as_of`
//! (only the days after `charged_through`: interest already claimed is
//! never charged again), on what was unpaid each day: a payment reduces
//! the principal from the day after it. Segments split at payments and at
//! half-years (1 January, 1 July) where the rate changes.
//!
//! | regime | rate a year | fixed compensation |
//! |---|---|---|
//! | EU (Directive 2011/7/EU) | reference + 8 points, re-read each half-year | €40 per invoice |
//! | Germany | base rate + 9 points, re-read each half-year | €40 per invoice |
//! | France | reference + 10 points, re-read each half-year | €40 per invoice |
//! | UK (Late Payment of Commercial Debts (Interest) Act 1998) | base rate + 8, fixed for the debt | £40 under £1,000; £70 under £10,000; £100 from £10,000 (of the invoice's gross amount in sterling) |
//! | China | the contract rate; else, when chosen, 0.05 % a day (large enterprise or public body paying an SME late, no rate agreed) | none |
//! | Contract | the contract rate | none |
//!
//! **EU, Germany, France** (Directive 2011/7/EU art. 2(7)): the reference
//! rate of a day is the entered [`RefRate`] in force on the first day of
//! its half-year (the latest `from` on or before it); when no rate was in
//! force then, the latest one in force on the day itself.
//!
//! **UK** (Late Payment Act s.6): the base rate in force on the 31
//! December or 30 June immediately before the day interest starts to run
//! (the day after the due date), fixed for that debt until it is paid —
//! later changes of the base rate do not move it; when no rate was in
//! force on that reference day, the latest one in force on the day
//! interest starts.
//!
//! No rate at all is [`DunningError::NoRate`]; in a plan that means no
//! interest is shown (nothing is charged until a rate is entered).
//!
//! **Fixed compensation** (Directive 2011/7/EU art. 6(1); UK Act s.5A) is
//! owed once late-payment interest runs ([`compensation_due`]): the due
//! date has passed and the invoice was not paid in full by it. An invoice
//! paid in full by its due date owes none; one paid in full after it, or
//! still unpaid, owes it. The UK sum goes by the debt in sterling: a debt
//! in another currency is converted at a rate given with it
//! ([`compensation`]; a plan uses the portfolio's rates of `as_of`) and is
//! [`DunningError::NoGbpRate`] without one — never a yen amount compared
//! with £1,000. Compensation is due once per invoice: a plan adds it only
//! for overdue invoices never yet in the log, converted to the base
//! currency.
//!
//! # Letters ([`letter`])
//! A step's template (the action's default, [`default_template`], unless
//! edited) with its `{fields}` ([`merge_fields`]) filled in; the invoice
//! table is fixed-width text, set in a fixed-width font where the letter is
//! shown ([`letter_blocks`]). Bank details not yet entered show as a
//! bracketed placeholder, so a letter is never sent asking for payment "to:"
//! nothing.
//!
//! # Where things are
//! - [`policy`](self#policies): actions, channels, presets, steps, a
//!   policy and its validation ([`Policy::validate`]);
//! - [`interest`](self#late-interest-late_interest): regimes, reference
//!   rates, [`late_interest`] and the fixed [`compensation`];
//! - [`plan`](self#the-plan-for-a-date-plan): the settings of a portfolio
//!   and the [`plan`] for a date;
//! - [`letter`](self#letters-letter): templates, merge fields and letters;
//! - the log: [`LogEntry`] and the status a step leaves ([`status_after`]);
//! - the forms: the policy editor ([`policy_from_rows`]) and the interest
//!   and letterhead settings ([`SettingsText::apply`]) as typed, checked
//!   field by field;
//! - the plan's CSV and the letters' HTML are in [`crate::export`]
//!   ([`plan_csv`], [`crate::export::letters_html`]).

use serde::{Deserialize, Serialize};

/// The key a portfolio's [`DunningSettings`] are kept under in its extras
/// (and so in a backup).
pub const SETTINGS_KEY: &str = "dunning.settings";

/// The key a portfolio's dunning action log (a list of [`LogEntry`]) is
/// kept under in its extras.
pub const LOG_KEY: &str = "dunning.log";

/// The language of labels, letters and messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

pub(crate) fn pick<T>(lang: Lang, en: T, zh: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

macro_rules! keyed {
    ($t:ident { $($v:ident => $k:literal, $en:literal, $zh:literal;)* }) => {
        impl $t {
            /// Every value, in order.
            pub const ALL: [$t; [$($k),*].len()] = [$($t::$v),*];
            /// A stable key.
            pub fn key(self) -> &'static str {
                match self { $($t::$v => $k,)* }
            }
            /// Its name in a language.
            pub fn label(self, lang: $crate::dunning::Lang) -> &'static str {
                match (self, lang) {
                    $(($t::$v, $crate::dunning::Lang::En) => $en, ($t::$v, $crate::dunning::Lang::Zh) => $zh,)*
                }
            }
            /// The value of a key.
            pub fn from_key(key: &str) -> Option<$t> {
                $t::ALL.into_iter().find(|x| x.key() == key)
            }
        }
    };
}
/// The macro of the enums with a key and a name in both languages (here and
/// in [`crate::collections`]).
pub(crate) use keyed;

mod error;
mod form;
mod interest;
mod letter;
mod log;
mod plan;
mod policy;

pub use crate::export::plan_csv;
pub use error::DunningError;
pub use form::{
    policy_from_rows, SettingsFormError, SettingsText, StepRow, StepRowError, NEW_STEP_AFTER_DAYS,
    PAY_WITHIN_MAX_DAYS, RATE_ABOVE, RATE_MAX,
};
pub use interest::{
    compensation, compensation_due, late_interest, InterestCalc, InterestSettings, RefRate, Regime,
    Segment,
};
pub use letter::{default_template, letter, letter_blocks, merge_fields, Letter, LetterSettings};
pub use log::{status_after, LogEntry, LoggedInvoice};
pub use plan::{
    plan, plan_with, DunningSettings, Paused, Pauses, Plan, PlanInvoice, PlanItem, Upcoming,
};
pub use policy::{Channel, DunningAction, Policy, PolicyError, Preset, Step};
