//! `POST /invitations/accept`.
clientconnect_functions::lambda_main!(api::invitations::accept);
