//! /training: Learning & Development's core and development courses (PATH-MGMT-3). Anyone
//! signed in sees the list in force; L&D administrators add and remove courses, each change
//! publishing a new version from today. Plain forms: works with JavaScript off.

use crate::api::training::current::current_training;
use crate::ui::components::error_summary::{posted_error, ErrorSummary};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::domain::{Level, TrainingList};
use pathway_core::portfolio::kinds::level_code;

#[component]
pub fn TrainingListPage() -> impl IntoView {
    let page = Resource::new_blocking(|| (), |_| current_training());
    let error = posted_error();
    view! {
        <Title text="Core and development training"/>
        <RequireUser>
            <ErrorSummary error=error.clone() field="code"/>
            <h1 class="govuk-heading-xl">"Core and development training"</h1>
            <p class="govuk-body">
                "Learning and Development's list of core and development courses. To show readiness for senior practitioner or management roles (PATH-MGMT-3), a worker records each course on the list for their level as CPD, naming the course."
            </p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! {
                            {courses_table(page.list.as_ref(), page.can_edit)}
                            {page.can_edit.then(add_course_form)}
                        }.into_any(),
                        Err(error) => view! { <p class="govuk-error-message">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
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
    view! {
        <table class="govuk-table" id="training-list">
            <caption class="govuk-table__caption govuk-table__caption--m">{format!("In force from {since}")}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Code"</th>
                <th scope="col" class="govuk-table__header">"Course"</th>
                <th scope="col" class="govuk-table__header">"Kind"</th>
                <th scope="col" class="govuk-table__header">"For"</th>
                {can_edit.then(|| view! { <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th> })}
            </tr></thead>
            <tbody class="govuk-table__body">
                {list.courses.iter().map(|course| {
                    let code = course.code.clone();
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{course.code.clone()}</td>
                            <td class="govuk-table__cell">{course.title.clone()}</td>
                            <td class="govuk-table__cell">{course.kind.label()}</td>
                            <td class="govuk-table__cell">{levels_text(&course.levels)}</td>
                            {can_edit.then(|| view! {
                                <td class="govuk-table__cell">
                                    <form method="post" action="/api/training/remove_course">
                                        <input type="hidden" name="code" value=code.clone()/>
                                        <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                                            "Remove" <span class="govuk-visually-hidden">{format!(" {code}")}</span>
                                        </button>
                                    </form>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn add_course_form() -> impl IntoView {
    view! {
        <h2 class="govuk-heading-l">"Add a course"</h2>
        <form method="post" action="/api/training/add_course" novalidate=true id="add-course">
            <div class="govuk-form-group">
                <label class="govuk-label" for="code">"Course code"</label>
                <div class="govuk-hint" id="code-hint">"Letters, numbers and hyphens, for example CORE-01"</div>
                <input class="govuk-input govuk-input--width-10" id="code" name="code" type="text"
                    aria-describedby="code-hint" autocomplete="off" spellcheck="false"/>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="title">"Course title"</label>
                <input class="govuk-input" id="title" name="title" type="text" autocomplete="off"/>
            </div>
            <div class="govuk-form-group">
                <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Kind of training"</legend>
                    <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                        <div class="govuk-radios__item">
                            <input class="govuk-radios__input" id="kind" name="kind" type="radio" value="core"/>
                            <label class="govuk-label govuk-radios__label" for="kind">"Core training"</label>
                        </div>
                        <div class="govuk-radios__item">
                            <input class="govuk-radios__input" id="kind-development" name="kind" type="radio" value="development"/>
                            <label class="govuk-label govuk-radios__label" for="kind-development">"Development training"</label>
                        </div>
                    </div>
                </fieldset>
            </div>
            <div class="govuk-form-group">
                <fieldset class="govuk-fieldset" aria-describedby="levels-hint">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Which levels is it for?"</legend>
                    <div class="govuk-hint" id="levels-hint">"Select all that apply"</div>
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
