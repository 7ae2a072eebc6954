//! `GET /workspaces/{workspace_id}/invite-link`.
clientconnect_functions::lambda_main!(api::links::get_invite_link);
