//! `GET /workspaces/{workspace_id}/connections`.
clientconnect_functions::lambda_main!(api::connections::list);
