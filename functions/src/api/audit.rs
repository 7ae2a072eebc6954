//! The audit trail: who did what to what, and when, newest first.

use std::sync::Arc;

use clientconnect::domain::WorkspaceId;
use clientconnect::http::{json_response, path, query, query_param};
use clientconnect::service::events;
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

/// `GET /workspaces/{workspace_id}/audit?limit=&cursor=`.
pub async fn list(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let limit = query(&request, "limit")?.unwrap_or_default();
    let cursor = query_param(&request, "cursor");
    let trail = events::audit_trail(&state, &caller, &workspace, limit, cursor).await?;
    json_response(StatusCode::OK, &trail)
}
