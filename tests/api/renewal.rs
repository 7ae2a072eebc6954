//! A token a platform issued is never thrown away, and the token service answers within
//! its budget whatever the platform does: rotating refresh tokens (X) answered late, lost
//! or refused, a table too busy to store them, a platform that hangs. Each fault is
//! driven on purpose (the local provider's injections, a diverted AWS call), never left
//! to timing.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use aws_sdk_dynamodb::operation::update_item::UpdateItemInput;
use clientconnect::config::UpkeepSettings;
use clientconnect::service::tokens::open_tokens;
use local_oauth_provider::Injected;
use serde_json::json;
use time::Duration;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{Reply, TestApp};
use crate::observed::{diversions_left, Divert, DIVERTED};
use crate::upkeep::A_DAY_LATER;

impl TestApp {
    /// The token service asked for a token valid at least `seconds`.
    pub(crate) async fn issue_token_lasting(&self, connection_id: &str, seconds: i64) -> Reply {
        self.token_service(connection_id)
            .json(&json!({ "min_validity_seconds": seconds }))
            .send()
            .await
    }
}

/// A server that answers every DynamoDB call with a `TransactionConflictException`, as
/// the table does for an item that is part of a transaction under way.
async fn a_table_busy_with_a_transaction() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("content-type", "application/x-amz-json-1.0")
                .set_body_json(json!({
                    "__type": "com.amazonaws.dynamodb.v20120810#TransactionConflictException",
                    "message": "Transaction is ongoing for the item"
                })),
        )
        .mount(&server)
        .await;
    server
}

/// The next `times` writes of renewed tokens go to `server` instead of the table.
fn token_saves_answered_by(server: &MockServer, times: usize) -> Arc<Mutex<Vec<Divert>>> {
    let diverts = (0..times)
        .map(|_| Divert {
            operation: "UpdateItem",
            when: Box::new(|input| {
                input
                    .downcast_ref::<UpdateItemInput>()
                    .and_then(|update| update.update_expression())
                    .is_some_and(|expression| expression.contains("sealed_tokens = :sealed"))
            }),
            to: server.uri(),
        })
        .collect();
    Arc::new(Mutex::new(diverts))
}

#[tokio::test]
async fn a_renewal_whose_save_meets_a_transaction_conflict_is_stored_on_a_second_try() {
    let app = TestApp::spawn().await;
    let (client, connection) = app.connected("x", "x-conflict").await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let before = open_tokens(key, &app.stored(&connection).await).unwrap();
    let busy = a_table_busy_with_a_transaction().await;
    app.clock.advance(Duration::hours(3)); // X tokens live two hours

    let served = DIVERTED
        .scope(token_saves_answered_by(&busy, 2), async {
            let served = app.issue_token(app.state.clone(), &connection).await;
            assert_eq!(diversions_left(), 0, "both conflicts were met");
            served
        })
        .await;

    let token = served.assert_ok(200)["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let stored = open_tokens(key, &app.stored(&connection).await).unwrap();
    assert_eq!(stored.access_token, token, "the renewed tokens were stored");
    let rotated = stored.refresh_token.unwrap();
    assert_ne!(Some(&rotated), before.refresh_token.as_ref());
    assert!(app.provider.refresh_token_is_usable(&rotated));
    assert_eq!(
        app.provider.token_calls("x", "x-conflict"),
        2,
        "the code exchange and one refresh: the conflict was retried at the table, not the platform"
    );
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );
}

#[tokio::test]
async fn an_x_refresh_answered_late_is_waited_for_stored_and_never_sent_twice() {
    let app = TestApp::spawn().await;
    let (client, connection) = app.connected("x", "x-late").await;
    app.clock.advance(Duration::hours(3));
    // The platform rotates at once and answers three seconds later: within the budget.
    app.provider
        .inject(&[Injected::Delay(std::time::Duration::from_secs(3))]);

    let served = app.issue_token(app.state.clone(), &connection).await;

    let token = served.assert_ok(200)["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.provider.token_calls("x", "x-late"),
        2,
        "one refresh, not retried"
    );
    assert_eq!(app.emails_about(&client.email, "reconnect").await, 0);
    let stored = app.stored(&connection).await;
    assert_eq!(stored.connection.unconfirmed_refresh, None);
    // The next renewal works with the stored (rotated) refresh token.
    app.clock.advance(Duration::hours(3));
    let next = app.issue_token(app.state.clone(), &connection).await;
    assert_ne!(next.assert_ok(200)["access_token"], token.as_str());
    assert_eq!(app.provider.token_calls("x", "x-late"), 3);
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );
}

