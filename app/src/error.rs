//! The error a server function returns. It wraps `pathway_core::error::AppError` (the kinds,
//! their messages and HTTP statuses live there, beside the rules that raise them) because
//! Leptos's `FromServerFnError` can only be implemented where one of the two is local: here.
//! It serialises exactly as the wrapped error, so the wire format is the core's.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
pub use pathway_core::error::AppError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApiError(pub AppError);

impl Deref for ApiError {
    type Target = AppError;

    fn deref(&self) -> &AppError {
        &self.0
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ApiError {}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self(match value {
            ServerFnErrorErr::Request(message)
            | ServerFnErrorErr::Response(message)
            | ServerFnErrorErr::Deserialization(message) => AppError::Network(message),
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message) => {
                AppError::Validation(format!("The request was not understood: {message}"))
            }
            other => {
                #[cfg(feature = "ssr")]
                {
                    AppError::internal(&other)
                }
                #[cfg(not(feature = "ssr"))]
                {
                    AppError::Network(other.to_string())
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_format_is_the_core_errors() {
        let wrapped = ApiError(AppError::validation("Enter a panel date"));
        let json = serde_json::to_string(&wrapped).unwrap();
        assert_eq!(json, r#"{"Validation":"Enter a panel date"}"#);
        assert_eq!(serde_json::from_str::<ApiError>(&json).unwrap(), wrapped);
    }

    #[test]
    fn a_request_the_server_could_not_read_is_a_validation_error() {
        let error = ApiError::from_server_fn_error(ServerFnErrorErr::Args("title".into()));
        assert_eq!(error.status_code(), 422);
    }
}
