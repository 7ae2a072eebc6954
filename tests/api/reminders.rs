//! Reminders of invitations nobody accepted, through the scheduled upkeep (dispatcher,
//! queue, worker) with the clock moved on: sent once each, 2 and 6 days after the link
//! was emailed, with the very link of the invitation email; stopped by an accept, a
//! revoke or a resend (which starts them again); counted in the workspace's day; none
//! when the workspace turned them off.

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{json, Value};
use time::Duration;

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, SentEmail, TestApp, User};

/// A little more than `days` days, so the run after it finds the reminder due.
fn days(days: i64) -> Duration {
    Duration::days(days) + Duration::minutes(5)
}

impl TestApp {
    /// The reminders sent to `to` so far.
    async fn reminders_to(&self, to: &str) -> Vec<SentEmail> {
        self.emails_to(to)
            .await
            .into_iter()
            .filter(|email| email.subject.starts_with("Reminder:"))
            .collect()
    }

    /// One minute of the upkeep; the reminders it sent.
    async fn run_reminders(&self) -> u64 {
        let (report, _) = self.run_upkeep().await;
        report["reminders_sent"].as_u64().unwrap_or(0)
    }

    /// The audit trail's reminders of `invitation`, as `data`.
    async fn reminded_in_trail(&self, invitation: &str) -> Vec<Value> {
        self.audit_trail()
            .await
            .into_iter()
            .filter(|entry| {
                entry["data"]["type"] == "invitation.reminded"
                    && entry["data"]["invitation_id"] == invitation
            })
            .map(|entry| entry["data"].clone())
            .collect()
    }
}

#[tokio::test]
async fn an_invitation_nobody_accepts_is_reminded_after_two_and_six_days_once_each_with_its_own_link(
) {
    let app = TestApp::with_own_table().await;
    let client = User::new("reminded");
    let (invitation, token) = app.invite_and_read_link(&client).await;

    app.clock.advance(days(1));
    assert_eq!(app.run_reminders().await, 0, "nothing is due after a day");
    app.clock.advance(Duration::days(1));
    assert_eq!(app.run_reminders().await, 1);
    assert_eq!(app.run_reminders().await, 0, "a second run sends no second");
    let reminders = app.reminders_to(&client.email).await;
    assert_eq!(reminders.len(), 1);
    assert_eq!(
        reminders[0].link_token(),
        token,
        "the reminder carries the invitation's own link"
    );
    assert!(
        reminders[0].body.contains("Acme Social"),
        "{}",
        reminders[0].body
    );
    assert!(
        reminders[0].body.contains("(in 4 days)"),
        "{}",
        reminders[0].body
    );

    app.clock.advance(Duration::days(3));
    assert_eq!(app.run_reminders().await, 0, "the second waits for day six");
    app.clock.advance(Duration::days(1));
    assert_eq!(app.run_reminders().await, 1);
    app.clock.advance(Duration::days(2));
    assert_eq!(app.run_reminders().await, 0, "none after the expiry");
    assert_eq!(app.reminders_to(&client.email).await.len(), 2);

    let trail = app.reminded_in_trail(&invitation).await;
    let told: Vec<&Value> = trail.iter().map(|data| &data["reminder"]).collect();
    assert_eq!(told, [&json!(2), &json!(1)], "newest first: {trail:?}");
    let id = invitation.parse().unwrap();
    let stored = app.state.store.invitation(&app.workspace, &id);
    let stored = stored.await.unwrap().unwrap();
    assert_eq!(stored.invitation.reminded, 2);
    assert!(
        stored.sealed_link.is_none(),
        "the sealed link goes with the expiry"
    );
}

#[tokio::test]
async fn the_link_of_a_reminder_is_accepted_and_the_card_says_when_the_person_was_reminded() {
    let app = TestApp::with_own_table().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let client = User::new("card-reminded");
    let (_, token) = app.invite_and_read_link(&client).await;
    app.clock.advance(days(2));
    assert_eq!(app.run_reminders().await, 1);
    app.clock.advance(Duration::days(2));

    let card = browser.agency_page("/workspace/clients").await;
    assert!(card.contains("Reminded 2 days ago"), "{card}");

    let reminder = app.reminders_to(&client.email).await.remove(0);
    assert_eq!(reminder.link_token(), token);
    app.accept(&client, &reminder.link_token())
        .await
        .assert_ok(200);
    let card = browser.agency_page("/workspace/clients").await;
    assert!(
        !card.contains("Reminded"),
        "an active person shows no reminder: {card}"
    );
}

