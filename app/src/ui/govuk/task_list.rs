//! The task list: what must be done, each task's status beside it, the task a link when
//! there is somewhere to go to do it.

use leptos::prelude::*;

pub struct TaskListItem {
    /// Unique on the page: the item is `task-{id}`, its hint and status hang off it.
    pub id: String,
    pub title: String,
    pub href: Option<String>,
    pub hint: String,
    /// "Complete" as plain text, anything else as a tag (GOV.UK's convention).
    pub status: AnyView,
}

#[component]
pub fn TaskList(
    #[prop(into, optional)] id: Option<String>,
    items: Vec<TaskListItem>,
) -> impl IntoView {
    view! {
        <ul class="govuk-task-list" id=id>
            {items.into_iter().map(|task| {
                let status_id = format!("task-{}-status", task.id);
                let hint_id = format!("task-{}-hint", task.id);
                let described = format!("{hint_id} {status_id}");
                let name = match task.href {
                    Some(href) => view! {
                        <a class="govuk-link govuk-task-list__link" href=href aria-describedby=described>{task.title}</a>
                    }.into_any(),
                    None => view! { <span>{task.title}</span> }.into_any(),
                };
                view! {
                    <li class="govuk-task-list__item govuk-task-list__item--with-link" id=format!("task-{}", task.id)>
                        <div class="govuk-task-list__name-and-hint">
                            {name}
                            <div id=hint_id class="govuk-task-list__hint">{task.hint}</div>
                        </div>
                        <div class="govuk-task-list__status" id=status_id>{task.status}</div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
