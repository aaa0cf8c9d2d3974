//! Sign-in: a plain HTML form posting to the `auth/sign_in` server function, so it works
//! with JavaScript off; a wrong password or the throttle comes back as an error summary.
//! Hydrated, the page signs in without leaving itself, because the password just typed also
//! wraps the key to this person's drafts on the device (issue 7, `offline::vault::enrol`),
//! so they can be unlocked offline; then it goes on to the next page.

use crate::error::AppError;
use crate::ui::govuk::{error_for, posted_errors, ErrorSummary, NotificationBanner, TextInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::error::FieldError;

#[component]
pub fn SignIn() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with_untracked(|q| q.get(name));
    let next = param("next").unwrap_or_default();
    let posted = posted_errors("email");
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
                <SignInForm next posted notice=notice.map(str::to_owned)/>
                <p class="govuk-body">
                    "If you do not have a password yet or have forgotten it, ask your Pathway administrator for a set-password link."
                </p>
            </div>
        </div>
    }
}

/// The form, with its error summary above it (a refused sign-in is shown without leaving the
/// page in the browser) and the notice the page arrived with.
#[island(lazy)]
pub fn SignInForm(next: String, posted: Vec<FieldError>, notice: Option<String>) -> impl IntoView {
    let failed = RwSignal::new(None::<AppError>);
    let working = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        hydrated_sign_in(ev, failed, working);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    // a refused sign-in is one problem with the pair, said at the email address (GOV.UK)
    let errors = Signal::derive(move || match failed.get() {
        Some(error) => error.field_errors("email"),
        None => posted.clone(),
    });
    view! {
        <ErrorSummary errors/>
        {notice.map(|text| view! { <NotificationBanner id="notice" heading=text/> })}
        <h1 class="govuk-heading-xl">"Sign in to Pathway"</h1>
        <form method="post" action="/api/auth/sign_in" novalidate=true on:submit=on_submit>
            <input type="hidden" name="next" value=next/>
            <TextInput id="email" label="Email address" input_type="email" autocomplete="username"
                error=error_for(errors, "email")/>
            <TextInput id="password" label="Password" input_type="password" width="govuk-!-width-two-thirds"
                autocomplete="current-password"/>
            <button type="submit" class="govuk-button" data-module="govuk-button" disabled=move || working.get()>"Sign in"</button>
        </form>
    }
}

/// Signs in through the server function, wraps this person's draft key with the password
/// (a failure there never blocks signing in), then loads the next page.
#[cfg(feature = "hydrate")]
fn hydrated_sign_in(
    ev: leptos::ev::SubmitEvent,
    failed: RwSignal<Option<AppError>>,
    working: RwSignal<bool>,
) {
    use leptos::wasm_bindgen::JsCast;
    let Some(form) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return; // the plain post goes ahead
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    ev.prevent_default();
    let field = |name: &str| data.get(name).as_string().unwrap_or_default();
    let (email, password, next) = (field("email"), field("password"), field("next"));
    working.set(true);
    leptos::task::spawn_local(async move {
        let next = (!next.is_empty()).then_some(next);
        match crate::api::auth::sign_in::sign_in(email, password.clone(), next).await {
            Ok(target) => {
                enrol(password).await;
                let _ = window().location().set_href(&target);
            }
            Err(error) => {
                working.set(false);
                failed.set(Some(error.0));
            }
        }
    });
}

/// Wraps the signed-in person's draft key with the password just typed. A chunk of its own
/// (the vault's WebCrypto code), fetched once the sign-in has succeeded, so the sign-in page
/// itself stays small.
#[cfg(feature = "hydrate")]
#[lazy]
async fn enrol(password: String) {
    if let Ok(Some(user)) = crate::api::auth::me::signed_in_user().await {
        let _ = crate::offline::vault::enrol(&user.person_id, &password).await;
    }
}
