//! `GET /workspace/brand`.
clientconnect_functions::lambda_main!(pages::agency_brand);
