//! Connections stay usable: renewals (single-flight), the token service, the refresher,
//! health, reconnect notices and reconnects, against local AWS and the local provider.

use std::sync::Arc;

use clientconnect::deadline::Deadline;
use clientconnect::domain::{HealthStatus, Renewal};
use clientconnect::service::tokens::open_tokens;
use clientconnect::store::StoredConnection;
use clientconnect_functions::routes::Job;
use futures::future::join_all;
use local_oauth_provider::{Injected, Lifetimes, Managed};
use serde_json::{json, Value};
use time::Duration;

use crate::helpers::{captured_logs, Call, Endpoint, Reply, TestApp, User, JOB_TIME};
use crate::markup::{field, field_of};
use crate::pages::{html, Browser};

/// The publishing service's task (a session of its role, which the deployment lists),
/// which the IAM authorizer lets call the token service.
const PUBLISHER: &str = "arn:aws:sts::123456789012:assumed-role/publisher/task-1";
/// Just past the daily keep-alive of a connection nobody used.
pub(crate) const A_DAY_LATER: Duration = Duration::minutes(24 * 60 + 1);

impl TestApp {
    /// A client allowed `platforms` that connected `platform` as account `account`;
    /// returns the person and the connection id.
    pub(crate) async fn connected(&self, platform: &str, account: &str) -> (User, String) {
        let (client, _) = self.client_allowed(json!([platform])).await;
        self.provider
            .sign_in_as(platform, account, &format!("{account} name"));
        let landed = self.connect(&client, platform).await;
        assert_eq!(landed.result(), "connected", "{:?}", landed.location);
        (client, landed.connection_id().unwrap())
    }

    /// `count` X accounts of one client, named `<prefix>-<n>`: their connection ids.
    pub(crate) async fn x_accounts(&self, prefix: &str, count: usize) -> Vec<String> {
        let (client, _) = self.client_allowed(json!(["x"])).await;
        let mut connections = Vec::new();
        for n in 0..count {
            self.provider
                .sign_in_as("x", &format!("{prefix}-{n}"), "brand");
            connections.push(self.connect(&client, "x").await.connection_id().unwrap());
        }
        connections
    }

    /// A client's LinkedIn account for an app without programmatic refresh: a 60-day
    /// token, nothing to renew it with.
    pub(crate) async fn connected_without_refresh(&self, account: &str) -> (User, String) {
        self.provider.set_lifetimes(
            "linkedin",
            Lifetimes {
                access: Some(60 * 86_400),
                refresh: None,
            },
        );
        self.connected("linkedin", account).await
    }

    pub(crate) async fn stored(&self, connection_id: &str) -> StoredConnection {
        self.state
            .store
            .connection(&self.workspace, &connection_id.parse().unwrap())
            .await
            .unwrap()
            .expect("the connection is stored")
    }

    /// The token service, as the publishing service calls it from its own container.
    pub(crate) async fn issue_token(
        &self,
        state: Arc<clientconnect::AppState>,
        connection_id: &str,
    ) -> Reply {
        self.token_service(connection_id).on(state).send().await
    }

