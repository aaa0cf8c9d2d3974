//! The service worker from the page's side (feature `hydrate`; docs/pwa.md): register
//! `/sw.js` after hydration, tell the page when a new version is installed and waiting, and
//! hand over to it when the person chooses to reload. Never runs while rendering.

use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::{Cell, RefCell};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// How often an open page asks whether a new version has been deployed.
const UPDATE_CHECK_MS: i32 = 30 * 60 * 1000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set when the person asked for the new version: the next controller change reloads.
    static RELOAD_ON_HANDOVER: Cell<bool> = const { Cell::new(false) };
}

/// Registers `/sw.js` (scope `/`); `on_waiting` runs when a new version waits to take over
/// a page that an older one controls.
pub fn register(on_waiting: impl Fn() + Clone + 'static) {
    let Some(container) = container() else {
        return;
    };
    reload_on_handover(&container);
    let registering = container.register("/sw.js");
    spawn_local(async move {
        let registration: ServiceWorkerRegistration = match JsFuture::from(registering).await {
            // a browser that blocks workers may answer with nothing rather than refuse
            // (Playwright's serviceWorkers: "block" does): nothing to watch then
            Ok(registration) if registration.is_undefined() || registration.is_null() => {
                leptos::logging::warn!("Pathway will not work offline: no service worker");
                return;
            }
            Ok(registration) => registration.unchecked_into(),
            Err(error) => {
                leptos::logging::warn!("Pathway will not work offline: {error:?}");
                return;
            }
        };
        watch_for_waiting(&container, &registration, on_waiting);
        check_for_updates(&registration);
        REGISTRATION.with(|slot| *slot.borrow_mut() = Some(registration));
    });
}

/// Asks the waiting worker to take over; the page reloads once it has (`controllerchange`),
/// so the new HTML and the new WASM arrive together.
pub fn apply_update() {
    let waiting = REGISTRATION.with(|slot| slot.borrow().as_ref().and_then(|r| r.waiting()));
    let Some(worker) = waiting else {
        // another tab already let it take over: only this page is left to reload
        reload();
        return;
    };
    RELOAD_ON_HANDOVER.with(|flag| flag.set(true));
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
    if worker.post_message(&message).is_err() {
        reload();
    }
}

/// The container, when this browser and context offer service workers (secure contexts).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

fn watch_for_waiting(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_waiting: impl Fn() + Clone + 'static,
) {
    // Without a controller this is the first install, not an update: nothing to offer.
    if registration.waiting().is_some() && container.controller().is_some() {
        on_waiting();
    }
    let (container, watched) = (container.clone(), registration.clone());
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = watched.installing() else {
            return;
        };
        let (worker, container, on_waiting) =
            (installing.clone(), container.clone(), on_waiting.clone());
        let on_state = Closure::<dyn Fn()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                on_waiting();
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Asks the server for a new worker when the page comes back into view and every 30 minutes.
fn check_for_updates(registration: &ServiceWorkerRegistration) {
    let watched = registration.clone();
    let on_visible = Closure::<dyn Fn()>::new(move || {
        if !document().hidden() {
            update(&watched);
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
    let watched = registration.clone();
    let every = Closure::<dyn Fn()>::new(move || update(&watched));
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        every.as_ref().unchecked_ref(),
        UPDATE_CHECK_MS,
    );
    every.forget();
}

fn update(registration: &ServiceWorkerRegistration) {
    if let Ok(checking) = registration.update() {
        // offline or the server away: the next check tries again
        spawn_local(async move {
            let _ = JsFuture::from(checking).await;
        });
    }
}

fn reload_on_handover(container: &ServiceWorkerContainer) {
    let on_change = Closure::<dyn Fn()>::new(|| {
        // only after "Reload to update": a first install also claims the page
        if RELOAD_ON_HANDOVER.with(|flag| flag.replace(false)) {
            reload();
        }
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", on_change.as_ref().unchecked_ref());
    on_change.forget();
}

fn reload() {
    let _ = window().location().reload();
}
