use crate::i18n::shell::S;
use credit_core::customer::CustomerStatus;
use credit_core::ledger::{self, CustomerSort};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::ageing_table::bucket_label;
use crate::components::as_of::AsOfInput;
use crate::components::limit_check::LimitCheck;
use crate::components::pager::{Pager, PER_PAGE};
use crate::format;
use crate::i18n::{use_i18n, K};
use crate::state::use_app;

/// The status's label key.
pub fn status_key(s: CustomerStatus) -> K {
    match s {
        CustomerStatus::Active => K::CustActive,
        CustomerStatus::OnHold => K::CustOnHold,
        CustomerStatus::InLegal => K::CustInLegal,
        CustomerStatus::Closed => K::CustClosed,
    }
}

/// Buyers with their ageing: search, sort, pages.
#[component]
pub fn Customers() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(CustomerSort::Exposure);
    let page = RwSignal::new(0usize);
    let rows = Memo::new(move |_| {
        let p = app.portfolio.get()?;
        let r = app.ageing.get()?.ok()?;
        Some(ledger::customers(&p, &r, &search.get(), sort.get()))
    });
    let total = Signal::derive(move || rows.with(|r| r.as_ref().map_or(0, Vec::len)));
    let table = move || {
        let lang = i.lang.get();
        let (Some(p), Some(Ok(r)), Some(rows)) =
            (app.portfolio.get(), app.ageing.get(), rows.get())
        else {
            return view! { <p class="muted">{i.t(K::NoPortfolio)}</p> }.into_any();
        };
        let pg = ledger::page(rows.len(), page.get(), PER_PAGE);
        let cur = r.currency;
        let heads = r
            .buckets
            .iter()
            .map(|b| view! { <th class="num">{bucket_label(b, r.basis, lang)}</th> })
            .collect_view();
        let has_column = !r.total.credit.is_zero();
        let body = rows[pg.start..pg.end]
            .iter()
            .map(|&ix| {
                let c = &r.customers[ix];
                let info = p.customers.get(ix);
                let name = info.map(|x| x.name.clone()).unwrap_or_default();
                let country = info.map(|x| x.country.clone()).unwrap_or_default();
                let name_lang = crate::i18n::name_lang(&name, &country, lang);
                let industry = info.map(|x| x.industry.clone()).unwrap_or_default();
                let status = info.map_or("", |x| crate::i18n::text(lang, status_key(x.status)));
                let limit = info.and_then(|x| x.credit_limit);
                let cells = c
                    .row
                    .buckets
                    .iter()
                    .map(|a| view! { <td class="num">{format::amount(*a, cur)}</td> })
                    .collect_view();
                let column = has_column.then(|| {
                    let c = format::amount(-c.row.credit, cur);
                    view! { <td class="num">{c}</td> }
                });
                let net_credit = c.row.in_net_credit().then(|| view! {
                    <span class="badge" data-testid="net-credit">{crate::i18n::text(lang, K::NetCredit)}</span>
                });
                view! {
                    <tr data-testid="customer-row">
                        <td class="muted">{c.customer_id.clone()}</td>
                        <td data-testid="customer-name">
                            <A href=crate::format::customer_href(&c.customer_id)><span lang=name_lang>{name}</span></A>
                            " " {net_credit}
                        </td>
                        <td class="wide-only">{country}</td>
                        <td class="wide-only">{industry}</td>
                        <td>{status}</td>
                        {cells}
                        {column}
                        <td class="num strong" data-testid="customer-total">{format::amount(c.row.total, cur)}</td>
                        <td><LimitCheck exposure=c.row.total limit=limit currency=cur/></td>
                        <td class="sticky-end">
                            <A href=crate::format::invoices_href(&c.customer_id)>{crate::i18n::text(lang, K::ShowInvoices)}</A>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="customers-table">
                    <thead>
                        <tr>
                            <th>{i.t(K::SortId)}</th>
                            <th>{i.t(K::Buyer)}</th>
                            <th class="wide-only">{i.t(K::Country)}</th>
                            <th class="wide-only">{i.t(K::Industry)}</th>
                            <th>{i.t(K::Status)}</th>
                            {heads}
                            {has_column.then(|| view! { <th class="num">{i.t(K::CreditsColumn)}</th> })}
                            <th class="num">{i.t(K::Total)} " (" {cur.to_string()} ")"</th>
                            <th>{i.t(S::LimitCheck)}</th>
                            <th class="sticky-end"></th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let sorts = [
        (CustomerSort::Exposure, "exposure", K::SortExposure),
        (CustomerSort::Overdue, "overdue", K::SortOverdue),
        (CustomerSort::Name, "name", K::SortName),
        (CustomerSort::Id, "id", K::SortId),
    ];
    view! {
        <div class="page-head">
            <h1>{move || i.t(K::NavCustomers)}</h1>
            <AsOfInput/>
        </div>
        <section class="panel">
            <div class="filters">
                <label>
                    <span>{move || i.t(K::Search)}</span>
                    <input
                        type="search"
                        data-testid="customer-search"
                        prop:value=move || search.get()
                        on:input=move |ev| {
                            search.set(event_target_value(&ev));
                            page.set(0);
                        }
                    />
                </label>
                <label>
                    <span>{move || i.t(K::SortBy)}</span>
                    <select
                        data-testid="customer-sort"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((s, _, _)) = sorts.iter().find(|(_, key, _)| *key == v) {
                                sort.set(*s);
                                page.set(0);
                            }
                        }
                    >
                        {sorts
                            .iter()
                            .map(|(s, key, label)| {
                                let s = *s;
                                let label = *label;
                                view! {
                                    <option value=*key selected=move || sort.get() == s>
                                        {move || i.t(label)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            {table}
            <Pager total=total page=page/>
        </section>
    }
}
