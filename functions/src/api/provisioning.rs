//! The host product's provisioning interface, behind the API's IAM authorizer: its
//! workspaces and their agency members. Never reachable with a user's JWT.

use std::sync::Arc;

use clientconnect::domain::{UserId, WorkspaceId};
use clientconnect::http::{iam_principal, json_body, json_response, path};
use clientconnect::service::provisioning::{self, MemberSettings, WorkspaceSettings};
use clientconnect::service::seats;
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// `PUT /internal/workspaces/{workspace_id}` `{name, logo_url?, plan, seats,
/// clients_may_disconnect?}`: creates the workspace or changes its settings.
pub async fn put_workspace(state: Arc<AppState>, request: Request) -> Answer {
    let host = iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let settings: WorkspaceSettings = json_body(&request)?;
    let view = provisioning::put_workspace(&state, &host, &workspace, settings).await?;
    json_response(StatusCode::OK, &view)
}

/// `DELETE /internal/workspaces/{workspace_id}`: everyone deactivated, every connection
/// disconnected and its tokens deleted.
pub async fn delete_workspace(state: Arc<AppState>, request: Request) -> Answer {
    let host = iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let deleted = provisioning::delete_workspace(&state, &host, &workspace).await?;
    json_response(StatusCode::OK, &deleted)
}

/// `PUT /internal/workspaces/{workspace_id}/members/{user_id}` `{email, name?, role}`.
pub async fn put_member(state: Arc<AppState>, request: Request) -> Answer {
    let host = iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let user: UserId = path(&request, "user_id")?;
    let settings: MemberSettings = json_body(&request)?;
    let member = provisioning::put_member(&state, &host, &workspace, &user, settings).await?;
    json_response(StatusCode::OK, &member)
}

/// `DELETE /internal/workspaces/{workspace_id}/members/{user_id}`: the member loses
/// access at once.
pub async fn remove_member(state: Arc<AppState>, request: Request) -> Answer {
    let host = iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let user: UserId = path(&request, "user_id")?;
    let member = provisioning::remove_member(&state, &host, &workspace, &user).await?;
    json_response(StatusCode::OK, &member)
}

/// `GET /internal/workspaces/{workspace_id}/seats`: the seats in use (by kind) and the
/// limit, for the host's billing and its own checks.
pub async fn seats(state: Arc<AppState>, request: Request) -> Answer {
    iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    json_response(StatusCode::OK, &seats::read(&state, &workspace).await?)
}
