//! The offline app: what the service worker's cached shell (`/offline`) shows when a page
//! cannot be fetched (issue 7). It is mounted, not hydrated (the shell has no server-rendered
//! page), into `#offline-root`. It asks for the password of the person who last used the
//! device to unlock their drafts, lists them, lets them write (a reflective statement, or any
//! draft already on the device), keeps every word encrypted as they type, queues complete
//! items for sync and sends them when the network returns.

use super::drafts::{self, Draft};
use super::{runner, vault};
use crate::portfolio::{validate, EvidenceForm};
use crate::ui::components::sync_status::{SyncStatus, SyncUi};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;

/// Mounts the offline app into the shell's `#offline-root` (the whole body if it is missing).
pub fn mount() {
    let root = document()
        .get_element_by_id("offline-root")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => leptos::mount::mount_to(root, OfflineApp).forget(),
        None => leptos::mount::mount_to_body(OfflineApp),
    }
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-offline-app", "true");
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    /// Nobody has unlocked drafts on this device.
    Nobody,
    /// Waiting for the password; the message of a failed attempt.
    Locked(Option<String>),
    Open,
}

/// Today in the device's own calendar (the server is out of reach).
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

#[component]
pub fn OfflineApp() -> impl IntoView {
    let person = vault::current_person();
    let phase = RwSignal::new(match person {
        Some(_) => Phase::Locked(None),
        None => Phase::Nobody,
    });
    let ui = SyncUi::new();
    let list = RwSignal::new(Vec::<Draft>::new());
    let editing = RwSignal::new(None::<Draft>);
    let person = StoredValue::new(person.unwrap_or_default());
    let refresh = move || list.set(drafts::all_drafts(&person.get_value()));
    let opened = move || {
        let who = person.get_value();
        drafts::report_errors_to(ui.storage_error);
        phase.set(Phase::Open);
        refresh();
        runner::show(ui, &who);
        ui.sync.set(Some(Callback::new(move |()| {
            leptos::task::spawn_local(async move {
                runner::sync_now(ui, person.get_value()).await;
                refresh();
            });
        })));
        if window().navigator().on_line() {
            if let Some(sync) = ui.sync.get_untracked() {
                sync.run(());
            }
        }
    };
    // Online (the shell can also be shown when the server was down): unlock without asking.
    Effect::new(move |_| {
        let who = person.get_value();
        if who.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            if window().navigator().on_line() && runner::unlock(&who).await.is_ok() {
                opened();
            }
        });
        let online = window_event_listener(leptos::ev::online, move |_| {
            if phase.get_untracked() == Phase::Open {
                if let Some(sync) = ui.sync.get_untracked() {
                    sync.run(());
                }
            }
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| {
            if phase.get_untracked() == Phase::Open {
                runner::show(ui, &person.get_value());
            }
        });
        on_cleanup(move || {
            online.remove();
            offline.remove();
        });
    });
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let password = document()
            .get_element_by_id("unlock-password")
            .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default();
        leptos::task::spawn_local(async move {
            let who = person.get_value();
            let result = match vault::unlock_with_password(&who, &password).await {
                Ok(()) => drafts::open(&who).await,
                Err(error) => Err(error.message().to_owned()),
            };
            match result {
                Ok(()) => opened(),
                Err(message) => phase.set(Phase::Locked(Some(message))),
            }
        });
    };
    view! {
        <span class="govuk-caption-l">"Pathway is offline"</span>
        {move || match phase.get() {
            Phase::Nobody => view! {
                <h1 class="govuk-heading-xl">"You are offline"</h1>
                <p class="govuk-body" id="offline-nobody">
                    "Pathway cannot be reached from this device just now. There are no drafts on this device to open: sign in to Pathway once while online to draft offline."
                </p>
            }.into_any(),
            Phase::Locked(error) => view! {
                <UnlockForm error on_submit=unlock/>
            }.into_any(),
            Phase::Open => view! {
                <h1 class="govuk-heading-xl">"Your drafts on this device"</h1>
                <SyncStatus ui=ui/>
                {move || match editing.get() {
                    Some(draft) => view! {
                        <OfflineEditor ui draft person=person.get_value() on_done=Callback::new(move |()| {
                            editing.set(None);
                            refresh();
                        })/>
                    }.into_any(),
                    None => view! {
                        <DraftList list on_open=Callback::new(move |draft| editing.set(Some(draft)))/>
                        <button type="button" class="govuk-button" id="new-offline-draft"
                            on:click=move |_| editing.set(Some(new_draft(&person.get_value())))>
                            "Start a new reflective statement"
                        </button>
                    }.into_any(),
                }}
            }.into_any(),
        }}
    }
}

