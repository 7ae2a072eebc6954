//! `migrate [--apply]`: turns the table of the one-person-per-client model into clients
//! as brands (see `clientconnect::service::migrate`). Without `--apply` it reports what
//! it would do and writes nothing. AWS settings come from the standard chain
//! (`AWS_PROFILE`, `AWS_REGION`, or `AWS_ENDPOINT_URL` for local AWS); `TABLE_NAME` names
//! the table and `TOKEN_KEY_SECRET_ID` the token key's secret.

use std::process::ExitCode;

use clientconnect::aws::{Aws, AwsClients};
use clientconnect::net::Http;
use clientconnect::secrets::Secrets;
use clientconnect::service::migrate;
use clientconnect::store::Store;

const DEFAULT_KEY_SECRET: &str = "clientconnect/token-encryption-key";

#[tokio::main]
async fn main() -> ExitCode {
    clientconnect::telemetry::init();
    let apply = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => false,
        [flag] if flag == "--apply" => true,
        _ => {
            eprintln!("usage: migrate [--apply]   (a dry run without --apply)");
            return ExitCode::from(64);
        }
    };
    let Ok(table) = std::env::var("TABLE_NAME") else {
        eprintln!("migrate: set TABLE_NAME to the stack's table");
        return ExitCode::from(64);
    };
    let key_secret =
        std::env::var("TOKEN_KEY_SECRET_ID").unwrap_or_else(|_| DEFAULT_KEY_SECRET.to_owned());
    let clients = AwsClients::new(&Aws::from_standard_chain(Http::default()).await);
    let store = Store::new(clients.dynamodb, &table);
    let secrets = Secrets::new(clients.secrets_manager, "", &key_secret);
    let outcome = async {
        let key = secrets.sealing_key().await?;
        migrate::clients_as_brands(&store, key, time::OffsetDateTime::now_utc(), apply).await
    }
    .await;
    match outcome {
        Ok(report) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
            if report.unreadable.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(error) => {
            eprintln!("migrate: {error}");
            ExitCode::FAILURE
        }
    }
}
