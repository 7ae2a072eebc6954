//! `POST /invitations/preview`: what a link offers. No sign-in, and it changes nothing,
//! so an email scanner fetching it consumes nothing. The token travels in the body to
//! stay out of access logs.

use std::sync::Arc;

use clientconnect::http::{json_body, json_response};
use clientconnect::service::invitations::{self, LinkToken};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let body: LinkToken = json_body(&request)?;
    let preview = invitations::preview(&state, &body.token).await?;
    json_response(StatusCode::OK, &preview)
}
