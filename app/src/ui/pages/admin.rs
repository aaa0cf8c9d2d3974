//! Administration pages: people (with the forms that work without JavaScript) and the
//! audit log with its filters (a GET form).

use crate::api::admin::audit_log::audit_log;
use crate::api::admin::people::list_people;
use crate::api::admin::refusal_bursts::refusal_bursts;
use crate::ui::govuk::{
    error_for, posted_errors, Cell, Column, DateInput, ErrorSummary, Loaded, Radios, Row, Table,
    TextInput,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::date_input::from_query;
use pathway_core::domain::level::Level;
use pathway_core::identity::Role;
use pathway_core::organisation::{AuditEntry, AuditFilter, PersonSummary, RefusalBurst};
use pathway_core::people_forms::NOT_ON_PATHWAY;
use pathway_core::portfolio::kinds::level_code;

#[component]
pub fn AdminPeople() -> impl IntoView {
    let people = Resource::new_blocking(|| (), |_| list_people());
    let errors = Signal::stored(posted_errors("full_name"));
    view! {
        <Title text="People"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary errors/>
            <h1 class="govuk-heading-xl">"People"</h1>
            <ul class="govuk-list">
                <li><a class="govuk-link" href="/admin/teams">"Teams"</a></li>
                <li><a class="govuk-link" href="/admin/import">"Import staff from a spreadsheet"</a></li>
                <li><a class="govuk-link" href="/admin/audit">"Audit log"</a></li>
                <li><a class="govuk-link" href="/admin/email">"Email not yet sent"</a></li>
            </ul>
            <Loaded resource=people view=people_table/>
            <h2 class="govuk-heading-l">"Add a person"</h2>
            <form method="post" action="/api/admin/create_person" novalidate=true id="add-person-form">
                <TextInput id="full_name" name="form[full_name]" label="Full name" error=error_for(errors, "full_name")/>
                <TextInput id="email" name="form[email]" label="Work email address" input_type="email" error=error_for(errors, "email")/>
                <TextInput id="job_title" name="form[job_title]" label="Job title" error=error_for(errors, "job_title")/>
                <Radios id="level" name="form[level]" legend="Career level" legend_size="govuk-fieldset__legend--s"
                    hint="The pathway shows each person the steps from their level; someone not on it sees none."
                    options=level_choices() small=true error=error_for(errors, "level")/>
                <DateInput id="qualification_date" name="form[qualification_date]" legend="Date they qualified as a social worker"
                    hint="Needed for a social worker on the pathway, for example 31 7 2024" error=error_for(errors, "qualification_date")/>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Add person"</button>
            </form>
        </RequireUser>
    }
}

/// Every level, then "not on the pathway": the choice a new person's record needs.
fn level_choices() -> Vec<(&'static str, &'static str)> {
    Level::ALL
        .into_iter()
        .map(|level| (level_code(level), level.title()))
        .chain([(
            NOT_ON_PATHWAY,
            "Not on the career pathway (for example administrative or Learning and Development staff)",
        )])
        .collect()
}

fn people_table(list: Vec<PersonSummary>) -> impl IntoView {
    let columns = vec![
        Column::text("Name"),
        Column::text("Team"),
        Column::text("Roles"),
        Column::text("Status"),
    ];
    view! {
        <Table id="people" columns>
            {list.into_iter().map(|person| view! {
                <Row>
                    <Cell><a class="govuk-link" href=format!("/admin/person?id={}", person.id)>{person.full_name}</a><br/><span class="govuk-body-s">{person.email.to_string()}</span></Cell>
                    <Cell>{person.team.unwrap_or_default()}</Cell>
                    <Cell>{person.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")}</Cell>
                    <Cell>{if person.active { "Active" } else { "Left" }}</Cell>
                </Row>
            }).collect_view()}
        </Table>
    }
}

#[component]
pub fn AdminAudit() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| {
            let date = |name: &str| Some(from_query(|key| q.get(key), name));
            AuditFilter {
                action: q.get("action"),
                actor: q.get("actor"),
                record_id: q.get("record_id"),
                from: date("from"),
                to: date("to"),
            }
        })
    };
    let typed = filter();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let (action, actor, from, to) = (
        text(&typed.action),
        text(&typed.actor),
        text(&typed.from),
        text(&typed.to),
    );
    // the dates are checked here too, so their errors sit beside the boxes they are in
    let errors = Signal::stored(typed.problems());
    let entries = Resource::new_blocking(filter, audit_log);
    let bursts = Resource::new_blocking(|| (), |_| refusal_bursts());
    view! {
        <Title text="Audit log"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary errors/>
            <h1 class="govuk-heading-xl">"Audit log"</h1>
            <Loaded resource=bursts view=burst_warnings/>
            <form method="get" action="/admin/audit" class="app-filter" novalidate=true>
                <TextInput id="action" label="Action" width="govuk-input--width-20" value=action.clone()/>
                <TextInput id="actor" label="Who (part of a name)" width="govuk-input--width-20" value=actor.clone()/>
                <DateInput id="from" legend="From" value=from.clone() error=error_for(errors, "from")/>
                <DateInput id="to" legend="To (inclusive)" value=to.clone() error=error_for(errors, "to")/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Filter"</button>
            </form>
            {move || errors.with(Vec::is_empty).then(|| view! { <Loaded resource=entries view=audit_table/> })}
        </RequireUser>
    }
}

/// A GOV.UK warning for each person refused many times close together in the last day.
fn burst_warnings(bursts: Vec<RefusalBurst>) -> impl IntoView {
    bursts
        .into_iter()
        .map(|burst| {
            let entries = "/admin/audit?action=access_denied";
            view! {
                <div class="govuk-warning-text" data-refusal-burst=burst.person_id.clone()>
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        {burst_sentence(&burst)}" "
                        <a class="govuk-link" href=entries>"See their refusals"</a>
                    </strong>
                </div>
            }
        })
        .collect_view()
}

fn burst_sentence(burst: &RefusalBurst) -> String {
    // timestamps are "2026-12-07T10:30:00Z": the day, then the time to the minute
    let day = burst.from.get(..10).unwrap_or_default();
    let time = |stamp: &str| stamp.get(11..16).unwrap_or_default().to_owned();
    format!(
        "{} was refused {} times between {} and {} (UTC) on {day}. Many refusals close together can mean someone is trying records they may not see.",
        burst.name,
        burst.refusals,
        time(&burst.from),
        time(&burst.to),
    )
}

fn audit_table(list: Vec<AuditEntry>) -> impl IntoView {
    let columns = vec![
        Column::text("When (UTC)"),
        Column::text("Who"),
        Column::text("Action"),
        Column::text("Record"),
        Column::text("Detail"),
        Column::text("From"),
    ];
    view! {
        <Table id="audit-log" columns>
            {list.into_iter().map(|entry| view! {
                <Row>
                    <Cell>{entry.occurred_at}</Cell>
                    <Cell>{if entry.actor.is_empty() { "Anonymous".to_string() } else { entry.actor }}</Cell>
                    <Cell>{entry.action}</Cell>
                    <Cell>{entry.record_type}" "{entry.record_id}</Cell>
                    <Cell>{entry.detail}</Cell>
                    <Cell>{entry.ip}</Cell>
                </Row>
            }).collect_view()}
        </Table>
    }
}
