//! `operator`: the operator's commands on a deployed (or the local) table. AWS settings
//! come from the standard chain (`AWS_PROFILE`, `AWS_REGION`, or `AWS_ENDPOINT_URL` for
//! local AWS); `TABLE_NAME` names the table and `TOKEN_KEY_SECRET_ID` the key's secret.
//! Each long command shows done of total, rate and time left; Ctrl-C stops it after the
//! item it is on, and the same command run again goes on.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clientconnect::aws::{Aws, Lazy};
use clientconnect::crypto::{KeySecret, SealingKey};
use clientconnect::domain::{DisplayName, EmailAddress, Role};
use clientconnect::net::Http;
use clientconnect::service::provisioning::{self, MemberSettings, WorkspaceSettings};
use clientconnect::service::reseal::{self, ResealReport};
use clientconnect::store::Store;
use clientconnect::AppState;
use clientconnect_operator::{key_secret_id, stop_on_ctrl_c, table_name, Meter};
use serde::{Deserialize, Serialize};

const USAGE: &str = "\
usage: operator <command>

  reseal [--check] [--cursor FILE] [--restart]
      Re-seals every stored secret (connections' tokens, invite links, pending choices,
      connects in progress) that is not under the current key, in the background of the
      running service: each write only if the value is still what was read. Saves where
      it is after every page to FILE (default reseal-<table>.json); run again to go on,
      --restart to start over. --check writes nothing and counts what is left.
  key show
      The key ring's ids (never a key) and since when the current key seals.
  key rotate [--id ID]
      A new random key becomes the current one; the old one still opens what it sealed.
  key retire
      Drops the previous keys, once every container reads the new ring and a full check
      finds nothing sealed under them (else it refuses and says why).
  finish-delete WORKSPACE
      Finishes deleting a workspace (what DELETE /internal/workspaces/{id} starts): its
      people deactivated, clients deleted, invite link ended, connections disconnected.
      Needs the delete-workspace function's environment (see the README).
  seed-workspace --id ID --name NAME --owner-sub SUB --owner-email EMAIL
                 [--owner-name NAME] [--plan team] [--seats 5] [--role owner]
      A workspace and its owner through the provisioning use cases: what the provisioning
      API refuses is refused. Needs the functions' environment (infra/local.env).

Exit codes: 0 done, 1 failed or refused, 2 done with items it could not handle (listed),
64 bad usage, 130 stopped by Ctrl-C (run again to go on).";

