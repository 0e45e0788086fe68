//! The shell: language, navigation and the router.

use crate::i18n::shell::S;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::browser;
use crate::components::lang_switch::{provide_language, LangSwitch};
use crate::components::lock::UnlockPrompt;
use crate::i18n::{I18n, K};
use crate::pages::selfcheck::{self, SelfCheck};
use crate::pages::{alerts::Alerts, cash::Cash, dunning::Dunning, insurance::Insurance};
use crate::pages::{customer::Customer, import::Import, meeting::Meeting, portfolios::Portfolios};
use crate::pages::{
    customers::Customers, dashboard::Dashboard, invoices::Invoices, not_found::NotFound,
};
use crate::state::{use_app, AppState, Demo};

/// The app.
#[component]
pub fn App() -> impl IntoView {
    let lang = provide_language(selfcheck::query_param("lang"));
    if selfcheck::embed_mode() {
        // Embedded in another site (an iframe): the self-check alone.
        return view! { <main class="embed"><SelfCheck/></main> }.into_any();
    }
    provide_context(AppState::new());
    let i = I18n { lang };
    // A newer version in another tab upgraded the storage (issue 23, case
    // 9): this tab has let go of it and offers a reload.
    let taken = RwSignal::new(false);
    crate::db::on_taken_over(move || taken.set(true));

    view! {
        <Router>
            <TopBar/>
            {move || taken.get().then(|| view! {
                <div class="update-banner" role="alert" data-testid="taken-over">
                    {move || i.t(S::ANewerVersionOfThe)}
                    " " <button on:click=|_| browser::reload()>{move || i.t(S::Reload)}</button>
                </div>
            })}
            <main>
                <UnlockPrompt/>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Dashboard/>
                    <Route path=path!("/customers") view=Customers/>
                    <Route path=path!("/customers/:id") view=Customer/>
                    <Route path=path!("/meeting") view=Meeting/>
                    <Route path=path!("/alerts") view=Alerts/>
                    <Route path=path!("/cash") view=Cash/>
                    <Route path=path!("/dunning") view=Dunning/>
                    <Route path=path!("/insurance") view=Insurance/>
                    <Route path=path!("/portfolios") view=Portfolios/>
                    <Route path=path!("/import") view=Import/>
                    <Route path=path!("/invoices") view=Invoices/>
                    <Route path=path!("/self-check") view=SelfCheck/>
                </Routes>
            </main>
            <footer class="privacy">{move || i.t(K::PrivacyNote)}</footer>
        </Router>
    }
    .into_any()
}

/// The top bar: brand, navigation and tools. On a phone the navigation is
/// a menu behind one button (issue 22), closed again once a page is chosen
/// (a click anywhere in it).
#[component]
fn TopBar() -> impl IntoView {
    let i = crate::i18n::use_i18n();
    let menu = RwSignal::new(false);
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"信"</span>
                <div>
                    <div class="name" data-testid="app-name">{move || i.t(K::AppName)}</div>
                    <div class="tagline">{move || i.t(K::Tagline)}</div>
                </div>
            </div>
            <button
                type="button" class="menu-toggle secondary" data-testid="menu-toggle"
                aria-controls="main-nav" aria-expanded=move || menu.get().to_string()
                on:click=move |_| menu.update(|m| *m = !*m)
            >
                <span aria-hidden="true">"☰ "</span>{move || i.t(S::Menu)}
            </button>
            <nav
                class="main-nav" id="main-nav" class:open=move || menu.get() aria-label=move || i.t(S::MainNavigation)
                on:click=move |_| menu.set(false)
            >
                <A href="/" exact=true>
                    <span data-testid="nav-dashboard">{move || i.t(K::NavDashboard)}</span>
                </A>
                <A href="/customers">
                    <span data-testid="nav-customers">{move || i.t(K::NavCustomers)}</span>
                </A>
                <A href="/invoices">
                    <span data-testid="nav-invoices">{move || i.t(K::NavInvoices)}</span>
                </A>
                <A href="/alerts">
                    <span data-testid="nav-alerts">{move || i.t(S::Alerts)}</span>
                </A>
                <A href="/dunning">
                    <span data-testid="nav-dunning">{move || i.t(S::Dunning)}</span>
                </A>
                <A href="/insurance">
                    <span data-testid="nav-insurance">{move || i.t(S::Insurance)}</span>
                </A>
                <A href="/cash">
                    <span data-testid="nav-cash">{move || i.t(S::Cash)}</span>
                </A>
                <A href="/portfolios">
                    <span data-testid="nav-portfolios">{move || i.t(S::Portfolios)}</span>
                </A>
                <A href="/import">
                    <span data-testid="nav-import">{move || i.t(S::Import)}</span>
                </A>
                <A href="/meeting">
                    <span data-testid="nav-meeting">{move || i.t(K::NavMeeting)}</span>
                </A>
                <A href="/self-check">
                    <span data-testid="nav-selfcheck">{move || i.t(K::NavSelfCheck)}</span>
                </A>
            </nav>
            <div class="tools">
                <OpenPortfolio/>
                <DemoButton/>
                <LangSwitch/>
            </div>
        </header>
    }
}

/// Which portfolio is open (stored, or the demo), linking to the list.
#[component]
fn OpenPortfolio() -> impl IntoView {
    let i = crate::i18n::use_i18n();
    let app = use_app();
    view! {
        <A href="/portfolios">
            <span class="open-portfolio" data-testid="open-portfolio">
                {move || match (app.open_meta.get(), app.portfolio.with(Option::is_some), app.loading.get()) {
                    (_, _, true) => i.t(K::Loading).to_string(),
                    (Some(m), _, _) => m.name,
                    (None, true, _) => i.t(S::DemoNotStored).to_string(),
                    (None, false, _) => i.t(S::NoPortfolioOpen).to_string(),
                }}
            </span>
        </A>
    }
}

/// "Load demo portfolio", one click away on every page.
#[component]
fn DemoButton() -> impl IntoView {
    let i = crate::i18n::use_i18n();
    let app = use_app();
    view! {
        <button class="secondary" data-testid="load-demo" on:click=move |_| app.load_demo(Demo::Standard)>
            {move || i.t(K::LoadDemo)}
        </button>
    }
}
