//! "My pathway": current level, the next step, the readiness task list (GOV.UK task list)
//! and the portfolio's evidence grouped by kind.

use super::StatusTag;
use crate::api::portfolio::pathway::load_pathway;
use crate::api::sync::conflicts::list_conflicts;
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
    let view_data = Resource::new_blocking(move || query.with(|q| q.get("person")), load_pathway);
    // the signed-in worker's own unresolved conflict copies (shown on their own pathway only)
    let conflicts = Resource::new_blocking(
        || (),
        |_| async { list_conflicts(None).await.map(|all| all.len()) },
    );
    view! {
        <Title text="My pathway"/>
        <RequireUser>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let waiting = conflicts.await.unwrap_or(0);
                    match view_data.await {
                        Ok(data) => {
                            let waiting = if data.is_self { waiting } else { 0 };
                            pathway(data, waiting).into_any()
                        }
                        Err(error) => view! { <p class="govuk-body govuk-error-message">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireUser>
    }
}

fn pathway(data: PathwayView, conflicts: usize) -> impl IntoView {
    let heading = if data.is_self {
        "My pathway".to_owned()
    } else {
        format!("{}’s pathway", data.person_name)
    };
    let person = data.person_id.clone();
    let next = data.transition_title.clone().map(|title| {
        format!(
            "{title} ({})",
            data.transition_id.clone().unwrap_or_default()
        )
    });
    let observation_link = data
        .can_add_observation
        .then(|| format!("/portfolio/edit?kind=practice_observation&person={person}"));
    view! {
        <span class="govuk-caption-l">{data.person_name.clone()}</span>
        <h1 class="govuk-heading-xl">{heading}</h1>
        <ConflictsWaiting count=conflicts/>
        <dl class="govuk-summary-list" id="pathway-summary">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Current level"</dt>
                <dd class="govuk-summary-list__value">{data.level_title.clone().unwrap_or_default()}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Next step"</dt>
                <dd class="govuk-summary-list__value">{next.unwrap_or_else(|| "None: you are at the top of the pathway".to_owned())}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Additional CPD days"</dt>
                <dd class="govuk-summary-list__value">
                    {data.cpd_summary.clone()}" "
                    <a class="govuk-link" href=format!("/portfolio/cpd?person={person}")>"CPD log"</a>
                </dd>
            </div>
        </dl>
        {data.eligibility.clone().map(|text| view! { <div class="govuk-inset-text" id="eligibility">{text}</div> })}
        <h2 class="govuk-heading-l" id="readiness">"Readiness"</h2>
        <p class="govuk-body" id="readiness-summary">
            {if data.ready { format!("Ready to apply: {}", data.summary) } else { data.summary.clone() }}
        </p>
        <TaskList tasks=data.tasks.clone()/>
        <p class="govuk-body-s">{format!("Judged against the policy requirements version {}.", data.catalogue_version)}</p>
        <h2 class="govuk-heading-l" id="evidence">"Evidence"</h2>
        {data.is_self.then(|| view! { <AddEvidence person=person.clone()/> })}
        {observation_link.map(|href| view! {
            <p class="govuk-body">
                <a class="govuk-button govuk-button--secondary" href=href>"Add an observation of practice"</a>" "
                <a class="govuk-link" href=format!("/portfolio/edit?kind=observed_practice_summary&person={}", data.person_id)>"Add a written summary of observed practice"</a>
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
        <div class="govuk-notification-banner" role="region" aria-labelledby="conflicts-waiting-title" id="conflicts-waiting">
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="conflicts-waiting-title">"Important"</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{text}</p>
                <p class="govuk-body">
                    "Pathway kept both versions of evidence changed in two places. "
                    <a class="govuk-notification-banner__link" href="/portfolio/conflicts">"Choose which version to keep"</a>
                </p>
            </div>
        </div>
    })
}

#[component]
fn TaskList(tasks: Vec<Task>) -> impl IntoView {
    view! {
        <ul class="govuk-task-list" id="task-list">
            {tasks.into_iter().map(|task| {
                let status_id = format!("task-{}-status", task.id);
                let hint_id = format!("task-{}-hint", task.id);
                let described = format!("{hint_id} {status_id}");
                let status = match task.status {
                    RequirementStatus::Met => view! { "Complete" }.into_any(),
                    RequirementStatus::NotMet => view! { <strong class="govuk-tag govuk-tag--blue">"Incomplete"</strong> }.into_any(),
                    RequirementStatus::NotApplicable => view! { <strong class="govuk-tag govuk-tag--grey">"Not needed"</strong> }.into_any(),
                };
                let name = match task.href {
                    Some(href) => view! {
                        <a class="govuk-link govuk-task-list__link" href=href aria-describedby=described>{task.title}</a>
                    }.into_any(),
                    None => view! { <span>{task.title}</span> }.into_any(),
                };
                view! {
                    <li class="govuk-task-list__item govuk-task-list__item--with-link" id=format!("task-{}", task.id)>
                        <div class="govuk-task-list__name-and-hint">
                            {name}
                            <div id=hint_id class="govuk-task-list__hint">{format!("{} ({})", task.reason, task.id)}</div>
                        </div>
                        <div class="govuk-task-list__status" id=status_id>{status}</div>
                    </li>
                }
            }).collect_view()}
        </ul>
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
            view! {
                <h3 class="govuk-heading-m" id=format!("kind-{}", kind_code(kind))>{kind.label()}</h3>
                <table class="govuk-table">
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Title"</th>
                        <th scope="col" class="govuk-table__header">"Date"</th>
                        <th scope="col" class="govuk-table__header">"Added by"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {rows.into_iter().map(|item| view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">
                                    <a class="govuk-link" href=format!("/portfolio/evidence?id={}", item.id)>{item.title}</a>
                                    {item.previous_employer.then(|| view! { <br/><span class="govuk-body-s">"From a previous employer"</span> })}
                                    {item.word_count.map(|w| view! { <br/><span class="govuk-body-s">{format!("{} words", pathway_core::domain::format_count(w.into()))}</span> })}
                                </td>
                                <td class="govuk-table__cell">{item.date_text}</td>
                                <td class="govuk-table__cell">{item.added_by}</td>
                                <td class="govuk-table__cell"><StatusTag status=item.status/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
        .collect_view()
        .into_any()
}