    /// A request of the publishing service to the token service for `connection_id`.
    pub(crate) fn token_service(&self, connection_id: &str) -> Call<'_> {
        self.request(Endpoint::IssueAccessToken)
            .in_workspace(&self.workspace)
            .param("connection_id", connection_id)
            .by_iam_principal(PUBLISHER)
    }

    /// One minute of upkeep as it runs on AWS: the dispatcher's scheduled run, then the
    /// worker handed every message it sent, ten at a time (local AWS has no event source
    /// mapping, so the tests hand the queue's messages over as Lambda would). The
    /// dispatcher's report with the worker's counts added up (`due`: the tasks sent),
    /// and every AWS call of both.
    pub(crate) async fn run_upkeep(&self) -> (Value, Vec<String>) {
        self.run_upkeep_with(self.state.clone()).await
    }

    pub(crate) async fn run_upkeep_with(
        &self,
        state: Arc<clientconnect::AppState>,
    ) -> (Value, Vec<String>) {
        let (mut report, mut calls) = self.dispatch_upkeep(state.clone()).await;
        report["due"] = json!(
            report["sent_connections"].as_u64().unwrap_or(0)
                + report["sent_invitations"].as_u64().unwrap_or(0)
        );
        let (worked, worker_calls) = self.drain_upkeep_queue(state, JOB_TIME).await;
        calls.extend(worker_calls);
        for (name, count) in worked.as_object().unwrap() {
            report[name] = count.clone();
        }
        (report, calls)
    }

    /// One run of the dispatcher: its report and its AWS calls.
    pub(crate) async fn dispatch_upkeep(
        &self,
        state: Arc<clientconnect::AppState>,
    ) -> (Value, Vec<String>) {
        self.run_job_within(
            Job::DispatchUpkeep,
            state,
            json!({}),
            Deadline::after(JOB_TIME),
        )
        .await
    }

    /// The upkeep queue's messages, ten at a time, each batch handed to a worker
    /// invocation that may run for `invocation`; the messages it did not report failed
    /// are deleted, as the event source mapping does (the failed ones stay invisible for
    /// the rest of the test). The worker's counts added up, and its AWS calls.
    pub(crate) async fn drain_upkeep_queue(
        &self,
        state: Arc<clientconnect::AppState>,
        invocation: std::time::Duration,
    ) -> (Value, Vec<String>) {
        let mut totals =
            serde_json::to_value(clientconnect::service::upkeep::WorkReport::default()).unwrap();
        let mut calls = Vec::new();
        loop {
            let batch = self.receive_upkeep(10).await;
            if batch.is_empty() {
                break;
            }
            let (answer, batch_calls) = self
                .hand_to_worker(state.clone(), &batch, Deadline::after(invocation))
                .await;
            calls.extend(batch_calls);
            for (name, count) in answer["report"].as_object().unwrap() {
                let sum = totals[name].as_u64().unwrap_or(0) + count.as_u64().unwrap_or(0);
                totals[name] = json!(sum);
            }
            let failed: Vec<&str> = answer["batchItemFailures"]
                .as_array()
                .unwrap()
                .iter()
                .map(|failure| failure["itemIdentifier"].as_str().unwrap())
                .collect();
            for message in batch
                .iter()
                .filter(|m| !failed.contains(&m.message_id().unwrap()))
            {
                self.upkeep_sqs()
                    .await
                    .delete_message()
                    .queue_url(&self.queue)
                    .receipt_handle(message.receipt_handle().unwrap())
                    .send()
                    .await
                    .unwrap();
            }
        }
        (totals, calls)
    }

    /// Up to `count` messages of the upkeep queue, received as the event source mapping
    /// receives them (invisible for ten minutes meanwhile).
    pub(crate) async fn receive_upkeep(&self, count: i32) -> Vec<aws_sdk_sqs::types::Message> {
        self.upkeep_sqs()
            .await
            .receive_message()
            .queue_url(&self.queue)
            .max_number_of_messages(count)
            .visibility_timeout(600)
            .send()
            .await
            .unwrap()
            .messages
            .unwrap_or_default()
    }

    /// One worker invocation on these messages, as an SQS event: its answer
    /// (`batchItemFailures`, `report`), and its AWS calls, checked per message against
    /// the README.
    pub(crate) async fn hand_to_worker(
        &self,
        state: Arc<clientconnect::AppState>,
        batch: &[aws_sdk_sqs::types::Message],
        deadline: Deadline,
    ) -> (Value, Vec<String>) {
        let records: Vec<Value> = batch
            .iter()
            .map(|message| {
                json!({
                    "messageId": message.message_id(),
                    "receiptHandle": message.receipt_handle(),
                    "body": message.body(),
                    "attributes": {},
                    "messageAttributes": {},
                    "md5OfBody": message.md5_of_body(),
                    "eventSource": "aws:sqs",
                    "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:upkeep",
                    "awsRegion": "us-east-1"
                })
            })
            .collect();
        let (answer, calls) = self
            .run_job_within(
                Job::UpkeepWorker,
                state,
                json!({ "Records": records }),
                deadline,
            )
            .await;
        crate::observed::check_round_trips_of(Job::UpkeepWorker.function(), &calls, batch.len());
        (answer, calls)
    }

    async fn upkeep_sqs(&self) -> aws_sdk_sqs::Client {
        aws_sdk_sqs::Client::new(&crate::helpers::sdk_config().await)
    }

    pub(crate) async fn health_of(&self, as_user: &User, connection_id: &str) -> Value {
        self.list_connections(as_user)
            .await
            .into_iter()
            .find(|item| item["id"] == connection_id)
            .expect("the connection is listed")["health"]
            .clone()
    }
}

