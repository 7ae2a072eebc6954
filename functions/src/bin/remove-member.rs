//! `DELETE /internal/workspaces/{workspace_id}/members/{user_id}` (IAM).
clientconnect_functions::lambda_main!(api::provisioning::remove_member);
