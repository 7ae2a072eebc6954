//! `PUT /workspaces/{workspace_id}/clients/{client_id}/people/{person_id}/rights`.
clientconnect_functions::lambda_main!(api::clients::change_person_rights);
