//! `GET /connect?workspace=…&platform=…&result=…`: the client's connect page, which
//! also shows how a connect just ended.

use std::sync::Arc;

use clientconnect::http::query_param;
use clientconnect::service::pages::{self, ConnectQuery};
use clientconnect::web::cookie_header;
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let query = ConnectQuery {
        link: query_param(&request, "link"),
        workspace: query_param(&request, "workspace"),
        platform: query_param(&request, "platform"),
        result: query_param(&request, "result"),
    };
    pages::connect_page(&state, query, cookie_header(&request).as_deref()).await
}
