//! Seats and who may invite: members the host provisions past the limit are accepted and
//! reported while publishing clients are refused, the host reads the seats through its
//! IAM route, the clients card says how many are used and what the plan allows, only an
//! inviter with a verified email invites, and concurrent changes never take one free
//! seat twice.

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemInput;
use aws_sdk_dynamodb::operation::query::QueryInput;
use aws_sdk_dynamodb::types::AttributeValue;
use clientconnect::domain::{Plan, Role};
use futures::future::join_all;
use serde_json::{json, Value};

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, Reply, Setup, TestApp, User};
use crate::markup::{field, has, text, texts};
use crate::observed::{answering_as_it_was, diversions_left, wire_call, Divert, DIVERTED};
use crate::pages::{html, Browser};

fn publishing(email: &str) -> Value {
    json!({ "email": email, "permissions": { "publish_posts": true } })
}

fn with_seats(seats: u32) -> Setup {
    Setup {
        seats,
        ..Setup::default()
    }
}

impl TestApp {
    /// The host adds `user` to the test's workspace as an agency admin.
    async fn host_adds_admin(&self, user: &User) -> Reply {
        self.by_host(Endpoint::ProvisionMember, self.workspace.as_str())
            .param("user_id", &user.sub)
            .json(&json!({ "email": user.email, "role": "admin" }))
            .send()
            .await
    }

    /// The seats as the host reads them.
    async fn seats(&self) -> Value {
        let reply = self
            .by_host(Endpoint::ReadSeats, self.workspace.as_str())
            .send()
            .await;
        reply.assert_ok(200).clone()
    }

    /// A bearer token for `user` whose sign-in did not verify their email.
    fn unverified_token(&self, user: &User) -> String {
        let mut claims = self.claims(user);
        claims["email_verified"] = json!(false);
        self.sign(
            claims,
            include_str!("../../infra/local-issuer/dev-signing-key.pem"),
        )
    }
}

#[tokio::test]
async fn a_member_the_host_adds_past_the_seats_is_accepted_and_publishing_clients_are_then_refused()
{
    let app = TestApp::spawn_with(with_seats(2)).await;
    // The owner and one waiting publishing invitation: both seats.
    app.invite(&app.owner, publishing(&User::new("first").email))
        .await
        .assert_ok(201);

    let added = app.host_adds_admin(&User::new("admin")).await;
    let added = added.assert_ok(200);
    assert_eq!(added["status"], "active");
    assert_eq!(
        added["seats_now"],
        json!({ "in_use": 3, "limit": 2, "over_limit": true })
    );

    app.invite(&app.owner, publishing(&User::new("second").email))
        .await
        .assert_problem(409, "no-seat-left");
    // Someone who only connects accounts takes no seat, full or not.
    app.invite(&app.owner, json!({ "email": User::new("viewer").email }))
        .await
        .assert_ok(201);
    assert_eq!(app.seats().await["in_use"], 3);
}

#[tokio::test]
async fn the_host_lowering_the_seats_below_those_in_use_is_accepted_and_told_so() {
    let app = TestApp::spawn_with(with_seats(5)).await;
    app.add_member(&User::new("admin"), Role::Admin).await;
    app.invite(&app.owner, publishing(&User::new("brand").email))
        .await
        .assert_ok(201);

    let lowered = app
        .by_host(Endpoint::ProvisionWorkspace, app.workspace.as_str())
        .json(&json!({ "name": "Acme Social", "plan": "team", "seats": 2 }))
        .send()
        .await;
    let lowered = lowered.assert_ok(200);
    assert_eq!(lowered["seats"], 2, "the setting as written");
    assert_eq!(
        lowered["seats_now"],
        json!({ "in_use": 3, "limit": 2, "over_limit": true })
    );
    let seats = app.seats().await;
    assert_eq!(
        (&seats["in_use"], &seats["limit"], &seats["over_limit"]),
        (&json!(3), &json!(2), &json!(true))
    );
    app.invite(&app.owner, publishing(&User::new("another").email))
        .await
        .assert_problem(409, "no-seat-left");
}

