//! `GET /auth/login`.
clientconnect_functions::lambda_main!(pages::sign_in);
