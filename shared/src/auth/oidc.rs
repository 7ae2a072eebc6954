//! The identity provider's OpenID Connect endpoints, through the `oauth2` crate: the
//! authorization URL (code flow with PKCE and a nonce) and the code exchange that yields
//! the ID token. Verifying that token is the JWT verifier's job.

use oauth2::basic::BasicTokenType;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, CsrfToken, ExtraTokenFields, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, StandardTokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::config::Config;
use crate::crypto::random_url_safe;
use crate::domain::MULTIPLE_FACTORS;
use crate::error::AppError;
use crate::net::{Http, CALL_TIMEOUT};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct IdTokenField {
    id_token: String,
}

impl ExtraTokenFields for IdTokenField {}

type OidcClient = crate::oauth::CodeFlowClient<StandardTokenResponse<IdTokenField, BasicTokenType>>;

fn client(config: &Config) -> Result<OidcClient, AppError> {
    let settings = config
        .sign_in
        .as_ref()
        .ok_or_else(|| AppError::internal("OIDC_AUTHORIZE_URL and OIDC_TOKEN_URL are not set"))?;
    let redirect = RedirectUrl::new(config.page_url("/auth/callback").to_string())
        .map_err(AppError::internal)?;
    Ok(
        oauth2::Client::new(ClientId::new(config.jwt.audience.clone()))
            .set_auth_uri(AuthUrl::from_url(settings.authorize_url.clone()))
            .set_token_uri(TokenUrl::from_url(settings.token_url.clone()))
            .set_redirect_uri(redirect)
            .set_auth_type(AuthType::RequestBody),
    )
}

/// A sign-in to start: where to send the browser, and what the way back must match.
pub struct Authorization {
    pub url: Url,
    /// The OAuth `state` the identity provider must send back with the code.
    pub state: String,
    pub pkce_verifier: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
}

/// What a sign-in must prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Whatever the person's account asks of them.
    Usual,
    /// A fresh sign-in with a second factor: `prompt=login` and `max_age=0` make the
    /// provider ask again even with a session of its own, and `acr_values` names the
    /// levels that count (Cognito's managed login honours all three; the local provider
    /// asks for its one-time code). What comes back is still checked: the request is a
    /// wish, the token's `amr`/`acr` the proof.
    SecondFactor,
}

/// The identity provider's authorization URL for `openid email profile`.
pub fn authorize(config: &Config, strength: Strength) -> Result<Authorization, AppError> {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let state = random_url_safe();
    let nonce = random_url_safe();
    let client = client(config)?;
    let mut request = client
        .authorize_url(|| CsrfToken::new(state.clone()))
        .add_scope(Scope::new("openid".into()))
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .add_extra_param("nonce", nonce.clone())
        .set_pkce_challenge(challenge);
    if strength == Strength::SecondFactor {
        let wanted = &config.jwt.second_factor_acr;
        let acr_values = if wanted.is_empty() {
            MULTIPLE_FACTORS.to_owned()
        } else {
            wanted.join(" ")
        };
        request = request
            .add_extra_param("prompt", "login")
            .add_extra_param("max_age", "0")
            .add_extra_param("acr_values", acr_values);
    }
    let (url, _) = request.url();
    Ok(Authorization {
        url,
        state,
        pkce_verifier: verifier.secret().clone(),
        nonce,
    })
}

/// Trades the code the browser brought back for the ID token (not yet verified).
pub async fn exchange_code(
    config: &Config,
    http: &Http,
    code: &str,
    pkce_verifier: String,
) -> Result<String, AppError> {
    let http = http.client().clone();
    let response = client(config)?
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
        .request_async(&move |request| crate::oauth::send(http.clone(), request, CALL_TIMEOUT))
        .await
        .map_err(|error| {
            AppError::internal_because("the identity provider refused the code", error)
        })?;
    Ok(response.extra_fields().id_token.clone())
}
