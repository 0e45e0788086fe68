//! The few things the app asks of the browser: the date today, the
//! preferred language, and small remembered preferences in `localStorage`.
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
