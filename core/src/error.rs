//! The one error type that crosses the network. Every variant is safe to show a user:
//! internal causes are logged on the server with a reference and never sent.
//! `app::error::ApiError` carries it through server functions (Leptos's trait cannot be
//! implemented here without Leptos, and this crate has none).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// No signed-in user (HTTP 401).
    Unauthenticated,
    /// Signed in but not allowed, or the record does not exist for this user (HTTP 403).
    Forbidden,
    NotFound,
    /// Bad input, with a message written for the user.
    Validation(String),
    /// The record changed since it was read.
    Conflict(String),
    /// Too many attempts (sign-in throttling, HTTP 429), with a message for the user.
    TooManyRequests(String),
    /// Something failed on the server; `reference` matches a server log line.
    Internal {
        reference: String,
    },
    /// The request never reached a working server (offline, timeout, bad response).
    Network(String),
}

impl AppError {
    pub fn validation(message: impl Into<String>) -> Self {
        Self::Validation(message.into())
    }

    /// The HTTP status a server response carries for this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Validation(_) => 422,
            Self::Conflict(_) => 409,
            Self::TooManyRequests(_) => 429,
            Self::Internal { .. } => 500,
            Self::Network(_) => 503,
        }
    }

    /// Logs `cause` with a fresh short reference and returns the generic error a user sees.
    #[cfg(feature = "server")]
    pub fn internal(cause: &dyn fmt::Display) -> Self {
        let reference = uuid::Uuid::now_v7().simple().to_string()[20..].to_string();
        tracing::error!(%reference, error = %cause, "internal error");
        Self::Internal { reference }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unauthenticated => f.write_str("You need to sign in to do that."),
            Self::Forbidden => f.write_str("You do not have permission to do that."),
            Self::NotFound => f.write_str("Page not found."),
            Self::Validation(message)
            | Self::Conflict(message)
            | Self::TooManyRequests(message) => f.write_str(message),
            Self::Internal { reference } => {
                write!(f, "Something went wrong — reference {reference}.")
            }
            Self::Network(_) => {
                f.write_str("Pathway could not be reached. Check your connection and try again.")
            }
        }
    }
}

impl std::error::Error for AppError {}

#[cfg(feature = "server")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        Self::internal(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_show_only_a_reference() {
        let error = AppError::Internal {
            reference: "7f3a".into(),
        };
        assert_eq!(error.to_string(), "Something went wrong — reference 7f3a.");
        assert_eq!(error.status_code(), 500);
    }

    #[test]
    fn validation_messages_reach_the_user_verbatim() {
        let error = AppError::validation("Enter a panel date");
        assert_eq!(error.to_string(), "Enter a panel date");
        assert_eq!(error.status_code(), 422);
    }
}
