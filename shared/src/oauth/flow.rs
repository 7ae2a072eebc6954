//! The authorization-code flow against one platform, through the `oauth2` crate, with
//! the platform's quirks applied where the standard flow does not fit; and the calls
//! that keep a connection alive (renewal, the health check) and end it (revocation).

use std::time::Duration;

use oauth2::basic::{BasicErrorResponseType, BasicTokenType};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    HttpClientError, HttpRequest, HttpResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RefreshToken, RequestTokenError, Scope, TokenUrl,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use url::Url;

use super::registry::{ClientAuth, LongLived, PlatformSpec, RenewalKind};
use crate::clock::Clock;
use crate::domain::{Renewal, TokenLife};
use crate::net::CALL_TIMEOUT;
use crate::oauth::PlatformCredentials;

/// A token request on its way, as the `oauth2` crate's async client takes it.
type PendingResponse = std::pin::Pin<
    Box<
        dyn std::future::Future<Output = Result<HttpResponse, HttpClientError<reqwest::Error>>>
            + Send,
    >,
>;

/// Why a step with the platform failed; safe to log (no token, no secret).
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("the token endpoint refused or failed: {0}")]
    TokenExchange(String),
    #[error("the profile call failed: {0}")]
    Profile(String),
    #[error("reading the permissions granted failed: {0}")]
    Permissions(String),
    #[error("the platform configuration is invalid: {0}")]
    Configuration(String),
}

/// Why renewing (or checking) a connection's access did not work.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Refusal {
    /// The platform refused the grant or the token (`invalid_grant`, a 401): access was
    /// withdrawn, or the grant lapsed. Only a reconnect helps.
    #[error("the platform refused the grant: {0}")]
    Revoked(String),
    /// The request never reached the platform (it could not be sent, or the time for it
    /// ran out first), or the platform turned it away unprocessed: try again later.
    #[error("the platform could not be reached: {0}")]
    Transient(String),
    /// The request may have reached the platform, but no usable answer came back (a
    /// timeout, a 5xx, an unreadable body): the platform may have acted on it, so a
    /// rotating refresh token may already be spent.
    #[error("the platform did not answer properly: {0}")]
    Unanswered(String),
    /// No time was left to call the platform at all: nothing was sent.
    #[error("no time was left to call the platform")]
    OutOfTime,
    /// Our app's credentials or configuration were refused (`invalid_client`): the
    /// operator's problem, not the client's, so the connection is not blamed.
    #[error("the platform refused our app: {0}")]
    Misconfigured(String),
}

/// What is sealed at rest: the only secrets of a connection.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformTokens {
    pub access_token: String,
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// Tokens as a platform granted them, with expiries made absolute.
#[derive(Debug, Clone)]
pub struct Granted {
    pub tokens: PlatformTokens,
    pub issued_at: OffsetDateTime,
    pub access_expires_at: Option<OffsetDateTime>,
    pub refresh_expires_at: Option<OffsetDateTime>,
    /// What the platform says it granted (in the token response, or, on Facebook, through
    /// its permissions call); `None` when it does not say.
    pub scopes: Option<Vec<String>>,
}

impl Granted {
    /// When these tokens were issued and run out, and how they are renewed on a
    /// platform that renews the `kind` way: what a connection keeps of them in clear.
    pub fn life(&self, kind: RenewalKind) -> TokenLife {
        TokenLife {
            renewal: self.renewal(kind),
            issued_at: self.issued_at,
            access_expires_at: self.access_expires_at,
            refresh_expires_at: self.refresh_expires_at,
        }
    }

    /// How these tokens are renewed on this platform.
    pub fn renewal(&self, kind: RenewalKind) -> Renewal {
        match kind {
            RenewalKind::RefreshGrant if self.tokens.refresh_token.is_some() => {
                Renewal::RefreshToken
            }
            RenewalKind::InstagramRefresh => Renewal::SelfRefresh,
            _ => Renewal::Nothing,
        }
    }
}

/// The account the tokens belong to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformProfile {
    pub account_id: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
}

