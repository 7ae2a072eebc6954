//! `POST /workspaces/{workspace_id}/connections/{connection_id}/reconnect-email`.
clientconnect_functions::lambda_main!(api::connections::request_reconnect);
