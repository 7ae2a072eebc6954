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
    assert_eq!(report["published"], 8, "{report}");
    let all = listener.received().await;
    assert_eq!(
        told(&all),
        [
            "client.created",
            "invitation.created",
            "invitation.accepted",
            "person.rights_changed",
            "connection.connected",
            "person.rights_changed",
            "connection.health_changed needs_reconnect",
            "connection.health_changed healthy",
        ]
    );
    for event in &all {
        assert_valid(event);
    }
    // The person who joined, then the client whose accounts changed: read them again.
    let joined = &all[3]["detail"]["data"];
    assert_eq!(joined["user_id"], client.sub);
    assert_eq!(joined["because"], "invitation.accepted");
    assert_eq!(all[5]["detail"]["data"]["because"], "connection.connected");
    assert_eq!(all[5]["detail"]["data"]["client_id"], joined["client_id"]);
    // The rest is the agency's story too.
    let events: Vec<Value> = all
        .into_iter()
        .filter(|event| event["detail-type"] != "person.rights_changed")
        .collect();
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

/// Who made a change, as the agency's audit trail documents the host: only that it was
/// the host (its principal stays in its own events and the log).
fn the_host_as_the_agency_reads_it(documented: &Value) -> Value {
    assert_eq!(documented["required"], json!(["kind"]), "{documented}");
    assert_eq!(
        documented["properties"],
        json!({ "kind": { "const": "host" } })
    );
    assert_eq!(documented["additionalProperties"], false);
    documented.clone()
}

#[test]
fn the_openapi_audit_entries_are_the_event_schemas_with_the_host_unnamed() {
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
        // The event names the host's principal; the audit entry says only "the host".
        let host = |who: &Value| who["properties"]["kind"]["const"] == "host";
        let shown = entry["properties"]["by"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|who| host(who))
            .map(the_host_as_the_agency_reads_it)
            .expect("the host is documented");
        for who in schema["properties"]["by"]["oneOf"].as_array_mut().unwrap() {
            if host(who) {
                assert_eq!(
                    who["required"],
                    json!(["kind", "principal"]),
                    "{detail_type}"
                );
                *who = shown.clone();
            }
        }
        assert_eq!(entry, &schema, "{detail_type}");
        documented.push(detail_type.to_owned());
    }
    documented.sort();
    let mut types: Vec<String> = clientconnect::domain::What::DETAIL_TYPES
        .iter()
        .filter(|name| !clientconnect::domain::What::TOLD_ONLY_TO_THE_HOST.contains(name))
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

/// The configuration set the test deployment's feedback is filtered on.
pub(crate) const CONFIGURATION_SET: &str = "clientconnect";

/// An email SES took: its message id and its recipient.
pub(crate) struct Emailed {
    pub(crate) message_id: String,
    pub(crate) to: String,
}

impl TestApp {
    /// A container of a deployment that sends with the configuration set
    /// [`CONFIGURATION_SET`], as `email-feedback` runs in it.
    pub(crate) async fn with_configuration_set(&self) -> Arc<clientconnect::AppState> {
        self.container_with(|config| {
            config.ses_configuration_set = Some(CONFIGURATION_SET.to_owned());
        })
        .await
    }

    /// A new person invited by the owner: their address, the invitation's id, and the
    /// email SES took for it.
    async fn invited_and_emailed(&self, name: &str) -> (String, String, Emailed) {
        let email = crate::helpers::User::new(name).email;
        let invited = self.invite(&self.owner, json!({ "email": email })).await;
        let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
        let emailed = self.emailed(&id, &email).await;
        (email, id, emailed)
    }

    /// The email the invitation holds now, as SES took it (its message id as stored).
    pub(crate) async fn emailed(&self, invitation: &str, to: &str) -> Emailed {
        let item = self
            .dynamo
            .get_item()
            .table_name(&self.table)
            .key(
                "pk",
                aws_sdk_dynamodb::types::AttributeValue::S(format!(
                    "WS#{}",
                    self.workspace.as_str()
                )),
            )
            .key(
                "sk",
                aws_sdk_dynamodb::types::AttributeValue::S(format!("INVITE#{invitation}")),
            )
            .consistent_read(true)
            .send()
            .await
            .unwrap()
            .item
            .expect("the invitation is stored");
        Emailed {
            message_id: item["message_id"]
                .as_s()
                .expect("the SES message id is stored with the invitation")
                .clone(),
            to: to.to_owned(),
        }
    }

