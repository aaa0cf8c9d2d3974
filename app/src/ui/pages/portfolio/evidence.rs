//! One evidence item: its fields, its text rendered from Markdown-lite, who added it.

use super::{IdentifyingWarning, StatusTag};
use crate::api::portfolio::get_evidence::get_evidence;
use crate::ui::components::markdown::MarkdownText;
use crate::ui::govuk::{Loaded, NotificationBanner, SummaryList, SummaryRow};
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
            <Loaded resource=item view=move |item| evidence(item, saved)/>
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
        {saved.then(|| view! { <NotificationBanner id="saved-banner" heading="Evidence saved" success=true/> })}
        <span class="govuk-caption-l">{format!("{} · {}", item.person_name, summary.kind.label())}</span>
        <h1 class="govuk-heading-xl" id="evidence-title">{summary.title.clone()}</h1>
        <SummaryList id="evidence-details">
            <SummaryRow key="Status"><StatusTag status=summary.status/></SummaryRow>
            <SummaryRow key="Date">{summary.date_text.clone()}</SummaryRow>
            <SummaryRow key="Added by" value_id="added-by">
                {summary.added_by.clone()}{format!(" (last changed {})", item.updated_text)}
            </SummaryRow>
            {item.details.into_iter().map(|(label, value)| view! {
                <SummaryRow key=label>{value}</SummaryRow>
            }).collect_view()}
            {summary.word_count.map(|w| view! {
                <SummaryRow key="Words" value_id="word-count">{pathway_core::domain::format_count(w.into())}</SummaryRow>
            })}
            {summary.previous_employer.then(|| view! {
                <SummaryRow key="Source">"Evidence from a previous employer"</SummaryRow>
            })}
        </SummaryList>
        {item.can_edit.then(|| view! { <IdentifyingWarning text=Signal::stored(body.clone())/> })}
        <div class="app-evidence-text" id="evidence-text">
            <MarkdownText text=item.body/>
        </div>
        {item.can_edit.then(|| view! {
            <p class="govuk-body"><a class="govuk-button govuk-button--secondary" href=edit>"Change this evidence"</a></p>
        })}
    }
}
