//! `GET /workspaces/{workspace_id}/clients`.
clientconnect_functions::lambda_main!(api::clients::list);
