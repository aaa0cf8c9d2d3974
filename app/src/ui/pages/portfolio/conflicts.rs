//! "Choose between versions" (issue 6): a change made on a device from an older version is
//! kept on Pathway as a conflict copy beside the newer text. Here the worker sees both side
//! by side (two columns on wide screens, stacked on narrow) and keeps theirs, keeps the one
//! on Pathway, or merges the texts by hand. Each choice is a plain form post to
//! `sync/resolve_form` and a redirect back, JavaScript on or off (issue 13: nothing here needs
//! the browser, so none of it is an island). A choice made against a version that has
//! moved on since is refused (409) and the page shows the fresh versions.

use crate::api::sync::conflicts_page::{load_conflicts, ConflictCard, Piece};
use crate::error::AppError;
use crate::ui::govuk::posted_error;
use crate::ui::govuk::ErrorSummary;
use crate::ui::session::RequireUser;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::domain::format_date;
use pathway_core::portfolio::kinds::{kind_from_code, spec, Input};
use pathway_core::portfolio::{EvidenceForm, FieldError};

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let query = use_query_map();
    let (resolved, about) =
        query.with_untracked(|q| (q.get("resolved").is_some(), q.get("conflict")));
    let posted = posted_error();
    let restore = posted.is_some();
    let (about, posted) = (StoredValue::new(about), StoredValue::new(posted));
    let cards = Resource::new_blocking(|| (), move |_| load_conflicts(Some(restore)));
    view! {
        <Title text="Choose between versions"/>
        <RequireUser>
            <Suspense fallback=|| ()>
                {move || {
                    let (about, posted) = (about.get_value(), posted.get_value());
                    Suspend::new(async move {
                        let cards = cards.await.map_err(|error| error.0);
                        view! { <Chooser resolved about posted cards/> }
                    })
                }}
            </Suspense>
        </RequireUser>
    }
}

/// The versions and the choices. Server-rendered only (no island, so no code for it in the
/// browser): every choice is a plain form post that comes back here with "Conflict
/// resolved" or the error, and a refused merge comes back with what was typed (kept on the
/// server), so the browser has nothing to add.
#[component]
fn Chooser(
    resolved: bool,
    about: Option<String>,
    posted: Option<AppError>,
    cards: Result<Vec<ConflictCard>, AppError>,
) -> impl IntoView {
    let errors = posted
        .as_ref()
        .map(|error| problems(error, about.as_deref().unwrap_or_default()))
        .unwrap_or_default();
    let notice = resolved && posted.is_none();
    let body = match cards {
        Ok(cards) if cards.is_empty() => view! {
            <p class="govuk-body" id="no-conflicts">"There are no conflicts to resolve."</p>
        }
        .into_any(),
        Ok(cards) => {
            let cards = cards
                .into_iter()
                .map(|card| conflict(card, &errors))
                .collect_view();
            view! {
                <p class="govuk-body" id="conflicts-intro">
                    "These changes were made on a device from an older version of the evidence, so Pathway kept both versions. For each one, keep your version, keep the version on Pathway or merge them by hand."
                </p>
                {cards}
            }
            .into_any()
        }
        Err(error) => view! {
            <p class="govuk-body govuk-error-message">{error.to_string()}</p>
        }
        .into_any(),
    };
    view! {
        <a class="govuk-back-link" href="/portfolio">"Back to the pathway"</a>
        {notice.then(|| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
                aria-labelledby="resolved-title" id="resolved-banner" tabindex="-1">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="resolved-title">"Success"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">"Conflict resolved"</p>
                </div>
            </div>
        })}
        <ErrorSummary errors=Signal::stored(errors)/>
        <span class="govuk-caption-l">"Your portfolio"</span>
        <h1 class="govuk-heading-xl">"Choose between versions"</h1>
        {body}
    }
}

/// The error summary's items for an error about conflict `id`: a merge's problems link to
/// its text box, anything else to the conflict.
fn problems(error: &AppError, id: &str) -> Vec<FieldError> {
    let field = match error {
        AppError::Validation(_) if !id.is_empty() => format!("merged-{id}"),
        _ if !id.is_empty() => format!("conflict-{id}"),
        _ => "main-content".to_owned(),
    };
    let text = match error {
        AppError::Conflict(message) => {
            format!("{message}. The versions below are the latest.").replace(".. ", ". ")
        }
        other => other.to_string(),
    };
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| FieldError {
            field: field.clone(),
            message: line.to_owned(),
        })
        .collect()
}

