//! The host's read of what one person of a workspace may do and see, to enforce it on
//! its own publishing, analytics and inbox screens.

use std::sync::Arc;

use clientconnect::domain::{UserId, WorkspaceId};
use clientconnect::http::{iam_principal, json_response, path};
use clientconnect::service::rights;
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

/// `GET /internal/workspaces/{workspace_id}/people/{user_id}/rights`: their role, client,
/// rights and the accounts they see, each with its assignment's settings.
pub async fn person(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let user: UserId = path(&request, "user_id")?;
    let rights = rights::of_person(&state, &workspace, &user).await?;
    json_response(StatusCode::OK, &rights)
}
