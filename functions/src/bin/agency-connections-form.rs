//! `POST /workspace/connections`.
clientconnect_functions::lambda_main!(pages::agency_connections_action);
