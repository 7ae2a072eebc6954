//! `POST /workspace/client-rights`.
clientconnect_functions::lambda_main!(pages::agency_client_rights_action);
