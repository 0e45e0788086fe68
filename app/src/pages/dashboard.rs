use crate::i18n::shell::S;
use std::sync::Arc;

use credit_core::ageing::AgeingReport;
use credit_core::export;
use credit_core::kpi::{top_exposures, Kpis};
use credit_core::monitor::trends;
use credit_core::Decimal;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser;
use crate::components::ageing_chart::AgeingChart;
use crate::components::ageing_table::{AgeingTable, CreditPlacementSelect};
use crate::components::alerts::AlertsPanel;
use crate::components::as_of::AsOfInput;
use crate::components::fx_rates::FxRates;
use crate::components::kpi_cards::KpiCards;
use crate::components::limit_check::LimitCheck;
use crate::components::trend_chart::TrendCharts;
use crate::format;
use crate::i18n::{use_i18n, K};
use crate::pages::insurance::DeadlinesThisWeek;
use crate::state::{use_app, Demo, Open};

/// The dashboard: ageing table and chart, KPI cards, top buyers.
#[component]
pub fn Dashboard() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! { <EmptyState/> }.into_any();
        };
        match (app.ageing.get(), app.kpis.get()) {
            (Some(Ok(r)), Some(Ok(k))) => view! {
                <AlertsPanel/>
                {move || {
                    let p = app.portfolio.get()?;
                    let d = app.as_of.get();
                    app.extras.track();
                    Some(view! { <DeadlinesThisWeek portfolio=p as_of=d/> })
                }}
                <Reports portfolio=p ageing=r kpis=k/>
            }
            .into_any(),
            (Some(Err(e)), _) | (_, Some(Err(e))) => view! {
                <section class="panel error" data-testid="report-error">
                    <h2>{move || i.t(K::ErrorTitle)}</h2>
                    <p>{move || e.text(i.lang())}</p>
                </section>
            }
            .into_any(),
            _ => view! { <p>{move || i.t(K::Loading)}</p> }.into_any(),
        }
    };
    view! {
        <div class="page-head">
            <h1>{move || i.t(K::NavDashboard)}</h1>
            <AsOfInput/>
        </div>
        {body}
        <FxRates/>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    view! {
        <section class="panel empty" data-testid="empty-state">
            <h2>{move || i.t(K::NoPortfolio)}</h2>
            <p>{move || i.t(K::NoPortfolioHelp)}</p>
            <div class="actions">
                <button data-testid="empty-load-demo" on:click=move |_| app.load_demo(Demo::Standard)>
                    {move || i.t(K::LoadDemo)}
                </button>
                <button class="secondary" data-testid="load-large-demo" on:click=move |_| app.load_demo(Demo::Large)>
                    {move || i.t(K::LoadLargeDemo)}
                </button>
            </div>
        </section>
    }
}

#[component]
fn Reports(portfolio: Arc<Open>, ageing: Arc<AgeingReport>, kpis: Arc<Kpis>) -> impl IntoView {
    let i = use_i18n();
    let cur = ageing.currency;
    type Top = (String, (String, String), Decimal, Decimal, Option<Decimal>);
    let top: Vec<Top> = top_exposures(&ageing, 10)
        .into_iter()
        .map(|(c, share)| {
            let buyer = portfolio.customer(&c.customer_id);
            let name = buyer.map(|x| x.name.clone()).unwrap_or_default();
            let limit = buyer.and_then(|x| x.credit_limit);
            let country = buyer.map(|x| x.country.clone()).unwrap_or_default();
            (
                c.customer_id.clone(),
                (name, country),
                c.row.total,
                share,
                limit,
            )
        })
        .collect();
    let top_rows = move || {
        let lang = i.lang.get();
        top.clone()
            .into_iter()
            .map(|(id, (name, country), amt, share, limit)| {
                let name_lang = crate::i18n::name_lang(&name, &country, lang);
                view! {
                    <tr data-testid="top-buyer">
                        <td><A href=crate::format::invoices_href(&id)><span lang=name_lang>{name}</span></A></td>
                        <td class="muted">{id}</td>
                        <td><LimitCheck exposure=amt limit=limit currency=cur/></td>
                        <td class="num">{format::amount(amt, cur)}</td>
                        <td class="num">{format::percent(Some(share), lang)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let trend_data = trends(&portfolio.index, None, kpis.as_of, 12).ok();
    let trend_view = trend_data.map(|t| view! { <TrendCharts months=t/> });
    let sales = kpis.credit_sales;
    let days = kpis.period_days;
    let name = portfolio.name.clone();
    let ageing_error = RwSignal::new(None::<String>);
    let kpis_error = RwSignal::new(None::<String>);
    let export_ageing = {
        let (p, r) = (portfolio.clone(), ageing.clone());
        move |_| {
            let file = browser::export_file_name("ageing", &p.name, r.as_of);
            let csv = export::ageing_csv(&r, &p);
            ageing_error.set(browser::download(&file, "text/csv;charset=utf-8", &csv).err());
        }
    };
    let export_kpis = {
        let (p, k) = (portfolio.clone(), kpis.clone());
        move |_| {
            let file = browser::export_file_name("kpis", &p.name, k.as_of);
            let csv = export::kpis_csv(&k);
            kpis_error.set(browser::download(&file, "text/csv;charset=utf-8", &csv).err());
        }
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>{move || i.t(K::Ageing)}</h2>
                <span class="muted" data-testid="portfolio-name">
                    {move || i.t(K::Portfolio)} ": " {name.clone()} " · " {move || i.t(K::BaseCurrency)} ": " {cur.to_string()}
                </span>
            </div>
            <AgeingTable report=ageing.clone()/>
            <CreditPlacementSelect/>
            <AgeingChart report=ageing.clone()/>
            <div class="actions">
                <button class="secondary" data-testid="export-ageing" on:click=export_ageing>
                    {move || i.t(K::ExportAgeing)}
                </button>
            </div>
            {export_alert(ageing_error)}
        </section>
        <section class="panel">
            <div class="panel-head">
                <h2>{move || i.t(K::Kpis)}</h2>
                <span class="muted">
                    {move || i.t(K::CreditSales)} ": " {format::money(sales, cur)} " · " {move || i.t(K::PeriodDays)} ": " {days}
                </span>
            </div>
            <KpiCards kpis=kpis.clone()/>
            <h3>{move || i.t(S::Trends12Months)}</h3>
            {trend_view}
            <div class="actions">
                <button class="secondary" data-testid="export-kpis" on:click=export_kpis>
                    {move || i.t(K::ExportKpis)}
                </button>
            </div>
            {export_alert(kpis_error)}
        </section>
        <section class="panel">
            <h2>{move || i.t(K::TopBuyers)}</h2>
            <div class="table-wrap" tabindex="0">
                <table data-testid="top-buyers">
                    <thead>
                        <tr>
                            <th>{move || i.t(K::Buyer)}</th>
                            <th>{move || i.t(K::SortId)}</th>
                            <th>{move || i.t(S::LimitCheck)}</th>
                            <th class="num">{move || i.t(K::ClosingAr)} " (" {cur.to_string()} ")"</th>
                            <th class="num">{move || i.t(K::Share)}</th>
                        </tr>
                    </thead>
                    <tbody>{top_rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Why the last export failed, shown inline until the next try.
pub fn export_alert(error: RwSignal<Option<String>>) -> impl Fn() -> Option<AnyView> {
    let i = use_i18n();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error" role="alert" data-testid="export-error">
                    {move || i.t(K::ExportFailed)} ": " {e}
                </p>
            }
            .into_any()
        })
    }
}
