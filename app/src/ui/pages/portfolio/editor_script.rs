//! The evidence editor in the browser (feature `hydrate`, issue 13). The server draws the
//! form; this works on that markup, so the page's code holds no view code for the form: the
//! word count (GOV.UK character count, word mode) and the identifying-text warning as the
//! worker types, the same validation the server runs before sending (errors drawn the GOV.UK
//! way: the summary, and the message beside each field), the save sent without leaving the
//! page so nothing typed is lost whatever the answer, and, on the worker's own portfolio,
//! drafts kept as they type and a save that cannot reach Pathway queued (`offline`).

use super::editor::body_message;
use crate::error::AppError;
use crate::offline::editor::{self, Work};
use crate::sync_ui::SyncUi;
use crate::ui::dom::{append, by_id, disable_all, element, errors, fetch, set_class};
use chrono::NaiveDate;
use leptos::ev::{Event, SubmitEvent};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use pathway_core::domain::EvidenceKind;
use pathway_core::portfolio::identifying::find_identifying;
use pathway_core::portfolio::kinds::spec;
use pathway_core::portfolio::{validate, EvidenceForm, FieldError};
use web_sys::{Element, HtmlFormElement};

/// What the editor's handlers share.
#[derive(Clone, Copy)]
pub struct Script {
    ui: SyncUi,
    offline: bool,
    /// The text as typed; the offline module puts a restored draft back through it too.
    body: RwSignal<String>,
    /// Set once the form has been read after hydration: before that the server's count stands.
    ready: StoredValue<bool>,
    /// The warnings shown, so the box is drawn again only when they change.
    warned: StoredValue<Vec<&'static str>>,
    /// The form as it was last sent (queued here if Pathway cannot be reached).
    sent: StoredValue<Option<EvidenceForm>>,
    /// The form as the server drew it, and the island's owner: what wiring drafts needs.
    initial: StoredValue<Option<(EvidenceForm, Owner)>>,
    /// Whether drafts and sync are wired (`offline::editor`: loaded when they have work).
    attached: StoredValue<bool>,
}

impl Script {
    pub fn new(ui: SyncUi, offline: bool) -> Self {
        let script = Self {
            ui,
            offline,
            body: RwSignal::new(String::new()),
            ready: StoredValue::new(false),
            warned: StoredValue::new(Vec::new()),
            sent: StoredValue::new(None),
            initial: StoredValue::new(None),
            attached: StoredValue::new(false),
        };
        Effect::new(move |_| script.start());
        Effect::new(move |_| {
            let text = script.body.get();
            if script.ready.get_value() {
                script.show_count(&text);
                script.show_warning(&text);
            }
        });
        script
    }

    /// After hydration: reads the text (the browser may have put back what was typed before
    /// a reload) and wires drafts and sync on the worker's own portfolio.
    fn start(self) {
        let text = textarea_value();
        self.ready.set_value(true);
        self.body.set(text);
        if !self.offline {
            return;
        }
        let Some(form) = crate::offline::current_form() else {
            return;
        };
        let person = form.person_id.clone();
        self.initial
            .set_value(Some((form, Owner::current().unwrap_or_default())));
        if editor::has_records(&person) {
            // a draft to put back, a change to send: wired at once
            leptos::task::spawn_local(self.attach());
            return;
        }
        editor::nothing_kept(self.ui);
        // until wired, the status follows the network by itself
        for event in ["online", "offline"] {
            let handle = window_event_listener_untyped(event, move |_| {
                if !self.attached.get_value() {
                    editor::nothing_kept(self.ui);
                }
            });
            on_cleanup(move || handle.remove());
        }
        leptos::task::spawn_local(editor::unlock_vault(person));
    }

    /// Wires drafts and sync, once (loading their code the first time).
    async fn attach(self) {
        if self.attached.get_value() {
            return;
        }
        self.attached.set_value(true);
        let Some((form, owner)) = self.initial.get_value() else {
            return;
        };
        editor::drafting(Work::Attach {
            owner,
            ui: self.ui,
            server_form: form,
            body: self.body,
            today: today(),
        })
        .await;
    }

    /// Every keystroke or change in the form.
    pub fn typed(self, ev: Event) {
        let is_body = ev
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .is_some_and(|element| element.id() == "body");
        if is_body {
            self.body.set(textarea_value());
        }
        if let Some(typed) = self.ui.typed.get_untracked() {
            typed.run(());
        } else if self.offline && !self.attached.get_value() {
            // the first keystroke: wire drafts, then keep what has been typed so far
            leptos::task::spawn_local(async move {
                self.attach().await;
                if let Some(typed) = self.ui.typed.get_untracked() {
                    typed.run(());
                }
            });
        }
    }

    /// Save as draft or final: checked here with the shared rules, then sent without leaving
    /// the page. When the form cannot be read the plain post goes ahead.
    pub fn submit(self, ev: SubmitEvent) {
        let Some(data) = submitted(&ev) else {
            return;
        };
        ev.prevent_default();
        if let Err(found) = validate(&data, today()) {
            show_errors(&found);
            return;
        }
        show_errors(&[]);
        leptos::task::spawn_local(async move {
            let mut data = data;
            if self.offline {
                self.attach().await;
                match editor::drafting(Work::BeforeSend {
                    ui: self.ui,
                    form: data,
                })
                .await
                {
                    Some(ready) => data = ready,
                    // kept on this device: Pathway cannot be reached
                    None => return,
                }
            }
            self.send(data).await;
        });
    }

