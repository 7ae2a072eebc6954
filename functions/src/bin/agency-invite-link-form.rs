//! `POST /workspace/invite-link`.
clientconnect_functions::lambda_main!(pages::agency_invite_link_action);
