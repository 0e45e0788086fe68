//! The page's side of the ledger worker: started on first use, one request
//! at a time, replies as futures, progress as a signal.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::protocol::{Phase, Reply, Request};

/// The worker's loader script, written by trunk next to `index.html`.
const SCRIPT: &str = "/credit-worker_loader.js";

struct Client {
    worker: Worker,
    ready: bool,
    /// Messages waiting for the worker to start.
    queue: Vec<JsValue>,
    /// Resolves the request in flight with the reply's text.
    pending: Option<js_sys::Function>,
}

/// The stage and progress (out of 1000) of the job in flight.
pub type Progress = RwSignal<Option<(Phase, u32)>>;

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static PROGRESS: RefCell<Option<Progress>> = const { RefCell::new(None) };
}

/// The progress of the job in flight, for a progress bar; `None` when idle.
/// First called from [`crate::state::AppState::new`], so the signal belongs
/// to the app, not to the page that happens to show it first (which would
/// dispose of it when the user navigates away).
pub fn progress() -> Progress {
    PROGRESS.with(|p| *p.borrow_mut().get_or_insert_with(|| RwSignal::new(None)))
}

fn on_message(ev: MessageEvent) {
    let Some(text) = ev.data().as_string() else {
        return;
    };
    if text == "ready" {
        CLIENT.with(|c| {
            if let Some(c) = c.borrow_mut().as_mut() {
                c.ready = true;
                for m in c.queue.drain(..) {
                    let _ = c.worker.post_message(&m);
                }
            }
        });
        return;
    }
    if let Ok(Reply::Progress { phase, permille }) = serde_json::from_str::<Reply>(&text) {
        progress().set(Some((phase, permille)));
        return;
    }
    progress().set(None);
    let resolve = CLIENT.with(|c| c.borrow_mut().as_mut().and_then(|c| c.pending.take()));
    if let Some(f) = resolve {
        let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&text));
    }
}

fn start() -> Result<(), String> {
    if CLIENT.with(|c| c.borrow().is_some()) {
        return Ok(());
    }
    let worker = Worker::new(SCRIPT).map_err(|e| format!("{e:?}"))?;
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    CLIENT.with(|c| {
        *c.borrow_mut() = Some(Client {
            worker,
            ready: false,
            queue: Vec::new(),
            pending: None,
        })
    });
    Ok(())
}

/// The held keys as `[[id, CryptoKey], …]` (structured-cloned to the
/// worker; a CryptoKey stays non-extractable there too).
fn keys_message() -> js_sys::Array {
    crate::db::held_keys()
        .into_iter()
        .map(|(id, k)| js_sys::Array::of2(&JsValue::from_str(&id), &k))
        .collect()
}

/// Tells a running worker which keys are held now (after a lock, none):
/// it drops the others at once instead of at its next request.
pub fn share_keys() {
    CLIENT.with(|c| {
        if let Some(c) = c.borrow().as_ref() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"keys".into(), &keys_message());
            if c.ready {
                let _ = c.worker.post_message(&msg);
            }
        }
    });
}

/// Sends a request (with a file, for those that read one) and waits for
/// its reply. A failure to reach the worker comes back as
/// [`Reply::Failed`].
pub async fn call(req: &Request, file: Option<&web_sys::File>) -> Reply {
    let fail = |detail: String| Reply::Failed(crate::protocol::Failure::Storage { detail });
    if let Err(e) = start() {
        return fail(e);
    }
    let Ok(text) = serde_json::to_string(req) else {
        return fail("request".into());
    };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"msg".into(), &JsValue::from_str(&text));
    if let Some(f) = file {
        let _ = js_sys::Reflect::set(&msg, &"file".into(), f);
    }
    let _ = js_sys::Reflect::set(&msg, &"keys".into(), &keys_message());
    let mut resolve_slot: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        resolve_slot = Some(resolve);
    });
    progress().set(Some((crate::protocol::Phase::Reading, 0)));
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            c.pending = resolve_slot;
            if c.ready {
                let _ = c.worker.post_message(&msg);
            } else {
                c.queue.push(msg.into());
            }
        }
    });
    match JsFuture::from(promise).await {
        Ok(v) => v
            .as_string()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| fail("reply".into())),
        Err(e) => fail(format!("{e:?}")),
    }
}
