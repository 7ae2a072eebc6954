//! Events out and the audit trail: each change is written with an outbox item and an
//! audit line in its own transaction, published to EventBridge by the publisher job,
//! and read back here from an SQS queue a rule on local AWS's bus feeds.

use std::sync::Arc;

use serde_json::{json, Value};
use time::Duration;

use crate::helpers::{sdk_config, Endpoint, TestApp};
use clientconnect_functions::routes::Job;

/// A queue that receives this workspace's events from the bus `bus`.
struct Listener {
    sqs: aws_sdk_sqs::Client,
    queue_url: String,
}

impl Listener {
    async fn on(bus: &str, workspace: &str) -> Self {
        let sdk = sdk_config().await;
        let sqs = aws_sdk_sqs::Client::new(&sdk);
        let events = aws_sdk_eventbridge::Client::new(&sdk);
        let name = format!("events-{}", uuid::Uuid::new_v4().simple());
        let queue_url = sqs
            .create_queue()
            .queue_name(&name)
            .send()
            .await
            .unwrap()
            .queue_url
            .unwrap();
        let arn = sqs
            .get_queue_attributes()
            .queue_url(&queue_url)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
            .send()
            .await
            .unwrap()
            .attributes
            .unwrap()[&aws_sdk_sqs::types::QueueAttributeName::QueueArn]
            .clone();
        let pattern =
            json!({ "source": ["clientconnect"], "detail": { "workspace_id": [workspace] } });
        events
            .put_rule()
            .name(&name)
            .event_bus_name(bus)
            .event_pattern(pattern.to_string())
            .send()
            .await
            .unwrap();
        events
            .put_targets()
            .rule(&name)
            .event_bus_name(bus)
            .targets(
                aws_sdk_eventbridge::types::Target::builder()
                    .id("queue")
                    .arn(arn)
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
        Self { sqs, queue_url }
    }

    /// Every event the queue received so far, oldest first (event ids are time-ordered).
    async fn received(&self) -> Vec<Value> {
        let mut events = Vec::new();
        loop {
            let batch = self
                .sqs
                .receive_message()
                .queue_url(&self.queue_url)
                .max_number_of_messages(10)
                .send()
                .await
                .unwrap();
            let messages = batch.messages.unwrap_or_default();
            if messages.is_empty() {
                break;
            }
            for message in messages {
                events.push(serde_json::from_str(message.body().unwrap()).unwrap());
                self.sqs
                    .delete_message()
                    .queue_url(&self.queue_url)
                    .receipt_handle(message.receipt_handle().unwrap())
                    .send()
                    .await
                    .unwrap();
            }
        }
        events.sort_by(|a: &Value, b: &Value| {
            a["detail"]["event_id"]
                .as_str()
                .cmp(&b["detail"]["event_id"].as_str())
        });
        events
    }
}

impl TestApp {
    /// One run of the outbox's publisher with `state`; its report.
    async fn publish_events_with(&self, state: Arc<clientconnect::AppState>) -> Value {
        self.run_job(Job::PublishEvents, state, json!({})).await
    }

    async fn publish_events(&self) -> Value {
        self.publish_events_with(self.state.clone()).await
    }
}

/// The detail-type and what the event's data says, one line per event.
fn told(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|event| {
            let data = &event["detail"]["data"];
            match data["health"].as_str() {
                Some(health) => format!("{} {health}", event["detail-type"].as_str().unwrap()),
                None => event["detail-type"].as_str().unwrap().to_owned(),
            }
        })
        .collect()
}

fn schema_of(detail_type: &str) -> Value {
    let path = format!(
        "{}/../infra/events/{detail_type}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path}")))
        .unwrap()
}

fn assert_valid(event: &Value) {
    let detail_type = event["detail-type"].as_str().unwrap();
    let schema = schema_of(detail_type);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&event["detail"])
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{detail_type}: {errors:?}\n{event}");
    assert_eq!(event["source"], "clientconnect");
}

