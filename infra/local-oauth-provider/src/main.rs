//! Serves the local OAuth provider for `infra/dev.sh serve` on 127.0.0.1:9200 (or the
//! port given as the first argument). Consent is automatic.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = std::env::args().nth(1).unwrap_or_else(|| "9200".into());
    let listener = std::net::TcpListener::bind(format!("127.0.0.1:{port}"))?;
    let provider = local_oauth_provider::LocalProvider::start_on(listener).await;
    println!("local OAuth provider at {}", provider.base_url());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