    /// `email-feedback` handed `event`, in a deployment with the configuration set.
    pub(crate) async fn feedback(&self, event: Value) -> Value {
        let state = self.with_configuration_set().await;
        self.run_job(Job::EmailFeedback, state, event).await
    }
}

/// An SES event as EventBridge hands it over, about `email` of an invitation: sent with
/// the configuration set, tagged with the workspace and invitation, its recipient named
/// where SES names it.
pub(crate) fn ses_event(
    event_type: &str,
    workspace: &str,
    invitation: &str,
    email: &Emailed,
) -> Value {
    let detail_type = match event_type {
        "Delivery" => "Email Delivered",
        "Bounce" => "Email Bounced",
        "Complaint" => "Email Complaint Received",
        other => other,
    };
    let mut detail = json!({
        "eventType": event_type,
        "mail": {
            "timestamp": "2026-11-29T10:00:00.000Z",
            "source": "invitations@clientconnect.test",
            "messageId": email.message_id,
            "destination": [email.to],
            "tags": {
                "ses:configuration-set": [CONFIGURATION_SET],
                "workspace": [workspace],
                "invitation": [invitation],
            },
        },
    });
    match event_type {
        "Bounce" => {
            detail["bounce"] = json!({
                "bounceType": "Permanent",
                "bounceSubType": "General",
                "bouncedRecipients": [{ "emailAddress": email.to }],
            })
        }
        "Complaint" => {
            detail["complaint"] = json!({
                "complaintFeedbackType": "abuse",
                "complainedRecipients": [{ "emailAddress": email.to }],
            })
        }
        "Delivery" => detail["delivery"] = json!({ "recipients": [email.to] }),
        _ => {}
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
    let (_, id, emailed) = app.invited_and_emailed("bouncy").await;
    let ws = app.workspace.as_str();
    let outcome = app.feedback(ses_event("Delivery", ws, &id, &emailed)).await;
    assert_eq!(
        outcome,
        json!({ "outcome": "marked", "delivery": "delivered" })
    );

    app.feedback(ses_event("Bounce", ws, &id, &emailed)).await;
    let listed = app.list(&app.owner, &[]).await;
    let person = &listed.assert_ok(200)["items"][0];
    assert_eq!(person["id"], id);
    assert_eq!(person["delivery"], "bounced");

    // An email that is not an invitation (no tags of ours) changes nothing.
    let mut other = ses_event("Bounce", ws, &id, &emailed);
    other["detail"]["mail"]["tags"] = json!({ "ses:configuration-set": [CONFIGURATION_SET] });
    let ignored = app.feedback(other).await;
    assert_eq!(ignored["outcome"], "ignored");
}

/// Issue 21, finding 2: the function trusted the generic tags of any email of the
/// account.
#[tokio::test]
async fn feedback_counts_only_for_this_deployment_s_configuration_set_the_invitation_s_email_and_address(
) {
    let app = TestApp::spawn().await;
    let (email, id, emailed) = app.invited_and_emailed("careful").await;
    let ws = app.workspace.as_str();
    let bounce = || ses_event("Bounce", ws, &id, &emailed);

    // Another configuration set of the account, or none, with our tags copied.
    let mut elsewhere = bounce();
    elsewhere["detail"]["mail"]["tags"]["ses:configuration-set"] = json!(["another-product"]);
    let mut without_set = bounce();
    without_set["detail"]["mail"]["tags"]
        .as_object_mut()
        .unwrap()
        .remove("ses:configuration-set");
    // Another email that names this invitation in its tags.
    let forged = Emailed {
        message_id: "0100018c-another-email".into(),
        to: email.clone(),
    };
    // This email, but the bounce is about another recipient.
    let someone_else = Emailed {
        message_id: emailed.message_id.clone(),
        to: "someone-else@example.com".into(),
    };
    for event in [
        elsewhere,
        without_set,
        ses_event("Bounce", ws, &id, &forged),
        ses_event("Bounce", ws, &id, &someone_else),
    ] {
        let outcome = app.feedback(event).await;
        assert_eq!(outcome["outcome"], "ignored", "{outcome}");
    }
    // A deployment without a configuration set takes no event at all.
    let unconfigured = app
        .run_job(Job::EmailFeedback, app.state.clone(), bounce())
        .await;
    assert_eq!(unconfigured["outcome"], "ignored", "{unconfigured}");
    assert_eq!(
        app.list(&app.owner, &[]).await.body["items"][0]["delivery"],
        "sent"
    );
    assert!(!app
        .audit_trail()
        .await
        .iter()
        .any(|item| item["data"]["type"] == "invitation.delivery_failed"));

    assert_eq!(
        app.feedback(bounce()).await,
        json!({ "outcome": "marked", "delivery": "bounced" })
    );
}

/// Issue 21, finding 2: a late bounce of the email from before a resend marked the new
/// one.
#[tokio::test]
async fn a_late_bounce_of_the_email_before_a_resend_leaves_the_new_email_alone() {
    let app = TestApp::spawn().await;
    let email = crate::helpers::User::new("moved").email;
    let invited = app.invite(&app.owner, json!({ "email": email })).await;
    let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let first = app.emailed(&id, &email).await;
    app.clock.advance(Duration::minutes(5));
    app.resend(&app.owner, &id).await.assert_ok(200);
    let second = app.emailed(&id, &email).await;
    assert_ne!(first.message_id, second.message_id);
    let ws = app.workspace.as_str();

    let late = app.feedback(ses_event("Bounce", ws, &id, &first)).await;

    assert_eq!(late["outcome"], "ignored", "{late}");
    assert_eq!(
        app.list(&app.owner, &[]).await.body["items"][0]["delivery"],
        "sent"
    );
    let delivered = app.feedback(ses_event("Delivery", ws, &id, &second)).await;
    assert_eq!(delivered["delivery"], "delivered", "{delivered}");
}

/// Issue 21, finding 2: an event EventBridge delivered again recorded a second change
/// with a new event id.
#[tokio::test]
async fn an_event_delivered_twice_or_twice_at_once_records_one_change() {
    let app = TestApp::spawn().await;
    let (_, id, emailed) = app.invited_and_emailed("twice").await;
    let bounce = ses_event("Bounce", app.workspace.as_str(), &id, &emailed);

    let (one, other) = tokio::join!(app.feedback(bounce.clone()), app.feedback(bounce.clone()));
    let again = app.feedback(bounce).await;

    let marked = [&one, &other, &again]
        .iter()
        .filter(|outcome| outcome["outcome"] == "marked")
        .count();
    assert_eq!(marked, 1, "{one} {other} {again}");
    assert_eq!(again["outcome"], "ignored");
    let failures = app
        .audit_trail()
        .await
        .into_iter()
        .filter(|item| item["data"]["type"] == "invitation.delivery_failed")
        .count();
    assert_eq!(failures, 1, "one change, one event");
}

#[tokio::test]
async fn a_complained_address_is_not_emailed_again_until_the_agency_confirms() {
    let app = TestApp::spawn().await;
    let (email, id, emailed) = app.invited_and_emailed("spammy").await;
    let complained = ses_event("Complaint", app.workspace.as_str(), &id, &emailed);
    app.feedback(complained).await;
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

/// Issue 21, finding 5: connect-link and invite-link changes, assignments and the
/// agency's reconnect emails recorded no change.
#[tokio::test]
async fn link_changes_assignments_and_reconnect_emails_are_recorded_and_told_to_the_host() {
    let app = TestApp::with_own_table().await;
    let listener = Listener::on("default", app.workspace.as_str()).await;
    let (_, client_id) = app.client_allowed(json!(["x"])).await;

    app.make_connect_link(&client_id, None).await.assert_ok(201);
    let narrowed = json!({ "platforms": ["x"], "valid_days": 3 });
    app.make_connect_link(&client_id, Some(narrowed))
        .await
        .assert_ok(201);
    app.by_owner(Endpoint::RevokeConnectLink)
        .param("client_id", &client_id)
        .send()
        .await
        .assert_ok(200);
    let enabled = json!({ "enabled": true, "platforms": ["x", "youtube"] });
    for _ in 0..2 {
        // Saved twice with the same settings: one change.
        app.invite_link_call(Endpoint::UpdateInviteLink, Some(enabled.clone()))
            .await
            .assert_ok(200);
    }
    app.invite_link_call(Endpoint::RefreshInviteLink, None)
        .await
        .assert_ok(200);
    // Published as they come (a run takes ten events a call).
    app.publish_events().await;
    app.provider.sign_in_as("x", "agency-x", "Agency X");
    let own = app.connect(&app.owner, "x").await.connection_id().unwrap();
    for assigned_to in [json!(client_id), json!(client_id), Value::Null] {
        app.by_owner(Endpoint::AssignConnection)
            .param("connection_id", &own)
            .json(&json!({ "client_id": assigned_to }))
            .send()
            .await
            .assert_ok(200);
    }
    app.provider.revoke_grant("x", "agency-x");
    app.clock.advance(crate::upkeep::A_DAY_LATER);
    app.run_upkeep().await;
    app.by_owner(Endpoint::RequestReconnect)
        .param("connection_id", &own)
        .send()
        .await
        .assert_ok(200);

    app.publish_events().await;
    let all = listener.received().await;
    assert_eq!(
        told(&all),
        [
            "client.created",
            "invitation.created",
            "invitation.accepted",
            "person.rights_changed",
            "connect_link.created",
            "connect_link.created",
            "connect_link.revoked",
            "invite_link.updated",
            "invite_link.refreshed",
            "connection.connected",
            "connection.assigned",
            "person.rights_changed",
            "connection.assigned",
            "person.rights_changed",
            "connection.health_changed needs_reconnect",
            "connection.reconnect_requested needs_reconnect",
        ]
    );
    for event in &all {
        assert_valid(event);
    }
    // The rest, as the agency's trail has them too.
    let events: Vec<Value> = all
        .into_iter()
        .filter(|event| event["detail-type"] != "person.rights_changed")
        .collect();
    for event in &events {
        assert_eq!(
            event["detail"]["by"]["kind"],
            json!(if event["detail-type"] == "connection.health_changed" {
                "refresher"
            } else {
                "person"
            })
        );
    }
    let data = |n: usize| &events[n]["detail"]["data"];
    assert_eq!(
        (data(3)["replaced"].clone(), data(4)["replaced"].clone()),
        (json!(false), json!(true))
    );
    assert_eq!(data(4)["platforms"], json!(["x"]));
    assert_eq!(data(5)["client_id"], client_id.as_str());
    assert_eq!(
        (data(6)["enabled"].clone(), data(6)["platforms"].clone()),
        (json!(true), json!(["youtube", "x"]))
    );
    assert_eq!(
        (
            data(9)["assigned_to"].clone(),
            data(10)["assigned_to"].clone()
        ),
        (json!(client_id), Value::Null)
    );
    let asked = data(12);
    assert_eq!(
        (
            asked["connection_id"].as_str(),
            asked["health"].as_str(),
            asked["recipients"].as_u64()
        ),
        (Some(own.as_str()), Some("needs_reconnect"), Some(1))
    );
    assert_eq!(events[12]["detail"]["by"]["user_id"], app.owner.sub);

    // The agency reads the same record in its audit trail.
    let trail: Vec<Value> = app
        .audit_trail()
        .await
        .into_iter()
        .map(|item| item["event_id"].clone())
        .collect();
    let ids: Vec<Value> = events
        .iter()
        .rev()
        .map(|event| event["detail"]["event_id"].clone())
        .collect();
    assert_eq!(trail, ids);
}

/// Issue 21, finding 5: the audit trail showed the agency the host's account id, role
/// and session name.
#[tokio::test]
async fn the_agency_reads_what_the_host_did_as_the_host_s_and_the_host_keeps_its_principal() {
    const HOST: &str = "arn:aws:sts::123456789012:assumed-role/host-provisioning/app";
    let app = TestApp::with_own_table().await;
    let listener = Listener::on("default", app.workspace.as_str()).await;
    let admin = crate::helpers::User::new("admin");
    app.request(Endpoint::ProvisionMember)
        .in_workspace(&app.workspace)
        .param("user_id", &admin.sub)
        .by_iam_principal(HOST)
        .json(&json!({ "email": admin.email, "role": "admin" }))
        .send()
        .await
        .assert_ok(200);
    app.request(Endpoint::ProvisionWorkspace)
        .in_workspace(&app.workspace)
        .by_iam_principal(HOST)
        .json(&json!({ "name": "Acme Social", "plan": "team", "seats": 12 }))
        .send()
        .await
        .assert_ok(200);

    let trail = app.by_owner(Endpoint::ListAudit).send().await;

    let items = trail.assert_ok(200)["items"].as_array().unwrap();
    let types: Vec<&Value> = items.iter().map(|item| &item["data"]["type"]).collect();
    assert_eq!(
        types,
        [
            &json!("workspace.provisioned"),
            &json!("member.provisioned")
        ]
    );
    for item in items {
        assert_eq!(item["by"], json!({ "kind": "host" }));
    }
    let shown = trail.body.to_string();
    for secret in ["123456789012", "host-provisioning", "assumed-role", "arn:"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    // The host's own event, and the log, keep who it was.
    app.publish_events().await;
    let events = listener.received().await;
    assert_eq!(
        told(&events),
        [
            "member.provisioned",
            "person.rights_changed",
            "workspace.provisioned"
        ]
    );
    for event in &events {
        assert_eq!(event["detail"]["by"]["principal"], HOST);
        assert_valid(event);
    }
    assert!(crate::helpers::captured_logs().contains(HOST));
}
