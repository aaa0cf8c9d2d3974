//! Signing out on a shared tablet (issue 7): first send what is only on this device; if
//! everything reached Pathway, this person's drafts, outbox and keys leave the device and the
//! session ends; otherwise the worker is warned (`/sign-out`) and chooses. Nothing that exists
//! only here is deleted by signing out.
//!
//! Sign-out needs the server (issue 20): the session cookie is HttpOnly, so only Pathway can
//! end it. When it cannot be reached, nothing is wiped and nothing claims success: the device
//! is marked "sign-out pending" (a record here, and a cookie that makes the server end the
//! session on the next request that reaches it), the page leaves for a screen that shows
//! nobody's work, and the sign-out is sent first when the network returns ([`gate`]). Keys
//! leave the device only after the server has confirmed.

use super::{drafts, runner, vault};
use crate::sync_ui::SyncUi;
use gloo_storage::Storage;
use leptos::prelude::*;
use pathway_core::sync::LeftHere;

/// Sends what it can, then reports what is still only on this device.
pub async fn sync_and_check(person: &str) -> LeftHere {
    if runner::unlock(person).await.is_err() {
        // nothing readable: if anything of theirs is stored here, it must not be wiped
        return LeftHere {
            locked: has_records(person),
            ..LeftHere::default()
        };
    }
    runner::sync_now(SyncUi::new(), person.to_owned()).await;
    let outbox = drafts::load_outbox(person);
    let drafts = drafts::all_drafts(person)
        .into_iter()
        .filter(|draft| !outbox.has_pending(&draft.form.id))
        .map(|draft| {
            let title = if draft.form.title.trim().is_empty() {
                "Untitled draft".to_owned()
            } else {
                draft.form.title.clone()
            };
            // a new item's editor adopts the newest unsaved draft of its kind
            let href = if draft.base_version == 0 {
                format!("/portfolio/edit?kind={}", draft.form.kind)
            } else {
                format!("/portfolio/edit?id={}", draft.form.id)
            };
            (title, href)
        })
        .collect();
    LeftHere {
        waiting: outbox.unsynced(),
        attention: outbox.attention.len(),
        drafts,
        locked: drafts::unreadable(person) > 0,
    }
}

fn has_records(person: &str) -> bool {
    let prefix = format!("pathway:v1:{person}:");
    let storage = gloo_storage::LocalStorage::raw();
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .any(|name| name.starts_with(&prefix) && !name.ends_with(":keys"))
}

/// Where the "sign-out pending" record lives (not sealed: it holds no work, only who and
/// whether their keys may go once the server has ended the session).
const PENDING: &str = "pathway:v1:sign-out-pending";

/// A sign-out that has not reached Pathway yet.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pending {
    pub person: String,
    /// Nothing of theirs was only on this device: the keys may go once signed out.
    pub wipe: bool,
}

pub fn pending() -> Option<Pending> {
    gloo_storage::LocalStorage::get(PENDING).ok()
}

fn mark_pending(person: &str, wipe: bool) {
    let record = Pending {
        person: person.to_owned(),
        wipe,
    };
    // best effort: the cookie alone already makes the server end the session
    let _ = gloo_storage::LocalStorage::set(PENDING, &record);
    set_cookie(&format!(
        "{}={}; Path=/; SameSite=Strict",
        crate::api::auth::sign_out::PENDING_COOKIE,
        person
    ));
}

fn clear_pending() {
    gloo_storage::LocalStorage::delete(PENDING);
    set_cookie(&crate::api::auth::sign_out::clearing_pending_cookie());
}

/// `document.cookie = value` (through Reflect: no extra web-sys binding for one setter).
fn set_cookie(value: &str) {
    let _ = js_sys::Reflect::set(
        &document(),
        &leptos::wasm_bindgen::JsValue::from_str("cookie"),
        &leptos::wasm_bindgen::JsValue::from_str(value),
    );
}

/// Ends the session. Only once Pathway has confirmed: with `wipe`, this person's keys and
/// drafts leave the device, and the sign-in page says "You have signed out". When Pathway
/// cannot be reached, the device is marked "sign-out pending" instead and the page shows
/// that (the offline app's pending screen), never the person's work.
pub async fn sign_out(person: &str, wipe: bool) {
    match crate::ui::dom::fetch::call("/api/auth/sign_out").await {
        Ok(_) => finish(person, wipe),
        Err(_) => {
            mark_pending(person, wipe);
            drafts::close();
            vault::lock();
            let _ = window().location().set_href("/sign-out?pending=1");
        }
    }
}

/// The offline app's "sign out and keep them": nothing leaves the device; the sign-out waits
/// for Pathway and the drafts are locked again.
pub fn keep_and_wait(person: &str) {
    mark_pending(person, false);
    drafts::close();
    vault::lock();
}

/// The server ended the session: what may go leaves the device.
fn finish(person: &str, wipe: bool) {
    if wipe {
        vault::wipe(person);
    }
    drafts::close();
    vault::lock();
    clear_pending();
    let _ = window().location().set_href("/sign-in?signed_out=1");
}

/// Sends a pending sign-out (at start-up, and whenever the network returns). `Ok` when there
/// was none or it went through (the page then leaves for the sign-in page).
pub async fn send_pending() -> Result<(), ()> {
    let Some(record) = pending() else {
        return Ok(());
    };
    if !window().navigator().on_line() {
        return Err(());
    }
    match crate::ui::dom::fetch::call("/api/auth/sign_out").await {
        Ok(_) => {
            finish(&record.person, record.wipe);
            Ok(())
        }
        Err(_) => Err(()),
    }
}

/// On every hydrated page: while a sign-out is pending, the page shows nobody's work (the
/// main content is hidden behind a notice) and the sign-out is sent first, now and when the
/// network returns. Only the check is in every page's code; the sending is a chunk of its own.
pub fn gate() {
    // only whether the record is there: reading it (JSON) is left to the chunk
    let recorded = gloo_storage::LocalStorage::raw().get_item(PENDING);
    if !matches!(recorded, Ok(Some(_))) {
        return;
    }
    for id in ["main-content", "role-navigation"] {
        if let Some(element) = document().get_element_by_id(id) {
            let _ = element.set_attribute("hidden", "");
        }
    }
    if let Some(notice) = document().get_element_by_id("sign-out-pending") {
        let _ = notice.remove_attribute("hidden");
    }
    leptos::task::spawn_local(send_until_signed_out());
}

#[lazy]
async fn send_until_signed_out() {
    let _ = send_pending().await;
    // for the life of the page: the gate stays until the sign-out has gone through
    std::mem::forget(window_event_listener(leptos::ev::online, |_| {
        leptos::task::spawn_local(async {
            let _ = send_pending().await;
        });
    }));
}

/// The header's Sign out button, hydrated: signs out at once when nothing is only on this
/// device; otherwise opens the warning page.
pub fn intercept(ev: leptos::ev::SubmitEvent, person: String) {
    ev.prevent_default();
    leptos::task::spawn_local(sign_out_or_warn(person));
}

/// The check and the sign-out, in a chunk of their own (`cargo leptos build --split`): every
/// signed-in page has the button, few pages are signed out from.
#[lazy]
async fn sign_out_or_warn(person: String) {
    let left = sync_and_check(&person).await;
    if left.is_empty() {
        sign_out(&person, true).await;
    } else {
        let _ = window().location().set_href("/sign-out");
    }
}
