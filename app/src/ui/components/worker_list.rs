//! A dashboard's list of workers (issue 14 item 2): the DEC-1 flags first, the teams rolled
//! up, a filter and sortable columns that are plain links and a GET form, and pages: all on
//! the server, so it works with JavaScript off and sends one page however many workers.

use crate::ui::govuk::{Pagination, Tag, TagColour};
use leptos::prelude::*;
use pathway_core::domain::format_date;
use pathway_core::oversight::{
    Show, Sort, TeamRollup, WorkerList, WorkerQuery, WorkerRow, PAGE_SIZE,
};

/// Who the list is for: their own workers, or the panel secretariat's whole pathway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFor {
    Manager,
    Secretariat,
}

/// The list as the server paged it; `path` is the dashboard's own address.
pub fn worker_list(list: WorkerList, path: &'static str, audience: ListFor) -> AnyView {
    let asked = WorkerQuery {
        sort: Some(list.sort.code().to_owned()),
        show: Some(list.show.code().to_owned()),
        team: list.team.clone(),
        page: None,
    };
    let everyone = list.teams.iter().map(|t| t.workers).sum::<u32>();
    if everyone == 0 && list.total == 0 {
        let empty = match audience {
            ListFor::Manager => "Nobody is supervised or managed by you at the moment.",
            ListFor::Secretariat => "Nobody is on the pathway at the moment.",
        };
        return view! { <p class="govuk-body" id="my-workers">{empty}</p> }.into_any();
    }
    let first = (list.page - 1) * PAGE_SIZE + 1;
    let last = first + list.rows.len() as u32 - 1;
    let showing = if list.total == 0 {
        "No workers match these choices.".to_owned()
    } else {
        format!("Showing {first} to {last} of {} workers", list.total)
    };
    let page_href = {
        let asked = asked.clone();
        move |page: u32| asked.href(path, page)
    };
    view! {
        {flag_warning(list.flagged, path)}
        {(list.teams.len() > 1).then(|| teams_table(&list.teams, path))}
        {filter_form(&list, path)}
        <p class="govuk-body" id="workers-shown">{showing}</p>
        {(!list.rows.is_empty()).then(|| rows_table(list.rows, &asked, path, audience))}
        <Pagination current=list.page pages=list.pages href=page_href/>
    }
    .into_any()
}

fn flag_warning(flagged: u32, path: &'static str) -> Option<AnyView> {
    (flagged > 0).then(|| {
        let text = if flagged == 1 {
            "1 worker is eligible and waiting for a decision".to_owned()
        } else {
            format!("{flagged} workers are eligible and waiting for a decision")
        };
        let href = format!("{path}?sort=waiting&show=flagged");
        view! {
            <div class="govuk-warning-text" id="flagged-summary">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    {text}". "
                    <a class="govuk-link" href=href>"Show who is waiting"</a>
                </strong>
            </div>
        }
        .into_any()
    })
}

fn waited(days: Option<i64>) -> String {
    match days {
        Some(1) => "1 day".to_owned(),
        Some(days) => format!("{days} days"),
        None => "—".to_owned(),
    }
}

