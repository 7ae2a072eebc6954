//! `POST /invite/accept`.
clientconnect_functions::lambda_main!(pages::accept_invitation);
