use crate::api::admin::teams::list_teams;
use crate::api::people::get::get_person;
use crate::api::people::level_history::level_history;
use crate::error::ApiError;
use crate::ui::govuk::{
    error_for, group_class, posted_errors, DateInput, ErrorMessage, ErrorSummary, Loaded,
    SummaryList, SummaryRow, TextInput,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::domain::{format_date, level::Level};
use pathway_core::error::FieldError;
use pathway_core::identity::{LevelEntry, PersonRecord, Role};
use pathway_core::organisation::TeamSummary;
use pathway_core::portfolio::kinds::{level_code, level_from_code};

#[component]
pub fn AdminPerson() -> impl IntoView {
    let id = use_query_map().with_untracked(|q| q.get("id").unwrap_or_default());
    let page = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let history = level_history(id.clone()).await?;
            Ok::<_, ApiError>((get_person(id).await?, list_teams().await?, history))
        },
    );
    let errors = Signal::stored(posted_errors("team_id"));
    view! {
        <Title text="Person"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary errors/>
            <p class="govuk-body"><a class="govuk-link govuk-back-link" href="/admin/people">"Back to people"</a></p>
            <Loaded resource=page view=move |(person, teams, history)| view! { <PersonAdmin person teams history errors/> }/>
        </RequireUser>
    }
}

