//! Faults of the deployment or of what it depends on: each is a clear error to the
//! caller (problem+json, its cause in the log) and nothing half-written. (SES refusing:
//! delivery.rs; the provider failing or slow: upkeep.rs; the issuer down: secrecy.rs.)

use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use serde_json::json;

use crate::helpers::{captured_logs, Endpoint, TestApp, User};
use crate::observed::CALLS_BEFORE_OUTAGE;

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

#[tokio::test]
async fn local_aws_stopping_at_any_call_of_an_invitation_leaves_nothing_that_blocks_inviting_that_person(
) {
    let app = TestApp::spawn().await;
    let mut cut_short = 0;
    for calls_allowed in 0..10 {
        let person = User::new(&format!("cut{calls_allowed}"));
        let body = json!({ "email": person.email });

        let reply = CALLS_BEFORE_OUTAGE
            .scope(
                Arc::new(AtomicUsize::new(calls_allowed)),
                app.invite(&app.owner, body.clone()),
            )
            .await;

        if reply.status == 201 {
            continue; // the outage came after the last call
        }
        cut_short += 1;
        assert!(
            reply.status >= 500,
            "after {calls_allowed} calls: {:?}",
            reply.body
        );
        assert_eq!(reply.content_type, "application/problem+json");
        // Local AWS is back: the agency gets the person invited, at once or by a resend.
        let again = app.invite(&app.owner, body).await;
        match again.status {
            201 => {}
            409 => {
                again.assert_problem(409, "invitation-already-pending");
                let id = again.body["invitation_id"].as_str().unwrap().to_owned();
                app.resend(&app.owner, &id).await.assert_ok(200);
            }
            other => panic!(
                "after {calls_allowed} calls, inviting again answered {other}: {:?}",
                again.body
            ),
        }
        assert!(
            !app.emails_to(&person.email).await.is_empty(),
            "after {calls_allowed} calls: an email went out"
        );
    }
    assert!(
        cut_short >= 4,
        "the outage hit every call of the invitation"
    );
}