fn count(calls: &[String], operation: &str) -> usize {
    calls
        .iter()
        .filter(|call| call.ends_with(operation))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_token_requests_for_an_expired_x_connection_refresh_it_once_and_share_the_new_token()
{
    let app = TestApp::spawn().await;
    let (_, connection) = app.connected("x", "x-brand").await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let before = open_tokens(key, &app.stored(&connection).await).unwrap();
    app.clock.advance(Duration::hours(3)); // X tokens live two hours

    let mut containers = Vec::new();
    for _ in 0..20 {
        containers.push(app.another_container().await);
    }
    let replies = join_all(
        containers
            .into_iter()
            .map(|state| app.issue_token(state, &connection)),
    )
    .await;

    let tokens: Vec<&str> = replies
        .iter()
        .map(|reply| reply.assert_ok(200)["access_token"].as_str().unwrap())
        .collect();
    assert!(
        tokens.iter().all(|token| *token == tokens[0]),
        "one new token for all"
    );
    assert_ne!(tokens[0], before.access_token);
    assert_eq!(
        app.provider.token_calls("x", "x-brand"),
        2,
        "the code exchange and one refresh"
    );
    let after = open_tokens(key, &app.stored(&connection).await).unwrap();
    assert_eq!(after.access_token, tokens[0]);
    let rotated = after.refresh_token.clone().unwrap();
    assert_ne!(Some(rotated.clone()), before.refresh_token);
    assert!(app.provider.refresh_token_is_usable(&rotated));
    assert!(!app
        .provider
        .refresh_token_is_usable(before.refresh_token.as_deref().unwrap()));
    let refused = reqwest::Client::new()
        .post(format!("{}x/token", app.provider.base_url()))
        .basic_auth("local-x", Some("local-x-secret"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", before.refresh_token.as_deref().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400, "the spent refresh token is refused");

    let logs = captured_logs();
    for secret in app.provider.issued_refresh_tokens() {
        assert!(!logs.contains(&secret), "a log line holds a refresh token");
        assert!(replies
            .iter()
            .all(|reply| !reply.body.to_string().contains(&secret)));
    }
    assert!(
        !logs.contains(tokens[0]),
        "a log line holds the access token"
    );
    assert!(logs.contains(PUBLISHER) && logs.contains("access token issued"));
}

#[tokio::test]
async fn a_revoked_grant_needs_reconnect_emails_once_and_only_the_same_account_can_reconnect() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-brand").await;
    app.provider.revoke_grant("x", "x-brand");
    app.clock.advance(A_DAY_LATER); // the daily keep-alive: a refresh, refused

    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["needs_reconnect"], 1, "{report}");
    let health = app.health_of(&app.owner, &connection).await;
    assert_eq!(health["status"], "needs_reconnect");
    assert_eq!(health["reason"], "access_revoked");
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "needs_reconnect"
    );
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(10));
        let (report, _) = app.run_upkeep().await;
        assert_eq!(report["due"], 0, "out of the refresher's way: {report}");
    }
    let emails = app.emails_to(&client.email).await;
    let reconnect: Vec<_> = emails
        .iter()
        .filter(|email| email.subject.contains("reconnect"))
        .collect();
    assert_eq!(reconnect.len(), 1, "one email, not one per run");
    assert!(reconnect[0]
        .body
        .contains(&format!("reconnect={connection}")));
    let refused = app.issue_token(app.state.clone(), &connection).await;
    refused.assert_problem(409, "connection-needs-reconnect");
    assert_eq!(refused.body["health"]["status"], "needs_reconnect");

    // Another X account at the consent: refused, nothing changes.
    let before = app.durable_snapshot().await;
    app.provider
        .sign_in_as("x", "x-someone-else", "someone else");
    let landed = app.reconnect(&client, "x", &connection).await;
    assert_eq!(landed.result(), "wrong-account");
    assert_eq!(app.durable_snapshot().await, before);

    // The same account: healthy again, the same connection.
    app.provider.sign_in_as("x", "x-brand", "x-brand name");
    let landed = app.reconnect(&client, "x", &connection).await;
    assert_eq!(landed.result(), "connected");
    assert_eq!(landed.connection_id().as_deref(), Some(connection.as_str()));
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );
    app.issue_token(app.state.clone(), &connection)
        .await
        .assert_ok(200);
}

