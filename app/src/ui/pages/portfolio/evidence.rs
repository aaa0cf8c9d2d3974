//! One evidence item: its fields, its text rendered from Markdown-lite, who added it.

use super::{IdentifyingWarning, StatusTag};
use crate::api::portfolio::get_evidence::get_evidence;
use crate::ui::components::markdown::MarkdownText;
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::portfolio::views::EvidenceView;

#[component]
pub fn EvidencePage() -> impl IntoView {
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let item = Resource::new_blocking(
        move || query.with(|q| q.get("id").unwrap_or_default()),
        get_evidence,
    );
    view! {
        <Title text="Evidence"/>
        <RequireUser>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match item.await {
                        Ok(item) => evidence(item, saved).into_any(),
                        Err(error) => view! { <p class="govuk-body govuk-error-message">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireUser>
    }
}

fn evidence(item: EvidenceView, saved: bool) -> impl IntoView {
    let summary = item.summary.clone();
    let back = format!("/portfolio?person={}", summary.person_id);
    let edit = format!("/portfolio/edit?id={}", summary.id);
    let body = item.body.clone();
    view! {
        <a class="govuk-back-link" href=back.clone()>"Back to the pathway"</a>
        {saved.then(|| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title" id="saved-banner">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="saved-title">"Success"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">"Evidence saved"</p>
                </div>
            </div>
        })}
        <span class="govuk-caption-l">{format!("{} · {}", item.person_name, summary.kind.label())}</span>
        <h1 class="govuk-heading-xl" id="evidence-title">{summary.title.clone()}</h1>
        <dl class="govuk-summary-list" id="evidence-details">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Status"</dt>
                <dd class="govuk-summary-list__value"><StatusTag status=summary.status/></dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Date"</dt>
                <dd class="govuk-summary-list__value">{summary.date_text.clone()}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Added by"</dt>
                <dd class="govuk-summary-list__value" id="added-by">
                    {summary.added_by.clone()}{format!(" (last changed {})", item.updated_text)}
                </dd>
            </div>
            {item.details.into_iter().map(|(label, value)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{label}</dt>
                    <dd class="govuk-summary-list__value">{value}</dd>
                </div>
            }).collect_view()}
            {summary.word_count.map(|w| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Words"</dt>
                    <dd class="govuk-summary-list__value" id="word-count">{pathway_core::domain::format_count(w.into())}</dd>
                </div>
            })}
            {summary.previous_employer.then(|| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Source"</dt>
                    <dd class="govuk-summary-list__value">"Evidence from a previous employer"</dd>
                </div>
            })}
        </dl>
        {item.can_edit.then(|| view! { <IdentifyingWarning text=Signal::stored(body.clone())/> })}
        <div class="app-evidence-text" id="evidence-text">
            <MarkdownText text=item.body/>
        </div>
        {item.can_edit.then(|| view! {
            <p class="govuk-body"><a class="govuk-button govuk-button--secondary" href=edit>"Change this evidence"</a></p>
        })}
    }
}
