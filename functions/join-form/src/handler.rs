//! `POST /join`: the Join button of the invite link's page.

use std::sync::Arc;

use clientconnect::service::pages::{self, AcceptForm};
use clientconnect::web::{cookie_header, form_body};
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let form: AcceptForm = form_body(&request)?;
    pages::join_form(&state, form, cookie_header(&request).as_deref()).await
}
