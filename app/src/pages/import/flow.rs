//! The import's state, shared by the page's sections: the user's choices,
//! what the worker has read and checked, and the three calls that move the
//! import on (open the file, check it under the mapping, commit it).

use credit_core::import::{
    DateOrder, EncodingChoice, Mapping, MergePolicy, OnExisting, Preset, RowError,
};
use credit_core::money::Currency;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::import::Im;
use crate::i18n::I18n;
use crate::protocol::{Committed, Failure, Opened, Previewed, Reply, Request, Target};
use crate::state::AppState;
use crate::worker;

/// The import's signals (a handle: copied into every section).
#[derive(Clone, Copy)]
pub struct Flow {
    /// The language.
    pub i: I18n,
    /// The open portfolio and the stored ones.
    pub app: AppState,
    /// The target portfolio's id, or `new`.
    pub target_id: RwSignal<String>,
    /// A new portfolio's name.
    pub new_name: RwSignal<String>,
    /// The currency of rows without one (and of a new portfolio).
    pub currency: RwSignal<String>,
    /// Whether the user chose the currency. Until then, a new portfolio
    /// takes the currency of a file whose lines are all in one currency.
    pub currency_chosen: RwSignal<bool>,
    /// The file chosen.
    pub file: RwSignal<Option<web_sys::File>, LocalStorage>,
    /// The encoding chosen.
    pub encoding: RwSignal<EncodingChoice>,
    /// The file as the worker read it.
    pub opened: RwSignal<Option<Opened>>,
    /// The mapping, as the user corrects it.
    pub mapping: RwSignal<Mapping>,
    /// The date order chosen.
    pub date_order: RwSignal<Option<DateOrder>>,
    /// The checked file.
    pub previewed: RwSignal<Option<Previewed>>,
    /// The page of errors shown.
    pub errors: RwSignal<Vec<RowError>>,
    /// Which page of errors.
    pub error_page: RwSignal<usize>,
    /// Skip or replace the ids already stored.
    pub on_existing: RwSignal<OnExisting>,
    /// The header's row chosen.
    pub header_row: RwSignal<Option<usize>>,
    /// The export format chosen.
    pub preset_choice: RwSignal<Option<Preset>>,
    /// Whether the file is the next open-items list of the portfolio.
    pub reconcile: RwSignal<bool>,
    /// Why the last call failed.
    pub failure: RwSignal<Option<Failure>>,
    /// What the commit did.
    pub done: RwSignal<Option<Committed>>,
    /// A call is under way.
    pub busy: RwSignal<bool>,
}

impl Flow {
    /// A fresh import into the open portfolio, if any, else a new one.
    pub fn new(i: I18n, app: AppState) -> Self {
        Flow {
            i,
            app,
            target_id: RwSignal::new(
                app.open_meta
                    .get_untracked()
                    .map(|m| m.id)
                    .unwrap_or_else(|| "new".to_string()),
            ),
            new_name: RwSignal::new(String::new()),
            currency: RwSignal::new("CNY".to_string()),
            currency_chosen: RwSignal::new(false),
            file: RwSignal::new_local(None),
            encoding: RwSignal::new(EncodingChoice::Auto),
            opened: RwSignal::new(None),
            mapping: RwSignal::new(Mapping::default()),
            date_order: RwSignal::new(None),
            previewed: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            error_page: RwSignal::new(0),
            on_existing: RwSignal::new(OnExisting::Skip),
            header_row: RwSignal::new(None),
            preset_choice: RwSignal::new(None),
            reconcile: RwSignal::new(false),
            failure: RwSignal::new(None),
            done: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    fn currency_code(self) -> Currency {
        Currency::new(&self.currency.get_untracked()).unwrap_or(Currency::CNY)
    }

    /// Where the import goes.
    fn target(self) -> Target {
        let id = self.target_id.get_untracked();
        if id == "new" {
            let name = self.new_name.get_untracked();
            let name = if name.trim().is_empty() {
                self.i.t(Im::ImportedLedger).to_string()
            } else {
                name
            };
            Target::New {
                name,
                currency: self.currency_code(),
            }
        } else {
            Target::Existing { id }
        }
    }

    /// Checks the opened file under the current mapping and options.
    pub fn check(self) {
        let f = self;
        f.busy.set(true);
        f.failure.set(None);
        let req = Request::Preview {
            mapping: f.mapping.get_untracked(),
            date_order: f.date_order.get_untracked(),
            decimal: None,
            currency: f.currency_code(),
            target: f.target(),
            file_date: Some(crate::browser::today()),
            locale: (!f.currency_chosen.get_untracked()).then(crate::browser::navigator_language),
        };
        spawn_local(async move {
            match worker::call(&req, None).await {
                Reply::Previewed(p) => {
                    if f.target_id.get_untracked() == "new" && !f.currency_chosen.get_untracked() {
                        if let [only] = p.summary.totals.as_slice() {
                            f.currency.set(only.currency.code().to_string());
                        }
                    }
                    f.errors.set(p.errors.clone());
                    f.error_page.set(0);
                    f.previewed.set(Some(p));
                }
                Reply::Failed(e) => {
                    f.previewed.set(None);
                    f.failure.set(Some(e));
                }
                _ => {}
            }
            f.busy.set(false);
        });
    }

    /// Checks again after a choice changed, if a file is open.
    pub fn recheck(self) {
        if self.opened.get_untracked().is_some() {
            self.check();
        }
    }

    /// Reads the chosen file (again), then checks it.
    pub fn open(self) {
        let f = self;
        let Some(file) = f.file.get_untracked() else {
            return;
        };
        f.busy.set(true);
        f.failure.set(None);
        f.done.set(None);
        f.previewed.set(None);
        f.opened.set(None);
        let remembered_from = match f.target_id.get_untracked() {
            id if id == "new" => None,
            id => Some(id),
        };
        let req = Request::Open {
            file_name: file.name(),
            encoding: f.encoding.get_untracked(),
            remembered_from,
            header_row: f.header_row.get_untracked(),
            preset: f.preset_choice.get_untracked(),
        };
        spawn_local(async move {
            match worker::call(&req, Some(&file)).await {
                Reply::Opened(o) => {
                    f.mapping.set(o.mapping.clone());
                    f.opened.set(Some(o));
                    f.busy.set(false);
                    f.check();
                }
                Reply::Failed(e) => {
                    f.failure.set(Some(e));
                    f.busy.set(false);
                }
                _ => f.busy.set(false),
            }
        });
    }

    /// Stores the checked file under a policy.
    pub fn commit(self, policy: MergePolicy) {
        let f = self;
        f.busy.set(true);
        f.failure.set(None);
        let req = Request::Commit {
            target: f.target(),
            policy,
            on_existing: f.on_existing.get_untracked(),
            reconcile: f.reconcile.get_untracked() && f.target_id.get_untracked() != "new",
        };
        spawn_local(async move {
            match worker::call(&req, None).await {
                Reply::Committed(c) => {
                    // The file and its preview are done with.
                    worker::release();
                    crate::browser::request_persist();
                    // "Imported" once the portfolio is open and remembered
                    // (a reload right after finds it open).
                    f.app.open_stored_now(c.id.clone()).await;
                    f.app.refresh();
                    f.target_id.set(c.id.clone());
                    f.previewed.set(None);
                    f.opened.set(None);
                    f.done.set(Some(c));
                }
                Reply::Failed(e) => f.failure.set(Some(e)),
                _ => {}
            }
            f.busy.set(false);
        });
    }
}
