//! The token service: the host's publishing service gets a usable access token.

use std::sync::Arc;

use clientconnect::deadline::Deadline;
use clientconnect::domain::{ClientId, ConnectionId, WorkspaceId};
use clientconnect::http::{iam_principal, json_body_or_default, json_response, path, query};
use clientconnect::metrics;
use clientconnect::service::token_service;
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, RequestExt, Response};

/// The function's timeout in template.yaml, for a runtime that gives no real deadline.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// `POST /internal/workspaces/{workspace_id}/connections/{connection_id}/access-token`,
/// behind the API's IAM authorizer: the access token, renewed first when it has run out
/// or will not last `min_validity_seconds` (optional body), for a principal the
/// deployment lists. Never the refresh token. `?for_client=<client id>`: publishing for
/// that client through an agency account assigned to it, the connection whose
/// credentials the assignment names (the agency's, or the client's own).
pub async fn issue(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = token_service::admit(&state, iam_principal(&request)?)?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let connection: ConnectionId = path(&request, "connection_id")?;
    let for_client: Option<ClientId> = query(&request, "for_client")?;
    let asked: token_service::TokenRequest = json_body_or_default(&request)?;
    let wanted = asked.min_validity()?;
    let invocation = request
        .lambda_context_ref()
        .map(|context| Deadline::of_invocation(context.deadline(), TIMEOUT));
    let issued = token_service::issue_access_token(
        &state,
        &caller,
        &workspace,
        &connection,
        for_client.as_ref(),
        wanted,
        invocation,
    )
    .await;
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
