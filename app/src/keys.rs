//! The keys of the unlocked encrypted portfolios, held in memory only:
//! never stored, dropped on lock. The page holds them after an unlock; the
//! worker gets a copy with each request (see the page's `worker` module).

use std::cell::RefCell;
use std::collections::HashMap;

use web_sys::CryptoKey;

thread_local! {
    /// The keys of the unlocked encrypted portfolios, by id: only in memory,
    /// never stored, dropped on lock (and the worker gets them with each
    /// request, see `crate::worker`).
    static KEYS: RefCell<HashMap<String, CryptoKey>> = RefCell::new(Default::default());
}

/// The key of an unlocked portfolio.
pub fn key_of(id: &str) -> Option<CryptoKey> {
    KEYS.with(|k| k.borrow().get(id).cloned())
}

/// Holds the key of an unlocked portfolio.
pub fn hold_key(id: &str, key: CryptoKey) {
    KEYS.with(|k| k.borrow_mut().insert(id.to_string(), key));
}

/// Drops every key (lock everything), or the one of `id`.
pub fn drop_keys(id: Option<&str>) {
    KEYS.with(|k| match id {
        Some(id) => {
            k.borrow_mut().remove(id);
        }
        None => k.borrow_mut().clear(),
    });
}

/// Every held key, to hand to the worker.
pub fn held_keys() -> Vec<(String, CryptoKey)> {
    KEYS.with(|k| {
        k.borrow()
            .iter()
            .map(|(a, b)| (a.clone(), b.clone()))
            .collect()
    })
}

/// Replaces the held keys (the worker, from each request).
pub fn set_keys(keys: Vec<(String, CryptoKey)>) {
    KEYS.with(|k| *k.borrow_mut() = keys.into_iter().collect());
}
