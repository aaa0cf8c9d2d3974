//! Sync runner and the editor's offline behaviour: restores a draft after hydration, saves
//! the form as the worker types (debounced), queues a save that could not reach the server,
//! and pushes the outbox at start-up, on the `online` event and on demand.

use super::drafts::{self, Draft};
use crate::api::portfolio::save_evidence::SaveEvidence;
use crate::api::sync::push::sync_push;
use crate::error::AppError;
use crate::portfolio::EvidenceForm;
use crate::sync::{Change, ChangeOp, Outcome, PushResult};
use crate::ui::components::sync_status::{SyncStatusText, SyncUi};
use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;

const DEBOUNCE: Duration = Duration::from_millis(400);
const BATCH: usize = 100;
const RETRY: Duration = Duration::from_secs(10);

fn online() -> bool {
    window().navigator().on_line()
}

/// Shows the outbox's state.
fn show(ui: SyncUi, person: &str) {
    let outbox = drafts::load_outbox(person);
    ui.unsynced.set(outbox.unsynced());
    ui.attention.set(
        outbox
            .attention
            .iter()
            .map(|a| (a.form.title.clone(), a.reason.clone()))
            .collect(),
    );
    ui.conflicts.set(outbox.conflicts.len());
    let status = if !online() {
        SyncStatusText::Offline
    } else if outbox.unsynced() > 0 {
        SyncStatusText::OnlyHere(outbox.unsynced())
    } else {
        SyncStatusText::AllSaved
    };
    ui.status.set(status);
}

/// Pushes the outbox until it is empty or a push fails (then retries later).
pub async fn sync_now(ui: SyncUi, person: String) {
    if ui.running.get_untracked() {
        return;
    }
    ui.running.set(true);
    loop {
        let mut outbox = drafts::load_outbox(&person);
        let Some(request) = outbox.batch(BATCH) else {
            break;
        };
        if let Err(error) = drafts::save_outbox(&person, &outbox) {
            ui.storage_error.set(Some(error));
        }
        let sent = request.changes.clone();
        match sync_push(request).await {
            Ok(result) => {
                forget_synced_drafts(&person, &sent, &result);
                let mut outbox = drafts::load_outbox(&person);
                outbox.acknowledge(&result);
                if let Err(error) = drafts::save_outbox(&person, &outbox) {
                    ui.storage_error.set(Some(error));
                }
            }
            Err(error) => {
                ui.running.set(false);
                show(ui, &person);
                if online() {
                    ui.status.set(SyncStatusText::Failed);
                    if !matches!(error, AppError::Unauthenticated) {
                        let person = person.clone();
                        set_timeout(
                            move || leptos::task::spawn_local(sync_now(ui, person)),
                            RETRY,
                        );
                    }
                }
                return;
            }
        }
    }
    ui.running.set(false);
    show(ui, &person);
}

/// A draft whose text reached the server unchanged is no longer needed on the device.
fn forget_synced_drafts(person: &str, sent: &[Change], result: &PushResult) {
    for answer in &result.results {
        if !matches!(answer.outcome, Outcome::Applied { .. }) {
            continue;
        }
        let Some(ChangeOp::Save(form)) = sent
            .iter()
            .find(|c| c.mutation == answer.mutation)
            .map(|c| &c.op)
        else {
            continue;
        };
        if drafts::load_draft(person, &answer.id).is_some_and(|d| d.form.body == form.body) {
            drafts::remove_draft(person, &answer.id);
        }
    }
}

/// Queues a save the server could not be reached for; the draft stays until it syncs.
pub fn queue_save(ui: SyncUi, form: &EvidenceForm, base_version: i64) {
    let person = form.person_id.clone();
    let mut outbox = drafts::load_outbox(&person);
    outbox.save(form.clone(), base_version);
    if let Err(error) = drafts::save_outbox(&person, &outbox) {
        ui.storage_error.set(Some(error));
    }
    show(ui, &person);
}

/// The item reached the server through the editor: its draft is no longer needed.
pub fn saved_online(person: &str, id: &str) {
    drafts::remove_draft(person, id);
}

