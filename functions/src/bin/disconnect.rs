//! `DELETE /workspaces/{workspace_id}/connections/{connection_id}`.
clientconnect_functions::lambda_main!(api::connections::disconnect);
