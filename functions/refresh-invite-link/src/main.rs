//! Lambda entry point: state is built once per cold start, then every request runs
//! through [`refresh_invite_link::handle`].

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    clientconnect::telemetry::init();
    let state = clientconnect::AppState::from_env().await?;
    clientconnect::http::serve(state, refresh_invite_link::handle).await
}
