//! The page's HTTP status, set from inside the page as it renders: a refusal or a missing
//! record answers with its own status rather than 200, so proxies, monitoring and tests see
//! what a person reads (issue 17 item 10). Pages render whole before answering
//! (`SsrMode::Async`), so the status is still open while they do.

/// Sets the status of the page being rendered (nothing in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
