//! `migrate [--apply]`: turns the table of the one-person-per-client model into clients
//! as brands (see `clientconnect::service::migrate`). Without `--apply` it reports what
//! it would do and writes nothing. AWS settings come from the standard chain
//! (`AWS_PROFILE`, `AWS_REGION`, or `AWS_ENDPOINT_URL` for local AWS); `TABLE_NAME` names
//! the table and `TOKEN_KEY_SECRET_ID` the token key's secret.
//!
//! It shows done of total, rate and time left; Ctrl-C stops it after the item it is on
//! (every item is one conditional write), and running it again goes on: what is moved
//! is no longer of the old shape. Exit codes: 0 nothing left, 2 unreadable items
//! (listed), 3 items changed while it ran (run again), 130 stopped.

use std::process::ExitCode;

use clientconnect::aws::{Aws, AwsClients};
use clientconnect::net::Http;
use clientconnect::secrets::Secrets;
use clientconnect::service::migrate;
use clientconnect::store::Store;
use clientconnect_operator::{key_secret_id, stop_on_ctrl_c, table_name, Meter};

#[tokio::main]
async fn main() -> ExitCode {
    clientconnect_operator::init_logs();
    let apply = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => false,
        [flag] if flag == "--apply" => true,
        _ => {
            eprintln!("usage: migrate [--apply]   (a dry run without --apply)");
            return ExitCode::from(64);
        }
    };
    let table = match table_name() {
        Ok(table) => table,
        Err(why) => {
            eprintln!("migrate: {why}");
            return ExitCode::from(64);
        }
    };
    let clients = AwsClients::new(&Aws::from_standard_chain(Http::default()).await);
    let store = Store::new(clients.dynamodb, &table);
    let secrets = Secrets::new(clients.secrets_manager, "", &key_secret_id());
    let meter = Meter::new(if apply { "migrating" } else { "dry run" });
    stop_on_ctrl_c(&meter);
    let outcome = async {
        let key = secrets.sealing_key().await?;
        migrate::clients_as_brands_reporting(
            &store,
            key,
            time::OffsetDateTime::now_utc(),
            apply,
            meter.as_ref(),
        )
        .await
    }
    .await;
    meter.finish();
    match outcome {
        Ok(report) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
            if report.stopped {
                eprintln!("migrate: stopped; run the same command again to go on");
                ExitCode::from(130)
            } else if !report.unreadable.is_empty() {
                ExitCode::from(2)
            } else if !report.changed_meanwhile.is_empty() {
                eprintln!(
                    "migrate: {} item(s) changed while it ran and were left as they are: \
                     run it again to move them",
                    report.changed_meanwhile.len()
                );
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("migrate: {error}");
            ExitCode::FAILURE
        }
    }
}
