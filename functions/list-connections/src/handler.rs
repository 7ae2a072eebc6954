//! `GET /workspaces/{workspace_id}/connections`: a client sees its own connections,
//! the agency every connection with the client it belongs to. Never a token.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param};
use clientconnect::service::{connections, invitations};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let listed = connections::list(&state, &caller, &workspace).await?;
    json_response(StatusCode::OK, &listed)
}
