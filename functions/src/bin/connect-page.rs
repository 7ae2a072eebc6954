//! `GET /connect`.
clientconnect_functions::lambda_main!(pages::connect);
