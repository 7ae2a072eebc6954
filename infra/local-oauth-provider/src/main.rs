//! Serves the local OAuth provider for `infra/dev.sh serve` on 127.0.0.1:9200 (or the
//! port given as the first argument). Platform consent is a page where the person says
//! who signs in and which Pages, organisations or channels they manage; signing in at
//! `/oidc/authorize` takes any email. ID tokens are signed with the dev key whose JWKS
//! the local issuer serves, for `JWT_ISSUER` and `JWT_AUDIENCE` (infra/local.env). The
//! page at `/` lists every route and the test controls under `/_local/`.

use local_oauth_provider::{LocalProvider, OidcSettings};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = std::env::args().nth(1).unwrap_or_else(|| "9200".into());
    let key_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../local-issuer/dev-signing-key.pem"
    );
    let oidc = OidcSettings {
        issuer: std::env::var("JWT_ISSUER")?,
        client_id: std::env::var("JWT_AUDIENCE")?,
        signing_key_pem: std::fs::read_to_string(key_path)?,
        key_id: "local-dev-1".into(),
    };
    let listener = std::net::TcpListener::bind(format!("127.0.0.1:{port}"))?;
    let provider = LocalProvider::start_on(listener, oidc).await;
    provider.ask_for_consent();
    println!("local OAuth provider at {}", provider.base_url());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
