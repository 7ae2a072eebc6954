//! `DELETE /workspaces/{workspace_id}/clients/{client_id}/connect-link`: the client's
//! connect link stops working at once.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param};
use clientconnect::service::{invitations, links};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let client = invitations::invitation_id(&path_param(&request, "client_id")?)?;
    let revoked = links::revoke_connect_link(&state, &caller, &workspace, &client).await?;
    json_response(StatusCode::OK, &revoked)
}
