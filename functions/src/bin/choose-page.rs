//! `GET /connect/choose`.
clientconnect_functions::lambda_main!(pages::choose);
