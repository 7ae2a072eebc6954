//! The agency's own accounts assigned to clients, one assignment per client with its own
//! settings: `PUT` makes or changes one, `DELETE` takes it away.

use std::sync::Arc;

use clientconnect::domain::{AssignmentSettings, ClientId, ConnectionId, WorkspaceId};
use clientconnect::http::{json_body, json_response, path};
use clientconnect::service::assignments;
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// The assignment a request names.
fn named(request: &Request) -> Result<(WorkspaceId, ConnectionId, ClientId), AppError> {
    Ok((
        path(request, "workspace_id")?,
        path(request, "connection_id")?,
        path(request, "client_id")?,
    ))
}

/// `PUT /workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}`
/// `{client_approves_posts?, credentials?}`: assigns the account to the client, or
/// changes the assignment's settings.
pub async fn put(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let (workspace, connection, client) = named(&request)?;
    let settings: AssignmentSettings = json_body(&request)?;
    let done =
        assignments::put(&state, &caller, &workspace, &connection, &client, settings).await?;
    json_response(StatusCode::OK, &done)
}

/// `DELETE /workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}`:
/// takes the account away from that client; its other clients keep it.
pub async fn delete(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let (workspace, connection, client) = named(&request)?;
    let removed = assignments::remove(&state, &caller, &workspace, &connection, &client).await?;
    json_response(StatusCode::OK, &removed)
}