#[tokio::test]
async fn the_seats_route_counts_agency_members_publishing_people_and_waiting_invitations() {
    let app = TestApp::spawn_with(with_seats(5)).await;
    app.host_adds_admin(&User::new("admin"))
        .await
        .assert_ok(200);
    // A publishing person who joined, one still invited, one revoked.
    let publisher = User::new("publisher");
    app.invite(&app.owner, publishing(&publisher.email))
        .await
        .assert_ok(201);
    let token = app.latest_link_token(&publisher.email).await;
    app.accept(&publisher, &token).await.assert_ok(200);
    app.invite(&app.owner, publishing(&User::new("waiting").email))
        .await
        .assert_ok(201);
    let revoked = app
        .invite(&app.owner, publishing(&User::new("revoked").email))
        .await;
    let revoked = revoked.assert_ok(201)["id"].as_str().unwrap().to_owned();
    app.revoke(&app.owner, &revoked).await.assert_ok(200);
    // A person who only connects accounts, joined: no seat.
    let connector = User::new("connector");
    app.invite(&app.owner, json!({ "email": connector.email }))
        .await
        .assert_ok(201);
    let token = app.latest_link_token(&connector.email).await;
    app.accept(&connector, &token).await.assert_ok(200);

    let seats = app.seats().await;
    assert_eq!(
        seats,
        json!({
            "workspace_id": app.workspace.as_str(),
            "plan": "team",
            "limit": 5,
            "in_use": 4,
            "over_limit": false,
            "by_kind": { "agency_members": 2, "publishing_people": 1, "waiting_invitations": 1 },
        })
    );
    // The same figure the seat guard counts with.
    let guarded = app
        .state
        .store
        .seats_in_use(&app.workspace, app.clock.now())
        .await
        .unwrap();
    assert_eq!(guarded, 4);
}

#[tokio::test]
async fn the_seats_route_answers_only_the_host_and_only_for_a_workspace_that_exists() {
    let app = TestApp::spawn().await;
    app.by_owner(Endpoint::ReadSeats)
        .send()
        .await
        .assert_problem(403, "iam-required");
    app.by_host(Endpoint::ReadSeats, "ws-nobody-made")
        .send()
        .await
        .assert_problem(404, "workspace-not-found");
}

