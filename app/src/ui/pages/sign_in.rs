//! Sign-in: a plain HTML form posting to the `auth/sign_in` server function, so it works
//! with JavaScript off; a wrong password or the throttle comes back as an error summary.

use crate::ui::components::error_summary::{posted_error, ErrorSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignIn() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with_untracked(|q| q.get(name));
    let next = param("next").unwrap_or_default();
    let error = posted_error();
    let notice = if param("signed_out").is_some() {
        Some("You have signed out.")
    } else if param("password_set").is_some() {
        Some("Your password has been set. Sign in with it now.")
    } else {
        None
    };
    let email_class = if error.is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    };
    view! {
        <Title text="Sign in"/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary error=error.clone() field="email"/>
                {notice.map(|text| view! {
                    <div class="govuk-notification-banner" role="region" aria-labelledby="notice-title">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="notice-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">{text}</p>
                        </div>
                    </div>
                })}
                <h1 class="govuk-heading-xl">"Sign in to Pathway"</h1>
                <form method="post" action="/api/auth/sign_in" novalidate=true>
                    <input type="hidden" name="next" value=next/>
                    <div class=email_class>
                        <label class="govuk-label" for="email">"Email address"</label>
                        {error.map(|error| view! {
                            <p class="govuk-error-message" id="email-error">
                                <span class="govuk-visually-hidden">"Error: "</span>{error.to_string()}
                            </p>
                        })}
                        <input class="govuk-input" id="email" name="email" type="email"
                            autocomplete="username" spellcheck="false"/>
                    </div>
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="password">"Password"</label>
                        <input class="govuk-input govuk-!-width-two-thirds" id="password" name="password"
                            type="password" autocomplete="current-password"/>
                    </div>
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Sign in"</button>
                </form>
                <p class="govuk-body">
                    "If you do not have a password yet or have forgotten it, ask your Pathway administrator for a set-password link."
                </p>
            </div>
        </div>
    }
}
