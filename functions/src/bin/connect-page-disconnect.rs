//! `POST /connect/disconnect`.
clientconnect_functions::lambda_main!(pages::disconnect);