#[tokio::test]
async fn accepting_or_revoking_stops_the_reminders_and_a_resend_starts_them_again_with_its_new_link(
) {
    let app = TestApp::with_own_table().await;
    let (accepting, revoked, resent) = (
        User::new("accepts"),
        User::new("revoked"),
        User::new("resent"),
    );
    let (_, accept_token) = app.invite_and_read_link(&accepting).await;
    let (revoked_id, _) = app.invite_and_read_link(&revoked).await;
    let (resent_id, old_token) = app.invite_and_read_link(&resent).await;

    app.clock.advance(days(1));
    app.accept(&accepting, &accept_token).await.assert_ok(200);
    app.revoke(&app.owner, &revoked_id).await.assert_ok(200);
    app.resend(&app.owner, &resent_id).await.assert_ok(200);
    let new_token = app.latest_link_token(&resent.email).await;
    assert_ne!(new_token, old_token);

    app.clock.advance(Duration::days(1));
    assert_eq!(
        app.run_reminders().await,
        0,
        "two days after the first email: the resent one counts from its resend"
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(app.run_reminders().await, 1);
    for user in [&accepting, &revoked] {
        assert!(app.reminders_to(&user.email).await.is_empty());
    }
    let reminders = app.reminders_to(&resent.email).await;
    assert_eq!(reminders.len(), 1);
    assert_eq!(
        reminders[0].link_token(),
        new_token,
        "the link that works now"
    );
}

#[tokio::test]
async fn a_workspace_that_turned_reminders_off_reminds_nobody() {
    let app = TestApp::with_own_table().await;
    let client = User::new("not-reminded");
    let (invitation, _) = app.invite_and_read_link(&client).await;
    app.by_host(Endpoint::ProvisionWorkspace, app.workspace.as_str())
        .json(&json!({ "name": "Acme Social", "plan": "team", "seats": 5, "reminders": false }))
        .send()
        .await
        .assert_ok(200);

    for _ in 0..7 {
        app.clock.advance(Duration::days(1));
        assert_eq!(app.run_reminders().await, 0);
    }
    assert!(app.reminders_to(&client.email).await.is_empty());
    assert!(app.reminded_in_trail(&invitation).await.is_empty());
}

#[tokio::test]
async fn a_workspace_whose_emails_for_the_day_are_sent_gets_its_reminder_the_next_day() {
    let app = TestApp::with_own_table().await;
    let client = User::new("quota-reminded");
    app.invite_and_read_link(&client).await;
    app.clock.advance(days(2));
    // Away from a UTC midnight (the clock runs on from the real one), so the day the
    // quota is spent for is the day the run counts in.
    let to_midnight = (app.clock.now().date() + Duration::days(1))
        .midnight()
        .assume_utc()
        - app.clock.now();
    if to_midnight < Duration::minutes(10) {
        app.clock.advance(to_midnight + Duration::minutes(1));
    }
    let quota = format!("QUOTA#{}", app.clock.now().date());
    let per_day = app.state.config.limits.invitations_per_day;
    app.set_on_item(&quota, "sent", AttributeValue::N(per_day.to_string()))
        .await;

    assert_eq!(app.run_reminders().await, 0, "the day's emails are spent");
    assert!(app.reminders_to(&client.email).await.is_empty());
    let midnight = (app.clock.now().date() + Duration::days(1))
        .midnight()
        .assume_utc();
    app.clock
        .advance(midnight - app.clock.now() + Duration::minutes(1));
    assert_eq!(app.run_reminders().await, 1, "tomorrow's quota");
    let counted = app
        .dynamo
        .get_item()
        .table_name(&app.table)
        .key(
            "pk",
            AttributeValue::S(format!("WS#{}", app.workspace.as_str())),
        )
        .key(
            "sk",
            AttributeValue::S(format!("QUOTA#{}", app.clock.now().date())),
        )
        .send()
        .await
        .unwrap()
        .item
        .expect("the reminder was counted in its day");
    assert_eq!(counted["sent"], AttributeValue::N("1".into()));
}

#[tokio::test]
async fn a_reminder_handed_to_two_workers_is_sent_once() {
    let app = TestApp::with_own_table().await;
    let client = User::new("twice-reminded");
    app.invite_and_read_link(&client).await;
    app.clock.advance(days(2));
    let (dispatched, _) = app.dispatch_upkeep(app.state.clone()).await;
    assert_eq!(dispatched["sent_reminders"], 1, "{dispatched}");
    let batch = app.receive_upkeep(10).await;
    let deadline = || clientconnect::deadline::Deadline::after(std::time::Duration::from_secs(60));
    let (first, calls) = app
        .hand_to_worker(app.state.clone(), &batch, deadline())
        .await;
    // The README's capacity counts these: the invitation, the workspace, the claim, SES,
    // the record (the token key is read once per container, not per reminder).
    let counted: Vec<&String> = calls
        .iter()
        .filter(|call| !call.starts_with("Secrets Manager:"))
        .collect();
    assert_eq!(
        counted,
        [
            "DynamoDB:GetItem",
            "DynamoDB:GetItem",
            "DynamoDB:TransactWriteItems",
            "SESv2:SendEmail",
            "DynamoDB:TransactWriteItems"
        ]
    );
    let (second, _) = app
        .hand_to_worker(app.another_container().await, &batch, deadline())
        .await;
    assert_eq!(first["report"]["reminders_sent"], 1, "{first}");
    assert_eq!(second["report"]["reminders_sent"], 0, "{second}");
    assert_eq!(app.reminders_to(&client.email).await.len(), 1);
}

impl TestApp {
    /// A client's X connection whose grant was revoked, told by the upkeep, and the
    /// agency's reconnect email sent a day later: the client's person, the connection.
    async fn reconnect_asked(&self, account: &str) -> (User, String) {
        let (client, connection) = self.connected("x", account).await;
        self.provider.revoke_grant("x", account);
        self.clock.advance(crate::upkeep::A_DAY_LATER);
        self.run_upkeep().await;
        self.by_owner(Endpoint::RequestReconnect)
            .param("connection_id", &connection)
            .send()
            .await
            .assert_ok(200);
        (client, connection)
    }

    async fn reconnect_reminders_to(&self, to: &str) -> Vec<SentEmail> {
        self.emails_to(to)
            .await
            .into_iter()
            .filter(|email| email.subject.starts_with("Reminder: please reconnect"))
            .collect()
    }
}

#[tokio::test]
async fn a_reconnect_the_agency_asked_for_and_nobody_made_is_reminded_once_three_days_later() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.reconnect_asked("x-remind").await;

    app.clock.advance(Duration::days(2));
    assert_eq!(app.run_reminders().await, 0, "not before three days");
    app.clock.advance(days(1));
    assert_eq!(app.run_reminders().await, 1);
    assert_eq!(app.run_reminders().await, 0, "once");
    app.clock.advance(Duration::days(3));
    assert_eq!(app.run_reminders().await, 0, "only once");

    let reminders = app.reconnect_reminders_to(&client.email).await;
    assert_eq!(reminders.len(), 1);
    let link = reminders[0].link();
    assert_eq!(link.path(), "/connect");
    assert!(
        link.query_pairs()
            .any(|(name, value)| name == "reconnect" && value == connection),
        "{link}"
    );
    let told: Vec<Value> = app
        .audit_trail()
        .await
        .into_iter()
        .filter(|entry| entry["data"]["type"] == "connection.reconnect_reminded")
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["data"]["connection_id"], connection.as_str());
    assert_eq!(told[0]["data"]["recipients"], 1);
}

