//! `GET /auth/callback?code=…&state=…`: verifies the sign-in, starts the session and
//! returns the person to the page they came from.

use std::sync::Arc;

use clientconnect::http::query_param;
use clientconnect::service::{pages, sign_in};
use clientconnect::web::{cookie_header, see_other};
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let code = query_param(&request, "code");
    let state_value = query_param(&request, "state");
    let cookies = cookie_header(&request);
    match sign_in::complete(
        &state,
        code.as_deref(),
        state_value.as_deref(),
        cookies.as_deref(),
    )
    .await
    {
        Ok((next, cookies)) => see_other(next.as_str(), &cookies),
        Err(error) => pages::explain(&state, error),
    }
}