    /// Sends the form to `portfolio/save_evidence` as its plain post would, asking for the
    /// answer as data (the browser's fetch: no server-function client in the page's code).
    async fn send(self, form: EvidenceForm) {
        self.sent.set_value(Some(form.clone()));
        let Some(body) = fetch::body_of(&form.to_fields()) else {
            return;
        };
        busy(true);
        let answer = fetch::post("/api/portfolio/save_evidence", &body).await;
        busy(false);
        match answer {
            Some(Ok(saved)) => {
                let id = fetch::text_of(&saved, "id");
                if self.attached.get_value() {
                    editor::drafting(Work::Saved {
                        person: fetch::text_of(&saved, "person_id"),
                        id: id.clone(),
                    })
                    .await;
                }
                // a full page load: the evidence page is server-rendered
                let _ = window()
                    .location()
                    .set_href(&format!("/portfolio/evidence?id={id}&saved=1"));
            }
            None if self.offline => {
                if let Some(form) = self.sent.get_value() {
                    editor::drafting(Work::KeepHere { ui: self.ui, form }).await;
                }
            }
            None => {
                show_errors(&AppError::Network(fetch::UNREACHABLE.to_owned()).field_errors("title"))
            }
            Some(Err(refused)) => show_errors(&fetch::refusal(&refused).field_errors("title")),
        }
    }

    /// The count under a reflective statement, its live region and the form group's error
    /// state (over the maximum, or a message from the last check).
    fn show_count(self, text: &str) {
        let Some(form) = form_element() else { return };
        if form.get_attribute("data-statement").as_deref() != Some("true") {
            return;
        }
        let number = |name: &str| {
            form.get_attribute(name)
                .and_then(|value| value.parse::<u32>().ok())
                .unwrap_or_default()
        };
        let message = body_message(
            &spec(EvidenceKind::ReflectiveStatement),
            text,
            number("data-min-words"),
            number("data-max-words"),
        );
        if let Some(info) = by_id("body-info") {
            info.set_text_content(Some(&message.text));
            info.set_class_name(if message.over {
                "govuk-error-message govuk-character-count__message"
            } else {
                "govuk-hint govuk-character-count__message"
            });
        }
        if let Some(status) = by_id("body-sr") {
            status.set_text_content(Some(&message.text));
        }
        if let Some(minimum) = by_id("body-minimum") {
            minimum.set_text_content(Some(&message.under_minimum.unwrap_or_default()));
        }
        if let Some(group) = by_id("body-group") {
            let in_error = message.over || by_id("body-error").is_some();
            set_class(&group, "govuk-form-group--error", in_error);
        }
    }

    /// The reminder to anonymise (never blocks saving), drawn again only when it changes.
    fn show_warning(self, text: &str) {
        let found: Vec<&'static str> = find_identifying(text)
            .into_iter()
            .map(|kind| kind.message())
            .collect();
        if self.warned.with_value(|shown| *shown == found) {
            return;
        }
        let Some(root) = by_id("identifying-root") else {
            return;
        };
        root.set_inner_html("");
        if !found.is_empty() {
            let warning = element("div", "govuk-warning-text", None);
            warning.set_id("identifying-warning");
            let icon = element("span", "govuk-warning-text__icon", Some("!"));
            let _ = icon.set_attribute("aria-hidden", "true");
            let body = element("div", "govuk-warning-text__text", None);
            append(
                &body,
                &element("span", "govuk-visually-hidden", Some("Warning")),
            );
            let _ = body.append_with_str_1(
                "Check this text does not identify a child or family. You can still save it.",
            );
            let list = element("ul", "govuk-list govuk-list--bullet", None);
            for message in &found {
                append(&list, &element("li", "", Some(message)));
            }
            append(&body, &list);
            append(&warning, &icon);
            append(&warning, &body);
            append(&root, &warning);
        }
        self.warned.set_value(found);
    }
}

/// The date the server checks against ("today" in the United Kingdom when the page was drawn).
fn today() -> NaiveDate {
    form_element()
        .and_then(|form| form.get_attribute("data-today"))
        // the form's own date reader: no chrono parsing machinery in the page
        .and_then(|value| pathway_core::date_input::parse_date_value(&value).ok())
        .unwrap_or_else(crate::offline::runner::device_today)
}

fn form_element() -> Option<HtmlFormElement> {
    document()
        .get_element_by_id("evidence-form")?
        .dyn_into::<HtmlFormElement>()
        .ok()
}

fn textarea_value() -> String {
    by_id("body")
        .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|area| area.value())
        .unwrap_or_default()
}

/// The form as this submit would post it, with the pressed button's status.
fn submitted(ev: &SubmitEvent) -> Option<EvidenceForm> {
    let mut fields = fetch::form_fields(&form_element()?);
    if let Some(button) = ev.submitter() {
        if let (Some(name), Some(value)) =
            (button.get_attribute("name"), button.get_attribute("value"))
        {
            fields.push((name, value));
        }
    }
    Some(EvidenceForm::from_fields(
        fields.iter().map(|(n, v)| (n.as_str(), v.as_str())),
    ))
}

/// One press at a time: the buttons are disabled while a save is on its way.
fn busy(on: bool) {
    let Some(form) = form_element() else { return };
    disable_all(&form, "button[type=submit]", on);
}

/// The problems drawn on the form (none: every error taken away). The count's own error
/// state (over the maximum) stands apart from them.
fn show_errors(found: &[FieldError]) {
    let Some(form) = form_element() else { return };
    errors::show(&form, "editor-errors", found);
    if let Some(group) = by_id("body-group") {
        let over = by_id("body-info")
            .is_some_and(|info| info.class_name().contains("govuk-error-message"));
        let in_error = over || by_id("body-error").is_some();
        set_class(&group, "govuk-form-group--error", in_error);
    }
}
