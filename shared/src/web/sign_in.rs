//! Signing in on the pages, as the browser sees it: off to the identity provider with a
//! cookie that binds the sign-in to this browser, and back with a session cookie.

use lambda_http::{Body, Response};

use super::cookies::{login_cookie, session_cookie};
use super::{explain, see_other};
use crate::error::AppError;
use crate::service::sign_in::{self, ReturnPages, SESSION_LIFETIME, SIGN_IN_LIFETIME};
use crate::state::AppState;

/// `GET /auth/login?next=…`: `next` is kept only if it is one of `return_pages`.
pub async fn begin(
    state: &AppState,
    next: Option<&str>,
    return_pages: ReturnPages<'_>,
) -> Result<Response<Body>, AppError> {
    let started = sign_in::begin(state, next, return_pages).await?;
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
