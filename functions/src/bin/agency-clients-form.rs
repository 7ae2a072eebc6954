//! `POST /workspace/clients`.
clientconnect_functions::lambda_main!(pages::agency_clients_action);
