//! Sign-in through the organisation's OpenID provider, beside passwords (issue 17 item 12):
//! the authorization code flow with PKCE (OpenID Connect Core §3.1, RFC 7636). Two plain
//! routes, because both answer with a redirect:
//! - `GET /auth/oidc/start?next=…` records the sign-in (state, nonce, PKCE verifier, in the
//!   database so any instance can finish it), binds it to this browser with a cookie holding
//!   the state, and sends the browser to the provider;
//! - `GET /auth/oidc/callback?code=…&state=…` checks the cookie against the state, takes the
//!   sign-in (once), exchanges the code, checks the ID token and signs in the person an
//!   administrator linked to its subject. Two-step sign-in still applies.
//!
//! Settings: `PATHWAY_OIDC_ISSUER`, `PATHWAY_OIDC_CLIENT_ID`, `PATHWAY_OIDC_CLIENT_SECRET`,
//! `PATHWAY_OIDC_REDIRECT_URL` (this server's `/auth/oidc/callback` as the provider knows it)
//! and optionally `PATHWAY_OIDC_NAME` (the button's words).

mod provider;

pub use provider::{OidcError, Provider};

use crate::state::AppState;
use app::api::auth::sign_in::second_step;
use axum::extract::{Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{request::Parts, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use pathway_store::auth::flow::{self, SignInStep};
use pathway_store::auth::{oidc, SecuritySettings};
use serde::Deserialize;
use std::collections::HashMap;

/// The cookie holding a sign-in's state between the two routes (`__Host-` over TLS).
const STATE_COOKIE: &str = "pathway_oidc";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_url: String,
    /// The sign-in button says "Sign in with {name}".
    pub name: String,
}

impl OidcSettings {
    /// From the environment: none of the four, or all of them (`https` outside local and
    /// demo modes).
    pub fn from_lookup(
        lookup: &impl Fn(&str) -> Option<String>,
        require_https: bool,
    ) -> Result<Option<Self>, String> {
        let read = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let names = [
            "PATHWAY_OIDC_ISSUER",
            "PATHWAY_OIDC_CLIENT_ID",
            "PATHWAY_OIDC_CLIENT_SECRET",
            "PATHWAY_OIDC_REDIRECT_URL",
        ];
        let values: Vec<Option<String>> = names.iter().map(|name| read(name)).collect();
        if values.iter().all(Option::is_none) {
            return Ok(None);
        }
        let missing: Vec<&str> = names
            .iter()
            .zip(&values)
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "signing in through an identity provider needs all of {}; missing: {}",
                names.join(", "),
                missing.join(", ")
            ));
        }
        let [issuer, client_id, client_secret, redirect_url] =
            <[Option<String>; 4]>::try_from(values).map_err(|_| "unreachable".to_owned())?;
        let (issuer, client_id, client_secret, redirect_url) = (
            issuer.unwrap_or_default(),
            client_id.unwrap_or_default(),
            client_secret.unwrap_or_default(),
            redirect_url.unwrap_or_default(),
        );
        for (name, value) in [
            ("PATHWAY_OIDC_ISSUER", &issuer),
            ("PATHWAY_OIDC_REDIRECT_URL", &redirect_url),
        ] {
            let url = url::Url::parse(value).map_err(|_| {
                format!(
                    "{name} must be an address such as https://login.example.org, not {value:?}"
                )
            })?;
            if require_https && url.scheme() != "https" {
                return Err(format!(
                    "{name} must use https outside local and demo modes"
                ));
            }
        }
        Ok(Some(Self {
            issuer,
            client_id,
            client_secret,
            redirect_url,
            name: read("PATHWAY_OIDC_NAME").unwrap_or_else(|| "your organisation's account".into()),
        }))
    }
}

fn state_cookie(settings: SecuritySettings, value: &str, max_age: i64) -> String {
    let (name, secure) = if settings.tls {
        (format!("__Host-{STATE_COOKIE}"), "; Secure")
    } else {
        (STATE_COOKIE.to_owned(), "")
    };
    // Lax: the provider sends the browser back with a top-level GET from its own site
    format!("{name}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}")
}

/// A 303 to `location` with these cookies.
fn redirect(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// Back to the sign-in page with what went wrong (`oidc=unlinked` or `oidc=failed`).
fn refused(why: &str, settings: SecuritySettings) -> Response {
    redirect(
        &format!("/sign-in?oidc={why}"),
        &[state_cookie(settings, "", 0)],
    )
}

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

pub async fn start(State(state): State<AppState>, Query(query): Query<StartQuery>) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let next = app::api::auth::safe_next(query.next.as_deref());
    let begun = async {
        let started = oidc::begin(&state.db, &next, state.db.clock().now())
            .await
            .map_err(|e| OidcError::Invalid(e.to_string()))?;
        let url = provider
            .authorization_url(&started.state, &started.nonce, &started.code_challenge)
            .await?;
        Ok::<_, OidcError>((url, started.state))
    };
    match begun.await {
        Ok((url, state_value)) => {
            let lifetime = oidc::LOGIN_MINUTES * 60;
            redirect(
                &url,
                &[state_cookie(state.security, &state_value, lifetime)],
            )
        }
        Err(error) => {
            tracing::warn!(%error, "sign-in through the identity provider could not start");
            refused("failed", state.security)
        }
    }
}

