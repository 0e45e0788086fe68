//! The few things the app asks of the browser: the date today, the
//! preferred language, small remembered preferences in `localStorage`, and
//! offering a file to download.
//! (Portfolios themselves are not stored yet; that is the storage issue.)

use credit_core::NaiveDate;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A remembered preference.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Remembers a preference; failing quietly is fine for a preference.
pub fn save(key: &str, value: &str) {
    let _ = try_save(key, value);
}

/// Stores a value, saying why when the browser refuses (storage full,
/// storage disabled).
pub fn try_save(key: &str, value: &str) -> Result<(), String> {
    let s = storage().ok_or_else(|| "localStorage is not available".to_string())?;
    s.set_item(key, value)
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// The browser's preferred language tag, e.g. `zh-CN`.
pub fn navigator_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// Today in the user's time zone: the app's default `as_of`. Only the app
/// reads the clock; the core always takes the date as an argument.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or(NaiveDate::MIN)
}

/// Sets `<html lang>` so screen readers and fonts follow the language.
pub fn set_document_lang(tag: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", tag);
    }
}

/// Asks the browser to keep this site's storage under pressure
/// (`navigator.storage.persist()`); the answer shows on the portfolios page.
pub fn request_persist() {
    if let Some(s) = web_sys::window().map(|w| w.navigator().storage()) {
        let _ = s.persist();
    }
}

/// Storage used and available (bytes), and whether it is persistent.
pub async fn storage_estimate() -> Option<(f64, f64, bool)> {
    use wasm_bindgen_futures::JsFuture;
    let s = web_sys::window()?.navigator().storage();
    let est = JsFuture::from(s.estimate().ok()?).await.ok()?;
    let get = |k: &str| {
        js_sys::Reflect::get(&est, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    let persisted = JsFuture::from(s.persisted().ok()?)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    Some((get("usage"), get("quota"), persisted))
}

/// The name of an exported file: `<kind>-<portfolio>-<as_of>.csv`.
pub fn export_file_name(kind: &str, portfolio: &str, as_of: NaiveDate) -> String {
    format!(
        "{kind}-{}-{as_of}.csv",
        crate::protocol::file_name_part(portfolio)
    )
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Clicks a temporary, hidden `<a href=url download=file_name>`.
fn click_link(document: &web_sys::Document, url: &str, file_name: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;

    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(js_error)?;
    a.click();
    a.remove();
    Ok(())
}

/// Offers `text` as a file to download: a `Blob` of type `mime`, an object
/// URL, a temporary `<a download>` clicked, and the URL revoked once the
/// browser has had time to start the download.
///
/// For CSV (`mime` starting with `text/csv`) the text gets a UTF-8
/// byte-order mark unless it already starts with one (the core's CSV
/// writers add it), so Excel reads Chinese text as UTF-8.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;

    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let body = if mime.starts_with("text/csv") && !text.starts_with('\u{feff}') {
        format!("\u{feff}{text}")
    } else {
        text.to_string()
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&body));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let clicked = click_link(&document, &url, file_name);
    // Revoking at once can cancel the download in some browsers: wait a
    // little (revoking at once is the fallback if the timer is refused).
    let revoke = {
        let url = url.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)
        .is_err()
    {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    clicked
}

/// The page's clock in milliseconds (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Leaves a timing where the browser benchmark reads it:
/// `window.__credit_timings[name]`.
pub fn record_timing(name: &str, ms: f64) {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("__credit_timings");
    let obj = js_sys::Reflect::get(&global, &key)
        .ok()
        .filter(|v| v.is_object())
        .unwrap_or_else(|| {
            let o: wasm_bindgen::JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&global, &key, &o);
            o
        });
    let _ = js_sys::Reflect::set(&obj, &name.into(), &ms.into());
}

/// Every `localStorage` key that starts with `prefix` (one pass over the
/// keys).
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|k| s.key(k).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Removes a stored value.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Reloads the page.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
