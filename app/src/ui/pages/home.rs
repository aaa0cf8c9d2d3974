//! The start page: what Pathway is for, the panel calendar with its deadlines (PANEL-3,
//! PANEL-4) and a deadline checker that works without JavaScript (a GET form the server
//! answers) and, once hydrated, updates as the date is typed.

use crate::api::panels::upcoming_panels;
use crate::ui::components::deadlines::{describe_deadline, DeadlineText};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading panel dates…"</p> }>
            {move || Suspend::new(async move {
                match panels.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="govuk-body" id="panel-calendar">"No panels are scheduled yet."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <table class="govuk-table" id="panel-calendar">
                            <caption class="govuk-table__caption govuk-table__caption--m">
                                "Papers are due two weeks before the panel by 11:00 UK time. Late papers are not considered."
                            </caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Panel"</th>
                                    <th scope="col" class="govuk-table__header">"Date"</th>
                                    <th scope="col" class="govuk-table__header">"Papers due"</th>
                                    <th scope="col" class="govuk-table__header">"Circulated to the panel by"</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {list.into_iter().map(|panel| {
                                    let text = describe_deadline(panel.panel_date);
                                    view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">{panel.kind.label()}<br/><span class="govuk-body-s">{panel.location}</span></td>
                                            <td class="govuk-table__cell">{text.panel}</td>
                                            <td class="govuk-table__cell">{text.papers_due}</td>
                                            <td class="govuk-table__cell">{text.circulation_due}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! {
                        <p class="govuk-body govuk-error-message" id="panel-calendar">{error.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Without JavaScript the form submits `?panel=YYYY-MM-DD` and the server renders the answer;
/// after hydration the answer follows every change of the input, with no submit.
#[component]
fn DeadlineChecker() -> impl IntoView {
    let query = use_query_map();
    let typed = RwSignal::new(query.with_untracked(|q| q.get("panel").unwrap_or_default()));
    let answer = move || typed.with(|value| parse_answer(value));
    view! {
        <h2 class="govuk-heading-l" id="deadline-checker">"Check a panel deadline"</h2>
        <form method="get" action="/" novalidate=true>
            <div class="govuk-form-group">
                <label class="govuk-label" for="panel">"Panel date"</label>
                <div class="govuk-hint" id="panel-hint">"For example, 5 February 2027"</div>
                <input class="govuk-input govuk-input--width-10" id="panel" name="panel" type="date"
                    aria-describedby="panel-hint"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                "Check deadline"
            </button>
        </form>
        <div class="app-deadline-result" id="deadline-result" aria-live="polite">
            {move || match answer() {
                None => ().into_any(),
                Some(Err(message)) => view! { <p class="govuk-error-message">{message}</p> }.into_any(),
                Some(Ok(text)) => view! {
                    <div class="govuk-inset-text">
                        <p class="govuk-body">"Panel: " <strong>{text.panel}</strong></p>
                        <p class="govuk-body">"Papers must be submitted by " <strong>{text.papers_due}</strong></p>
                        <p class="govuk-body">"Papers circulated to the panel by " <strong>{text.circulation_due}</strong></p>
                    </div>
                }.into_any(),
            }}
        </div>
    }
}

fn parse_answer(value: &str) -> Option<Result<DeadlineText, String>> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    Some(
        NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(describe_deadline)
            .map_err(|_| {
                "Enter the panel date as a real date, for example 5 February 2027".to_string()
            }),
    )
}
