//! `GET /workspaces/{workspace_id}/invite-link`: the link to share and its settings.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param};
use clientconnect::service::{invitations, links};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let link = links::invite_link(&state, &caller, &workspace).await?;
    json_response(StatusCode::OK, &link)
}
