//! `POST /workspaces/{workspace_id}/clients/{client_id}/connect-link`.
clientconnect_functions::lambda_main!(api::links::create_connect_link);
