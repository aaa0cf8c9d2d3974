//! Learning and Development's ASYE workers (policy §6(i)): each with the programme's
//! completion once L&D has confirmed it, or a link to confirm it (PATH-ASYE-3). Paged on
//! the server with plain links.

use crate::ui::govuk::{Pagination, Tag, TagColour};
use leptos::prelude::*;
use pathway_core::domain::format_date;
use pathway_core::oversight::{AsyeCohort, AsyeRow};

pub fn asye_cohort(cohort: AsyeCohort) -> AnyView {
    if cohort.total == 0 {
        return view! { <p class="govuk-body" id="asye-cohort">"Nobody is in their ASYE year at the moment."</p> }
            .into_any();
    }
    let body = cohort.rows.into_iter().map(cohort_row).collect_view();
    view! {
        <table class="govuk-table" id="asye-cohort">
            <caption class="govuk-table__caption govuk-visually-hidden">"ASYE workers"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Worker"</th>
                    <th scope="col" class="govuk-table__header">"Team"</th>
                    <th scope="col" class="govuk-table__header">"Qualified"</th>
                    <th scope="col" class="govuk-table__header">"ASYE programme"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{body}</tbody>
        </table>
        <Pagination current=cohort.page pages=cohort.pages href=|page| format!("/dashboard/learning?page={page}")/>
    }
    .into_any()
}

fn cohort_row(row: AsyeRow) -> impl IntoView {
    let programme = match row.completed_on {
        Some(date) => view! {
            <Tag colour=TagColour::Green text="Completed"/>
            " "{format!("on {}", format_date(date))}
        }
        .into_any(),
        None => {
            let href = format!("/portfolio/edit?kind=asye_completion&person={}", row.id);
            let label = format!("Confirm completion: {}", row.name);
            view! { <a class="govuk-link" href=href>{label}</a> }.into_any()
        }
    };
    view! {
        <tr class="govuk-table__row" id=format!("asye-{}", row.id)>
            <td class="govuk-table__cell">{row.name}</td>
            <td class="govuk-table__cell">{row.team.unwrap_or_default()}</td>
            <td class="govuk-table__cell">{row.qualified_on.map(format_date).unwrap_or_else(|| "Not recorded".to_owned())}</td>
            <td class="govuk-table__cell">{programme}</td>
        </tr>
    }
}
