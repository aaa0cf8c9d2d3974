//! "Your workers" on the supervisor, team manager and service manager dashboards, with a link
//! to each worker's pathway and portfolio (where managers add observations).

use crate::error::ApiError;
use crate::ui::govuk::{Cell, Column, Loaded, Row, Table};
use leptos::prelude::*;
use pathway_core::organisation::WorkerSummary;

pub type WorkersResource = Resource<Result<Vec<WorkerSummary>, ApiError>>;

#[component]
pub fn MyWorkers(workers: WorkersResource) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-l">"Your workers"</h2>
        <Loaded resource=workers view=workers_table id="my-workers"/>
    }
}

fn workers_table(list: Vec<WorkerSummary>) -> AnyView {
    if list.is_empty() {
        return view! {
            <p class="govuk-body" id="my-workers">"Nobody is supervised or managed by you at the moment."</p>
        }
        .into_any();
    }
    let columns = vec![
        Column::text("Worker"),
        Column::text("Team"),
        Column::text("You are their"),
        Column::text("Decisions"),
    ];
    view! {
        <Table id="my-workers" columns>
            {list.into_iter().map(|worker| {
                let portfolio = format!("/portfolio?person={}", worker.id);
                let decisions = format!("/decisions?person={}", worker.id);
                let decisions_label = format!("Decisions: {}", worker.full_name);
                view! {
                <Row>
                    <Cell>
                        <a class="govuk-link" href=portfolio>{worker.full_name}</a>
                        <br/><span class="govuk-body-s">{worker.job_title}</span>
                    </Cell>
                    <Cell>{worker.team.unwrap_or_default()}</Cell>
                    <Cell>{worker.relation}</Cell>
                    <Cell><a class="govuk-link" href=decisions>{decisions_label}</a></Cell>
                </Row>
            }}).collect_view()}
        </Table>
    }
    .into_any()
}