#[tokio::test]
async fn a_provider_failure_during_a_keep_alive_refresh_keeps_the_connection_healthy_and_it_is_retried(
) {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("youtube", "UC-brand").await;
    let before = app.stored(&connection).await;
    // Google does not rotate refresh tokens: a failed refresh may be sent again at once.
    app.provider.inject(&[
        Injected::Status(500),
        Injected::Status(503),
        Injected::Status(500),
    ]);
    app.clock.advance(A_DAY_LATER);

    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["retry_later"], 1, "{report}");
    assert_eq!(
        app.provider.injected_left(),
        0,
        "tried three times, with backoff, in one run"
    );
    let after = app.stored(&connection).await;
    assert_eq!(
        after.sealed_tokens, before.sealed_tokens,
        "the tokens are untouched"
    );
    assert_eq!(after.version, before.version);
    assert_eq!(
        (
            after.connection.failures,
            after.connection.retry_at.is_some(),
            after.connection.unconfirmed_refresh
        ),
        (1, true, None)
    );
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );

    app.clock.advance(Duration::minutes(3)); // past the backoff
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["renewed"], 1, "{report}");
    let renewed = app.stored(&connection).await;
    assert_eq!(
        (renewed.version, renewed.connection.failures),
        (before.version + 1, 0)
    );
    assert_eq!(
        app.provider.token_calls("youtube", "UC-brand"),
        2,
        "the code exchange and the renewal"
    );
}

#[tokio::test]
async fn the_upkeep_sends_exactly_the_ten_due_connections_among_a_thousand_and_reads_no_other() {
    let app = TestApp::with_own_table().await;
    let due = app.x_accounts("x", 10).await;
    // 990 more, each due for upkeep a month from now.
    let template = app.stored(&due[0]).await;
    for chunk in 0..40 {
        let mut writes = Vec::new();
        for n in 0..25 {
            if chunk * 25 + n >= 990 {
                break;
            }
            let mut other = template.clone();
            other.connection.connection_id = clientconnect::domain::ConnectionId::generate();
            other.connection.account_id = format!("later-{chunk}-{n}");
            let mut item: crate::helpers::Item = serde_dynamo::to_item(&other).unwrap();
            item.insert(
                "pk".into(),
                aws_sdk_dynamodb::types::AttributeValue::S(format!(
                    "WS#{}",
                    app.workspace.as_str()
                )),
            );
            item.insert(
                "sk".into(),
                aws_sdk_dynamodb::types::AttributeValue::S(format!(
                    "CONN#{}",
                    other.connection.connection_id
                )),
            );
            item.insert(
                "gsi2pk".into(),
                aws_sdk_dynamodb::types::AttributeValue::S(format!("DUE#{}", n % 16)),
            );
            let later = (app.clock.now() + Duration::days(30)).unix_timestamp();
            item.insert(
                "gsi2sk".into(),
                aws_sdk_dynamodb::types::AttributeValue::S(format!(
                    "{later:012}#{}",
                    other.connection.connection_id
                )),
            );
            writes.push(
                aws_sdk_dynamodb::types::WriteRequest::builder()
                    .put_request(
                        aws_sdk_dynamodb::types::PutRequest::builder()
                            .set_item(Some(item))
                            .build()
                            .unwrap(),
                    )
                    .build(),
            );
        }
        if !writes.is_empty() {
            app.dynamo
                .batch_write_item()
                .request_items(&app.table, writes)
                .send()
                .await
                .unwrap();
        }
    }
    app.clock.advance(A_DAY_LATER); // the ten are due for their keep-alive

    let (dispatched, calls) = app.dispatch_upkeep(app.state.clone()).await;
    assert_eq!(
        (
            dispatched["read"].as_u64(),
            dispatched["sent_connections"].as_u64()
        ),
        (Some(10), Some(10)),
        "{dispatched}"
    );
    assert_eq!(
        count(&calls, ":Query"),
        48,
        "one page of each shard of the due index, sixteen for connections, sixteen for \
         invitations' expiries, sixteen for reminders"
    );
    assert_eq!(count(&calls, ":UpdateItem"), 10, "each marked in flight");
    assert_eq!(count(&calls, ":SendMessageBatch"), 1);
    assert_eq!(count(&calls, ":GetItem") + count(&calls, ":Scan"), 0);

    let (worked, calls) = app.drain_upkeep_queue(app.state.clone(), JOB_TIME).await;
    assert_eq!(worked["renewed"], 10, "{worked}");
    assert_eq!(
        count(&calls, ":GetItem"),
        10,
        "only the due connections were read: {calls:?}"
    );
    assert_eq!(count(&calls, ":Scan") + count(&calls, ":BatchGetItem"), 0);
    for (n, id) in due.iter().enumerate() {
        assert_eq!(app.provider.token_calls("x", &format!("x-{n}")), 2);
        assert!(app.stored(id).await.version >= 1);
    }
    app.drop_table().await;
}

