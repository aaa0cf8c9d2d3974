//! Sync runner and the editor's offline behaviour: restores a draft after hydration, saves
//! the form as the worker types (debounced), queues a save that could not reach the server,
//! and pushes the outbox at start-up, on the `online` event and on demand.

use super::drafts::{self, Draft};
use crate::error::AppError;
use crate::sync_ui::SyncUi;
use crate::ui::dom::fetch;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use pathway_core::portfolio::validate;
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::status::{Held, SyncStatusText};
use pathway_core::sync::{
    Change, ChangeOp, Outcome, PullRequest, PullResult, PushRequest, PushResult,
};
use std::time::Duration;

/// `sync/push` and `sync/pull` take their one argument, `request`, as JSON.
#[derive(serde::Serialize)]
struct Request<'a, R> {
    request: &'a R,
}

async fn sync_push(request: &PushRequest) -> Result<PushResult, AppError> {
    fetch::call_json("/api/sync/push", &Request { request }).await
}

async fn sync_pull(request: &PullRequest) -> Result<PullResult, AppError> {
    fetch::call_json("/api/sync/pull", &Request { request }).await
}

const DEBOUNCE: Duration = Duration::from_millis(400);
const BATCH: usize = 100;
const RETRY: Duration = Duration::from_secs(10);

fn online() -> bool {
    window().navigator().on_line()
}

/// Today in the United Kingdom by the device's clock, as the server reckons "today" (the
/// device's own time zone may be anything): for checking a draft offline and telling the
/// worker why it is held back. The server checks again with its own clock when it arrives.
pub(crate) fn device_today() -> NaiveDate {
    pathway_core::domain::london_date(chrono::Utc::now())
}

fn title_of(form: &EvidenceForm) -> String {
    if form.title.trim().is_empty() {
        "Untitled draft".to_owned()
    } else {
        form.title.clone()
    }
}

/// Where a draft opens online: a new item's editor adopts the newest unsaved draft of its
/// kind, an existing item's opens by id.
pub(crate) fn draft_href(draft: &Draft) -> String {
    if draft.base_version == 0 {
        format!("/portfolio/edit?kind={}", draft.form.kind)
    } else {
        format!("/portfolio/edit?id={}", draft.form.id)
    }
}

/// Everything of this person only on this device that is not waiting to be sent: changes the
/// server refused (with its reason) and drafts it would refuse (too long, no date, ...) or
/// that were never saved, each with why and where to open it (issue 20).
pub(crate) fn held_back(person: &str) -> Vec<Held> {
    let outbox = drafts::load_outbox(person);
    let today = device_today();
    let mut held: Vec<Held> = outbox
        .attention
        .iter()
        .map(|a| Held {
            id: a.form.id.clone(),
            title: title_of(&a.form),
            reasons: vec![format!("Needs attention: {}", a.reason)],
            href: format!("/portfolio/edit?id={}", a.form.id),
        })
        .collect();
    for draft in drafts::all_drafts(person) {
        if outbox.has_pending(&draft.form.id) || held.iter().any(|h| h.id == draft.form.id) {
            continue;
        }
        let reasons = match validate(&draft.form, today) {
            Err(errors) => errors.into_iter().map(|e| e.message).collect(),
            Ok(_) => vec!["Not saved to Pathway yet: open it and save it".to_owned()],
        };
        held.push(Held {
            id: draft.form.id.clone(),
            title: title_of(&draft.form),
            href: draft_href(&draft),
            reasons,
        });
    }
    held
}

/// Shows the outbox's state: "All changes saved to Pathway" only when nothing of this person
/// is only on this device (waiting, refused, or held back as a draft).
pub(crate) fn show(ui: SyncUi, person: &str) {
    let outbox = drafts::load_outbox(person);
    let held = held_back(person);
    let only_here = outbox.unsynced() + held.len();
    ui.unsynced.set(only_here);
    ui.held.set(held);
    if outbox.unsynced() == 0 {
        // what the confirmation promised has happened (or was refused, and is listed)
        ui.saved_here.set(false);
    }
    let status = if !online() {
        SyncStatusText::Offline(only_here)
    } else if only_here > 0 {
        SyncStatusText::OnlyHere(only_here)
    } else {
        SyncStatusText::AllSaved
    };
    ui.status.set(status);
}

