//! Signing out on a shared tablet (issue 7): first send what is only on this device; if
//! everything reached Pathway, this person's drafts, outbox and keys leave the device and the
//! session ends; otherwise the worker is warned (`/sign-out`) and chooses. Nothing that exists
//! only here is deleted by signing out.

use super::{drafts, runner, vault};
use crate::sync::LeftHere;
use crate::ui::components::sync_status::SyncUi;
use gloo_storage::Storage;
use leptos::prelude::*;

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

/// Ends the session. With `wipe`, this person's keys and drafts leave the device first.
pub async fn sign_out(person: &str, wipe: bool) {
    if wipe {
        vault::wipe(person);
    }
    drafts::close();
    let _ = crate::api::auth::sign_out::sign_out().await;
    let _ = window().location().set_href("/sign-in?signed_out=1");
}

/// The header's Sign out button, hydrated: signs out at once when nothing is only on this
/// device; otherwise opens the warning page.
pub fn intercept(ev: leptos::ev::SubmitEvent, person: String) {
    ev.prevent_default();
    leptos::task::spawn_local(async move {
        let left = sync_and_check(&person).await;
        if left.is_empty() {
            sign_out(&person, true).await;
        } else {
            let _ = window().location().set_href("/sign-out");
        }
    });
}
