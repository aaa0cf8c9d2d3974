//! A ceiling on every request's body, by what the endpoint takes (issue 17 item 4): a few
//! kilobytes for the sign-in forms, room for a sync batch of the largest evidence, and a
//! general limit above the largest form (the people import's 2 MB file, form-encoded). A
//! larger body is refused with 413 before a server function reads any of it.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header::CONTENT_LENGTH;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Sign-in, set-password and change-password: an address and two passwords of at most 128
/// characters, with room to spare.
pub const AUTH_BYTES: usize = 16 * 1024;
/// A sync push: the browser sends at most 100 changes, each up to 30,000 characters of text.
pub const SYNC_BYTES: usize = 16 * 1024 * 1024;
/// Everything else.
pub const DEFAULT_BYTES: usize = 8 * 1024 * 1024;

pub fn limit_for(path: &str) -> usize {
    if path.starts_with("/api/auth/") {
        AUTH_BYTES
    } else if path.starts_with("/api/sync/") {
        SYNC_BYTES
    } else {
        DEFAULT_BYTES
    }
}

pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_for(request.uri().path());
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return too_large(limit);
    }
    // without a declared length (chunked), read no more than the limit
    let (parts, body) = request.into_parts();
    match to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(limit),
    }
}

fn too_large(limit: usize) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request is too large: at most {limit} bytes are accepted here"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_forms_get_the_smallest_limit_and_sync_the_largest() {
        assert_eq!(limit_for("/api/auth/sign_in"), AUTH_BYTES);
        assert_eq!(limit_for("/api/auth/set_password"), AUTH_BYTES);
        assert_eq!(limit_for("/api/sync/push"), SYNC_BYTES);
        assert_eq!(limit_for("/api/admin/import_people"), DEFAULT_BYTES);
        assert_eq!(limit_for("/portfolio"), DEFAULT_BYTES);
    }
}
