//! The authorization-code flow against one platform, through the `oauth2` crate, with
//! the platform's quirks applied where the standard flow does not fit.

use std::time::Duration;

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret,
    CsrfToken, EndpointNotSet, EndpointSet, HttpRequest, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RefreshToken, Scope, StandardRevocableToken, TokenUrl,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use url::Url;

use super::registry::{ClientAuth, PlatformSpec};
use crate::net::CALL_TIMEOUT;
use crate::oauth::PlatformCredentials;

/// Why a step with the platform failed; safe to log (no token, no secret).
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("the token endpoint refused or failed: {0}")]
    TokenExchange(String),
    #[error("the profile call failed: {0}")]
    Profile(String),
    #[error("the platform configuration is invalid: {0}")]
    Configuration(String),
}

/// Tokens as the platform gave them, with expiries made absolute.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformTokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    #[serde(with = "time::serde::timestamp::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::timestamp::option")]
    pub refresh_expires_at: Option<OffsetDateTime>,
    pub scope: Option<String>,
}

/// The account the tokens belong to.
#[derive(Debug, Clone)]
pub struct PlatformProfile {
    pub account_id: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
}

/// The token response of every platform: RFC 6749 plus what some add (TikTok's
/// `refresh_expires_in`), minus what some omit (Instagram sends no `token_type`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformTokenResponse {
    access_token: AccessToken,
    #[serde(default = "bearer", deserialize_with = "token_type_any_case")]
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    #[serde(default)]
    refresh_expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

fn token_type_any_case<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BasicTokenType, D::Error> {
    let raw = String::deserialize(deserializer)?;
    Ok(match raw.to_ascii_lowercase().as_str() {
        "bearer" => BasicTokenType::Bearer,
        "mac" => BasicTokenType::Mac,
        _ => BasicTokenType::Extension(raw),
    })
}

impl oauth2::TokenResponse for PlatformTokenResponse {
    type TokenType = BasicTokenType;
    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        None
    }
}

impl PlatformTokenResponse {
    fn into_tokens(self, now: OffsetDateTime) -> PlatformTokens {
        let after =
            |seconds: u64| now + time::Duration::seconds(seconds.min(i64::MAX as u64) as i64);
        PlatformTokens {
            access_token: self.access_token.secret().clone(),
            refresh_token: self.refresh_token.map(|token| token.secret().clone()),
            expires_at: self.expires_in.map(after),
            refresh_expires_at: self.refresh_expires_in.map(after),
            scope: self.scope,
        }
    }
}

type PlatformClient = oauth2::Client<
    BasicErrorResponse,
    PlatformTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// What the start of a connection hands on: the URL to send the person to, and the
/// PKCE verifier to keep (sealed) until the callback.
pub struct AuthorizationStart {
    pub url: Url,
    pub pkce_verifier: Option<String>,
}

/// One platform's flow. It owns what it uses, so its futures borrow nothing from the
/// request (Lambda needs them `Send` for any lifetime).
pub struct OAuthFlow {
    pub spec: PlatformSpec,
    pub credentials: PlatformCredentials,
    pub redirect_uri: Url,
    pub http: reqwest::Client,
}

impl OAuthFlow {
    fn client(&self) -> Result<PlatformClient, FlowError> {
        let invalid = |error: url::ParseError| FlowError::Configuration(error.to_string());
        let auth_type = match self.spec.client_auth {
            ClientAuth::FormBody => AuthType::RequestBody,
            ClientAuth::BasicHeader => AuthType::BasicAuth,
        };
        Ok(
            oauth2::Client::new(ClientId::new(self.credentials.client_id.clone()))
                .set_client_secret(ClientSecret::new(self.credentials.client_secret.clone()))
                .set_auth_uri(AuthUrl::from_url(self.spec.endpoints.authorize.clone()))
                .set_token_uri(TokenUrl::from_url(self.spec.endpoints.token.clone()))
                .set_redirect_uri(RedirectUrl::new(self.redirect_uri.to_string()).map_err(invalid)?)
                .set_auth_type(auth_type),
        )
    }

    /// The platform's consent URL for `state`, with PKCE where the platform has it.
    pub fn authorize(&self, state: &str) -> Result<AuthorizationStart, FlowError> {
        let client = self.client()?;
        let state = state.to_owned();
        let mut request = client
            .authorize_url(|| CsrfToken::new(state))
            .add_scope(Scope::new(self.spec.scope_parameter()));
        for (name, value) in self.spec.extra_authorize_params {
            request = request.add_extra_param(*name, *value);
        }
        let mut pkce_verifier = None;
        if self.spec.pkce {
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            request = request.set_pkce_challenge(challenge);
            pkce_verifier = Some(verifier.secret().clone());
        }
        let (mut url, _) = request.url();
        if self.spec.client_id_param != "client_id" {
            url = rename_query_param(&url, "client_id", self.spec.client_id_param);
        }
        Ok(AuthorizationStart { url, pkce_verifier })
    }

