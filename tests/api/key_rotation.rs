//! Rotating the token key: a key ring of two (the new key seals, either opens), the
//! operator's re-seal of every stored secret under the new key (stoppable, resumable,
//! idempotent, each write conditioned on what it read), the `operator` commands as the
//! README runs them, and the secret kept like the table.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::operation::scan::ScanInput;
use aws_sdk_dynamodb::types::AttributeValue;
use clientconnect::crypto::{KeySecret, SealingKey};
use clientconnect::progress::{Progress, Silent};
use clientconnect::service::reseal::{reseal, ResealReport};
use clientconnect::service::tokens::{open_tokens, seal_tokens};
use serde_json::{json, Value};

use crate::helpers::{aws_endpoint, sdk_config, Endpoint, TestApp};
use crate::observed::{answering_as_it_was, diversions_left, Divert, DIVERTED};

/// Stops after `pages` pages; counts what it was told.
struct StopAfter {
    pages: u64,
    advanced: AtomicU64,
    total: AtomicU64,
}

impl StopAfter {
    fn pages(pages: u64) -> Self {
        Self {
            pages,
            advanced: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }
    }
}

impl Progress for StopAfter {
    fn total(&self, total: u64) {
        self.total.store(total, Ordering::SeqCst);
    }
    fn advance(&self, _n: u64) {
        self.advanced.fetch_add(1, Ordering::SeqCst);
    }
    fn resumed(&self, _done: u64) {}
    fn stop_asked(&self) -> bool {
        self.advanced.load(Ordering::SeqCst) >= self.pages
    }
}

fn secrets(sdk: &aws_config::SdkConfig) -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(sdk)
}

impl TestApp {
    /// Writes a connection's sealed tokens as they are given, past every use case.
    async fn write_sealed_tokens(&self, connection_id: &str, sealed: String) {
        self.dynamo
            .update_item()
            .table_name(&self.table)
            .key(
                "pk",
                AttributeValue::S(format!("WS#{}", self.workspace.as_str())),
            )
            .key("sk", AttributeValue::S(format!("CONN#{connection_id}")))
            .update_expression("SET sealed_tokens = :sealed")
            .expression_attribute_values(":sealed", AttributeValue::S(sealed))
            .send()
            .await
            .unwrap();
    }

    /// The deployment's key secret as stored (a plain key, locally).
    async fn key_secret(&self) -> KeySecret {
        let raw = secrets(&sdk_config().await)
            .get_secret_value()
            .secret_id(&self.state.config.oauth.sealing_key_secret_id)
            .send()
            .await
            .unwrap()
            .secret_string
            .unwrap();
        KeySecret::parse(&raw).unwrap()
    }

    /// A secret of this test's own holding `value`: its id.
    async fn own_secret(&self, value: &str) -> String {
        let id = format!("test-key-{}", uuid::Uuid::new_v4().simple());
        secrets(&sdk_config().await)
            .create_secret()
            .name(&id)
            .secret_string(value)
            .send()
            .await
            .unwrap();
        id
    }

    /// Every sealed value of this app's table, by key and attribute.
    async fn sealed_values(&self) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for item in self.all_table_items().await {
            for attribute in [
                "sealed_tokens",
                "sealed_token",
                "sealed_grant",
                "sealed_pkce_verifier",
            ] {
                if let Some(value) = item.get(attribute).and_then(|v| v.as_s().ok()) {
                    let at = format!(
                        "{} / {} {attribute}",
                        item["pk"].as_s().unwrap(),
                        item["sk"].as_s().unwrap()
                    );
                    found.push((at, value.clone()));
                }
            }
        }
        found.sort();
        found
    }
}

