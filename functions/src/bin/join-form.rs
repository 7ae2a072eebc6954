//! `POST /join`.
clientconnect_functions::lambda_main!(pages::join_now);