/// Pushes the outbox until it is empty or a push fails (then retries later).
pub async fn sync_now(ui: SyncUi, person: String) {
    // locked drafts (nothing decrypted yet) are never sent or overwritten
    if ui.running.get_untracked() || !drafts::is_open(&person) {
        return;
    }
    // offline a push cannot arrive; trying would only leave the change "in flight", so the
    // next save of the same item became a second change (issue 20)
    if !online() {
        show(ui, &person);
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
        match sync_push(&request).await {
            Ok(result) => {
                forget_synced_drafts(&person, &sent, &result);
                // the draft put back after a reload has now reached Pathway: "not saved to
                // Pathway until you save it" would no longer be true
                if current_form()
                    .is_some_and(|open| drafts::load_draft(&person, &open.id).is_none())
                {
                    ui.restored.set(false);
                }
                follow_new_versions(&person, &result);
                let mut outbox = drafts::load_outbox(&person);
                outbox.acknowledge(&result);
                if let Err(error) = drafts::save_outbox(&person, &outbox) {
                    ui.storage_error.set(Some(error));
                }
            }
            Err(error) => {
                ui.running.set(false);
                show(ui, &person);
                if matches!(error, AppError::Unauthenticated) {
                    // no retry: it would fail the same way until the worker signs in again,
                    // and the queue waits for them (sync resumes on the next page)
                    ui.status.set(SyncStatusText::SignedOut);
                } else if online() {
                    ui.status.set(SyncStatusText::Failed);
                    let person = person.clone();
                    set_timeout(
                        move || leptos::task::spawn_local(sync_now(ui, person)),
                        RETRY,
                    );
                }
                return;
            }
        }
    }
    pull_conflicts(ui, &person).await;
    ui.running.set(false);
    show(ui, &person);
}

/// Asks the server how many of this person's changes wait as conflict copies (the device
/// cannot know: another device's change may have made them). A failed pull changes nothing.
async fn pull_conflicts(ui: SyncUi, person: &str) {
    let before = drafts::load_outbox(person);
    let request = PullRequest {
        client_id: before.client_id,
        since: before.cursor,
    };
    let Ok(result) = sync_pull(&request).await else {
        return;
    };
    // read again: the worker may have queued a change while the pull was away
    let mut outbox = drafts::load_outbox(person);
    ui.conflicts
        .set(usize::try_from(result.conflicts).unwrap_or(0));
    // only the cursor moves: the device keeps no copy of the portfolio (yet), so the items
    // are not needed; a later pull starts from here
    outbox.cursor = Some(result.cursor);
    outbox.conflicts.clear();
    if let Err(error) = drafts::save_outbox(person, &outbox) {
        ui.storage_error.set(Some(error));
    }
}

/// A change to the item open in the editor was applied: the editor now edits that version,
/// so its next save (online or queued) is not mistaken for a stale one.
fn follow_new_versions(person: &str, result: &PushResult) {
    let Some(open) = current_form() else { return };
    for answer in &result.results {
        let Outcome::Applied { version } = answer.outcome else {
            continue;
        };
        if answer.id != open.id || version == 0 {
            continue;
        }
        set_field("form[version]", &version.to_string());
        if let Some(mut draft) = drafts::load_draft(person, &answer.id) {
            draft.base_version = version;
            // best effort: the draft's text is unchanged if this write fails
            let _ = drafts::save_draft(person, &draft);
        }
    }
}

/// Whether the editor should queue what is typed for sync rather than wait for Save: the
/// server cannot be reached (offline, or the last sync failed), so Save would fail too.
fn queue_as_typed(ui: SyncUi) -> bool {
    !online()
        || matches!(
            ui.status.get_untracked(),
            SyncStatusText::Failed | SyncStatusText::SignedOut
        )
}

