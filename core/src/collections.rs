//! Collections as a credit team works them: promises to pay, disputes as a
//! workflow, contacts and a cadence per buyer, groups of companies sharing a
//! limit, the order check for sales and the statement of account (printable,
//! and as an `.eml` the user's own mail client sends).
//!
//! Everything the team records is one [`Book`], kept with the portfolio as
//! JSON under the extras key [`EXTRAS_KEY`] (no change to the stored
//! schema: a portfolio without the key has an empty book). Every change goes
//! through a `Book` method that checks the whole input first and changes
//! nothing when any of it is wrong ([`CollectionsError`], with a message in
//! both languages).
//!
//! # Rules (where the issue is silent, what a credit team expects)
//! - **A promise to pay** names invoices (their open amount, base currency,
//!   is what is promised unless an amount is typed) or only an amount
//!   (covering the buyer's open invoices oldest due first). It may not be
//!   dated before the report date. It is **kept** once the buyer's payments
//!   dated from the day it was recorded to its date + the grace
//!   ([`Book::grace_days`], 0 by default, so a missed promise is raised the
//!   next day) add up to the amount; **broken** the day after that without;
//!   **open** before. Any payment of the buyer counts (cash is cash,
//!   whichever invoice the buyer's remittance names), shared among its
//!   promises earliest promised date first, so one payment never keeps two.
//! - While a promise is open, dunning pauses its invoices and the cash
//!   forecast expects them on the promised date. A broken promise raises an
//!   alert (with the promised date, amount and what came) for as long as the
//!   amount is not paid, and its invoices move to the next dunning step at
//!   once.
//! - **A dispute** is on one invoice, for part or all of what is open on it
//!   (at most that); one open dispute per invoice. Its status moves open →
//!   investigating → one of the three resolutions, each move dated, never
//!   before the previous one, never out of a resolution. Dunning pauses only
//!   the disputed part while it is open or investigated.
//! - **Contacts**: one accounts-payable contact per buyer, its language and
//!   channel; an e-mail address is checked (one `@`, no spaces or line
//!   breaks, which would let text into the message's headers). A buyer's
//!   **cadence** (days after due, rising) replaces the offsets of its
//!   policy's steps in order (a shorter cadence drops the later steps).
//! - **Groups**: a buyer is in at most one group. Group exposure is the sum
//!   of its members' net exposure; the group limit is shared by them; the
//!   over-limit and concentration alerts also run per group (raised on the
//!   member with the largest exposure, so the alert opens a buyer).
//! - **The order check** ([`order_check`]) weighs the rules of
//!   [`OrderRules`] (each off, refer or block): deliveries held, overdue
//!   above an amount for more than some days, over the buyer's or the
//!   group's limit after the order, no limit set, a grade at or above 9,
//!   over the insurer's limit after the order. The answer is the worst of
//!   the rules that fired (block > refer > approve), with every reason.

mod book;
mod error;
mod order;
mod statement;
mod status;
#[cfg(test)]
mod tests;

pub use book::{
    Book, Contact, ContactForm, DisputeCase, DisputeEvent, DisputeForm, DisputeReason,
    DisputeStatus, Group, Promise, PromiseForm, EXTRAS_KEY,
};
pub use error::{CollectionsError, Field};
pub use order::{order_check, OrderCheck, OrderDecision, OrderReason, OrderRules, RuleAction};
pub use statement::{eml, mailto, plan_statements, statement, Statement, StatementLine};
pub use status::{CollectionsKpis, GroupFigures, PromiseState, ReasonFigures};
