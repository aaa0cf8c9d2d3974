//! /training: Learning & Development's core and development courses (PATH-MGMT-3). Anyone
//! signed in sees the list in force; L&D administrators add and remove courses, each change
//! publishing a new version from today. Plain forms: works with JavaScript off.

use crate::api::training::current::current_training;
use crate::api::training::TrainingPage;
use crate::ui::govuk::{
    error_for, group_class, posted_errors, Cell, Column, ErrorMessage, ErrorSummary, Loaded,
    Radios, Row, Table, TextInput,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::domain::{Level, TrainingList};
use pathway_core::error::FieldError;
use pathway_core::portfolio::kinds::level_code;

#[component]
pub fn TrainingListPage() -> impl IntoView {
    let page = Resource::new_blocking(|| (), |_| current_training());
    let errors = Signal::stored(posted_errors("code"));
    view! {
        <Title text="Core and development training"/>
        <RequireUser>
            <ErrorSummary errors/>
            <h1 class="govuk-heading-xl">"Core and development training"</h1>
            <p class="govuk-body">
                "Learning and Development's list of core and development courses. To show readiness for senior practitioner or management roles (PATH-MGMT-3), a worker records each course on the list for their level as CPD, naming the course."
            </p>
            <Loaded resource=page view=move |page: TrainingPage| view! {
                {courses_table(page.list.as_ref(), page.can_edit)}
                {page.can_edit.then(|| add_course_form(errors))}
            }/>
        </RequireUser>
    }
}

fn levels_text(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| l.title())
        .collect::<Vec<_>>()
        .join(", ")
}

fn courses_table(list: Option<&TrainingList>, can_edit: bool) -> AnyView {
    let Some(list) = list.filter(|l| !l.courses.is_empty()) else {
        return view! {
            <p class="govuk-body" id="no-training-list">"Learning and Development has not published a list yet."</p>
        }
        .into_any();
    };
    let since = pathway_core::domain::format_date(list.effective_from);
    let courses = list.courses.clone();
    let mut columns = vec![
        Column::text("Code"),
        Column::text("Course"),
        Column::text("Kind"),
        Column::text("For"),
    ];
    if can_edit {
        columns.push(Column::hidden("Actions"));
    }
    view! {
        <Table id="training-list" caption=format!("In force from {since}") columns=columns>
            {courses.into_iter().map(|course| {
                let levels = levels_text(&course.levels);
                let (code, shown) = (course.code.clone(), course.code);
                view! {
                    <Row>
                        <Cell>{shown}</Cell>
                        <Cell>{course.title}</Cell>
                        <Cell>{course.kind.label()}</Cell>
                        <Cell>{levels}</Cell>
                        {can_edit.then(|| view! {
                            <Cell>
                                <form method="post" action="/api/training/remove_course">
                                    <input type="hidden" name="code" value=code.clone()/>
                                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                                        "Remove" <span class="govuk-visually-hidden">{format!(" {code}")}</span>
                                    </button>
                                </form>
                            </Cell>
                        })}
                    </Row>
                }
            }).collect_view()}
        </Table>
    }
    .into_any()
}

fn add_course_form(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let (kind_error, levels_error) = (error_for(errors, "kind"), error_for(errors, "levels"));
    view! {
        <h2 class="govuk-heading-l">"Add a course"</h2>
        <form method="post" action="/api/training/add_course" novalidate=true id="add-course">
            <TextInput id="code" label="Course code" hint="Letters, numbers and hyphens, for example CORE-01"
                width="govuk-input--width-10" error=error_for(errors, "code")/>
            <TextInput id="title" label="Course title" error=error_for(errors, "title")/>
            <Radios id="kind" name="kind" legend="Kind of training" legend_size="govuk-fieldset__legend--s" small=true
                options=vec![("core", "Core training"), ("development", "Development training")] error=kind_error/>
            <div class=group_class(levels_error.into())>
                <fieldset class="govuk-fieldset" aria-describedby="levels-hint">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Which levels is it for?"</legend>
                    <div class="govuk-hint" id="levels-hint">"Select all that apply"</div>
                    <ErrorMessage id="levels" error=levels_error/>
                    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                        {Level::ALL.iter().enumerate().map(|(i, level)| {
                            let id = if i == 0 { "levels".to_owned() } else { format!("levels-{}", level_code(*level)) };
                            view! {
                                <div class="govuk-checkboxes__item">
                                    <input class="govuk-checkboxes__input" id=id.clone() type="checkbox"
                                        name=format!("levels[{}]", level_code(*level)) value="on"/>
                                    <label class="govuk-label govuk-checkboxes__label" for=id>{level.title()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <button type="submit" class="govuk-button">"Add course"</button>
        </form>
    }
}
