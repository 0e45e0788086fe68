//! Credit Assistant (信用助手): the browser app. It installs the panic hook
//! and mounts [`app::App`]; everything else lives in the modules below.

mod app;
mod browser;
mod components;
mod format;
mod i18n;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
