//! Credit Assistant (信用助手): the browser app. It installs the panic hook
//! and mounts [`app::App`]; everything else lives in the modules below.

mod app;
// The storage library (`src/lib.rs`), shared with the worker; named at the
// crate root so that `crate::db` and the like read the same everywhere.
use credit_app::{crypto, db, format, keys, protocol};

/// The language layer: every string (the library's `i18n`) and the page's
/// reactive handle on the chosen language (`i18n_handle`).
mod i18n {
    pub use crate::i18n_handle::{use_i18n, I18n};
    pub use credit_app::i18n::*;
}
mod browser;
mod components;
mod dunning;
mod extras;
mod grades;
mod i18n_handle;
mod insurance;
mod monitoring;
mod open;
mod pages;
mod state;
mod storage;
mod worker;

fn main() {
    console_error_panic_hook::set_once();
    // The browser benchmark (tests/bench) reads the wasm memory's size here;
    // nothing else uses it.
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &"__credit_wasm_memory".into(),
        &wasm_bindgen::memory(),
    );
    leptos::mount::mount_to_body(app::App);
    // The first page is drawn: index.html's loading notice goes.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
