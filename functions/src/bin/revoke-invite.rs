//! `POST /workspaces/{workspace_id}/invitations/{invitation_id}/revoke`.
clientconnect_functions::lambda_main!(api::invitations::revoke);
