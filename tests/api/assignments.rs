//! One of the agency's own accounts assigned to several clients, each assignment with
//! its own settings (does the client approve posts, whose credentials publish): what
//! each client sees, what the token service serves for each, who is told, and what
//! removing a client or the account leaves behind.

use serde_json::{json, Value};

use clientconnect::domain::Role;

use url::Url;

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, Reply, TestApp, User};
use crate::markup::{field_of, text};
use crate::pages::{html, Browser};

impl TestApp {
    /// `user` assigns (or changes) `connection` for `client_id` with `settings`.
    async fn put_assignment_by(
        &self,
        user: &User,
        connection: &str,
        client_id: &str,
        settings: Value,
    ) -> Reply {
        self.request(Endpoint::PutAssignment)
            .in_workspace(&self.workspace)
            .param("connection_id", connection)
            .param("client_id", client_id)
            .json(&settings)
            .by(user)
            .send()
            .await
    }

    pub(crate) async fn put_assignment(
        &self,
        connection: &str,
        client_id: &str,
        settings: Value,
    ) -> Reply {
        self.put_assignment_by(&self.owner, connection, client_id, settings)
            .await
    }

    async fn delete_assignment_by(&self, user: &User, connection: &str, client_id: &str) -> Reply {
        self.request(Endpoint::DeleteAssignment)
            .in_workspace(&self.workspace)
            .param("connection_id", connection)
            .param("client_id", client_id)
            .by(user)
            .send()
            .await
    }

    /// The one account assigned to `user`'s client that they see, with the one
    /// assignment they see of it.
    async fn only_assignment_seen_by(&self, user: &User) -> Value {
        let seen = self.list_connections(user).await;
        let assigned: Vec<&Value> = seen
            .iter()
            .filter(|row| row.get("assignments").is_some())
            .collect();
        assert_eq!(assigned.len(), 1, "{seen:?}");
        let assignments = assigned[0]["assignments"].as_array().unwrap();
        assert_eq!(assignments.len(), 1, "a client sees only its own: {seen:?}");
        assignments[0].clone()
    }

    /// The agency's account of `platform`, connected by the owner as `account`.
    pub(crate) async fn agency_account(&self, platform: &str, account: &str) -> String {
        self.provider.sign_in_as(platform, account, "Acme Brand");
        let landed = self.connect(&self.owner, platform).await;
        assert_eq!(landed.result(), "connected");
        landed.connection_id().unwrap()
    }

    /// Items of the table whose sort key starts with `prefix`.
    async fn items_starting(&self, prefix: &str) -> usize {
        self.snapshot()
            .await
            .iter()
            .filter(|item| item["sk"].as_s().is_ok_and(|sk| sk.starts_with(prefix)))
            .count()
    }
}