/// A draft whose text reached the server unchanged (as the item, or kept whole as a conflict
/// copy for the worker to choose) is no longer needed on the device.
fn forget_synced_drafts(person: &str, sent: &[Change], result: &PushResult) {
    for answer in &result.results {
        if !matches!(
            answer.outcome,
            Outcome::Applied { .. } | Outcome::Conflict { .. }
        ) {
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

/// "Save as draft" (or final) that could not reach Pathway: queued, the draft kept, and the
/// worker told so (issue 20: offline, the save used to give no confirmation).
pub fn save_here(ui: SyncUi, form: &EvidenceForm, base_version: i64) {
    let draft = Draft {
        form: form.clone(),
        base_version,
    };
    if let Err(error) = drafts::save_draft(&form.person_id, &draft) {
        ui.storage_error.set(Some(error));
    }
    queue_save(ui, form, base_version);
    ui.saved_here.set(true);
}

/// Whether a save would not reach Pathway now (offline, or the last sync failed).
pub fn cannot_reach(ui: SyncUi) -> bool {
    queue_as_typed(ui)
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

/// Unlocks this person's drafts online (the server releases the key to a live session) and
/// reads them into memory.
pub async fn unlock(person: &str) -> Result<(), String> {
    super::vault::unlock_online(person)
        .await
        .map_err(|error| error.message().to_owned())?;
    drafts::open(person).await
}

/// Puts back a draft kept on this device when it differs from the server's text; a new item
/// adopts the newest unsaved draft of its kind (its id changes at every load). Not when the
/// worker has already started typing here (their text wins; it is kept as they type).
fn restore_draft(
    ui: SyncUi,
    person: &str,
    server_form: &EvidenceForm,
    base_version: i64,
    body: RwSignal<String>,
) {
    if current_form().is_some_and(|now| now.body != server_form.body) {
        return;
    }
    let draft = drafts::load_draft(person, &server_form.id).or_else(|| {
        (base_version == 0)
            .then(|| drafts::unsaved_new_draft(person, &server_form.kind))
            .flatten()
    });
    let Some(draft) = draft.filter(|draft| draft.form != *server_form) else {
        return;
    };
    adopt_id(&draft.form.id);
    // the draft stands on the version it was typed from: saving it over a newer server
    // text must be seen as a conflict, never silently overwrite it
    if draft.base_version > 0 {
        set_field("form[version]", &draft.base_version.to_string());
    }
    restore(&draft.form);
    body.set(draft.form.body.clone());
    ui.restored.set(true);
}

/// Whether a change to item `id` waits in this person's outbox.
pub fn has_pending(person: &str, id: &str) -> bool {
    drafts::load_outbox(person).has_pending(id)
}

/// Wires the editor (`form#evidence-form`) to drafts and sync, after hydration. `today` is
/// the server's date, for the same validation the server will apply.
pub fn attach_editor(
    ui: SyncUi,
    server_form: EvidenceForm,
    body: RwSignal<String>,
    today: NaiveDate,
) {
    let person = server_form.person_id.clone();
    let base_version = server_form.version.parse::<i64>().unwrap_or(0);
    let demand = person.clone();
    let on_demand = person.clone();
    Effect::new(move |_| {
        drafts::report_errors_to(ui.storage_error);
        if let Ok(promise) = window().navigator().storage().persist() {
            drop(promise);
        }
        let person = person.clone();
        let server_form = server_form.clone();
        leptos::task::spawn_local(async move {
            if let Err(error) = unlock(&person).await {
                ui.storage_error.set(Some(error));
                show(ui, &person);
                return;
            }
            restore_draft(ui, &person, &server_form, base_version, body);
            show(ui, &person);
            sync_now(ui, person).await;
        });
        let on_online = demand.clone();
        let handle = window_event_listener(leptos::ev::online, move |_| {
            leptos::task::spawn_local(sync_now(ui, on_online.clone()));
        });
        let on_offline = demand.clone();
        let handle2 = window_event_listener(leptos::ev::offline, move |_| show(ui, &on_offline));
        on_cleanup(move || {
            handle.remove();
            handle2.remove();
        });
    });
    ui.sync.set(Some(Callback::new(move |()| {
        leptos::task::spawn_local(sync_now(ui, on_demand.clone()));
    })));
    let timer = StoredValue::new(None::<TimeoutHandle>);
    ui.typed.set(Some(Callback::new(move |()| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(form) = current_form() {
                    // the version the editor stands on now (sync may have moved it on)
                    let base_version = form.version.parse::<i64>().unwrap_or(0);
                    let draft = Draft { form, base_version };
                    match drafts::save_draft(&draft.form.person_id, &draft) {
                        Ok(()) => ui.storage_error.set(None),
                        Err(error) => ui.storage_error.set(Some(error)),
                    }
                    // offline, a complete form becomes a change waiting to sync as it is
                    // typed; an incomplete one stays a draft (the server would refuse it)
                    if queue_as_typed(ui) {
                        if validate(&draft.form, today).is_ok() {
                            queue_save(ui, &draft.form, base_version);
                        } else {
                            // held back: the status says so, and why
                            show(ui, &draft.form.person_id);
                        }
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
    let fields = crate::ui::dom::fetch::form_fields(&form_element()?);
    Some(EvidenceForm::from_fields(
        fields.iter().map(|(n, v)| (n.as_str(), v.as_str())),
    ))
}

/// Gives the form the draft's item id, so saving it updates that item, not a new one.
fn adopt_id(id: &str) {
    set_field("form[id]", id);
}

/// Sets one of the editor's hidden inputs.
fn set_field(name: &str, value: &str) {
    let input = form_element()
        .and_then(|form| {
            form.query_selector(&format!("[name=\"{name}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        input.set_value(value);
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
    // a date is three boxes (`name[day]`…): give each its part of the one value
    let values: Vec<(String, String)> = values
        .into_iter()
        .flat_map(|(name, value)| {
            let boxed = element
                .query_selector(&format!("[name=\"{name}[day]\"]"))
                .ok()
                .flatten()
                .is_some();
            if boxed {
                let parts = pathway_core::date_input::DateParts::from_value(&value);
                vec![
                    (format!("{name}[day]"), parts.day),
                    (format!("{name}[month]"), parts.month),
                    (format!("{name}[year]"), parts.year),
                ]
            } else {
                vec![(name, value)]
            }
        })
        .collect();
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
