//! The CPD log (CPD-1, CPD-2): a leave year's activities with totals, the 3 additional CPD
//! days used and left, a filter by type (a GET form) and a CSV download.

use super::StatusTag;
use crate::api::portfolio::cpd_log::load_cpd_log;
use crate::ui::govuk::{Cell, Column, Loaded, Panel, Row, Table};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::portfolio::kinds::CPD_TYPES;
use pathway_core::portfolio::views::CpdLog;

#[component]
pub fn CpdLogPage() -> impl IntoView {
    let query = use_query_map();
    let log = Resource::new_blocking(
        move || {
            query.with(|q| {
                (
                    q.get("person"),
                    q.get("year").and_then(|y| y.parse::<i32>().ok()),
                    q.get("type"),
                )
            })
        },
        |(person, year, cpd_type)| load_cpd_log(person, year, cpd_type),
    );
    view! {
        <Title text="CPD log"/>
        <RequireUser>
            <Loaded resource=log view=cpd_log/>
        </RequireUser>
    }
}

fn cpd_log(log: CpdLog) -> impl IntoView {
    let person = log.person_id.to_string();
    let selected_type = log.cpd_type.clone().unwrap_or_default();
    let csv = format!(
        "/portfolio/cpd.csv?person={}&year={}&type={}",
        log.person_id, log.year, selected_type
    );
    let allowance = log.allowance.clone();
    let left = if allowance.exceeded {
        format!("{} over the allowance", allowance.over.with_unit())
    } else {
        format!("{} left", allowance.left.with_unit())
    };
    view! {
        <a class="govuk-back-link" href=format!("/portfolio?person={person}")>"Back to the pathway"</a>
        <span class="govuk-caption-l">{log.person_name.clone()}</span>
        <h1 class="govuk-heading-xl">"CPD log"</h1>
        <Panel id="cpd-allowance" title=left in_page=true>
            {format!("Additional CPD days (3 a year beyond formal training): {}", allowance.summary)}
        </Panel>
        <form method="get" action="/portfolio/cpd" class="app-filter" id="cpd-filter">
            <input type="hidden" name="person" value=person.clone()/>
            <div class="govuk-form-group">
                <label class="govuk-label" for="year">"Leave year"</label>
                <select class="govuk-select" id="year" name="year">
                    {log.years.iter().map(|(year, label)| view! {
                        <option value=year.to_string() selected=*year == log.year>{label.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="type">"Type of CPD"</label>
                <select class="govuk-select" id="type" name="type">
                    <option value="" selected=selected_type.is_empty()>"All types"</option>
                    {CPD_TYPES.iter().map(|(code, label)| view! {
                        <option value=*code selected=selected_type == *code>{*label}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
        </form>
        <h2 class="govuk-heading-m">{log.year_label.clone()}</h2>
        <p class="govuk-body" id="cpd-totals">{log.totals.clone()}</p>
        <Table id="cpd-entries" columns=vec![
            Column::text("Date"),
            Column::text("Activity"),
            Column::text("Type"),
            Column::text("Time"),
            Column::text("Additional days used"),
            Column::text("Status"),
        ]>
            {log.entries.into_iter().map(|entry| view! {
                <Row>
                    <Cell>{entry.date_text}</Cell>
                    <Cell><a class="govuk-link" href=format!("/portfolio/evidence?id={}", entry.id)>{entry.title}</a></Cell>
                    <Cell>{entry.cpd_type_label}</Cell>
                    <Cell>{entry.duration_text}</Cell>
                    <Cell>{entry.allowance_days.map(|d| d.with_unit()).unwrap_or_else(|| "None".to_owned())}</Cell>
                    <Cell><StatusTag status=entry.status/></Cell>
                </Row>
            }).collect_view()}
        </Table>
        <p class="govuk-body">
            <a class="govuk-link" href=csv download="" id="cpd-csv">"Download this log as a spreadsheet (CSV)"</a>
        </p>
        <p class="govuk-body">
            <a class="govuk-link" href=format!("/portfolio/edit?kind=cpd_activity&person={person}")>"Add a CPD activity"</a>
        </p>
    }
}
