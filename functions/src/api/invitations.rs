//! Inviting people to clients: create, list, resend, revoke, and the invitee's preview
//! and accept.

use std::sync::Arc;

use clientconnect::domain::{InvitationId, WorkspaceId};
use clientconnect::http::{json_body, json_response, path, query, query_param};
use clientconnect::service::invitations::{self, LinkToken, ListQuery, NewInvitation};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// `POST /workspaces/{workspace_id}/invitations`: an owner or admin invites a person
/// to a client (or to a new client of their own).
pub async fn create(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let body: NewInvitation = json_body(&request)?;
    let created = invitations::create(&state, &caller, &workspace, body).await?;
    json_response(StatusCode::CREATED, &created)
}

/// `GET /workspaces/{workspace_id}/invitations?status=&limit=&cursor=`: newest first.
pub async fn list(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let listing = ListQuery {
        status: query(&request, "status")?,
        limit: query(&request, "limit")?.unwrap_or_default(),
        cursor: query_param(&request, "cursor"),
    };
    let page = invitations::list(&state, &caller, &workspace, listing).await?;
    json_response(StatusCode::OK, &page)
}

/// `POST …/invitations/{invitation_id}/resend[?confirm_after_complaint=true]`: a new
/// link; the old one stops working.
pub async fn resend(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let id: InvitationId = path(&request, "invitation_id")?;
    let confirmed = query_param(&request, "confirm_after_complaint").as_deref() == Some("true");
    let invitation = invitations::resend(&state, &caller, &workspace, &id, confirmed).await?;
    json_response(StatusCode::OK, &invitation)
}

/// `POST …/invitations/{invitation_id}/revoke`.
pub async fn revoke(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let id: InvitationId = path(&request, "invitation_id")?;
    let invitation = invitations::revoke(&state, &caller, &workspace, &id).await?;
    json_response(StatusCode::OK, &invitation)
}

/// `POST /invitations/preview` `{token}`: what the link offers, before signing in.
pub async fn preview(state: Arc<AppState>, request: Request) -> Answer {
    let body: LinkToken = json_body(&request)?;
    let preview = invitations::preview(&state, &body.token).await?;
    json_response(StatusCode::OK, &preview)
}

/// `POST /invitations/accept` `{token}`: the signed-in invitee becomes a client.
pub async fn accept(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let body: LinkToken = json_body(&request)?;
    let membership = invitations::accept(&state, &caller, &body.token).await?;
    json_response(StatusCode::OK, &membership)
}
