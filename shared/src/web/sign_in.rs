//! Signing in on the pages, as the browser sees it: off to the identity provider with a
//! cookie that binds the sign-in to this browser, and back with a session cookie.

use lambda_http::{Body, Response};

use super::cookies::{login_cookie, session_cookie};
use super::{explain, see_other};
use crate::auth::oidc::Strength;
use crate::error::AppError;
use crate::service::sign_in::{self, ReturnPages, SESSION_LIFETIME, SIGN_IN_LIFETIME};
use crate::state::AppState;

/// The query value of `/auth/login?factor=` that asks the identity provider for a
/// second factor (a page sends a person there when their client requires one).
pub const SECOND_FACTOR: &str = "two";

/// `GET /auth/login?next=…[&factor=two]`: `next` is kept only if it is one of
/// `return_pages`; `factor=two` asks for a fresh sign-in with a second factor.
pub async fn begin(
    state: &AppState,
    next: Option<&str>,
    factor: Option<&str>,
    return_pages: ReturnPages<'_>,
) -> Result<Response<Body>, AppError> {
    let strength = if factor == Some(SECOND_FACTOR) {
        Strength::SecondFactor
    } else {
        Strength::Usual
    };
    let started = sign_in::begin(state, next, return_pages, strength).await?;
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
        Err(error) => explain(error),
    }
}
