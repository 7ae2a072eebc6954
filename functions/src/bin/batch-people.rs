//! `POST /workspaces/{workspace_id}/people/batch`.
clientconnect_functions::lambda_main!(api::people::batch);
