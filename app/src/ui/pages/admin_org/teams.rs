use crate::api::admin::teams::list_teams;
use crate::ui::components::error_summary::{posted_error, ErrorSummary};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::identity::Role;

#[component]
pub fn AdminTeams() -> impl IntoView {
    let teams = Resource::new_blocking(|| (), |_| list_teams());
    let error = posted_error();
    view! {
        <Title text="Teams"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary error=error.clone() field="team_name"/>
            <h1 class="govuk-heading-xl">"Teams"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match teams.await {
                        Ok(list) => view! {
                            <table class="govuk-table" id="teams">
                                <thead class="govuk-table__head"><tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Team"</th>
                                    <th scope="col" class="govuk-table__header">"Service area"</th>
                                    <th scope="col" class="govuk-table__header">"Team manager"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Members"</th>
                                </tr></thead>
                                <tbody class="govuk-table__body">
                                    {list.into_iter().map(|team| view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">{team.name}</td>
                                            <td class="govuk-table__cell">{team.service_area}</td>
                                            <td class="govuk-table__cell">{team.team_manager.unwrap_or_else(|| "None".into())}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{team.members}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <p class="govuk-error-message">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h2 class="govuk-heading-l">"Add a team"</h2>
            <form method="post" action="/api/admin/create_team" novalidate=true>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="team_name">"Team name"</label>
                    <input class="govuk-input" id="team_name" name="name" type="text"/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="service_area">"Service area"</label>
                    <input class="govuk-input" id="service_area" name="service_area" type="text"/>
                </div>
                <button type="submit" class="govuk-button">"Add team"</button>
            </form>
        </RequireUser>
    }
}
