//! "Set up this device for offline drafting" on "Where you're signed in" (issue 17 item 7),
//! for a person whose sign-in never had the password in the page: a second step (two-step
//! code, first set-up) or the organisation's identity provider came after it. The password is
//! asked again, because it is what the device wraps the drafts' key with; the server checks
//! it (throttled as a sign-in) before it issues the device's pepper.
//!
//! The form is server-rendered inside the island the sign-in form uses (`password_form`),
//! which sends it with the browser's fetch and then wraps the key. With JavaScript off the
//! plain post is refused beside the field: only the page's script can keep a key.

use super::password_form::{PasswordFormScript, Unreachable};
use crate::ui::govuk::{error_for, TextInput};
use leptos::prelude::*;
use pathway_core::error::FieldError;

/// The set-up form, for the device this page was opened on when it is not set up yet.
/// `next`: where the person was going when a sign-in brought them here (kept as typed; the
/// page it comes back to resolves it on the server).
#[component]
pub fn OfflineSetUp(errors: Signal<Vec<FieldError>>, asked: bool, next: String) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m" id="set-up">"Set up this device for offline drafting"</h2>
        {asked.then(|| view! {
            <div class="govuk-inset-text" id="set-up-asked">
                "You asked to use this device to write drafts offline. Enter your password once more to finish setting it up, or carry on without it."
            </div>
        })}
        <p class="govuk-body">"Only on a phone, tablet or computer that is yours or was issued to you: your password will open your drafts on it when there is no signal. Do not do this on a shared computer."</p>
        <PasswordFormScript>
            <Unreachable/>
            <form method="post" action="/api/vault/set_up_offline" novalidate=true>
                // read by the page's script only (the server function takes the password)
                <input type="hidden" name="next" value=next/>
                <TextInput id="password" label="Your Pathway password" input_type="password"
                    width="govuk-!-width-two-thirds" autocomplete="current-password"
                    error=error_for(errors, "password")/>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Set up this device"</button>
            </form>
        </PasswordFormScript>
    }
}