#[tokio::test]
async fn instagram_renews_its_long_lived_token_itself_and_a_facebook_page_is_checked_daily() {
    let app = TestApp::with_own_table().await;
    let (client, _) = app.client_allowed(json!(["instagram", "facebook"])).await;
    app.provider.sign_in_as("instagram", "ig-brand", "brand");
    let instagram = app
        .connect(&client, "instagram")
        .await
        .connection_id()
        .unwrap();
    app.provider.sign_in_as("facebook", "page-7", "Brand Page");
    let facebook = app
        .connect(&client, "facebook")
        .await
        .connection_id()
        .unwrap();
    let before = app.stored(&instagram).await;
    assert_eq!(before.connection.life.renewal, Renewal::SelfRefresh);

    // A day later: nothing to renew yet (60-day token): both are checked.
    app.clock.advance(A_DAY_LATER);
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["checked"], 2, "{report}");
    assert_eq!(app.stored(&instagram).await.version, before.version);

    // 53 days in: Instagram's token is renewed through ig_refresh_token.
    app.clock.advance(Duration::days(53));
    let calls_before = app.provider.token_calls("instagram", "ig-brand");
    let (report, _) = app.run_upkeep().await;
    assert!(report["renewed"].as_u64() >= Some(1), "{report}");
    assert_eq!(
        app.provider.token_calls("instagram", "ig-brand"),
        calls_before + 1
    );
    let renewed = app.stored(&instagram).await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    assert_ne!(
        open_tokens(key, &renewed).unwrap().access_token,
        open_tokens(key, &before).unwrap().access_token
    );
    let left = renewed.connection.life.access_expires_at.unwrap() - app.clock.now();
    assert!(left > Duration::days(59), "60 more days from now");

    // The Page's access is withdrawn: the next daily check finds it the same day.
    app.provider.revoke_grant("facebook", "page-7");
    app.clock.advance(A_DAY_LATER);
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["needs_reconnect"], 1, "{report}");
    assert_eq!(
        app.health_of(&client, &facebook).await["status"],
        "needs_reconnect"
    );
    assert_eq!(
        app.health_of(&client, &instagram).await["status"],
        "healthy"
    );
}

#[tokio::test]
async fn a_connection_nothing_renews_is_forecast_then_flagged_expiring_then_needs_reconnect_each_email_once(
) {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected_without_refresh("li-brand").await;
    assert_eq!(
        app.stored(&connection).await.connection.life.renewal,
        Renewal::Nothing
    );

    let mut statuses = Vec::new();
    for day in [45, 46, 50, 53, 54, 57, 59, 60, 61, 62] {
        let now = app.clock.now();
        let target = app.stored(&connection).await.connection.connected_at
            + Duration::days(day)
            + Duration::hours(1);
        if target > now {
            app.clock.advance(target - now);
        }
        app.run_upkeep().await;
        app.run_upkeep().await;
        statuses.push((
            day,
            app.health_of(&client, &connection).await["status"]
                .as_str()
                .unwrap()
                .to_owned(),
        ));
    }
    let subjects: Vec<String> = app
        .emails_to(&client.email)
        .await
        .into_iter()
        .map(|email| email.subject)
        .filter(|subject| !subject.contains("invites you"))
        .collect();
    assert_eq!(
        subjects.len(),
        5,
        "14, 7, 3 and 1 days before, and when it stopped: {subjects:#?}"
    );
    assert!(subjects[0].contains("stops working on"));
    assert!(subjects[4].starts_with("Action needed: reconnect LinkedIn"));
    let at = |day: i64| statuses.iter().find(|(d, _)| *d == day).unwrap().1.as_str();
    assert_eq!(
        (at(50), at(54), at(59), at(61)),
        ("healthy", "expiring", "expiring", "needs_reconnect")
    );
    let health = app.health_of(&client, &connection).await;
    assert_eq!(health["reason"], "expired");

    // Time made both changes, and the host heard of each once, with its reason.
    let told: Vec<(String, String)> = app
        .audit_trail()
        .await
        .iter()
        .rev()
        .filter(|item| item["data"]["type"] == "connection.health_changed")
        .map(|item| {
            let data = &item["data"];
            (
                data["health"].as_str().unwrap_or_default().to_owned(),
                data["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        told,
        [
            ("expiring".to_owned(), "expires_soon".to_owned()),
            ("needs_reconnect".to_owned(), "expired".to_owned()),
        ]
    );
}

#[tokio::test]
async fn the_link_in_the_reconnect_email_opens_a_page_whose_button_reconnects_the_same_account() {
    let app = TestApp::with_own_table().await;
    let client = User::signing_in_locally("client");
    app.invite(
        &app.owner,
        json!({ "email": client.email, "platforms": ["x"] }),
    )
    .await
    .assert_ok(201);
    app.accept(&client, &app.latest_link_token(&client.email).await)
        .await
        .assert_ok(200);
    app.provider.sign_in_as("x", "x-brand", "x-brand name");
    let connection = app.connect(&client, "x").await.connection_id().unwrap();
    app.provider.revoke_grant("x", "x-brand");
    app.clock.advance(A_DAY_LATER);
    app.run_upkeep().await;
    let email = app.emails_to(&client.email).await.pop().unwrap();
    let link = email.link();
    assert_eq!(link.path(), "/connect");

    let mut browser = Browser::new(&app).signing_in_as(&client.email);
    let opened = browser.open(&link).await;
    let page = html(&opened).to_owned();
    assert!(page.contains("needs you: press Reconnect"), "{page}");
    assert!(page.contains("Needs reconnecting (@x-brand name)"));
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "needs_reconnect",
        "opening changed nothing"
    );

    let reconnected = browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &field(&page, "workspace")),
                ("platform", "x"),
                ("csrf", &field(&page, "csrf")),
                ("reconnect", &field_of(&page, "Reconnect", "reconnect")),
            ],
        )
        .await;
    let page = html(&reconnected);
    assert!(
        page.contains("X is connected.") && page.contains("Connected as @x-brand name"),
        "{page}"
    );
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );
}

