//! `POST /connect/disconnect`: a Disconnect button, where the workspace allows it.

use std::sync::Arc;

use clientconnect::service::pages::{self, DisconnectForm};
use clientconnect::web::{cookie_header, form_body};
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let form: DisconnectForm = form_body(&request)?;
    pages::disconnect_form(&state, form, cookie_header(&request).as_deref()).await
}
