//! `DATABASE_URL` parsing: the scheme picks the engine, and a bad value gets a message
//! that names the variable and says what was expected.

use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file, created on first start.
    SqliteFile(PathBuf),
    /// A private in-memory SQLite database (tests).
    SqliteMemory,
    /// A PostgreSQL server, e.g. `postgres://pathway@db.internal/pathway`.
    Postgres(String),
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/pathway.db";

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let expected = "expected sqlite://<file path> (for example sqlite://data/pathway.db) \
                        or postgres://<user>@<host>/<database>";
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let rest = raw
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or_default();
            if rest.is_empty() || rest.starts_with('/') && rest.len() == 1 {
                return Err(format!("DATABASE_URL has no host: {expected}"));
            }
            return Ok(Self::Postgres(raw.to_string()));
        }
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            return match path {
                "" => Err(format!("DATABASE_URL names no SQLite file: {expected}")),
                ":memory:" => Ok(Self::SqliteMemory),
                path => Ok(Self::SqliteFile(PathBuf::from(path))),
            };
        }
        Err(format!(
            "DATABASE_URL is not a database URL ({:?}): {expected}",
            shorten(raw)
        ))
    }

    /// The URL as sqlx's `Any` driver wants it.
    pub fn connect_string(&self) -> String {
        match self {
            Self::SqliteFile(path) => format!("sqlite://{}?mode=rwc", path.display()),
            Self::SqliteMemory => "sqlite::memory:".to_string(),
            Self::Postgres(url) => url.clone(),
        }
    }

    /// A description safe for logs: never the password in a PostgreSQL URL.
    pub fn redacted(&self) -> String {
        match self {
            Self::SqliteFile(path) => format!("SQLite file {}", path.display()),
            Self::SqliteMemory => "SQLite in memory".to_string(),
            Self::Postgres(url) => {
                let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
                let host = after_scheme
                    .rsplit_once('@')
                    .map(|(_, h)| h)
                    .unwrap_or(after_scheme);
                format!("PostgreSQL at {host}")
            }
        }
    }
}

fn shorten(raw: &str) -> String {
    raw.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_engine() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/pathway.db"),
            Ok(DatabaseUrl::SqliteFile("data/pathway.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/pathway.db"),
            Ok(DatabaseUrl::SqliteFile("/var/lib/pathway.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite::memory:"),
            Ok(DatabaseUrl::SqliteMemory)
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/pathway"),
            Ok(DatabaseUrl::Postgres(_))
        ));
    }

    #[test]
    fn nonsense_names_the_variable_and_what_was_expected() {
        let error = DatabaseUrl::parse("nonsense").unwrap_err();
        assert!(error.starts_with("DATABASE_URL"), "{error}");
        assert!(error.contains("expected sqlite://"), "{error}");
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        assert!(DatabaseUrl::parse("postgres://").is_err());
    }

    #[test]
    fn redaction_hides_the_password() {
        let url = DatabaseUrl::parse("postgres://pathway:s3cret@db.internal/pathway").unwrap();
        assert_eq!(url.redacted(), "PostgreSQL at db.internal/pathway");
    }
}
