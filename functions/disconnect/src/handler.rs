//! `DELETE /workspaces/{workspace_id}/connections/{connection_id}`: revokes access at
//! the platform where it can and deletes the sealed tokens.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param};
use clientconnect::service::{connections, invitations};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let connection_id = path_param(&request, "connection_id")?;
    let disconnected = connections::disconnect(&state, &caller, &workspace, &connection_id).await?;
    json_response(StatusCode::OK, &disconnected)
}
