//! Passwords: change your own (signed in) and set one through a one-time link.

use crate::ui::govuk::{error_for, posted_errors, ErrorSummary, TextInput};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const HINT: &str = "Use at least 12 characters. Three random words make a strong password that is easy to remember.";
const WIDTH: &str = "govuk-!-width-two-thirds";

#[component]
pub fn ChangePassword() -> impl IntoView {
    let changed = use_query_map().with_untracked(|q| q.get("changed").is_some());
    let errors = Signal::stored(posted_errors("current"));
    view! {
        <Title text="Change your password"/>
        <RequireUser>
            <ErrorSummary errors/>
            {changed.then(|| view! { <div class="govuk-inset-text" id="password-changed">"Your password has been changed. Other devices have been signed out."</div> })}
            <h1 class="govuk-heading-xl">"Change your password"</h1>
            <form method="post" action="/api/auth/change_password" novalidate=true>
                <TextInput id="current" label="Current password" input_type="password" width=WIDTH
                    autocomplete="current-password" error=error_for(errors, "current")/>
                <NewPassword errors/>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Change password"</button>
            </form>
        </RequireUser>
    }
}

#[component]
pub fn SetPassword() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let errors = Signal::stored(posted_errors("new_password"));
    view! {
        <Title text="Set your password"/>
        <ErrorSummary errors/>
        <h1 class="govuk-heading-xl">"Set your password"</h1>
        <form method="post" action="/api/auth/set_password" novalidate=true>
            <input type="hidden" name="token" value=token/>
            <NewPassword errors/>
            <button type="submit" class="govuk-button" data-module="govuk-button">"Set password"</button>
        </form>
    }
}

#[component]
fn NewPassword(errors: Signal<Vec<pathway_core::error::FieldError>>) -> impl IntoView {
    view! {
        <TextInput id="new_password" label="New password" hint=HINT input_type="password" width=WIDTH
            autocomplete="new-password" error=error_for(errors, "new_password")/>
    }
}
