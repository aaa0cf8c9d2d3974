//! The offline app: what the service worker's cached shell (`/offline`) shows when a page
//! cannot be fetched (issue 7). It is mounted, not hydrated (the shell has no server-rendered
//! page), into `#offline-root`. It asks for the password of the person who last used the
//! device to unlock their drafts, lists them, lets them write (a reflective statement, or any
//! draft already on the device), keeps every word encrypted as they type, queues complete
//! items for sync and sends them when the network returns.

use super::drafts::{self, Draft};
use super::{runner, vault};
use crate::sync_ui::SyncUi;
// the status line and the kit are leaves of `ui` (they import nothing else there): the
// offline app draws what the pages draw
use crate::ui::components::sync_status::SyncStatus;
use crate::ui::govuk::{error_for, group_class, DateInput, ErrorMessage, TextInput};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use pathway_core::portfolio::{validate, EvidenceForm, FieldError};
use pathway_core::sync::status::SIGN_OUT_PENDING;
use std::time::Duration;

/// Starts the offline app: its code is a chunk of its own (`cargo leptos build --split`),
/// loaded only by the service worker's offline shell, never by a page.
pub fn start() {
    wasm_bindgen_futures::spawn_local(mount());
}

/// Mounts the offline app into the shell's `#offline-root` (the whole body if it is missing).
#[lazy]
fn mount() {
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
    /// This device is not set up to open the person's drafts without a connection (issue 17
    /// item 7): they stay sealed on it and open once Pathway can be reached.
    NotSetUp,
    Open,
    /// The worker chose to sign out while something of theirs may be only on this device,
    /// and Pathway cannot be reached (the shell is showing `/sign-out`): the choice, not the
    /// unlock screen (issue 20).
    SignOutChoice,
    /// A sign-out waits for Pathway: nobody's work is shown; it is sent when back online.
    SignOutPending,
}

