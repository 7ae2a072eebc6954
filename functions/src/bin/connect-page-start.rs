//! `POST /connect/start`.
clientconnect_functions::lambda_main!(pages::start_connecting);
