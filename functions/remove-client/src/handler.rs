//! `DELETE /workspaces/{workspace_id}/clients/{client_id}?connections=keep|disconnect`:
//! deactivate a client; its connected accounts are kept (default) or disconnected.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param, query_param};
use clientconnect::service::invitations::{self, ClientConnections};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let id = invitations::invitation_id(&path_param(&request, "client_id")?)?;
    let connections = ClientConnections::parse(query_param(&request, "connections").as_deref())?;
    let removed = invitations::remove_client(&state, &caller, &workspace, &id, connections).await?;
    json_response(StatusCode::OK, &removed)
}
