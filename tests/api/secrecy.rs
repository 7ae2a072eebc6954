//! The raw link token lives only in the email: never in the table, logs or responses.

use crate::helpers::{captured_logs, TestApp, User};

#[tokio::test]
async fn the_raw_token_is_in_no_table_item_no_log_line_and_no_response() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;
    let preview = app.preview(&link_token).await;
    let accepted = app.accept(&client, &link_token).await;
    let listed = app.list(&app.owner, &[]).await;
    let resend_refused = app.resend(&app.owner, &id).await;

    let items = format!("{:?}", app.all_table_items().await);
    assert!(
        !items.contains(&link_token),
        "a table item holds the raw token"
    );
    assert!(items.contains(&id), "the scan did read this test's items");

    let logs = captured_logs();
    assert!(
        logs.contains(&id),
        "the log capture did record this test's requests"
    );
    assert!(
        !logs.contains(&link_token),
        "a log line holds the raw token"
    );
    assert!(
        !logs.contains("/invite?token="),
        "a log line holds a full link"
    );

    for reply in [&preview, &accepted, &listed, &resend_refused] {
        assert!(!reply.body.to_string().contains(&link_token));
    }
}

#[tokio::test]
async fn every_log_line_of_a_request_carries_its_lambda_request_id() {
    let app = TestApp::spawn().await;

    let refused = app.preview("no-such-link").await;

    let request_id = refused.body["instance"].as_str().unwrap().to_owned();
    let line = captured_logs()
        .lines()
        .find(|line| line.contains(&request_id))
        .map(str::to_owned)
        .expect("the request was logged");
    let line: serde_json::Value = serde_json::from_str(&line).expect("log lines are JSON");
    assert_eq!(line["span"]["request_id"], request_id.as_str());
    assert_eq!(line["fields"]["problem"], "invite-link-not-found");
}

#[tokio::test]
async fn the_issuers_keys_are_fetched_once_and_then_served_from_the_cache() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        app.list(&app.owner, &[]).await.assert_ok(200);
    }
    let fetches = app.issuer.received_requests().await.unwrap_or_default();
    assert_eq!(fetches.len(), 1);
}

#[tokio::test]
async fn an_unreachable_issuer_is_asked_once_not_on_every_request() {
    let app = TestApp::spawn().await;
    app.issuer.reset().await;
    wiremock::Mock::given(wiremock::matchers::path("/jwks.json"))
        .respond_with(wiremock::ResponseTemplate::new(503))
        .mount(&app.issuer)
        .await;

    for _ in 0..3 {
        app.list(&app.owner, &[])
            .await
            .assert_problem(503, "issuer-unavailable");
    }

    let fetches = app.issuer.received_requests().await.unwrap_or_default();
    assert_eq!(
        fetches.len(),
        1,
        "the failure is remembered and retried after a backoff"
    );
}
