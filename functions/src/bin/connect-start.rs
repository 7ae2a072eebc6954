//! `POST /workspaces/{workspace_id}/connections/{platform}/start`.
clientconnect_functions::lambda_main!(api::connections::start);
