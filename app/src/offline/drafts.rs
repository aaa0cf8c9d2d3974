//! Browser storage for one person's drafts and outbox, encrypted at rest (issue 7): every
//! value is sealed with AES-GCM under the person's data key (`vault`), bound to its storage
//! key. Keys: `pathway:v1:<person>:draft:<item>`, `pathway:v1:<person>:outbox`.
//!
//! WebCrypto is asynchronous, but the editor and the sync runner read and change drafts in
//! one go. So once unlocked, the person's records are decrypted into memory (`open`) and read
//! from there; every change updates memory at once and is sealed and written right after. A
//! write is dropped only when a newer write (or a removal) of the same key has overtaken it.
//! A record that does not open is left untouched in storage: never overwritten, never deleted.
//! A failed write (storage full, blocked) is reported to the sink the page set, never swallowed.

use super::crypto::{self, Sealed};
use super::vault;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::outbox::Outbox;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// What was typed into one editor, and the server version it started from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub form: EvidenceForm,
    pub base_version: i64,
}

pub const STORAGE_FULL: &str = "This device could not keep your latest text (its storage is full or blocked). Save to Pathway now, or copy your text somewhere safe";
pub const LOCKED: &str = "Drafts on this device are locked, so your latest text is not kept on this device. Save to Pathway now, or reload the page while online";

struct Store {
    person: String,
    drafts: BTreeMap<String, Draft>,
    outbox: Outbox,
    /// Per storage key, the number of the latest write: an older pending write is dropped.
    writes: HashMap<String, u64>,
    /// Records that did not open (another key): left as they are.
    unreadable: usize,
}

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
    static SINK: RefCell<Option<RwSignal<Option<String>>>> = const { RefCell::new(None) };
}

fn prefix(person: &str) -> String {
    format!("pathway:v1:{person}:")
}

fn draft_key(person: &str, id: &str) -> String {
    format!("{}draft:{id}", prefix(person))
}

fn outbox_key(person: &str) -> String {
    format!("{}outbox", prefix(person))
}

/// Where failed writes are reported (the page's storage error message).
pub fn report_errors_to(sink: RwSignal<Option<String>>) {
    SINK.with(|cell| *cell.borrow_mut() = Some(sink));
}

fn report(error: Option<&str>) {
    if let Some(sink) = SINK.with(|cell| *cell.borrow()) {
        sink.set(error.map(str::to_owned));
    }
}

/// Decrypts `person`'s drafts and outbox into memory; `vault` must be unlocked for them.
/// Refuses (and changes nothing) when their outbox cannot be read: a new one would hide the
/// changes in the old.
pub async fn open(person: &str) -> Result<(), String> {
    if is_open(person) {
        return Ok(());
    }
    let key = vault::key_for(person).ok_or_else(|| LOCKED.to_owned())?;
    let storage = LocalStorage::raw();
    let names: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|name| name.starts_with(&prefix(person)))
        .collect();
    let mut drafts = BTreeMap::new();
    let mut outbox = None;
    let mut unreadable = 0;
    for name in names {
        let is_draft = name.starts_with(&draft_key(person, ""));
        if !is_draft && name != outbox_key(person) {
            continue;
        }
        let Ok(sealed) = LocalStorage::get::<Sealed>(&name) else {
            unreadable += 1;
            continue;
        };
        let plain = crypto::open(&key, &sealed, &name).await;
        match plain.ok().and_then(|bytes| String::from_utf8(bytes).ok()) {
            Some(json) if is_draft => match serde_json::from_str::<Draft>(&json) {
                Ok(draft) => {
                    drafts.insert(draft.form.id.clone(), draft);
                }
                Err(_) => unreadable += 1,
            },
            Some(json) => {
                outbox = Some(serde_json::from_str::<Outbox>(&json).map_err(|_| {
                    "The changes waiting on this device could not be read".to_owned()
                })?)
            }
            None if is_draft => unreadable += 1,
            None => {
                return Err("The changes waiting on this device could not be unlocked".to_owned())
            }
        }
    }
    let outbox = outbox.unwrap_or_else(|| Outbox::new(pathway_core::ids::ClientId::generate()));
    STORE.with(|cell| {
        *cell.borrow_mut() = Some(Store {
            person: person.to_owned(),
            drafts,
            outbox,
            writes: HashMap::new(),
            unreadable,
        })
    });
    Ok(())
}

