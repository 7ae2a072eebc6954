//! `DELETE /workspaces/{workspace_id}/clients/{client_id}/people/{person_id}`.
clientconnect_functions::lambda_main!(api::clients::remove_person);
