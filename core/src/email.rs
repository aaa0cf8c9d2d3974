//! An email address as Pathway keeps it: trimmed and lower-cased, so one person has one
//! address however it was typed (sign-in box, admin form, CSV import) and lookups compare
//! like with like. Every place that stores, compares or looks up an address goes through
//! here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// RFC 5321's limit on a forward path; longer input is refused before anything else.
pub const MAX_EMAIL_LENGTH: usize = 254;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::Type), sqlx(transparent))]
#[serde(transparent)]
pub struct Email(String);

/// Why a typed address is not one, in the GOV.UK email pattern's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailProblem {
    Missing,
    TooLong,
    Malformed,
}

impl EmailProblem {
    pub fn message(self) -> &'static str {
        match self {
            Self::Missing => "Enter an email address",
            Self::TooLong => "Email address must be 254 characters or fewer",
            Self::Malformed => {
                "Enter an email address in the correct format, like name@example.org"
            }
        }
    }
}

impl Email {
    /// A well-formed address: something@domain.tld with no spaces, at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, EmailProblem> {
        let text = normalise(raw);
        if text.is_empty() {
            return Err(EmailProblem::Missing);
        }
        if text.chars().count() > MAX_EMAIL_LENGTH {
            return Err(EmailProblem::TooLong);
        }
        let well_formed = text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() > 1
                && domain.split('.').all(|part| !part.is_empty())
        }) && !text.chars().any(char::is_whitespace);
        if well_formed {
            Ok(Self(text))
        } else {
            Err(EmailProblem::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an address is compared as, without judging its form: for looking up what someone
/// typed into the sign-in box (a malformed one simply matches nobody).
pub fn normalise(raw: &str) -> String {
    raw.trim().to_lowercase()
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_kept_trimmed_and_lower_cased() {
        let email = Email::parse("  Ella.Nowak@Pathway.Example ").unwrap();
        assert_eq!(email.as_str(), "ella.nowak@pathway.example");
        assert_eq!(normalise(" A@B.C "), "a@b.c");
    }

    #[test]
    fn malformed_missing_and_overlong_addresses_are_refused() {
        assert_eq!(Email::parse("   "), Err(EmailProblem::Missing));
        for bad in [
            "not-an-email",
            "@pathway.example",
            "a@b",
            "a@b.",
            "a b@c.d",
            "a@b@c.d",
            "a@.d",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailProblem::Malformed), "{bad}");
        }
        let long = format!("{}@pathway.example", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailProblem::TooLong));
    }
}
