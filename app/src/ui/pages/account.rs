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
            <ul class="govuk-list">
                <li>
                    <a class="govuk-link" href="/account/two-step">"Two-step sign-in"</a>
                    ": ask for a code from your phone as well as your password"
                </li>
                <li>
                    <a class="govuk-link" href="/account/sessions">"Where you're signed in"</a>
                    ": see your sessions and sign out of any of them"
                </li>
            </ul>
        </RequireUser>
    }
}

/// The page a set-password link opens. The link carries its code after `#`, which browsers
/// never send to a server, so the code stays out of every proxy's and server's logs
/// (issue 17 item 8). With JavaScript the page copies the code into the form and takes it
/// out of the address bar and history (`link_code_script`); without, the person copies it
/// into the "Code from your link" box.
#[component]
pub fn SetPassword() -> impl IntoView {
    let errors = Signal::stored(posted_errors("new_password"));
    view! {
        <Title text="Set your password"/>
        <ErrorSummary errors/>
        <h1 class="govuk-heading-xl">"Set your password"</h1>
        <LinkCodeScript>
            <form method="post" action="/api/auth/set_password" novalidate=true>
                <div id="link-code">
                    <TextInput id="token" label="Code from your link" hint=CODE_HINT width=WIDTH
                        autocomplete="off"/>
                </div>
                <NewPassword errors/>
                <button type="submit" class="govuk-button" data-module="govuk-button">"Set password"</button>
            </form>
        </LinkCodeScript>
    }
}

const CODE_HINT: &str = "Copy everything after the # at the end of the link you were sent";

#[island(lazy)]
pub fn LinkCodeScript(children: Children) -> impl IntoView {
    // hydrating: the form is already in the page
    #[cfg(feature = "hydrate")]
    super::link_code_script::fill();
    view! { <div>{children()}</div> }
}

#[component]
fn NewPassword(errors: Signal<Vec<pathway_core::error::FieldError>>) -> impl IntoView {
    view! {
        <TextInput id="new_password" label="New password" hint=HINT input_type="password" width=WIDTH
            autocomplete="new-password" error=error_for(errors, "new_password")/>
    }
}
