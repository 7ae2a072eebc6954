//! Expiry, resend, revoke, single use, removal and races.

use futures::future::join_all;
use serde_json::json;

use crate::helpers::{TestApp, User};
use crate::observed::{
    answering_as_it_was, batch_as_it_is, diversions_left, next_batch_read_by, DIVERTED,
};

#[tokio::test]
async fn an_expired_invitation_that_ttl_has_not_deleted_is_refused() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;
    app.age_past_expiry(&id).await;

    app.preview(&link_token)
        .await
        .assert_problem(410, "invitation-expired");
    app.accept(&client, &link_token)
        .await
        .assert_problem(410, "invitation-expired");

    let listed = app.list(&app.owner, &[("status", "expired")]).await;
    assert_eq!(listed.assert_ok(200)["items"][0]["id"], id.as_str());
    assert!(app.client_memberships(&client).await.is_empty());
}

#[tokio::test]
async fn resending_kills_the_old_link_and_the_new_one_works() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, old_token) = app.invite_and_read_link(&client).await;
    app.age_past_expiry(&id).await;

    let resent = app.resend(&app.owner, &id).await;
    assert_eq!(
        resent.assert_ok(200)["status"],
        "invited",
        "the expiry restarted"
    );
    let new_token = app.latest_link_token(&client.email).await;
    assert_ne!(new_token, old_token);
    assert_eq!(app.emails_to(&client.email).await.len(), 2);

    app.preview(&old_token)
        .await
        .assert_problem(404, "invite-link-not-found");
    app.accept(&client, &old_token)
        .await
        .assert_problem(404, "invite-link-not-found");
    app.accept(&client, &new_token).await.assert_ok(200);
}

#[tokio::test]
async fn a_revoked_invitation_cannot_be_accepted() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;

    assert_eq!(
        app.revoke(&app.owner, &id).await.assert_ok(200)["status"],
        "revoked"
    );

    app.accept(&client, &link_token)
        .await
        .assert_problem(410, "invitation-revoked");
    app.revoke(&app.owner, &id)
        .await
        .assert_problem(410, "invitation-revoked");
    app.resend(&app.owner, &id)
        .await
        .assert_problem(410, "invitation-revoked");
    assert!(app.client_memberships(&client).await.is_empty());
    // The email is free again: a new invitation may be sent.
    app.invite(&app.owner, json!({ "email": client.email }))
        .await
        .assert_ok(201);
}

#[tokio::test]
async fn accepting_twice_fails_the_second_time() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;

    app.accept(&client, &link_token).await.assert_ok(200);
    app.accept(&client, &link_token)
        .await
        .assert_problem(409, "invitation-already-accepted");
    app.revoke(&app.owner, &id)
        .await
        .assert_problem(409, "invitation-already-accepted");
    assert_eq!(app.client_memberships(&client).await.len(), 1);
}

