//! The editor's offline half, loaded when it has work (issue 13). On a first visit nothing of
//! the worker's is on the device, so the page unlocks the vault (while it is online: the key
//! comes from Pathway) and loads the drafts and sync code only when there is something to
//! keep or send: the first keystroke, a save. When a draft or a waiting change is already on
//! the device, it is loaded at once (to put the draft back, to send the change).

use super::runner;
use crate::sync_ui::SyncUi;
use chrono::NaiveDate;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::status::SyncStatusText;

/// Whether anything of `person` is kept on this device besides their keys (a draft, the
/// outbox), by the records' names only: nothing is read or decrypted.
pub fn has_records(person: &str) -> bool {
    let prefix = format!("pathway:v1:{person}:");
    let keys = format!("{prefix}keys");
    let storage = LocalStorage::raw();
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .any(|name| name.starts_with(&prefix) && name != keys)
}

/// The status while nothing is kept here: everything is on Pathway (or, offline, nothing is
/// waiting).
pub fn nothing_kept(ui: SyncUi) {
    ui.unsynced.set(0);
    ui.status.set(if window().navigator().on_line() {
        SyncStatusText::AllSaved
    } else {
        SyncStatusText::Offline(0)
    });
}

/// Unlocks the vault with Pathway's key, so a draft can be kept later even offline; a
/// failure is reported when drafts are wired. Part of the editor's own chunk: as a lazy entry
/// of its own it saved no bytes and cost the page more requests.
pub async fn unlock_vault(person: String) {
    let _ = super::vault::unlock_online(&person).await;
}

/// What the editor asks of the drafts code. One entry for all of it, so the drafts store,
/// the outbox and the sync runner load as one piece when first needed (several entries
/// would cut that code into many small, less compressible chunks).
pub enum Work {
    /// Wire drafts and sync to the editor (`runner::attach_editor`) under the island's owner.
    Attach {
        owner: Owner,
        ui: SyncUi,
        server_form: EvidenceForm,
        body: RwSignal<String>,
        today: NaiveDate,
    },
    /// A save about to be sent: when Pathway cannot be reached it is kept here as one queued
    /// change and said so (issue 20), and `None` comes back; when a change to this item typed
    /// offline still waits, that is sent first and the save stands on the version it made.
    BeforeSend { ui: SyncUi, form: EvidenceForm },
    /// A save that did not reach Pathway: kept here and queued.
    KeepHere { ui: SyncUi, form: EvidenceForm },
    /// The item reached Pathway through the editor: its draft is no longer needed here.
    Saved { person: String, id: String },
}

#[lazy]
pub async fn drafting(work: Work) -> Option<EvidenceForm> {
    let base = |form: &EvidenceForm| form.version.parse::<i64>().unwrap_or(0);
    match work {
        Work::Attach {
            owner,
            ui,
            server_form,
            body,
            today,
        } => owner.with(|| runner::attach_editor(ui, server_form, body, today)),
        Work::BeforeSend { ui, mut form } => {
            if runner::cannot_reach(ui) {
                runner::save_here(ui, &form, base(&form));
                return None;
            }
            if runner::has_pending(&form.person_id, &form.id) {
                runner::sync_now(ui, form.person_id.clone()).await;
                if let Some(now) = runner::current_form() {
                    form.version = now.version;
                }
            }
            return Some(form);
        }
        Work::KeepHere { ui, form } => runner::save_here(ui, &form, base(&form)),
        Work::Saved { person, id } => runner::saved_online(&person, &id),
    }
    None
}
