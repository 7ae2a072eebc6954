//! `PUT /workspaces/{workspace_id}/invite-link`: enable or disable the reusable invite
//! link and set the permissions and platforms every joining client gets.

use std::sync::Arc;

use clientconnect::http::{json_body, json_response, path_param};
use clientconnect::service::invitations;
use clientconnect::service::links::{self, InviteLinkSettings};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let settings: InviteLinkSettings = json_body(&request)?;
    let link = links::update_invite_link(&state, &caller, &workspace, settings).await?;
    json_response(StatusCode::OK, &link)
}
