//! `PUT /internal/workspaces/{workspace_id}/members/{user_id}` (IAM).
clientconnect_functions::lambda_main!(api::provisioning::put_member);
