//! `GET /internal/workspaces/{workspace_id}/seats`.
clientconnect_functions::lambda_main!(api::provisioning::seats);
