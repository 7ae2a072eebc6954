//! The upkeep's fan-out: the dispatcher's bounded, fair reads of the due index and its
//! in-flight marks; the worker's batches with partial failures and its duplicates; the
//! writes that keep a connection in the index whatever races them; and the platform
//! calls a connection used once a day costs.

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::operation::get_item::GetItemInput;
use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use clientconnect::deadline::Deadline;
use clientconnect::domain::ConnectionId;
use local_oauth_provider::Injected;
use serde_json::{json, Value};
use time::Duration;
use wiremock::MockServer;

use crate::helpers::{TestApp, JOB_TIME};
use crate::observed::{
    answering_as_it_was, check_round_trips, diversions_left, wire_call, Divert, DIVERTED,
};
use crate::upkeep::A_DAY_LATER;

impl TestApp {
    /// An upkeep message of this app's queue for `task`, as the dispatcher sends it.
    async fn queue_task(&self, task: Value) {
        aws_sdk_sqs::Client::new(&crate::helpers::sdk_config().await)
            .send_message()
            .queue_url(&self.queue)
            .message_body(task.to_string())
            .send()
            .await
            .unwrap();
    }

    /// The item of a connection as local AWS's wire format has it, to answer a read with
    /// later (what the item was at this moment).
    pub(crate) async fn wire_item(&self, connection_id: &str) -> Value {
        let body = json!({
            "TableName": self.table,
            "Key": {
                "pk": { "S": format!("WS#{}", self.workspace.as_str()) },
                "sk": { "S": format!("CONN#{connection_id}") }
            },
            "ConsistentRead": true
        });
        wire_call("GetItem", body).await
    }

    /// A worker handed a task for `connection` that reads it as `item` (what it was a
    /// moment ago, in the wire format): the race of a read and a write driven on
    /// purpose. The worker's answer.
    async fn work_on_reading(&self, connection: &str, item: &Value) -> Value {
        let stale = answering_as_it_was(item).await;
        self.queue_task(task(self, connection)).await;
        let batch = self.receive_upkeep(10).await;
        DIVERTED
            .scope(connection_read_by(&stale), async {
                let (answer, _) = self
                    .hand_to_worker(self.state.clone(), &batch, Deadline::after(JOB_TIME))
                    .await;
                assert_eq!(diversions_left(), 0, "the worker read the item as it was");
                answer
            })
            .await
    }

    /// `count` connection items of this workspace due an hour ago in the due index's
    /// shard `shard`, whose upkeep fails (their tokens cannot be opened).
    async fn seed_failing_due(&self, count: usize, shard: u8) -> Vec<String> {
        let due = (self.clock.now() - Duration::hours(1)).unix_timestamp();
        let mut ids = Vec::new();
        let mut writes = Vec::new();
        while ids.len() < count {
            let id = ConnectionId::generate().to_string();
            if clientconnect_shard(&id) != shard {
                continue;
            }
            let s = |value: String| AttributeValue::S(value);
            let item = std::collections::HashMap::from([
                (
                    "pk".to_owned(),
                    s(format!("WS#{}", self.workspace.as_str())),
                ),
                ("sk".to_owned(), s(format!("CONN#{id}"))),
                ("gsi2pk".to_owned(), s(format!("DUE#{shard}"))),
                ("gsi2sk".to_owned(), s(format!("{due:012}#{id}"))),
                ("sealed_tokens".to_owned(), s("not a sealed value".into())),
            ]);
            writes.push(
                WriteRequest::builder()
                    .put_request(PutRequest::builder().set_item(Some(item)).build().unwrap())
                    .build(),
            );
            ids.push(id);
        }
        for chunk in writes.chunks(25) {
            self.dynamo
                .batch_write_item()
                .request_items(&self.table, chunk.to_vec())
                .send()
                .await
                .unwrap();
        }
        ids
    }
}

/// The due index's shard of a connection id (the last hex digit, as the store keys it).
fn clientconnect_shard(id: &str) -> u8 {
    u8::from_str_radix(&id[id.len() - 1..], 16).unwrap()
}

fn task(app: &TestApp, connection_id: &str) -> Value {
    json!({
        "task": "connection",
        "workspace_id": app.workspace.as_str(),
        "connection_id": connection_id
    })
}

