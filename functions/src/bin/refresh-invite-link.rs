//! `POST /workspaces/{workspace_id}/invite-link/refresh`.
clientconnect_functions::lambda_main!(api::links::refresh_invite_link);