/// The race of two accepts driven on purpose: the second reads the invitation as it was
/// before the first wrote, so its write is refused and it reads again to say why.
#[tokio::test]
async fn an_accept_that_read_the_invitation_before_another_accept_wrote_says_it_was_accepted() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;
    let pk = format!("WS#{}", app.workspace.as_str());
    let as_it_was = batch_as_it_is(&app.table, &pk, &[format!("INVITE#{id}"), "META".into()]).await;
    let stale = answering_as_it_was(&as_it_was).await;

    app.accept(&client, &link_token).await.assert_ok(200);
    let invitation_read_as_it_was = next_batch_read_by(app.table.clone(), &stale);
    let second = DIVERTED
        .scope(invitation_read_as_it_was, async {
            let reply = app.accept(&client, &link_token).await;
            assert_eq!(
                diversions_left(),
                0,
                "the accept read the invitation as it was"
            );
            reply
        })
        .await;

    second.assert_problem(409, "invitation-already-accepted");
    assert_eq!(app.client_memberships(&client).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_accepts_make_exactly_one_membership() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (_, link_token) = app.invite_and_read_link(&client).await;
    let bearer = app.token_for(&client);

    let replies = join_all((0..20).map(|_| app.accept_with(&bearer, &link_token))).await;

    let successes = replies.iter().filter(|reply| reply.status == 200).count();
    assert_eq!(successes, 1, "{replies:#?}");
    for reply in replies.iter().filter(|reply| reply.status != 200) {
        assert!(
            ["invitation-already-accepted", "concurrent-change"].contains(&reply.problem_type()),
            "{reply:#?}"
        );
    }
    assert_eq!(app.client_memberships(&client).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_revoke_racing_an_accept_ends_in_one_consistent_state() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;

    let (revoked, accepted) = tokio::join!(
        app.revoke(&app.owner, &id),
        app.accept(&client, &link_token)
    );

    let listed = app.list(&app.owner, &[]).await;
    let status = listed.assert_ok(200)["items"][0]["status"].clone();
    let members = app.client_memberships(&client).await.len();
    match (revoked.status, accepted.status) {
        (200, 200) => panic!("both won: {revoked:?} {accepted:?}"),
        (200, _) => assert_eq!((status.as_str().unwrap(), members), ("revoked", 0)),
        (_, 200) => assert_eq!((status.as_str().unwrap(), members), ("active", 1)),
        _ => panic!("neither won: {revoked:?} {accepted:?}"),
    }
}

#[tokio::test]
async fn only_the_invited_person_with_a_verified_email_can_accept() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (_, link_token) = app.invite_and_read_link(&client).await;

    let stranger = User::new("stranger");
    app.accept(&stranger, &link_token)
        .await
        .assert_problem(403, "email-mismatch");

    let mut unverified = app.claims(&client);
    unverified["email_verified"] = json!(false);
    let bearer = app.sign(
        unverified,
        include_str!("../../infra/local-issuer/dev-signing-key.pem"),
    );
    app.accept_with(&bearer, &link_token)
        .await
        .assert_problem(403, "email-not-verified");

    assert!(app.client_memberships(&client).await.is_empty());
    assert!(app.client_memberships(&stranger).await.is_empty());
    app.accept(&client, &link_token).await.assert_ok(200);
}

#[tokio::test]
async fn deleting_a_client_deactivates_its_person_at_once() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let invited = app
        .invite(&app.owner, json!({ "email": client.email }))
        .await
        .assert_ok(201)
        .clone();
    let client_id = invited["client_id"].as_str().unwrap().to_owned();
    let link_token = app.latest_link_token(&client.email).await;
    app.accept(&client, &link_token).await.assert_ok(200);

    let deleted = app.remove(&app.owner, &client_id).await;

    let deleted = deleted.assert_ok(200);
    assert_eq!(deleted["state"], "deleted");
    assert_eq!(deleted["people"][0]["status"], "deactivated");
    let membership = &app.client_memberships(&client).await[0];
    assert_eq!(membership["status"].as_s().unwrap(), "deactivated");
    app.remove(&app.owner, &client_id)
        .await
        .assert_problem(410, "client-removed");
    app.accept(&client, &link_token)
        .await
        .assert_problem(410, "client-removed");
}

#[tokio::test]
async fn a_resend_moments_after_the_email_waits_for_the_cooldown_and_says_how_long() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, _) = app.invite_and_read_link(&client).await;

    let early = app.resend(&app.owner, &id).await;

    early.assert_problem(429, "resend-too-soon");
    let wait = early.retry_after();
    assert!((290..=300).contains(&wait), "about five minutes: {wait}");
    assert_eq!(
        app.emails_to(&client.email).await.len(),
        1,
        "nothing more was sent"
    );
    app.clock.advance(time::Duration::minutes(5));
    app.resend(&app.owner, &id).await.assert_ok(200);
    assert_eq!(app.emails_to(&client.email).await.len(), 2);
}

#[tokio::test]
async fn a_workspace_past_its_daily_invitations_is_told_when_it_may_send_again() {
    let app = TestApp::spawn_with(crate::helpers::Setup {
        limits: clientconnect::config::Limits {
            invitations_per_day: 2,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    for label in ["first", "second"] {
        app.invite(&app.owner, json!({ "email": User::new(label).email }))
            .await
            .assert_ok(201);
    }
    let third = User::new("third");

    let refused = app
        .invite(&app.owner, json!({ "email": third.email }))
        .await;

    refused.assert_problem(429, "invitation-quota-reached");
    let wait = refused.retry_after();
    assert!((1..=86_400).contains(&wait), "until midnight UTC: {wait}");
    assert!(app.emails_to(&third.email).await.is_empty());
    assert_eq!(
        app.list(&app.owner, &[]).await.assert_ok(200)["items"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "no third invitation"
    );
    app.clock.advance(time::Duration::seconds(wait));
    app.invite(&app.owner, json!({ "email": third.email }))
        .await
        .assert_ok(201);
}
