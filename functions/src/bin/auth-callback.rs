//! `GET /auth/callback`.
clientconnect_functions::lambda_main!(pages::back_from_sign_in);
