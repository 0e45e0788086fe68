//! Import a ledger: choose where it goes and the file; the worker reads it
//! (encoding detected, or the user's choice), guesses the mapping (or takes
//! the one the portfolio remembers) and checks every row; the page shows
//! the mapping to correct, the summary and every error before anything is
//! stored. Nothing is written until the user imports — all rows, or
//! explicitly the valid ones — and an invoice already stored is skipped or
//! replaced as the user chooses.
//!
//! The page is laid out by step: the file choice ([`choose`]), the columns'
//! mapping ([`mapping`]), the summary ([`summary`]) and errors
//! ([`errors`]) of the check, the import itself ([`actions`]) and what it
//! did ([`done`]). They share one [`flow::Flow`] of signals.

mod actions;
mod choose;
mod done;
mod errors;
mod flow;
mod mapping;
mod summary;

use leptos::prelude::*;

use actions::Actions;
use choose::FileChoice;
use done::Done;
use errors::ErrorList;
use mapping::MappingTable;
use summary::SummaryCard;

use crate::i18n::import::Im;
use crate::i18n::{messages, use_i18n};
use crate::protocol::Failure;
use crate::state::use_app;
use crate::worker;

/// Currencies offered for a new portfolio and for rows without one.
pub const CURRENCIES: [&str; 14] = [
    "CNY", "EUR", "USD", "GBP", "JPY", "HKD", "CHF", "SGD", "INR", "AUD", "CAD", "KRW", "TWD",
    "NZD",
];

/// The import page.
#[component]
pub fn Import() -> impl IntoView {
    let i = use_i18n();
    let flow = flow::Flow::new(i, use_app());
    let progress = worker::progress();

    view! {
        <section class="page import">
            <h1>{move || i.t(Im::ImportALedger)}</h1>
            <p class="muted">{move || i.t(Im::Formats)}</p>
            <FileChoice flow=flow/>
            {move || progress.get().map(|(phase, permille)| view! {
                <div class="progress" data-testid="import-progress" role="status">
                    <span>{messages::phase(i.lang.get(), phase)}</span>
                    <progress max="1000" value=permille.to_string()></progress>
                </div>
            })}
            {move || flow.failure.get().map(|f| {
                let retry = matches!(f, Failure::WorkerStopped { .. }).then(|| view! {
                    <button data-testid="import-retry" on:click=move |_| flow.open()>{i.t(Im::TryAgain)}</button>
                });
                view! { <p class="error" role="alert" data-testid="import-failure">{messages::failure(i.lang.get(), &f)} " " {retry}</p> }
            })}
            <Done flow=flow/>
            <MappingTable flow=flow/>
            <SummaryCard flow=flow/>
            <ErrorList flow=flow/>
            <Actions flow=flow/>
        </section>
    }
}