#[tokio::test]
async fn a_client_journey_tells_the_host_exactly_the_documented_events_in_order() {
    let app = TestApp::with_own_table().await;
    let listener = Listener::on("default", app.workspace.as_str()).await;

    let (client, connection) = app.connected("x", "x-brand").await;
    app.provider.revoke_grant("x", "x-brand");
    app.clock.advance(crate::upkeep::A_DAY_LATER);
    app.run_upkeep().await;
    app.provider.sign_in_as("x", "x-brand", "x-brand name");
    let landed = app.reconnect(&client, "x", &connection).await;
    assert_eq!(landed.result(), "connected");

    let report = app.publish_events().await;
    assert_eq!(report["published"], 6, "{report}");
    let events = listener.received().await;
    assert_eq!(
        told(&events),
        [
            "client.created",
            "invitation.created",
            "invitation.accepted",
            "connection.connected",
            "connection.health_changed needs_reconnect",
            "connection.health_changed healthy",
        ]
    );
    for event in &events {
        assert_valid(event);
    }
    assert_eq!(events[4]["detail"]["by"]["kind"], "refresher");
    assert_eq!(events[4]["detail"]["data"]["reason"], "access_revoked");
    assert_eq!(events[3]["detail"]["data"]["connection_id"], connection);
    assert_eq!(events[2]["detail"]["by"]["user_id"], client.sub);

    // The outbox is empty: a second run publishes nothing again.
    assert_eq!(app.publish_events().await["published"], 0);
    assert!(listener.received().await.is_empty());

    // The owner reads the same story in the audit trail, newest first.
    let items = app.audit_trail().await;
    let newest_first: Vec<&str> = items
        .iter()
        .map(|item| item["data"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        newest_first,
        [
            "connection.health_changed",
            "connection.health_changed",
            "connection.connected",
            "invitation.accepted",
            "invitation.created",
            "client.created",
        ]
    );
    let ids: Vec<&Value> = events
        .iter()
        .rev()
        .map(|event| &event["detail"]["event_id"])
        .collect();
    let trail_ids: Vec<&Value> = items.iter().map(|item| &item["event_id"]).collect();
    assert_eq!(
        ids, trail_ids,
        "the events and the audit trail are one record"
    );
}

#[tokio::test]
async fn with_eventbridge_failing_the_change_commits_and_its_event_goes_out_on_the_next_run() {
    let app = TestApp::with_own_table().await;
    let listener = Listener::on("default", app.workspace.as_str()).await;
    let invited = app
        .invite(
            &app.owner,
            json!({ "email": crate::helpers::User::new("ana").email }),
        )
        .await;
    invited.assert_ok(201);

    let unreachable = app
        .container_with(|config| config.event_bus = "no-such-bus".into())
        .await;
    let failed = app.publish_events_with(unreachable).await;
    assert_eq!(failed["published"], 0, "{failed}");
    assert_eq!(failed["failed"], 2);
    assert_eq!(
        app.list(&app.owner, &[]).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "the invitation stands"
    );
    assert!(listener.received().await.is_empty());

    assert_eq!(app.publish_events().await["published"], 2);
    assert_eq!(
        told(&listener.received().await),
        ["client.created", "invitation.created"]
    );
}

#[tokio::test]
async fn a_member_or_a_client_cannot_read_the_audit_trail() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["x"])).await;
    let member = crate::helpers::User::new("member");
    app.add_member(&member, clientconnect::domain::Role::Member)
        .await;
    for reader in [&client, &member] {
        app.request(Endpoint::ListAudit)
            .in_workspace(&app.workspace)
            .by(reader)
            .send()
            .await
            .assert_problem(403, "not-workspace-admin");
    }
}

#[test]
fn the_openapi_audit_entries_are_the_event_schemas() {
    let doc: Value = serde_json::from_str(include_str!("../../openapi.json")).unwrap();
    let entries = doc["components"]["schemas"]["AuditEntry"]["oneOf"]
        .as_array()
        .unwrap();
    let mut documented: Vec<String> = Vec::new();
    for entry in entries {
        let detail_type = entry["title"].as_str().unwrap();
        let mut schema = schema_of(detail_type);
        schema.as_object_mut().unwrap().remove("$schema");
        schema.as_object_mut().unwrap().remove("$id");
        assert_eq!(entry, &schema, "{detail_type}");
        documented.push(detail_type.to_owned());
    }
    documented.sort();
    let mut types: Vec<String> = clientconnect::domain::What::DETAIL_TYPES
        .iter()
        .map(|name| name.to_string())
        .collect();
    types.sort();
    assert_eq!(documented, types, "a schema per detail-type, no more");
}

/// The Embedded Metric Format documents of `name` in everything logged so far.
fn metric_lines(name: &str) -> Vec<Value> {
    crate::helpers::captured_logs()
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|doc| doc["_aws"]["CloudWatchMetrics"][0]["Metrics"][0]["Name"] == name)
        .collect()
}

#[tokio::test]
async fn inviting_accepting_and_connecting_count_in_embedded_metric_format() {
    let app = TestApp::spawn().await;
    let before = (
        metric_lines("InvitationsSent").len(),
        metric_lines("InvitationsAccepted").len(),
    );
    let (client, _) = app.client_allowed(json!(["tiktok"])).await;
    app.provider
        .sign_in_as("tiktok", "tt-brand", "Brand on TikTok");
    assert_eq!(app.connect(&client, "tiktok").await.result(), "connected");

    assert!(metric_lines("InvitationsSent").len() > before.0);
    assert!(metric_lines("InvitationsAccepted").len() > before.1);
    let connected = metric_lines("Connections");
    let tiktok = connected
        .iter()
        .find(|doc| doc["Platform"] == "tiktok" && doc["Outcome"] == "connected")
        .expect("a TikTok connection counted");
    assert_eq!(
        tiktok["_aws"]["CloudWatchMetrics"][0]["Namespace"],
        "ClientConnect"
    );
    assert_eq!(
        tiktok["_aws"]["CloudWatchMetrics"][0]["Dimensions"],
        json!([["Platform", "Outcome"]])
    );
    assert_eq!(tiktok["Connections"], 1);
}

