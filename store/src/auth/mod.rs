//! Who is calling: the session cookie, database-held sessions, passwords, throttling and
//! one-time set-password links. `app::api::request::require_user()` is the first line of
//! every server function that needs a signed-in person; what that person may then do is
//! `crate::authz`.

pub mod devices;
pub mod flow;
pub mod my_sessions;
pub mod oidc;
pub mod password;
pub mod pending;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod two_step;

use crate::db::Db;
use axum::http::header::{COOKIE, USER_AGENT};
use axum::http::request::Parts;
use chrono::Duration;
use pathway_core::email::Email;
use pathway_core::error::AppError;
use pathway_core::identity::{CurrentUser, Role};
use pathway_core::ids::PersonId;
use std::net::{IpAddr, SocketAddr};

/// Cookie name over plain HTTP (local development, tests).
pub const COOKIE_NAME: &str = "pathway_session";
/// Cookie name over TLS: the `__Host-` prefix makes the browser insist on Secure, Path=/
/// and no Domain, so no sibling site can plant or read it.
pub const SECURE_COOKIE_NAME: &str = "__Host-pathway_session";
/// The known-device cookie (`devices`); `__Host-` prefixed over TLS.
pub const DEVICE_COOKIE_NAME: &str = "pathway_device";
/// The start of the offline-drafting pepper's cookie name (`vault`), followed by the
/// person's id; `__Host-` prefixed over TLS.
pub const PEPPER_COOKIE_PREFIX: &str = "pathway_pepper_";
/// The half-way sign-in's cookie (`pending`); `__Host-` prefixed over TLS.
pub const PENDING_COOKIE_NAME: &str = "pathway_pending";

/// Session and transport settings, read once at start-up and shared through context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecuritySettings {
    /// Served over TLS (directly or behind a TLS-terminating proxy): Secure cookies, HSTS.
    pub tls: bool,
    /// A session unused this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however busy.
    pub absolute_timeout: Duration,
    /// Administrators and panel roles must use two-step sign-in (issue 17 item 6): on
    /// everywhere but demo mode, whose fictional accounts sign in with the printed password.
    pub two_step_for_roles: bool,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        Self {
            tls: false,
            idle_timeout: Duration::minutes(30),
            absolute_timeout: Duration::hours(12),
            two_step_for_roles: true,
        }
    }
}

impl SecuritySettings {
    /// A cookie's name for this transport: over TLS the `__Host-` prefix makes the browser
    /// insist on Secure, Path=/ and no Domain, so no sibling site can plant or read it.
    fn name(&self, plain: &'static str) -> String {
        if self.tls {
            format!("__Host-{plain}")
        } else {
            plain.to_owned()
        }
    }

    /// A Set-Cookie value: HttpOnly, for the whole site, Secure over TLS.
    fn cookie(&self, plain: &'static str, value: &str, same_site: &str, max_age: i64) -> String {
        let secure = if self.tls { "; Secure" } else { "" };
        format!(
            "{}={value}; HttpOnly; SameSite={same_site}; Path=/; Max-Age={max_age}{secure}",
            self.name(plain)
        )
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.tls {
            SECURE_COOKIE_NAME
        } else {
            COOKIE_NAME
        }
    }

    /// The Set-Cookie value carrying a new session token.
    pub fn session_cookie(&self, token: &str) -> String {
        let lifetime = self.absolute_timeout.num_seconds();
        self.cookie(COOKIE_NAME, token, "Lax", lifetime)
    }

    /// The Set-Cookie value that removes the session cookie.
    pub fn clearing_cookie(&self) -> String {
        self.cookie(COOKIE_NAME, "", "Lax", 0)
    }

    pub fn device_cookie_name(&self) -> String {
        self.name(DEVICE_COOKIE_NAME)
    }

    /// The Set-Cookie value marking this browser as a known device (it outlives sessions
    /// and sign-outs: it says only that its owner has signed in here before).
    pub fn device_cookie(&self, token: &str) -> String {
        let lifetime = Duration::days(devices::KNOWN_FOR_DAYS).num_seconds();
        self.cookie(DEVICE_COOKIE_NAME, token, "Strict", lifetime)
    }

    pub fn pending_cookie_name(&self) -> String {
        self.name(PENDING_COOKIE_NAME)
    }

    /// The Set-Cookie value naming a half-way sign-in (`pending`), for the code page.
    pub fn pending_cookie(&self, token: &str) -> String {
        let lifetime = Duration::minutes(pending::LIFETIME_MINUTES).num_seconds();
        self.cookie(PENDING_COOKIE_NAME, token, "Strict", lifetime)
    }

