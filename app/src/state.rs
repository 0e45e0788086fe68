//! The app's state: the open portfolio, the report date, and the reports the
//! core computes from them, shared by every page through context.

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::ageing::{age_index, AgeingReport};
use credit_core::demo::{generate, DemoSpec};
use credit_core::kpi::{compute_index, Kpis};
use credit_core::rating::Rating;
use credit_core::NaiveDate;
use leptos::prelude::*;

use crate::browser;
use crate::i18n::Lang;
use crate::i18n_handle::I18n;
use credit_core::monitor::{evaluate, Alert};
use credit_core::store::Extras;

use crate::db::{self, DbError, Meta};
pub use crate::open::Open;

mod alerts;
mod decisions;
mod dunning;

pub use decisions::PortfolioDecisionLog;

/// Where the remembered demo choice is kept, so a reload reopens it.
const DEMO_KEY: &str = "credit-assistant.demo";
/// Where the id of the open stored portfolio is kept, so a reload reopens it.
const OPEN_KEY: &str = "credit-assistant.open";
/// Where the demo's notes (acknowledged alerts, payment plans …) are kept:
/// the demo is never stored, but what the user did with it survives a reload.
const DEMO_EXTRAS_KEY: &str = "credit-assistant.demo.extras";

/// Where the idle auto-lock's delay (minutes) is kept.
pub const AUTOLOCK_KEY: &str = "credit-assistant.autolock-minutes";
/// The auto-lock delay when none was chosen.
pub const AUTOLOCK_DEFAULT: f64 = 15.0;

thread_local! {
    static LAST_ACTIVE: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Minutes without input after which unlocked portfolios lock (a setting on
/// the Portfolios page; fractions allowed).
pub fn autolock_minutes() -> f64 {
    browser::load(AUTOLOCK_KEY)
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|m| *m > 0.0)
        .unwrap_or(AUTOLOCK_DEFAULT)
}

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

    fn from_key(key: &str) -> Option<Demo> {
        match key {
            "standard" => Some(Demo::Standard),
            "large" => Some(Demo::Large),
            _ => None,
        }
    }

    /// The demo for `today`, in the words of `lang` (the same book in both).
    fn spec(self, today: NaiveDate, lang: Lang) -> DemoSpec {
        let spec = match self {
            Demo::Standard => DemoSpec::standard(today),
            Demo::Large => DemoSpec::large(today, 2_000, 100_000),
        };
        spec.in_language(lang.demo_language())
    }
}

/// A report or the reason it could not be computed (typed: the page says
/// it in the user's language, see `i18n::reports`).
pub type Report<T> = Option<Result<Arc<T>, ReportError>>;

/// Why a report could not be computed.
#[derive(Clone, PartialEq, Debug)]
pub enum ReportError {
    /// The ageing (and so every report over it).
    Ageing(credit_core::ageing::AgeingError),
    /// The KPIs.
    Kpi(credit_core::kpi::KpiError),
    /// The alerts (a conversion to the base currency).
    Money(credit_core::money::MoneyError),
}

impl ReportError {
    /// The reason in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::reports::{ageing_error, kpi_error, money_error};
        match self {
            ReportError::Ageing(e) => ageing_error(lang, e),
            ReportError::Kpi(e) => kpi_error(lang, e),
            ReportError::Money(e) => money_error(lang, e),
        }
    }
}

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
    /// The stored portfolio that is open (`None`: the demo, or nothing).
    pub open_meta: RwSignal<Option<Meta>>,
    /// Every stored portfolio.
    pub portfolios: Memo<Vec<Meta>>,
    /// The read of that list (IndexedDB), rerun by [`AppState::refresh`]:
    /// the Portfolios page shows it in a `<Transition>`.
    pub portfolio_list: LocalResource<Result<Vec<Meta>, DbError>>,
    /// A stored portfolio is being read.
    pub loading: RwSignal<bool>,
    /// Why the last storage operation failed.
    pub storage_error: RwSignal<Option<DbError>>,
    /// The open portfolio's extras: what the app keeps with it besides the
    /// ledger (acknowledged alerts, payment plans, working-capital inputs),
    /// each a JSON text under its key. Saved with a stored portfolio (and
    /// its backup); for the demo, in `localStorage`.
    pub extras: RwSignal<Extras>,
    /// The alerts for `as_of` (`credit_core::monitor`), most severe first.
    pub alerts: Memo<Report<Vec<Alert>>>,
    /// Every buyer's grade for `as_of`, the same everywhere (saved, else
    /// computed from the ledger, else not assessed: `crate::grades`).
    pub ratings: Memo<Arc<HashMap<String, Rating>>>,
    /// An encrypted portfolio that was to be opened but is locked: the
    /// unlock prompt shows for it.
    pub locked: RwSignal<Option<Meta>>,
    /// The page's language: the demo's words follow it.
    lang: RwSignal<Lang>,
}

