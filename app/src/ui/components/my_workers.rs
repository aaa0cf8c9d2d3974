//! "Your workers" on the supervisor, team manager and service manager dashboards, with a link
//! to each worker's pathway and portfolio (where managers add observations).

use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::WorkerSummary;

pub type WorkersResource = Resource<Result<Vec<WorkerSummary>, ApiError>>;

#[component]
pub fn MyWorkers(workers: WorkersResource) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-l">"Your workers"</h2>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match workers.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="govuk-body" id="my-workers">"Nobody is supervised or managed by you at the moment."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <table class="govuk-table" id="my-workers">
                            <thead class="govuk-table__head"><tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Worker"</th>
                                <th scope="col" class="govuk-table__header">"Team"</th>
                                <th scope="col" class="govuk-table__header">"You are their"</th>
                            </tr></thead>
                            <tbody class="govuk-table__body">
                                {list.into_iter().map(|worker| view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell">
                                            <a class="govuk-link" href=format!("/portfolio?person={}", worker.id)>{worker.full_name}</a>
                                            <br/><span class="govuk-body-s">{worker.job_title}</span>
                                        </td>
                                        <td class="govuk-table__cell">{worker.team.unwrap_or_default()}</td>
                                        <td class="govuk-table__cell">{worker.relation}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <p class="govuk-body govuk-error-message">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
