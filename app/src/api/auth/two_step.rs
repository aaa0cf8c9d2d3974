//! The signed-in person's own two-step sign-in (issue 17 item 6): whether it is on, a new
//! set-up, its confirmation with the app's first code, and turning it off.

use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::identity::{TwoStepSetup, TwoStepStatus};

#[server(endpoint = "auth/two_step_state")]
pub async fn two_step_state() -> Result<TwoStepStatus, ApiError> {
    use pathway_store::auth::two_step;
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let required =
        crate::api::request::settings().two_step_for_roles && two_step::required_for(&caller.roles);
    let status = two_step::status(&db, &caller.person_id).await?;
    Ok(TwoStepStatus { required, ..status })
}

/// Begins a set-up: a new key and recovery codes, shown once, waiting for the first code.
#[server(endpoint = "auth/begin_two_step")]
pub async fn begin_two_step() -> Result<TwoStepSetup, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let now = db.clock().now();
    let email = caller.email.as_str();
    Ok(pathway_store::auth::two_step::begin(&db, &caller.person_id, email, now).await?)
}

/// Turns two-step sign-in on with the first code from the app.
#[server(endpoint = "auth/confirm_two_step")]
pub async fn confirm_two_step(code: String) -> Result<(), ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let now = db.clock().now();
    pathway_store::auth::two_step::confirm(&db, &caller, &code, &ip, now).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/account/two-step?on=1");
    }
    Ok(())
}

/// Turns two-step sign-in off, with a current code.
#[server(endpoint = "auth/turn_off_two_step")]
pub async fn turn_off_two_step(code: String) -> Result<(), ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let now = db.clock().now();
    let settings = crate::api::request::settings();
    pathway_store::auth::two_step::switch_off(&db, &caller, settings, &code, &ip, now).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/account/two-step?off=1");
    }
    Ok(())
}
