//! `POST /connect/start`: a Connect button; redirects to the platform's consent page.

use std::sync::Arc;

use clientconnect::service::pages::{self, StartForm};
use clientconnect::web::{cookie_header, form_body};
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let form: StartForm = form_body(&request)?;
    pages::start_form(&state, form, cookie_header(&request).as_deref()).await
}