#[tokio::test]
async fn a_reconnect_reminder_goes_to_nobody_once_the_account_is_disconnected() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.reconnect_asked("x-gone").await;
    app.disconnect(&app.owner, &connection).await.assert_ok(200);
    app.clock.advance(days(3));
    assert_eq!(app.run_reminders().await, 0);
    assert!(app.reconnect_reminders_to(&client.email).await.is_empty());
}

impl TestApp {
    async fn connect_reminders_to(&self, to: &str) -> Vec<SentEmail> {
        self.emails_to(to)
            .await
            .into_iter()
            .filter(|email| email.subject.starts_with("Reminder: please connect"))
            .collect()
    }
}

#[tokio::test]
async fn a_client_asked_to_connect_an_assigned_account_is_reminded_once_three_days_later() {
    let app = TestApp::with_own_table().await;
    let (client, client_id) = app.client_allowed(json!(["youtube"])).await;
    let own = app.agency_account("youtube", "remind-yt").await;
    app.put_assignment(&own, &client_id, json!({ "credentials": "client" }))
        .await
        .assert_ok(200);

    app.clock.advance(Duration::days(2));
    assert_eq!(app.run_reminders().await, 0, "not before three days");
    app.clock.advance(days(1));
    assert_eq!(app.run_reminders().await, 1);
    assert_eq!(app.run_reminders().await, 0, "once");

    let reminders = app.connect_reminders_to(&client.email).await;
    assert_eq!(reminders.len(), 1);
    assert!(
        reminders[0].subject.contains("YouTube"),
        "{}",
        reminders[0].subject
    );
    assert_eq!(reminders[0].link().path(), "/connect");
    let told: Vec<Value> = app
        .audit_trail()
        .await
        .into_iter()
        .filter(|entry| entry["data"]["type"] == "connection.assignment_reminded")
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["data"]["client_id"], client_id.as_str());
}