#[tokio::test]
async fn after_a_rotation_the_reseal_moves_every_stored_secret_to_the_new_key_and_each_key_still_opens(
) {
    let app = TestApp::with_own_table().await;
    let (_, first) = app.connected("x", "rotation-x").await;
    let (_, second) = app.connected("youtube", "rotation-yt").await;
    let link = app
        .invite_link_call(
            Endpoint::UpdateInviteLink,
            Some(json!({ "enabled": true, "platforms": ["x"], "permissions": { "view_analytics": true } })),
        )
        .await;
    let link = link.assert_ok(200).clone();
    let old = app.key_secret().await;
    let old_key = SealingKey::from_key_secret(&old).unwrap();

    // One value from before key ids: the same bytes without their key id.
    let store = &app.state.store;
    let stored = store
        .connection(&app.workspace, &second.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let (id, legacy) = stored.sealed_tokens.split_once(':').unwrap();
    assert_eq!(id, old.current.id, "every new ciphertext names its key");
    app.write_sealed_tokens(&second, legacy.into()).await;
    app.issue_token(Arc::clone(&app.state), &second)
        .await
        .assert_ok(200);

    // The rotation: a new current key, the old one still opening.
    let rotated = old
        .rotated(&KeySecret::generate_key(), Some("k-next"), 1)
        .unwrap();
    let ring = SealingKey::from_key_secret(&rotated).unwrap();
    let secret = app.own_secret(&rotated.to_json()).await;
    let after = app
        .container_with(|config| config.oauth.sealing_key_secret_id = secret.clone())
        .await;
    // A container of the new ring reads what the old key sealed, before any re-seal.
    app.issue_token(Arc::clone(&after), &first)
        .await
        .assert_ok(200);
    let before = app.sealed_values().await;
    assert!(before.len() >= 3, "{before:?}");

    // Stopped after one page of two items, then resumed from where it stopped.
    let stopping = StopAfter::pages(1);
    let mut saved = None;
    let stopped = reseal(
        store,
        &ring,
        None,
        ResealReport::default(),
        true,
        2,
        &stopping,
        |report| saved = Some(report.clone()),
    )
    .await
    .unwrap();
    assert!(!stopped.finished && stopped.next.is_some(), "{stopped:?}");
    assert_eq!(saved.as_ref(), Some(&stopped), "saved after its one page");
    assert!(
        stopping.total.load(Ordering::SeqCst) > 0,
        "a total to measure against"
    );
    let resumed = reseal(
        store,
        &ring,
        stopped.next.clone(),
        stopped.clone(),
        true,
        2,
        &Silent,
        |_| {},
    )
    .await
    .unwrap();
    assert!(resumed.finished, "{resumed:?}");
    assert_eq!(resumed.resealed as usize, before.len(), "{resumed:?}");
    assert!(resumed.unopenable.is_empty(), "{resumed:?}");
    for (at, value) in app.sealed_values().await {
        assert_eq!(SealingKey::key_id(&value), Some("k-next"), "{at}");
    }

    // Idempotent: nothing left to do, and a check finds nothing under the old key.
    let again = reseal_all(store, &ring).await;
    assert_eq!((again.resealed, again.current), (0, before.len() as u64));

    // The new ring serves everything; the old ring alone no longer opens it.
    for connection in [&first, &second] {
        app.issue_token(Arc::clone(&after), connection)
            .await
            .assert_ok(200);
    }
    let shown = app
        .by_owner(Endpoint::GetInviteLink)
        .on(Arc::clone(&after))
        .send()
        .await;
    assert_eq!(shown.assert_ok(200)["url"], link["url"], "the same link");
    let moved = store
        .connection(&app.workspace, &first.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(open_tokens(&old_key, &moved).is_err());
    assert!(open_tokens(&ring, &moved).is_ok());
    app.drop_table().await;
}

/// The re-seal's race, driven on purpose: its scan reads a connection (answered as the
/// item was), then a renewal writes new tokens before the re-seal's write. The renewed
/// tokens are kept (the write is refused and counted); the next run re-seals them.
#[tokio::test]
async fn a_reseal_never_overwrites_tokens_renewed_after_it_read_them() {
    let app = TestApp::with_own_table().await;
    let (_, connection) = app.connected("x", "reseal-race").await;
    let old = app.key_secret().await;
    let old_key = SealingKey::from_key_secret(&old).unwrap();
    let ring = SealingKey::from_key_secret(
        &old.rotated(&KeySecret::generate_key(), Some("k-race"), 1)
            .unwrap(),
    )
    .unwrap();
    let as_read = app.wire_item(&connection).await["Item"].clone();

    let store = &app.state.store;
    let mut stored = store
        .connection(&app.workspace, &connection.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut tokens = open_tokens(&old_key, &stored).unwrap();
    tokens.access_token = "renewed-meanwhile".into();
    stored.sealed_tokens = seal_tokens(&old_key, &stored.connection, &tokens).unwrap();
    app.write_sealed_tokens(&connection, stored.sealed_tokens.clone())
        .await;

    let stale =
        answering_as_it_was(&json!({ "Items": [as_read], "Count": 1, "ScannedCount": 1 })).await;
    let table = app.table.clone();
    let scan_answered_as_it_was = Arc::new(Mutex::new(vec![Divert {
        operation: "Scan",
        when: Box::new(move |input| {
            input
                .downcast_ref::<ScanInput>()
                .is_some_and(|scan| scan.table_name() == Some(table.as_str()))
        }),
        to: stale.uri(),
    }]));
    let report = DIVERTED
        .scope(scan_answered_as_it_was, async {
            let report = reseal_all(store, &ring).await;
            assert_eq!(diversions_left(), 0, "the scan read the item as it was");
            report
        })
        .await;
    assert_eq!(
        (report.resealed, report.changed_meanwhile),
        (0, 1),
        "{report:?}"
    );
    let now = store
        .connection(&app.workspace, &connection.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        now.sealed_tokens, stored.sealed_tokens,
        "the renewal stands"
    );

    let next = reseal_all(store, &ring).await;
    assert_eq!(next.resealed, 1, "{next:?}");
    let moved = store
        .connection(&app.workspace, &connection.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(SealingKey::key_id(&moved.sealed_tokens), Some("k-race"));
    assert_eq!(
        open_tokens(&ring, &moved).unwrap().access_token,
        "renewed-meanwhile"
    );
    app.drop_table().await;
}

/// `operator …` as the README runs it (cargo builds it), against this test's table and
/// key secret.
fn operator(table: &str, secret: &str, args: &[&str]) -> (bool, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let output = Command::new("cargo")
        .current_dir(root)
        .args([
            "run",
            "--quiet",
            "--locked",
            "-p",
            "clientconnect-operator",
            "--",
        ])
        .args(args)
        .env("TABLE_NAME", table)
        .env("TOKEN_KEY_SECRET_ID", secret)
        .env("AWS_ENDPOINT_URL", aws_endpoint())
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "local")
        .env("AWS_SECRET_ACCESS_KEY", "local")
        .output()
        .expect("cargo runs the operator");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_operator_rotates_reseals_and_retires_only_once_nothing_needs_the_old_key() {
    let app = TestApp::with_own_table().await;
    let (_, connection) = app.connected("x", "operator-x").await;
    // A secret of this test's own, holding the deployment's key as the stack made it.
    let plain = app.key_secret().await.current.key;
    let secret = app.own_secret(&plain).await;
    let run = |args: &'static [&'static str]| operator(&app.table, &secret, args);

    let (ok, shown, said) = run(&["key", "rotate", "--id", "k-op"]);
    assert!(ok, "{said}");
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["current"], "k-op");
    assert!(!shown.to_string().contains(&plain), "never a key");
    let (ok, _, said) = run(&["key", "retire"]);
    assert!(
        !ok && said.contains("some containers may still seal"),
        "{said}"
    );

    // Time passes (every container has read the new ring): the secret as it would be.
    let mut rotated = KeySecret::parse(&app.read_secret(&secret).await).unwrap();
    rotated.current.since = Some(rotated.current.since.unwrap() - 3_600);
    app.write_secret(&secret, &rotated.to_json()).await;
    let (ok, _, said) = run(&["key", "retire"]);
    assert!(!ok && said.contains("still under a previous key"), "{said}");

    // A re-seal that was stopped after reading 1,000 items goes on from its cursor.
    let cursor = std::env::temp_dir().join(format!("reseal-{}.json", app.table));
    let stopped = ResealReport {
        key: "k-op".into(),
        scanned: 1_000,
        ..ResealReport::default()
    };
    std::fs::write(
        &cursor,
        json!({ "table": app.table, "report": stopped }).to_string(),
    )
    .unwrap();
    let (ok, report, said) = operator(
        &app.table,
        &secret,
        &["reseal", "--cursor", cursor.to_str().unwrap()],
    );
    assert!(ok, "{said}");
    assert!(said.contains("going on from"), "{said}");
    assert!(said.contains("re-sealing: "), "progress shown: {said}");
    let report: ResealReport = serde_json::from_str(&report).unwrap();
    assert!(
        report.finished && report.resealed >= 1 && report.scanned > 1_000,
        "{report:?}"
    );
    assert!(!cursor.exists(), "a finished re-seal leaves no cursor");
    let (ok, report, _) = run(&["reseal", "--check"]);
    let report: ResealReport = serde_json::from_str(&report).unwrap();
    assert!(ok && report.resealed == 0, "{report:?}");

    let (ok, shown, said) = run(&["key", "retire"]);
    assert!(ok, "{said}");
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["previous"], json!([]));
    let retired = app
        .container_with(|config| config.oauth.sealing_key_secret_id = secret.clone())
        .await;
    app.issue_token(retired, &connection).await.assert_ok(200);
    app.drop_table().await;
}

impl TestApp {
    async fn read_secret(&self, id: &str) -> String {
        secrets(&sdk_config().await)
            .get_secret_value()
            .secret_id(id)
            .send()
            .await
            .unwrap()
            .secret_string
            .unwrap()
    }

    async fn write_secret(&self, id: &str, value: &str) {
        secrets(&sdk_config().await)
            .put_secret_value()
            .secret_id(id)
            .secret_string(value)
            .send()
            .await
            .unwrap();
    }
}

#[test]
fn the_key_secret_is_kept_like_the_table_when_the_stack_goes() {
    const TEMPLATE: &str = include_str!("../../template.yaml");
    // A resource's lines: those after its name, indented deeper than the next one's.
    let resource = |name: &str| -> String {
        let start = TEMPLATE
            .find(&format!("\n  {name}:\n"))
            .unwrap_or_else(|| panic!("{name} in template.yaml"));
        TEMPLATE[start + 1..]
            .lines()
            .skip(1)
            .take_while(|line| line.is_empty() || line.starts_with("    "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for name in ["Table", "TokenKeySecret"] {
        let block = resource(name);
        assert!(
            block.contains("DeletionPolicy: Retain")
                && block.contains("UpdateReplacePolicy: Retain"),
            "{name} is not kept: {block}"
        );
    }
}

/// One whole re-seal of the table under `ring`'s current key, silently.
async fn reseal_all(store: &clientconnect::store::Store, ring: &SealingKey) -> ResealReport {
    reseal(
        store,
        ring,
        None,
        ResealReport::default(),
        true,
        500,
        &Silent,
        |_| {},
    )
    .await
    .unwrap()
}
