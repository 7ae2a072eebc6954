//! Connecting platform accounts: start, the platform's callback, list, disconnect.

use std::sync::Arc;

use clientconnect::domain::{ConnectionId, PageSize, Platform, WorkspaceId};
use clientconnect::http::{json_response, path, query, query_param};
use clientconnect::service::connect::{self, CallbackQuery};
use clientconnect::service::connections::{self, ConnectionQuery};
use clientconnect::service::notices;
use clientconnect::web::{connect_binding, cookie_header, landing_after_consent};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// `POST /workspaces/{workspace_id}/connections/{platform}/start[?reconnect=<id>]`: the
/// consent URL, and a cookie that binds the connect to this browser.
pub async fn start(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let platform: Platform = path(&request, "platform")?;
    let reconnect: Option<ConnectionId> = query(&request, "reconnect")?;
    let started = connect::start(
        &state,
        &caller.actor(),
        caller.second_factor_at,
        &workspace,
        platform,
        reconnect.as_ref(),
    )
    .await?;
    let mut response = json_response(StatusCode::OK, &started.view)?;
    connect_binding(&state.config, platform, &started.browser_nonce).set_on(&mut response)?;
    Ok(response)
}

/// `GET /oauth/callback/{platform}`: the platform sends the person back here; always a
/// redirect to a fixed page that tells how it ended.
pub async fn callback(state: Arc<AppState>, request: Request) -> Answer {
    let platform: Platform = path(&request, "platform")?;
    let consent = CallbackQuery {
        code: query_param(&request, "code"),
        state: query_param(&request, "state"),
        error: query_param(&request, "error"),
    };
    let cookies = cookie_header(&request);
    let nonce = connect_binding(&state.config, platform, "").read_from(cookies.as_deref());
    let finished = connect::callback(&state, platform, consent, nonce).await;
    landing_after_consent(&state.config, platform, &finished)
}

/// `GET /workspaces/{workspace_id}/connections?limit=&cursor=`: a client's own (and
/// those assigned to it), or all for the agency; a page of at most 100, newest first.
pub async fn list(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let page = ConnectionQuery {
        limit: query(&request, "limit")?.unwrap_or_else(PageSize::largest),
        cursor: query_param(&request, "cursor"),
    };
    let listed = connections::list(&state, &caller.actor(), &workspace, page).await?;
    json_response(StatusCode::OK, &listed)
}

/// `POST /workspaces/{workspace_id}/connections/{connection_id}/reconnect-email`: the
/// agency asks the client again to reconnect an expiring or broken connection.
pub async fn request_reconnect(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let connection: ConnectionId = path(&request, "connection_id")?;
    let sent = notices::request_reconnect(&state, &caller, &workspace, &connection).await?;
    json_response(StatusCode::OK, &sent)
}

/// `DELETE /workspaces/{workspace_id}/connections/{connection_id}`.
pub async fn disconnect(state: Arc<AppState>, request: Request) -> Answer {
    let caller = state.caller(&request).await?;
    let workspace: WorkspaceId = path(&request, "workspace_id")?;
    let connection: ConnectionId = path(&request, "connection_id")?;
    let disconnected = connections::disconnect(
        &state,
        &caller.actor(),
        caller.second_factor_at,
        &workspace,
        &connection,
    )
    .await?;
    json_response(StatusCode::OK, &disconnected)
}
