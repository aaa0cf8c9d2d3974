//! Two-step sign-in (issue 17 item 6): the sign-in's code page, and the account page where
//! a person turns it on (a key or QR code for their authenticator app, ten recovery codes,
//! the first code to confirm) or off. Plain forms: they work with JavaScript off, and the
//! page downloads no code of its own.

use crate::api::auth::second_step::begin_pending_two_step;
use crate::api::auth::two_step::{begin_two_step, two_step_state};
use crate::ui::govuk::{
    error_for, posted_errors, ErrorSummary, Loaded, NotificationBanner, TextInput,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::error::FieldError;
use pathway_core::identity::{TwoStepSetup, TwoStepStatus};

const CODE_HINT: &str =
    "The 6-digit code your authenticator app shows for Pathway now, or one of your recovery codes";

/// The code field every two-step form asks with.
#[component]
fn CodeInput(errors: Signal<Vec<FieldError>>, #[prop(into)] hint: String) -> impl IntoView {
    view! {
        <TextInput id="code" label="Code" hint=hint width="govuk-input--width-10"
            autocomplete="one-time-code" error=error_for(errors, "code")/>
    }
}

/// The second step of a sign-in, after a right password.
#[component]
pub fn SignInCode() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_default());
    let errors = Signal::stored(posted_errors("code"));
    view! {
        <Title text="Enter your code"/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary errors/>
                <h1 class="govuk-heading-xl">"Enter your code"</h1>
                <p class="govuk-body">"You have two-step sign-in turned on. Open your authenticator app to see your code for Pathway."</p>
                <form method="post" action="/api/auth/verify_code" novalidate=true>
                    <input type="hidden" name="next" value=next/>
                    <CodeInput errors hint=CODE_HINT/>
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Continue"</button>
                </form>
                <p class="govuk-body">
                    "If you have lost your phone and your recovery codes, ask your Pathway administrator to reset your two-step sign-in. "
                    <a class="govuk-link" href="/sign-in">"Start signing in again"</a>
                </p>
            </div>
        </div>
    }
}

/// The set-up step of a sign-in, for a role that needs two-step sign-in (administrators and
/// panel roles) when it is not on yet: the session starts once the first code is right.
#[component]
pub fn SignInSetUp() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_default());
    let errors = Signal::stored(posted_errors("code"));
    let set_up = Resource::new_blocking(|| (), |_| begin_pending_two_step());
    view! {
        <Title text="Set up two-step sign-in"/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary errors/>
                <h1 class="govuk-heading-xl">"Set up two-step sign-in"</h1>
                <p class="govuk-body">
                    "Your role in Pathway needs two-step sign-in: after your password, a code from an authenticator app on your phone. Set it up now to finish signing in."
                </p>
                <Loaded resource=set_up view=move |set_up: TwoStepSetup| {
                    let form = SetUpForm { action: "/api/auth/finish_set_up", next: Some(next.clone()) };
                    view! { <SetUpSteps set_up errors form/> }
                }/>
                <p class="govuk-body"><a class="govuk-link" href="/sign-in">"Start signing in again"</a></p>
            </div>
        </div>
    }
}

/// A person's own two-step sign-in: on or off, and the set-up.
#[component]
pub fn TwoStepPage() -> impl IntoView {
    let query = use_query_map();
    let flag = move |name: &str| query.with_untracked(|q| q.get(name).is_some());
    let (turned_on, turned_off, again) = (flag("on"), flag("off"), flag("again"));
    let errors = Signal::stored(posted_errors("code"));
    let status = Resource::new_blocking(|| (), |_| two_step_state());
    view! {
        <Title text="Two-step sign-in"/>
        <RequireUser>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <ErrorSummary errors/>
                    {turned_on.then(|| view! { <NotificationBanner id="two-step-on" success=true heading="Two-step sign-in is on. Keep your recovery codes somewhere safe."/> })}
                    {turned_off.then(|| view! { <NotificationBanner id="two-step-off" success=true heading="Two-step sign-in is off."/> })}
                    <h1 class="govuk-heading-xl">"Two-step sign-in"</h1>
                    <Loaded resource=status view=move |status: TwoStepStatus| {
                        if status.on && !again {
                            view! { <IsOn status errors/> }.into_any()
                        } else {
                            view! { <SetUp errors/> }.into_any()
                        }
                    }/>
                </div>
            </div>
        </RequireUser>
    }
}

#[component]
fn IsOn(status: TwoStepStatus, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let left = match status.recovery_codes_left {
        1 => "You have 1 recovery code left.".to_owned(),
        n => format!("You have {n} recovery codes left."),
    };
    view! {
        <p class="govuk-body" id="two-step-status">
            "Two-step sign-in is on: after your password, Pathway asks for a code from your authenticator app. "
            {left}
        </p>
        <p class="govuk-body">
            <a class="govuk-link" href="/account/two-step?again=1">"Set it up again, on a new phone or with new recovery codes"</a>
        </p>
        {if status.required {
            view! { <p class="govuk-body">"Your role in Pathway needs two-step sign-in, so it cannot be turned off."</p> }.into_any()
        } else {
            view! {
                <h2 class="govuk-heading-m">"Turn two-step sign-in off"</h2>
                <form method="post" action="/api/auth/turn_off_two_step" novalidate=true>
                    <CodeInput errors hint=CODE_HINT/>
                    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Turn off"</button>
                </form>
            }.into_any()
        }}
    }
}

/// The set-up: the key (as a QR code and as text), the recovery codes, and the first code.
#[component]
fn SetUp(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let set_up = Resource::new_blocking(|| (), |_| begin_two_step());
    view! {
        <p class="govuk-body">
            "With two-step sign-in, Pathway asks for a code from an authenticator app on your phone after your password, so your password alone is not enough to sign in as you."
        </p>
        <Loaded resource=set_up view=move |set_up: TwoStepSetup| {
            let form = SetUpForm { action: "/api/auth/confirm_two_step", next: None };
            view! { <SetUpSteps set_up errors form/> }
        }/>
    }
}

/// Where a set-up's first code goes: the account page's server function, or the sign-in's
/// set-up step (with the page to go to after).
#[derive(Clone)]
struct SetUpForm {
    action: &'static str,
    next: Option<String>,
}

#[component]
fn SetUpSteps(
    set_up: TwoStepSetup,
    errors: Signal<Vec<FieldError>>,
    form: SetUpForm,
) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m">"1. Add Pathway to your authenticator app"</h2>
        <p class="govuk-body">"Scan this QR code with the app, or type in the key below it."</p>
        // drawn on the server from the key, as SVG: no script, no image request
        <div class="app-qr-code" role="img" aria-label="QR code for your authenticator app" inner_html=set_up.qr_svg></div>
        <p class="govuk-body">"Key: " <code class="app-secret-key" id="two-step-key">{set_up.key}</code></p>
        <h2 class="govuk-heading-m">"2. Keep your recovery codes"</h2>
        <p class="govuk-body">"If you lose your phone, each of these codes signs you in once. Print them or write them down and keep them somewhere safe. They are shown only while you set up."</p>
        <ul class="govuk-list app-recovery-codes" id="recovery-codes">
            {set_up.recovery_codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
        <h2 class="govuk-heading-m">"3. Enter the code the app shows"</h2>
        <form method="post" action=form.action novalidate=true>
            {form.next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
            <CodeInput errors hint="The 6-digit code your authenticator app shows for Pathway now"/>
            <button type="submit" class="govuk-button" data-module="govuk-button">"Turn on two-step sign-in"</button>
        </form>
    }
}
