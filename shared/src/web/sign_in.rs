//! Signing in on the pages, as the browser sees it: off to the identity provider with a
//! cookie that binds the sign-in to this browser, and back with a session cookie.

use lambda_http::{Body, Response};

use super::cookies::{link_cookie, login_cookie, session_cookie};
use super::pages::explain;
use super::see_other;
use crate::domain::Session;
use crate::error::AppError;
use crate::service::sign_in::{self, SESSION_LIFETIME, SIGN_IN_LIFETIME};
use crate::state::AppState;

/// `GET /auth/login?next=…`.
pub async fn begin(state: &AppState, next: Option<&str>) -> Result<Response<Body>, AppError> {
    let started = sign_in::begin(state, next).await?;
    let binding = login_cookie(&state.config, &started.login_cookie, SIGN_IN_LIFETIME);
    see_other(started.authorize_url.as_str(), &[binding])
}

/// `GET /auth/callback?code=&state=`.
pub async fn complete(
    state: &AppState,
    code: Option<&str>,
    sign_in_state: Option<&str>,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let sealed = login_cookie(&state.config, "", SIGN_IN_LIFETIME).read_from(cookies);
    match sign_in::complete(state, code, sign_in_state, sealed).await {
        Ok(signed_in) => see_other(
            state.config.page_url(&signed_in.next).as_str(),
            &[
                session_cookie(&state.config, &signed_in.session_token, SESSION_LIFETIME),
                login_cookie(&state.config, "", SIGN_IN_LIFETIME).cleared(),
            ],
        ),
        Err(error) => explain(state, error),
    }
}

/// The session behind a page request's cookies (a sign-in, or a connect link).
pub async fn current_session(
    state: &AppState,
    cookies: Option<&str>,
) -> Result<Option<Session>, AppError> {
    sign_in::current_session(
        state,
        session_cookie(&state.config, "", SESSION_LIFETIME).read_from(cookies),
        link_cookie(&state.config, "", SESSION_LIFETIME).read_from(cookies),
    )
    .await
}

/// `/auth/login?next=<path>`: where a page sends someone who must sign in first.
pub fn sign_in_link(state: &AppState, next: &str) -> String {
    let mut url = state.config.page_url("/auth/login");
    url.query_pairs_mut().append_pair("next", next);
    url.to_string()
}
