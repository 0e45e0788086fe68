//! The action log (the page's and a buyer's), and a buyer's dunning on its
//! page: its policy, a hold made by a step, its log.

use credit_core::dunning::{Policy, Preset};
use leptos::prelude::*;

use crate::dunning::{self as store, SETTINGS_KEY};
use crate::format;
use crate::i18n::dunning::{self as i18n, core_lang, D};
use crate::i18n::{text, use_i18n};
use crate::state::use_app;

/// The action log as a table; only `customer` when given.
#[component]
pub fn LogTable(#[prop(optional, into)] customer: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    move || {
        let lang = i.lang.get();
        let d = core_lang(lang);
        let mut log = app.extras.with(store::log);
        if let Some(c) = &customer {
            log.retain(|e| &e.customer_id == c);
        }
        if log.is_empty() {
            return view! { <p class="muted" data-testid="log-empty">{text(lang, D::NothingLogged)}</p> }.into_any();
        }
        let rows = log
            .iter()
            .rev()
            .map(|e| {
                let actions = e
                    .actions
                    .iter()
                    .map(|a| a.label(d))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let invoices = e
                    .invoices
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <tr data-testid="log-row">
                        <td>{format::date(e.date, lang)}</td>
                        <td>{e.customer_id.clone()}</td>
                        <td>{format!("{:+}", e.step_offset)} " · " {actions}</td>
                        <td>{e.channel.label(d)}</td>
                        <td class="small">{invoices}</td>
                        <td>{e.note.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="log-table">
                    <thead><tr>
                        <th>{text(lang, D::Date)}</th>
                        <th>{text(lang, D::Buyer)}</th>
                        <th>{text(lang, D::Step)}</th>
                        <th>{text(lang, D::Channel)}</th>
                        <th>{text(lang, D::Invoices)}</th>
                        <th>{text(lang, D::Note)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

/// The portfolio's action log.
#[component]
pub(super) fn LogPanel() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="panel no-print" data-testid="log-panel">
            <h2>{move || i.t(D::LogTitle)}</h2>
            <p class="muted">{move || i.t(D::LogHelp)}</p>
            <LogTable/>
        </section>
    }
}

/// A buyer's dunning on its page: its policy, a hold, its log.
#[component]
pub fn BuyerDunning(id: String) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let id2 = id.clone();
    let choice = Memo::new(move |_| {
        let s = app.extras.with(store::settings);
        match s.overrides.get(&id2) {
            None => String::new(),
            Some(p) => Preset::ALL
                .into_iter()
                .find(|k| Policy::preset(*k).steps == p.steps)
                .map_or("portfolio".to_string(), |k| k.key().to_string()),
        }
    });
    let id3 = id.clone();
    let pick = move |v: String| {
        let mut s = app.extras.with_untracked(store::settings);
        match Preset::ALL.into_iter().find(|p| p.key() == v) {
            Some(p) => {
                s.overrides.insert(id3.clone(), Policy::preset(p));
            }
            None if v == "portfolio" => {
                let p = s.policy.clone();
                s.overrides.insert(id3.clone(), p);
            }
            None => {
                s.overrides.remove(&id3);
            }
        }
        app.set_extra(SETTINGS_KEY, &s);
    };
    let id4 = id.clone();
    let hold = move || {
        let lang = i.lang.get();
        let h = app.extras.with(store::holds).get(&id4).cloned()?;
        let id = id4.clone();
        let what = i18n::hold_status(lang, h.status);
        Some(view! {
            <p class="warn" data-testid="buyer-hold">
                {what} " " {i18n::hold_since(lang, h.since, h.step_offset)}
                " " <button class="link" data-testid="lift-hold" on:click=move |_| app.lift_hold(&id)>{text(lang, D::Lift)}</button>
            </p>
        })
    };
    view! {
        <section class="panel" data-testid="buyer-dunning">
            <h2>{move || i.t(D::Title)}</h2>
            {hold}
            <label>
                <span>{move || i.t(D::BuyerPolicy)}</span>
                <select data-testid="buyer-policy" on:change=move |ev| pick(event_target_value(&ev))>
                    <option value="" selected=move || choice.get().is_empty()>{move || i.t(D::PortfolioPolicy)}</option>
                    {move || { let d = core_lang(i.lang.get()); let c = choice.get(); Preset::ALL.into_iter().map(|p| view! { <option value=p.key() selected=c == p.key()>{p.label(d)}</option> }).collect_view() }}
                    <option value="portfolio" selected=move || choice.get() == "portfolio">{move || i.t(D::PortfolioPolicyCopy)}</option>
                </select>
            </label>
            <LogTable customer=id/>
        </section>
    }
}
