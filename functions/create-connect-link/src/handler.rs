//! `POST /workspaces/{workspace_id}/clients/{client_id}/connect-link`: makes the
//! client's login-free connect link; making it again rotates it (the old one dies).

use std::sync::Arc;

use clientconnect::http::{json_body, json_response, path_param};
use clientconnect::service::invitations;
use clientconnect::service::links::{self, NewConnectLink};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let client = invitations::invitation_id(&path_param(&request, "client_id")?)?;
    let body: NewConnectLink = match request.body().is_empty() {
        true => NewConnectLink::default(),
        false => json_body(&request)?,
    };
    let link = links::create_connect_link(&state, &caller, &workspace, &client, body).await?;
    json_response(StatusCode::CREATED, &link)
}