fn new_draft(person: &str) -> Draft {
    Draft {
        form: EvidenceForm {
            id: uuid::Uuid::now_v7().to_string(),
            person_id: person.to_owned(),
            kind: "reflective_statement".into(),
            status: "draft".into(),
            ..EvidenceForm::default()
        },
        base_version: 0,
    }
}

#[component]
fn UnlockForm(
    error: Option<String>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let group = if error.is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    };
    view! {
        {error.clone().map(|message| view! {
            <div class="govuk-error-summary" role="alert" tabindex="-1" id="unlock-error">
                <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                <div class="govuk-error-summary__body">
                    <ul class="govuk-list govuk-error-summary__list">
                        <li><a href="#unlock-password">{message}</a></li>
                    </ul>
                </div>
            </div>
        })}
        <h1 class="govuk-heading-xl">"Unlock your drafts"</h1>
        <p class="govuk-body">"Pathway cannot be reached just now. Your drafts on this device are locked so that nobody else can read them."</p>
        <form id="unlock-form" novalidate=true on:submit=on_submit>
            <div class=group>
                <label class="govuk-label" for="unlock-password">"Your Pathway password"</label>
                {error.map(|message| view! {
                    <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{message}</p>
                })}
                <input class="govuk-input govuk-!-width-two-thirds" id="unlock-password" type="password"
                    autocomplete="current-password"/>
            </div>
            <button type="submit" class="govuk-button">"Unlock drafts"</button>
        </form>
    }
}

#[component]
fn DraftList(list: RwSignal<Vec<Draft>>, on_open: Callback<Draft>) -> impl IntoView {
    move || {
        let drafts = list.get();
        if drafts.is_empty() {
            return view! { <p class="govuk-body" id="no-offline-drafts">"There are no drafts on this device."</p> }.into_any();
        }
        view! {
            <ul class="govuk-list" id="offline-drafts">
                {drafts.into_iter().map(|draft| {
                    let title = if draft.form.title.trim().is_empty() { "Untitled draft".to_owned() } else { draft.form.title.clone() };
                    view! {
                        <li>
                            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                                on:click=move |_| on_open.run(draft.clone())>{format!("Open “{title}”")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    }
}

#[component]
fn OfflineEditor(ui: SyncUi, draft: Draft, person: String, on_done: Callback<()>) -> impl IntoView {
    let original = StoredValue::new(draft.clone());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let keep = move || {
        let Some(mut form) = runner::current_form() else {
            return;
        };
        // fields this editor does not show are kept as they were
        let before = original.get_value();
        form.details = before.form.details.clone();
        form.previous_employer = before.form.previous_employer.clone();
        form.status = "draft".into();
        let base_version = form.version.parse::<i64>().unwrap_or(0);
        let draft = Draft { form, base_version };
        if let Err(error) = drafts::save_draft(&draft.form.person_id, &draft) {
            ui.storage_error.set(Some(error));
            return;
        }
        // complete items wait to sync; incomplete ones stay drafts (the server would refuse)
        if validate(&draft.form, today()).is_ok() {
            runner::queue_save(ui, &draft.form, base_version);
        }
    };
    let typed = move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(keep, Duration::from_millis(400)).ok());
    };
    let form = draft.form;
    view! {
        <form id="evidence-form" novalidate=true on:input=typed on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            keep();
            on_done.run(());
        }>
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <input type="hidden" name="form[person_id]" value=person/>
            <input type="hidden" name="form[kind]" value=form.kind.clone()/>
            <input type="hidden" name="form[version]" value=draft.base_version.to_string()/>
            <div class="govuk-form-group">
                <label class="govuk-label" for="title">"Title"</label>
                <div class="govuk-hint">"Optional."</div>
                <input class="govuk-input" id="title" name="form[title]" type="text" value=form.title.clone()/>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="date">"Date written"</label>
                <input class="govuk-input govuk-input--width-10" id="date" name="form[date]" type="date" value=form.date.clone()/>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="body">"Your text"</label>
                <div class="govuk-hint">"Kept on this device, locked, as you type. It is sent to Pathway when you are back online and the date is filled in."</div>
                <textarea class="govuk-textarea" id="body" name="form[body]" rows="12">{form.body.clone()}</textarea>
            </div>
            <button type="submit" class="govuk-button">"Done"</button>
        </form>
    }
}