#[tokio::test]
async fn a_reconnect_that_grants_less_says_what_is_lost_and_keeps_the_connection() {
    let app = TestApp::spawn().await;
    let (client, connection) = app.connected("x", "x-brand").await;
    let before = app.durable_snapshot().await;
    app.provider
        .grant_only("x", &["tweet.read", "users.read", "offline.access"]);

    let landed = app.reconnect(&client, "x", &connection).await;

    assert_eq!(landed.result(), "permissions-missing");
    assert_eq!(landed.param("missing").as_deref(), Some("tweet.write"));
    assert_eq!(
        app.durable_snapshot().await,
        before,
        "the old connection is untouched"
    );
}

#[tokio::test]
async fn a_facebook_reconnect_that_declines_posting_is_refused_and_keeps_the_connection() {
    let app = TestApp::spawn().await;
    let (client, connection) = app.connected("facebook", "page-7").await;
    let before = app.durable_snapshot().await;
    app.provider.decline("facebook", "pages_manage_posts");

    let landed = app.reconnect(&client, "facebook", &connection).await;

    assert_eq!(landed.result(), "permissions-missing");
    assert_eq!(
        landed.param("missing").as_deref(),
        Some("pages_manage_posts")
    );
    assert_eq!(
        app.durable_snapshot().await,
        before,
        "the old connection is untouched"
    );
}

#[tokio::test]
async fn a_page_reconnect_by_someone_who_may_no_longer_publish_keeps_the_working_token() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["facebook"])).await;
    let page = |tasks: fn(&str, &str) -> Managed| [tasks("page-7", "Brand Page")];
    app.provider
        .sign_in_managing("facebook", "fb-person", "Pat", &page(Managed::publishing));
    let landed = app.connect(&client, "facebook").await;
    assert_eq!(landed.result(), "connected", "{:?}", landed.location);
    let connection = landed.connection_id().unwrap();
    let before = app.durable_snapshot().await;

    // The Page's admin took the "Create content" task away: the Page token the consent
    // brings now cannot publish.
    app.provider
        .sign_in_managing("facebook", "fb-person", "Pat", &page(Managed::moderating));
    let landed = app.reconnect(&client, "facebook", &connection).await;

    assert_eq!(landed.result(), "cannot-publish");
    assert_eq!(
        app.durable_snapshot().await,
        before,
        "the working Page token stays"
    );
}

