use crate::api::admin::teams::list_teams;
use crate::ui::govuk::{
    error_for, posted_errors, Cell, Column, ErrorSummary, Loaded, Row, Table, TextInput,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::identity::Role;
use pathway_core::organisation::TeamSummary;

#[component]
pub fn AdminTeams() -> impl IntoView {
    let teams = Resource::new_blocking(|| (), |_| list_teams());
    let errors = Signal::stored(posted_errors("name"));
    view! {
        <Title text="Teams"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary errors/>
            <h1 class="govuk-heading-xl">"Teams"</h1>
            <Loaded resource=teams view=teams_table/>
            <h2 class="govuk-heading-l">"Add a team"</h2>
            <form method="post" action="/api/admin/create_team" novalidate=true>
                <TextInput id="name" label="Team name" error=error_for(errors, "name")/>
                <TextInput id="service_area" label="Service area" error=error_for(errors, "service_area")/>
                <button type="submit" class="govuk-button">"Add team"</button>
            </form>
        </RequireUser>
    }
}

fn teams_table(list: Vec<TeamSummary>) -> impl IntoView {
    let columns = vec![
        Column::text("Team"),
        Column::text("Service area"),
        Column::text("Team manager"),
        Column::numeric("Members"),
    ];
    view! {
        <Table id="teams" columns>
            {list.into_iter().map(|team| view! {
                <Row>
                    <Cell>{team.name}</Cell>
                    <Cell>{team.service_area}</Cell>
                    <Cell>{team.team_manager.unwrap_or_else(|| "None".into())}</Cell>
                    <Cell numeric=true>{team.members}</Cell>
                </Row>
            }).collect_view()}
        </Table>
    }
}
