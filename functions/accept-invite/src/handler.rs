//! `POST /invitations/accept`: the signed-in person the invitation was sent to becomes a
//! client member of the workspace. Single use.

use std::sync::Arc;

use clientconnect::http::{json_body, json_response};
use clientconnect::service::invitations::{self, LinkToken};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let body: LinkToken = json_body(&request)?;
    let membership = invitations::accept(&state, &caller, &body.token).await?;
    json_response(StatusCode::OK, &membership)
}
