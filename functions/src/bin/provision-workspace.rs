//! `PUT /internal/workspaces/{workspace_id}` (IAM).
clientconnect_functions::lambda_main!(api::provisioning::put_workspace);
