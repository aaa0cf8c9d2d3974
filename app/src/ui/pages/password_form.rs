//! The island around the two forms whose password the page itself must use, to keep a key to
//! the person's drafts on the device: the sign-in form and the offline set-up form on "Where
//! you're signed in" (`password_form_fetch`). `children` are the server-rendered form and its
//! messages; the island draws nothing of its own (no view code in its chunk) and takes no
//! props (no JSON reader either).

use leptos::prelude::*;

#[island(lazy)]
pub fn PasswordFormScript(children: Children) -> impl IntoView {
    // hydrating: the sign-in form's fields are already in the page
    #[cfg(feature = "hydrate")]
    super::password_form_fetch::restore_email();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        super::password_form_fetch::submit(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div on:submit=on_submit>{children()}</div> }
}

/// "Pathway could not be reached": the one answer that cannot come back through the server,
/// so the browser shows it (hidden until then). Server markup inside the island.
#[component]
pub fn Unreachable() -> impl IntoView {
    view! {
        <div class="govuk-error-summary" role="alert" tabindex="-1" id="unreachable" hidden=true>
            <h2 class="govuk-error-summary__title">"There is a problem"</h2>
            <div class="govuk-error-summary__body">
                <p class="govuk-body">"Pathway could not be reached. Check your connection and try again."</p>
            </div>
        </div>
    }
}