#[tokio::test]
async fn a_thousand_failing_due_connections_in_one_shard_do_not_keep_the_others_waiting() {
    let app = TestApp::with_own_table().await;
    let healthy = app.x_accounts("x-fair", 10).await;
    let crowded = (0..16u8)
        .find(|shard| healthy.iter().all(|id| clientconnect_shard(id) != *shard))
        .expect("ten connections leave a shard of sixteen free");
    app.clock.advance(A_DAY_LATER); // the ten are due for their keep-alive
    app.seed_failing_due(1_000, crowded).await;
    let small = app
        .container_with(|config| config.upkeep.dispatch_per_run = 200)
        .await;

    let (report, _) = app.run_upkeep_with(small).await;

    assert_eq!(
        report["renewed"], 10,
        "every healthy one served in the first run: {report}"
    );
    assert!(report["read"].as_u64().unwrap() <= 200, "{report}");
    assert!(report["failed"].as_u64().unwrap() >= 100, "{report}");
    for id in &healthy {
        assert!(app.stored(id).await.version >= 1, "{id} was renewed");
    }
    app.drop_table().await;
}

#[tokio::test]
async fn a_batch_with_one_failing_message_reports_only_that_one() {
    let app = TestApp::with_own_table().await;
    let (_, first) = app.connected("youtube", "UC-batch-1").await;
    let (_, second) = app.connected("tiktok", "tt-batch-2").await;
    let broken = app.seed_failing_due(1, 3).await.remove(0);
    app.clock.advance(A_DAY_LATER);
    for id in [&first, &broken, &second] {
        app.queue_task(task(&app, id)).await;
    }
    app.queue_task(json!({ "not": "a task" })).await;
    let batch = app.receive_upkeep(10).await;
    assert_eq!(batch.len(), 4);

    let (answer, _) = app
        .hand_to_worker(app.state.clone(), &batch, Deadline::after(JOB_TIME))
        .await;

    let failed: Vec<&str> = answer["batchItemFailures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|failure| failure["itemIdentifier"].as_str().unwrap())
        .collect();
    let id_of = |body: &str| {
        batch
            .iter()
            .find(|message| message.body().unwrap().contains(body))
            .unwrap()
            .message_id()
            .unwrap()
            .to_owned()
    };
    let mut expected = vec![id_of(&broken), id_of("not")];
    expected.sort();
    let mut failed: Vec<String> = failed.into_iter().map(str::to_owned).collect();
    failed.sort();
    assert_eq!(
        failed, expected,
        "the broken item and the message that is no task"
    );
    assert_eq!(answer["report"]["renewed"], 2, "{answer}");
}

#[tokio::test]
async fn a_duplicate_message_changes_nothing_and_a_worker_near_its_deadline_takes_no_work() {
    let app = TestApp::with_own_table().await;
    let (_, connection) = app.connected("x", "x-twice").await;
    app.clock.advance(A_DAY_LATER);
    let (dispatched, calls) = app.dispatch_upkeep(app.state.clone()).await;
    assert_eq!(dispatched["sent_connections"], 1, "{dispatched}");
    check_round_trips("dispatch-upkeep", &calls);
    let batch = app.receive_upkeep(10).await;
    assert_eq!(batch.len(), 1);

    // Handed over with less time left than a task needs: left for later, untouched.
    let (answer, _) = app
        .hand_to_worker(
            app.state.clone(),
            &batch,
            Deadline::after(std::time::Duration::from_secs(5)),
        )
        .await;
    assert_eq!(answer["report"]["left_for_later"], 1, "{answer}");
    assert_eq!(answer["batchItemFailures"].as_array().unwrap().len(), 1);
    assert_eq!(app.provider.token_calls("x", "x-twice"), 1);

    let (answer, _) = app
        .hand_to_worker(app.state.clone(), &batch, Deadline::after(JOB_TIME))
        .await;
    assert_eq!(answer["report"]["renewed"], 1, "{answer}");
    let after_first = app.durable_snapshot().await;
    let (again, _) = app
        .hand_to_worker(app.state.clone(), &batch, Deadline::after(JOB_TIME))
        .await;
    assert_eq!(again["report"]["unchanged"], 1, "{again}");
    assert_eq!(app.durable_snapshot().await, after_first, "nothing written");
    assert_eq!(
        app.provider.token_calls("x", "x-twice"),
        2,
        "one refresh in all"
    );
    let (again, _) = app.run_upkeep().await;
    assert_eq!(again["due"], 0, "back in the index for tomorrow: {again}");
    let _ = connection;
}

#[tokio::test]
async fn a_reconnect_while_a_notice_is_decided_keeps_the_connection_due_and_sends_no_action_needed()
{
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected_without_refresh("li-race").await;
    app.clock.advance(Duration::days(61)); // its deadline passed, nobody looked yet
    let stale = app.wire_item(&connection).await;
    // The worker reads the item as it was; meanwhile the client reconnects.
    let landed = app.reconnect(&client, "linkedin", &connection).await;
    assert_eq!(landed.result(), "connected");
    let reconnected = app.stored(&connection).await;
    let answer = app.work_on_reading(&connection, &stale).await;

    assert_eq!(answer["report"]["unchanged"], 1, "{answer}");
    let after = app.stored(&connection).await;
    assert_eq!(
        after.due_entry, reconnected.due_entry,
        "still due as the reconnect left it"
    );
    assert!(after.due_entry.is_some());
    assert!(after.connection.broken.is_none());
    assert_eq!(app.emails_about(&client.email, "Action needed").await, 0);
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );
}

