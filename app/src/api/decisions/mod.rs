//! Managers' decisions and the notices they send (issue 14).

use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::decisions::form::{ChallengeAnswer, DecisionForm, PlanAnswer};
use pathway_core::decisions::supervision::SupervisionForm;
use pathway_core::decisions::views::{DecisionsPage, NoticeView, TypedForms};

/// A worker's decisions page, with, for the manager who decides, the observations to cite
/// and (after a refused plain post) the forms as they typed them. The worker, their managers
/// and the panel secretariat; anyone else 403.
#[server(endpoint = "decisions/page")]
pub async fn worker_decisions(person: String) -> Result<(DecisionsPage, TypedForms), ApiError> {
    use crate::api::request::{db, parse_id, require_user};
    use pathway_store::form_stash::{kept, Stash};
    let caller = require_user().await?;
    let db = db()?;
    let worker = parse_id(&person)?;
    let page = pathway_store::decisions::page(&db, &caller, &worker).await?;
    let mut typed = TypedForms::default();
    if page.may_decide {
        typed.decision = kept(&db, &caller, Stash::Decision, Some(worker.as_str())).await?;
    }
    if let Some(current) = page.decisions.first().filter(|_| page.may_supervise) {
        typed.supervision = kept(&db, &caller, Stash::Supervision, Some(&current.id)).await?;
    }
    Ok((page, typed))
}

/// Records the caller's decision for the worker the form names: only their team manager
/// (PATH-L3) or practice supervisor (PATH-ASYE) now, else 403; a form that breaks DEC-2 or
/// DEC-3 is refused beside its fields (422), and with JavaScript off what was typed is kept
/// for the page. A plain post goes on to the decisions page.
#[server(endpoint = "decisions/record")]
pub async fn record_decision(form: DecisionForm) -> Result<String, ApiError> {
    use crate::api::request::{db, is_plain_form_post, request_meta, require_user};
    use pathway_store::form_stash::Stash;
    let caller = require_user().await?;
    let db = db()?;
    let ip = request_meta().ip;
    match pathway_store::decisions::record(&db, &caller, &form, &ip).await {
        Ok(id) => {
            if is_plain_form_post() {
                let worker = form.worker.trim();
                leptos_axum::redirect(&format!("/decisions?person={worker}&recorded=1"));
            }
            Ok(id)
        }
        Err(error) => Err(kept_if_refused(
            &db,
            &caller,
            Stash::Decision,
            form.worker.trim(),
            &form,
            error,
        )
        .await),
    }
}

/// With JavaScript off, what was typed into a form refused for its content is kept for the
/// page to show again (the browser keeps nothing after a plain post); answers the error.
#[cfg(feature = "ssr")]
async fn kept_if_refused<T: serde::Serialize>(
    db: &pathway_store::db::Db,
    caller: &pathway_store::auth::Caller,
    stash: pathway_store::form_stash::Stash,
    key: &str,
    form: &T,
    error: pathway_core::error::AppError,
) -> ApiError {
    use pathway_core::error::AppError;
    if crate::api::request::is_plain_form_post()
        && matches!(error, AppError::Invalid(_) | AppError::Validation(_))
    {
        if let Err(failed) = pathway_store::form_stash::keep(db, caller, stash, key, form).await {
            return failed.into();
        }
    }
    error.into()
}

/// The worker agrees their development plan, or records that they disagree, once (DEC-2,
/// DEC-5). Only the worker the plan is for; anyone else 403.
#[server(endpoint = "decisions/answer")]
pub async fn answer_plan(form: PlanAnswer) -> Result<(), ApiError> {
    use crate::api::request::{db, is_plain_form_post, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let ip = request_meta().ip;
    pathway_store::decisions::answer(&db, &caller, &form, &ip).await?;
    if is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "{}&answered=1",
            pathway_store::decisions::link(&caller.person_id)
        ));
    }
    Ok(())
}

/// The service manager over the worker's team responds to the worker's challenge of a
/// plan, once (DEC-5). Anyone else 403.
#[server(endpoint = "decisions/respond_to_challenge")]
pub async fn respond_to_challenge(form: ChallengeAnswer) -> Result<(), ApiError> {
    use crate::api::request::{db, is_plain_form_post, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let ip = request_meta().ip;
    let worker = pathway_store::decisions::challenge::respond(&db, &caller, &form, &ip).await?;
    if is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "{}&responded=1",
            pathway_store::decisions::link(&worker)
        ));
    }
    Ok(())
}

/// The worker's team manager or practice supervisor records a supervision's progress on
/// the current development plan (DEC-2: monitored in supervision). Anyone else 403.
#[server(endpoint = "decisions/record_supervision")]
pub async fn record_supervision(form: SupervisionForm) -> Result<(), ApiError> {
    use crate::api::request::{db, is_plain_form_post, request_meta, require_user};
    use pathway_store::form_stash::Stash;
    let caller = require_user().await?;
    let db = db()?;
    let ip = request_meta().ip;
    match pathway_store::decisions::supervision::record(&db, &caller, &form, &ip).await {
        Ok(worker) => {
            if is_plain_form_post() {
                leptos_axum::redirect(&format!(
                    "{}&supervised=1",
                    pathway_store::decisions::link(&worker)
                ));
            }
            Ok(())
        }
        // kept only for someone who may record (a refusal for anyone else is a 403)
        Err(error) => Err(kept_if_refused(
            &db,
            &caller,
            Stash::Supervision,
            &form.decision,
            &form,
            error,
        )
        .await),
    }
}

/// The caller's notices, newest first (seen now: marked read).
#[server(endpoint = "notices/mine")]
pub async fn my_notices() -> Result<Vec<NoticeView>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    Ok(pathway_store::notices::mine(&db, &caller).await?)
}

/// How many of the caller's notices are unread, for the menu on every page: 0 for a visitor
/// (every page asks, so a signed-out page is no refusal to log).
#[server(endpoint = "notices/unread")]
pub async fn unread_notices() -> Result<i64, ApiError> {
    let Some(caller) = crate::api::request::current_caller().await? else {
        return Ok(0);
    };
    let db = crate::api::request::db()?;
    Ok(pathway_store::notices::unread(&db, &caller).await?)
}
