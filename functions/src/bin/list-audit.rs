//! `GET /workspaces/{workspace_id}/audit`.
clientconnect_functions::lambda_main!(api::audit::list);