/// A server that answers every call with `item`, as DynamoDB's GetItem would have a
/// moment ago.
/// The worker's next read of a connection answered by `server`.
fn connection_read_by(server: &MockServer) -> Arc<Mutex<Vec<Divert>>> {
    Arc::new(Mutex::new(vec![Divert {
        operation: "GetItem",
        when: Box::new(|input| {
            input
                .downcast_ref::<GetItemInput>()
                .and_then(|get| get.key())
                .and_then(|key| key.get("sk"))
                .and_then(|sk| sk.as_s().ok())
                .is_some_and(|sk| sk.starts_with("CONN#"))
        }),
        to: server.uri(),
    }]))
}

#[tokio::test]
async fn a_check_decided_before_the_connection_broke_does_not_mend_it() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-stale-check").await;
    app.clock.advance(Duration::minutes(90)); // half an hour left of two
                                              // A renewal whose answer is lost: the platform spent the refresh token.
    app.provider.inject(&[Injected::AfterWork(502)]);
    app.issue_token_lasting(&connection, 3_600)
        .await
        .assert_ok(200);
    let before_refusal = app.wire_item(&connection).await;
    // The next renewal is refused: it needs reconnecting.
    app.issue_token_lasting(&connection, 3_600)
        .await
        .assert_problem(409, "connection-needs-reconnect");
    assert_eq!(
        app.health_of(&client, &connection).await["reason"],
        "refresh_token_lost"
    );
    // A worker that read the connection before that refusal checks it, and the
    // platform still accepts the old access token.
    app.clock.advance(Duration::minutes(3));
    let answer = app.work_on_reading(&connection, &before_refusal).await;

    assert_eq!(answer["report"]["checked"], 0, "{answer}");
    let health = app.health_of(&client, &connection).await;
    assert_eq!(
        (health["status"].as_str(), health["reason"].as_str()),
        (Some("needs_reconnect"), Some("refresh_token_lost")),
        "the check's write, decided on what it read, was refused"
    );
}

#[tokio::test]
async fn a_notice_nobody_can_receive_is_recorded_as_told_and_not_tried_every_run() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.connected("x", "x-nobody").await;
    let people = app.list(&app.owner, &[]).await;
    let person = people.assert_ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["email"] == client.email.as_str())
        .unwrap()
        .clone();
    app.remove_person(
        person["client_id"].as_str().unwrap(),
        person["id"].as_str().unwrap(),
    )
    .await
    .assert_ok(200);
    app.provider.revoke_grant("x", "x-nobody");
    app.clock.advance(A_DAY_LATER);

    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["needs_reconnect"], 1, "{report}");
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(20));
        let (report, _) = app.run_upkeep().await;
        assert_eq!(report["due"], 0, "told once, not every run: {report}");
    }
    assert!(app.stored(&connection).await.due_entry.is_none());
}

#[tokio::test]
async fn youtube_x_and_tiktok_connections_used_once_a_day_are_renewed_at_most_once_a_day() {
    let app = TestApp::with_own_table().await;
    let accounts = [
        ("youtube", "UC-daily"),
        ("x", "x-daily"),
        ("tiktok", "tt-daily"),
    ];
    let mut connections = Vec::new();
    for (platform, account) in accounts {
        connections.push(app.connected(platform, account).await.1);
    }
    let days = 4;
    for _ in 0..days {
        // The upkeep every six hours, the publisher once a day.
        for _ in 0..4 {
            app.clock.advance(Duration::hours(6));
            app.run_upkeep().await;
        }
        for connection in &connections {
            app.issue_token(app.state.clone(), connection)
                .await
                .assert_ok(200);
        }
    }
    for (platform, account) in accounts {
        let renewals = app.provider.token_calls(platform, account) - 1;
        assert!(
            renewals <= days,
            "{platform}: {renewals} renewals in {days} days"
        );
        assert!(renewals >= days - 1, "{platform}: kept alive ({renewals})");
    }
}
