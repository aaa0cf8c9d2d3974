//! "My pathway": current level, the next step, the readiness task list (GOV.UK task list)
//! and the portfolio's evidence grouped by kind.

use super::StatusTag;
use crate::api::portfolio::pathway::load_pathway;
use crate::api::sync::conflicts::list_conflicts;
use crate::error::ApiError;
use crate::ui::govuk::{
    Cell, Column, Loaded, NotificationBanner, Row, SummaryList, SummaryRow, Table, Tag, TagColour,
    TaskList, TaskListItem,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::domain::{EvidenceKind, RequirementStatus};
use pathway_core::portfolio::kinds::{addable_kinds, kind_code};
use pathway_core::portfolio::views::{EvidenceSummary, PathwayView, Task};

#[component]
pub fn MyPathway() -> impl IntoView {
    let query = use_query_map();
    // with the signed-in worker's own unresolved conflict copies (their own pathway only)
    let view_data = Resource::new_blocking(
        move || query.with(|q| q.get("person")),
        |person| async move {
            let data = load_pathway(person).await?;
            let waiting = match data.is_self {
                true => list_conflicts(None).await.map(|all| all.len()).unwrap_or(0),
                false => 0,
            };
            Ok::<_, ApiError>((data, waiting))
        },
    );
    view! {
        <Title text="My pathway"/>
        <RequireUser>
            <Loaded resource=view_data view=|(data, waiting)| pathway(data, waiting)/>
        </RequireUser>
    }
}

fn pathway(data: PathwayView, conflicts: usize) -> impl IntoView {
    let heading = if data.is_self {
        "My pathway".to_owned()
    } else {
        format!("{}’s pathway", data.person_name)
    };
    let person = data.person_id.to_string();
    let next = data.transition_title.clone().map(|title| {
        format!(
            "{title} ({})",
            data.transition_id.clone().unwrap_or_default()
        )
    });
    let next = next.unwrap_or_else(|| {
        if data.level_title.is_some() {
            "None: you are at the top of the pathway".to_owned()
        } else {
            "None".to_owned()
        }
    });
    let level = data
        .level_title
        .clone()
        .unwrap_or_else(|| "Not on the career pathway".to_owned());
    let cpd_log = format!("/portfolio/cpd?person={person}");
    let decisions = format!("/decisions?person={person}");
    let observation_link = data
        .can_add_observation
        .then(|| format!("/portfolio/edit?kind=practice_observation&person={person}"));
    view! {
        <span class="govuk-caption-l">{data.person_name.clone()}</span>
        <h1 class="govuk-heading-xl">{heading}</h1>
        <ConflictsWaiting count=conflicts/>
        <SummaryList id="pathway-summary">
            <SummaryRow key="Current level">{level}</SummaryRow>
            <SummaryRow key="Next step">{next}</SummaryRow>
            <SummaryRow key="Additional CPD days">
                {data.cpd_summary.clone()}" "
                <a class="govuk-link" href=cpd_log>"CPD log"</a>
            </SummaryRow>
            <SummaryRow key="Manager's decisions">
                <a class="govuk-link" href=decisions id="decisions-link">"Endorsement and development plans"</a>
            </SummaryRow>
        </SummaryList>
        {data.eligibility.clone().map(|text| view! { <div class="govuk-inset-text" id="eligibility">{text}</div> })}
        <h2 class="govuk-heading-l" id="readiness">"Readiness"</h2>
        <p class="govuk-body" id="readiness-summary">
            {if data.ready { format!("Ready to apply: {}", data.summary) } else { data.summary.clone() }}
        </p>
        <TaskList id="task-list" items=data.tasks.clone().into_iter().map(task_item).collect()/>
        <p class="govuk-body-s">{format!("Judged against the policy requirements version {}.", data.catalogue_version)}</p>
        <h2 class="govuk-heading-l" id="evidence">"Evidence"</h2>
        {data.is_self.then(|| view! { <AddEvidence person=person.clone()/> })}
        {observation_link.map(|href| view! {
            <p class="govuk-body">
                <a class="govuk-button govuk-button--secondary" href=href>"Add an observation of practice"</a>" "
                <a class="govuk-link" href=format!("/portfolio/edit?kind=observed_practice_summary&person={}", data.person_id)>"Add a written summary of observed practice"</a>
            </p>
            <p class="govuk-body">
                <a class="govuk-link" id="departing-statement" href=format!("/portfolio/edit?kind=departing_manager_statement&person={}", data.person_id)>"Leaving this role? Leave a statement for the manager who follows you"</a>
            </p>
        })}
        <EvidenceList items=data.evidence.clone()/>
    }
}

/// Offline edits that clashed (issue 6): a link to choose between the versions.
#[component]
fn ConflictsWaiting(count: usize) -> impl IntoView {
    let text = match count {
        0 => return None,
        1 => "1 change needs you to choose a version".to_owned(),
        n => format!("{n} changes need you to choose a version"),
    };
    Some(view! {
        <NotificationBanner id="conflicts-waiting" heading=text>
            <p class="govuk-body">
                "Pathway kept both versions of evidence changed in two places. "
                <a class="govuk-notification-banner__link" href="/portfolio/conflicts">"Choose which version to keep"</a>
            </p>
        </NotificationBanner>
    })
}

/// A readiness requirement as a task: "Complete" as text, anything else as a tag.
fn task_item(task: Task) -> TaskListItem {
    let status = match task.status {
        RequirementStatus::Met => "Complete".into_any(),
        RequirementStatus::NotMet => {
            view! { <Tag colour=TagColour::Blue text="Incomplete"/> }.into_any()
        }
        RequirementStatus::NotApplicable => {
            view! { <Tag colour=TagColour::Grey text="Not needed"/> }.into_any()
        }
    };
    TaskListItem {
        hint: format!("{} ({})", task.reason, task.id),
        id: task.id,
        title: task.title,
        href: task.href,
        status,
    }
}

/// "Add evidence": a GET form choosing the kind (works with JavaScript off).
#[component]
pub(super) fn AddEvidence(person: String) -> impl IntoView {
    view! {
        <form method="get" action="/portfolio/edit" class="app-filter" id="add-evidence">
            <input type="hidden" name="person" value=person/>
            <div class="govuk-form-group">
                <label class="govuk-label" for="add-kind">"Kind of evidence"</label>
                <select class="govuk-select" id="add-kind" name="kind">
                    {addable_kinds().into_iter().map(|kind| view! {
                        <option value=kind_code(kind)>{kind.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button">"Add evidence"</button>
        </form>
    }
}

#[component]
fn EvidenceList(items: Vec<EvidenceSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="govuk-body" id="no-evidence">"No evidence yet."</p> }.into_any();
    }
    let mut kinds: Vec<EvidenceKind> = items.iter().map(|i| i.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| {
            let rows: Vec<EvidenceSummary> = items.iter().filter(|i| i.kind == kind).cloned().collect();
            let columns = vec![
                Column::text("Title"),
                Column::text("Date"),
                Column::text("Added by"),
                Column::text("Status"),
            ];
            view! {
                <h3 class="govuk-heading-m" id=format!("kind-{}", kind_code(kind))>{kind.label()}</h3>
                <Table columns>
                    {rows.into_iter().map(|item| view! {
                        <Row>
                            <Cell>
                                <a class="govuk-link" href=format!("/portfolio/evidence?id={}", item.id)>{item.title}</a>
                                {item.previous_employer.then(|| view! { <br/><span class="govuk-body-s">"From a previous employer"</span> })}
                                {item.word_count.map(|w| view! { <br/><span class="govuk-body-s">{format!("{} words", pathway_core::domain::format_count(w.into()))}</span> })}
                            </Cell>
                            <Cell>{item.date_text}</Cell>
                            <Cell>{item.added_by}</Cell>
                            <Cell><StatusTag status=item.status/></Cell>
                        </Row>
                    }).collect_view()}
                </Table>
            }
        })
        .collect_view()
        .into_any()
}