fn teams_table(teams: &[TeamRollup], path: &'static str) -> AnyView {
    let rows = teams
        .iter()
        .map(|team| {
            let href = WorkerQuery {
                show: Some(Show::Flagged.code().to_owned()),
                team: Some(team.team.clone()),
                ..WorkerQuery::default()
            }
            .href(path, 1);
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header"><a class="govuk-link" href=href>{team.team.clone()}</a></th>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{team.workers}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{team.flagged}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{waited(team.longest_wait_days)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" id="team-rollup">
            <caption class="govuk-table__caption govuk-table__caption--m">"Teams"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Team"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Workers"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Waiting for a decision"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Longest wait"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

fn filter_form(list: &WorkerList, path: &'static str) -> AnyView {
    let shows = Show::ALL
        .into_iter()
        .map(|show| view! { <option value=show.code() selected=show == list.show>{show.label()}</option> })
        .collect_view();
    let teams = (list.teams.len() > 1).then(|| {
        let options = list
            .teams
            .iter()
            .map(|team| {
                let chosen = list.team.as_deref() == Some(team.team.as_str());
                view! { <option value=team.team.clone() selected=chosen>{team.team.clone()}</option> }
            })
            .collect_view();
        view! {
            <div class="govuk-form-group app-filter__group">
                <label class="govuk-label" for="filter-team">"Team"</label>
                <select class="govuk-select" id="filter-team" name="team">
                    <option value="" selected=list.team.is_none()>"Every team"</option>
                    {options}
                </select>
            </div>
        }
    });
    view! {
        <form method="get" action=path id="worker-filter" class="app-filter">
            <input type="hidden" name="sort" value=list.sort.code()/>
            <div class="govuk-form-group app-filter__group">
                <label class="govuk-label" for="filter-show">"Show"</label>
                <select class="govuk-select" id="filter-show" name="show">{shows}</select>
            </div>
            {teams}
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Apply"</button>
        </form>
    }
    .into_any()
}

/// A column heading that sorts the list by `sort` (plain link; the current one marked).
fn sort_heading(
    label: &'static str,
    sort: Sort,
    asked: &WorkerQuery,
    path: &'static str,
) -> AnyView {
    let current = asked.sort.as_deref() == Some(sort.code());
    let href = WorkerQuery {
        sort: Some(sort.code().to_owned()),
        ..asked.clone()
    }
    .href(path, 1);
    let order = match (current, sort) {
        (false, _) => "none",
        (true, Sort::Waiting) => "descending",
        (true, _) => "ascending",
    };
    view! {
        <th scope="col" class="govuk-table__header" aria-sort=order>
            <a class="govuk-link app-sort" href=href>{label}</a>
        </th>
    }
    .into_any()
}

fn rows_table(
    rows: Vec<WorkerRow>,
    asked: &WorkerQuery,
    path: &'static str,
    audience: ListFor,
) -> AnyView {
    let body = rows
        .into_iter()
        .map(|row| worker_row(row, audience))
        .collect_view();
    view! {
        <table class="govuk-table" id="my-workers">
            <caption class="govuk-table__caption govuk-visually-hidden">"Workers"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {sort_heading("Worker", Sort::Name, asked, path)}
                    {sort_heading("Team", Sort::Team, asked, path)}
                    <th scope="col" class="govuk-table__header">"Level and next step"</th>
                    <th scope="col" class="govuk-table__header">"Requirements met"</th>
                    {sort_heading("Eligible from", Sort::Eligible, asked, path)}
                    {sort_heading("Decision", Sort::Waiting, asked, path)}
                    {sort_heading("Last decision", Sort::Decided, asked, path)}
                </tr>
            </thead>
            <tbody class="govuk-table__body">{body}</tbody>
        </table>
    }
    .into_any()
}

fn worker_row(row: WorkerRow, audience: ListFor) -> impl IntoView {
    let portfolio = format!("/portfolio?person={}", row.id);
    let decisions = format!("/decisions?person={}", row.id);
    let decisions_label = format!("Decisions: {}", row.name);
    let relation = match audience {
        ListFor::Manager => row
            .relation
            .map(|r| format!("You are their {}", r.to_lowercase())),
        ListFor::Secretariat => None,
    };
    let level = match row.next_step {
        Some(next) => format!("{}, working towards {next}", row.level),
        None => row.level,
    };
    let met = if row.of == 0 {
        "—".to_owned()
    } else {
        format!("{} of {}", row.met, row.of)
    };
    let flag = row.flagged.then(|| {
        view! {
            <Tag colour=TagColour::Red text="Decision needed"/>
            <br/>
            <span class="govuk-body-s">{format!("Waiting {}", waited(row.waiting_days))}</span>
            <br/>
        }
    });
    view! {
        <tr class="govuk-table__row" id=format!("worker-{}", row.id)>
            <td class="govuk-table__cell">
                <a class="govuk-link" href=portfolio>{row.name}</a>
                {relation.map(|r| view! { <br/><span class="govuk-body-s">{r}</span> })}
            </td>
            <td class="govuk-table__cell">{row.team.unwrap_or_default()}</td>
            <td class="govuk-table__cell">{level}</td>
            <td class="govuk-table__cell">
                {met}
                {row.ready.then(|| view! { <br/><Tag colour=TagColour::Green text="Ready to apply"/> })}
            </td>
            <td class="govuk-table__cell">{row.eligible_from.map(format_date).unwrap_or_else(|| "—".to_owned())}</td>
            <td class="govuk-table__cell">
                {flag}
                <span class="govuk-body-s">{row.decision}</span>
                <br/>
                <a class="govuk-link" href=decisions>{decisions_label}</a>
            </td>
            <td class="govuk-table__cell">{row.last_decision_on.map(format_date).unwrap_or_else(|| "None yet".to_owned())}</td>
        </tr>
    }
}
