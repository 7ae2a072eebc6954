//! `GET /oauth/callback/{platform}`.
clientconnect_functions::lambda_main!(api::connections::callback);