/// One account a consent brings, that may become a connection.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub profile: PlatformProfile,
    /// Facebook: the Page's own token (read with a long-lived user token, it does not
    /// expire), which the connection publishes with instead of the person's.
    pub own_token: Option<String>,
    /// Why it cannot be connected, as the person is told (e.g. no right to publish).
    pub unavailable: Option<String>,
}

impl Candidate {
    /// The tokens a connection of this account keeps.
    pub fn granted(&self, granted: &Granted) -> Granted {
        let mut mine = granted.clone();
        if let Some(token) = &self.own_token {
            mine.tokens = PlatformTokens {
                access_token: token.clone(),
                refresh_token: None,
            };
            mine.access_expires_at = None;
            mine.refresh_expires_at = None;
        }
        mine
    }
}

/// Facebook Page tasks that allow publishing.
const PUBLISHING_TASKS: [&str; 2] = ["CREATE_CONTENT", "MANAGE"];

/// One account of the profile response, read with the platform's shape.
fn candidate(shape: &super::registry::ProfileShape, item: &Value) -> Result<Candidate, FlowError> {
    let text = |pointer: &str| {
        item.pointer(pointer).and_then(|value| match value {
            Value::String(text) if !text.is_empty() => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
    };
    let account_id =
        text(shape.id).ok_or_else(|| FlowError::Profile("no account id in the profile".into()))?;
    let own_token = match shape.page_token {
        Some(pointer) => Some(
            text(pointer)
                .ok_or_else(|| FlowError::Profile("no page token in the profile".into()))?,
        ),
        None => None,
    };
    let unavailable = shape.tasks.and_then(|pointer| {
        let tasks = item.pointer(pointer).and_then(Value::as_array)?;
        let publishes = tasks
            .iter()
            .filter_map(Value::as_str)
            .any(|task| PUBLISHING_TASKS.contains(&task));
        (!publishes).then(|| "You cannot publish to this Page: ask its admin for the \u{201c}Create content\u{201d} task.".to_owned())
    });
    Ok(Candidate {
        profile: PlatformProfile {
            display_name: text(shape.name).unwrap_or_else(|| account_id.clone()),
            avatar_url: text(shape.avatar),
            account_id,
        },
        own_token,
        unavailable,
    })
}

/// The permissions Graph's `me/permissions` lists as granted
/// (`{"data": [{"permission": "pages_manage_posts", "status": "granted"}, …]}`): not the
/// ones declined or expired, and none from an answer of another shape.
fn granted_permissions(listed: &Value) -> Vec<String> {
    listed
        .pointer("/data")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|entry| entry.get("status").and_then(Value::as_str) == Some("granted"))
        .filter_map(|entry| entry.get("permission").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// The token response of every platform: RFC 6749 plus what some add (TikTok's
/// `refresh_expires_in`, LinkedIn's `refresh_token_expires_in`, Instagram's
/// `permissions`), minus what some omit (Instagram sends no `token_type`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformTokenResponse {
    access_token: AccessToken,
    #[serde(default = "bearer", deserialize_with = "token_type_any_case")]
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    #[serde(default, alias = "refresh_token_expires_in")]
    refresh_expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    permissions: Option<Vec<String>>,
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
    fn into_granted(self, now: OffsetDateTime) -> Granted {
        let after =
            |seconds: u64| now + time::Duration::seconds(seconds.min(i64::MAX as u64) as i64);
        let scopes = self
            .scope
            .map(|scope| {
                scope
                    .split([' ', ','])
                    .filter(|part| !part.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .or(self.permissions);
        Granted {
            tokens: PlatformTokens {
                access_token: self.access_token.secret().clone(),
                refresh_token: self.refresh_token.map(|token| token.secret().clone()),
            },
            issued_at: now,
            access_expires_at: self.expires_in.map(after),
            refresh_expires_at: self.refresh_expires_in.map(after),
            scopes,
        }
    }
}

type PlatformClient = super::CodeFlowClient<PlatformTokenResponse>;

/// What the start of a connection hands on: the URL to send the person to, and the
/// PKCE verifier to keep (sealed) until the callback.
pub struct AuthorizationStart {
    pub url: Url,
    pub pkce_verifier: Option<String>,
}

/// How long to wait before each retry of a renewal the platform failed (never of a
/// rotating refresh that may have reached it), while its deadline allows.
const RENEWAL_RETRIES: [Duration; 2] = [Duration::from_millis(200), Duration::from_millis(800)];
/// A platform call is started only with at least this much time left before its
/// deadline: one cut short might have reached the platform for nothing.
pub const MIN_ATTEMPT: Duration = Duration::from_secs(2);

/// One platform's flow. It owns what it uses, so its futures borrow nothing from the
/// request (Lambda needs them `Send` for any lifetime).
pub struct OAuthFlow {
    pub spec: PlatformSpec,
    pub credentials: PlatformCredentials,
    pub redirect_uri: Url,
    pub http: reqwest::Client,
    /// Expiries are made absolute against this clock.
    pub clock: Clock,
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

    /// Sends a token request of the `oauth2` crate within `timeout`: TikTok's field
    /// renamed, and a server failure reported as one (not as an unreadable error body).
    fn sender(&self, timeout: Duration) -> impl Fn(HttpRequest) -> PendingResponse {
        let rename = self.spec.client_id_param;
        let http = self.http.clone();
        move |request: HttpRequest| {
            let request = if rename == "client_id" {
                request
            } else {
                rename_form_field(request, "client_id", rename)
            };
            let http = http.clone();
            Box::pin(async move {
                let response = super::send(http, request, timeout).await?;
                if response.status().is_server_error() {
                    return Err(HttpClientError::Other(format!(
                        "the token endpoint answered {}",
                        response.status()
                    )));
                }
                Ok(response)
            })
        }
    }

    /// The platform's consent URL for `state`, with PKCE where the platform has it.
    pub fn authorize(&self, state: &str) -> Result<AuthorizationStart, FlowError> {
        let client = self.client()?;
        let state = state.to_owned();
        let mut request = client.authorize_url(|| CsrfToken::new(state));
        // Facebook Login for Business: a configuration names the permissions instead.
        request = match &self.spec.config_id {
            Some(config) => request.add_extra_param("config_id", config),
            None => request.add_scope(Scope::new(self.spec.scope_parameter())),
        };
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
    /// long-lived exchange where the platform has one, and asks what was granted where
    /// the token response does not say (Facebook).
    pub async fn exchange(
        &self,
        code: &str,
        pkce_verifier: Option<String>,
    ) -> Result<Granted, FlowError> {
        let client = self.client()?;
        let mut request = client.exchange_code(AuthorizationCode::new(code.to_owned()));
        if let Some(verifier) = pkce_verifier {
            request = request.set_pkce_verifier(PkceCodeVerifier::new(verifier));
        }
        let now = self.clock.now();
        let send = self.sender(CALL_TIMEOUT);
        let response = request
            .request_async(&send)
            .await
            .map_err(|error| FlowError::TokenExchange(describe_token_error(&error)))?;
        let granted = response.into_granted(now);
        let granted = match self.spec.long_lived {
            Some(kind) => self.long_lived(kind, granted).await.map_err(|refusal| {
                FlowError::TokenExchange(format!("long-lived exchange: {refusal}"))
            })?,
            None => granted,
        };
        self.with_permissions(granted).await
    }

    /// Facebook's token response says nothing of what the person granted: its
    /// permissions call does, each permission asked for `granted` or `declined`.
    async fn with_permissions(&self, mut granted: Granted) -> Result<Granted, FlowError> {
        let (None, Some(endpoint)) = (&granted.scopes, &self.spec.endpoints.permissions) else {
            return Ok(granted);
        };
        let listed = self
            .get_json(endpoint.clone(), &granted.tokens.access_token, None)
            .await
            .map_err(|error| match error {
                FlowError::Profile(why) => FlowError::Permissions(why),
                other => other,
            })?;
        granted.scopes = Some(granted_permissions(&listed));
        Ok(granted)
    }

    /// A short-lived token becomes a long-lived one: Instagram's 60-day token, or
    /// Facebook's long-lived user token (whose Page tokens never expire).
    async fn long_lived(&self, kind: LongLived, short: Granted) -> Result<Granted, Refusal> {
        let Some(endpoint) = &self.spec.endpoints.long_lived else {
            return Ok(short);
        };
        let secret = self.credentials.client_secret.as_str();
        let token = short.tokens.access_token.as_str();
        let query: Vec<(&str, &str)> = match kind {
            LongLived::Instagram => vec![
                ("grant_type", "ig_exchange_token"),
                ("client_secret", secret),
                ("access_token", token),
            ],
            LongLived::Facebook => vec![
                ("grant_type", "fb_exchange_token"),
                ("client_id", self.credentials.client_id.as_str()),
                ("client_secret", secret),
                ("fb_exchange_token", token),
            ],
        };
        let long = self.token_by_get(endpoint, &query, CALL_TIMEOUT).await?;
        Ok(Granted {
            scopes: short.scopes,
            ..long
        })
    }

    /// A `GET` token endpoint of Meta's (long-lived exchange, Instagram refresh).
    async fn token_by_get(
        &self,
        endpoint: &Url,
        query: &[(&str, &str)],
        timeout: Duration,
    ) -> Result<Granted, Refusal> {
        let now = self.clock.now();
        let response = self
            .http
            .get(endpoint.clone())
            .query(query)
            .timeout(timeout)
            .send()
            .await
            .map_err(unanswered)?;
        let status = response.status();
        if status.is_server_error() {
            return Err(Refusal::Unanswered(format!("answered {status}")));
        }
        if status.is_client_error() {
            return Err(Refusal::Revoked(format!("answered {status}")));
        }
        let body: PlatformTokenResponse = response.json().await.map_err(unanswered)?;
        Ok(body.into_granted(now))
    }

    /// Every account this consent brings: one profile on most platforms; each Page the
    /// person manages on Facebook (with its own token, and whether they may publish to
    /// it); each channel on YouTube; the member and the organisation Pages they
    /// administer on LinkedIn (with the Community Management API).
    pub async fn accounts(&self, granted: &Granted) -> Result<Vec<Candidate>, FlowError> {
        let body = self
            .get_json(
                self.spec.endpoints.profile.clone(),
                &granted.tokens.access_token,
                None,
            )
            .await?;
        let shape = &self.spec.profile;
        let items: Vec<&Value> = match shape.list {
            Some(list) => body
                .pointer(list)
                .and_then(Value::as_array)
                .map(|items| items.iter().collect())
                .unwrap_or_default(),
            None => vec![&body],
        };
        let mut candidates = items
            .into_iter()
            .map(|item| candidate(shape, item))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(organizations) = &self.spec.organizations {
            let listed = self
                .get_json(
                    organizations.url.clone(),
                    &granted.tokens.access_token,
                    Some(&organizations.version),
                )
                .await?;
            for element in listed
                .pointer("/elements")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(urn) = element.pointer("/organization").and_then(Value::as_str) else {
                    continue;
                };
                let name = element
                    .pointer("/organization~/localizedName")
                    .and_then(Value::as_str)
                    .unwrap_or(urn);
                candidates.push(Candidate {
                    profile: PlatformProfile {
                        account_id: urn.to_owned(),
                        display_name: name.to_owned(),
                        avatar_url: None,
                    },
                    own_token: None,
                    unavailable: None,
                });
            }
        }
        if candidates.is_empty() {
            return Err(FlowError::Profile("the consent brought no account".into()));
        }
        Ok(candidates)
    }

    async fn get_json(
        &self,
        url: Url,
        token: &str,
        linkedin_version: Option<&str>,
    ) -> Result<Value, FlowError> {
        let mut request = self.http.get(url).bearer_auth(token).timeout(CALL_TIMEOUT);
        if let Some(version) = linkedin_version {
            request = request
                .header("Linkedin-Version", version)
                .header("X-Restli-Protocol-Version", "2.0.0");
        }
        request
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|error| FlowError::Profile(without_url(error)))?
            .json()
            .await
            .map_err(|error| FlowError::Profile(without_url(error)))
    }

    /// New tokens for `current`, by `deadline`. A platform failure is retried with
    /// backoff while the deadline allows, except a refresh of a rotating grant that may
    /// have reached the platform: sent again, its spent refresh token would be refused.
    /// A platform that sends no new refresh token keeps the old one (Google never
    /// rotates it; X and TikTok do, and the new one must replace the spent one).
    pub async fn renew(
        &self,
        current: &PlatformTokens,
        renewal: Renewal,
        deadline: tokio::time::Instant,
    ) -> Result<Granted, Refusal> {
        let rotating = self.spec.rotates_refresh_token && renewal == Renewal::RefreshToken;
        let mut retries = RENEWAL_RETRIES.iter();
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            // Retries are only started when they fit: this is the first attempt.
            if left < MIN_ATTEMPT {
                return Err(Refusal::OutOfTime);
            }
            let outcome = match renewal {
                Renewal::RefreshToken => self.refresh_grant(current, left).await,
                Renewal::SelfRefresh => self.instagram_refresh(current, left).await,
                Renewal::Nothing => {
                    return Err(Refusal::Misconfigured(
                        "nothing renews this connection".into(),
                    ))
                }
            };
            let safe_to_retry = match &outcome {
                Err(Refusal::Transient(_)) => true,
                Err(Refusal::Unanswered(_)) => !rotating,
                _ => false,
            };
            let wait = retries
                .next()
                .filter(|wait| tokio::time::Instant::now() + **wait + MIN_ATTEMPT <= deadline);
            match (outcome, wait) {
                (Err(refusal), Some(wait)) if safe_to_retry => {
                    tracing::warn!(reason = %refusal, "renewal failed at the platform; retrying");
                    tokio::time::sleep(*wait).await;
                }
                (Ok(mut granted), _) => {
                    if granted.tokens.refresh_token.is_none() {
                        granted.tokens.refresh_token = current.refresh_token.clone();
                    }
                    return Ok(granted);
                }
                (other, _) => return other,
            }
        }
    }

    async fn refresh_grant(
        &self,
        current: &PlatformTokens,
        timeout: Duration,
    ) -> Result<Granted, Refusal> {
        let Some(refresh) = &current.refresh_token else {
            return Err(Refusal::Revoked("no refresh token".into()));
        };
        let client = self
            .client()
            .map_err(|error| Refusal::Misconfigured(error.to_string()))?;
        let now = self.clock.now();
        let send = self.sender(timeout);
        let token = RefreshToken::new(refresh.clone());
        match client
            .exchange_refresh_token(&token)
            .request_async(&send)
            .await
        {
            Ok(response) => Ok(response.into_granted(now)),
            Err(RequestTokenError::ServerResponse(error)) => Err(match error.error() {
                BasicErrorResponseType::InvalidClient
                | BasicErrorResponseType::UnauthorizedClient => {
                    Refusal::Misconfigured(error.error().to_string())
                }
                other => Refusal::Revoked(other.to_string()),
            }),
            // Not sent at all: the connection could not be made.
            Err(RequestTokenError::Request(HttpClientError::Io(error))) => {
                Err(Refusal::Transient(error.to_string()))
            }
            Err(error) => Err(Refusal::Unanswered(describe_token_error(&error))),
        }
    }

    async fn instagram_refresh(
        &self,
        current: &PlatformTokens,
        timeout: Duration,
    ) -> Result<Granted, Refusal> {
        let Some(endpoint) = &self.spec.endpoints.refresh else {
            return Err(Refusal::Misconfigured("no refresh endpoint".into()));
        };
        self.token_by_get(
            endpoint,
            &[
                ("grant_type", "ig_refresh_token"),
                ("access_token", current.access_token.as_str()),
            ],
            timeout,
        )
        .await
    }

    /// Whether the platform still accepts the access token (a cheap profile call),
    /// answered within `timeout`.
    pub async fn check(&self, access_token: &str, timeout: Duration) -> Result<(), Refusal> {
        let response = self
            .http
            .get(self.spec.endpoints.health.clone())
            .bearer_auth(access_token)
            .timeout(timeout)
            .send()
            .await
            .map_err(unanswered)?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else if status.as_u16() == 401 || status.as_u16() == 403 {
            Err(Refusal::Revoked(format!("answered {status}")))
        } else {
            Err(Refusal::Unanswered(format!("answered {status}")))
        }
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

/// A request that failed on its way: never sent when the connection could not be made,
/// otherwise it may have reached the platform.
fn unanswered(error: reqwest::Error) -> Refusal {
    if error.is_connect() {
        Refusal::Transient(without_url(error))
    } else {
        Refusal::Unanswered(without_url(error))
    }
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
    use crate::oauth::PlatformOptions;

    fn credentials() -> PlatformCredentials {
        PlatformCredentials {
            client_id: "app-id".into(),
            client_secret: "app-secret".into(),
        }
    }

    fn authorize(platform: Platform) -> AuthorizationStart {
        let flow = OAuthFlow {
            spec: PlatformSpec::for_platform(platform, &PlatformOptions::default()),
            credentials: credentials(),
            redirect_uri: Url::parse("https://api.example.com/oauth/callback/x").unwrap(),
            http: reqwest::Client::new(),
            clock: Clock::default(),
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
        let instagram: PlatformTokenResponse = serde_json::from_str(
            r#"{"access_token":"a","user_id":1,"permissions":["instagram_business_basic"]}"#,
        )
        .unwrap();
        assert_eq!(instagram.token_type, BasicTokenType::Bearer);
        let now = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(
            instagram.into_granted(now).scopes,
            Some(vec!["instagram_business_basic".to_owned()])
        );
        let tiktok: PlatformTokenResponse =
            serde_json::from_str(r#"{"access_token":"a","token_type":"Bearer","expires_in":60,"refresh_token":"r","refresh_expires_in":120,"scope":"user.info.basic,video.publish"}"#)
                .unwrap();
        let granted = tiktok.into_granted(now);
        assert_eq!(
            granted.access_expires_at,
            Some(now + time::Duration::seconds(60))
        );
        assert_eq!(
            granted.refresh_expires_at,
            Some(now + time::Duration::seconds(120))
        );
        assert_eq!(granted.scopes.unwrap().len(), 2);
    }

    #[test]
    fn linkedin_names_its_refresh_expiry_differently_and_it_is_read() {
        let linkedin: PlatformTokenResponse = serde_json::from_str(
            r#"{"access_token":"a","expires_in":5184000,"refresh_token":"r","refresh_token_expires_in":31536000}"#,
        )
        .unwrap();
        let now = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(
            linkedin.into_granted(now).refresh_expires_at,
            Some(now + time::Duration::days(365))
        );
    }

    #[test]
    fn facebook_permissions_declined_or_expired_are_not_granted() {
        let listed = serde_json::json!({ "data": [
            { "permission": "public_profile", "status": "granted" },
            { "permission": "pages_show_list", "status": "granted" },
            { "permission": "pages_manage_posts", "status": "declined" },
            { "permission": "pages_read_engagement", "status": "expired" },
        ] });
        assert_eq!(
            granted_permissions(&listed),
            ["public_profile", "pages_show_list"]
        );
        let spec = PlatformSpec::for_platform(Platform::Facebook, &PlatformOptions::default());
        let missing: Vec<&str> = spec
            .missing(Some(&granted_permissions(&listed)))
            .iter()
            .map(|needed| needed.scope)
            .collect();
        assert_eq!(missing, ["pages_manage_posts", "pages_read_engagement"]);
        assert!(
            granted_permissions(&serde_json::json!({ "error": { "code": 190 } })).is_empty(),
            "an answer of another shape grants nothing"
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
