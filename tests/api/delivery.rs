//! When SES refuses an email, the invitation stays and a resend delivers it; whatever SES
//! reports of an email, a resend waits the cooldown from when it went out.

use serde_json::json;

use crate::events::ses_event;
use crate::helpers::{Endpoint, TestApp, User};

#[tokio::test]
async fn an_invitation_ses_refused_is_kept_and_a_later_resend_delivers_it() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let misconfigured = app
        .state_with_sender("unverified-sender@clientconnect.test")
        .await;
    let bearer = app.token_for(&app.owner);

    let refused = app
        .request(Endpoint::CreateInvite)
        .on(misconfigured)
        .in_workspace(&app.workspace)
        .json(&json!({ "email": client.email }))
        .bearer(&bearer)
        .send()
        .await;

    refused.assert_problem(502, "email-delivery-failed");
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("(the email service rejected the message or the address)")
            || detail.contains("(the sender address is not verified for sending)"),
        "a fixed reason: {detail}"
    );
    assert!(
        !detail.contains("unverified-sender"),
        "nothing of SES's own text: {detail}"
    );
    assert!(
        crate::helpers::captured_logs().contains("unverified-sender"),
        "SES's text is in the log"
    );
    let id = refused.body["invitation_id"].as_str().unwrap().to_owned();
    assert!(app.emails_to(&client.email).await.is_empty());
    let listed = app.list(&app.owner, &[]).await;
    let kept = &listed.assert_ok(200)["items"][0];
    assert_eq!(
        (
            kept["id"].as_str().unwrap(),
            kept["delivery"].as_str().unwrap()
        ),
        (id.as_str(), "failed")
    );

    let resent = app.resend(&app.owner, &id).await;
    assert_eq!(resent.assert_ok(200)["delivery"], "sent");
    let link_token = app.latest_link_token(&client.email).await;
    app.accept(&client, &link_token).await.assert_ok(200);
}

/// Issue 21, finding 1: SES's report that an email was delivered (or bounced) ended the
/// resend cooldown, which applied only while the delivery state was `sent`.
#[tokio::test]
async fn a_delivered_or_bounced_invitation_still_waits_the_cooldown_from_its_email() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, _) = app.invite_and_read_link(&client).await;
    let ws = app.workspace.as_str();
    let emailed = app.emailed(&id, &client.email).await;
    let delivered = app.feedback(ses_event("Delivery", ws, &id, &emailed)).await;
    assert_eq!(delivered["delivery"], "delivered", "{delivered}");

    let early = app.resend(&app.owner, &id).await;

    early.assert_problem(429, "resend-too-soon");
    let wait = early.retry_after();
    assert!((290..=300).contains(&wait), "about five minutes: {wait}");
    assert_eq!(app.emails_to(&client.email).await.len(), 1);

    app.clock.advance(time::Duration::minutes(5));
    assert_eq!(
        app.resend(&app.owner, &id).await.assert_ok(200)["delivery"],
        "sent"
    );
    let resent = app.emailed(&id, &client.email).await;
    let bounced = app.feedback(ses_event("Bounce", ws, &id, &resent)).await;
    assert_eq!(bounced["delivery"], "bounced", "{bounced}");
    app.resend(&app.owner, &id)
        .await
        .assert_problem(429, "resend-too-soon");
    assert_eq!(app.emails_to(&client.email).await.len(), 2);
}
