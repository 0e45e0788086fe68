//! The self-check on its own (issue 16): the entry a prospect opens from an
//! insurer's site, with only the self-check, the language switch and the
//! two languages — none of the controller's app (storage, router, reports,
//! letters, encryption). It mounts the same page the app shows at
//! `/self-check`, from the same source files.

// The modules the self-check page reads, at the paths it names them by.
#[path = "../browser.rs"]
#[allow(dead_code)]
mod browser;
#[path = "../i18n_handle.rs"]
#[allow(dead_code)]
mod i18n_handle;
use credit_app::{format, protocol};

/// The language layer, as in the app.
mod i18n {
    pub use crate::i18n_handle::{use_i18n, I18n};
    pub use credit_app::i18n::*;
}

#[path = "../components/lang_switch.rs"]
pub mod lang_switch;
#[path = "../components/svg.rs"]
#[allow(dead_code)]
pub mod svg;
mod components {
    pub use super::{lang_switch, svg};
}

#[path = "../pages/selfcheck.rs"]
pub mod selfcheck;
mod pages {
    pub use super::selfcheck;
}

use leptos::prelude::*;
use pages::selfcheck::SelfCheck;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        lang_switch::provide_language(pages::selfcheck::query_param("lang"));
        provide_context(pages::selfcheck::Alone);
        view! { <main class="embed"><SelfCheck/></main> }
    });
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