/// Wires the editor (`form#evidence-form`) to drafts and sync, after hydration.
pub fn attach_editor(ui: SyncUi, server_form: EvidenceForm, body: RwSignal<String>) {
    let person = server_form.person_id.clone();
    let base_version = server_form.version.parse::<i64>().unwrap_or(0);
    let demand = person.clone();
    Effect::new(move |_| {
        // restore a draft kept on this device when it differs from the server's text; a new
        // item adopts the newest unsaved draft of its kind (its id changes at every load)
        let draft = drafts::load_draft(&person, &server_form.id).or_else(|| {
            (base_version == 0)
                .then(|| drafts::unsaved_new_draft(&person, &server_form.kind))
                .flatten()
        });
        if let Some(draft) = draft {
            if draft.form != server_form {
                adopt_id(&draft.form.id);
                restore(&draft.form);
                body.set(draft.form.body.clone());
                ui.restored.set(true);
            }
        }
        if let Ok(promise) = window().navigator().storage().persist() {
            drop(promise);
        }
        show(ui, &person);
        leptos::task::spawn_local(sync_now(ui, person.clone()));
        let on_online = person.clone();
        let handle = window_event_listener(leptos::ev::online, move |_| {
            leptos::task::spawn_local(sync_now(ui, on_online.clone()));
        });
        let on_offline = person.clone();
        let handle2 = window_event_listener(leptos::ev::offline, move |_| show(ui, &on_offline));
        on_cleanup(move || {
            handle.remove();
            handle2.remove();
        });
    });
    ui.sync.set(Some(Callback::new(move |()| {
        leptos::task::spawn_local(sync_now(ui, demand.clone()));
    })));
    let timer = StoredValue::new(None::<TimeoutHandle>);
    ui.typed.set(Some(Callback::new(move |()| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(form) = current_form() {
                    let draft = Draft { form, base_version };
                    match drafts::save_draft(&draft.form.person_id, &draft) {
                        Ok(()) => ui.storage_error.set(None),
                        Err(error) => ui.storage_error.set(Some(error)),
                    }
                }
            },
            DEBOUNCE,
        )
        .ok();
        timer.set_value(handle);
    })));
}

fn form_element() -> Option<web_sys::HtmlFormElement> {
    document()
        .get_element_by_id("evidence-form")?
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()
}

/// The form as it stands, in the shape it posts.
pub fn current_form() -> Option<EvidenceForm> {
    let data = web_sys::FormData::new_with_form(&form_element()?).ok()?;
    SaveEvidence::from_form_data(&data).ok().map(|s| s.form)
}

/// Gives the form the draft's item id, so saving it updates that item, not a new one.
fn adopt_id(id: &str) {
    let input = form_element()
        .and_then(|form| form.query_selector("[name=\"form[id]\"]").ok().flatten())
        .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        input.set_value(id);
    }
}

/// Puts a draft back into the form's fields.
fn restore(form: &EvidenceForm) {
    let Some(element) = form_element() else {
        return;
    };
    let mut values = vec![
        ("form[title]".to_owned(), form.title.clone()),
        ("form[date]".to_owned(), form.date.clone()),
        ("form[body]".to_owned(), form.body.clone()),
    ];
    values.extend(
        form.details
            .iter()
            .map(|(k, v)| (format!("form[details][{k}]"), v.clone())),
    );
    for (name, value) in values {
        let Ok(list) = element.query_selector_all(&format!("[name=\"{name}\"]")) else {
            continue;
        };
        for i in 0..list.length() {
            let Some(node) = list.item(i) else { continue };
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                if input.type_() == "radio" || input.type_() == "checkbox" {
                    input.set_checked(input.value() == value);
                } else {
                    input.set_value(&value);
                }
            } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                area.set_value(&value);
            }
        }
    }
    if let Ok(Some(node)) = element.query_selector("[name=\"form[previous_employer]\"]") {
        if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_checked(form.previous_employer == "yes");
        }
    }
}
