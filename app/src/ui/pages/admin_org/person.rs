use crate::api::admin::teams::list_teams;
use crate::api::people::get::get_person;
use crate::error::ApiError;
use crate::ui::govuk::{posted_errors, ErrorSummary, Loaded, SummaryList, SummaryRow};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::identity::{PersonRecord, Role};
use pathway_core::organisation::TeamSummary;

#[component]
pub fn AdminPerson() -> impl IntoView {
    let id = use_query_map().with_untracked(|q| q.get("id").unwrap_or_default());
    let page = Resource::new_blocking(
        move || id.clone(),
        |id| async move { Ok::<_, ApiError>((get_person(id).await?, list_teams().await?)) },
    );
    let errors = Signal::stored(posted_errors("team_id"));
    view! {
        <Title text="Person"/>
        <RequireUser role=Role::Administrator>
            <ErrorSummary errors/>
            <p class="govuk-body"><a class="govuk-link govuk-back-link" href="/admin/people">"Back to people"</a></p>
            <Loaded resource=page view=move |(person, teams)| view! { <PersonAdmin person teams errors/> }/>
        </RequireUser>
    }
}

#[component]
fn PersonAdmin(
    person: PersonRecord,
    teams: Vec<TeamSummary>,
    errors: Signal<Vec<pathway_core::error::FieldError>>,
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
    view! {
        <h1 class="govuk-heading-xl">{person.full_name.clone()}</h1>
        <SummaryList id="person-summary">
            <SummaryRow key="Email">{person.email.to_string()}</SummaryRow>
            <SummaryRow key="Job title">{person.job_title.clone()}</SummaryRow>
            <SummaryRow key="Team">{person.team.clone().unwrap_or_else(|| "No team".into())}</SummaryRow>
            <SummaryRow key="Level">{person.level.clone().unwrap_or_else(|| "Not on the pathway".into())}</SummaryRow>
            <SummaryRow key="Registration">{person.registration_number.clone().unwrap_or_default()}</SummaryRow>
            <SummaryRow key="Status">{if person.active { "Active" } else { "Left" }}</SummaryRow>
        </SummaryList>

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
