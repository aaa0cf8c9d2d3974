//! The evidence editor. With JavaScript off it is a plain form posting to
//! `portfolio/save_evidence`; a failed save comes back with the error summary and what was
//! typed (kept on the server). Hydrated, the browser runs the same validation before
//! sending, keeps everything typed on any failure, counts words as the worker types
//! (GOV.UK character count, word mode) and warns about identifying details: all of it in
//! `editor_script`, on the markup drawn here.

use super::pathway::AddEvidence;
use super::IdentifyingWarning;
use crate::api::portfolio::editor::load_editor;
use crate::ui::components::sync_status::SyncStatus;
use crate::ui::govuk::{
    error_for, group_class, posted_errors, DateInput, ErrorMessage, ErrorSummary, Loaded, TextInput,
};
use crate::ui::session::RequireUser;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::domain::{count_words, EvidenceKind};
use pathway_core::portfolio::form::{body_too_long, within_body_limit};
use pathway_core::portfolio::kinds::{kind_from_code, spec, FieldSpec, Input, KindSpec};
use pathway_core::portfolio::views::EditorState;
use pathway_core::portfolio::words::{word_count_message, WordCountMessage};
use pathway_core::portfolio::{validate, FieldError};

#[component]
pub fn EvidenceEditor() -> impl IntoView {
    let query = use_query_map();
    let posted = StoredValue::new(posted_errors("title"));
    let state = Resource::new_blocking(
        move || {
            query.with(|q| {
                (
                    q.get("id"),
                    q.get("kind"),
                    q.get("person"),
                    q.get("__err").is_some(),
                )
            })
        },
        |(id, kind, person, restore)| load_editor(id, kind, person, Some(restore)),
    );
    view! {
        <Title text="Add or change evidence"/>
        <RequireUser>
            <Loaded resource=state view=move |state: EditorState| {
                if kind_from_code(&state.form.kind).is_some() {
                    view! { <Editor state posted=posted.get_value()/> }.into_any()
                } else {
                    view! {
                        <h1 class="govuk-heading-xl">"Add evidence"</h1>
                        <AddEvidence person=state.form.person_id/>
                    }.into_any()
                }
            }/>
        </RequireUser>
    }
}

/// The form, drawn by the server (no view code for it in the browser). What acts in the
/// browser (the word count, the identifying-text warning, the same validation before
/// sending, drafts kept as the worker types) is `EditorScript`, an island around the form
/// that works on this markup (`editor_script`), with the sync status it draws.
#[component]
fn Editor(state: EditorState, posted: Vec<FieldError>) -> impl IntoView {
    let today = state.today.parse::<NaiveDate>().unwrap_or_default();
    let form = state.form.clone();
    let kind = kind_from_code(&form.kind).unwrap_or(EvidenceKind::ReflectiveStatement);
    let spec = spec(kind);
    // After a failed no-JavaScript save, the same validation on the restored form gives the
    // field-by-field errors (identical on the server and in the browser).
    let initial = match validate(&form, today) {
        Err(found) if state.restored && !posted.is_empty() => found,
        _ => posted,
    };
    let errors = Signal::stored(initial);
    // Offline drafting (issue 6) is for the worker's own portfolio: drafts kept on the
    // device as they type, a save that cannot reach Pathway queued for sync.
    let offline = state.is_self;
    let error_for = move |field: &'static str| error_for(errors, field);
    let verb = if state.is_new { "Add" } else { "Change" };
    let heading = format!("{verb} {}", lowercase_label(kind));
    let caption = if state.is_self {
        "Your portfolio".to_owned()
    } else {
        format!("{}’s portfolio", state.person_name)
    };
    let fields = spec
        .fields
        .iter()
        .map(|field| {
            field_view(
                field,
                form.detail(field.name).to_owned(),
                error_for(field.name),
                &state.courses,
            )
        })
        .collect_view();
    view! {
        <a class="govuk-back-link" href=format!("/portfolio?person={}", form.person_id)>"Back to the pathway"</a>
        <div id="editor-errors"><ErrorSummary errors/></div>
        {state.restored.then(|| view! {
            <div class="govuk-inset-text" id="restored">"This is what you typed before. Nothing has been saved yet."</div>
        })}
        <span class="govuk-caption-l">{caption}</span>
        <h1 class="govuk-heading-xl">{heading}</h1>
        {offline.then(|| view! { <SyncStatus/> })}
        <EditorScript>
            // what the browser's checks need to know, read from here (no island props to decode)
            <form method="post" action="/api/portfolio/save_evidence" novalidate=true id="evidence-form"
                data-today=state.today.clone() data-min-words=state.min_words.to_string()
                data-max-words=state.max_words.to_string() data-offline=offline.to_string()
                data-statement=(kind == EvidenceKind::ReflectiveStatement).to_string()>
                <input type="hidden" name="form[id]" value=form.id.clone()/>
                <input type="hidden" name="form[person_id]" value=form.person_id.clone()/>
                <input type="hidden" name="form[kind]" value=form.kind.clone()/>
                <input type="hidden" name="form[version]" value=form.version.clone()/>
                <TextInput id="title" label="Title" hint=format!("Optional. If you leave it empty, the title is “{}”.", kind.label())
                    value=form.title.clone() name="form[title]" error=error_for("title")/>
                <DateInput id="date" legend=spec.date_label value=form.date.clone() name="form[date]" error=error_for("date")/>
                {fields}
                <BodyField spec state=state.clone() error=error_for("body")/>
                <div class="govuk-form-group">
                    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" id="previous_employer" name="form[previous_employer]"
                                type="checkbox" value="yes" checked=form.previous_employer == "yes"/>
                            <label class="govuk-label govuk-checkboxes__label" for="previous_employer">
                                "This evidence comes from a previous employer"
                            </label>
                        </div>
                    </div>
                </div>
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" name="form[status]" value="draft"
                        data-module="govuk-button">"Save as draft"</button>
                    <button type="submit" class="govuk-button govuk-button--secondary" name="form[status]" value="final"
                        data-module="govuk-button">"Save as final"</button>
                </div>
                <p class="govuk-body-s">"Only final evidence counts towards your readiness. You can change it later."</p>
            </form>
        </EditorScript>
    }
}

