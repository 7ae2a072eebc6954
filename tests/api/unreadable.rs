//! An item nothing can read (written past the API's checks: a workspace name with a
//! control character, as `infra/local.py seed-workspace` once wrote it) answers with an
//! error that names it, once it is read on its own; a list leaves it out and serves the
//! rest. Seeding goes through the provisioning API's own checks.

use std::process::Command;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;

use crate::helpers::{aws_endpoint, captured_logs, Endpoint, TestApp, User};

const HOST: &str = "arn:aws:iam::123456789012:role/host-product";

impl TestApp {
    /// Sets one string attribute of an item, past every check (as a bad seed did).
    async fn overwrite(&self, pk: &str, sk: &str, name: &str, value: &str) {
        self.dynamo
            .update_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(pk.into()))
            .key("sk", AttributeValue::S(sk.into()))
            .update_expression("SET #name = :value")
            .expression_attribute_names("#name", name)
            .expression_attribute_values(":value", AttributeValue::S(value.into()))
            .send()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_workspace_name_nothing_can_read_is_an_error_naming_the_item_and_its_field() {
    let app = TestApp::spawn().await;
    let pk = format!("WS#{}", app.workspace.as_str());
    app.overwrite(&pk, "META", "name", "Acme\u{7}Social").await;

    let client = User::new("client");
    let reply = app
        .invite(&app.owner, json!({ "email": client.email }))
        .await;
    reply.assert_problem(500, "unreadable-item");
    let detail = reply.body["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!("the item {pk} / META (its field `name`)")),
        "{detail}"
    );
    assert!(!detail.contains("Acme"), "never the value: {detail}");
    let logged = captured_logs();
    assert!(
        logged
            .lines()
            .any(|line| line.contains("an item in the table is unreadable")
                && line.contains(&pk)
                && line.contains(r#""field":"name""#)),
        "one log line names the item and field"
    );

    // The host repairs it the way it writes it: the provisioning API.
    app.request(Endpoint::ProvisionWorkspace)
        .param("workspace_id", app.workspace.as_str())
        .by_iam_principal(HOST)
        .json(&json!({ "name": "Acme Social", "plan": "team", "seats": 10 }))
        .send()
        .await
        .assert_ok(200);
    app.invite(&app.owner, json!({ "email": client.email }))
        .await
        .assert_ok(201);
}

#[tokio::test]
async fn a_list_leaves_out_an_item_it_cannot_read_and_serves_the_others() {
    let app = TestApp::spawn().await;
    let (first, second) = (User::new("first"), User::new("second"));
    for person in [&first, &second] {
        app.invite(&app.owner, json!({ "email": person.email }))
            .await
            .assert_ok(201);
    }
    let pk = format!("WS#{}", app.workspace.as_str());
    let damaged = app
        .all_table_items()
        .await
        .into_iter()
        .find(|item| {
            item["pk"].as_s().unwrap() == &pk
                && item["sk"].as_s().unwrap().starts_with("INVITE#")
                && item["email"].as_s().unwrap() == &second.email
        })
        .unwrap();
    let sk = damaged["sk"].as_s().unwrap().clone();
    app.overwrite(&pk, &sk, "email", "not an address").await;

    let listed = app.list(&app.owner, &[]).await;
    let listed = listed.assert_ok(200);
    let emails: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|invitation| invitation["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, [first.email.as_str()], "{listed:#}");
    assert!(
        captured_logs()
            .lines()
            .any(|line| line.contains("left out of a list")
                && line.contains(&sk)
                && line.contains("`email`")),
        "the log names what was left out"
    );
}

/// `infra/local.py seed-workspace`, as the README runs it, against this test's table.
fn seed(table: &str, id: &str, name: &str) -> std::process::Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let venv = format!("{root}/.venv/bin/python");
    let python = if std::path::Path::new(&venv).exists() {
        venv
    } else {
        "python3".to_owned()
    };
    Command::new(python)
        .current_dir(root)
        .args([
            "infra/local.py",
            "seed-workspace",
            "--id",
            id,
            "--name",
            name,
        ])
        .args(["--owner-sub", "owner-1", "--owner-email", "owner@acme.test"])
        .env("TABLE_NAME", table)
        .env("AWS_ENDPOINT_URL", aws_endpoint())
        .output()
        .expect("local.py runs")
}

#[tokio::test]
async fn seeding_a_workspace_refuses_what_the_provisioning_api_refuses() {
    let app = TestApp::spawn().await;
    let id = format!("ws-{}", uuid::Uuid::new_v4().simple());

    let refused = seed(&app.table, &id, "Acme\u{7}Social");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{said}");
    assert!(said.contains("control characters"), "{said}");
    // …as the provisioning API refuses it.
    app.request(Endpoint::ProvisionWorkspace)
        .param("workspace_id", &id)
        .by_iam_principal(HOST)
        .json(&json!({ "name": "Acme\u{7}Social", "plan": "team", "seats": 5 }))
        .send()
        .await
        .assert_problem(422, "invalid-body");
    let workspace = id.parse().unwrap();
    assert!(app
        .state
        .store
        .workspace(&workspace)
        .await
        .unwrap()
        .is_none());

    let seeded = seed(&app.table, &id, "Acme Social");
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let record = app
        .state
        .store
        .workspace(&workspace)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.workspace.name.to_string(), "Acme Social");
    let owner = app
        .state
        .store
        .member(&workspace, &"owner-1".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(owner.email.as_str(), "owner@acme.test");
}