pub async fn callback(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    parts: Parts,
) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let settings = state.security;
    let meta = pathway_store::auth::meta_from_parts(&parts, settings);
    let cookie_name = if settings.tls {
        format!("__Host-{STATE_COOKIE}")
    } else {
        STATE_COOKIE.to_owned()
    };
    let cookie = pathway_store::auth::cookie_value(&parts, &cookie_name);
    let (Some(code), Some(returned)) = (query.get("code"), query.get("state")) else {
        // the person cancelled at the provider, or it refused ("error=…")
        return refused("failed", settings);
    };
    // the answer must come back to the browser that asked (no sign-in planted by a link)
    if cookie.as_deref() != Some(returned.as_str()) {
        return refused("failed", settings);
    }
    let now = state.db.clock().now();
    let pending = match oidc::take(&state.db, returned, now).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return refused("failed", settings),
        Err(error) => {
            tracing::error!(%error, "a sign-in through the identity provider could not be read");
            return refused("failed", settings);
        }
    };
    let subject = match provider
        .subject(code, &pending.verifier, &pending.nonce)
        .await
    {
        Ok(subject) => subject,
        Err(error) => {
            tracing::warn!(%error, "the identity provider's sign-in was not accepted");
            return refused("failed", settings);
        }
    };
    let issuer = provider.settings().issuer.clone();
    let step = flow::sign_in_linked(&state.db, &issuer, &subject, &meta, settings, now).await;
    let clear = state_cookie(settings, "", 0);
    match step {
        Ok(Some(SignInStep::Done(signed_in))) => {
            let mut cookies = vec![clear, settings.session_cookie(&signed_in.token)];
            if let Some(device) = &signed_in.device_token {
                cookies.push(settings.device_cookie(device));
            }
            redirect(&pending.next, &cookies)
        }
        Ok(Some(SignInStep::Code { pending_token })) => {
            let cookies = [clear, settings.pending_cookie(&pending_token)];
            redirect(&second_step("/sign-in/code", &pending.next), &cookies)
        }
        Ok(Some(SignInStep::SetUp { pending_token })) => {
            let cookies = [clear, settings.pending_cookie(&pending_token)];
            redirect(&second_step("/sign-in/set-up", &pending.next), &cookies)
        }
        Ok(None) => refused("unlinked", settings),
        Err(error) => {
            tracing::error!(%error, "signing in a linked person failed");
            refused("failed", settings)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OidcSettings;

    fn read(pairs: &[(&str, &str)], require_https: bool) -> Result<Option<OidcSettings>, String> {
        let lookup = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        };
        OidcSettings::from_lookup(&lookup, require_https)
    }

    const ALL: [(&str, &str); 4] = [
        ("PATHWAY_OIDC_ISSUER", "https://login.example.org"),
        ("PATHWAY_OIDC_CLIENT_ID", "pathway"),
        ("PATHWAY_OIDC_CLIENT_SECRET", "a secret"),
        (
            "PATHWAY_OIDC_REDIRECT_URL",
            "https://pathway.example.org/auth/oidc/callback",
        ),
    ];

    #[test]
    fn none_of_the_settings_means_passwords_only() {
        assert_eq!(read(&[], true), Ok(None));
    }

    #[test]
    fn all_four_settings_or_a_message_naming_the_missing_ones() {
        let settings = read(&ALL, true).unwrap().unwrap();
        assert_eq!(settings.client_id, "pathway");
        assert_eq!(settings.name, "your organisation's account");
        let error = read(&ALL[..2], true).unwrap_err();
        assert!(error.contains("PATHWAY_OIDC_CLIENT_SECRET"), "{error}");
        assert!(error.contains("PATHWAY_OIDC_REDIRECT_URL"), "{error}");
    }

    #[test]
    fn outside_local_and_demo_modes_the_provider_must_be_reached_over_https() {
        let mut plain = ALL;
        plain[0] = ("PATHWAY_OIDC_ISSUER", "http://login.example.org");
        let error = read(&plain, true).unwrap_err();
        assert!(error.contains("https"), "{error}");
        assert!(read(&plain, false).unwrap().is_some());
    }
}
