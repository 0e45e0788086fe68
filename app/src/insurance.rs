//! What the app keeps of trade credit insurance with the open portfolio
//! (its extras, so in its backup and encrypted with it; for the demo, in
//! `localStorage`):
//!
//! - [`POLICY_KEY`]: the `credit_core::insurance::Policy` as entered on the
//!   Insurance page (absent: the brief's default terms, with the insured
//!   limits the ledger holds);
//! - [`NOTIFIED_KEY`]: the overdue notifications sent to the insurer, a
//!   list of `credit_core::insurance::Notification`;
//! - [`DOCS_KEY`]: the claim papers the user has ticked, by buyer.

use std::collections::{BTreeMap, BTreeSet};

use credit_core::insurance::{Doc, Notification, Policy};

use crate::extras::extra_or_default;

/// The extras key of the policy.
pub const POLICY_KEY: &str = "insurance.policy";
/// The extras key of the overdue notifications sent.
pub const NOTIFIED_KEY: &str = "insurance.notified";
/// The extras key of the claim papers at hand.
pub const DOCS_KEY: &str = "insurance.docs";

/// The core's language for the app's (insurance shares dunning's).
pub use crate::i18n::dunning::core_lang as lang;

/// Whether a policy was entered.
pub fn has_policy(extras: &BTreeMap<String, String>) -> bool {
    extras.contains_key(POLICY_KEY)
}

/// The policy kept with the portfolio, or the default terms.
pub fn policy(extras: &BTreeMap<String, String>) -> Policy {
    extra_or_default(extras, POLICY_KEY)
}

/// The overdue notifications sent.
pub fn notified(extras: &BTreeMap<String, String>) -> Vec<Notification> {
    extra_or_default(extras, NOTIFIED_KEY)
}

/// The claim papers at hand, by buyer.
pub fn docs(extras: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<Doc>> {
    extra_or_default(extras, DOCS_KEY)
}
