use credit_core::export;
use credit_core::invoice::{DocKind, Invoice, InvoiceStatus};
use credit_core::ledger::{self, InvoiceFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::browser;
use crate::components::ageing_table::bucket_label;
use crate::components::as_of::AsOfInput;
use crate::components::pager::{Pager, PER_PAGE};
use crate::format;
use crate::i18n::{text, use_i18n, K};
use crate::pages::dashboard::export_alert;
use crate::state::use_app;

fn status_key(s: InvoiceStatus) -> K {
    match s {
        InvoiceStatus::NotDue => K::StatusNotDue,
        InvoiceStatus::Overdue => K::StatusOverdue,
        InvoiceStatus::Paid => K::StatusPaid,
        InvoiceStatus::Overpaid => K::StatusOverpaid,
        InvoiceStatus::Credit => K::StatusCredit,
    }
}

fn kind_key(k: DocKind) -> K {
    match k {
        DocKind::Invoice => K::DocInvoice,
        DocKind::CreditNote => K::DocCreditNote,
        DocKind::DebitNote => K::DocDebitNote,
        DocKind::Payment => K::DocPayment,
    }
}

/// The status filter's value for "open, most overdue first", the default.
const OPEN: &str = "open";

fn status_value(s: InvoiceStatus) -> &'static str {
    match s {
        InvoiceStatus::NotDue => "not_due",
        InvoiceStatus::Overdue => "overdue",
        InvoiceStatus::Paid => "paid",
        InvoiceStatus::Overpaid => "overpaid",
        InvoiceStatus::Credit => "credit",
    }
}

