//! `POST /workspaces/{workspace_id}/invitations`: an owner or admin invites a client.

use std::sync::Arc;

use clientconnect::http::{json_body, json_response, path_param};
use clientconnect::service::invitations::{self, NewInvitation};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let body: NewInvitation = json_body(&request)?;
    let created = invitations::create(&state, &caller, &workspace, body).await?;
    json_response(StatusCode::CREATED, &created)
}
