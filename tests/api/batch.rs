//! Several people at once: the API's batch (`POST …/people/batch`) and the clients
//! card's ticked rows. Each person goes through the rules of their one-person route
//! and is done or refused on their own; the batch itself is refused whole only when it
//! is not one (too large, empty, repeated) or the caller may not act.

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemInput;
use clientconnect::domain::{InvitationId, Role};
use serde_json::{json, Value};
use time::Duration;

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, Reply, TestApp, User};
use crate::markup::{field, has, text};
use crate::observed::{answering_as_it_was, batch_as_it_is, diversions_left, Divert, DIVERTED};
use crate::pages::{html, Browser};

impl TestApp {
    /// `POST …/people/batch` by `as_user`.
    async fn batch(&self, as_user: &User, action: &str, people: &[&str]) -> Reply {
        self.request(Endpoint::BatchPeople)
            .in_workspace(&self.workspace)
            .json(&json!({ "action": action, "people": people }))
            .by(as_user)
            .send()
            .await
    }

    /// Invites `person` to a new client of their own; the invitation's id.
    async fn pending(&self, person: &User, body: Value) -> String {
        let mut body = body;
        body["email"] = json!(person.email);
        let reply = self.invite(&self.owner, body).await;
        reply.assert_ok(201)["id"].as_str().unwrap().to_owned()
    }

    /// Invites `person`, who accepts; their id (the invitation's).
    async fn joined(&self, person: &User) -> String {
        let (id, token) = self.invite_and_read_link(person).await;
        self.accept(person, &token).await.assert_ok(200);
        id
    }

    /// A person's status as the agency's list says it.
    async fn status_of(&self, id: &str) -> String {
        let listed = self.list(&self.owner, &[]).await;
        listed.assert_ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["id"] == id)
            .map(|item| item["status"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{id} is not listed"))
    }
}

/// Each item's id, outcome, status and problem slug, in the reply's order.
fn outcomes(reply: &Reply) -> Vec<(String, String, u64, String)> {
    reply.assert_ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["id"].as_str().unwrap().to_owned(),
                item["outcome"].as_str().unwrap().to_owned(),
                item["status"].as_u64().unwrap(),
                item["problem"]["type"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches(clientconnect::error::PROBLEM_BASE)
                    .to_owned(),
            )
        })
        .collect()
}

fn item(id: &str, outcome: &str, status: u64, slug: &str) -> (String, String, u64, String) {
    (id.to_owned(), outcome.into(), status, slug.into())
}

