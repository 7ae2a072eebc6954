//! `GET /auth/login?next=/invite?token=…`: sends the browser to the identity provider
//! to sign in or create an account, and binds the sign-in to this browser.

use std::sync::Arc;

use clientconnect::http::query_param;
use clientconnect::service::sign_in;
use clientconnect::web::see_other;
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let next = query_param(&request, "next");
    let (authorize_url, cookie) = sign_in::begin(&state, next.as_deref()).await?;
    see_other(authorize_url.as_str(), &[cookie])
}
