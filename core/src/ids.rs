//! The ids of Pathway's records, one type each, so a team's id cannot be passed where a
//! person's is wanted and the compiler says so.
//!
//! An id arriving from outside (a URL, a form, a queued change from a device) is checked
//! once, where it is deserialised or parsed: at most 64 characters of letters, digits, `-`
//! and `_`, which every id Pathway makes (UUID v7 text) satisfies. Past that edge an id is
//! never re-checked. On the wire and in the database an id is its text, so the sync payloads
//! queued on devices before these types existed still read (`serde` and `sqlx` are
//! transparent).

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Longer than any id Pathway issues; a longer one is refused before any lookup.
pub const MAX_ID_LENGTH: usize = 64;

/// Why a piece of text is not an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdProblem;

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a record id: 1 to 64 letters, digits, hyphens or underscores")
    }
}

impl std::error::Error for IdProblem {}

/// Whether `text` is a UUID written the one way Pathway writes them (lowercase, hyphenated,
/// 36 characters). Ids made on devices (evidence, a device's client id) must be, so one
/// record or device cannot arrive under two spellings (`{…}`, `urn:uuid:…`, upper case,
/// no hyphens) and be taken for two (issue 17 item 10).
pub fn is_canonical_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok_and(|id| id.hyphenated().to_string() == text)
}

fn well_formed(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID_LENGTH
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "server", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks text from outside: a URL segment, a form field, a device's payload.
            pub fn parse(text: impl Into<String>) -> Result<Self, IdProblem> {
                let text = text.into();
                if well_formed(&text) {
                    Ok(Self(text))
                } else {
                    Err(IdProblem)
                }
            }

            /// A new id for a record being created: UUID v7, so ids sort by creation time.
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// An id reads as its text wherever text is wanted (audit record ids, links); the
        /// other way, text to id, always goes through `parse`.
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdProblem;
            fn from_str(text: &str) -> Result<Self, IdProblem> {
                Self::parse(text)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(text).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// A person: worker, manager, panel member or administrator.
    PersonId
);
id_type!(
    /// A team.
    TeamId
);
id_type!(
    /// One piece of evidence in a portfolio (CPD entries included).
    EvidenceId
);
id_type!(
    /// A sync conflict waiting for its owner to choose.
    ConflictId
);
id_type!(
    /// A device that drafts offline: one browser profile.
    ClientId
);
id_type!(
    /// One queued change from a device, applied at most once.
    ChangeId
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17 item 10: one UUID, one spelling.
    #[test]
    fn only_the_canonical_spelling_of_a_uuid_is_accepted() {
        let id = uuid::Uuid::now_v7();
        let canonical = id.hyphenated().to_string();
        assert!(is_canonical_uuid(&canonical));
        for other in [
            canonical.to_uppercase(),
            id.simple().to_string(),
            format!("{{{canonical}}}"),
            id.urn().to_string(),
            format!(" {canonical}"),
            "not a uuid".to_owned(),
        ] {
            assert!(!is_canonical_uuid(&other), "{other:?}");
        }
    }

    #[test]
    fn issued_ids_parse_and_read_back_as_their_text() {
        let id = PersonId::generate();
        let text = id.to_string();
        assert_eq!(PersonId::parse(text.clone()), Ok(id.clone()));
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
    }

    #[test]
    fn text_that_is_not_an_id_is_refused_at_the_edge() {
        for bad in ["", "a b", "../etc", "p;drop", &"x".repeat(65), "é"] {
            assert_eq!(PersonId::parse(bad), Err(IdProblem), "{bad:?}");
            let json = serde_json::to_string(bad).unwrap();
            assert!(serde_json::from_str::<TeamId>(&json).is_err(), "{bad:?}");
        }
        assert!(EvidenceId::parse("x".repeat(64)).is_ok());
    }
}