/// An SES event as EventBridge hands it over, for an email tagged as ours.
fn ses_event(detail_type: &str, event_type: &str, workspace: &str, invitation: &str) -> Value {
    let mut detail = json!({
        "eventType": event_type,
        "mail": {
            "timestamp": "2026-11-29T10:00:00.000Z",
            "messageId": "0100018c-test",
            "destination": ["someone@example.com"],
            "tags": {
                "ses:configuration-set": ["clientconnect"],
                "workspace": [workspace],
                "invitation": [invitation],
            },
        },
    });
    if event_type == "Bounce" {
        detail["bounce"] = json!({ "bounceType": "Permanent", "bounceSubType": "General" });
    }
    if event_type == "Complaint" {
        detail["complaint"] = json!({ "complaintFeedbackType": "abuse" });
    }
    json!({
        "version": "0",
        "id": uuid::Uuid::new_v4().to_string(),
        "detail-type": detail_type,
        "source": "aws.ses",
        "account": "123456789012",
        "time": "2026-11-29T10:00:01Z",
        "region": "us-east-1",
        "resources": [],
        "detail": detail,
    })
}

#[tokio::test]
async fn a_bounce_marks_the_invitation_and_the_agency_sees_it_in_its_list() {
    let app = TestApp::spawn().await;
    let email = crate::helpers::User::new("bouncy").email;
    let invited = app.invite(&app.owner, json!({ "email": email })).await;
    let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let delivered = ses_event("Email Delivered", "Delivery", app.workspace.as_str(), &id);
    let outcome = app
        .run_job(Job::EmailFeedback, app.state.clone(), delivered)
        .await;
    assert_eq!(
        outcome,
        json!({ "outcome": "marked", "delivery": "delivered" })
    );

    let bounced = ses_event("Email Bounced", "Bounce", app.workspace.as_str(), &id);
    app.run_job(Job::EmailFeedback, app.state.clone(), bounced)
        .await;
    let listed = app.list(&app.owner, &[]).await;
    let person = &listed.assert_ok(200)["items"][0];
    assert_eq!(person["id"], id);
    assert_eq!(person["delivery"], "bounced");

    // An email that is not an invitation (no tags of ours) changes nothing.
    let mut other = ses_event("Email Bounced", "Bounce", app.workspace.as_str(), &id);
    other["detail"]["mail"]["tags"] = json!({});
    let ignored = app
        .run_job(Job::EmailFeedback, app.state.clone(), other)
        .await;
    assert_eq!(ignored["outcome"], "ignored");
}

#[tokio::test]
async fn a_complained_address_is_not_emailed_again_until_the_agency_confirms() {
    let app = TestApp::spawn().await;
    let email = crate::helpers::User::new("spammy").email;
    let invited = app.invite(&app.owner, json!({ "email": email })).await;
    let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let complained = ses_event(
        "Email Complaint Received",
        "Complaint",
        app.workspace.as_str(),
        &id,
    );
    app.run_job(Job::EmailFeedback, app.state.clone(), complained)
        .await;
    assert_eq!(
        app.list(&app.owner, &[]).await.body["items"][0]["delivery"],
        "complained"
    );
    let sent_before = app.emails_to(&email).await.len();

    app.clock.advance(Duration::minutes(10));
    app.resend(&app.owner, &id)
        .await
        .assert_problem(409, "address-complained");
    assert_eq!(
        app.emails_to(&email).await.len(),
        sent_before,
        "nothing was sent"
    );

    let confirmed = app
        .by_owner(Endpoint::ResendInvite)
        .param("invitation_id", &id)
        .query("confirm_after_complaint", "true")
        .send()
        .await;
    assert_eq!(confirmed.assert_ok(200)["delivery"], "sent");
    assert_eq!(app.emails_to(&email).await.len(), sent_before + 1);
}

#[tokio::test]
async fn an_invitation_that_expires_is_told_once_by_the_next_upkeep_run() {
    let app = TestApp::with_own_table().await;
    let listener = Listener::on("default", app.workspace.as_str()).await;
    let lapsing = app
        .invite(
            &app.owner,
            json!({ "email": crate::helpers::User::new("late").email }),
        )
        .await;
    let lapsing = lapsing.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let (_, _) = app.client_allowed(json!(["x"])).await;
    let expired_before = metric_lines("InvitationsExpired").len();

    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["invitations_expired"], 0, "not yet");
    app.clock.advance(Duration::days(8));
    let (report, _) = app.run_upkeep().await;
    assert_eq!(
        report["invitations_expired"], 1,
        "the accepted one never expires: {report}"
    );
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["invitations_expired"], 0, "told once");
    assert!(metric_lines("InvitationsExpired").len() > expired_before);

    app.publish_events().await;
    let expired: Vec<Value> = listener
        .received()
        .await
        .into_iter()
        .filter(|event| event["detail-type"] == "invitation.expired")
        .collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["detail"]["data"]["invitation_id"], lapsing);
    assert_valid(&expired[0]);
}
