//! `GET /workspaces/{workspace_id}/invitations`.
clientconnect_functions::lambda_main!(api::invitations::list);
