//! Passwords: change your own (signed in) and set one through a one-time link.

use crate::ui::components::error_summary::{posted_error, ErrorSummary};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const HINT: &str = "Use at least 12 characters. Three random words make a strong password that is easy to remember.";

#[component]
pub fn ChangePassword() -> impl IntoView {
    let changed = use_query_map().with_untracked(|q| q.get("changed").is_some());
    let error = posted_error();
    view! {
        <Title text="Change your password"/>
        <RequireUser>
            <ErrorSummary error=error.clone() field="new_password"/>
            {changed.then(|| view! { <div class="govuk-inset-text" id="password-changed">"Your password has been changed. Other devices have been signed out."</div> })}
            <h1 class="govuk-heading-xl">"Change your password"</h1>
            <form method="post" action="/api/auth/change_password" novalidate=true>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="current">"Current password"</label>
                    <input class="govuk-input govuk-!-width-two-thirds" id="current" name="current" type="password" autocomplete="current-password"/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="new_password">"New password"</label>
                    <div class="govuk-hint">{HINT}</div>
                    <input class="govuk-input govuk-!-width-two-thirds" id="new_password" name="new_password" type="password" autocomplete="new-password"/>
                </div>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Change password"</button>
            </form>
        </RequireUser>
    }
}

#[component]
pub fn SetPassword() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let error = posted_error();
    view! {
        <Title text="Set your password"/>
        <ErrorSummary error=error.clone() field="new_password"/>
        <h1 class="govuk-heading-xl">"Set your password"</h1>
        <form method="post" action="/api/auth/set_password" novalidate=true>
            <input type="hidden" name="token" value=token/>
            <div class="govuk-form-group">
                <label class="govuk-label" for="new_password">"New password"</label>
                <div class="govuk-hint">{HINT}</div>
                <input class="govuk-input govuk-!-width-two-thirds" id="new_password" name="new_password" type="password" autocomplete="new-password"/>
            </div>
            <button type="submit" class="govuk-button" data-module="govuk-button">"Set password"</button>
        </form>
    }
}
