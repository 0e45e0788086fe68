//! The columns' mapping: what the worker read (rows, encoding, delimiter,
//! header row, a recognised export) and, per column of the file, its first
//! values and the field it is imported as, for the user to correct.

use credit_core::import::header::Field;
use credit_core::import::Preset;
use leptos::prelude::*;

use super::flow::Flow;
use crate::i18n::import::{self as text, Im};
use crate::protocol::field_name;

/// The field a drop-down's value names (`None`: not imported).
fn field_from(name: &str) -> Option<Field> {
    Field::ALL.into_iter().find(|f| field_name(*f) == name)
}

/// The mapping's card, once a file is open.
#[component]
pub fn MappingTable(flow: Flow) -> impl IntoView {
    let Flow {
        i,
        opened,
        mapping,
        busy,
        header_row,
        preset_choice,
        ..
    } = flow;
    move || {
        let lang = i.lang.get();
        let o = opened.get()?;
        let m = mapping.get();
        let rows = o
            .headers
            .iter()
            .enumerate()
            .map(|(col, h)| {
                let current = m
                    .columns
                    .get(col)
                    .copied()
                    .flatten()
                    .map(field_name)
                    .unwrap_or_default();
                let samples = o
                    .sample
                    .iter()
                    .filter_map(|r| r.get(col).cloned())
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" · ");
                let options = std::iter::once(("".to_string(), i.t(Im::Ignore).to_string()))
                    .chain(
                        Field::ALL
                            .iter()
                            .map(|f| (field_name(*f), text::field(lang, *f))),
                    )
                    .map(|(v, label)| {
                        let sel = v == current;
                        view! { <option value=v selected=sel>{label}</option> }
                    })
                    .collect_view();
                view! {
                    <tr data-testid="map-row">
                        <td data-testid="map-header">{h.clone()}</td>
                        <td class="muted">{samples}</td>
                        <td>
                            <select
                                data-testid=format!("map-{col}")
                                disabled=move || busy.get()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    mapping.update(|m| m.set(col, field_from(&v)));
                                    flow.check();
                                }
                            >
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let enc = o.encoding.map(|e| format!("{e:?}")).unwrap_or_default();
        let delim = match o.delimiter {
            Some('\t') => "Tab".to_string(),
            Some(c) => c.to_string(),
            None => String::new(),
        };
        Some(view! {
            <section class="card">
                <h2>{i.t(Im::Columns)}</h2>
                <p class="muted" data-testid="file-info" data-ms=o.elapsed_ms.to_string()>
                    {text::file_info(lang, o.rows, &enc, &delim)}
                    {o.remembered.then(|| view! { <span data-testid="mapping-remembered">{format!(" · {}", i.t(Im::MappingRemembered))}</span> })}
                </p>
                <p class="muted" data-testid="header-info">
                    {text::header_on_row(lang, o.header_row)}
                    {(!o.title_rows.is_empty()).then(|| format!(" · {}: {}", i.t(Im::AboveIt), o.title_rows.join(" | ")))}
                </p>
                {o.preset.as_deref().and_then(Preset::from_id).map(|p| view! {
                    <p class="ok" data-testid="preset-recognised">
                        {format!("{}: {}", i.t(Im::ExportRecognised), text::preset(lang, p))}
                    </p>
                })}
                <div class="form-grid">
                    <label>
                        {i.t(Im::ExportFormat)}
                        <select data-testid="import-preset" on:change=move |ev| {
                            preset_choice.set(Preset::from_id(&event_target_value(&ev)));
                            flow.open();
                        }>
                            <option value="">{i.t(Im::RecogniseFromHeaders)}</option>
                            {Preset::ALL.into_iter().map(|p| view! {
                                <option value=p.id() selected=move || preset_choice.get() == Some(p)>{text::preset(lang, p)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {i.t(Im::HeaderRow)}
                        <input type="number" min="1" data-testid="import-header-row"
                            prop:value=o.header_row.to_string()
                            on:change=move |ev| {
                                header_row.set(event_target_value(&ev).trim().parse().ok().filter(|n: &usize| *n >= 1));
                                flow.open();
                            }/>
                    </label>
                </div>
                <table class="data">
                    <thead><tr>
                        <th>{i.t(Im::ColumnInFile)}</th>
                        <th>{i.t(Im::FirstValues)}</th>
                        <th>{i.t(Im::ImportedAs)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    }
}
