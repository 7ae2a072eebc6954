//! `GET /join?token=…`: the reusable invite link's page. Opening it changes nothing.

use std::sync::Arc;

use clientconnect::http::query_param;
use clientconnect::service::pages;
use clientconnect::web::cookie_header;
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let token = query_param(&request, "token").unwrap_or_default();
    pages::join_page(&state, &token, cookie_header(&request).as_deref()).await
}
