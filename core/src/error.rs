//! The one error type that crosses the network. Every variant is safe to show a user:
//! internal causes are logged on the server with a reference and never sent.
//! `app::error::ApiError` carries it through server functions (Leptos's trait cannot be
//! implemented here without Leptos, and this crate has none).

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem with one field: `field` is the element id the error summary links to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// No signed-in user (HTTP 401).
    Unauthenticated,
    /// Signed in but not allowed, or the record does not exist for this user (HTTP 403).
    Forbidden,
    NotFound,
    /// Bad input, with a message written for the user.
    Validation(String),
    /// Bad input in named fields: each message goes beside its field and in the error
    /// summary, linked to it. `field` is the form field's id.
    Invalid(Vec<FieldError>),
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

    /// Bad input in one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// The problems to show beside fields: an `Invalid` error's own, any other error as
    /// one problem linked to `first_field` (the form's first field).
    pub fn field_errors(&self, first_field: &str) -> Vec<FieldError> {
        match self {
            Self::Invalid(errors) => errors.clone(),
            Self::Validation(text) | Self::Conflict(text) => text
                .lines()
                .map(|line| FieldError::new(first_field, line))
                .collect(),
            other => vec![FieldError::new(first_field, other.to_string())],
        }
    }

    /// The HTTP status a server response carries for this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Validation(_) | Self::Invalid(_) => 422,
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
            Self::Invalid(errors) => {
                let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
                f.write_str(&messages.join("\n"))
            }
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
    fn field_errors_keep_their_fields_and_others_go_to_the_first_field() {
        let invalid = AppError::Invalid(vec![
            FieldError::new("email", "Enter an email address"),
            FieldError::new("name", "Enter a name"),
        ]);
        assert_eq!(invalid.status_code(), 422);
        assert_eq!(
            invalid.field_errors("title"),
            match &invalid {
                AppError::Invalid(errors) => errors.clone(),
                _ => unreachable!(),
            }
        );
        assert_eq!(invalid.to_string(), "Enter an email address\nEnter a name");
        let other = AppError::Conflict("Changed elsewhere".into()).field_errors("title");
        assert_eq!(other, vec![FieldError::new("title", "Changed elsewhere")]);
    }

    #[test]
    fn validation_messages_reach_the_user_verbatim() {
        let error = AppError::validation("Enter a panel date");
        assert_eq!(error.to_string(), "Enter a panel date");
        assert_eq!(error.status_code(), 422);
    }
}