#[tokio::test]
async fn one_account_assigned_to_two_clients_shows_each_its_own_approval_and_taking_it_from_one_leaves_the_other(
) {
    let app = TestApp::spawn().await;
    let (first, first_id) = app.client_allowed(json!(["youtube"])).await;
    let (second, second_id) = app.client_allowed(json!(["youtube"])).await;
    let own = app.agency_account("x", "agency-x").await;

    let assigned = app
        .put_assignment(&own, &first_id, json!({ "client_approves_posts": true }))
        .await;
    let body = assigned.assert_ok(200);
    assert_eq!(
        (body["credentials"].as_str(), body["status"].as_str()),
        (Some("agency"), Some("ready"))
    );
    assert_eq!(body["notified"], 1);
    app.put_assignment(&own, &second_id, json!({ "client_approves_posts": false }))
        .await
        .assert_ok(200);

    let theirs = app.only_assignment_seen_by(&first).await;
    assert_eq!(
        (
            theirs["client_id"].as_str(),
            theirs["client_approves_posts"].as_bool()
        ),
        (Some(first_id.as_str()), Some(true))
    );
    let theirs = app.only_assignment_seen_by(&second).await;
    assert_eq!(
        (
            theirs["client_id"].as_str(),
            theirs["client_approves_posts"].as_bool()
        ),
        (Some(second_id.as_str()), Some(false))
    );
    let agency = app.list_connections(&app.owner).await;
    assert_eq!(agency[0]["assignments"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.emails_about(&first.email, "assigned Acme Brand to you")
            .await,
        1
    );

    // The same settings again change nothing and tell nobody.
    let again = app
        .put_assignment(&own, &first_id, json!({ "client_approves_posts": true }))
        .await;
    assert_eq!(again.assert_ok(200)["notified"], 0);

    app.delete_assignment_by(&app.owner, &own, &first_id)
        .await
        .assert_ok(200);
    assert!(app.list_connections(&first).await.is_empty());
    assert_eq!(
        app.only_assignment_seen_by(&second).await["client_id"],
        second_id.as_str()
    );
    assert_eq!(
        app.emails_about(&first.email, "no longer shares Acme Brand")
            .await,
        1
    );
    assert_eq!(app.emails_about(&second.email, "no longer shares").await, 0);
    app.delete_assignment_by(&app.owner, &own, &first_id)
        .await
        .assert_problem(404, "assignment-not-found");

    let told: Vec<String> = app
        .audit_trail()
        .await
        .iter()
        .filter_map(|item| item["data"]["type"].as_str().map(str::to_owned))
        .filter(|kind| kind.starts_with("connection.") && kind.contains("assigned"))
        .collect();
    assert_eq!(
        told,
        [
            "connection.unassigned",
            "connection.assigned",
            "connection.assigned"
        ],
        "newest first; the unchanged put recorded nothing"
    );
}

#[tokio::test]
async fn with_the_clients_credentials_it_waits_until_the_client_connects_the_same_account_then_publishes_with_theirs(
) {
    let app = TestApp::spawn().await;
    let (first, first_id) = app.client_allowed(json!(["youtube"])).await;
    let (_, second_id) = app.client_allowed(json!(["youtube"])).await;
    let own = app.agency_account("youtube", "shared-yt").await;

    let asked = app
        .put_assignment(&own, &first_id, json!({ "credentials": "client" }))
        .await;
    assert_eq!(asked.assert_ok(200)["status"], "waiting");
    app.put_assignment(&own, &second_id, json!({ "credentials": "agency" }))
        .await
        .assert_ok(200);
    assert_eq!(
        app.only_assignment_seen_by(&first).await["status"],
        "waiting"
    );
    assert_eq!(
        app.emails_about(&first.email, "Action needed: connect YouTube")
            .await,
        1
    );
    app.token_service(&own)
        .query("for_client", &first_id)
        .send()
        .await
        .assert_problem(409, "assignment-waiting");

    // The client connects that very account as its own, beside the agency's.
    app.provider
        .sign_in_as("youtube", "shared-yt", "Acme Brand");
    let landed = app.connect(&first, "youtube").await;
    assert_eq!(landed.result(), "connected");
    let mine = landed.connection_id().unwrap();
    assert_ne!(mine, own);

    let seen = app.only_assignment_seen_by(&first).await;
    assert_eq!(
        (
            seen["status"].as_str(),
            seen["client_connection_id"].as_str()
        ),
        (Some("ready"), Some(mine.as_str()))
    );
    let served = |reply: Reply| {
        reply.assert_ok(200)["connection_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let for_first = app
        .token_service(&own)
        .query("for_client", &first_id)
        .send()
        .await;
    assert_eq!(
        served(for_first),
        mine,
        "the client's credentials publish for it"
    );
    let for_second = app
        .token_service(&own)
        .query("for_client", &second_id)
        .send()
        .await;
    assert_eq!(served(for_second), own, "the agency's for the other");
    assert_eq!(served(app.token_service(&own).send().await), own);
    let agency = app.list_connections(&app.owner).await;
    let own_row = agency.iter().find(|row| row["id"] == own.as_str()).unwrap();
    assert!(own_row["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|assignment| assignment["status"] == "ready"));

    // Not assigned to a client: nothing is served for it.
    let (_, stranger_id) = app.client_allowed(json!(["youtube"])).await;
    app.token_service(&own)
        .query("for_client", &stranger_id)
        .send()
        .await
        .assert_problem(404, "assignment-not-found");
}

#[tokio::test]
async fn removing_a_client_or_disconnecting_the_account_takes_its_assignments_away() {
    let app = TestApp::spawn().await;
    let (_, first_id) = app.client_allowed(json!(["x"])).await;
    let (second, second_id) = app.client_allowed(json!(["x"])).await;
    let own = app.agency_account("linkedin", "agency-li").await;
    for client in [&first_id, &second_id] {
        app.put_assignment(&own, client, json!({}))
            .await
            .assert_ok(200);
    }
    assert_eq!(app.items_starting("ASSIGN#").await, 2);

    app.remove_client(&first_id, "keep").await.assert_ok(200);
    assert_eq!(app.items_starting("ASSIGN#").await, 1);
    let agency = app.list_connections(&app.owner).await;
    let clients: Vec<&str> = agency[0]["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|assignment| assignment["client_id"].as_str())
        .collect();
    assert_eq!(clients, [second_id.as_str()]);
    assert_eq!(app.list_connections(&second).await.len(), 1);

    app.disconnect(&app.owner, &own).await.assert_ok(200);
    assert!(app.list_connections(&second).await.is_empty());
    assert_eq!(
        app.items_starting("ASSIGN#").await,
        0,
        "nothing left behind"
    );
}

#[tokio::test]
async fn a_clients_person_and_a_plain_member_cannot_assign_or_take_an_account_away() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x"])).await;
    let member = User::new("member");
    app.add_member(&member, Role::Member).await;
    let own = app.agency_account("x", "agency-x").await;
    app.put_assignment(&own, &client_id, json!({}))
        .await
        .assert_ok(200);
    for user in [&client, &member] {
        app.put_assignment_by(
            user,
            &own,
            &client_id,
            json!({ "client_approves_posts": true }),
        )
        .await
        .assert_problem(403, "not-workspace-admin");
        app.delete_assignment_by(user, &own, &client_id)
            .await
            .assert_problem(403, "not-workspace-admin");
    }
    assert_eq!(
        app.only_assignment_seen_by(&client).await["client_approves_posts"],
        false
    );
}

#[tokio::test]
async fn what_cannot_be_assigned_is_refused_with_its_own_problem() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["youtube"])).await;
    let own = app.agency_account("x", "agency-x").await;
    app.put_assignment(&own, &client_id, json!({ "credentials": "theirs" }))
        .await
        .assert_problem(422, "invalid-body");
    app.put_assignment(&own, &client_id, json!({ "approve": true }))
        .await
        .assert_problem(422, "invalid-body");
    // Its own credentials would never publish an X account it may not connect.
    app.put_assignment(&own, &client_id, json!({ "credentials": "client" }))
        .await
        .assert_problem(409, "client-cannot-connect");
    app.provider.sign_in_as("youtube", "client-yt", "Client YT");
    let theirs = app
        .connect(&client, "youtube")
        .await
        .connection_id()
        .unwrap();
    app.put_assignment(&theirs, &client_id, json!({}))
        .await
        .assert_problem(409, "not-an-agency-connection");
    let unknown = uuid::Uuid::now_v7().to_string();
    app.put_assignment(&own, &unknown, json!({}))
        .await
        .assert_problem(404, "client-not-found");
    app.put_assignment(&unknown, &client_id, json!({}))
        .await
        .assert_problem(404, "connection-not-found");
}

#[tokio::test]
async fn an_account_assigned_to_one_client_before_reads_as_one_assignment_and_keeps_it_when_another_is_added(
) {
    let app = TestApp::spawn().await;
    let (first, first_id) = app.client_allowed(json!(["x"])).await;
    let (second, second_id) = app.client_allowed(json!(["x"])).await;
    let own = app.agency_account("x", "agency-x").await;
    // As the route of before stored it: the client on the connection itself.
    app.dynamo
        .update_item()
        .table_name(&app.table)
        .key("pk", attr(&format!("WS#{}", app.workspace.as_str())))
        .key("sk", attr(&format!("CONN#{own}")))
        .update_expression("SET assigned_to = :client, gsi3pk = :index, gsi3sk = :sk")
        .expression_attribute_values(":client", attr(&first_id))
        .expression_attribute_values(
            ":index",
            attr(&format!("WS#{}#CLIENT#{first_id}", app.workspace.as_str())),
        )
        .expression_attribute_values(":sk", attr(&format!("CONN#{own}")))
        .send()
        .await
        .unwrap();
    let seen = app.only_assignment_seen_by(&first).await;
    assert_eq!(
        (
            seen["credentials"].as_str(),
            seen["client_approves_posts"].as_bool()
        ),
        (Some("agency"), Some(false)),
        "the default settings"
    );

    app.put_assignment(&own, &second_id, json!({ "client_approves_posts": true }))
        .await
        .assert_ok(200);
    assert_eq!(
        app.only_assignment_seen_by(&first).await["client_id"],
        first_id.as_str()
    );
    assert_eq!(
        app.only_assignment_seen_by(&second).await["client_approves_posts"],
        true
    );
    assert_eq!(
        app.items_starting("ASSIGN#").await,
        2,
        "the old one has its own item now"
    );
    assert_eq!(
        app.emails_about(&first.email, "assigned").await,
        0,
        "nothing new for it"
    );
}

fn attr(text: &str) -> aws_sdk_dynamodb::types::AttributeValue {
    aws_sdk_dynamodb::types::AttributeValue::S(text.to_owned())
}

#[tokio::test]
async fn the_connections_page_assigns_changes_and_takes_away_and_the_client_reads_it_on_its_connect_page(
) {
    let app = TestApp::spawn().await;
    let person = User::signing_in_locally("person");
    let client_id = app.joined_client(&person, json!(["youtube"])).await;
    let own = app.agency_account("youtube", "agency-yt").await;

    let (mut agency, _) = signed_in_owner(&app).await;
    let page = agency.agency_page("/workspace/connections").await;
    let assigned = agency
        .press(
            &page,
            "/workspace/connections",
            &[
                ("action", "assign"),
                (
                    "connection",
                    &field_of(&page, "Assign YouTube @Acme Brand", "connection"),
                ),
                ("client", &client_id),
                ("approves", "on"),
                ("credentials", "client"),
            ],
        )
        .await;
    let page = html(&assigned).to_owned();
    assert!(page.contains("The assignment is saved."), "{page}");
    assert!(
        text(&page).contains("they approve its posts · waiting for them to connect this account"),
        "{page}"
    );

    let mut theirs = Browser::new(&app).signing_in_as(&person.email);
    let mut connect_page = Url::parse("https://clients.acme.example/connect").unwrap();
    connect_page
        .query_pairs_mut()
        .append_pair("workspace", app.workspace.as_str());
    let seen = text(html(&theirs.open(&connect_page).await));
    assert!(seen.contains("Assigned to you by"), "{seen}");
    assert!(
        seen.contains("Acme Brand on YouTube (you approve its posts)"),
        "{seen}"
    );
    assert!(
        seen.contains("Waiting for you: connect this same YouTube account"),
        "{seen}"
    );

    // Changed to the agency's credentials, without approval: ready at once.
    let changed = agency
        .press(
            &page,
            "/workspace/connections",
            &[
                ("action", "assign"),
                ("connection", &own),
                ("client", &client_id),
                ("credentials", "agency"),
            ],
        )
        .await;
    assert!(
        text(html(&changed)).contains("no approval needed · the agency's credentials publish"),
        "{}",
        html(&changed)
    );
    let page = html(&changed).to_owned();
    let taken = agency
        .press(
            &page,
            "/workspace/connections",
            &[
                ("action", "unassign"),
                (
                    "connection",
                    &field_of(&page, "Take away YouTube @Acme Brand", "connection"),
                ),
                ("client", &client_id),
            ],
        )
        .await;
    assert!(html(&taken).contains("The account was taken away from that client."));
    let seen = text(html(&theirs.open(&connect_page).await));
    assert!(!seen.contains("Assigned to you by"), "{seen}");
    assert_eq!(app.emails_about(&person.email, "no longer shares").await, 1);
}

#[tokio::test]
async fn assignments_made_at_once_each_land_whole_or_are_refused_and_the_account_and_its_items_agree(
) {
    let app = TestApp::spawn().await;
    let mut clients = Vec::new();
    for _ in 0..6 {
        clients.push(app.client_allowed(json!(["x"])).await);
    }
    let own = app.agency_account("x", "agency-x").await;

    // Six admins' clicks at once, each for another client of the same account: each
    // write is conditioned on the assignments it read, so none overwrites another.
    let replies = futures::future::join_all(clients.iter().map(|(_, client_id)| {
        app.put_assignment(&own, client_id, json!({ "client_approves_posts": true }))
    }))
    .await;
    let mut landed: Vec<&str> = Vec::new();
    for (reply, (_, client_id)) in replies.iter().zip(&clients) {
        match reply.status {
            200 => landed.push(client_id),
            _ => reply.assert_problem(409, "concurrent-change"),
        }
    }
    assert!(!landed.is_empty(), "one of them goes first");

    let agency = app.list_connections(&app.owner).await;
    let mut assigned: Vec<&str> = agency[0]["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|assignment| assignment["client_id"].as_str())
        .collect();
    assigned.sort_unstable();
    landed.sort_unstable();
    assert_eq!(
        assigned, landed,
        "the account holds exactly the assignments that landed"
    );
    assert_eq!(app.items_starting("ASSIGN#").await, landed.len());
    for (person, client_id) in &clients {
        let sees = !app.list_connections(person).await.is_empty();
        assert_eq!(sees, landed.contains(&client_id.as_str()), "{client_id}");
    }
}
