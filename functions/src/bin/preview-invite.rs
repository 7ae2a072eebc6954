//! `POST /invitations/preview`.
clientconnect_functions::lambda_main!(api::invitations::preview);