#[tokio::test]
async fn changing_an_assignment_that_already_asked_does_not_remind_again() {
    let app = TestApp::with_own_table().await;
    let (client, client_id) = app.client_allowed(json!(["youtube"])).await;
    let own = app.agency_account("youtube", "again-yt").await;
    app.put_assignment(&own, &client_id, json!({ "credentials": "client" }))
        .await
        .assert_ok(200);
    app.clock.advance(days(3));
    assert_eq!(app.run_reminders().await, 1);

    app.put_assignment(
        &own,
        &client_id,
        json!({ "credentials": "client", "client_approves_posts": true }),
    )
    .await
    .assert_ok(200);
    app.clock.advance(days(3));
    assert_eq!(
        app.run_reminders().await,
        0,
        "switching approval asks nothing new"
    );
    assert_eq!(app.connect_reminders_to(&client.email).await.len(), 1);
}

#[tokio::test]
async fn a_client_that_connected_the_assigned_account_is_not_reminded() {
    let app = TestApp::with_own_table().await;
    let (client, client_id) = app.client_allowed(json!(["youtube"])).await;
    let own = app.agency_account("youtube", "done-yt").await;
    app.put_assignment(&own, &client_id, json!({ "credentials": "client" }))
        .await
        .assert_ok(200);
    app.provider.sign_in_as("youtube", "done-yt", "Acme Brand");
    assert_eq!(app.connect(&client, "youtube").await.result(), "connected");

    app.clock.advance(days(3));
    assert_eq!(app.run_reminders().await, 0);
    assert!(app.connect_reminders_to(&client.email).await.is_empty());
}

#[tokio::test]
async fn a_reminder_is_written_in_the_language_chosen_for_the_person() {
    let app = TestApp::with_own_table().await;
    let client = User::new("recordada");
    app.invite(
        &app.owner,
        json!({ "email": client.email, "language": "es" }),
    )
    .await
    .assert_ok(201);
    let token = app.latest_link_token(&client.email).await;
    app.clock.advance(days(2));
    assert_eq!(app.run_reminders().await, 1);

    let reminder = app.emails_to(&client.email).await.pop().unwrap();
    assert!(
        reminder.subject.starts_with("Recordatorio: "),
        "{}",
        reminder.subject
    );
    assert!(reminder.body.contains("lang=\"es\""), "{}", reminder.body);
    assert!(
        reminder
            .body
            .contains("Su invitación de Acme Social sigue pendiente"),
        "{}",
        reminder.body
    );
    assert_eq!(reminder.link_token(), token);
}

#[tokio::test]
async fn a_reconnect_made_before_its_reminder_stops_it() {
    let app = TestApp::with_own_table().await;
    let (client, connection) = app.reconnect_asked("x-back").await;
    app.provider.sign_in_as("x", "x-back", "x-back name");
    let landed = app.connect(&client, "x").await;
    assert_eq!(landed.result(), "connected");
    assert_eq!(
        landed.connection_id().unwrap(),
        connection,
        "the same connection"
    );
    assert_eq!(
        app.health_of(&client, &connection).await["status"],
        "healthy"
    );

    app.clock.advance(days(3));
    assert_eq!(app.run_reminders().await, 0);
    assert!(app.reconnect_reminders_to(&client.email).await.is_empty());
}
