//! Dashboards: one per role held. A person with several roles switches between them here
//! without signing in again. Managers and the panel secretariat see their workers here.

use crate::api::oversight::{asye_cohort, overseen_workers, secretariat_workers};
use crate::ui::components::asye_cohort::asye_cohort as asye_cohort_table;
use crate::ui::components::worker_list::{worker_list, ListFor};
use crate::ui::govuk::Loaded;
use crate::ui::session::{use_user, RequireUser};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use pathway_core::identity::{CurrentUser, Role};
use pathway_core::oversight::{WorkerQuery, OVERSEERS};

/// The dashboards a person may open, one per distinct path, in role order.
pub fn dashboards(user: &CurrentUser) -> Vec<(Role, &'static str)> {
    let mut seen = Vec::new();
    user.roles
        .iter()
        .filter(|role| {
            let path = role.dashboard_path();
            let fresh = !seen.contains(&path);
            seen.push(path);
            fresh
        })
        .map(|role| (*role, role.dashboard_path()))
        .collect()
}

#[component]
pub fn Dashboards() -> impl IntoView {
    view! {
        <Title text="Your dashboards"/>
        <RequireUser>
            <h1 class="govuk-heading-xl">"Your dashboards"</h1>
            <SwitchDashboard current=None/>
        </RequireUser>
    }
}

#[component]
pub fn RoleDashboard() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let path = move || {
        format!(
            "/dashboard/{}",
            params.read().get("kind").unwrap_or_default()
        )
    };
    // Made here, unconditionally, so server and browser create resources in the same order;
    // only a dashboard with a list of workers asks for one.
    let workers = Resource::new_blocking(
        move || {
            let query = query.read();
            let asked = WorkerQuery {
                sort: query.get("sort"),
                show: query.get("show"),
                team: query.get("team"),
                page: query.get("page"),
            };
            (list_for(&path()), asked)
        },
        |(audience, asked)| async move {
            match audience {
                Some(ListFor::Manager) => overseen_workers(asked).await.map(Some),
                Some(ListFor::Secretariat) => secretariat_workers(asked).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let cohort = Resource::new_blocking(
        move || {
            (
                path() == Role::LdAdministrator.dashboard_path(),
                query.read().get("page"),
            )
        },
        |(learning, page)| async move {
            if learning {
                asye_cohort(page).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <RequireUser>
            {move || {
                let path = path();
                let role = Role::ALL.into_iter().find(|role| role.dashboard_path() == path);
                let user = use_user();
                Suspend::new(async move {
                    let user = user.await.ok().flatten();
                    match (role, user) {
                        (Some(role), Some(user)) if user.roles.iter().any(|r| r.dashboard_path() == role.dashboard_path()) => {
                            let label = user.roles.iter().filter(|r| r.dashboard_path() == role.dashboard_path()).map(|r| r.label()).collect::<Vec<_>>().join(" and ");
                            view! {
                                <Title text=format!("{label} dashboard")/>
                                <span class="govuk-caption-l">{user.name.clone()}</span>
                                <h1 class="govuk-heading-xl" id="dashboard-title">{format!("{label} dashboard")}</h1>
                                {(role == Role::Practitioner).then(|| view! {
                                    <p class="govuk-body"><a class="govuk-link" href="/portfolio" id="my-pathway-link">"My pathway and portfolio"</a></p>
                                })}
                                {(role == Role::LdAdministrator).then(|| view! {
                                    <p class="govuk-body"><a class="govuk-link" href="/training" id="training-link">"Core and development training list"</a></p>
                                    <h2 class="govuk-heading-l" id="asye-heading">"ASYE workers"</h2>
                                    <p class="govuk-body">"Confirm each worker's completion of the ASYE programme here: it is never declared by the worker (PATH-ASYE-3)."</p>
                                    <Loaded resource=cohort id="asye-cohort" view=move |cohort| cohort.map(asye_cohort_table)/>
                                })}
                                {list_for(role.dashboard_path()).map(|audience| {
                                    let path = role.dashboard_path();
                                    let heading = match audience {
                                        ListFor::Manager => "Your workers",
                                        ListFor::Secretariat => "Who is and is not coming to panel",
                                    };
                                    view! {
                                        <h2 class="govuk-heading-l" id="workers-heading">{heading}</h2>
                                        <Loaded resource=workers id="my-workers" view=move |list| list.map(|list| worker_list(list, path, audience))/>
                                    }
                                })}
                                <SwitchDashboard current=Some(role.dashboard_path())/>
                            }.into_any()
                        }
                        _ => view! {
                            <h1 class="govuk-heading-l">"You do not have access to this page"</h1>
                            <p class="govuk-body"><a class="govuk-link" href="/dashboard">"Go to your dashboards"</a></p>
                        }.into_any(),
                    }
                })
            }}
        </RequireUser>
    }
}

/// The list of workers a dashboard shows, if any.
fn list_for(path: &str) -> Option<ListFor> {
    if OVERSEERS.iter().any(|role| role.dashboard_path() == path) {
        Some(ListFor::Manager)
    } else if Role::PanelSecretariat.dashboard_path() == path {
        Some(ListFor::Secretariat)
    } else {
        None
    }
}

/// Links to every dashboard the person holds a role for.
#[component]
fn SwitchDashboard(current: Option<&'static str>) -> impl IntoView {
    let user = use_user();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let user = user.await.ok().flatten()?;
                let list = dashboards(&user);
                (list.len() > 1 || current.is_none()).then(|| view! {
                    <nav class="app-switch-dashboard" aria-labelledby="switch-title">
                        <h2 class="govuk-heading-m" id="switch-title">"Switch dashboard"</h2>
                        <ul class="govuk-list">
                            {list.into_iter().map(|(role, path)| {
                                let here = current == Some(path);
                                view! {
                                    <li>
                                        <a class="govuk-link" href=path aria-current=here.then_some("page")>
                                            {if role == Role::Administrator { "Administration".to_string() } else { format!("{} dashboard", role.label()) }}
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </nav>
                })
            })}
        </Suspense>
    }
}
