//! `POST /workspaces/{workspace_id}/connections/{platform}/start`: returns the
//! platform's consent URL and sets the cookie that binds the connect to this browser.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param};
use clientconnect::service::{connections, invitations};
use clientconnect::{AppError, AppState};
use lambda_http::http::header::SET_COOKIE;
use lambda_http::http::{HeaderValue, StatusCode};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let platform = connections::platform(&path_param(&request, "platform")?)?;
    let started = connections::start(&state, &caller, &workspace, platform).await?;
    let mut response = json_response(StatusCode::OK, &started.body)?;
    let cookie = HeaderValue::from_str(&started.set_cookie).map_err(AppError::internal)?;
    response.headers_mut().insert(SET_COOKIE, cookie);
    Ok(response)
}
