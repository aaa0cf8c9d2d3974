//! Administration pages: people (with the forms that work without JavaScript) and the
//! audit log with its filters (a GET form).

use crate::api::admin::audit_log::audit_log;
use crate::api::admin::people::list_people;
use crate::ui::components::error_summary::{posted_error, ErrorSummary};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::identity::Role;
use pathway_core::organisation::AuditFilter;

#[component]
pub fn AdminPeople() -> impl IntoView {
    let people = Resource::new_blocking(|| (), |_| list_people());
    let error = posted_error();
    view! {
        <Title text="People"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary error=error.clone() field="full_name"/>
            <h1 class="govuk-heading-xl">"People"</h1>
            <ul class="govuk-list">
                <li><a class="govuk-link" href="/admin/teams">"Teams"</a></li>
                <li><a class="govuk-link" href="/admin/import">"Import staff from a spreadsheet"</a></li>
                <li><a class="govuk-link" href="/admin/audit">"Audit log"</a></li>
            </ul>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match people.await {
                        Ok(list) => view! {
                            <table class="govuk-table" id="people">
                                <thead class="govuk-table__head"><tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Name"</th>
                                    <th scope="col" class="govuk-table__header">"Team"</th>
                                    <th scope="col" class="govuk-table__header">"Roles"</th>
                                    <th scope="col" class="govuk-table__header">"Status"</th>
                                </tr></thead>
                                <tbody class="govuk-table__body">
                                    {list.into_iter().map(|person| view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/admin/person?id={}", person.id)>{person.full_name}</a><br/><span class="govuk-body-s">{person.email}</span></td>
                                            <td class="govuk-table__cell">{person.team.unwrap_or_default()}</td>
                                            <td class="govuk-table__cell">{person.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")}</td>
                                            <td class="govuk-table__cell">{if person.active { "Active" } else { "Left" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <p class="govuk-error-message">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h2 class="govuk-heading-l">"Add a person"</h2>
            <form method="post" action="/api/admin/create_person" novalidate=true>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="full_name">"Full name"</label>
                    <input class="govuk-input" id="full_name" name="full_name" type="text" autocomplete="off"/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="new_email">"Work email address"</label>
                    <input class="govuk-input" id="new_email" name="email" type="email" autocomplete="off" spellcheck="false"/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="job_title">"Job title"</label>
                    <input class="govuk-input" id="job_title" name="job_title" type="text"/>
                </div>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Add person"</button>
            </form>
        </RequireUser>
    }
}

#[component]
pub fn AdminAudit() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| AuditFilter {
            action: q.get("action"),
            actor: q.get("actor"),
            record_id: q.get("record_id"),
            from: q.get("from"),
            to: q.get("to"),
        })
    };
    let entries = Resource::new_blocking(filter, audit_log);
    let value = move |name: &'static str| query.with_untracked(|q| q.get(name).unwrap_or_default());
    view! {
        <Title text="Audit log"/>
        <RequireUser role=Role::Administrator>
            <h1 class="govuk-heading-xl">"Audit log"</h1>
            <form method="get" action="/admin/audit" class="app-filter">
                <div class="govuk-form-group">
                    <label class="govuk-label" for="action">"Action"</label>
                    <input class="govuk-input govuk-input--width-20" id="action" name="action" type="text" value=value("action")/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="actor">"Who (part of a name)"</label>
                    <input class="govuk-input govuk-input--width-20" id="actor" name="actor" type="text" value=value("actor")/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="from">"From (date)"</label>
                    <input class="govuk-input govuk-input--width-10" id="from" name="from" type="date" value=value("from")/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="to">"To (date)"</label>
                    <input class="govuk-input govuk-input--width-10" id="to" name="to" type="date" value=value("to")/>
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">"Filter"</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => view! {
                            <table class="govuk-table" id="audit-log">
                                <thead class="govuk-table__head"><tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"When (UTC)"</th>
                                    <th scope="col" class="govuk-table__header">"Who"</th>
                                    <th scope="col" class="govuk-table__header">"Action"</th>
                                    <th scope="col" class="govuk-table__header">"Record"</th>
                                    <th scope="col" class="govuk-table__header">"Detail"</th>
                                    <th scope="col" class="govuk-table__header">"From"</th>
                                </tr></thead>
                                <tbody class="govuk-table__body">
                                    {list.into_iter().map(|entry| view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">{entry.occurred_at}</td>
                                            <td class="govuk-table__cell">{if entry.actor.is_empty() { "Anonymous".to_string() } else { entry.actor }}</td>
                                            <td class="govuk-table__cell">{entry.action}</td>
                                            <td class="govuk-table__cell">{entry.record_type}" "{entry.record_id}</td>
                                            <td class="govuk-table__cell">{entry.detail}</td>
                                            <td class="govuk-table__cell">{entry.ip}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <p class="govuk-error-message">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireUser>
    }
}
