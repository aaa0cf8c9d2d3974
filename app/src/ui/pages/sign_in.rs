//! Sign-in: a plain HTML form posting to the `auth/sign_in` server function, so it works
//! with JavaScript off; a wrong password or the throttle comes back as an error summary.
//! Hydrated, the page signs in without leaving itself, because the password just typed also
//! wraps the key to this person's drafts on the device when they ask to use it offline
//! (issues 7 and 17, `offline::vault::enrol`), so they can be unlocked with no network; then
//! it goes on to the next page (`password_form`). A refused sign-in
//! goes where the plain post goes: back here with the error, drawn by the server.
//!
//! The form and its errors are server-rendered children of a small island that only handles
//! the submit with the browser's own fetch (issue 13): the page's code stays a few KB, with no
//! view code, no JSON reader and no server-function client.

use super::password_form::{PasswordFormScript, Unreachable};
use crate::ui::govuk::{error_for, posted_errors, ErrorSummary, NotificationBanner, TextInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignIn() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with_untracked(|q| q.get(name));
    let next = param("next").unwrap_or_default();
    let errors = Signal::stored(posted_errors("email"));
    // back from the organisation's identity provider without a sign-in (`server::oidc`)
    let provider_error = match param("oidc").as_deref() {
        Some("unlinked") => Some("Your organisation's account is not linked to anyone in Pathway. Ask your Pathway administrator to link it, or sign in with your password."),
        Some(_) => Some("Signing in with your organisation's account did not work. Try again, or sign in with your password."),
        None => None,
    };
    let provider = use_context::<Option<pathway_core::identity::IdentityProvider>>().flatten();
    let start = format!(
        "/auth/oidc/start?next={}",
        pathway_core::text::url::encode_component(&next)
    );
    let notice = if param("signed_out").is_some() {
        Some("You have signed out.")
    } else if param("password_set").is_some() {
        Some("Your password has been set. Sign in with it now.")
    } else {
        None
    };
    view! {
        <Title text="Sign in"/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <PasswordFormScript>
                    <Unreachable/>
                    <ErrorSummary errors=errors/>
                    {provider_error.map(|text| view! {
                        <div class="govuk-error-summary" role="alert" tabindex="-1" id="provider-error">
                            <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                            <div class="govuk-error-summary__body"><p class="govuk-body">{text}</p></div>
                        </div>
                    })}
                    {notice.map(|text| view! { <NotificationBanner id="notice" heading=text/> })}
                    <h1 class="govuk-heading-xl">"Sign in to Pathway"</h1>
                    <form method="post" action="/api/auth/sign_in" novalidate=true>
                        <input type="hidden" name="next" value=next/>
                        <TextInput id="email" label="Email address" input_type="email" autocomplete="username"
                            error=error_for(errors, "email")/>
                        <TextInput id="password" label="Password" input_type="password" width="govuk-!-width-two-thirds"
                            autocomplete="current-password"/>
                        // issue 17 item 7: nothing derived from the password stays on a
                        // device unless its owner asks for offline drafting here
                        <div class="govuk-form-group">
                            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                                <div class="govuk-checkboxes__item">
                                    <input class="govuk-checkboxes__input" id="offline" name="offline" type="checkbox"
                                        value="on" aria-describedby="offline-hint"/>
                                    <label class="govuk-label govuk-checkboxes__label" for="offline">"Use this device to write drafts offline"</label>
                                    <div id="offline-hint" class="govuk-hint govuk-checkboxes__hint">
                                        "Only on a phone, tablet or computer that is yours or was issued to you: your password will open your drafts on it when there is no signal. Do not tick this on a shared computer. It stays set up until you forget the device on \u{201c}Where you\u{2019}re signed in\u{201d}."
                                    </div>
                                </div>
                            </div>
                        </div>
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Sign in"</button>
                    </form>
                </PasswordFormScript>
                {provider.map(|provider| view! {
                    <h2 class="govuk-heading-m">"Or"</h2>
                    <a href=start class="govuk-button govuk-button--secondary" id="sign-in-with-provider" role="button" draggable="false">
                        {format!("Sign in with {}", provider.name)}
                    </a>
                })}
                <p class="govuk-body">
                    "If you do not have a password yet or have forgotten it, ask your Pathway administrator for a set-password link."
                </p>
            </div>
        </div>
    }
}
