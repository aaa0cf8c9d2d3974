//! Sign out, with a check of what is only on this device (issue 7). The header's Sign out
//! button comes here when something would be left behind; the page sends what it can, lists
//! the rest and lets the worker choose. Without JavaScript nothing is kept on the device, so
//! the page is a plain sign-out button.

use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignOutPage() -> impl IntoView {
    view! {
        <Title text="Sign out"/>
        <RequireUser>
            <SignOutForSignedIn/>
        </RequireUser>
    }
}

#[component]
fn SignOutForSignedIn() -> impl IntoView {
    let person = crate::ui::session::use_user()
        .get_untracked()
        .and_then(|user| user.ok().flatten())
        .map(|user| user.person_id.to_string())
        .unwrap_or_default();
    // The three states, drawn by the server; the browser shows the one that applies
    // (`sign_out_script`). Until it has looked, and with JavaScript off, a plain sign-out.
    view! {
        <h1 class="govuk-heading-xl">"Sign out"</h1>
        <SignOutCheck>
            <form method="post" action="/api/auth/sign_out" id="plain-sign-out" data-person=person>
                <p class="govuk-body">"Checking whether anything is only on this device…"</p>
                <button type="submit" class="govuk-button">"Sign out"</button>
            </form>
            <div id="sign-out-all-saved" hidden=true>
                <p class="govuk-body" id="all-saved">"Everything you wrote is saved to Pathway. Signing out removes your drafts and keys from this device."</p>
                <button type="button" class="govuk-button" id="sign-out-now">"Sign out"</button>
            </div>
            <div id="sign-out-left-here" hidden=true>
                <div class="govuk-warning-text" id="unsynced-warning">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        "Some of your work is only on this device. It has not reached Pathway."
                    </strong>
                </div>
                <ul class="govuk-list govuk-list--bullet" id="left-here"></ul>
                <p class="govuk-body">"If you sign out now, they stay on this device, locked: only your password opens them."</p>
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button" id="sync-again">"Try to send them again"</button>
                    <button type="button" class="govuk-button govuk-button--warning" id="sign-out-keep">
                        "Sign out and keep them on this device"
                    </button>
                </div>
            </div>
        </SignOutCheck>
    }
}

/// The check, in the browser, of what is only on this device, and the choice it leads to.
/// `children` are the server-rendered states; the island only handles their buttons.
#[island(lazy)]
pub fn SignOutCheck(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| super::sign_out_script::check());
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        super::sign_out_script::clicked(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div on:click=on_click>{children()}</div> }
}
