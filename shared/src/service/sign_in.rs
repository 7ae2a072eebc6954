//! Signing people in on the pages: OpenID Connect authorization code with PKCE and a
//! nonce, through the `oauth2` crate; the ID token is verified like a bearer token
//! (signature against the JWKS, issuer, audience, expiry) plus its nonce.

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, CsrfToken, EndpointNotSet, EndpointSet,
    ExtraTokenFields, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use url::Url;

use crate::crypto::{random_url_safe, sha256_hex};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::PendingSignIn;
use crate::web::{read_cookie, Session, SessionCookie, SESSION_COOKIE};

const SIGN_IN_LIFETIME: Duration = Duration::minutes(10);
const LOGIN_COOKIE: &str = "cc_login";
/// Pages a sign-in may return to; anything else goes to the connect page.
const RETURN_PAGES: [&str; 3] = ["/invite?", "/connect", "/join?"];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdTokenField {
    id_token: String,
}

impl ExtraTokenFields for IdTokenField {}

type OidcClient = oauth2::Client<
    BasicErrorResponse,
    StandardTokenResponse<IdTokenField, BasicTokenType>,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

fn client(state: &AppState) -> Result<OidcClient, AppError> {
    let settings =
        state.config.sign_in.as_ref().ok_or_else(|| {
            AppError::internal("OIDC_AUTHORIZE_URL and OIDC_TOKEN_URL are not set")
        })?;
    let redirect = RedirectUrl::new(page_url(state, "/auth/callback").to_string())
        .map_err(AppError::internal)?;
    Ok(
        oauth2::Client::new(ClientId::new(state.config.jwt.audience.clone()))
            .set_auth_uri(AuthUrl::from_url(settings.authorize_url.clone()))
            .set_token_uri(TokenUrl::from_url(settings.token_url.clone()))
            .set_redirect_uri(redirect)
            .set_auth_type(AuthType::RequestBody),
    )
}

/// `<public base><path>`, for links and redirects among our own pages.
pub fn page_url(state: &AppState, path_and_query: &str) -> Url {
    let base = &state.config.public_base_url;
    let prefix = base.path().trim_end_matches('/');
    let mut url = base.clone();
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    url.set_path(&format!("{prefix}{path}"));
    url.set_query((!query.is_empty()).then_some(query));
    url
}

/// Only our own pages, as a path: never another origin (`//evil`, `https:`).
pub fn safe_return_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if RETURN_PAGES.iter().any(|page| path.starts_with(page)) && !path.contains("//") =>
        {
            path.to_owned()
        }
        _ => "/connect".to_owned(),
    }
}

/// Where to send the browser to sign in, and the cookie binding the sign-in to it.
pub async fn begin(state: &AppState, next: Option<&str>) -> Result<(Url, String), AppError> {
    let client = client(state)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let state_value = random_url_safe();
    let nonce = random_url_safe();
    let browser_nonce = random_url_safe();
    let (authorize_url, _) = client
        .authorize_url(|| CsrfToken::new(state_value.clone()))
        .add_scope(Scope::new("openid".into()))
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .add_extra_param("nonce", nonce.clone())
        .set_pkce_challenge(challenge)
        .url();
    let expires_at = OffsetDateTime::now_utc() + SIGN_IN_LIFETIME;
    state
        .store
        .put_pending_sign_in(
            &sha256_hex(&state_value),
            &PendingSignIn {
                pkce_verifier: verifier.secret().clone(),
                nonce,
                next: safe_return_path(next),
                browser_hash: sha256_hex(&browser_nonce),
                expires_at,
            },
        )
        .await?;
    let cookie = SessionCookie::build(
        LOGIN_COOKIE,
        &browser_nonce,
        &cookie_path(state),
        SIGN_IN_LIFETIME,
        secure(state),
    );
    Ok((authorize_url, cookie))
}