/// The race driven on purpose: an invitation that counted the seats before the host
/// added a member writes under the seat version the member moved on, so it counts
/// again and is refused, instead of taking the seat the member now holds.
#[tokio::test]
async fn a_publishing_invitation_counted_before_the_host_added_a_member_is_refused() {
    let app = TestApp::spawn_with(with_seats(2)).await;
    let table = app.table.clone();
    let pk = json!({ "S": format!("WS#{}", app.workspace.as_str()) });
    let caller_and_workspace = wire_call(
        "BatchGetItem",
        json!({ "RequestItems": { &table: { "ConsistentRead": true, "Keys": [
            { "pk": pk, "sk": { "S": format!("MEMBER#{}", app.owner.sub) } },
            { "pk": pk, "sk": { "S": "META" } },
        ] } } }),
    )
    .await;
    let partition = wire_call(
        "Query",
        json!({ "TableName": &table, "ConsistentRead": true,
                "KeyConditionExpression": "pk = :pk",
                "ExpressionAttributeValues": { ":pk": pk } }),
    )
    .await;
    let (read_before, counted_before) = (
        answering_as_it_was(&caller_and_workspace).await,
        answering_as_it_was(&partition).await,
    );

    app.host_adds_admin(&User::new("admin"))
        .await
        .assert_ok(200);
    let seat_table = table.clone();
    let as_it_was = Arc::new(Mutex::new(vec![
        Divert {
            operation: "BatchGetItem",
            when: Box::new(move |input| {
                input
                    .downcast_ref::<BatchGetItemInput>()
                    .and_then(|batch| batch.request_items())
                    .is_some_and(|items| items.contains_key(&table))
            }),
            to: read_before.uri(),
        },
        Divert {
            operation: "Query",
            when: Box::new(move |input| {
                input.downcast_ref::<QueryInput>().is_some_and(|query| {
                    query.table_name() == Some(seat_table.as_str())
                        && query.index_name().is_none()
                        && query
                            .expression_attribute_values()
                            .and_then(|values| values.get(":from"))
                            == Some(&AttributeValue::S("CLIENT#".into()))
                })
            }),
            to: counted_before.uri(),
        },
    ]));
    let refused = DIVERTED
        .scope(as_it_was, async {
            let reply = app
                .invite(&app.owner, publishing(&User::new("late").email))
                .await;
            assert_eq!(diversions_left(), 0, "the invitation counted as it was");
            reply
        })
        .await;

    refused.assert_problem(409, "no-seat-left");
    assert_eq!(app.seats().await["in_use"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_publishing_invitations_and_a_new_member_at_once_take_one_free_seat_at_most_once() {
    let app = TestApp::spawn_with(with_seats(2)).await; // the owner holds one
    let invitees: Vec<User> = (0..10).map(|n| User::new(&format!("racer{n}"))).collect();
    let admin = User::new("admin");

    let invitations = join_all(
        invitees
            .iter()
            .map(|invitee| app.invite(&app.owner, publishing(&invitee.email))),
    );
    let (invitations, member) = tokio::join!(invitations, app.host_adds_admin(&admin));

    let taken = invitations
        .iter()
        .filter(|reply| reply.status == 201)
        .count();
    assert!(taken <= 1, "{taken} invitations took the one free seat");
    for refused in invitations.iter().filter(|reply| reply.status != 201) {
        let slug = refused.problem_type();
        assert!(
            slug == "no-seat-left" || slug == "concurrent-change",
            "{slug}"
        );
    }
    // The host's member is never refused for want of a seat.
    assert!(
        member.status == 200 || member.problem_type() == "concurrent-change",
        "{member:?}"
    );
    let seats = app.seats().await;
    let members = u64::from(member.status == 200);
    assert_eq!(
        seats["by_kind"]["waiting_invitations"].as_u64(),
        Some(taken as u64)
    );
    assert_eq!(
        seats["in_use"].as_u64(),
        Some(1 + members + taken as u64),
        "the owner, the member if added, and at most one invitation"
    );
}

#[tokio::test]
async fn the_clients_card_says_how_many_seats_are_used_and_when_none_is_left() {
    let app = TestApp::spawn_with(with_seats(3)).await;
    let (mut browser, _) = signed_in_owner(&app).await; // a second owner: two seats

    let card = browser.agency_page("/workspace/clients").await;
    assert_eq!(texts(&card, "#seats-used"), ["2 of 3 seats used"]);
    assert!(!has(&card, "#seats-warning"), "{card}");

    app.invite(&app.owner, publishing(&User::new("brand").email))
        .await
        .assert_ok(201);
    let card = browser.agency_page("/workspace/clients").await;
    assert_eq!(texts(&card, "#seats-used"), ["3 of 3 seats used"]);
    let warning = texts(&card, "#seats-warning").join(" ");
    assert!(warning.contains("Every seat is taken"), "{warning}");

    app.host_adds_admin(&User::new("admin"))
        .await
        .assert_ok(200);
    let card = browser.agency_page("/workspace/clients").await;
    assert_eq!(texts(&card, "#seats-used"), ["4 of 3 seats used"]);
    let warning = texts(&card, "#seats-warning").join(" ");
    assert!(
        warning.contains("uses 1 seat more than its plan pays for"),
        "{warning}"
    );
}

#[tokio::test]
async fn a_workspace_not_on_the_team_plan_sees_the_plan_requirement_before_inviting() {
    let app = TestApp::spawn_with(Setup {
        plan: Plan::Solo,
        ..Setup::default()
    })
    .await;
    let (mut browser, _) = signed_in_owner(&app).await;

    let card = browser.agency_page("/workspace/clients").await;
    let hint = texts(&card, "#invite-blocked").join(" ");
    assert!(hint.contains("Team plan required"), "{hint}");
    assert!(
        hint.contains("Settings → Billing"),
        "the upgrade hint: {hint}"
    );
    assert!(
        has(&card, "button[disabled][aria-describedby='invite-blocked']"),
        "the invite form's submit is off: {card}"
    );
}

#[tokio::test]
async fn an_inviter_whose_email_is_not_verified_is_refused_and_told_why() {
    let app = TestApp::spawn().await;
    let invited = app
        .invite(&app.owner, json!({ "email": User::new("brand").email }))
        .await;
    let invitation = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let unverified = app.unverified_token(&app.owner);

    let refused = app
        .invite_in(
            &app.workspace,
            &unverified,
            json!({ "email": User::new("other").email }),
        )
        .await;
    refused.assert_problem(403, "inviter-email-not-verified");
    assert!(
        refused.body["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("Verify it with your sign-in provider")),
        "{:?}",
        refused.body
    );
    let unverified_call = |endpoint| {
        app.request(endpoint)
            .in_workspace(&app.workspace)
            .bearer(&unverified)
    };
    unverified_call(Endpoint::ResendInvite)
        .param("invitation_id", &invitation)
        .send()
        .await
        .assert_problem(403, "inviter-email-not-verified");
    let link = |body: Value| {
        unverified_call(Endpoint::UpdateInviteLink)
            .json(&body)
            .send()
    };
    link(json!({ "enabled": true }))
        .await
        .assert_problem(403, "inviter-email-not-verified");
    // A new address for a working link invites too; for a link that is off it does not.
    app.invite_link_call(Endpoint::UpdateInviteLink, Some(json!({ "enabled": true })))
        .await
        .assert_ok(200);
    let refresh = || unverified_call(Endpoint::RefreshInviteLink).send();
    refresh()
        .await
        .assert_problem(403, "inviter-email-not-verified");
    // Tidying up invites nobody: turning the link off and revoking still work.
    link(json!({ "enabled": false })).await.assert_ok(200);
    refresh().await.assert_ok(200);
    unverified_call(Endpoint::RevokeInvite)
        .param("invitation_id", &invitation)
        .send()
        .await
        .assert_ok(200);
}

#[tokio::test]
async fn the_clients_card_tells_an_unverified_inviter_why_they_cannot_invite() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    browser.agency_page("/workspace/clients").await; // signed in
    unverify_session(&app, &browser).await;

    let card = browser.agency_page("/workspace/clients").await;
    let hint = texts(&card, "#invite-blocked").join(" ");
    assert!(hint.contains("Inviter's email not verified"), "{hint}");
    assert!(has(
        &card,
        "button[disabled][aria-describedby='invite-blocked']"
    ));

    // A form sent anyway is refused on the card, with nothing sent.
    let invitee = User::new("brand");
    let workspace = app.workspace.to_string();
    let csrf = field(&card, "csrf");
    let refused = browser
        .submit(
            "/workspace/clients",
            &[
                ("workspace", workspace.as_str()),
                ("csrf", csrf.as_str()),
                ("action", "invite"),
                ("client_name", "Brand"),
                ("email", &invitee.email),
                ("platform", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(
        text(html(&refused)).contains("Verify it with your sign-in provider"),
        "{}",
        html(&refused)
    );
    assert!(app.emails_to(&invitee.email).await.is_empty());
}

/// Marks the browser's session as one whose sign-in did not verify the email (the
/// local provider verifies every address).
async fn unverify_session(app: &TestApp, browser: &Browser<'_>) {
    let token = browser
        .cookie("cc_session")
        .or_else(|| browser.cookie("__Host-cc_session"))
        .expect("signed in");
    app.dynamo
        .update_item()
        .table_name(&app.table)
        .key(
            "pk",
            AttributeValue::S(format!(
                "SESSION#{}",
                clientconnect::crypto::sha256_hex(&token)
            )),
        )
        .key("sk", AttributeValue::S("SECRET".into()))
        .update_expression("SET email_verified = :no")
        .condition_expression("attribute_exists(pk)")
        .expression_attribute_values(":no", AttributeValue::Bool(false))
        .send()
        .await
        .expect("the session is marked unverified");
}