    /// The name of the cookie holding `person`'s offline-drafting pepper on this device.
    pub fn pepper_cookie_name(&self, person: &PersonId) -> String {
        let plain = format!("{PEPPER_COOKIE_PREFIX}{person}");
        if self.tls {
            format!("__Host-{plain}")
        } else {
            plain
        }
    }

    /// The Set-Cookie value keeping `person`'s offline-drafting pepper on this device
    /// (`vault::set_up_offline`). Not HttpOnly: the offline app reads it with no network.
    /// A cookie rather than page storage because browsers keep cookies apart from page
    /// storage and (on Windows and macOS) encrypt them with the operating system's key, so a
    /// copied `localStorage` alone cannot be attacked offline.
    pub fn pepper_cookie(&self, person: &PersonId, pepper: &str, max_age: i64) -> String {
        let secure = if self.tls { "; Secure" } else { "" };
        format!(
            "{}={pepper}; SameSite=Strict; Path=/; Max-Age={max_age}{secure}",
            self.pepper_cookie_name(person)
        )
    }

    /// The Set-Cookie value that removes the half-way sign-in's cookie.
    pub fn clearing_pending_cookie(&self) -> String {
        self.cookie(PENDING_COOKIE_NAME, "", "Strict", 0)
    }
}

/// The signed-in caller of a server function: person and current (unrevoked) roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub person_id: PersonId,
    pub name: String,
    pub email: Email,
    pub roles: Vec<Role>,
}

impl Caller {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn to_current_user(&self) -> CurrentUser {
        CurrentUser {
            person_id: self.person_id.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            roles: self.roles.clone(),
        }
    }
}

/// Where a request came from, for sessions, throttling and the audit log
/// (`app::api::request::request_meta` reads it off the current request).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip: String,
    pub user_agent: String,
    pub session_token: Option<String>,
    /// The known-device cookie, if the browser sent one (`devices`).
    pub device_token: Option<String>,
}

/// The client's address as the server's edge worked it out (through trusted proxies, see
/// `server::client_addr`); requests without it fall back to the TCP peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

pub fn meta_from_parts(parts: &Parts, settings: SecuritySettings) -> RequestMeta {
    let ip = parts
        .extensions
        .get::<ClientAddr>()
        .map(|client| client.0)
        .or_else(|| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .map(|ip| ip.to_string())
        .unwrap_or_default();
    let user_agent = parts
        .headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(300).collect())
        .unwrap_or_default();
    RequestMeta {
        ip,
        user_agent,
        session_token: cookie_value(parts, settings.cookie_name()),
        device_token: cookie_value(parts, &settings.device_cookie_name()),
    }
}

/// The value of the request's cookie `name`, when it has a non-empty one.
pub fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, value)| *cookie == name && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

#[derive(sqlx::FromRow)]
struct CallerRow {
    id: PersonId,
    full_name: String,
    email: Email,
}

/// Loads a person's name, email and current roles if they are active.
pub async fn load_caller(db: &Db, person_id: &PersonId) -> Result<Option<Caller>, AppError> {
    let person: Option<CallerRow> =
        sqlx::query_as("SELECT id, full_name, email FROM people WHERE id = $1 AND active = 1")
            .bind(person_id)
            .fetch_optional(db.pool())
            .await?;
    let Some(person) = person else {
        return Ok(None);
    };
    Ok(Some(Caller {
        roles: crate::people::roles_of(db, &person.id).await?,
        person_id: person.id,
        name: person.full_name,
        email: person.email,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes_follow_the_transport() {
        let plain = SecuritySettings::default();
        let cookie = plain.session_cookie("abc");
        assert!(cookie.starts_with("pathway_session=abc; HttpOnly; SameSite=Lax; Path=/"));
        assert!(!cookie.contains("Secure"));
        let tls = SecuritySettings { tls: true, ..plain };
        let cookie = tls.session_cookie("abc");
        assert!(
            cookie.starts_with("__Host-pathway_session=abc;"),
            "{cookie}"
        );
        assert!(cookie.ends_with("; Secure"), "{cookie}");
        assert!(tls.clearing_cookie().contains("Max-Age=0"));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let request = axum::http::Request::builder()
            .header(COOKIE, "theme=dark; pathway_session=tok123; other=1")
            .body(())
            .unwrap();
        let (parts, ()) = request.into_parts();
        let meta = meta_from_parts(&parts, SecuritySettings::default());
        assert_eq!(meta.session_token.as_deref(), Some("tok123"));
        let tls = SecuritySettings {
            tls: true,
            ..SecuritySettings::default()
        };
        assert_eq!(meta_from_parts(&parts, tls).session_token, None);
    }
}
