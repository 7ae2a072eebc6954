//! `GET /auth/callback`.
clientconnect_functions::lambda_main!(pages::signed_in);
