//! The check's errors: a page at a time from the worker, each with its
//! file, row, column, value and reason, and all of them as CSV.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::flow::Flow;
use crate::components::pager::Pager;
use crate::i18n::import::{self as text, Im};
use crate::i18n::messages;
use crate::protocol::{Reply, Request};
use crate::worker;

/// The errors' card, when the check found any.
#[component]
pub fn ErrorList(flow: Flow) -> impl IntoView {
    let Flow {
        i,
        previewed,
        errors,
        error_page,
        ..
    } = flow;

    let load_errors = move |page: usize| {
        let req = Request::Errors {
            offset: page * crate::protocol::ERRORS_PER_PAGE,
        };
        spawn_local(async move {
            if let Reply::Errors { errors: e, .. } = worker::call(&req, None).await {
                errors.set(e);
            }
        });
    };
    Effect::new(move |prev: Option<usize>| {
        let p = error_page.get();
        if prev.is_some_and(|q| q != p) {
            load_errors(p);
        }
        p
    });

    let download_errors = move |_| {
        spawn_local(async move {
            if let Reply::Csv { text } = worker::call(&Request::ErrorsCsv, None).await {
                let _ = crate::browser::download("import-errors.csv", "text/csv", &text);
            }
        });
    };

    move || {
        let lang = i.lang.get();
        let p = previewed.get()?;
        if p.error_count == 0 {
            return None;
        }
        let rows = errors
            .get()
            .into_iter()
            .map(|e| {
                view! {
                    <tr data-testid="import-error-row" title=messages::row_error(lang, &e)>
                        <td>{e.file.clone()}</td>
                        <td class="num" data-testid="error-row">{e.row}</td>
                        <td data-testid="error-column">{e.column.clone()}</td>
                        <td data-testid="error-value">{e.value.clone()}</td>
                        <td data-testid="error-reason">{messages::reason(lang, e.reason)}</td>
                    </tr>
                }
            })
            .collect_view();
        let count = p.error_count;
        Some(view! {
            <section class="card" data-testid="import-errors">
                <h2>{text::errors_title(lang, count)}</h2>
                <button class="secondary" data-testid="import-errors-csv" on:click=download_errors>
                    {i.t(Im::DownloadErrors)}
                </button>
                <table class="data">
                    <thead><tr>
                        <th>{i.t(Im::File)}</th>
                        <th class="num">{i.t(Im::Row)}</th>
                        <th>{i.t(Im::Column)}</th>
                        <th>{i.t(Im::Value)}</th>
                        <th>{i.t(Im::Reason)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <Pager total=Signal::derive(move || count) page=error_page/>
            </section>
        })
    }
}
