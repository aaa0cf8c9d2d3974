//! What a page shows while a resource loads and when it fails: the content once it is
//! there, or the error in GOV.UK's error message style. Every server-loaded section goes
//! through this one wrapper.

use crate::error::ApiError;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Renders `view` with the resource's value, or its error. `id` goes on the error message,
/// so a test or a link finds the section whichever way it went.
#[component]
pub fn Loaded<T, V, F>(
    resource: Resource<Result<T, ApiError>>,
    view: F,
    #[prop(into, optional)] id: Option<String>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (view, id) = (view.clone(), id.clone());
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => view(value).into_any(),
                        Err(error) => view! { <Failed error id/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// A failed load, said plainly, answered with the refusal's own status (403 for a record
/// the caller may not see, 404 for none).
#[component]
pub fn Failed(error: ApiError, id: Option<String>) -> impl IntoView {
    crate::ui::response::set_status(error.status_code());
    view! { <p class="govuk-body govuk-error-message" id=id>{error.to_string()}</p> }
}
