//! The app's state: the open portfolio, the report date, and the reports the
//! core computes from them, shared by every page through context.

use std::sync::Arc;

use std::ops::Deref;

use credit_core::ageing::{age_index, AgeingReport};
use credit_core::demo::{generate, DemoSpec};
use credit_core::index::LedgerIndex;
use credit_core::kpi::{compute_index, Kpis};
use credit_core::portfolio::Portfolio;
use credit_core::NaiveDate;
use leptos::prelude::*;

use crate::browser;

/// Where the remembered demo choice is kept, so a reload reopens it.
const DEMO_KEY: &str = "credit-assistant.demo";

/// Which demo portfolio.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Demo {
    /// About 120 buyers and 3,000 invoices.
    Standard,
    /// 2,000 buyers and 100,000 invoices, to show the lists stay smooth.
    Large,
}

impl Demo {
    fn key(self) -> &'static str {
        match self {
            Demo::Standard => "standard",
            Demo::Large => "large",
        }
    }

    fn spec(self, today: NaiveDate) -> DemoSpec {
        match self {
            Demo::Standard => DemoSpec::standard(today),
            Demo::Large => DemoSpec::large(today, 2_000, 100_000),
        }
    }
}

/// An open portfolio with its index, built once when it is opened so that
/// a new report date only reruns the reports (see `credit_core::index`).
pub struct Open {
    portfolio: Portfolio,
    /// The columnar index of its invoices.
    pub index: LedgerIndex,
}

impl Open {
    /// Opens a portfolio: builds its index.
    pub fn new(portfolio: Portfolio) -> Self {
        let index = LedgerIndex::new(&portfolio);
        Open { portfolio, index }
    }
}

impl Deref for Open {
    type Target = Portfolio;
    fn deref(&self) -> &Portfolio {
        &self.portfolio
    }
}

/// A report or the reason it could not be computed.
pub type Report<T> = Option<Result<Arc<T>, String>>;

/// Handles shared by every page.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The open portfolio.
    pub portfolio: RwSignal<Option<Arc<Open>>>,
    /// The report date.
    pub as_of: RwSignal<NaiveDate>,
    /// The ageing report for `as_of`.
    pub ageing: Memo<Report<AgeingReport>>,
    /// The KPIs for `as_of`.
    pub kpis: Memo<Report<Kpis>>,
}

impl AppState {
    /// Creates the state; reopens the demo if it was open before a reload.
    pub fn new() -> Self {
        let today = browser::today();
        let portfolio: RwSignal<Option<Arc<Open>>> = RwSignal::new(None);
        let as_of = RwSignal::new(today);
        let ageing = Memo::new(move |_| {
            let p = portfolio.get()?;
            let d = as_of.get();
            Some(
                age_index(&p.index, d, &p.settings.ageing)
                    .map(Arc::new)
                    .map_err(|e| e.to_string()),
            )
        });
        let kpis = Memo::new(move |_| {
            let p = portfolio.get()?;
            let d = as_of.get();
            Some(
                compute_index(&p.index, d, &p.settings.kpi)
                    .map(Arc::new)
                    .map_err(|e| e.to_string()),
            )
        });
        let state = AppState {
            portfolio,
            as_of,
            ageing,
            kpis,
        };
        match browser::load(DEMO_KEY).as_deref() {
            Some("standard") => state.load_demo(Demo::Standard),
            Some("large") => state.load_demo(Demo::Large),
            _ => {}
        }
        state
    }

    /// Opens a demo portfolio generated for today, and remembers the choice.
    pub fn load_demo(&self, demo: Demo) {
        let p = generate(&demo.spec(browser::today()));
        browser::save(DEMO_KEY, demo.key());
        self.portfolio.set(Some(Arc::new(Open::new(p))));
    }
}

/// The state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
