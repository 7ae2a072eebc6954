//! `GET /workspaces/{workspace_id}/invitations?status=&limit=&cursor=`: invitations and
//! clients, newest first.

use std::sync::Arc;

use clientconnect::http::{json_response, path_param, query_param};
use clientconnect::service::invitations::{self, ListQuery};
use clientconnect::{AppError, AppState};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};

pub async fn handle(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let caller = state.caller(&request).await?;
    let workspace = invitations::workspace_id(&path_param(&request, "workspace_id")?)?;
    let query = ListQuery {
        status: query_param(&request, "status"),
        limit: query_param(&request, "limit"),
        cursor: query_param(&request, "cursor"),
    };
    let page = invitations::list(&state, &caller, &workspace, query).await?;
    json_response(StatusCode::OK, &page)
}