/// Back from the identity provider: a session, and the page to return to.
pub async fn complete(
    state: &AppState,
    code: Option<&str>,
    state_value: Option<&str>,
    cookies: Option<&str>,
) -> Result<(Url, Vec<String>), AppError> {
    let refused = || {
        AppError::InvalidToken(
            "this sign-in is unknown, used or expired: please sign in again".into(),
        )
    };
    let state_value = state_value.ok_or_else(refused)?;
    let pending = state
        .store
        .take_pending_sign_in(&sha256_hex(state_value))
        .await?
        .filter(|pending| pending.expires_at > OffsetDateTime::now_utc())
        .ok_or_else(refused)?;
    let browser = read_cookie(cookies, LOGIN_COOKIE).map(sha256_hex);
    if browser.as_deref() != Some(pending.browser_hash.as_str()) {
        return Err(refused());
    }
    let code = code.ok_or_else(refused)?;
    let http = state.platform_http.clone();
    let response = client(state)?
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&move |request| {
            let http = http.clone();
            async move { oauth2::AsyncHttpClient::call(&http, request).await }
        })
        .await
        .map_err(|error| {
            AppError::internal(format!("the identity provider refused the code: {error}"))
        })?;
    let caller = state
        .verifier
        .verify_id_token(&response.extra_fields().id_token, &pending.nonce)
        .await?;

    let token = random_url_safe();
    let session = Session {
        user_id: caller.user_id,
        email: caller.email,
        email_verified: caller.email_verified,
        name: caller.name,
        csrf: random_url_safe(),
        expires_at: OffsetDateTime::now_utc() + crate::web::session::SESSION_LIFETIME,
    };
    state
        .store
        .put_session(&sha256_hex(&token), &session)
        .await?;
    tracing::info!(user_id = session.user_id.as_str(), "signed in");
    let cookies = vec![
        SessionCookie::build(
            SESSION_COOKIE,
            &token,
            &cookie_path(state),
            crate::web::session::SESSION_LIFETIME,
            secure(state),
        ),
        SessionCookie::build(
            LOGIN_COOKIE,
            "",
            &cookie_path(state),
            Duration::ZERO,
            secure(state),
        ),
    ];
    Ok((page_url(state, &pending.next), cookies))
}

/// The cookie a connect link leaves, so its pages work without a login.
pub const LINK_COOKIE: &str = "cc_link";

/// Who is using a page: a signed-in session, or else a live connect link (acting for
/// its client until it expires or is revoked).
pub async fn current_session(
    state: &AppState,
    cookies: Option<&str>,
) -> Result<Option<Session>, AppError> {
    if let Some(token) = read_cookie(cookies, SESSION_COOKIE) {
        let session = state
            .store
            .session(&sha256_hex(token))
            .await?
            .filter(|session| session.is_live(OffsetDateTime::now_utc()));
        if session.is_some() {
            return Ok(session);
        }
    }
    match read_cookie(cookies, LINK_COOKIE) {
        Some(token) => link_session(state, token).await,
        None => Ok(None),
    }
}

/// A connect link as a page session: no email, forms keyed to the link.
pub async fn link_session(state: &AppState, token: &str) -> Result<Option<Session>, AppError> {
    let Some(link) = super::links::resolve_connect_link(state, token).await? else {
        return Ok(None);
    };
    Ok(Some(Session {
        user_id: link.user_id,
        email: None,
        email_verified: false,
        name: None,
        csrf: sha256_hex(&format!("csrf/{token}")),
        expires_at: link.expires_at.unwrap_or_else(OffsetDateTime::now_utc),
    }))
}

/// The cookie that carries a connect link's token for its pages.
/// Scoped to the connect pages: a link acts nowhere else.
pub fn link_cookie(state: &AppState, token: &str, max_age: Duration) -> String {
    let path = format!(
        "{}/connect",
        state.config.public_base_url.path().trim_end_matches('/')
    );
    SessionCookie::build(LINK_COOKIE, token, &path, max_age, secure(state))
}

fn cookie_path(state: &AppState) -> String {
    let path = state.config.public_base_url.path().trim_end_matches('/');
    if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    }
}

fn secure(state: &AppState) -> bool {
    state.config.public_base_url.scheme() == "https"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_returns_only_to_our_own_pages() {
        assert_eq!(
            safe_return_path(Some("/invite?token=abc")),
            "/invite?token=abc"
        );
        assert_eq!(
            safe_return_path(Some("/connect?workspace=w")),
            "/connect?workspace=w"
        );
        for hostile in [
            "https://evil.example/",
            "//evil.example/connect",
            "/connect//evil",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_return_path(Some(hostile)), "/connect", "{hostile}");
        }
        assert_eq!(safe_return_path(None), "/connect");
    }
}