/// The reports' memos count every recomputation as a change: they are
/// recomputed only when the portfolio, the date or what they read changes,
/// and a deep comparison of two reports would cost the page its code and
/// the user the time.
pub fn changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

impl AppState {
    /// Creates the state; reopens the demo if it was open before a reload.
    pub fn new() -> Self {
        let today = browser::today();
        let portfolio: RwSignal<Option<Arc<Open>>> = RwSignal::new(None);
        let as_of = RwSignal::new(today);
        let ageing = Memo::new_with_compare(
            move |_| {
                let p = portfolio.get()?;
                let d = as_of.get();
                Some(
                    age_index(&p.index, d, &p.settings.ageing)
                        .map(Arc::new)
                        .map_err(ReportError::Ageing),
                )
            },
            changed,
        );
        let kpis = Memo::new_with_compare(
            move |_| {
                let p = portfolio.get()?;
                let d = as_of.get();
                Some(
                    compute_index(&p.index, d, &p.settings.kpi)
                        .map(Arc::new)
                        .map_err(ReportError::Kpi),
                )
            },
            changed,
        );
        let extras = RwSignal::new(Extras::new());
        let storage_error = RwSignal::new(None);
        // Reads through a resource: the list of stored portfolios, and the
        // last list read (kept while the next read is under way).
        let portfolio_list = LocalResource::new(db::list);
        let portfolios = Memo::new(move |prev: Option<&Vec<Meta>>| match portfolio_list.get() {
            Some(Ok(list)) => list,
            _ => prev.cloned().unwrap_or_default(),
        });
        Effect::new(move |_| {
            if let Some(Err(e)) = portfolio_list.get() {
                storage_error.set(Some(e));
            }
        });
        let open_meta: RwSignal<Option<Meta>> = RwSignal::new(None);
        let ratings = Memo::new_with_compare(
            move |_| {
                let Some(p) = portfolio.get() else {
                    return Arc::default();
                };
                let d = as_of.get();
                let trails = extras.with(crate::storage::trails);
                Arc::new(crate::grades::ratings(&p, trails, d))
            },
            changed,
        );
        let alerts = Memo::new_with_compare(
            move |_| {
                let p = portfolio.get()?;
                let d = as_of.get();
                let r = ratings.get();
                let ctx = extras.with(|x| crate::monitoring::context(&p, d, &r, x));
                Some(
                    evaluate(
                        &p,
                        &p.index,
                        d,
                        &ctx,
                        &extras.with(crate::monitoring::settings),
                    )
                    .map(Arc::new)
                    .map_err(ReportError::Money),
                )
            },
            changed,
        );
        let state = AppState {
            portfolio,
            as_of,
            ageing,
            kpis,
            open_meta,
            portfolios,
            portfolio_list,
            loading: RwSignal::new(false),
            storage_error,
            extras,
            alerts,
            ratings,
            locked: RwSignal::new(None),
            lang: use_context::<I18n>().map_or_else(|| RwSignal::new(Lang::En), |i| i.lang),
        };
        if let Some(id) = browser::load(OPEN_KEY).filter(|s| !s.is_empty()) {
            state.open_stored(id);
        } else if let Some(demo) = browser::load(DEMO_KEY).as_deref().and_then(Demo::from_key) {
            state.load_demo(demo);
        }
        // The open demo speaks the page's language: a change of language
        // generates it again in the new words (the same book).
        let lang = state.lang;
        Effect::new(move |first: Option<()>| {
            lang.track();
            if first.is_some() && state.open_meta.get_untracked().is_none() {
                if let Some(demo) = browser::load(DEMO_KEY).as_deref().and_then(Demo::from_key) {
                    if state.portfolio.with_untracked(Option::is_some) {
                        state.load_demo(demo);
                    }
                }
            }
        });
        state.listen();
        state.idle_lock();
        crate::worker::progress();
        state
    }

