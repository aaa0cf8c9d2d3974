//! The start page: what Pathway is for, the panel calendar with its deadlines (PANEL-3,
//! PANEL-4) and a deadline checker that works without JavaScript (a GET form the server
//! answers) and, once hydrated, updates as the date is typed.

use crate::api::panels::upcoming_panels;
use crate::ui::components::deadlines::{describe_deadline, DeadlineText};
use crate::ui::govuk::{Cell, Column, DateInput, Loaded, Row, Table};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::date_input::{from_query, parse_date_value, DateProblem};
use pathway_core::models::PanelSummary;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <Title text=""/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-xl">"Pathway"</h1>
                <p class="govuk-body-l">
                    "Build your portfolio for the social work career progression pathway, follow your manager's "
                    "endorsement, book a Progression Panel and study on the Achieving Permanence programme."
                </p>
            </div>
        </div>
        <PanelCalendar/>
        <DeadlineChecker/>
    }
}

#[component]
fn PanelCalendar() -> impl IntoView {
    let panels = Resource::new_blocking(|| (), |_| upcoming_panels());
    view! {
        <h2 class="govuk-heading-l">"Upcoming Progression Panels"</h2>
        <Loaded resource=panels view=calendar id="panel-calendar"/>
    }
}

fn calendar(list: Vec<PanelSummary>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="govuk-body" id="panel-calendar">"No panels are scheduled yet."</p> }
            .into_any();
    }
    let columns = vec![
        Column::text("Panel"),
        Column::text("Date"),
        Column::text("Papers due"),
        Column::text("Circulated to the panel by"),
    ];
    view! {
        <Table id="panel-calendar" columns
            caption="Papers are due two weeks before the panel by 11:00 UK time. Late papers are not considered.">
            {list.into_iter().map(|panel| {
                let text = describe_deadline(panel.panel_date);
                view! {
                    <Row>
                        <Cell>{panel.kind.label()}<br/><span class="govuk-body-s">{panel.location}</span></Cell>
                        <Cell>{text.panel}</Cell>
                        <Cell>{text.papers_due}</Cell>
                        <Cell>{text.circulation_due}</Cell>
                    </Row>
                }
            }).collect_view()}
        </Table>
    }
    .into_any()
}

/// Without JavaScript the form submits the date's three boxes and the server renders the
/// answer; after hydration the answer follows every change of the boxes, with no submit.
/// The server draws the form and the answer; the island only redraws the answer
/// (`deadline_script`), so the page's code has no view code for the form.
#[component]
fn DeadlineChecker() -> impl IntoView {
    let query = use_query_map();
    let first = query.with_untracked(|q| from_query(|key| q.get(key), "panel"));
    let answer = parse_answer(&first);
    let sent = first.clone();
    let error = match &answer {
        Some(Err(message)) => Some(message.clone()),
        _ => None,
    };
    view! {
        <h2 class="govuk-heading-l" id="deadline-checker">"Check a panel deadline"</h2>
        <DeadlineScript>
            <form method="get" action="/" novalidate=true id="deadline-form" data-sent=sent>
                <DateInput id="panel" legend="Panel date" hint="For example, 5 2 2027" value=first
                    error=Signal::stored(error)/>
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                    "Check deadline"
                </button>
            </form>
            <div class="app-deadline-result" id="deadline-result" aria-live="polite">
                {answer.and_then(Result::ok).map(|text| view! {
                    <div class="govuk-inset-text">
                        <p class="govuk-body">"Panel: " <strong>{text.panel}</strong></p>
                        <p class="govuk-body">"Papers must be submitted by " <strong>{text.papers_due}</strong></p>
                        <p class="govuk-body">"Papers circulated to the panel by " <strong>{text.circulation_due}</strong></p>
                    </div>
                })}
            </div>
        </DeadlineScript>
    }
}

/// The checker in the browser: `children` are the server-rendered form and answer.
#[island(lazy)]
pub fn DeadlineScript(children: Children) -> impl IntoView {
    let on_input = move |_: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        super::deadline_script::typed();
    };
    view! { <div on:input=on_input>{children()}</div> }
}

pub(super) fn parse_answer(value: &str) -> Option<Result<DeadlineText, String>> {
    match parse_date_value(value) {
        Ok(date) => Some(Ok(describe_deadline(date))),
        Err(DateProblem::Missing) => None,
        Err(problem) => Some(Err(problem.message("Panel date", String::new()))),
    }
}
