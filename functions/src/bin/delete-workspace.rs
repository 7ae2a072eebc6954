//! `DELETE /internal/workspaces/{workspace_id}` (IAM).
clientconnect_functions::lambda_main!(api::provisioning::delete_workspace);
