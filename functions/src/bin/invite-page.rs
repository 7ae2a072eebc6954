//! `GET /invite`.
clientconnect_functions::lambda_main!(pages::invitation);
