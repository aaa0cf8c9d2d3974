//! The evidence editor. With JavaScript off it is a plain form posting to
//! `portfolio/save_evidence`; a failed save comes back with the error summary and what was
//! typed (kept on the server). Hydrated, the browser runs the same validation before
//! sending, keeps everything typed on any failure, counts words as the worker types
//! (GOV.UK character count, word mode) and warns about identifying details.

use super::pathway::AddEvidence;
use super::IdentifyingWarning;
use crate::api::portfolio::editor::load_editor;
use crate::api::portfolio::save_evidence::SaveEvidence;
use crate::error::{ApiError, AppError};
use crate::sync_ui::SyncUi;
use crate::ui::components::sync_status::SyncStatus;
use crate::ui::govuk::{
    error_for, group_class, posted_errors, DateInput, ErrorMessage, ErrorSummary, Loaded, TextInput,
};
use crate::ui::session::RequireUser;
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::form::FromFormData;
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

/// The form: everything in it acts in the browser (validation before sending, the word
/// count, the identifying-text warning, drafts kept as the worker types), so it is one island.
#[island(lazy)]
pub fn Editor(state: EditorState, posted: Vec<FieldError>) -> impl IntoView {
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
    let errors = RwSignal::new(initial);
    let body = RwSignal::new(form.body.clone());
    let save = ServerAction::<SaveEvidence>::new();
    // Offline drafting (issue 6) is for the worker's own portfolio: drafts kept on the
    // device as they type, a save that cannot reach Pathway queued for sync.
    let sync_ui = SyncUi::new();
    let offline = state.is_self;
    let sent = StoredValue::new(None::<pathway_core::portfolio::EvidenceForm>);
    #[cfg(feature = "hydrate")]
    if offline {
        crate::offline::attach_editor(sync_ui, form.clone(), body, today);
    }
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            #[cfg(feature = "hydrate")]
            crate::offline::saved_online(&saved.person_id, &saved.id);
            // a full page load: the evidence page is server-rendered
            let _ = window()
                .location()
                .set_href(&format!("/portfolio/evidence?id={}&saved=1", saved.id));
        }
        Some(Err(ApiError(AppError::Network(_)))) if offline => {
            if let Some(form) = sent.get_value() {
                errors.set(Vec::new());
                let base = form.version.parse::<i64>().unwrap_or(0);
                #[cfg(feature = "hydrate")]
                crate::offline::save_here(sync_ui, &form, base);
                let _ = base;
            }
        }
        Some(Err(error)) => errors.set(error.field_errors("title")),
        None => {}
    });
    let on_typed = move |_| {
        if let Some(typed) = sync_ui.typed.get_untracked() {
            typed.run(());
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        // In the browser: check with the shared rules, then send without leaving the page,
        // so nothing typed is lost whatever the answer.
        let Ok(data) = SaveEvidence::from_event(&ev) else {
            return; // let the plain form post go ahead
        };
        ev.prevent_default();
        match validate(&data.form, today) {
            Err(found) => errors.set(found),
            Ok(_) => {
                errors.set(Vec::new());
                #[cfg(feature = "hydrate")]
                if offline && crate::offline::cannot_reach(sync_ui) {
                    // the save cannot reach Pathway: keep it here as one queued change (it
                    // replaces the one queued as typed) and say so (issue 20)
                    let base = data.form.version.parse::<i64>().unwrap_or(0);
                    crate::offline::save_here(sync_ui, &data.form, base);
                    return;
                }
                #[cfg(feature = "hydrate")]
                if offline && crate::offline::has_pending(&data.form.person_id, &data.form.id) {
                    // A change typed offline to this item still waits: send it first, so
                    // this save stands on the version it makes rather than conflicting.
                    leptos::task::spawn_local(async move {
                        let mut data = data;
                        crate::offline::sync_now(sync_ui, data.form.person_id.clone()).await;
                        if let Some(now) = crate::offline::current_form() {
                            data.form.version = now.version;
                        }
                        sent.set_value(Some(data.form.clone()));
                        save.dispatch(data);
                    });
                    return;
                }
                sent.set_value(Some(data.form.clone()));
                save.dispatch(data);
            }
        }
    };
    let error_for = move |field: &'static str| error_for(errors.into(), field);
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
        <ErrorSummary errors/>
        {state.restored.then(|| view! {
            <div class="govuk-inset-text" id="restored">"This is what you typed before. Nothing has been saved yet."</div>
        })}
        <span class="govuk-caption-l">{caption}</span>
        <h1 class="govuk-heading-xl">{heading}</h1>
        {offline.then(|| view! { <SyncStatus ui=sync_ui/> })}
        <form method="post" action="/api/portfolio/save_evidence" novalidate=true on:submit=on_submit
            on:input=on_typed on:change=on_typed id="evidence-form">
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <input type="hidden" name="form[person_id]" value=form.person_id.clone()/>
            <input type="hidden" name="form[kind]" value=form.kind.clone()/>
            <input type="hidden" name="form[version]" value=form.version.clone()/>
            <TextInput id="title" label="Title" hint=format!("Optional. If you leave it empty, the title is “{}”.", kind.label())
                value=form.title.clone() name="form[title]" error=error_for("title")/>
            <DateInput id="date" legend=spec.date_label value=form.date.clone() name="form[date]" error=error_for("date")/>
            {fields}
            <BodyField spec body state=state.clone() error=error_for("body")/>
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
                    data-module="govuk-button" disabled=move || save.pending().get()>"Save as draft"</button>
                <button type="submit" class="govuk-button govuk-button--secondary" name="form[status]" value="final"
                    data-module="govuk-button" disabled=move || save.pending().get()>"Save as final"</button>
            </div>
            <p class="govuk-body-s">"Only final evidence counts towards your readiness. You can change it later."</p>
        </form>
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
/// with a polite live region so screen readers hear the count.
#[component]
fn BodyField(
    spec: KindSpec,
    body: RwSignal<String>,
    state: EditorState,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let statement = spec.kind == EvidenceKind::ReflectiveStatement;
    let (min, max) = (state.min_words, state.max_words);
    // Over the body limit nothing is counted (the count is linear, but the limit is the
    // limit): the message says so instead, as the server will.
    let words =
        Memo::new(move |_| body.with(|text| within_body_limit(text).then(|| count_words(text))));
    let message = Memo::new(move |_| match words.get() {
        Some(words) => word_count_message(words, min, max),
        None => WordCountMessage {
            text: body_too_long(spec.body_label).message,
            over: true,
            under_minimum: None,
        },
    });
    let label = if spec.body_required || spec.body_label.ends_with("(optional)") {
        spec.body_label.to_owned()
    } else {
        format!("{} (optional)", spec.body_label)
    };
    let hint = if statement {
        format!(
            "{} Between {} and {} words.",
            spec.body_hint,
            pathway_core::domain::format_count(min.into()),
            pathway_core::domain::format_count(max.into())
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
    let described = if statement {
        "body-info body-hint"
    } else {
        "body-hint"
    };
    view! {
        <div class=move || {
            let base = if statement { "govuk-form-group govuk-character-count" } else { "govuk-form-group" };
            if error.get().is_some() || (statement && message.get().over) {
                format!("{base} govuk-form-group--error")
            } else {
                base.to_owned()
            }
        }>
            <label class="govuk-label govuk-label--m" for="body">{label}</label>
            <div class="govuk-hint" id="body-hint">{hint}</div>
            <ErrorMessage id="body" error/>
            <textarea class="govuk-textarea" id="body" name="form[body]" rows=if statement { "25" } else { "10" }
                aria-describedby=described
                on:input=move |ev| body.set(event_target_value(&ev))>{initial}</textarea>
            {statement.then(|| view! {
                <div id="body-info" aria-hidden="true"
                    class=move || if message.get().over { "govuk-error-message govuk-character-count__message" } else { "govuk-hint govuk-character-count__message" }>
                    {move || message.get().text}
                </div>
                <div class="govuk-character-count__status govuk-visually-hidden" aria-live="polite" id="body-sr">
                    {move || message.get().text}
                </div>
                <p class="govuk-body-s" id="body-minimum">{move || message.get().under_minimum.unwrap_or_default()}</p>
            })}
        </div>
        <IdentifyingWarning text=body/>
    }
}