fn conflict(card: ConflictCard, errors: &[FieldError]) -> impl IntoView {
    let ConflictCard {
        conflict,
        made_text,
        seen_version,
        merge_text,
        restored,
        mine_diff,
        theirs_diff,
    } = card;
    let id = conflict.id.to_string();
    let mine = conflict.mine.clone();
    let theirs = conflict.theirs.clone();
    let kind_label = kind_from_code(&mine.kind)
        .map(|k| k.label().to_owned())
        .unwrap_or_default();
    let title = theirs
        .as_ref()
        .map(|t| t.title.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| Some(mine.title.clone()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| kind_label.clone());
    let changed = changed_fields(&mine, theirs.as_ref());
    let merge_id = format!("merged-{id}");
    let merge_errors: Vec<String> = errors
        .iter()
        .filter(|e| e.field == merge_id)
        .map(|e| e.message.clone())
        .collect();
    // a refused merge comes back open, with what was typed
    let open = restored || !merge_errors.is_empty();
    let merge_group = if merge_errors.is_empty() {
        "govuk-form-group"
    } else {
        "govuk-form-group govuk-form-group--error"
    };
    let theirs_label = if theirs.is_some() {
        "Keep the version on Pathway"
    } else {
        "Leave it deleted"
    };
    let hidden = {
        let id = id.clone();
        move |choice: &'static str| {
            view! {
                <input type="hidden" name="conflict_id" value=id.clone()/>
                <input type="hidden" name="seen_version" value=seen_version.to_string()/>
                <input type="hidden" name="choice" value=choice/>
            }
        }
    };
    let (mine_changes, theirs_changes) = (changed.clone(), changed);
    view! {
        <section class="app-conflict govuk-!-margin-bottom-9" id=format!("conflict-{id}")
            aria-labelledby=format!("conflict-{id}-title") tabindex="-1">
            <h2 class="govuk-heading-l govuk-!-margin-bottom-1" id=format!("conflict-{id}-title")>{title.clone()}</h2>
            <p class="govuk-body govuk-hint" id=format!("conflict-{id}-made")>
                {format!("{kind_label}. Copy kept on {made_text}.")}
            </p>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-half" id=format!("conflict-{id}-mine")>
                    <h3 class="govuk-heading-m">"Your version (from this device)"</h3>
                    <Changes changes=mine_changes mine=true/>
                    <DiffText pieces=mine_diff id=format!("conflict-{id}-mine-text") side="your version"/>
                </div>
                <div class="govuk-grid-column-one-half" id=format!("conflict-{id}-theirs")>
                    <h3 class="govuk-heading-m">"Version on Pathway"</h3>
                    {match theirs.clone() {
                        Some(_) => view! {
                            <Changes changes=theirs_changes mine=false/>
                            <DiffText pieces=theirs_diff.clone() id=format!("conflict-{id}-theirs-text") side="the version on Pathway"/>
                        }.into_any(),
                        None => view! {
                            <div class="govuk-warning-text">
                                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                <strong class="govuk-warning-text__text">
                                    <span class="govuk-visually-hidden">"Warning"</span>
                                    "This evidence was deleted on Pathway. Keep your version to put it back."
                                </strong>
                            </div>
                        }.into_any(),
                    }}
                </div>
            </div>
            <div class="govuk-button-group">
                <form method="post" action="/api/sync/resolve_form" novalidate=true>
                    {hidden("mine")}
                    <button type="submit" class="govuk-button" data-module="govuk-button">
                        "Keep my version"<span class="govuk-visually-hidden">{format!(" of {title}")}</span>
                    </button>
                </form>
                <form method="post" action="/api/sync/resolve_form" novalidate=true>
                    {hidden("theirs")}
                    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                        {theirs_label}<span class="govuk-visually-hidden">{format!(" of {title}")}</span>
                    </button>
                </form>
            </div>
            <details class="govuk-details" open=open>
                <summary class="govuk-details__summary">
                    <span class="govuk-details__summary-text">"Merge by hand"</span>
                </summary>
                <div class="govuk-details__text">
                    <form method="post" action="/api/sync/resolve_form" novalidate=true>
                        {hidden("merged")}
                        <div class=merge_group>
                            <label class="govuk-label govuk-label--s" for=merge_id.clone()>"Merged text"</label>
                            <div class="govuk-hint" id=format!("{merge_id}-hint")>
                                {if theirs.is_some() {
                                    "Both versions are below, each after a line in square brackets. Edit them into one text and delete the lines in square brackets. The other details are kept from the version on Pathway."
                                } else {
                                    "Your version is below. Edit it and save it to put the evidence back."
                                }}
                            </div>
                            {merge_errors.into_iter().map(|message| view! {
                                <p class="govuk-error-message">
                                    <span class="govuk-visually-hidden">"Error: "</span>{message}
                                </p>
                            }).collect_view()}
                            <textarea class="govuk-textarea" id=merge_id.clone() name="merged" rows="15"
                                aria-describedby=format!("{merge_id}-hint")>{merge_text}</textarea>
                        </div>
                        <button type="submit" class="govuk-button" data-module="govuk-button">
                            "Save merged version"<span class="govuk-visually-hidden">{format!(" of {title}")}</span>
                        </button>
                    </form>
                </div>
            </details>
        </section>
    }
}

/// One field that differs: its label, the value in mine, the value on Pathway.
#[derive(Clone, Debug, PartialEq)]
struct Changed {
    label: String,
    mine: String,
    theirs: String,
}

