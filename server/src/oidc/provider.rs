//! Talking to the organisation's OpenID provider (issue 17 item 12): its discovery document
//! and signing keys (cached; the keys fetched again once when a token names a key not yet
//! seen, as after the provider rotates them), the authorization code exchanged with the PKCE
//! verifier, and the ID token's signature and claims checked before its subject is believed.

use super::OidcSettings;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::RwLock;

/// Why a sign-in through the provider did not finish (logged by kind, never with a token).
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the identity provider could not be reached: {0}")]
    Unreachable(String),
    #[error("the identity provider's answer was not valid: {0}")]
    Invalid(String),
}

#[derive(Clone, Debug, Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct TokenAnswer {
    id_token: String,
}

/// What Pathway reads from an ID token.
#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    nonce: Option<String>,
}

/// Asymmetric algorithms only: a token signed with a shared secret (or "none") is refused.
const ALGORITHMS: [Algorithm; 6] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::ES256,
    Algorithm::ES384,
];

pub struct Provider {
    settings: OidcSettings,
    http: reqwest::Client,
    discovered: RwLock<Option<(Discovery, JwkSet)>>,
}

impl Provider {
    pub fn new(settings: OidcSettings) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            // the provider's answers are read as they come; a redirect is not followed
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Self {
            settings,
            http,
            discovered: RwLock::new(None),
        }
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    async fn get_json<T: for<'de> Deserialize<'de>>(&self, url: &str) -> Result<T, OidcError> {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| OidcError::Unreachable(e.without_url().to_string()))?;
        if !response.status().is_success() {
            return Err(OidcError::Invalid(format!(
                "{url} answered {}",
                response.status()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| OidcError::Invalid(e.without_url().to_string()))
    }

    /// The discovery document and keys, fetched on first use (the provider need not be up
    /// when Pathway starts) or again when `refresh`.
    async fn discovered(&self, refresh: bool) -> Result<(Discovery, JwkSet), OidcError> {
        if !refresh {
            if let Some(found) = self.discovered.read().await.as_ref() {
                return Ok(found.clone());
            }
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            self.settings.issuer.trim_end_matches('/')
        );
        let discovery: Discovery = self.get_json(&url).await?;
        // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for
        if discovery.issuer != self.settings.issuer {
            return Err(OidcError::Invalid(
                "the discovery document names another issuer".into(),
            ));
        }
        let keys: JwkSet = self.get_json(&discovery.jwks_uri).await?;
        *self.discovered.write().await = Some((discovery.clone(), keys.clone()));
        Ok((discovery, keys))
    }

    /// Where to send the browser: the provider's authorization endpoint with a code request,
    /// this sign-in's state and nonce, and its PKCE challenge (S256).
    pub async fn authorization_url(
        &self,
        state: &str,
        nonce: &str,
        code_challenge: &str,
    ) -> Result<String, OidcError> {
        let (discovery, _) = self.discovered(false).await?;
        let mut url = url::Url::parse(&discovery.authorization_endpoint)
            .map_err(|e| OidcError::Invalid(e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("redirect_uri", &self.settings.redirect_url)
            .append_pair("scope", "openid")
            .append_pair("state", state)
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", code_challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(url.into())
    }

    /// Exchanges the authorization code (with the PKCE verifier, the client authenticated by
    /// its secret) and answers the subject of the checked ID token.
    pub async fn subject(
        &self,
        code: &str,
        verifier: &str,
        nonce: &str,
    ) -> Result<String, OidcError> {
        let (discovery, _) = self.discovered(false).await?;
        let response = self
            .http
            .post(&discovery.token_endpoint)
            .basic_auth(&self.settings.client_id, Some(&self.settings.client_secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", self.settings.redirect_url.as_str()),
                ("code_verifier", verifier),
            ])
            .send()
            .await
            .map_err(|e| OidcError::Unreachable(e.without_url().to_string()))?;
        if !response.status().is_success() {
            return Err(OidcError::Invalid(format!(
                "the token endpoint answered {}",
                response.status()
            )));
        }
        let answer: TokenAnswer = response
            .json()
            .await
            .map_err(|e| OidcError::Invalid(e.without_url().to_string()))?;
        let claims = self.verify(&answer.id_token).await?;
        // the nonce ties the token to this browser's sign-in (OpenID Connect Core §3.1.3.7)
        if claims.nonce.as_deref() != Some(nonce) {
            return Err(OidcError::Invalid(
                "the ID token's nonce is not this sign-in's".into(),
            ));
        }
        Ok(claims.sub)
    }

    /// The ID token's claims once its signature (by a key the provider publishes), issuer,
    /// audience and expiry are right.
    async fn verify(&self, token: &str) -> Result<Claims, OidcError> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|e| OidcError::Invalid(e.to_string()))?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(OidcError::Invalid(format!(
                "{:?} is not accepted",
                header.alg
            )));
        }
        let kid = header.kid.unwrap_or_default();
        let (_, mut keys) = self.discovered(false).await?;
        if keys.find(&kid).is_none() {
            // the provider may have rotated its keys since they were fetched
            keys = self.discovered(true).await?.1;
        }
        let jwk = keys
            .find(&kid)
            .ok_or_else(|| OidcError::Invalid("the ID token is signed by an unknown key".into()))?;
        let key = DecodingKey::from_jwk(jwk).map_err(|e| OidcError::Invalid(e.to_string()))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[&self.settings.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 60;
        jsonwebtoken::decode::<Claims>(token, &key, &validation)
            .map(|data| data.claims)
            .map_err(|e| OidcError::Invalid(e.to_string()))
    }
}
