//! `GET /auth/login`.
clientconnect_functions::lambda_main!(routes::sign_in);
