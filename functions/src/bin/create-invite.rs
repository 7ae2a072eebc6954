//! `POST /workspaces/{workspace_id}/invitations`.
clientconnect_functions::lambda_main!(api::invitations::create);