/// Today in the device's own calendar (the server is out of reach).
/// Resolves after `ms` milliseconds, by the browser's timer.
async fn wait(ms: i32) {
    if ms == 0 {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn today() -> NaiveDate {
    runner::device_today()
}

/// What the shell opens with: a pending sign-out first, then the sign-out choice when that
/// is the address the shell stands in for, then the last person's locked drafts.
fn first_phase(person: Option<&str>) -> Phase {
    if super::sign_out::pending().is_some() {
        return Phase::SignOutPending;
    }
    let path = window().location().pathname().unwrap_or_default();
    match person {
        Some(_) if path == "/sign-out" => Phase::SignOutChoice,
        Some(person) if vault::offline_ready(person) => Phase::Locked(None),
        Some(_) => Phase::NotSetUp,
        None => Phase::Nobody,
    }
}

#[component]
pub fn OfflineApp() -> impl IntoView {
    let person = vault::current_person();
    let phase = RwSignal::new(first_phase(person.as_deref()));
    let online = RwSignal::new(window().navigator().on_line());
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
        // a held draft listed in the status opens here (the shell has no other pages)
        ui.open.set(Some(Callback::new(move |id: String| {
            let found = drafts::load_draft(&person.get_value(), &id);
            if let Some(draft) = found {
                editing.set(Some(draft));
            }
        })));
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
        let on_online = window_event_listener(leptos::ev::online, move |_| {
            online.set(true);
            match phase.get_untracked() {
                // the sign-out goes first; it leaves for the sign-in page once it has
                Phase::SignOutPending => leptos::task::spawn_local(async {
                    let _ = super::sign_out::send_pending().await;
                }),
                Phase::Open => {
                    if let Some(sync) = ui.sync.get_untracked() {
                        sync.run(());
                    }
                }
                // back online: the server's key opens the drafts without the password
                Phase::Locked(_) | Phase::NotSetUp => {
                    let who = person.get_value();
                    leptos::task::spawn_local(async move {
                        // a device can say "online" a moment before its requests go through:
                        // tried again, with growing pauses, while the drafts are still shut
                        for pause in [0, 1_000, 2_000, 4_000, 8_000] {
                            wait(pause).await;
                            if !matches!(phase.get_untracked(), Phase::Locked(_) | Phase::NotSetUp)
                            {
                                return;
                            }
                            if runner::unlock(&who).await.is_ok() {
                                opened();
                                return;
                            }
                        }
                    });
                }
                _ => {}
            }
        });
        let on_offline = window_event_listener(leptos::ev::offline, move |_| {
            online.set(false);
            if phase.get_untracked() == Phase::Open {
                runner::show(ui, &person.get_value());
            }
        });
        on_cleanup(move || {
            on_online.remove();
            on_offline.remove();
        });
        let who = person.get_value();
        match phase.get_untracked() {
            Phase::SignOutPending => {
                leptos::task::spawn_local(async {
                    let _ = super::sign_out::send_pending().await;
                });
                return;
            }
            Phase::SignOutChoice => return,
            _ if who.is_empty() => return,
            _ => {}
        }
        leptos::task::spawn_local(async move {
            if window().navigator().on_line() && runner::unlock(&who).await.is_ok() {
                opened();
            }
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
    let keep_and_wait = move |_| {
        super::sign_out::keep_and_wait(&person.get_value());
        phase.set(Phase::SignOutPending);
    };
    view! {
        // follows the network: a worker back online is not told Pathway is offline
        <span class="govuk-caption-l" id="offline-caption">
            {move || if online.get() { "Pathway is back online" } else { "Pathway is offline" }}
        </span>
        {move || match phase.get() {
            Phase::Nobody if online.get() => view! {
                <h1 class="govuk-heading-xl">"You are back online"</h1>
                <p class="govuk-body" id="offline-nobody">
                    <a class="govuk-link" href="/">"Go to Pathway"</a>
                </p>
            }.into_any(),
            Phase::Nobody => view! {
                <h1 class="govuk-heading-xl">"You are offline"</h1>
                <p class="govuk-body" id="offline-nobody">
                    "Pathway cannot be reached from this device just now. There are no drafts on this device to open: sign in to Pathway once while online to draft offline."
                </p>
            }.into_any(),
            Phase::SignOutPending => view! {
                <h1 class="govuk-heading-xl">"Signing out"</h1>
                <p class="govuk-body" id="sign-out-pending-offline">{SIGN_OUT_PENDING}</p>
            }.into_any(),
            Phase::SignOutChoice => view! {
                <h1 class="govuk-heading-xl">"Sign out"</h1>
                <div class="govuk-warning-text" id="unsynced-warning">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        "Some of your work may be only on this device. It has not reached Pathway."
                    </strong>
                </div>
                <p class="govuk-body" id="sign-out-offline">
                    "Pathway cannot be reached from this device just now, so your work cannot be sent, and signing out needs Pathway too. If you sign out, your work stays on this device, locked: only your password opens it. You will be signed out as soon as the device is back online."
                </p>
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--warning" id="sign-out-keep"
                        on:click=keep_and_wait>"Sign out and keep them on this device"</button>
                    <button type="button" class="govuk-button govuk-button--secondary" id="back-to-drafts"
                        on:click=move |_| phase.set(Phase::Locked(None))>"Go back to your drafts"</button>
                </div>
            }.into_any(),
            Phase::Locked(error) => view! {
                <UnlockForm error on_submit=unlock/>
            }.into_any(),
            Phase::NotSetUp => view! {
                <h1 class="govuk-heading-xl">"Your drafts are safe on this device"</h1>
                <p class="govuk-body" id="offline-not-set-up">{vault::UnlockError::NotSetUp.message()}</p>
            }.into_any(),
            Phase::Open => view! {
                <h1 class="govuk-heading-xl">"Your drafts on this device"</h1>
                <SyncStatus/>
                {crate::ui::components::sync_status_script::paint(ui)}
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
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let error_for = move |field: &'static str| error_for(problems.into(), field);
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
        // complete items wait to sync; incomplete ones stay drafts (the server would refuse),
        // and what is wrong with what was typed is said next to its field (issue 20: a
        // 40,000-character statement showed no limit message)
        match validate(&draft.form, today()) {
            Ok(_) => {
                problems.set(Vec::new());
                runner::queue_save(ui, &draft.form, base_version);
            }
            Err(errors) => {
                let typed = |field: &str| match field {
                    "title" | "body" => true,
                    "date" => !draft.form.date.trim().is_empty(),
                    _ => false,
                };
                problems.set(errors.into_iter().filter(|e| typed(&e.field)).collect());
                runner::show(ui, &draft.form.person_id);
            }
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
            <TextInput id="title" name="form[title]" label="Title" hint="Optional." value=form.title.clone()
                error=error_for("title")/>
            <DateInput id="date" name="form[date]" legend="Date written" value=form.date.clone()
                error=error_for("date")/>
            <div class=group_class(error_for("body").into())>
                <label class="govuk-label" for="body">"Your text"</label>
                <div class="govuk-hint" id="body-hint">"Kept on this device, locked, as you type. It is sent to Pathway when you are back online and the date is filled in."</div>
                <ErrorMessage id="body" error=error_for("body")/>
                <textarea class="govuk-textarea" id="body" name="form[body]" rows="12" aria-describedby="body-hint">{form.body.clone()}</textarea>
            </div>
            <button type="submit" class="govuk-button">"Done"</button>
        </form>
    }
}
