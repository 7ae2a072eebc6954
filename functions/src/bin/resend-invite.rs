//! `POST /workspaces/{workspace_id}/invitations/{invitation_id}/resend`.
clientconnect_functions::lambda_main!(api::invitations::resend);
