//! `POST /workspace/brand`.
clientconnect_functions::lambda_main!(pages::agency_brand_action);
