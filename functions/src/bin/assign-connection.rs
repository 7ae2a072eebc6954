//! `POST /workspaces/{workspace_id}/connections/{connection_id}/assign`.
clientconnect_functions::lambda_main!(api::clients::assign);
