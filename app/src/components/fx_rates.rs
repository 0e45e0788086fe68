//! The exchange rates of the open stored portfolio: the rates it has, the
//! currencies of its invoices that have none (without which the reports
//! cannot be computed in the base currency), and a form to add a dated
//! rate. Rates are the user's own: nothing is fetched.

use std::collections::BTreeSet;

use credit_core::dates::parse_iso;
use credit_core::money::Currency;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::messages;
use crate::i18n::use_i18n;
use crate::protocol::{Reply, Request};
use crate::state::use_app;
use crate::worker;

/// The rates panel; shown for a stored portfolio with foreign currencies.
#[component]
pub fn FxRates() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    // Foreign currencies of the invoices, and those without any rate.
    let currencies = Memo::new(move |_| {
        let p = app.portfolio.get()?;
        let base = p.fx.base();
        let used: BTreeSet<Currency> = p
            .invoices
            .iter()
            .map(|inv| inv.currency)
            .filter(|c| *c != base)
            .collect();
        let rated: BTreeSet<Currency> = p.fx.rates().iter().map(|r| r.currency).collect();
        let missing: Vec<Currency> = used.difference(&rated).copied().collect();
        Some((used.into_iter().collect::<Vec<_>>(), missing))
    });
    let chosen = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let add = move |_| {
        let Some(meta) = app.open_meta.get_untracked() else {
            return;
        };
        let (used, missing) = currencies.get_untracked().unwrap_or_default();
        let pick = chosen.get_untracked();
        let currency = Currency::new(&pick)
            .ok()
            .or_else(|| missing.first().copied())
            .or_else(|| used.first().copied());
        let Some(currency) = currency else { return };
        let day = parse_iso(&date.get_untracked()).unwrap_or_else(|| app.as_of.get_untracked());
        let req = Request::AddRate {
            id: meta.id,
            currency,
            rate: rate.get_untracked(),
            date: day,
        };
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            match worker::call(&req, None).await {
                Reply::Saved { .. } => rate.set(String::new()),
                Reply::Failed(f) => {
                    message.set(Some(messages::failure(i.lang.get_untracked(), &f)))
                }
                _ => {}
            }
            busy.set(false);
        });
    };

    move || {
        let (used, missing) = currencies.get()?;
        app.open_meta.get()?;
        if used.is_empty() {
            return None;
        }
        let p = app.portfolio.get()?;
        let base = p.fx.base().code().to_string();
        let rows =
            p.fx.rates()
                .iter()
                .map(|r| {
                    view! {
                        <tr data-testid="fx-row">
                            <td>{r.currency.code().to_string()}</td>
                            <td>{r.date.to_string()}</td>
                            <td class="num">{format!("{} {}", r.rate, base)}</td>
                        </tr>
                    }
                })
                .collect_view();
        let missing_text = missing
            .iter()
            .map(|c| c.code().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Some(view! {
            <section class="card fx" data-testid="fx-rates">
                <h2>{i.pick("Exchange rates", "汇率")}</h2>
                {(!missing.is_empty()).then(|| view! {
                    <p class="warn" data-testid="fx-missing">
                        {format!("{} {} {} {}.", i.pick("No rate yet for", "尚无汇率："), missing_text, i.pick("— add one to see the reports in", "——请添加汇率，以便以下列币种查看报表："), base)}
                    </p>
                })}
                <table class="data"><tbody>{rows}</tbody></table>
                <div class="form-grid">
                    <label>{i.pick("Currency", "币种")}
                        <select data-testid="fx-currency" on:change=move |ev| chosen.set(event_target_value(&ev))>
                            {missing.iter().chain(used.iter().filter(|c| !missing.contains(c))).map(|c| {
                                let code = c.code().to_string();
                                view! { <option value=code.clone()>{code.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>{format!("{} ({} {})", i.pick("Rate", "汇率"), base, i.pick("per unit", "/单位"))}
                        <input data-testid="fx-rate" inputmode="decimal" prop:value=move || rate.get() on:input=move |ev| rate.set(event_target_value(&ev))/>
                    </label>
                    <label>{i.pick("From", "起始日期")}
                        <input type="date" data-testid="fx-date" prop:value=move || { let d = date.get(); if d.is_empty() { app.as_of.get().to_string() } else { d } } on:change=move |ev| date.set(event_target_value(&ev))/>
                    </label>
                    <button data-testid="fx-add" disabled=move || busy.get() on:click=add>{i.pick("Add rate", "添加汇率")}</button>
                </div>
                {move || message.get().map(|m| view! { <p class="error" role="alert" data-testid="fx-error">{m}</p> })}
            </section>
        })
    }
}
