//! Faults of the deployment or of what it depends on: each is a clear error to the
//! caller (problem+json, its cause in the log) and nothing half-written. (SES refusing:
//! delivery.rs; the provider failing or slow: upkeep.rs; the issuer down: secrecy.rs.)

use std::sync::Arc;

use serde_json::json;

use crate::helpers::{captured_logs, Endpoint, TestApp};

#[tokio::test]
async fn a_missing_token_key_secret_refuses_a_connect_clearly_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["youtube"])).await;
    let misconfigured = app
        .container_with(|config| {
            config.oauth.sealing_key_secret_id = "clientconnect/no-such-secret".into()
        })
        .await;
    let before = app.snapshot().await;

    let started = app
        .call_on(
            Arc::clone(&misconfigured),
            Endpoint::ConnectStart,
            &[
                ("workspace_id", app.workspace.as_str()),
                ("platform", "youtube"),
            ],
            &[],
            None,
            Some(&app.token_for(&client)),
        )
        .await;

    started.assert_problem(500, "internal");
    assert_eq!(
        app.snapshot().await,
        before,
        "no connect was left half-started"
    );
    assert!(
        captured_logs().contains("clientconnect/no-such-secret"),
        "the log names the missing secret"
    );
}
