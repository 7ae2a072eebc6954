//! `PATCH /workspaces/{workspace_id}/clients/{client_id}`.
clientconnect_functions::lambda_main!(api::clients::change_rights);
