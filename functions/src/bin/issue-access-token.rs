//! `POST /internal/workspaces/{workspace_id}/connections/{connection_id}/access-token` (IAM).
clientconnect_functions::lambda_main!(api::tokens::issue);
