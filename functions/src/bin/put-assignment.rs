//! `PUT /workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}`.
clientconnect_functions::lambda_main!(api::assignments::put);
