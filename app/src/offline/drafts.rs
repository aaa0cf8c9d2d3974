//! Browser storage: one draft per signed-in person and item, and one outbox per person.
//! Keys: `pathway:v1:<person>:draft:<item>`, `pathway:v1:<person>:outbox`. A write that fails
//! (storage full, storage blocked) is reported to the caller, never swallowed.

use crate::portfolio::EvidenceForm;
use crate::sync::outbox::Outbox;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// What was typed into one editor, and the server version it started from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub form: EvidenceForm,
    pub base_version: i64,
}

fn key(person: &str, rest: &str) -> String {
    format!("pathway:v1:{person}:{rest}")
}

pub const STORAGE_FULL: &str = "This device could not keep your latest text (its storage is full or blocked). Save to Pathway now, or copy your text somewhere safe";

pub fn load_draft(person: &str, id: &str) -> Option<Draft> {
    LocalStorage::get(key(person, &format!("draft:{id}"))).ok()
}

pub fn save_draft(person: &str, draft: &Draft) -> Result<(), String> {
    LocalStorage::set(key(person, &format!("draft:{}", draft.form.id)), draft)
        .map_err(|_| STORAGE_FULL.to_owned())
}

/// The newest never-saved draft of `kind` this person left on the device. A new item's id is
/// made when the editor opens, so after a reload (or a closed tab) the editor opens with a
/// fresh id; it adopts this draft instead, so the text typed before is not stranded.
pub fn unsaved_new_draft(person: &str, kind: &str) -> Option<Draft> {
    let storage = LocalStorage::raw();
    let prefix = key(person, "draft:");
    let length = storage.length().ok()?;
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|name| name.starts_with(&prefix))
        .filter_map(|name| LocalStorage::get::<Draft>(&name).ok())
        .filter(|draft| draft.base_version == 0 && draft.form.kind == kind)
        // UUIDv7 ids sort by creation time: the last is the newest
        .max_by(|a, b| a.form.id.cmp(&b.form.id))
}

pub fn remove_draft(person: &str, id: &str) {
    LocalStorage::delete(key(person, &format!("draft:{id}")));
}

/// The person's outbox; a new one (with a new device id) on first use.
pub fn load_outbox(person: &str) -> Outbox {
    LocalStorage::get(key(person, "outbox"))
        .unwrap_or_else(|_| Outbox::new(uuid::Uuid::now_v7().to_string()))
}

pub fn save_outbox(person: &str, outbox: &Outbox) -> Result<(), String> {
    LocalStorage::set(key(person, "outbox"), outbox).map_err(|_| STORAGE_FULL.to_owned())
}