    /// Exchanges the code (and the PKCE verifier) for tokens, then applies the
    /// long-lived exchange where the platform has one.
    pub async fn exchange(
        &self,
        code: &str,
        pkce_verifier: Option<String>,
    ) -> Result<PlatformTokens, FlowError> {
        let client = self.client()?;
        let mut request = client.exchange_code(AuthorizationCode::new(code.to_owned()));
        if let Some(verifier) = pkce_verifier {
            request = request.set_pkce_verifier(PkceCodeVerifier::new(verifier));
        }
        let rename = self.spec.client_id_param;
        let http = self.http.clone();
        let send = move |request: HttpRequest| {
            let request = if rename == "client_id" {
                request
            } else {
                rename_form_field(request, "client_id", rename)
            };
            super::send(http.clone(), request)
        };
        let now = OffsetDateTime::now_utc();
        let response = request
            .request_async(&send)
            .await
            .map_err(|error| FlowError::TokenExchange(describe_token_error(&error)))?;
        let tokens = response.into_tokens(now);
        match &self.spec.endpoints.long_lived {
            Some(endpoint) => self.long_lived(endpoint, tokens).await,
            None => Ok(tokens),
        }
    }

    /// Instagram Login: a short-lived token (1 hour) becomes a long-lived one (60 days).
    async fn long_lived(
        &self,
        endpoint: &Url,
        short: PlatformTokens,
    ) -> Result<PlatformTokens, FlowError> {
        let now = OffsetDateTime::now_utc();
        let response = self
            .http
            .get(endpoint.clone())
            .query(&[
                ("grant_type", "ig_exchange_token"),
                ("client_secret", self.credentials.client_secret.as_str()),
                ("access_token", short.access_token.as_str()),
            ])
            .timeout(CALL_TIMEOUT)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|error| {
                FlowError::TokenExchange(format!("long-lived exchange: {}", without_url(error)))
            })?;
        let long: PlatformTokenResponse = response.json().await.map_err(|error| {
            FlowError::TokenExchange(format!("long-lived exchange: {}", without_url(error)))
        })?;
        Ok(PlatformTokens {
            scope: short.scope,
            ..long.into_tokens(now)
        })
    }

    /// Who the tokens belong to. A Facebook Page connection keeps the Page's token.
    pub async fn profile(&self, tokens: &mut PlatformTokens) -> Result<PlatformProfile, FlowError> {
        let body: Value = self
            .http
            .get(self.spec.endpoints.profile.clone())
            .bearer_auth(&tokens.access_token)
            .timeout(CALL_TIMEOUT)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|error| FlowError::Profile(without_url(error)))?
            .json()
            .await
            .map_err(|error| FlowError::Profile(without_url(error)))?;
        let shape = &self.spec.profile;
        let text = |pointer: &str| {
            body.pointer(pointer).and_then(|value| match value {
                Value::String(text) if !text.is_empty() => Some(text.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
        };
        let account_id = text(shape.id)
            .ok_or_else(|| FlowError::Profile("no account id in the profile".into()))?;
        if let Some(pointer) = shape.page_token {
            tokens.access_token = text(pointer)
                .ok_or_else(|| FlowError::Profile("no page token in the profile".into()))?;
        }
        Ok(PlatformProfile {
            display_name: text(shape.name).unwrap_or_else(|| account_id.clone()),
            avatar_url: text(shape.avatar),
            account_id,
        })
    }

    /// RFC 7009 revocation where the platform has an endpoint. (The `oauth2` crate's
    /// revocation insists on https, which a local provider does not use.)
    pub async fn revoke(&self, token: &str) -> Result<bool, FlowError> {
        let Some(endpoint) = &self.spec.endpoints.revoke else {
            return Ok(false);
        };
        let mut form = vec![("token", token)];
        let mut request = self.http.post(endpoint.clone());
        match self.spec.client_auth {
            ClientAuth::BasicHeader => {
                request = request.basic_auth(
                    &self.credentials.client_id,
                    Some(&self.credentials.client_secret),
                );
            }
            ClientAuth::FormBody => {
                form.push((self.spec.client_id_param, &self.credentials.client_id));
                form.push(("client_secret", &self.credentials.client_secret));
            }
        }
        request
            .form(&form)
            .timeout(CALL_TIMEOUT)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|error| {
                FlowError::TokenExchange(format!("revocation: {}", without_url(error)))
            })?;
        Ok(true)
    }
}

