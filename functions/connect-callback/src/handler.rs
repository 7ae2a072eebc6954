//! `GET /oauth/callback/{platform}`: where the platform sends the person back. It
//! always answers with a redirect to a fixed page that shows the outcome.

use std::sync::Arc;

use clientconnect::http::{path_param, query_param};
use clientconnect::service::connections::{self, CallbackQuery};
use clientconnect::{AppError, AppState};
use lambda_http::http::header::{CACHE_CONTROL, COOKIE, LOCATION, REFERRER_POLICY, SET_COOKIE};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let platform = connections::platform(&path_param(&request, "platform")?)?;
    let query = CallbackQuery {
        code: query_param(&request, "code"),
        state: query_param(&request, "state"),
        error: query_param(&request, "error"),
    };
    let cookies = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    let cookies = (!cookies.is_empty()).then_some(cookies.as_str());
    let redirect = connections::callback(&state, platform, query, cookies).await;
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(LOCATION, redirect.location.as_str())
        .header(SET_COOKIE, redirect.clear_cookie)
        .header(CACHE_CONTROL, "no-store")
        .header(REFERRER_POLICY, "no-referrer")
        .body(Body::Empty)
        .map_err(AppError::internal)
}