/// The invoice list: filter by buyer, bucket, status, dispute and id; one
/// page of 50 rows at a time, so 100,000 invoices stay smooth. It opens on
/// the open invoices, most overdue first.
#[component]
pub fn Invoices() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let query = use_query_map();
    let from_link = |q: &leptos_router::params::ParamsMap| {
        q.get("customer").map(|c| crate::format::id_from_path(&c))
    };
    let customer = RwSignal::new(query.with_untracked(from_link).unwrap_or_default());
    Effect::new(move |_| {
        if let Some(c) = query.with(from_link) {
            customer.set(c);
        }
    });
    let bucket = RwSignal::new(String::new());
    // Opens on what is owed, most overdue first (issue 22); "any" is the
    // whole ledger in its order.
    let status = RwSignal::new(OPEN.to_string());
    let disputed = RwSignal::new(String::new());
    let id_search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);

    let rows = Memo::new(move |_| {
        let p = app.portfolio.get()?;
        let f = InvoiceFilter {
            customer_id: Some(customer.get()).filter(|c| !c.is_empty()),
            bucket: bucket.get().parse().ok(),
            status: InvoiceStatus::ALL
                .into_iter()
                .find(|s| status_value(*s) == status.get()),
            disputed: match disputed.get().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            id_contains: Some(id_search.get()),
            open_most_overdue: status.with(|s| s == OPEN),
        };
        ledger::filter(&p, app.as_of.get(), &p.settings.ageing, &f).ok()
    });
    let total = Signal::derive(move || rows.with(|r| r.as_ref().map_or(0, Vec::len)));
    let reset = move || page.set(0);
    // Every invoice matching the filter, on every page, not just the one shown.
    let export_error = RwSignal::new(None::<String>);
    let export_invoices = move |_| {
        let Some(p) = app.portfolio.get_untracked() else {
            return;
        };
        let invoices: Vec<Invoice> = rows.with_untracked(|r| {
            r.iter()
                .flatten()
                .map(|row| p.invoices[row.index].clone())
                .collect()
        });
        let file = browser::export_file_name("invoices", &p.name, app.as_of.get_untracked());
        let csv = export::invoices_csv(&invoices, &p);
        export_error.set(browser::download(&file, "text/csv;charset=utf-8", &csv).err());
    };

    let buyer_options = move || {
        let lang = i.lang.get();
        let mut opts =
            vec![view! { <option value="">{text(lang, K::AllBuyers)}</option> }.into_any()];
        if let Some(p) = app.portfolio.get() {
            let cur = customer.get();
            for c in &p.customers {
                let id = c.id.clone();
                let sel = id == cur;
                opts.push(view! { <option value=id.clone() selected=sel>{format!("{} · {}", c.name, id)}</option> }.into_any());
            }
        }
        opts
    };
    let bucket_options = move || {
        let lang = i.lang.get();
        let mut opts = vec![view! { <option value="">{text(lang, K::Any)}</option> }.into_any()];
        if let Some(Ok(r)) = app.ageing.get() {
            for (k, b) in r.buckets.iter().enumerate() {
                opts.push(
                    view! { <option value=k.to_string()>{bucket_label(b, r.basis, lang)}</option> }
                        .into_any(),
                );
            }
        }
        opts
    };

    let table = move || {
        let lang = i.lang.get();
        let (Some(p), Some(rows)) = (app.portfolio.get(), rows.get()) else {
            return view! { <p class="muted">{text(lang, K::NoPortfolio)}</p> }.into_any();
        };
        if rows.is_empty() {
            return view! { <p class="muted" data-testid="no-rows">{text(lang, K::NoRows)}</p> }
                .into_any();
        }
        let basis_labels = app.ageing.get().and_then(Result::ok);
        let pg = ledger::page(rows.len(), page.get(), PER_PAGE);
        let body = rows[pg.start..pg.end]
            .iter()
            .map(|row| {
                let inv = &p.invoices[row.index];
                let bucket = match (&basis_labels, row.bucket) {
                    (Some(r), Some(b)) => bucket_label(&r.buckets[b], r.basis, lang),
                    _ => String::new(),
                };
                let buyer = p.customer(&inv.customer_id);
                let name = buyer.map(|c| c.name.clone()).unwrap_or_default();
                let name_lang = crate::i18n::name_lang(&name, buyer.map_or("", |c| c.country.as_str()), lang);
                view! {
                    <tr data-testid="invoice-row" class:disputed=row.disputed>
                        <td data-testid="invoice-id">{inv.id.clone()}</td>
                        <td data-testid="invoice-kind">{text(lang, kind_key(inv.kind))}</td>
                        <td title=inv.customer_id.clone() lang=name_lang>{name}</td>
                        <td>{format::date(inv.issue_date, lang)}</td>
                        <td>{format::date(inv.due_date, lang)}</td>
                        <td>{inv.currency.to_string()}</td>
                        <td class="num">{format::amount(inv.gross, inv.currency)}</td>
                        <td class="num" data-testid="invoice-open">{format::amount(row.open, inv.currency)}</td>
                        <td class="num">{row.age_days}</td>
                        <td data-testid="invoice-bucket">{bucket}</td>
                        <td data-testid="invoice-status">{text(lang, status_key(row.status))}</td>
                        <td>{if row.disputed { text(lang, K::Yes) } else { "" }}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="invoices-table">
                    <thead>
                        <tr>
                            <th>{text(lang, K::Invoice)}</th>
                            <th>{text(lang, K::DocKindCol)}</th>
                            <th>{text(lang, K::Buyer)}</th>
                            <th>{text(lang, K::IssueDate)}</th>
                            <th>{text(lang, K::DueDate)}</th>
                            <th>{text(lang, K::Currency)}</th>
                            <th class="num">{text(lang, K::Gross)}</th>
                            <th class="num">{text(lang, K::Open)}</th>
                            <th class="num">{text(lang, K::DaysPastDue)}</th>
                            <th>{text(lang, K::Bucket)}</th>
                            <th>{text(lang, K::Status)}</th>
                            <th>{text(lang, K::Disputed)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <div class="page-head">
            <h1>{move || i.t(K::NavInvoices)}</h1>
            <AsOfInput/>
        </div>
        <section class="panel">
            <div class="filters">
                <label>
                    <span>{move || i.t(K::Buyer)}</span>
                    <select data-testid="filter-buyer" on:change=move |ev| { customer.set(event_target_value(&ev)); reset(); }>
                        {buyer_options}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(K::Bucket)}</span>
                    <select data-testid="filter-bucket" on:change=move |ev| { bucket.set(event_target_value(&ev)); reset(); }>
                        {bucket_options}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(K::Status)}</span>
                    <select data-testid="filter-status" on:change=move |ev| { status.set(event_target_value(&ev)); reset(); }>
                        <option value=OPEN selected=true>{move || i.t(K::OpenMostOverdue)}</option>
                        <option value="">{move || i.t(K::Any)}</option>
                        {InvoiceStatus::ALL
                            .into_iter()
                            .map(|s| view! { <option value=status_value(s)>{move || i.t(status_key(s))}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.t(K::Disputed)}</span>
                    <select data-testid="filter-disputed" on:change=move |ev| { disputed.set(event_target_value(&ev)); reset(); }>
                        <option value="">{move || i.t(K::Any)}</option>
                        <option value="yes">{move || i.t(K::Yes)}</option>
                        <option value="no">{move || i.t(K::No)}</option>
                    </select>
                </label>
                <label>
                    <span>{move || i.t(K::Search)}</span>
                    <input
                        type="search"
                        data-testid="filter-id"
                        prop:value=move || id_search.get()
                        on:input=move |ev| { id_search.set(event_target_value(&ev)); reset(); }
                    />
                </label>
            </div>
            {table}
            <Pager total=total page=page/>
            <div class="actions">
                <button
                    class="secondary"
                    data-testid="export-invoices"
                    disabled=move || total.get() == 0
                    on:click=export_invoices
                >
                    {move || i.t(K::ExportInvoices)}
                </button>
            </div>
            {export_alert(export_error)}
        </section>
    }
}