/// Who the operator's changes are recorded as (the audit trail's `by`).
fn operator_principal() -> String {
    std::env::var("OPERATOR_PRINCIPAL").unwrap_or_else(|_| "operator".to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    clientconnect_operator::init_logs();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match words.as_slice() {
        ["reseal", rest @ ..] => reseal_command(rest).await,
        ["key", "show"] => key_show().await,
        ["key", "rotate", rest @ ..] => key_rotate(rest).await,
        ["key", "retire"] => key_retire().await,
        ["finish-delete", workspace] => finish_delete(workspace).await,
        ["seed-workspace", rest @ ..] => seed_workspace(rest).await,
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(Failure::Usage(String::new())),
    };
    match outcome {
        Ok(code) => code,
        Err(Failure::Usage(why)) => {
            if !why.is_empty() {
                eprintln!("operator: {why}");
            }
            eprintln!("{USAGE}");
            ExitCode::from(64)
        }
        Err(Failure::Failed(why)) => {
            eprintln!("operator: {why}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Failed(String),
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure::Failed(error.to_string())
    }
}

/// `--name value` options of a command, each allowed once; flags without a value.
struct Options<'a> {
    values: Vec<(&'a str, &'a str)>,
    flags: Vec<&'a str>,
}

impl<'a> Options<'a> {
    fn parse(words: &[&'a str], valued: &[&str], flags: &[&str]) -> Result<Self, Failure> {
        let mut options = Options {
            values: Vec::new(),
            flags: Vec::new(),
        };
        let mut words = words.iter();
        while let Some(word) = words.next() {
            if valued.contains(word) {
                let value = words
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{word} needs a value")))?;
                options.values.push((word, value));
            } else if flags.contains(word) {
                options.flags.push(word);
            } else {
                return Err(Failure::Usage(format!("unknown option {word}")));
            }
        }
        Ok(options)
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|(given, _)| *given == name)
            .map(|(_, value)| *value)
    }

    fn required(&self, name: &str) -> Result<&'a str, Failure> {
        self.value(name)
            .ok_or_else(|| Failure::Usage(format!("{name} is required")))
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

/// AWS, with the key secret's client; the table's store when a command needs one.
struct Reach {
    aws: Arc<Aws>,
    secrets: Lazy<aws_sdk_secretsmanager::Client>,
}

impl Reach {
    fn store(&self, table: &str) -> Store {
        Store::new(Lazy::new(&self.aws), table)
    }
}

async fn clients() -> Reach {
    let aws = Aws::from_standard_chain(Http::default()).await;
    Reach {
        secrets: Lazy::new(&aws),
        aws,
    }
}

/// The key secret's value as stored, and its ring.
async fn read_key_secret(clients: &Reach, id: &str) -> Result<KeySecret, Failure> {
    let output = clients
        .secrets
        .get()
        .await
        .get_secret_value()
        .secret_id(id)
        .send()
        .await
        .map_err(|error| {
            Failure::Failed(format!(
                "reading secret {id} failed: {}",
                aws_sdk_secretsmanager::error::DisplayErrorContext(error)
            ))
        })?;
    let raw = output
        .secret_string
        .ok_or_else(|| Failure::Failed(format!("secret {id} has no string value")))?;
    KeySecret::parse(&raw).map_err(|error| Failure::Failed(format!("secret {id}: {error}")))
}

async fn write_key_secret(clients: &Reach, id: &str, secret: &KeySecret) -> Result<(), Failure> {
    clients
        .secrets
        .get()
        .await
        .put_secret_value()
        .secret_id(id)
        .secret_string(secret.to_json())
        .send()
        .await
        .map_err(|error| {
            Failure::Failed(format!(
                "writing secret {id} failed: {}",
                aws_sdk_secretsmanager::error::DisplayErrorContext(error)
            ))
        })?;
    Ok(())
}

/// What the ring is, without a key.
#[derive(Serialize)]
struct RingView<'a> {
    secret: &'a str,
    current: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_since: Option<String>,
    previous: Vec<&'a str>,
}

fn print_ring(id: &str, secret: &KeySecret) {
    let view = RingView {
        secret: id,
        current: &secret.current.id,
        current_since: secret.current.since.map(|since| {
            time::OffsetDateTime::from_unix_timestamp(since)
                .ok()
                .and_then(|at| {
                    at.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                })
                .unwrap_or_else(|| since.to_string())
        }),
        previous: secret.ids().into_iter().skip(1).collect(),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&view).unwrap_or_default()
    );
}

async fn key_show() -> Result<ExitCode, Failure> {
    let id = key_secret_id();
    let secret = read_key_secret(&clients().await, &id).await?;
    print_ring(&id, &secret);
    Ok(ExitCode::SUCCESS)
}

async fn key_rotate(words: &[&str]) -> Result<ExitCode, Failure> {
    let options = Options::parse(words, &["--id"], &[])?;
    let (clients, id) = (clients().await, key_secret_id());
    let secret = read_key_secret(&clients, &id).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let rotated = secret
        .rotated(&KeySecret::generate_key(), options.value("--id"), now)
        .map_err(|error| Failure::Failed(format!("the new key: {error}")))?;
    write_key_secret(&clients, &id, &rotated).await?;
    print_ring(&id, &rotated);
    eprintln!(
        "the new key seals in every container within {} min; then run `operator reseal`",
        clientconnect::secrets::KEY_REFRESH.as_secs().div_ceil(60)
    );
    Ok(ExitCode::SUCCESS)
}

/// How long after a rotation the previous keys may go: every container reads the new
/// ring within `KEY_REFRESH`, and a login cookie sealed just before lives ten minutes.
fn retire_after() -> i64 {
    let refresh = clientconnect::secrets::KEY_REFRESH.as_secs() as i64;
    refresh + clientconnect::service::sign_in::SIGN_IN_LIFETIME.whole_seconds()
}

async fn key_retire() -> Result<ExitCode, Failure> {
    let (clients, id) = (clients().await, key_secret_id());
    let secret = read_key_secret(&clients, &id).await?;
    if secret.previous.is_empty() {
        print_ring(&id, &secret);
        eprintln!("no previous key: nothing to retire");
        return Ok(ExitCode::SUCCESS);
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    match secret.current.since {
        Some(since) if now < since + retire_after() => {
            return Err(Failure::Failed(format!(
                "the current key has sealed for {} s only: some containers may still seal \
                 with the previous one. Retire it after {} s, once `operator reseal` has run \
                 since.",
                now - since,
                retire_after()
            )));
        }
        Some(_) => {}
        None => eprintln!(
            "the current key does not say since when it seals (a hand-written secret): \
             make sure it was written more than {} s ago",
            retire_after()
        ),
    }
    let table = table_name()?;
    let key = SealingKey::from_key_secret(&secret)?;
    let store = clients.store(&table);
    let meter = Meter::new("checking every sealed value");
    stop_on_ctrl_c(&meter);
    let report = reseal::reseal(
        &store,
        &key,
        None,
        ResealReport::default(),
        false,
        reseal::PAGE,
        meter.as_ref(),
        |_| {},
    )
    .await?;
    meter.finish();
    if !report.finished {
        eprintln!("stopped before the check was done: nothing retired");
        return Ok(ExitCode::from(130));
    }
    if report.resealed > 0 {
        return Err(Failure::Failed(format!(
            "{} sealed value(s) are still under a previous key: run `operator reseal` \
             (then retire again)",
            report.resealed
        )));
    }
    for why in &report.unopenable {
        eprintln!("not opened by any key (retiring changes nothing for it): {why}");
    }
    // The check above takes a while; a rotation meanwhile would be undone by writing back
    // the ring read before it, and what its new key sealed would never open again.
    if read_key_secret(&clients, &id).await? != secret {
        return Err(Failure::Failed(
            "the key secret changed while the table was checked (another rotation?):              nothing retired; run `operator key retire` again"
                .to_owned(),
        ));
    }
    let retired = secret.retired();
    write_key_secret(&clients, &id, &retired).await?;
    print_ring(&id, &retired);
    Ok(ExitCode::SUCCESS)
}

/// Where a re-seal goes on: saved after every page.
#[derive(Serialize, Deserialize)]
struct ResealCursor {
    table: String,
    report: ResealReport,
}

fn save(path: &PathBuf, cursor: &ResealCursor) -> std::io::Result<()> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, serde_json::to_vec_pretty(cursor)?)?;
    std::fs::rename(partial, path)
}

