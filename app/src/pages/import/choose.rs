//! The file choice: where the import goes (a stored portfolio or a new
//! one), the currency of rows without one, the file, its encoding and its
//! date order.

use credit_core::import::{DateOrder, EncodingChoice};
use leptos::prelude::*;

use super::flow::Flow;
use super::CURRENCIES;
use crate::i18n::import::Im;

/// The encoding an option of the drop-down names.
fn encoding_from(value: &str) -> EncodingChoice {
    match value {
        "utf8" => EncodingChoice::Utf8,
        "utf16le" => EncodingChoice::Utf16Le,
        "utf16be" => EncodingChoice::Utf16Be,
        "gb18030" => EncodingChoice::Gb18030,
        "windows1252" => EncodingChoice::Windows1252,
        _ => EncodingChoice::Auto,
    }
}

/// The date order an option of the drop-down names.
fn date_order_from(value: &str) -> Option<DateOrder> {
    match value {
        "dmy" => Some(DateOrder::Dmy),
        "mdy" => Some(DateOrder::Mdy),
        "ymd" => Some(DateOrder::Ymd),
        _ => None,
    }
}

/// The form of the first step.
#[component]
pub fn FileChoice(flow: Flow) -> impl IntoView {
    let Flow {
        i,
        app,
        target_id,
        new_name,
        currency,
        currency_chosen,
        file,
        encoding,
        date_order,
        ..
    } = flow;

    let target_options = move || {
        let mut opts = vec![view! {
            <option value="new" selected=move || target_id.get() == "new">
                {move || i.t(Im::ANewPortfolio)}
            </option>
        }
        .into_any()];
        for m in app.portfolios.get() {
            let id = m.id.clone();
            let sel = id.clone();
            opts.push(
                view! { <option value=id selected=move || target_id.get() == sel>{m.name.clone()}</option> }
                    .into_any(),
            );
        }
        opts
    };

    view! {
        <div class="card form-grid">
            <label>
                {move || i.t(Im::Into)}
                <select data-testid="import-target" on:change=move |ev| { target_id.set(event_target_value(&ev)); flow.recheck(); }>
                    {target_options}
                </select>
            </label>
            <Show when=move || target_id.get() == "new">
                <label>
                    {move || i.t(Im::Name)}
                    <input data-testid="import-new-name" prop:value=move || new_name.get() placeholder=move || i.t(Im::ImportedLedger) on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </label>
            </Show>
            <label>
                {move || i.t(Im::DefaultCurrency)}
                <select data-testid="import-currency" prop:value=move || currency.get() on:change=move |ev| { currency.set(event_target_value(&ev)); currency_chosen.set(true); flow.recheck(); }>
                    {CURRENCIES.iter().map(|c| view! { <option value=*c selected=move || currency.get() == *c>{*c}</option> }).collect_view()}
                    {move || {
                        let c = currency.get();
                        (!CURRENCIES.contains(&c.as_str())).then(|| view! { <option value=c.clone() selected=true>{c.clone()}</option> })
                    }}
                </select>
            </label>
            <label>
                {move || i.t(Im::File)}
                <input type="file" data-testid="import-file" accept=".csv,.txt,.tsv,.xlsx"
                    on:change=move |ev| {
                        let input = event_target::<web_sys::HtmlInputElement>(&ev);
                        file.set(input.files().and_then(|l| l.get(0)));
                        flow.open();
                    }/>
            </label>
            <label>
                {move || i.t(Im::Encoding)}
                <select data-testid="import-encoding" on:change=move |ev| {
                    encoding.set(encoding_from(&event_target_value(&ev)));
                    flow.open();
                }>
                    <option value="auto">{move || i.t(Im::Detect)}</option>
                    <option value="utf8">"UTF-8"</option>
                    <option value="utf16le">"UTF-16LE"</option>
                    <option value="utf16be">"UTF-16BE"</option>
                    <option value="gb18030">"GBK / GB18030"</option>
                    <option value="windows1252">{move || i.t(Im::Windows1252)}</option>
                </select>
            </label>
            <label>
                {move || i.t(Im::DateOrder)}
                <select data-testid="import-date-order" on:change=move |ev| {
                    date_order.set(date_order_from(&event_target_value(&ev)));
                    flow.recheck();
                }>
                    <option value="">{move || i.t(Im::FromTheFile)}</option>
                    <option value="dmy">{move || i.t(Im::Dmy)}</option>
                    <option value="mdy">{move || i.t(Im::Mdy)}</option>
                    <option value="ymd">{move || i.t(Im::Ymd)}</option>
                </select>
            </label>
        </div>
    }
}