/// reqwest errors name the URL, which for some platforms carries a token in the query.
fn without_url(error: reqwest::Error) -> String {
    error.without_url().to_string()
}

fn describe_token_error<E: std::error::Error>(error: &E) -> String {
    // The crate's errors describe the HTTP status or the OAuth error code; they never
    // include the response body's tokens.
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(300).collect()
}

fn rename_query_param(url: &Url, from: &str, to: &str) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let name = if name == from {
                to.to_owned()
            } else {
                name.into_owned()
            };
            (name, value.into_owned())
        })
        .collect();
    let mut renamed = url.clone();
    renamed.query_pairs_mut().clear().extend_pairs(pairs);
    renamed
}

/// TikTok wants `client_key` where RFC 6749 says `client_id`.
fn rename_form_field(request: HttpRequest, from: &str, to: &str) -> HttpRequest {
    let (parts, body) = request.into_parts();
    let renamed: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(url::form_urlencoded::parse(&body).map(|(name, value)| {
            let name = if name == from {
                to.to_owned()
            } else {
                name.into_owned()
            };
            (name, value.into_owned())
        }))
        .finish();
    HttpRequest::from_parts(parts, renamed.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Platform;

    fn credentials() -> PlatformCredentials {
        PlatformCredentials {
            client_id: "app-id".into(),
            client_secret: "app-secret".into(),
        }
    }

    fn authorize(platform: Platform) -> AuthorizationStart {
        let flow = OAuthFlow {
            spec: PlatformSpec::for_platform(platform, None),
            credentials: credentials(),
            redirect_uri: Url::parse("https://api.example.com/oauth/callback/x").unwrap(),
            http: reqwest::Client::new(),
        };
        flow.authorize("the-state").unwrap()
    }

    fn query(url: &Url, name: &str) -> Option<String> {
        url.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    #[test]
    fn tiktok_gets_client_key_and_comma_separated_scopes() {
        let start = authorize(Platform::Tiktok);
        assert_eq!(query(&start.url, "client_key").as_deref(), Some("app-id"));
        assert_eq!(query(&start.url, "client_id"), None);
        assert_eq!(
            query(&start.url, "scope").as_deref(),
            Some("user.info.basic,video.upload,video.publish")
        );
    }

    #[test]
    fn google_asks_for_offline_access_with_consent_and_pkce() {
        let start = authorize(Platform::Youtube);
        assert_eq!(query(&start.url, "access_type").as_deref(), Some("offline"));
        assert_eq!(query(&start.url, "prompt").as_deref(), Some("consent"));
        assert_eq!(
            query(&start.url, "code_challenge_method").as_deref(),
            Some("S256")
        );
        assert!(start.pkce_verifier.is_some());
        assert_eq!(query(&start.url, "state").as_deref(), Some("the-state"));
    }

    #[test]
    fn x_uses_pkce_and_asks_for_offline_access() {
        let start = authorize(Platform::X);
        assert!(start.pkce_verifier.is_some());
        assert!(query(&start.url, "scope")
            .unwrap()
            .split(' ')
            .any(|scope| scope == "offline.access"));
    }

    #[test]
    fn a_token_response_without_token_type_or_with_odd_casing_parses() {
        let instagram: PlatformTokenResponse =
            serde_json::from_str(r#"{"access_token":"a","user_id":1,"permissions":["x"]}"#)
                .unwrap();
        assert_eq!(instagram.token_type, BasicTokenType::Bearer);
        let linkedin: PlatformTokenResponse =
            serde_json::from_str(r#"{"access_token":"a","token_type":"Bearer","expires_in":60,"refresh_token":"r","refresh_expires_in":120}"#)
                .unwrap();
        let now = OffsetDateTime::UNIX_EPOCH;
        let tokens = linkedin.into_tokens(now);
        assert_eq!(tokens.expires_at, Some(now + time::Duration::seconds(60)));
        assert_eq!(
            tokens.refresh_expires_at,
            Some(now + time::Duration::seconds(120))
        );
    }

    #[test]
    fn a_form_field_is_renamed_and_the_rest_kept() {
        let request =
            HttpRequest::new(b"grant_type=authorization_code&client_id=app&code=c%2B1".to_vec());
        let renamed = rename_form_field(request, "client_id", "client_key");
        assert_eq!(
            String::from_utf8(renamed.into_body()).unwrap(),
            "grant_type=authorization_code&client_key=app&code=c%2B1"
        );
    }
}
