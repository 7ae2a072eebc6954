//! The links an agency hands out: a client's connect link and the workspace's invite link.

use std::sync::Arc;

use clientconnect::domain::{ClientId, WorkspaceId};
use clientconnect::http::{json_body, json_response, path};
use clientconnect::service::links::{self, InviteLinkSettings, NewConnectLink};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// `POST …/clients/{client_id}/connect-link` `{valid_days?, platforms?}`: makes (or
/// rotates) the client's login-free connect link.
pub async fn create_connect_link(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let client: ClientId = path(&request, "client_id")?;
    let body: NewConnectLink = match request.body().is_empty() {
        true => NewConnectLink::default(),
        false => json_body(&request)?,
    };
    let link = links::create_connect_link(&state, &caller, &workspace, &client, body).await?;
    json_response(StatusCode::CREATED, &link)
}

/// `DELETE …/clients/{client_id}/connect-link`.
pub async fn revoke_connect_link(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let client: ClientId = path(&request, "client_id")?;
    let revoked = links::revoke_connect_link(&state, &caller, &workspace, &client).await?;
    json_response(StatusCode::OK, &revoked)
}

/// `GET /workspaces/{workspace_id}/invite-link`.
pub async fn get_invite_link(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let link = links::invite_link(&state, &caller, &workspace).await?;
    json_response(StatusCode::OK, &link)
}

/// `PUT /workspaces/{workspace_id}/invite-link` `{enabled, client_id?, permissions?, platforms?}`.
pub async fn update_invite_link(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let settings: InviteLinkSettings = json_body(&request)?;
    let link = links::update_invite_link(&state, &caller, &workspace, settings).await?;
    json_response(StatusCode::OK, &link)
}

/// `POST /workspaces/{workspace_id}/invite-link/refresh`: a new address; the old dies.
pub async fn refresh_invite_link(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let link = links::refresh_invite_link(&state, &caller, &workspace).await?;
    json_response(StatusCode::OK, &link)
}