#[tokio::test]
async fn a_token_request_that_finds_the_grant_revoked_marks_it_and_the_upkeep_tells_the_client_once(
) {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("youtube", "UC-brand").await;
    app.provider.revoke_grant("youtube", "UC-brand");
    app.clock.advance(Duration::hours(2)); // the hour-long token has expired

    let refused = app.issue_token(app.state.clone(), &connection).await;
    refused.assert_problem(409, "connection-needs-reconnect");
    assert_eq!(refused.body["health"]["reason"], "access_revoked");
    app.issue_token(app.state.clone(), &connection)
        .await
        .assert_problem(409, "connection-needs-reconnect");
    // The token service answers at once; the upkeep tells the people, once.
    assert_eq!(
        app.emails_about(&client.email, "reconnect YouTube").await,
        0
    );
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["notices_sent"], 1, "{report}");
    app.run_upkeep().await;
    assert_eq!(
        app.emails_about(&client.email, "reconnect YouTube").await,
        1
    );
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "needs_reconnect"
    );
}

#[tokio::test]
async fn the_token_service_answers_only_iam_callers_for_connections_of_the_named_workspace() {
    let app = TestApp::spawn().await;
    let (client, connection) = app.connected("youtube", "UC-brand").await;
    let other = TestApp::spawn().await;

    let served = app.issue_token(app.state.clone(), &connection).await;
    let body = served.assert_ok(200);
    assert_eq!(body["platform"], "youtube");
    assert!(body.get("refresh_token").is_none());
    other
        .issue_token(other.state.clone(), &connection)
        .await
        .assert_problem(404, "connection-not-found");
    app.issue_token(app.state.clone(), &uuid::Uuid::now_v7().to_string())
        .await
        .assert_problem(404, "connection-not-found");
    // A user's JWT is no way in.
    let with_jwt = app
        .request(Endpoint::IssueAccessToken)
        .in_workspace(&app.workspace)
        .param("connection_id", &connection)
        .by(&client)
        .send()
        .await;
    with_jwt.assert_problem(403, "iam-required");
}

#[tokio::test]
async fn the_token_service_serves_only_the_principals_the_deployment_lists() {
    let app = TestApp::spawn().await;
    let (_, connection) = app.connected("youtube", "UC-brand").await;
    app.token_service(&connection)
        .by_iam_principal("arn:aws:sts::123456789012:assumed-role/publisher/task-2")
        .send()
        .await
        .assert_ok(200);

    // Others of the account that IAM lets invoke the API (execute-api:Invoke on *).
    for other in [
        "arn:aws:sts::123456789012:assumed-role/reporting/task-1",
        "arn:aws:sts::123456789012:assumed-role/publisher-staging/task-1",
        "arn:aws:sts::210987654321:assumed-role/publisher/task-1",
        "arn:aws:iam::123456789012:user/publisher",
    ] {
        let refused = app
            .token_service(&connection)
            .by_iam_principal(other)
            .send()
            .await;
        refused.assert_problem(403, "principal-not-allowed");
        assert!(refused.body.get("access_token").is_none());
    }
    assert!(captured_logs().contains("not a listed principal"));

    // A deployment that lists nobody serves nobody, and says why in its log.
    let unconfigured = app
        .container_with(|config| config.token_service_principals = Default::default())
        .await;
    let refused = app.issue_token(unconfigured, &connection).await;
    refused.assert_problem(403, "principal-not-allowed");
    assert!(
        refused.body["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("lists none yet")),
        "{}",
        refused.body
    );
    assert!(captured_logs().contains("the token service is not configured"));
}

#[tokio::test]
async fn the_token_service_serves_nothing_of_a_workspace_being_deleted() {
    let app = TestApp::spawn().await;
    let (_, connection) = app.connected("youtube", "UC-brand").await;
    app.issue_token(app.state.clone(), &connection)
        .await
        .assert_ok(200);

    // Deleting starts with the workspace's settings; its connections go one by one
    // after (and stay, should a run stop half way, until a repeated delete ends them).
    app.state
        .store
        .remove_workspace(&app.workspace, &[])
        .await
        .unwrap();
    app.stored(&connection).await;

    let refused = app.issue_token(app.state.clone(), &connection).await;
    refused.assert_problem(404, "workspace-not-found");
    assert!(refused.body.get("access_token").is_none());
}

#[tokio::test]
async fn the_agency_can_resend_the_reconnect_email_of_a_broken_connection_but_not_of_a_healthy_one()
{
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-brand").await;
    let resend = || {
        app.by_owner(Endpoint::RequestReconnect)
            .param("connection_id", &connection)
            .send()
    };
    resend().await.assert_problem(409, "connection-healthy");

    app.provider.revoke_grant("x", "x-brand");
    app.clock.advance(A_DAY_LATER);
    app.run_upkeep().await;
    assert_eq!(resend().await.assert_ok(200)["sent_to"], 1);
    let reconnects = app
        .emails_to(&client.email)
        .await
        .into_iter()
        .filter(|email| email.subject.contains("reconnect"))
        .count();
    assert_eq!(reconnects, 2, "the upkeep's notice and the agency's resend");
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        serde_json::to_value(HealthStatus::NeedsReconnect).unwrap()
    );
}

