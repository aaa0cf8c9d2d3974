//! Errors in GOV.UK's two places: the error summary at the top of the page, each problem
//! a link to its field, and the message beside the field itself.

use crate::error::{ApiError, AppError};
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;
use pathway_core::error::FieldError;

/// The cookie by which the server vouches for a page's `__err` (server/src/posted_error.rs):
/// the digest of the last error it answered this browser with.
pub const POSTED_ERROR_COOKIE: &str = "pathway_posted";

/// The error a refused form came back with: the server function redirected back here with it
/// encoded in `__err` (or the page's script did, from the refusal it fetched). Shown only
/// when Pathway vouches for it, so a link from elsewhere cannot put words in the page's
/// mouth (issue 17 item 10).
pub fn posted_error() -> Option<AppError> {
    let encoded = use_query_map().with_untracked(|query| query.get("__err"))?;
    vouched_for(&encoded).then(|| ServerFnUrlError::<ApiError>::decode_err(&encoded).0)
}

#[cfg(feature = "ssr")]
fn vouched_for(encoded: &str) -> bool {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| pathway_store::auth::cookie_value(&parts, POSTED_ERROR_COOKIE))
        .is_some_and(|value| value == pathway_store::auth::sessions::digest(encoded))
}

/// Pages are drawn by the server; the browser never shows an error from its address.
#[cfg(not(feature = "ssr"))]
fn vouched_for(_: &str) -> bool {
    false
}

/// The problems a plain form post came back with, field by field when the server named the
/// fields, otherwise one problem linked to `first_field`.
pub fn posted_errors(first_field: &str) -> Vec<FieldError> {
    posted_error()
        .map(|error| error.field_errors(first_field))
        .unwrap_or_default()
}

/// The message for one field, if it has a problem.
pub fn error_for(
    errors: Signal<Vec<FieldError>>,
    field: impl Into<String>,
) -> Signal<Option<String>> {
    let field = field.into();
    Signal::derive(move || {
        errors.with(|all| {
            all.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    })
}

/// "There is a problem", with every problem linking to its field. Nothing when there are
/// none.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabindex="-1" id="error-summary">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {errors.into_iter().map(|e| view! {
                                <li><a href=format!("#{}", e.field)>{e.message}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            }
        })
    }
}

/// The message beside a field (`{id}-error`, which the field's `aria-describedby` names).
#[component]
pub fn ErrorMessage(
    #[prop(into)] id: String,
    #[prop(into)] error: MaybeProp<String>,
) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="govuk-error-message" id=format!("{id}-error")>
                    <span class="govuk-visually-hidden">"Error: "</span>{message}
                </p>
            }
        })
    }
}
