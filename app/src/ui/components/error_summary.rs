//! The GOV.UK error summary for a form that posted without JavaScript: the server function
//! redirected back here with its error encoded in `__err`.

use crate::error::{ApiError, AppError};
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

/// The error a plain form post came back with, if any.
pub fn posted_error() -> Option<AppError> {
    use_query_map().with_untracked(|query| {
        query
            .get("__err")
            .map(|encoded| ServerFnUrlError::<ApiError>::decode_err(&encoded).0)
    })
}

#[component]
pub fn ErrorSummary(error: Option<AppError>, #[prop(into)] field: String) -> impl IntoView {
    error.map(|error| {
        view! {
            <div class="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabindex="-1">
                <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                <div class="govuk-error-summary__body">
                    <ul class="govuk-list govuk-error-summary__list">
                        <li><a href=format!("#{field}")>{error.to_string()}</a></li>
                    </ul>
                </div>
            </div>
        }
    })
}