impl TestApp {
    /// The owner asks for `connection`'s reconnect email (again).
    async fn ask_for_reconnect_email(&self, connection: &str) -> Reply {
        self.by_owner(Endpoint::RequestReconnect)
            .param("connection_id", connection)
            .send()
            .await
    }

    async fn reconnect_emails_to(&self, to: &str) -> usize {
        self.emails_to(to)
            .await
            .into_iter()
            .filter(|email| email.subject.contains("reconnect"))
            .count()
    }
}

/// Issue 21, finding 1: `request-reconnect` had no cooldown and no quota.
#[tokio::test]
async fn the_agency_s_reconnect_email_waits_the_cooldown_and_counts_in_the_day_s_emails() {
    let app = TestApp::spawn_with(crate::helpers::Setup {
        own_table: true,
        limits: clientconnect::config::Limits {
            invitations_per_day: 2,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let (client, connection) = app.connected("x", "x-brand").await;
    app.provider.revoke_grant("x", "x-brand");
    // A day later: the invitation's email was yesterday's.
    app.clock.advance(A_DAY_LATER);
    app.run_upkeep().await;
    assert_eq!(
        app.reconnect_emails_to(&client.email).await,
        1,
        "the notice"
    );

    assert_eq!(
        app.ask_for_reconnect_email(&connection)
            .await
            .assert_ok(200)["sent_to"],
        1
    );
    let early = app.ask_for_reconnect_email(&connection).await;

    early.assert_problem(429, "reconnect-email-too-soon");
    assert!(
        (290..=300).contains(&early.retry_after()),
        "about five minutes: {}",
        early.retry_after()
    );
    assert_eq!(app.reconnect_emails_to(&client.email).await, 2);
    app.clock.advance(Duration::minutes(5));
    app.ask_for_reconnect_email(&connection)
        .await
        .assert_ok(200);
    assert_eq!(app.reconnect_emails_to(&client.email).await, 3);

    // Two emails today: the workspace's day is spent, for reconnects and invitations.
    app.clock.advance(Duration::minutes(5));
    let spent = app.ask_for_reconnect_email(&connection).await;
    spent.assert_problem(429, "email-quota-reached");
    assert!((1..=86_400).contains(&spent.retry_after()));
    let someone = User::new("someone");
    app.invite(&app.owner, json!({ "email": someone.email }))
        .await
        .assert_problem(429, "invitation-quota-reached");
    assert_eq!(app.reconnect_emails_to(&client.email).await, 3);
    assert!(app.emails_to(&someone.email).await.is_empty());
    // Each one the agency sent is in its audit trail.
    let asked = app
        .audit_trail()
        .await
        .into_iter()
        .filter(|item| item["data"]["type"] == "connection.reconnect_requested")
        .count();
    assert_eq!(asked, 2);
}

#[tokio::test]
async fn a_reconnect_email_ses_took_none_of_is_said_so_and_may_be_asked_again_at_once() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-brand").await;
    app.provider.revoke_grant("x", "x-brand");
    app.clock.advance(A_DAY_LATER);
    app.run_upkeep().await;
    let misconfigured = app
        .state_with_sender("unverified-sender@clientconnect.test")
        .await;

    let refused = app
        .by_owner(Endpoint::RequestReconnect)
        .on(misconfigured)
        .param("connection_id", &connection)
        .send()
        .await;

    refused.assert_problem(502, "reconnect-email-not-sent");
    assert!(!refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("unverified-sender"));
    assert_eq!(
        app.reconnect_emails_to(&client.email).await,
        1,
        "the notice"
    );
    app.ask_for_reconnect_email(&connection)
        .await
        .assert_ok(200);
    assert_eq!(app.reconnect_emails_to(&client.email).await, 2);
}
