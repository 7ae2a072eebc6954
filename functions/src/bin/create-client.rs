//! `POST /workspaces/{workspace_id}/clients`.
clientconnect_functions::lambda_main!(api::clients::create);