async fn reseal_command(words: &[&str]) -> Result<ExitCode, Failure> {
    let options = Options::parse(words, &["--cursor"], &["--check", "--restart"])?;
    let (check, restart) = (options.flag("--check"), options.flag("--restart"));
    let table = table_name()?;
    let clients = clients().await;
    let secret = read_key_secret(&clients, &key_secret_id()).await?;
    let key = SealingKey::from_key_secret(&secret)?;
    let store = clients.store(&table);
    let path = PathBuf::from(
        options
            .value("--cursor")
            .map_or_else(|| format!("reseal-{table}.json"), str::to_owned),
    );
    let mut so_far = ResealReport::default();
    if !check && !restart && path.exists() {
        let saved: ResealCursor = serde_json::from_slice(&std::fs::read(&path)?)
            .map_err(|error| format!("{}: {error} (--restart to start over)", path.display()))?;
        if saved.table != table {
            return Err(Failure::Failed(format!(
                "{} is a re-seal of table {}: give another --cursor, or --restart",
                path.display(),
                saved.table
            )));
        }
        if saved.report.key == key.current_id() {
            eprintln!(
                "going on from {} ({} items read before)",
                path.display(),
                saved.report.scanned
            );
            so_far = saved.report;
        } else {
            eprintln!(
                "the key rotated again since {}: starting over",
                path.display()
            );
        }
    }
    let from = so_far.next.clone();
    let meter = Meter::new(if check {
        "checking every sealed value"
    } else {
        "re-sealing"
    });
    stop_on_ctrl_c(&meter);
    let mut saving: Option<std::io::Error> = None;
    let report = reseal::reseal(
        &store,
        &key,
        from,
        so_far,
        !check,
        reseal::PAGE,
        meter.as_ref(),
        |report| {
            if !check && saving.is_none() {
                let cursor = ResealCursor {
                    table: table.clone(),
                    report: report.clone(),
                };
                saving = save(&path, &cursor).err();
            }
        },
    )
    .await?;
    meter.finish();
    if let Some(error) = saving {
        return Err(Failure::Failed(format!(
            "could not save where the re-seal is to {}: {error}",
            path.display()
        )));
    }
    println!("{}", serde_json::to_string_pretty(&report)?);
    if !report.finished {
        eprintln!(
            "stopped: run the same command again to go on from {}",
            path.display()
        );
        return Ok(ExitCode::from(130));
    }
    if !check && path.exists() {
        std::fs::remove_file(&path)?;
    }
    if report.changed_meanwhile > 0 {
        eprintln!(
            "{} value(s) changed while they were re-sealed (a renewal, say): run again to \
             check them",
            report.changed_meanwhile
        );
    }
    Ok(if report.unopenable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

async fn finish_delete(workspace: &str) -> Result<ExitCode, Failure> {
    let workspace = workspace.parse()?;
    let state = AppState::from_env()
        .await
        .map_err(|error| error.to_string())?;
    let meter = Meter::new(&format!("deleting workspace {workspace}"));
    stop_on_ctrl_c(&meter);
    let deletion = provisioning::delete_workspace_reporting(
        &state,
        &operator_principal(),
        &workspace,
        meter.as_ref(),
    )
    .await?;
    meter.finish();
    println!("{}", serde_json::to_string_pretty(&deletion.deleted)?);
    if deletion.stopped {
        eprintln!("stopped: run the same command again to finish");
        return Ok(ExitCode::from(130));
    }
    let failed = deletion
        .deleted
        .disconnected
        .iter()
        .filter(|disconnected| disconnected.failed.is_some())
        .count();
    if failed > 0 {
        eprintln!("{failed} connection(s) could not be removed just now: run again to retry");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

async fn seed_workspace(words: &[&str]) -> Result<ExitCode, Failure> {
    let options = Options::parse(
        words,
        &[
            "--id",
            "--name",
            "--plan",
            "--seats",
            "--owner-sub",
            "--owner-email",
            "--owner-name",
            "--role",
        ],
        &[],
    )?;
    // The provisioning API's path parameters and bodies, parsed as its handlers parse
    // them, then its use cases: whatever it refuses is refused here.
    let workspace = options
        .required("--id")?
        .parse()
        .map_err(|error| format!("--id: {error}"))?;
    let user = options
        .required("--owner-sub")?
        .parse()
        .map_err(|error| format!("--owner-sub: {error}"))?;
    let seats: u32 = options
        .value("--seats")
        .unwrap_or("5")
        .parse()
        .map_err(|_| "--seats: a whole number from 0".to_owned())?;
    let settings: WorkspaceSettings = serde_json::from_value(serde_json::json!({
        "name": options.required("--name")?,
        "plan": options.value("--plan").unwrap_or("team"),
        "seats": seats,
    }))
    .map_err(|error| format!("the workspace's settings: {error}"))?;
    let mut member = serde_json::json!({
        "email": options.required("--owner-email")?,
        "role": options.value("--role").unwrap_or("owner"),
    });
    if let Some(name) = options.value("--owner-name") {
        member["name"] = name.into();
    }
    let member: MemberSettings =
        serde_json::from_value(member).map_err(|error| format!("the owner: {error}"))?;
    // Checked before anything is written, with the parsers `put_member` checks with.
    EmailAddress::parse(&member.email).map_err(|error| format!("--owner-email: {error}"))?;
    if let Some(name) = &member.name {
        DisplayName::parse(name).map_err(|error| format!("--owner-name: {error}"))?;
    }
    if member.role == Role::Client {
        return Err(Failure::Failed(
            "--role: owner, admin or member (clients join through invitations)".into(),
        ));
    }
    let state = Arc::new(
        AppState::from_env()
            .await
            .map_err(|error| error.to_string())?,
    );
    let host = operator_principal();
    let seeded = provisioning::put_workspace(&state, &host, &workspace, settings).await?;
    let owner = provisioning::put_member(&state, &host, &workspace, &user, member).await?;
    let word = |value: serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    println!(
        "workspace {} ({}, {} seats) with {} {}",
        seeded.view.workspace_id,
        word(serde_json::to_value(seeded.view.plan)?),
        seeded.view.seats,
        word(serde_json::to_value(owner.view.role)?),
        owner.view.user_id
    );
    Ok(ExitCode::SUCCESS)
}