#[tokio::test]
async fn an_x_refresh_that_fails_at_the_platform_is_not_retried_and_the_stored_token_still_renews()
{
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-5xx").await;
    app.clock.advance(A_DAY_LATER); // the keep-alive refresh
    app.provider.inject(&[Injected::Status(502)]);

    let (report, _) = app.run_upkeep().await;

    assert_eq!(report["retry_later"], 1, "{report}");
    assert_eq!(
        app.provider.token_calls("x", "x-5xx"),
        1,
        "only the code exchange reached the grant: the refresh was not sent again"
    );
    let stored = app.stored(&connection).await;
    assert!(stored.connection.unconfirmed_refresh.is_some());
    assert!(stored.connection.broken.is_none(), "not marked revoked");
    assert_eq!(
        app.emails_about(&client.email, "reconnect").await,
        0,
        "nobody is emailed"
    );

    app.clock.advance(Duration::minutes(3)); // past the backoff
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["renewed"], 1, "{report}");
    let renewed = app.stored(&connection).await;
    assert_eq!(renewed.connection.unconfirmed_refresh, None);
    assert_eq!(renewed.connection.failures, 0);
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );
}

#[tokio::test]
async fn a_rotation_lost_on_the_way_back_is_told_apart_from_a_revocation() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-lost").await;
    app.clock.advance(A_DAY_LATER);
    // The platform spends the refresh token, issues a new one, and the answer is lost.
    app.provider.inject(&[Injected::AfterWork(502)]);

    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["retry_later"], 1, "{report}");
    assert_eq!(app.provider.token_calls("x", "x-lost"), 2, "not sent again");
    assert_eq!(app.emails_about(&client.email, "reconnect").await, 0);

    app.clock.advance(Duration::minutes(3));
    let (report, _) = app.run_upkeep().await;

    assert_eq!(report["needs_reconnect"], 1, "{report}");
    let health = app.health_of(&client, &connection).await;
    assert_eq!(
        (health["status"].as_str(), health["reason"].as_str()),
        (Some("needs_reconnect"), Some("refresh_token_lost")),
        "the operator can tell it from a revocation"
    );
    assert!(crate::helpers::captured_logs().contains("RefreshTokenLost"));
    // The chain is gone at the platform, so the client is asked to reconnect, once.
    assert_eq!(app.emails_about(&client.email, "reconnect").await, 1);
}

#[tokio::test]
async fn a_platform_that_does_not_answer_leaves_the_token_service_within_its_budget() {
    let app = TestApp::spawn().await;
    let (_, connection) = app.connected("youtube", "UC-hangs").await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let current = open_tokens(key, &app.stored(&connection).await)
        .unwrap()
        .access_token;
    let hang = Injected::Delay(std::time::Duration::from_secs(60));
    // The deployed budget (the other tests give the token service more time).
    let deployed = app
        .container_with(|config| {
            config.upkeep.token_service_budget = UpkeepSettings::default().token_service_budget
        })
        .await;

    // Still valid for 20 minutes, an hour asked for: the renewal hangs, the current
    // token is served.
    app.clock.advance(Duration::minutes(40));
    app.provider.inject(&[hang]);
    let started = Instant::now();
    let served = app
        .token_service(&connection)
        .json(&json!({ "min_validity_seconds": 3_600 }))
        .on(deployed.clone())
        .send()
        .await;
    let waited = started.elapsed();
    assert_eq!(served.assert_ok(200)["access_token"], current.as_str());
    assert!(
        waited < std::time::Duration::from_secs(12),
        "answered in {waited:?}"
    );

    // Expired: nothing valid to serve, so 503 with Retry-After.
    app.clock.advance(Duration::minutes(40));
    app.provider.inject(&[hang]);
    let started = Instant::now();
    let refused = app.issue_token(deployed, &connection).await;
    let waited = started.elapsed();
    refused.assert_problem(503, "platform-unavailable");
    assert!(
        refused.headers.contains_key("retry-after"),
        "{:?}",
        refused.headers
    );
    assert!(
        waited < std::time::Duration::from_secs(12),
        "answered in {waited:?}"
    );
}

#[tokio::test]
async fn a_publisher_starting_a_long_upload_gets_a_token_that_lasts_and_no_needless_renewal() {
    let app = TestApp::spawn().await;
    let (_, connection) = app.connected("x", "x-upload").await;
    app.clock.advance(Duration::minutes(90)); // half an hour left of two

    let served = app.issue_token_lasting(&connection, 3_600).await;
    let renewed = served.assert_ok(200).clone();
    let expires = time::OffsetDateTime::parse(
        renewed["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(expires - app.clock.now() > Duration::hours(1));
    assert_eq!(app.provider.token_calls("x", "x-upload"), 2);
    // Asked again at once: the token renewed a moment ago gains nothing from renewing.
    let again = app.issue_token_lasting(&connection, 7_200).await;
    assert_eq!(
        again.assert_ok(200)["access_token"],
        renewed["access_token"]
    );
    assert_eq!(app.provider.token_calls("x", "x-upload"), 2);

    for wrong in [-1, 86_401] {
        app.issue_token_lasting(&connection, wrong)
            .await
            .assert_problem(400, "invalid-parameter");
    }
}
