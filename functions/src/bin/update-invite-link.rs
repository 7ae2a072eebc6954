//! `PUT /workspaces/{workspace_id}/invite-link`.
clientconnect_functions::lambda_main!(api::links::update_invite_link);
