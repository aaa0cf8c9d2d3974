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

/// How this server runs (`PATHWAY_MODE`, issue 17 items 1 and 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The default: served over TLS (through the proxy that terminates it), so the session
    /// cookie is `__Host-` and `Secure` and every response carries HSTS; no demo data, ever.
    Production,
    /// Plain http on this machine, for development and tests: no `Secure` cookie, no HSTS,
    /// no demo data.
    Local,
    /// Plain http with the fictional demo organisation: loaded into an empty database, and at
    /// every start each demo account gets a new random password, printed then.
    Demo,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub mode: Mode,
    /// Demo mode only: the demo accounts' password for this run (`PATHWAY_DEMO_PASSWORD`, for
    /// a test harness that must sign in); `None` makes a random one.
    pub demo_password: Option<String>,
    pub log_format: LogFormat,
    pub leptos_options: LeptosOptions,
    /// Served over TLS (production mode): `__Host-` Secure session cookie and HSTS.
    pub tls: bool,
    /// Administrators and panel roles must use two-step sign-in: everywhere but demo mode.
    pub two_step_for_roles: bool,
    /// The server's one clock (the system's; the server's tests fix it).
    pub clock: pathway_store::clock::Clock,
    /// The proxies whose `Forwarded`/`X-Forwarded-For` headers name the client
    /// (`PATHWAY_TRUSTED_PROXIES`; none by default, so the TCP peer is the client).
    pub trusted_proxies: crate::client_addr::TrustedProxies,
    /// Sign-in through the organisation's OpenID provider, when configured (`PATHWAY_OIDC_*`).
    pub oidc: Option<crate::oidc::OidcSettings>,
    /// The mail server notices' emails go through (`PATHWAY_SMTP_URL` and friends); none:
    /// they wait in the outbox.
    pub mail: Option<crate::mail::MailSettings>,
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
        for retired in ["PATHWAY_SEED_DEMO", "PATHWAY_TLS"] {
            if lookup(retired).is_some() {
                return Err(ConfigError(format!(
                    "{retired} is no longer read: set PATHWAY_MODE to production (the default: TLS, no demo data), local (plain http, no demo data) or demo (plain http, demo data)"
                )));
            }
        }
        let mode = match lookup("PATHWAY_MODE").as_deref().map(str::trim) {
            None | Some("production") => Mode::Production,
            Some("local") => Mode::Local,
            Some("demo") => Mode::Demo,
            Some(other) => {
                return Err(ConfigError(format!(
                    "PATHWAY_MODE must be production, local or demo, not {other:?}"
                )))
            }
        };
        let demo_password = match (lookup("PATHWAY_DEMO_PASSWORD"), mode) {
            (None, _) => None,
            (Some(_), Mode::Production | Mode::Local) => {
                return Err(ConfigError(
                    "PATHWAY_DEMO_PASSWORD is for demo mode only (PATHWAY_MODE=demo)".into(),
                ))
            }
            (Some(password), Mode::Demo) if password.chars().count() < 12 => {
                return Err(ConfigError(
                    "PATHWAY_DEMO_PASSWORD must be at least 12 characters".into(),
                ))
            }
            (Some(password), Mode::Demo) => Some(password),
        };
        let tls = mode == Mode::Production;
        let two_step_for_roles = mode != Mode::Demo;
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
        let trusted_proxies = crate::client_addr::TrustedProxies::parse(
            &lookup("PATHWAY_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|entry| {
            ConfigError(format!(
                "PATHWAY_TRUSTED_PROXIES must list addresses or CIDR blocks separated by commas (such as 10.0.0.0/8, ::1), and {entry:?} is neither"
            ))
        })?;
        let oidc = crate::oidc::OidcSettings::from_lookup(&lookup, mode == Mode::Production)
            .map_err(ConfigError)?;
        let mail = crate::mail::MailSettings::from_lookup(&lookup).map_err(ConfigError)?;
        let leptos_options = LeptosOptions::builder()
            .output_name(output_name)
            .site_root(lookup("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
            .site_pkg_dir(lookup("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".into()))
            .site_addr(site_addr)
            .hash_files(hash_files)
            .build();
        Ok(Self {
            database_url,
            mode,
            demo_password,
            log_format,
            leptos_options,
            tls,
            two_step_for_roles,
            clock: pathway_store::clock::Clock::system(),
            trusted_proxies,
            oidc,
            mail,
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

    /// Issue 17 items 1 and 5: with nothing set, the server is in production mode: TLS
    /// settings on and no demo data (so no account with a known password).
    #[test]
    fn defaults_to_production_on_the_embedded_sqlite_file_without_demo_data() {
        let settings = settings(&[]).unwrap();
        assert_eq!(
            settings.database_url,
            DatabaseUrl::SqliteFile("data/pathway.db".into())
        );
        assert_eq!(settings.mode, Mode::Production);
        assert!(settings.tls, "secure cookies and HSTS by default");
        assert_eq!(settings.demo_password, None);
        assert_eq!(
            settings.leptos_options.site_addr.to_string(),
            "127.0.0.1:3000"
        );
    }

    #[test]
    fn local_and_demo_modes_serve_plain_http() {
        for (mode, expected) in [("local", Mode::Local), ("demo", Mode::Demo)] {
            let settings = settings(&[("PATHWAY_MODE", mode)]).unwrap();
            assert_eq!(settings.mode, expected);
            assert!(!settings.tls, "{mode}");
        }
    }

    /// Issue 17 item 1: a demo password can be given only to demo mode, and the old switches
    /// that turned demo data on (or TLS off) are refused by name rather than ignored.
    #[test]
    fn demo_data_and_its_password_cannot_reach_production() {
        for pairs in [
            &[("PATHWAY_DEMO_PASSWORD", "a long enough password")][..],
            &[
                ("PATHWAY_MODE", "local"),
                ("PATHWAY_DEMO_PASSWORD", "a long enough password"),
            ],
        ] {
            let error = settings(pairs).unwrap_err().to_string();
            assert!(error.contains("demo mode only"), "{error}");
        }
        let error = settings(&[("PATHWAY_MODE", "demo"), ("PATHWAY_DEMO_PASSWORD", "short")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("at least 12"), "{error}");
        for retired in ["PATHWAY_SEED_DEMO", "PATHWAY_TLS"] {
            let error = settings(&[(retired, "on")]).unwrap_err().to_string();
            assert!(error.starts_with(retired), "{error}");
            assert!(error.contains("PATHWAY_MODE"), "{error}");
        }
        let demo = settings(&[
            ("PATHWAY_MODE", "demo"),
            ("PATHWAY_DEMO_PASSWORD", "a long enough password"),
        ])
        .unwrap();
        assert_eq!(
            demo.demo_password.as_deref(),
            Some("a long enough password")
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
    fn bad_modes_and_addresses_are_refused_by_name() {
        let error = settings(&[("PATHWAY_MODE", "maybe")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("PATHWAY_MODE"), "{error}");
        let error = settings(&[("LEPTOS_SITE_ADDR", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("LEPTOS_SITE_ADDR"), "{error}");
    }

    /// Issue 17 item 2: the trusted proxies are read from the environment, and a bad entry
    /// stops start-up naming it.
    #[test]
    fn trusted_proxies_are_addresses_or_blocks() {
        let configured = settings(&[("PATHWAY_TRUSTED_PROXIES", "10.0.0.0/8, ::1")]).unwrap();
        assert_eq!(
            configured.trusted_proxies,
            crate::client_addr::TrustedProxies::parse("10.0.0.0/8,::1").unwrap()
        );
        assert_eq!(
            settings(&[]).unwrap().trusted_proxies,
            crate::client_addr::TrustedProxies::default()
        );
        let error = settings(&[("PATHWAY_TRUSTED_PROXIES", "10.0.0.0/8, the proxy")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("PATHWAY_TRUSTED_PROXIES"), "{error}");
        assert!(error.contains("\"the proxy\""), "{error}");
    }
}
