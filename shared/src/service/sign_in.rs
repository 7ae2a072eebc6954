//! Signing people in on the pages: OpenID Connect (see `auth::oidc`), the sign-in under
//! way sealed in the browser's own cookie, the ID token verified like a bearer token
//! (signature against the JWKS, issuer, audience, expiry) plus its nonce, and the page
//! session that follows.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use url::Url;

use crate::auth::oidc;
use crate::crypto::{constant_time_eq, random_url_safe, sha256_hex, SealContext};
use crate::domain::Session;
use crate::error::AppError;
use crate::state::AppState;

/// How long a sign-in may take at the identity provider.
pub const SIGN_IN_LIFETIME: Duration = Duration::minutes(10);
/// How long a page session lasts.
pub const SESSION_LIFETIME: Duration = Duration::hours(1);
/// The paths of the pages a sign-in may return to (the route table's pages); anything
/// else goes to the connect page.
pub type ReturnPages<'a> = &'a [&'a str];

/// One of the pages a sign-in may return to, with its query: never another origin
/// (`//evil`, `https:`) nor another path (`/connect@evil.example`); anything else is the
/// connect page.
pub fn safe_return_path(next: Option<&str>, pages: ReturnPages<'_>) -> String {
    const DEFAULT: &str = "/connect";
    let Some(next) = next.filter(|next| next.starts_with('/') && !next.starts_with("//")) else {
        return DEFAULT.to_owned();
    };
    // Resolved against a placeholder origin, so what the browser would do is what we check.
    let Ok(url) = Url::parse("https://pages.invalid/").and_then(|base| base.join(next)) else {
        return DEFAULT.to_owned();
    };
    let same_origin = url.host_str() == Some("pages.invalid") && url.username().is_empty();
    if !same_origin || !pages.contains(&url.path()) {
        return DEFAULT.to_owned();
    }
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

/// Everything a sign-in under way must remember, kept by the browser in its login
/// cookie, sealed under the deployment's key: an anonymous `GET /auth/login` writes
/// nothing to the table, and the cookie opens only here, only before it expires.
#[derive(Serialize, Deserialize)]
struct PendingSignIn {
    /// The OAuth `state` the identity provider must send back with the code.
    state: String,
    pkce_verifier: String,
    /// The OpenID Connect nonce the ID token must carry.
    nonce: String,
    /// One of our pages (it may carry an invitation's token).
    next: String,
    #[serde(with = "time::serde::timestamp")]
    expires_at: OffsetDateTime,
}

const SIGN_IN_CONTEXT: SealContext<'static> = SealContext {
    workspace_id: "",
    item_id: "login-cookie",
    field: "sign-in",
};

/// A sign-in under way: where to send the browser, and the sealed value its login
/// cookie carries there and back.
pub struct SignInStarted {
    pub authorize_url: Url,
    pub login_cookie: String,
}

pub async fn begin(
    state: &AppState,
    next: Option<&str>,
    pages: ReturnPages<'_>,
    strength: oidc::Strength,
) -> Result<SignInStarted, AppError> {
    let authorization = oidc::authorize(&state.config, strength)?;
    let pending = PendingSignIn {
        state: authorization.state,
        pkce_verifier: authorization.pkce_verifier,
        nonce: authorization.nonce,
        next: safe_return_path(next, pages),
        expires_at: state.clock.now() + SIGN_IN_LIFETIME,
    };
    let login_cookie = state
        .secrets
        .sealing_key()
        .await?
        .seal(
            &serde_json::to_string(&pending).map_err(AppError::internal)?,
            &SIGN_IN_CONTEXT,
        )
        .map_err(AppError::internal)?;
    Ok(SignInStarted {
        authorize_url: authorization.url,
        login_cookie,
    })
}

/// A finished sign-in: the new session's token (for its cookie) and where to go next.
pub struct SignedIn {
    pub session_token: String,
    pub next: String,
}

/// Back from the identity provider with `code` and `state`, in the browser whose login
/// cookie holds the sealed sign-in.
pub async fn complete(
    state: &AppState,
    code: Option<&str>,
    state_value: Option<&str>,
    login_cookie: Option<&str>,
) -> Result<SignedIn, AppError> {
    let refused = || {
        AppError::InvalidToken(
            "this sign-in is unknown, used or expired: please sign in again".into(),
        )
    };
    let state_value = state_value.ok_or_else(refused)?;
    let sealed = login_cookie.ok_or_else(refused)?;
    let now = state.clock.now();
    // Only the browser that started this sign-in holds its cookie; a forged or stale one
    // does not open, and the state in it must be the one coming back.
    let key = state.secrets.sealing_key().await?;
    let pending: PendingSignIn = key
        .open(sealed, &SIGN_IN_CONTEXT)
        .ok()
        .and_then(|plaintext| serde_json::from_str(&plaintext).ok())
        .filter(|pending: &PendingSignIn| {
            pending.expires_at > now && constant_time_eq(&pending.state, state_value)
        })
        .ok_or_else(refused)?;
    let code = code.ok_or_else(refused)?;
    let id_token =
        oidc::exchange_code(&state.config, &state.http, code, pending.pkce_verifier).await?;
    let caller = state
        .verifier
        .verify_id_token(&id_token, &pending.nonce)
        .await?;

    let session_token = random_url_safe();
    let session = Session {
        user_id: caller.user_id,
        email: caller.email,
        email_verified: caller.email_verified,
        name: caller.name,
        second_factor_at: caller.second_factor_at,
        csrf: random_url_safe(),
        link: None,
        expires_at: now + SESSION_LIFETIME,
    };
    state
        .store
        .put_session(&sha256_hex(&session_token), &session)
        .await?;
    tracing::info!(
        user_id = session.user_id.as_str(),
        second_factor = session.second_factor_at.is_some(),
        "signed in"
    );
    Ok(SignedIn {
        session_token,
        next: pending.next,
    })
}

/// Who is using a page: the signed-in session whose token the session cookie holds, or
/// else a live connect link (acting for its client until it expires or is revoked).
pub async fn current_session(
    state: &AppState,
    session_token: Option<&str>,
    link_token: Option<&str>,
) -> Result<Option<Session>, AppError> {
    if let Some(token) = session_token {
        let now = state.clock.now();
        let session = state
            .store
            .session(&sha256_hex(token))
            .await?
            .filter(|session| session.is_live(now));
        if session.is_some() {
            return Ok(session);
        }
    }
    match link_token {
        Some(token) => link_session(state, token).await,
        None => Ok(None),
    }
}

/// A connect link as a page session: no identity, no email, forms keyed to the link.
pub async fn link_session(state: &AppState, token: &str) -> Result<Option<Session>, AppError> {
    let Some(super::acting::Acting::Link {
        token_hash, link, ..
    }) = super::links::resolve_connect_link(state, token).await?
    else {
        return Ok(None);
    };
    Ok(Some(Session {
        user_id: crate::domain::UserId::connect_link(),
        email: None,
        email_verified: false,
        name: None,
        second_factor_at: None,
        csrf: sha256_hex(&format!("csrf/{token}")),
        link: Some(token_hash),
        expires_at: link.expires_at,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages of the route table a sign-in may return to.
    pub(crate) const PAGES: ReturnPages<'static> = &[
        "/invite",
        "/connect",
        "/join",
        "/workspace/clients",
        "/workspace/invite-link",
        "/workspace/connections",
    ];

    #[test]
    fn a_sign_in_returns_only_to_our_own_pages() {
        assert_eq!(
            safe_return_path(Some("/invite?token=abc"), PAGES),
            "/invite?token=abc"
        );
        assert_eq!(
            safe_return_path(Some("/connect?workspace=w"), PAGES),
            "/connect?workspace=w"
        );
        for hostile in [
            "https://evil.example/",
            "//evil.example/connect",
            "/connect//evil",
            "javascript:alert(1)",
            "/connect@evil.example",
            "/\\evil.example/connect",
            "/invite/../workspace/settings",
            "/connectx",
            "/join/extra?token=a",
        ] {
            assert_eq!(
                safe_return_path(Some(hostile), PAGES),
                "/connect",
                "{hostile}"
            );
        }
        assert_eq!(safe_return_path(None, PAGES), "/connect");
        assert_eq!(
            safe_return_path(Some("/join?token=a"), PAGES),
            "/join?token=a"
        );
    }
}