#[tokio::test]
async fn a_batch_reports_each_person_on_their_own_in_order_and_changes_only_what_it_may() {
    let app = TestApp::spawn().await;
    let pending = app.pending(&User::new("pending"), json!({})).await;
    let accepted = app.joined(&User::new("accepted")).await;
    let unknown = InvitationId::generate().to_string();

    let reply = app
        .batch(&app.owner, "revoke", &[&accepted, &unknown, &pending])
        .await;

    assert_eq!(
        outcomes(&reply),
        [
            item(&accepted, "refused", 409, "invitation-already-accepted"),
            item(&unknown, "refused", 404, "invitation-not-found"),
            item(&pending, "done", 200, ""),
        ]
    );
    assert_eq!(
        (reply.body["done"].as_u64(), reply.body["refused"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(reply.body["items"][2]["person"]["status"], "revoked");
    assert!(reply.body["items"][0]["problem"]["detail"]
        .as_str()
        .unwrap()
        .contains("already been accepted"));
    assert_eq!(app.status_of(&pending).await, "revoked");
    assert_eq!(app.status_of(&accepted).await, "active");
}

#[tokio::test]
async fn a_batch_resend_sends_new_links_and_refuses_the_one_emailed_moments_ago() {
    let app = TestApp::spawn().await;
    let (early, late) = (User::new("early"), User::new("late"));
    let early_id = app.pending(&early, json!({})).await;
    app.clock.advance(Duration::minutes(6));
    let late_id = app.pending(&late, json!({})).await;
    let first_link = app.latest_link_token(&early.email).await;

    let reply = app
        .batch(&app.owner, "resend", &[&early_id, &late_id])
        .await;

    assert_eq!(
        outcomes(&reply),
        [
            item(&early_id, "done", 200, ""),
            item(&late_id, "refused", 429, "resend-too-soon"),
        ]
    );
    assert_eq!(app.emails_to(&early.email).await.len(), 2);
    assert_eq!(app.emails_to(&late.email).await.len(), 1);
    app.preview(&first_link)
        .await
        .assert_problem(404, "invite-link-not-found");
}

/// The race driven on purpose: the batch reads its people before the invitation is
/// accepted, so its revoke is refused, and it reads the invitation again to say why.
#[tokio::test]
async fn a_person_accepted_between_the_batch_s_read_and_its_write_is_refused_with_why() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;
    let table = app.table.clone();
    let pk = format!("WS#{}", app.workspace.as_str());
    let as_it_was = batch_as_it_is(&table, &pk, &[format!("INVITE#{id}")]).await;
    let stale = answering_as_it_was(&as_it_was).await;
    app.accept(&client, &link_token).await.assert_ok(200);

    let people_read_as_they_were = Arc::new(Mutex::new(vec![Divert {
        operation: "BatchGetItem",
        when: Box::new(move |input| {
            input
                .downcast_ref::<BatchGetItemInput>()
                .and_then(|batch| batch.request_items()?.get(&table))
                .is_some_and(|wanted| {
                    wanted.keys().iter().all(|key| {
                        key.get("sk")
                            .and_then(|sk| sk.as_s().ok())
                            .is_some_and(|sk| sk.starts_with("INVITE#"))
                    })
                })
        }),
        to: stale.uri(),
    }]));
    let reply = DIVERTED
        .scope(people_read_as_they_were, async {
            let reply = app.batch(&app.owner, "revoke", &[&id]).await;
            assert_eq!(
                diversions_left(),
                0,
                "the batch read the person as they were"
            );
            reply
        })
        .await;

    assert_eq!(
        outcomes(&reply),
        [item(&id, "refused", 409, "invitation-already-accepted")]
    );
    assert_eq!(app.status_of(&id).await, "active");
}

#[tokio::test]
async fn expired_publishing_invitations_resent_in_one_batch_each_take_a_seat_again() {
    let app = TestApp::spawn().await;
    let publishing = json!({ "permissions": { "connect_accounts": true, "publish_posts": true } });
    let first = app.pending(&User::new("first"), publishing.clone()).await;
    let second = app.pending(&User::new("second"), publishing).await;
    app.age_past_expiry(&first).await;
    app.age_past_expiry(&second).await;
    app.clock.advance(Duration::minutes(6));

    // The first resend moves the seat version on: the second counts under the new one
    // instead of failing as if someone else had taken a seat.
    let reply = app.batch(&app.owner, "resend", &[&first, &second]).await;

    assert_eq!(
        outcomes(&reply),
        [
            item(&first, "done", 200, ""),
            item(&second, "done", 200, "")
        ]
    );
    assert_eq!(app.status_of(&first).await, "invited");
    assert_eq!(app.status_of(&second).await, "invited");
}

#[tokio::test]
async fn removing_in_a_batch_finds_each_person_s_client_deactivates_the_joined_and_revokes_the_pending(
) {
    let app = TestApp::spawn().await;
    let member = User::new("joined");
    let joined = app.joined(&member).await;
    let pending = app.pending(&User::new("pending"), json!({})).await;
    let stays = app.joined(&User::new("stays")).await;

    let reply = app.batch(&app.owner, "remove", &[&joined, &pending]).await;

    assert_eq!(
        outcomes(&reply),
        [
            item(&joined, "done", 200, ""),
            item(&pending, "done", 200, "")
        ]
    );
    assert_eq!(app.status_of(&joined).await, "deactivated");
    assert_eq!(app.status_of(&pending).await, "revoked");
    assert_eq!(app.status_of(&stays).await, "active");
    let again = app.batch(&app.owner, "remove", &[&joined]).await;
    assert_eq!(
        outcomes(&again),
        [item(&joined, "refused", 410, "client-removed")]
    );
    let unknown = InvitationId::generate().to_string();
    let nobody = app.batch(&app.owner, "remove", &[&unknown]).await;
    assert_eq!(
        outcomes(&nobody),
        [item(&unknown, "refused", 404, "person-not-found")]
    );
}

#[tokio::test]
async fn a_batch_of_more_than_twenty_five_or_empty_or_repeating_a_person_is_refused_and_nothing_is_done(
) {
    let app = TestApp::spawn().await;
    let pending = app.pending(&User::new("pending"), json!({})).await;
    let mut many: Vec<String> = (0..25)
        .map(|_| InvitationId::generate().to_string())
        .collect();
    many.push(pending.clone());
    let many: Vec<&str> = many.iter().map(String::as_str).collect();

    app.batch(&app.owner, "revoke", &many)
        .await
        .assert_problem(422, "batch-too-large");
    app.batch(&app.owner, "revoke", &[])
        .await
        .assert_problem(422, "batch-empty");
    let shouted = pending.to_uppercase();
    app.batch(&app.owner, "revoke", &[&pending, &shouted])
        .await
        .assert_problem(422, "batch-repeats-a-person");
    app.batch(&app.owner, "revoke", &[&pending, "not-an-id"])
        .await
        .assert_problem(422, "invalid-body");
    app.batch(&app.owner, "archive", &[&pending])
        .await
        .assert_problem(422, "invalid-body");

    assert_eq!(app.status_of(&pending).await, "invited");
}

#[tokio::test]
async fn a_person_of_a_client_or_a_plain_member_is_refused_the_batch_and_nothing_is_done() {
    let app = TestApp::spawn().await;
    let pending = app.pending(&User::new("pending"), json!({})).await;
    let person = User::new("person");
    app.joined(&person).await;
    let member = User::new("member");
    app.add_member(&member, Role::Member).await;

    for who in [&person, &member] {
        app.batch(who, "revoke", &[&pending])
            .await
            .assert_problem(403, "not-workspace-admin");
    }
    assert_eq!(app.status_of(&pending).await, "invited");
}

/// The audit trail's newest `count` entries, oldest first, with their own ids and times
/// left out and each id of `names` replaced by its name.
async fn recorded(app: &TestApp, count: usize, names: &[(String, &str)]) -> Vec<Value> {
    let trail = app.audit_trail().await;
    trail[..count]
        .iter()
        .rev()
        .map(|entry| {
            let mut entry = entry.clone();
            let object = entry.as_object_mut().unwrap();
            object.remove("event_id");
            object.remove("occurred_at");
            let mut said = entry.to_string();
            for (id, name) in names {
                said = said.replace(id.as_str(), name);
            }
            serde_json::from_str(&said).unwrap()
        })
        .collect()
}

/// One person who joined and two pending invitations: one to revoke, one to remove.
struct Round {
    person: User,
    joined: String,
    revoked: String,
    withdrawn: String,
}

impl Round {
    async fn invited(app: &TestApp) -> Self {
        let person = User::new("joined");
        Self {
            joined: app.joined(&person).await,
            person,
            revoked: app.pending(&User::new("revoked"), json!({})).await,
            withdrawn: app.pending(&User::new("withdrawn"), json!({})).await,
        }
    }

    /// Each id of the round, the same name in every round; `client_of` a person's client.
    fn names(&self, client_of: impl Fn(&str) -> String) -> Vec<(String, &'static str)> {
        vec![
            (self.joined.clone(), "joined"),
            (client_of(&self.joined), "joined-client"),
            (self.person.sub.clone(), "joined-user"),
            (self.revoked.clone(), "revoked"),
            (client_of(&self.revoked), "revoked-client"),
            (self.withdrawn.clone(), "withdrawn"),
            (client_of(&self.withdrawn), "withdrawn-client"),
        ]
    }
}

#[tokio::test]
async fn a_batch_records_the_same_events_and_audit_entries_as_the_one_person_routes() {
    let app = TestApp::spawn().await;
    // The same three people twice: acted on one by one, then in one batch.
    let (alone, together) = (Round::invited(&app).await, Round::invited(&app).await);
    let start = app.audit_trail().await.len();
    let listed = app.list(&app.owner, &[]).await;
    let client_of = |id: &str| -> String {
        listed.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["id"] == id)
            .unwrap()["client_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    app.revoke(&app.owner, &alone.revoked).await.assert_ok(200);
    for id in [&alone.joined, &alone.withdrawn] {
        app.request(Endpoint::RemovePerson)
            .in_workspace(&app.workspace)
            .param("client_id", &client_of(id))
            .param("person_id", id)
            .by(&app.owner)
            .send()
            .await
            .assert_ok(200);
    }
    let one_by_one = recorded(&app, 3, &alone.names(client_of)).await;
    assert_eq!(app.audit_trail().await.len(), start + 3);

    let revoking = app.batch(&app.owner, "revoke", &[&together.revoked]).await;
    assert_eq!(revoking.assert_ok(200)["done"], 1);
    let removing = app
        .batch(
            &app.owner,
            "remove",
            &[&together.joined, &together.withdrawn],
        )
        .await;
    assert_eq!(removing.assert_ok(200)["done"], 2);
    let batched = recorded(&app, 3, &together.names(client_of)).await;

    assert_eq!(app.audit_trail().await.len(), start + 6);
    assert_eq!(batched, one_by_one);
}

// ----- the clients card -----

/// The ticked people's button pressed on `page`, with its CSRF token.
async fn press_ticked(
    browser: &mut Browser<'_>,
    page: &str,
    action: &str,
    ticked: &[&str],
    confirmed: bool,
) -> Reply {
    let (csrf, workspace) = (field(page, "csrf"), browser.app().workspace.to_string());
    let mut fields = vec![
        ("workspace", workspace.as_str()),
        ("csrf", csrf.as_str()),
        ("action", action),
    ];
    fields.extend(ticked.iter().map(|id| ("selected", *id)));
    if confirmed {
        fields.push(("confirmed", "on"));
    }
    browser.submit("/workspace/clients", &fields).await
}

#[tokio::test]
async fn the_card_revokes_two_ticked_invitations_and_says_which_was_done_and_which_refused() {
    let app = TestApp::spawn().await;
    let (first, second, joined) = (User::new("first"), User::new("second"), User::new("joined"));
    let first_id = app.pending(&first, json!({})).await;
    let second_id = app.pending(&second, json!({})).await;
    let joined_id = app.joined(&joined).await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let card = browser.agency_page("/workspace/clients").await;
    for id in [&first_id, &second_id, &joined_id] {
        assert!(
            has(
                &card,
                &format!("input[type=checkbox][form=ticked-people][value='{id}']")
            ),
            "a box to tick for {id}: {card}"
        );
        assert!(has(&card, &format!("label[for='select-{id}']")));
    }
    assert!(has(&card, "form#ticked-people fieldset legend"));

    let revoked = press_ticked(
        &mut browser,
        &card,
        "revoke-selected",
        &[&first_id, &second_id, &joined_id],
        false,
    )
    .await;

    assert_eq!(revoked.status, 200);
    let said = text(html(&revoked));
    assert!(
        said.contains(&format!("Revoked {}, {}.", first.email, second.email)),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "Could not revoke {}: This invitation has already been accepted.",
            joined.email
        )),
        "{said}"
    );
    assert_eq!(app.status_of(&first_id).await, "revoked");
    assert_eq!(app.status_of(&second_id).await, "revoked");
    assert_eq!(app.status_of(&joined_id).await, "active");
}

#[tokio::test]
async fn removing_ticked_people_on_the_card_names_them_and_asks_first() {
    let app = TestApp::spawn().await;
    let joined = User::new("joined");
    let joined_id = app.joined(&joined).await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let card = browser.agency_page("/workspace/clients").await;

    let asked = press_ticked(&mut browser, &card, "remove-selected", &[&joined_id], false).await;
    let confirm = html(&asked);
    assert!(text(confirm).contains("Remove 1 person?"), "{confirm}");
    assert!(text(confirm).contains(&format!("{}: leaves the client at once", joined.email)));
    assert_eq!(
        app.status_of(&joined_id).await,
        "active",
        "asking changes nothing"
    );

    let removed = press_ticked(
        &mut browser,
        confirm,
        "remove-selected",
        &[&joined_id],
        true,
    )
    .await;
    assert!(
        text(html(&removed)).contains(&format!("Removed {}.", joined.email)),
        "{}",
        html(&removed)
    );
    assert_eq!(app.status_of(&joined_id).await, "deactivated");

    let nothing = press_ticked(&mut browser, html(&removed), "revoke-selected", &[], false).await;
    assert_eq!(nothing.status, 422);
    assert!(text(html(&nothing)).contains("Tick at least one person first."));
}