    /// Opens a demo portfolio generated for today in the page's language,
    /// and remembers the choice. The demo is never stored: it is regenerated
    /// for the day.
    pub fn load_demo(&self, demo: Demo) {
        let spec = demo.spec(browser::today(), self.lang.get_untracked());
        let p = generate(&spec);
        browser::save(DEMO_KEY, demo.key());
        browser::save(OPEN_KEY, "");
        self.open_meta.set(None);
        let extras = browser::load(DEMO_EXTRAS_KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        self.extras.set(extras);
        self.portfolio.set(Some(Arc::new(Open::new(p))));
        // Decisions an earlier version kept under the demo's name, which
        // was the same in both languages then.
        decisions::migrate(self, &spec.former_name());
    }

    /// One of the open portfolio's extras, read as JSON (`None` when it is
    /// missing or unreadable).
    pub fn extra<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.extras
            .with(|x| x.get(key).and_then(|t| serde_json::from_str(t).ok()))
    }

    /// Sets one of the open portfolio's extras to `value` as JSON, and keeps
    /// it: with a stored portfolio (its head only, see [`db::put_extras`]), or
    /// in `localStorage` for the demo. A failed write is shown as a storage
    /// error and the value stays in memory.
    pub fn set_extra<T: serde::Serialize>(&self, key: &str, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            self.set_extra_text(key, text);
        }
    }

    /// [`AppState::set_extra`] with the JSON text as it is.
    pub fn set_extra_text(&self, key: &str, text: String) {
        self.set_extras_then(vec![(key.to_string(), text)], || {});
    }

    /// Sets several extras in one write, then runs `after` once they are
    /// kept (not when the write failed).
    pub fn set_extras_then(&self, changes: Vec<(String, String)>, after: impl FnOnce() + 'static) {
        self.put_extras(changes, Box::new(after));
    }

    /// [`AppState::set_extras_then`] with `after` boxed: the write is compiled
    /// once, whatever runs after it.
    fn put_extras(&self, changes: Vec<(String, String)>, after: Box<dyn FnOnce()>) {
        if changes.is_empty() {
            return;
        }
        self.extras.update(|x| {
            for (k, v) in &changes {
                x.insert(k.clone(), v.clone());
            }
        });
        match self.open_meta.get_untracked() {
            Some(m) => {
                let this = *self;
                let changes: Vec<(String, Option<String>)> =
                    changes.into_iter().map(|(k, v)| (k, Some(v))).collect();
                leptos::task::spawn_local(async move {
                    match db::put_extras(&m.id, &changes).await {
                        Ok(meta) => {
                            let id = meta.id.clone();
                            this.open_meta.set(Some(meta));
                            db::announce(&id);
                            after();
                        }
                        Err(e) => this.storage_error.set(Some(e)),
                    }
                });
            }
            None => {
                let all = self.extras.with_untracked(serde_json::to_string);
                if let Ok(all) = all {
                    browser::save(DEMO_EXTRAS_KEY, &all);
                }
                after();
            }
        }
    }

    /// Reads the list of stored portfolios.
    pub fn refresh(&self) {
        self.portfolio_list.refetch();
    }

    /// Opens a stored portfolio, and remembers it for the next visit.
    pub fn open_stored(&self, id: String) {
        let this = *self;
        leptos::task::spawn_local(async move { this.open_stored_now(id).await });
    }

    /// [`Self::open_stored`], finished when the portfolio is open (or its
    /// failure shown) and remembered: a page that says "done" after it can
    /// be reloaded at once and finds the same portfolio open.
    pub async fn open_stored_now(&self, id: String) {
        let this = *self;
        this.loading.set(true);
        let t0 = browser::now_ms();
        match db::load(&id).await {
            Ok((meta, p, extras)) => {
                browser::save(OPEN_KEY, &meta.id);
                browser::save(DEMO_KEY, "");
                let t1 = browser::now_ms();
                let open = Open::new(p);
                // Read by the browser benchmark (tests/bench).
                browser::record_timing("load_ms", t1 - t0);
                browser::record_timing("index_ms", browser::now_ms() - t1);
                this.extras.set(extras);
                this.locked.set(None);
                let name = meta.name.clone();
                this.portfolio.set(Some(Arc::new(open)));
                this.open_meta.set(Some(meta));
                decisions::migrate(&this, &name);
                this.storage_error.set(None);
            }
            Err(DbError::Locked) => {
                if let Ok(m) = db::meta(&id).await {
                    this.locked.set(Some(m));
                }
            }
            Err(e) => {
                if e == DbError::NotFound {
                    browser::save(OPEN_KEY, "");
                }
                this.storage_error.set(Some(e));
            }
        }
        this.loading.set(false);
    }

    /// Unlocks an encrypted portfolio with its passphrase and opens it.
    /// A wrong passphrase is an error and changes nothing.
    pub async fn unlock(&self, id: String, passphrase: String) -> Result<(), DbError> {
        db::unlock(&id, &passphrase).await?;
        crate::worker::share_keys();
        browser::save(DEMO_KEY, "");
        browser::save(OPEN_KEY, &id);
        self.open_stored(id);
        Ok(())
    }

    /// Locks every encrypted portfolio: forgets their keys (here and in the
    /// worker) and, when the open portfolio is one of them, closes it and
    /// shows the unlock prompt instead — nothing readable stays on screen.
    pub fn lock_all(&self) {
        crate::keys::drop_keys(None);
        crate::worker::share_keys();
        if let Some(m) = self.open_meta.get_untracked().filter(Meta::encrypted) {
            self.open_meta.set(None);
            self.extras.set(Extras::new());
            self.portfolio.set(None);
            self.locked.set(Some(m));
        }
    }

    /// Locks after `autolock_minutes()` without a key press, click or
    /// scroll, checked every few seconds.
    fn idle_lock(&self) {
        use wasm_bindgen::JsCast;
        let Some(w) = web_sys::window() else { return };
        let bump = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
            LAST_ACTIVE.with(|t| t.set(browser::now_ms()));
        });
        for ev in ["pointerdown", "keydown", "wheel", "touchstart"] {
            let _ = w.add_event_listener_with_callback(ev, bump.as_ref().unchecked_ref());
        }
        bump.forget();
        LAST_ACTIVE.with(|t| t.set(browser::now_ms()));
        let this = *self;
        let tick = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if crate::keys::held_keys().is_empty() {
                return;
            }
            let idle = browser::now_ms() - LAST_ACTIVE.with(std::cell::Cell::get);
            if idle > autolock_minutes() * 60_000.0 {
                this.lock_all();
            }
        });
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            2_000,
        );
        tick.forget();
    }

    /// Closes the open portfolio (after it was deleted).
    pub fn close(&self) {
        browser::save(OPEN_KEY, "");
        self.open_meta.set(None);
        self.extras.set(Extras::new());
        self.portfolio.set(None);
    }

    /// Follows changes made by the worker or another tab: the list is
    /// reread, and the open portfolio reloaded when it changed (or closed
    /// when it was deleted).
    fn listen(&self) {
        let this = *self;
        let Ok(ch) = web_sys::BroadcastChannel::new(db::CHANNEL) else {
            return;
        };
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |ev: web_sys::MessageEvent| {
                let id = ev.data().as_string().unwrap_or_default();
                this.refresh();
                let open = this.open_meta.get_untracked();
                if let Some(m) = open.filter(|m| m.id == id) {
                    leptos::task::spawn_local(async move {
                        match db::meta(&m.id).await {
                            Ok(now) if now.revision != m.revision => this.open_stored(now.id),
                            Ok(_) => {}
                            Err(DbError::NotFound) => this.close(),
                            Err(e) => this.storage_error.set(Some(e)),
                        }
                    });
                }
            },
        );
        use wasm_bindgen::JsCast;
        ch.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        // Kept for the page's life.
        std::mem::forget(ch);
    }
}

/// The state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