/// One side's text as typed (line breaks kept), the words found only on this side marked
/// (`<mark>`, announced as highlighted by screen readers that support it; the key above says
/// what the highlight means), so a worker merging a long statement sees the paragraph the
/// other choice would lose. No hidden words inside the text: copying it copies the text.
#[component]
fn DiffText(pieces: Vec<Piece>, id: String, side: &'static str) -> impl IntoView {
    let differs = pieces.iter().any(|p| p.changed);
    let lines = |text: &str| {
        text.split('\n')
            .enumerate()
            .map(|(i, line)| view! { {(i > 0).then(|| view! { <br/> })}{line.to_owned()} })
            .collect_view()
    };
    view! {
        <p class="govuk-body-s" id=format!("{id}-key")>
            {if differs {
                format!("Highlighted: words only in {side}.")
            } else {
                "Every word of this text is also in the other version.".to_owned()
            }}
        </p>
        <div class="govuk-inset-text app-evidence-text" id=id>
            <p class="govuk-body">
                {pieces.into_iter().map(|piece| if piece.changed {
                    view! {
                        <mark class="app-diff">{lines(&piece.text)}</mark>
                    }.into_any()
                } else {
                    lines(&piece.text).into_any()
                }).collect_view()}
            </p>
        </div>
    }
}

#[component]
fn Changes(changes: Vec<Changed>, mine: bool) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="govuk-body-s">"Only the text is different."</p> }.into_any();
    }
    view! {
        <dl class="govuk-summary-list govuk-summary-list--no-border">
            {changes.into_iter().map(|c| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{c.label}</dt>
                    <dd class="govuk-summary-list__value">{if mine { c.mine } else { c.theirs }}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
    .into_any()
}

/// The fields other than the text that differ between the two versions.
fn changed_fields(mine: &EvidenceForm, theirs: Option<&EvidenceForm>) -> Vec<Changed> {
    let Some(theirs) = theirs else {
        return Vec::new();
    };
    let spec = kind_from_code(&mine.kind).map(spec);
    let mut out = Vec::new();
    let mut compare = |label: &str, a: String, b: String| {
        if a.trim() != b.trim() {
            out.push(Changed {
                label: label.to_owned(),
                mine: a,
                theirs: b,
            });
        }
    };
    compare("Title", shown(&mine.title), shown(&theirs.title));
    let date_label = spec.map_or("Date", |s| s.date_label);
    compare(date_label, date(&mine.date), date(&theirs.date));
    compare("Status", status(&mine.status), status(&theirs.status));
    compare(
        "From a previous employer",
        yes_no(&mine.previous_employer),
        yes_no(&theirs.previous_employer),
    );
    for field in spec.map_or(&[][..], |s| s.fields) {
        let value = |form: &EvidenceForm| {
            let raw = form.detail(field.name);
            match field.input {
                Input::Choice(options) => options
                    .iter()
                    .find(|(code, _)| *code == raw)
                    .map(|(_, text)| (*text).to_owned())
                    .unwrap_or_else(|| shown(raw)),
                Input::Date { .. } => date(raw),
                _ => shown(raw),
            }
        };
        compare(field.label, value(mine), value(theirs));
    }
    out
}

fn shown(value: &str) -> String {
    if value.trim().is_empty() {
        "Not given".to_owned()
    } else {
        value.to_owned()
    }
}

fn date(value: &str) -> String {
    value
        .parse::<NaiveDate>()
        .map(format_date)
        .unwrap_or_else(|_| shown(value))
}

fn status(value: &str) -> String {
    match value {
        "final" => "Final".to_owned(),
        _ => "Draft".to_owned(),
    }
}

fn yes_no(value: &str) -> String {
    if value == "yes" { "Yes" } else { "No" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(body: &str) -> EvidenceForm {
        EvidenceForm {
            kind: "reflective_statement".into(),
            status: "draft".into(),
            title: "Statement".into(),
            date: "2026-03-27".into(),
            body: body.into(),
            ..EvidenceForm::default()
        }
    }

    #[test]
    fn only_the_fields_that_differ_are_listed() {
        let mine = statement("Mine.");
        let mut theirs = statement("Theirs.");
        assert!(changed_fields(&mine, Some(&theirs)).is_empty());
        theirs.status = "final".into();
        theirs.date = "2026-03-28".into();
        let changed = changed_fields(&mine, Some(&theirs));
        assert_eq!(changed.len(), 2);
        assert_eq!(changed[0].mine, "27 March 2026");
        assert_eq!(changed[0].theirs, "28 March 2026");
        assert_eq!(
            (changed[1].mine.as_str(), changed[1].theirs.as_str()),
            ("Draft", "Final")
        );
        assert!(changed_fields(&mine, None).is_empty());
    }

    #[test]
    fn a_refusal_links_to_the_conflict_or_its_merge_box() {
        let moved = problems(&AppError::Conflict("It changed again".into()), "c1");
        assert_eq!(moved[0].field, "conflict-c1");
        assert!(moved[0].message.contains("latest"));
        let invalid = problems(&AppError::Validation("One\nTwo".into()), "c1");
        assert_eq!(invalid.len(), 2);
        assert_eq!(invalid[1].field, "merged-c1");
    }
}
