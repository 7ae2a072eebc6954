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
        .request(Endpoint::ConnectStart)
        .on(Arc::clone(&misconfigured))
        .in_workspace(&app.workspace)
        .param("platform", "youtube")
        .by(&client)
        .send()
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

/// Runs `step(n)` for n = 0, 1, 2, … until its call under an outage after `n` AWS calls
/// gets through. `step` sets up, makes that call inside `outage(n, …)`, and when it was
/// cut short, checks that AWS being back lets the intended end be reached; it returns
/// the reply and the status of success. Each cut reply must be problem+json. The number
/// of cuts.
async fn at_every_outage<S, SF>(mut step: S) -> usize
where
    S: FnMut(usize) -> SF,
    SF: std::future::Future<Output = (crate::helpers::Reply, u16)>,
{
    for calls_allowed in 0..20 {
        let (reply, success) = step(calls_allowed).await;
        if reply.status == success {
            return calls_allowed;
        }
        assert!(
            reply.status >= 500,
            "after {calls_allowed} calls: {:?}",
            reply.body
        );
        assert_eq!(reply.content_type, "application/problem+json");
    }
    panic!("never got through");
}

/// `call` with local AWS stopping after `calls_allowed` calls.
async fn outage<F: std::future::Future>(calls_allowed: usize, call: F) -> F::Output {
    CALLS_BEFORE_OUTAGE
        .scope(Arc::new(AtomicUsize::new(calls_allowed)), call)
        .await
}

#[tokio::test]
async fn local_aws_stopping_during_an_accept_or_a_resend_leaves_the_person_able_to_join() {
    let app = TestApp::spawn().await;

    // Accept: one transaction, so after the outage the same link still works.
    let cuts = at_every_outage(|n| {
        let app = &app;
        async move {
            let person = User::new(&format!("accepting{n}"));
            let (_, token) = app.invite_and_read_link(&person).await;
            let reply = outage(n, app.accept(&person, &token)).await;
            if reply.status >= 500 {
                app.accept(&person, &token).await.assert_ok(200);
                assert_eq!(app.client_memberships(&person).await.len(), 1);
            }
            (reply, 200)
        }
    })
    .await;
    assert!(cuts >= 2, "the outage hit the accept's calls");

    // Resend: the link may have been replaced without its email; the agency resends
    // again and the newest link works.
    let cuts = at_every_outage(|n| {
        let app = &app;
        async move {
            let person = User::new(&format!("resent{n}"));
            let (id, _) = app.invite_and_read_link(&person).await;
            app.clock.advance(time::Duration::minutes(6));
            let reply = outage(n, app.resend(&app.owner, &id)).await;
            if reply.status >= 500 {
                app.clock.advance(time::Duration::minutes(6));
                app.resend(&app.owner, &id).await.assert_ok(200);
                let token = app.latest_link_token(&person.email).await;
                app.accept(&person, &token).await.assert_ok(200);
            }
            (reply, 200)
        }
    })
    .await;
    assert!(cuts >= 3, "the outage hit the resend's calls");
}

#[tokio::test]
async fn local_aws_stopping_while_a_client_is_deleted_with_disconnect_is_finished_by_deleting_again(
) {
    let app = TestApp::spawn().await;
    let cuts = at_every_outage(|n| {
        let app = &app;
        async move {
            let (client, client_id) = app.client_allowed(json!(["youtube", "x"])).await;
            for platform in ["youtube", "x"] {
                app.provider
                    .sign_in_as(platform, &format!("{platform}-{n}"), "brand");
                assert_eq!(app.connect(&client, platform).await.result(), "connected");
            }
            let delete = || app.remove_client(&client_id, "disconnect");
            let reply = outage(n, delete()).await;
            if reply.status >= 500 {
                delete().await.assert_ok(200);
            }
            let left = app
                .stored_connections()
                .await
                .into_iter()
                .filter(|stored| stored.connection.owner_key == format!("client:{client_id}"))
                .count();
            assert_eq!(left, 0, "after {n} calls: deleting again finished the job");
            (reply, 200)
        }
    })
    .await;
    assert!(cuts >= 3, "the outage hit the deletion's calls");
}
