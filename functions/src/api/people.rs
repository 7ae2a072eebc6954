//! Several people of a workspace's clients at once: resend, revoke or remove them.

use std::sync::Arc;

use clientconnect::domain::{PeopleBatch, WorkspaceId};
use clientconnect::http::{json_body, json_response, path};
use clientconnect::service::people::{self, BatchBody};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

/// `POST /workspaces/{workspace_id}/people/batch` `{action, people}`: each person as
/// the one-person route would, on their own; 200 with what became of each, in order
/// (a refused person does not make the batch fail).
pub async fn batch(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let body: BatchBody = json_body(&request)?;
    let batch = PeopleBatch::parse(&body.people)?;
    let reply = people::act(&state, &caller, &workspace, body.action, &batch).await?;
    json_response(StatusCode::OK, &reply)
}