/// The editor in the browser: the form (`children`, server-rendered). Everything it does is
/// in `editor_script`; on the worker's own portfolio it also fills in the sync status drawn
/// above it.
#[island(lazy)]
pub fn EditorScript(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let script = {
        // the worker's own portfolio (drafts, sync): the form says so
        let offline = crate::ui::dom::by_id("evidence-form")
            .and_then(|form| form.get_attribute("data-offline"))
            .as_deref()
            == Some("true");
        let sync_ui = crate::sync_ui::SyncUi::new();
        if offline {
            crate::ui::components::sync_status_script::paint(sync_ui);
        }
        super::editor_script::Script::new(sync_ui, offline)
    };
    let on_submit = move |ev: SubmitEvent| {
        #[cfg(feature = "hydrate")]
        script.submit(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_typed = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        script.typed(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div on:submit=on_submit on:input=on_typed on:change=on_typed>{children()}</div>
    }
}

fn lowercase_label(kind: EvidenceKind) -> String {
    let label = kind.label();
    if label.starts_with("CPD")
        || label.starts_with("ASYE")
        || label.starts_with("Practice Educator")
    {
        return label.to_owned();
    }
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn field_view(
    field: &FieldSpec,
    value: String,
    error: Signal<Option<String>>,
    courses: &[(String, String)],
) -> AnyView {
    // a kind's field without a hint has none, not an empty one
    let optional = |hint: &'static str| (!hint.is_empty()).then(|| hint.to_owned());
    let form_name = format!("form[details][{}]", field.name);
    let label = if field.required {
        field.label.to_owned()
    } else {
        format!("{} (optional)", field.label)
    };
    match field.input {
        Input::Text { .. } => view! {
            <TextInput id=field.name label hint=optional(field.hint) value name=form_name error/>
        }
        .into_any(),
        Input::Number => view! {
            <TextInput id=field.name label hint=optional(field.hint) value name=form_name error
                width="govuk-input--width-5" decimal=true/>
        }
        .into_any(),
        Input::Date { .. } => view! {
            <DateInput id=field.name legend=label hint=optional(field.hint) value name=form_name error/>
        }
        .into_any(),
        Input::Course => {
            let name = field.name;
            // a code no longer on the list stays selectable, so an edit never loses it
            let mut options = courses.to_vec();
            if !value.is_empty() && !options.iter().any(|(code, _)| *code == value) {
                options.push((value.clone(), format!("{value} (no longer on the list)")));
            }
            view! {
                <div class=group_class(error.into())>
                    <label class="govuk-label" for=name>{label}</label>
                    <div class="govuk-hint" id=format!("{name}-hint")>{field.hint}</div>
                    <ErrorMessage id=name error/>
                    <select class="govuk-select" id=name name=form_name aria-describedby=format!("{name}-hint")>
                        <option value="" selected=value.is_empty()>"Not a course on the list"</option>
                        {options.into_iter().map(|(code, text)| {
                            let selected = code == value;
                            view! { <option value=code selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        Input::Choice(options) => {
            let name = field.name;
            view! {
                <div class=group_class(error.into())>
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
                        <ErrorMessage id=name error/>
                        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                            {options.iter().enumerate().map(|(i, (code, text))| {
                                // the first option carries the field's id, for the error summary link
                                let id = if i == 0 { name.to_owned() } else { format!("{name}-{code}") };
                                view! {
                                    <div class="govuk-radios__item">
                                        <input class="govuk-radios__input" id=id.clone() name=form_name.clone()
                                            type="radio" value=*code checked=value == *code/>
                                        <label class="govuk-label govuk-radios__label" for=id>{*text}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
    }
}

/// The text box. A reflective statement gets the GOV.UK character count in word mode,
/// with a polite live region so screen readers hear the count; the server draws the count
/// of the text it sends, the browser keeps it up to date (`editor_script`).
#[component]
fn BodyField(spec: KindSpec, state: EditorState, error: Signal<Option<String>>) -> impl IntoView {
    let statement = spec.kind == EvidenceKind::ReflectiveStatement;
    let message = body_message(&spec, &state.form.body, state.min_words, state.max_words);
    let label = if spec.body_required || spec.body_label.ends_with("(optional)") {
        spec.body_label.to_owned()
    } else {
        format!("{} (optional)", spec.body_label)
    };
    let hint = if statement {
        format!(
            "{} Between {} and {} words.",
            spec.body_hint,
            pathway_core::domain::format_count(state.min_words.into()),
            pathway_core::domain::format_count(state.max_words.into())
        )
    } else {
        format!(
            "{} Use initials or anonymised references only.",
            spec.body_hint
        )
        .trim()
        .to_owned()
    };
    let initial = state.form.body.clone();
    let described = match (statement, error.get_untracked().is_some()) {
        (true, true) => "body-info body-hint body-error",
        (true, false) => "body-info body-hint",
        (false, true) => "body-hint body-error",
        (false, false) => "body-hint",
    };
    let base = if statement {
        "govuk-form-group govuk-character-count"
    } else {
        "govuk-form-group"
    };
    let class = if error.get_untracked().is_some() || (statement && message.over) {
        format!("{base} govuk-form-group--error")
    } else {
        base.to_owned()
    };
    let info_class = if message.over {
        "govuk-error-message govuk-character-count__message"
    } else {
        "govuk-hint govuk-character-count__message"
    };
    let textarea_class = if error.get_untracked().is_some() {
        "govuk-textarea govuk-textarea--error"
    } else {
        "govuk-textarea"
    };
    view! {
        <div class=class id="body-group">
            <label class="govuk-label govuk-label--m" for="body">{label}</label>
            <div class="govuk-hint" id="body-hint">{hint}</div>
            <ErrorMessage id="body" error/>
            <textarea class=textarea_class id="body" name="form[body]" rows=if statement { "25" } else { "10" }
                aria-describedby=described>{initial.clone()}</textarea>
            {statement.then(|| view! {
                <div id="body-info" aria-hidden="true" class=info_class>{message.text.clone()}</div>
                <div class="govuk-character-count__status govuk-visually-hidden" aria-live="polite" id="body-sr">
                    {message.text.clone()}
                </div>
                <p class="govuk-body-s" id="body-minimum">{message.under_minimum.clone().unwrap_or_default()}</p>
            })}
        </div>
        <div id="identifying-root"><IdentifyingWarning text=Signal::stored(initial)/></div>
    }
}

/// The count shown under a reflective statement's text. Over the body limit nothing is
/// counted (the count is linear, but the limit is the limit): the message says so instead,
/// as the server will.
pub(super) fn body_message(spec: &KindSpec, text: &str, min: u32, max: u32) -> WordCountMessage {
    if within_body_limit(text) {
        word_count_message(count_words(text), min, max)
    } else {
        WordCountMessage {
            text: body_too_long(spec.body_label).message,
            over: true,
            under_minimum: None,
        }
    }
}
