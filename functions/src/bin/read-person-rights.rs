//! `GET /internal/workspaces/{workspace_id}/people/{user_id}/rights`.
clientconnect_functions::lambda_main!(api::rights::person);
