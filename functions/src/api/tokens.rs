//! The token service: the host's publishing service gets a usable access token.

use std::sync::Arc;

use clientconnect::domain::{ConnectionId, WorkspaceId};
use clientconnect::http::{iam_principal, json_response, path};
use clientconnect::metrics;
use clientconnect::service::upkeep;
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

/// `POST /internal/workspaces/{workspace_id}/connections/{connection_id}/access-token`,
/// behind the API's IAM authorizer: the access token, renewed first when it is about
/// to expire. Never the refresh token.
pub async fn issue(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = iam_principal(&request)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let connection: ConnectionId = path(&request, "connection_id")?;
    let issued = upkeep::issue_access_token(&state, &caller, &workspace, &connection).await;
    match &issued {
        Ok(token) => metrics::count(
            "AccessTokens",
            1,
            &[("Platform", token.platform.as_str()), ("Outcome", "issued")],
        ),
        Err(refused) => metrics::count("AccessTokenRefusals", 1, &[("Reason", refused.slug())]),
    }
    json_response(StatusCode::OK, &issued?)
}
