//! The page's side of the ledger worker, supervised (issue 23, cases 2, 5
//! and 6): started on first use from the bytes whose SHA-384 was checked
//! (`worker-start.js`, written by `scripts/postbuild.mjs`); every request
//! carries an id and its reply is matched to it; progress as a signal.
//!
//! The page always ends in a reply or a clear failure:
//! - a worker that throws (`onerror`), fails its integrity check or stops
//!   answering — no progress and no reply for [`STALL_MS`] — is terminated
//!   (which frees whatever memory it held) and every request in flight
//!   fails with [`Failure::WorkerStopped`]; the next request starts a
//!   fresh worker, so the user's retry works;
//! - a newer file opened while an older one is still being read replaces
//!   it: the worker is restarted (the only way to stop a parse midway) and
//!   the older call never returns, so its page code does not run; a newer
//!   preview supersedes an older one the same way, without a restart.
//!
//! The worker answers requests in the order they were sent, so its session
//! (the file read, the preview) is always the newest request's.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::protocol::{Failure, Phase, Reply, Request, StopReason};

/// How long the worker may go without a word (progress or reply) while a
/// request is in flight. Every stage reports progress at least every few
/// hundred milliseconds, and the slowest single step measured (a
/// 10,000,000-iteration key derivation, the most a file may ask for) takes
/// about 10 s, so a minute of silence is a hung or dying worker.
pub const STALL_MS: i32 = 60_000;

struct InFlight {
    id: u32,
    /// Whether it reads a file or previews (a newer one supersedes it).
    kind: u8,
    resolve: js_sys::Function,
}

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    /// Requested from `startCreditWorker()`, not yet running.
    starting: bool,
    ready: bool,
    /// Messages waiting for the worker to start.
    queue: Vec<JsValue>,
    pending: Vec<InFlight>,
    next_id: u32,
    /// The stall timer.
    timer: Option<i32>,
}

/// The stage and progress (out of 1000) of the job in flight.
pub type Progress = RwSignal<Option<(Phase, u32)>>;

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::default();
    static PROGRESS: RefCell<Option<Progress>> = const { RefCell::new(None) };
    static STALLED: Closure<dyn Fn()> = Closure::new(|| stop(StopReason::Silent(STALL_MS as u32 / 1000)));
}

/// The progress of the job in flight, for a progress bar; `None` when idle.
/// First called from [`crate::state::AppState::new`], so the signal belongs
/// to the app, not to the page that happens to show it first (which would
/// dispose of it when the user navigates away).
pub fn progress() -> Progress {
    PROGRESS.with(|p| *p.borrow_mut().get_or_insert_with(|| RwSignal::new(None)))
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// (Re)arms the stall timer while something is in flight; clears it when
/// nothing is.
fn arm() {
    let old = CLIENT.with(|c| c.borrow_mut().timer.take());
    if let Some(t) = old {
        window().clear_timeout_with_handle(t);
    }
    if CLIENT.with(|c| c.borrow().pending.is_empty()) {
        return;
    }
    let t = STALLED.with(|f| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                f.as_ref().unchecked_ref(),
                STALL_MS,
            )
            .ok()
    });
    CLIENT.with(|c| c.borrow_mut().timer = t);
}

/// The reply a stopped worker's pending calls get,
/// `Reply::Failed(Failure::WorkerStopped(why))`, as serde writes it (a test
/// holds it to that), built around the reason alone: the page never
/// serialises a whole `Reply`, so it carries no serialiser for one.
fn stopped_json(why: &StopReason) -> Option<String> {
    let r = serde_json::to_string(why).ok()?;
    Some(format!("{{\"Failed\":{{\"WorkerStopped\":{r}}}}}"))
}

/// Terminates the worker and fails everything in flight with `why`.
fn stop(why: StopReason) {
    let (worker, pending) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.starting = false;
        c.ready = false;
        c.queue.clear();
        (c.worker.take(), std::mem::take(&mut c.pending))
    });
    if let Some(w) = worker {
        w.terminate();
    }
    progress().set(None);
    if let Some(text) = stopped_json(&why) {
        for p in pending {
            let _ = p.resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    }
    arm();
}

fn on_message(ev: MessageEvent) {
    let data = ev.data();
    if let Some(text) = data.as_string() {
        if text == "ready" {
            CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                c.ready = true;
                if let Some(w) = c.worker.clone() {
                    for m in c.queue.drain(..) {
                        let _ = w.post_message(&m);
                    }
                }
            });
        } else if text.starts_with("failed:") {
            // Its wasm did not pass the integrity check (worker-start.js).
            stop(StopReason::NotVerified);
        }
        return;
    }
    let id = js_sys::Reflect::get(&data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(u32::MAX, |v| v as u32);
    let Some(text) = js_sys::Reflect::get(&data, &"msg".into())
        .ok()
        .and_then(|v| v.as_string())
    else {
        return;
    };
    let known = CLIENT.with(|c| c.borrow().pending.iter().any(|p| p.id == id));
    if !known {
        // A superseded request's late word.
        return;
    }
    arm();
    if let Ok(Reply::Progress { phase, permille }) = serde_json::from_str::<Reply>(&text) {
        progress().set(Some((phase, permille)));
        return;
    }
    let done = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.pending.iter().position(|p| p.id == id)?;
        Some(c.pending.remove(i))
    });
    if CLIENT.with(|c| c.borrow().pending.is_empty()) {
        progress().set(None);
    }
    arm();
    if let Some(p) = done {
        let _ = p.resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
    }
}