#[component]
fn PersonAdmin(
    person: PersonRecord,
    teams: Vec<TeamSummary>,
    history: Vec<LevelEntry>,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let held: Vec<Role> = person.roles.clone();
    let grantable: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|role| !held.contains(role))
        .collect();
    let id = person.id.to_string();
    let revoke_id = id.clone();
    let link_id = id.clone();
    let leaver_id = id.clone();
    let two_step_id = id.clone();
    let sessions_id = id.clone();
    let sign_in_id = id.clone();
    let level_now = level_title(person.level.as_deref());
    let qualified_on = person
        .qualification_date
        .as_deref()
        .and_then(|d| d.parse().ok())
        .map(format_date)
        .unwrap_or_else(|| "Not recorded".into());
    view! {
        <h1 class="govuk-heading-xl">{person.full_name.clone()}</h1>
        <SummaryList id="person-summary">
            <SummaryRow key="Email">{person.email.to_string()}</SummaryRow>
            <SummaryRow key="Job title">{person.job_title.clone()}</SummaryRow>
            <SummaryRow key="Team">{person.team.clone().unwrap_or_else(|| "No team".into())}</SummaryRow>
            <SummaryRow key="Level">{level_now}</SummaryRow>
            <SummaryRow key="Qualified">{qualified_on}</SummaryRow>
            <SummaryRow key="Registration">{person.registration_number.clone().unwrap_or_default()}</SummaryRow>
            <SummaryRow key="Status">{if person.active { "Active" } else { "Left" }}</SummaryRow>
        </SummaryList>

        <CareerRecord person_id=id.clone() current=person.level.clone() qualified=person.qualification_date.clone().unwrap_or_default() history errors/>

        <h2 class="govuk-heading-l">"Move to another team"</h2>
        <p class="govuk-body">"From today. The old team manager's access ends at once; the history is kept."</p>
        <form method="post" action="/api/admin/move_team">
            <input type="hidden" name="person_id" value=id.clone()/>
            <div class="govuk-form-group">
                <label class="govuk-label" for="team_id">"Team"</label>
                <select class="govuk-select" id="team_id" name="team_id">
                    {teams.into_iter().map(|team| view! { <option value=team.id.to_string()>{team.name}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Move"</button>
        </form>

        <h2 class="govuk-heading-l">"Roles"</h2>
        <ul class="govuk-list" id="roles">
            {held.into_iter().map(move |role| {
                let id = revoke_id.clone();
                view! {
                    <li>
                        <form method="post" action="/api/admin/revoke_role" class="app-inline-form">
                            <input type="hidden" name="person_id" value=id/>
                            <input type="hidden" name="role" value=role.code()/>
                            {role.label()}" "
                            <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-1">
                                "Revoke"<span class="govuk-visually-hidden">" "{role.label()}</span>
                            </button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form method="post" action="/api/admin/grant_role">
            <input type="hidden" name="person_id" value=id.clone()/>
            <div class="govuk-form-group">
                <label class="govuk-label" for="role">"Grant a role"</label>
                <select class="govuk-select" id="role" name="role">
                    {grantable.into_iter().map(|role| view! { <option value=role.code()>{role.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Grant"</button>
        </form>

        <h2 class="govuk-heading-l">"Set-password link"</h2>
        <p class="govuk-body">"A one-time link, valid for 72 hours, for this person to set their password. Earlier links stop working."</p>
        <SetPasswordLinkForm person_id=link_id/>

        <SignInLink person_id=sign_in_id errors/>
        <PersonAction heading="Two-step sign-in" person_id=two_step_id action="/api/admin/reset_two_step"
            button="Reset two-step sign-in"
            text="If this person has lost their phone and their recovery codes, reset their two-step sign-in. It stays off until they set it up again; if their role needs it, their next sign-in asks them to."/>
        <PersonAction heading="Sessions" person_id=sessions_id action="/api/admin/end_sessions"
            button="End all sessions"
            text="End every session this person has, on every device, at once (a lost laptop, or a sign-in that is not theirs). They can sign in again."/>
        <PersonAction heading="Leaver" person_id=leaver_id action="/api/admin/deactivate"
            button="Deactivate" warning=true
            text="Deactivating ends every session this person has, at once. Their records are kept."/>
    }
}

/// The person's link to the organisation's identity provider (issue 17 item 12), shown only
/// where one is configured: the subject it knows them by, a form to set it and a button to
/// remove it.
#[component]
fn SignInLink(
    person_id: String,
    errors: Signal<Vec<pathway_core::error::FieldError>>,
) -> impl IntoView {
    use crate::api::admin::sign_in_link::sign_in_link;
    use crate::ui::govuk::{error_for, TextInput};
    let provider = use_context::<Option<pathway_core::identity::IdentityProvider>>().flatten()?;
    let id = person_id.clone();
    let linked = Resource::new_blocking(move || id.clone(), sign_in_link);
    let view_link = move |subject: Option<String>| {
        let person_id = person_id.clone();
        let shown = subject.clone().unwrap_or_else(|| "Not linked".into());
        view! {
            <p class="govuk-body" id="sign-in-link">{shown}</p>
            <form method="post" action="/api/admin/link_sign_in">
                <input type="hidden" name="person_id" value=person_id.clone()/>
                <TextInput id="subject" label="Subject at the identity provider"
                    hint="The identifier the provider gives this person (its \u{201c}sub\u{201d}), from your identity team. Not their email address."
                    value=subject.clone().unwrap_or_default() error=error_for(errors, "subject")/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Link"</button>
            </form>
            {subject.is_some().then(|| view! {
                <form method="post" action="/api/admin/unlink_sign_in">
                    <input type="hidden" name="person_id" value=person_id/>
                    <button type="submit" class="govuk-button govuk-button--warning">"Remove the link"</button>
                </form>
            })}
        }
    };
    Some(view! {
        <h2 class="govuk-heading-l">{format!("Sign-in with {}", provider.name)}</h2>
        <p class="govuk-body">"A linked person can sign in with their organisation's account instead of their Pathway password."</p>
        <Loaded resource=linked view=view_link/>
    })
}

/// One thing an administrator does to the person with a single button: a heading, what it
/// does, and a plain form posting the person's id (works with JavaScript off).
#[component]
fn PersonAction(
    heading: &'static str,
    text: &'static str,
    action: &'static str,
    button: &'static str,
    person_id: String,
    #[prop(optional)] warning: bool,
) -> impl IntoView {
    let class = if warning {
        "govuk-button govuk-button--warning"
    } else {
        "govuk-button govuk-button--secondary"
    };
    view! {
        <h2 class="govuk-heading-l">{heading}</h2>
        <p class="govuk-body">{text}</p>
        <form method="post" action=action>
            <input type="hidden" name="person_id" value=person_id/>
            <button type="submit" class=class>{button}</button>
        </form>
    }
}

/// Creates the link; in the browser it is shown without leaving the page (`script`).
#[component]
fn SetPasswordLinkForm(person_id: String) -> impl IntoView {
    view! {
        <SetPasswordLinkScript>
            <form method="post" action="/api/admin/set_password_link" id="set-password-link-form">
                <input type="hidden" name="person_id" value=person_id/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Create link"</button>
            </form>
            <div aria-live="polite" id="set-password-link"></div>
        </SetPasswordLinkScript>
    }
}

#[island(lazy)]
pub fn SetPasswordLinkScript(children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        super::script::set_password_link(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div on:submit=on_submit>{children()}</div> }
}

/// "Level 2 Social Worker", from a level's code; none: not on the pathway.
fn level_title(code: Option<&str>) -> String {
    code.and_then(level_from_code)
        .map_or("Not on the career pathway", Level::title)
        .to_owned()
}

/// The person's level history with the form to record a change (the pay date and why),
/// and the qualification date the pathway counts from (issue 14 item 1).
#[component]
fn CareerRecord(
    person_id: String,
    current: Option<String>,
    qualified: String,
    history: Vec<LevelEntry>,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let level_error = error_for(errors, "level");
    view! {
        <h2 class="govuk-heading-l">"Career level"</h2>
        {if history.is_empty() {
            view! { <p class="govuk-body" id="level-history">"No level recorded: not on the career pathway."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table" id="level-history">
                    <caption class="govuk-table__caption govuk-table__caption--s">"Level history (each change takes effect on its date, the pay date)"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"From"</th>
                        <th scope="col" class="govuk-table__header">"Level"</th>
                        <th scope="col" class="govuk-table__header">"Why"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {history.into_iter().rev().map(|entry| view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">{entry.effective_from.parse().map(format_date).unwrap_or(entry.effective_from)}</td>
                                <td class="govuk-table__cell">{level_title(Some(&entry.level))}</td>
                                <td class="govuk-table__cell">{entry.reason}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <form method="post" action="/api/admin/change_level" novalidate=true id="change-level-form">
            <input type="hidden" name="form[person_id]" value=person_id.clone()/>
            <h3 class="govuk-heading-m">"Record a change of level"</h3>
            <div class=group_class(level_error.into())>
                <label class="govuk-label" for="level">"New level"</label>
                <ErrorMessage id="level" error=level_error/>
                <select class="govuk-select" id="level" name="form[level]">
                    <option value="">"Choose a level"</option>
                    {Level::ALL.into_iter().filter(|l| current.as_deref() != Some(level_code(*l))).map(|l| view! {
                        <option value=level_code(l)>{l.title()}</option>
                    }).collect_view()}
                </select>
            </div>
            <DateInput id="effective_from" name="form[effective_from]" legend="Takes effect from" hint="The pay date: today or earlier, for example 4 3 2027" error=error_for(errors, "effective_from")/>
            <TextInput id="reason" name="form[reason]" label="Why" hint="For example, the Progression Panel of 4 March 2027 approved it" error=error_for(errors, "reason")/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Record change of level"</button>
        </form>
        <form method="post" action="/api/admin/set_qualification_date" novalidate=true id="qualification-date-form">
            <input type="hidden" name="form[person_id]" value=person_id/>
            <DateInput id="qualification_date" name="form[qualification_date]" legend="Qualification date" value=qualified
                hint="The date they qualified as a social worker: the pathway counts from it" error=error_for(errors, "qualification_date")/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Save qualification date"</button>
        </form>
    }
}
