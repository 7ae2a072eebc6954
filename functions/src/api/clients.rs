//! Clients (brands): create, list, change their rights, delete, remove one person, and
//! assign the agency's own connections to a client.

use std::sync::Arc;

use clientconnect::domain::{ClientId, ConnectionId, InvitationId, WorkspaceId};
use clientconnect::http::{json_body, json_response, path, query, query_param};
use clientconnect::service::clients::{
    self, Assignment, ClientConnections, ClientQuery, NewClient,
};
use clientconnect::service::rights::{self, PersonRightsChange, RightsChange};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// `POST /workspaces/{workspace_id}/clients` `{name, logo_url?, permissions?, platforms?}`.
pub async fn create(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let body: NewClient = json_body(&request)?;
    let created = clients::create(&state, &caller, &workspace, body).await?;
    json_response(StatusCode::CREATED, &created)
}

/// `GET /workspaces/{workspace_id}/clients?limit=&cursor=`: newest first, with people.
pub async fn list(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let listing = ClientQuery {
        limit: query(&request, "limit")?.unwrap_or_default(),
        cursor: query_param(&request, "cursor"),
    };
    let page = clients::list(&state, &caller, &workspace, listing).await?;
    json_response(StatusCode::OK, &page)
}

/// `DELETE /workspaces/{workspace_id}/clients/{client_id}?connections=keep|disconnect`:
/// deletes the client; all its people and its connect link stop at once.
pub async fn delete(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let client: ClientId = path(&request, "client_id")?;
    let connections: ClientConnections = query(&request, "connections")?.unwrap_or_default();
    let deleted = clients::delete(&state, &caller, &workspace, &client, connections).await?;
    json_response(StatusCode::OK, &deleted)
}

/// `DELETE /workspaces/{workspace_id}/clients/{client_id}/people/{person_id}`: one
/// person leaves (deactivated, or their pending invitation revoked).
pub async fn remove_person(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let client: ClientId = path(&request, "client_id")?;
    let person: InvitationId = path(&request, "person_id")?;
    let removed = clients::remove_person(&state, &caller, &workspace, &client, &person).await?;
    json_response(StatusCode::OK, &removed)
}

/// `POST /workspaces/{workspace_id}/connections/{connection_id}/assign` `{client_id}`:
/// shows one of the agency's own connections to a client (view only), or to none.
pub async fn assign(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let connection: ConnectionId = path(&request, "connection_id")?;
    let body: Assignment = json_body(&request)?;
    let assigned = clients::assign(&state, &caller, &workspace, &connection, body).await?;
    json_response(StatusCode::OK, &assigned)
}

/// `PATCH /workspaces/{workspace_id}/clients/{client_id}` `{permissions?, platforms?,
/// two_factor_required?, connections?}`: the client's people may do what it now says.
pub async fn change_rights(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let client: ClientId = path(&request, "client_id")?;
    let body: RightsChange = json_body(&request)?;
    let changed = rights::change(&state, &caller, &workspace, &client, body).await?;
    json_response(StatusCode::OK, &changed)
}

/// `PUT /workspaces/{workspace_id}/clients/{client_id}/people/{person_id}/rights`
/// `{permissions?, platforms?}`: what this person gets less than the client (a part left
/// out: the client's).
pub async fn change_person_rights(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let client: ClientId = path(&request, "client_id")?;
    let person: InvitationId = path(&request, "person_id")?;
    let body: PersonRightsChange = json_body(&request)?;
    let changed =
        rights::change_person(&state, &caller, &workspace, &client, &person, body).await?;
    json_response(StatusCode::OK, &changed)
}