/// Starts the worker (once; again after [`stop`]) from the checked bytes.
fn start() {
    let go = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let go = c.worker.is_none() && !c.starting;
        c.starting |= go;
        go
    });
    if !go {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let begun = js_sys::Reflect::get(&js_sys::global(), &"startCreditWorker".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&JsValue::NULL).ok())
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        let worker = match begun {
            Some(p) => JsFuture::from(p)
                .await
                .ok()
                .and_then(|w| w.dyn_into::<Worker>().ok()),
            None => None,
        };
        let Some(worker) = worker else {
            stop(StopReason::NotVerified);
            return;
        };
        if !CLIENT.with(|c| c.borrow().starting) {
            // Stopped meanwhile.
            worker.terminate();
            return;
        }
        let on_msg = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
        worker.set_onmessage(Some(on_msg.as_ref().unchecked_ref()));
        on_msg.forget();
        let on_err = Closure::<dyn FnMut(JsValue)>::new(|e: JsValue| {
            let why = js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_default();
            stop(StopReason::Crashed(why));
        });
        worker.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        on_err.forget();
        CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            c.starting = false;
            c.worker = Some(worker);
        });
    });
}

/// Ends an idle worker, freeing what it held (after a 1,000,000-row
/// import, about a gigabyte); the next request starts a fresh one.
pub fn release() {
    if CLIENT.with(|c| c.borrow().pending.is_empty()) {
        let w = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            c.ready = false;
            c.worker.take()
        });
        if let Some(w) = w {
            w.terminate();
        }
    }
}

/// The held keys as `[[id, CryptoKey], …]` (structured-cloned to the
/// worker; a CryptoKey stays non-extractable there too).
fn keys_message() -> js_sys::Array {
    crate::keys::held_keys()
        .into_iter()
        .map(|(id, k)| js_sys::Array::of2(&JsValue::from_str(&id), &k))
        .collect()
}

/// Tells a running worker which keys are held now (after a lock, none):
/// it drops the others at once instead of at its next request.
pub fn share_keys() {
    CLIENT.with(|c| {
        let c = c.borrow();
        if let (Some(w), true) = (&c.worker, c.ready) {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"keys".into(), &keys_message());
            let _ = w.post_message(&msg);
        }
    });
}

/// Sends a request (with a file, for those that read one) and waits for
/// its reply. A worker that cannot be reached, crashes or hangs comes back
/// as [`Reply::Failed`]; a call superseded by a newer one never returns.
pub async fn call(req: &Request, file: Option<&web_sys::File>) -> Reply {
    let fail = |detail: String| Reply::Failed(Failure::Storage { detail });
    let Ok(text) = serde_json::to_string(req) else {
        return fail("request".into());
    };
    let kind = match req {
        Request::Open { .. } => 1,
        Request::Preview { .. } => 2,
        _ => 0,
    };
    // A newer file replaces one still being read: restart the worker.
    let superseded: Vec<InFlight> = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        // A file supersedes the file and the preview in flight; a
        // preview, the preview.
        let (old, keep) = std::mem::take(&mut c.pending)
            .into_iter()
            .partition(|p| (kind == 1 && p.kind != 0) || (kind == 2 && p.kind == 2));
        c.pending = keep;
        old
    });
    if superseded.iter().any(|p| p.kind == 1) {
        stop(StopReason::Replaced);
    }
    drop(superseded);
    start();
    let id = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next_id = c.next_id.wrapping_add(1);
        c.next_id
    });
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&msg, &"msg".into(), &JsValue::from_str(&text));
    if let Some(f) = file {
        let _ = js_sys::Reflect::set(&msg, &"file".into(), f);
    }
    let _ = js_sys::Reflect::set(&msg, &"keys".into(), &keys_message());
    let mut resolve_slot: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        resolve_slot = Some(resolve);
    });
    progress().set(Some((Phase::Reading, 0)));
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(resolve) = resolve_slot {
            c.pending.push(InFlight { id, kind, resolve });
        }
        match (&c.worker, c.ready) {
            (Some(w), true) => {
                let _ = w.post_message(&msg);
            }
            _ => c.queue.push(msg.into()),
        }
    });
    arm();
    match JsFuture::from(promise).await {
        Ok(v) => v
            .as_string()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| fail("reply".into())),
        Err(e) => fail(format!("{e:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_reply_reads_as_serde_writes_it() {
        for why in [
            StopReason::Crashed("out of \"memory\"\n".into()),
            StopReason::Silent(30),
            StopReason::NotVerified,
            StopReason::Replaced,
        ] {
            let whole = Reply::Failed(Failure::WorkerStopped(why.clone()));
            assert_eq!(
                stopped_json(&why).unwrap(),
                serde_json::to_string(&whole).unwrap()
            );
            let back: Reply = serde_json::from_str(&stopped_json(&why).unwrap()).unwrap();
            assert_eq!(back, whole);
        }
    }
}
