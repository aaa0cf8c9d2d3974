//! Settings from environment variables. A bad value stops start-up with one line that
//! names the variable and what was expected; nothing panics.

use leptos::config::LeptosOptions;
use pathway_store::db::{DatabaseUrl, DEFAULT_DATABASE_URL};
use std::net::SocketAddr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    /// Load the fictional demo organisation into an empty database.
    pub seed_demo: bool,
    pub log_format: LogFormat,
    pub leptos_options: LeptosOptions,
    /// Served over TLS (PATHWAY_TLS): `__Host-` Secure session cookie and HSTS.
    pub tls: bool,
    /// The server's one clock (the system's; the server's tests fix it).
    pub clock: pathway_store::clock::Clock,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = DatabaseUrl::parse(
            &lookup("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
        )
        .map_err(ConfigError)?;
        let seed_demo = match lookup("PATHWAY_SEED_DEMO") {
            None => true,
            Some(value) => parse_switch("PATHWAY_SEED_DEMO", &value)?,
        };
        let tls = match lookup("PATHWAY_TLS") {
            None => false,
            Some(value) => parse_switch("PATHWAY_TLS", &value)?,
        };
        let log_format = match lookup("PATHWAY_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError(format!(
                    "PATHWAY_LOG_FORMAT must be \"text\" or \"json\", not {other:?}"
                )))
            }
        };
        let site_addr = match lookup("LEPTOS_SITE_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(value) => value.parse().map_err(|_| {
                ConfigError(format!(
                    "LEPTOS_SITE_ADDR must be an address and port such as 127.0.0.1:3000, not {value:?}"
                ))
            })?,
        };
        let output_name = lookup("LEPTOS_OUTPUT_NAME")
            .or_else(|| option_env!("LEPTOS_OUTPUT_NAME").map(str::to_string))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "pathway".to_string());
        let hash_files = match lookup("LEPTOS_HASH_FILES") {
            None => false,
            Some(value) => parse_switch("LEPTOS_HASH_FILES", &value)?,
        };
        let leptos_options = LeptosOptions::builder()
            .output_name(output_name)
            .site_root(lookup("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
            .site_pkg_dir(lookup("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".into()))
            .site_addr(site_addr)
            .hash_files(hash_files)
            .build();
        Ok(Self {
            database_url,
            seed_demo,
            log_format,
            leptos_options,
            tls,
            clock: pathway_store::clock::Clock::system(),
        })
    }
}

fn parse_switch(name: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError(format!(
            "{name} must be on or off (true/false), not {value:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn defaults_to_the_embedded_sqlite_file_with_demo_data() {
        let settings = settings(&[]).unwrap();
        assert_eq!(
            settings.database_url,
            DatabaseUrl::SqliteFile("data/pathway.db".into())
        );
        assert!(settings.seed_demo);
        assert_eq!(
            settings.leptos_options.site_addr.to_string(),
            "127.0.0.1:3000"
        );
    }

    #[test]
    fn a_malformed_database_url_names_the_variable() {
        let error = settings(&[("DATABASE_URL", "nonsense")])
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("DATABASE_URL"), "{error}");
        assert!(!error.contains('\n'), "one line: {error}");
    }

    #[test]
    fn bad_switches_and_addresses_are_refused_by_name() {
        let error = settings(&[("PATHWAY_SEED_DEMO", "maybe")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("PATHWAY_SEED_DEMO"), "{error}");
        let error = settings(&[("LEPTOS_SITE_ADDR", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("LEPTOS_SITE_ADDR"), "{error}");
        assert!(!settings(&[("PATHWAY_SEED_DEMO", "off")]).unwrap().seed_demo);
    }
}