pub fn is_open(person: &str) -> bool {
    STORE.with(|cell| cell.borrow().as_ref().is_some_and(|s| s.person == person))
}

/// Forgets everything in memory (sign-out, another person).
pub fn close() {
    STORE.with(|cell| *cell.borrow_mut() = None);
}

fn with_store<T>(person: &str, f: impl FnOnce(&mut Store) -> T) -> Option<T> {
    STORE.with(|cell| {
        cell.borrow_mut()
            .as_mut()
            .filter(|s| s.person == person)
            .map(f)
    })
}

/// Seals `value` and writes it under `name`, unless a newer write of `name` overtakes it.
fn persist<T: Serialize>(person: &str, name: String, value: &T) -> Result<(), String> {
    let key = vault::key_for(person).ok_or_else(|| LOCKED.to_owned())?;
    let json = serde_json::to_string(value).map_err(|_| STORAGE_FULL.to_owned())?;
    let number = with_store(person, |store| {
        let number = store.writes.entry(name.clone()).or_insert(0);
        *number += 1;
        *number
    })
    .ok_or_else(|| LOCKED.to_owned())?;
    let person = person.to_owned();
    leptos::task::spawn_local(async move {
        let sealed = crypto::seal(&key, json.as_bytes(), &name).await;
        let latest = with_store(&person, |store| store.writes.get(&name) == Some(&number));
        if latest != Some(true) {
            return;
        }
        match sealed.map(|sealed| LocalStorage::set(&name, sealed)) {
            Ok(Ok(())) => report(None),
            _ => report(Some(STORAGE_FULL)),
        }
    });
    Ok(())
}

pub fn load_draft(person: &str, id: &str) -> Option<Draft> {
    with_store(person, |store| store.drafts.get(id).cloned()).flatten()
}

pub fn all_drafts(person: &str) -> Vec<Draft> {
    with_store(person, |store| store.drafts.values().cloned().collect()).unwrap_or_default()
}

/// Records that are on the device but do not open with this person's key.
pub fn unreadable(person: &str) -> usize {
    with_store(person, |store| store.unreadable).unwrap_or(0)
}

pub fn save_draft(person: &str, draft: &Draft) -> Result<(), String> {
    with_store(person, |store| {
        store.drafts.insert(draft.form.id.clone(), draft.clone())
    })
    .ok_or_else(|| LOCKED.to_owned())?;
    persist(person, draft_key(person, &draft.form.id), draft)
}

/// The newest never-saved draft of `kind` this person left on the device. A new item's id is
/// made when the editor opens, so after a reload (or a closed tab) the editor opens with a
/// fresh id; it adopts this draft instead, so the text typed before is not stranded.
pub fn unsaved_new_draft(person: &str, kind: &str) -> Option<Draft> {
    all_drafts(person)
        .into_iter()
        .filter(|draft| draft.base_version == 0 && draft.form.kind == kind)
        // UUIDv7 ids sort by creation time: the last is the newest
        .max_by(|a, b| a.form.id.cmp(&b.form.id))
}

pub fn remove_draft(person: &str, id: &str) {
    let name = draft_key(person, id);
    with_store(person, |store| {
        store.drafts.remove(id);
        // a pending write of this draft must not bring it back
        *store.writes.entry(name.clone()).or_insert(0) += 1;
    });
    LocalStorage::delete(name);
}

/// The person's outbox (empty, with no device id, while locked: `save_outbox` then refuses).
pub fn load_outbox(person: &str) -> Outbox {
    with_store(person, |store| store.outbox.clone()).unwrap_or_default()
}

pub fn save_outbox(person: &str, outbox: &Outbox) -> Result<(), String> {
    with_store(person, |store| store.outbox = outbox.clone()).ok_or_else(|| LOCKED.to_owned())?;
    persist(person, outbox_key(person), outbox)
}

/// Changes and drafts of this person that exist only on this device.
pub fn only_here(person: &str) -> usize {
    with_store(person, |store| {
        store.outbox.unsynced() + store.outbox.attention.len() + store.drafts.len()
    })
    .unwrap_or(0)
}
