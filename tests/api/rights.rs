//! A client's rights changed after it was made: seats taken and freed with the right to
//! publish, platforms taken away without silently losing connections, a read-only
//! client, two-factor sign-in ending the connect link, and who may change them.

use futures::future::join_all;
use serde_json::{json, Value};

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, Reply, Setup, TestApp, User};
use crate::observed::{
    answering_as_it_was, batch_as_it_is, diversions_left, next_batch_read_by, DIVERTED,
};
use crate::pages::html;

const HOST: &str = "arn:aws:iam::123456789012:role/host-product";

impl TestApp {
    /// What the host reads of `user_id`'s rights.
    pub(crate) async fn rights_of(&self, user_id: &str) -> Reply {
        self.request(Endpoint::ReadPersonRights)
            .in_workspace(&self.workspace)
            .param("user_id", user_id)
            .by_iam_principal(HOST)
            .send()
            .await
    }

    /// The owner changes `client_id`'s rights to `body`.
    pub(crate) async fn change_rights(&self, client_id: &str, body: Value) -> Reply {
        self.change_rights_as(&self.owner, client_id, body).await
    }

    pub(crate) async fn change_rights_as(
        &self,
        user: &User,
        client_id: &str,
        body: Value,
    ) -> Reply {
        self.request(Endpoint::UpdateClient)
            .in_workspace(&self.workspace)
            .param("client_id", client_id)
            .json(&body)
            .by(user)
            .send()
            .await
    }

    /// A client of two people, one who joined and one still invited, connecting only.
    async fn client_of_two(&self) -> (String, User, User) {
        let joined = User::new("joined");
        let reply = self
            .invite(&self.owner, json!({ "email": joined.email }))
            .await;
        let client_id = reply.assert_ok(201)["client_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let link = self.latest_link_token(&joined.email).await;
        self.accept(&joined, &link).await.assert_ok(200);
        let invited = User::new("invited");
        self.invite(
            &self.owner,
            json!({ "email": invited.email, "client_id": client_id }),
        )
        .await
        .assert_ok(201);
        (client_id, joined, invited)
    }

    /// Invites a new person who may publish: whether a seat was free for them.
    async fn a_publisher_fits(&self) -> Reply {
        self.invite(
            &self.owner,
            json!({ "email": User::new("publisher").email, "permissions": { "publish_posts": true } }),
        )
        .await
    }
}

const PUBLISH: &str = r#"{ "permissions": { "connect_accounts": true, "publish_posts": true } }"#;

fn publish() -> Value {
    serde_json::from_str(PUBLISH).unwrap()
}

#[tokio::test]
async fn giving_a_client_the_right_to_publish_takes_a_seat_for_each_of_its_people_and_taking_it_away_frees_them(
) {
    // Four seats: the owner takes one; the client's two people will take two more.
    let app = TestApp::spawn_with(Setup {
        seats: 4,
        ..Setup::default()
    })
    .await;
    let (client_id, _, _) = app.client_of_two().await;

    let changed = app.change_rights(&client_id, publish()).await;

    let body = changed.assert_ok(200);
    assert_eq!(body["permissions"]["publish_posts"], true);
    assert_eq!(body["people"].as_array().unwrap().len(), 2);
    // One seat is left: one more publisher fits, a second does not.
    app.a_publisher_fits().await.assert_ok(201);
    app.a_publisher_fits()
        .await
        .assert_problem(409, "no-seat-left");

    // Taking the right away frees both seats at once.
    app.change_rights(
        &client_id,
        json!({ "permissions": { "connect_accounts": true } }),
    )
    .await
    .assert_ok(200);
    app.a_publisher_fits().await.assert_ok(201);
    app.a_publisher_fits().await.assert_ok(201);
}

#[tokio::test]
async fn giving_the_right_to_publish_without_a_seat_for_every_person_is_refused_and_changes_nothing(
) {
    // Two seats: the owner's, and one: not enough for the client's two people.
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    let (client_id, _, _) = app.client_of_two().await;
    let before = app.snapshot().await;

    app.change_rights(&client_id, publish())
        .await
        .assert_problem(409, "no-seat-left");

    assert_eq!(app.snapshot().await, before, "nothing was written");
}

#[tokio::test]
async fn taking_a_platform_away_asks_what_becomes_of_the_connections_there_and_keeps_or_disconnects_them(
) {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x", "youtube"])).await;
    app.provider.sign_in_as("x", "x-brand", "X brand");
    let landed = app.connect(&client, "x").await;
    let connection = landed.connection_id().unwrap();
    let only_youtube = json!({ "platforms": ["youtube"] });
    let before = app.snapshot().await;

    let asked = app.change_rights(&client_id, only_youtube.clone()).await;

    asked.assert_problem(409, "connections-outside-rights");
    let detail = asked.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("X") && detail.contains("1 connected"),
        "{detail}"
    );
    assert_eq!(app.snapshot().await, before, "nothing was written");

    let mut keep = only_youtube.clone();
    keep["connections"] = json!("keep");
    let kept = app.change_rights(&client_id, keep).await;
    let body = kept.assert_ok(200);
    assert_eq!(body["platforms"], json!(["youtube"]));
    assert_eq!(body["kept_outside_rights"][0]["id"], connection.as_str());
    assert_eq!(
        app.list_connections(&app.owner).await.len(),
        1,
        "still there"
    );
    // The client can no longer connect X.
    app.start_connect(&client, "x")
        .await
        .assert_problem(403, "platform-not-allowed");

    // Given back and taken again, this time disconnected.
    app.change_rights(&client_id, json!({ "platforms": ["x", "youtube"] }))
        .await
        .assert_ok(200);
    let mut disconnect = only_youtube;
    disconnect["connections"] = json!("disconnect");
    let disconnected = app.change_rights(&client_id, disconnect).await;
    assert_eq!(
        disconnected.assert_ok(200)["disconnected"][0]["id"],
        connection.as_str()
    );
    assert!(app.list_connections(&app.owner).await.is_empty());
}

#[tokio::test]
async fn a_read_only_client_sees_its_accounts_and_can_neither_connect_nor_disconnect() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x"])).await;
    app.provider.sign_in_as("x", "x-ro", "X read only");
    let connection = app.connect(&client, "x").await.connection_id().unwrap();

    let neither = json!({ "permissions": { "connect_accounts": false, "publish_posts": false } });
    let changed = app.change_rights(&client_id, neither).await;
    assert_eq!(
        changed.assert_ok(200)["permissions"]["connect_accounts"],
        false
    );

    assert_eq!(app.list_connections(&client).await.len(), 1, "sees it");
    app.start_connect(&client, "x")
        .await
        .assert_problem(403, "platform-not-allowed");
    app.request(Endpoint::Disconnect)
        .in_workspace(&app.workspace)
        .param("connection_id", &connection)
        .by(&client)
        .send()
        .await
        .assert_problem(403, "platform-not-allowed");
    assert_eq!(app.list_connections(&app.owner).await.len(), 1);
}

#[tokio::test]
async fn requiring_two_factor_sign_in_ends_the_clients_connect_link_in_the_same_change() {
    let app = TestApp::spawn().await;
    let (_, client_id) = app.client_allowed(json!(["x"])).await;
    app.make_connect_link(&client_id, None).await.assert_ok(201);

    let changed = app
        .change_rights(&client_id, json!({ "two_factor_required": true }))
        .await;

    assert_eq!(changed.assert_ok(200)["two_factor_required"], true);
    let told: Vec<String> = app
        .audit_trail()
        .await
        .iter()
        .take(2)
        .map(|item| item["data"]["type"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        told.contains(&"client.rights_changed".to_owned())
            && told.contains(&"connect_link.revoked".to_owned()),
        "{told:?}"
    );
    let links = app
        .all_table_items()
        .await
        .into_iter()
        .filter(|item| {
            item.get("pk")
                .and_then(|pk| pk.as_s().ok())
                .is_some_and(|pk| pk.starts_with("LINK#"))
        })
        .filter(|item| {
            item.get("client_id")
                .and_then(|id| id.as_s().ok())
                .is_some_and(|id| id == &client_id)
        })
        .count();
    assert_eq!(links, 0, "the link is gone");
}

#[tokio::test]
async fn the_same_rights_again_change_nothing_and_record_nothing() {
    let app = TestApp::spawn().await;
    let (_, client_id) = app.client_allowed(json!(["x"])).await;
    let before = app.snapshot().await;

    let same = app
        .change_rights(&client_id, json!({ "platforms": ["x", "x"] }))
        .await;

    assert_eq!(same.assert_ok(200)["platforms"], json!(["x"]));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn only_an_owner_or_admin_changes_rights_and_a_bad_change_is_refused_clearly() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x"])).await;
    let member = User::new("member");
    app.add_member(&member, clientconnect::domain::Role::Member)
        .await;

    for someone in [&client, &member] {
        app.change_rights_as(someone, &client_id, publish())
            .await
            .assert_problem(403, "not-workspace-admin");
    }
    app.change_rights(&client_id, json!({ "platforms": [] }))
        .await
        .assert_problem(422, "invalid-body");
    app.change_rights(&client_id, json!({ "platforms": ["myspace"] }))
        .await
        .assert_problem(422, "invalid-body");
    app.change_rights(&client_id, json!({ "rights": "all" }))
        .await
        .assert_problem(422, "invalid-body");
    app.change_rights(&uuid::Uuid::new_v4().to_string(), publish())
        .await
        .assert_problem(404, "client-not-found");
    app.remove_client(&client_id, "keep").await.assert_ok(200);
    app.change_rights(&client_id, publish())
        .await
        .assert_problem(410, "client-removed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_rights_changes_and_joins_at_once_for_one_free_seat_take_it_at_most_once() {
    // Two seats: the owner's, and one free.
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    // Five clients of one joined person each, none publishing: giving any of them the
    // right to publish takes the free seat, as does any of five publishing invitations.
    let mut clients = Vec::new();
    for n in 0..5 {
        let person = User::new(&format!("p{n}"));
        let reply = app
            .invite(&app.owner, json!({ "email": person.email }))
            .await;
        let client_id = reply.assert_ok(201)["client_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let link = app.latest_link_token(&person.email).await;
        app.accept(&person, &link).await.assert_ok(200);
        clients.push(client_id);
    }

    let (changes, joins) = futures::future::join(
        join_all(
            clients
                .iter()
                .map(|client_id| app.change_rights(client_id, publish())),
        ),
        join_all((0..5).map(|_| app.a_publisher_fits())),
    )
    .await;

    let replies: Vec<&Reply> = changes.iter().chain(joins.iter()).collect();
    let granted = replies
        .iter()
        .filter(|reply| reply.status == 200 || reply.status == 201)
        .count();
    assert!(granted <= 1, "{replies:#?}");
    for reply in replies.iter().filter(|reply| reply.status >= 400) {
        assert!(
            ["no-seat-left", "concurrent-change"].contains(&reply.problem_type()),
            "{reply:#?}"
        );
    }
    if granted == 1 {
        app.a_publisher_fits()
            .await
            .assert_problem(409, "no-seat-left");
    }
}

#[tokio::test]
async fn on_the_card_an_owner_changes_a_clients_rights_and_is_asked_before_its_connections_fall_outside_them(
) {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x", "youtube"])).await;
    app.provider.sign_in_as("x", "x-card", "X card");
    app.connect(&client, "x").await;
    app.make_connect_link(&client_id, None).await.assert_ok(201);
    let (mut browser, _) = signed_in_owner(&app).await;
    let card = browser.agency_page("/workspace/clients").await;
    assert!(card.contains("Change rights"), "{card}");

    let page = browser
        .agency_page(&format!("/workspace/client-rights?client={client_id}"))
        .await;
    let only_youtube = [
        ("client", client_id.as_str()),
        ("platform", "youtube"),
        ("manage_inbox", "on"),
    ];
    let asked = browser
        .press(&page, "/workspace/client-rights", &only_youtube)
        .await;

    assert_eq!(asked.status, 409);
    let asked_page = html(&asked).to_owned();
    assert!(
        asked_page.contains("Its connected accounts on X") && asked_page.contains("Keep them"),
        "{asked_page}"
    );
    let mut disconnect = only_youtube.to_vec();
    disconnect.extend([("connections", "disconnect"), ("two_factor_required", "on")]);
    let saved = browser
        .press(&asked_page, "/workspace/client-rights", &disconnect)
        .await;
    let after = html(&saved);
    assert!(
        after.contains("rights are saved; its people may do what they now say"),
        "{after}"
    );
    // Nothing but the inbox ticked: read-only on YouTube, and the inbox.
    assert!(
        after.contains("See their YouTube accounts; manage the inbox"),
        "{after}"
    );
    assert!(
        app.list_connections(&app.owner).await.is_empty(),
        "disconnected"
    );
    let trail = app.audit_trail().await;
    let rights = trail
        .iter()
        .find(|item| item["data"]["type"] == "client.rights_changed")
        .expect("recorded");
    assert_eq!(rights["data"]["two_factor_required"], true);
    assert_eq!(rights["data"]["connections_disconnected"], true);
    assert_eq!(rights["data"]["platforms_removed"], json!(["x"]));
}

#[tokio::test]
async fn the_host_reads_a_persons_role_client_rights_and_accounts_and_a_narrowed_person_gets_less()
{
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x", "youtube"])).await;
    app.provider.sign_in_as("x", "x-host", "X for the host");
    let connection = app.connect(&client, "x").await.connection_id().unwrap();
    let narrowed = User::new("narrowed");
    app.invite(
        &app.owner,
        json!({ "email": narrowed.email, "client_id": client_id, "platforms": ["youtube"],
                "permissions": { "connect_accounts": true, "view_analytics": false } }),
    )
    .await
    .assert_ok(201);
    let link = app.latest_link_token(&narrowed.email).await;
    app.accept(&narrowed, &link).await.assert_ok(200);
    app.change_rights(
        &client_id,
        json!({ "permissions": { "connect_accounts": true, "view_analytics": true, "manage_inbox": true } }),
    )
    .await
    .assert_ok(200);

    let read = app.rights_of(&client.sub).await;
    let person = read.assert_ok(200);
    assert_eq!(person["role"], "client");
    assert_eq!(person["active"], true);
    assert_eq!(person["client"]["id"], client_id.as_str());
    assert_eq!(person["rights"]["permissions"]["manage_inbox"], true);
    assert_eq!(person["rights"]["platforms"], json!(["youtube", "x"]));
    assert_eq!(person["accounts"][0]["connection_id"], connection.as_str());
    assert_eq!(person["accounts"][0]["owner"], "client");
    assert_eq!(person["accounts"][0]["health"], "healthy");

    let less = app.rights_of(&narrowed.sub).await;
    let less = less.assert_ok(200);
    assert_eq!(less["rights"]["platforms"], json!(["youtube"]));
    assert_eq!(less["rights"]["permissions"]["view_analytics"], false);
    assert_eq!(less["rights"]["permissions"]["manage_inbox"], false);

    let owner = app.rights_of(&app.owner.sub).await;
    let owner = owner.assert_ok(200);
    assert_eq!(owner["role"], "owner");
    assert!(owner.get("client").is_none() && owner.get("rights").is_none());

    // Once the client is deleted, its person may do nothing.
    app.remove_client(&client_id, "keep").await.assert_ok(200);
    let gone = app.rights_of(&client.sub).await;
    let gone = gone.assert_ok(200);
    assert_eq!(gone["active"], false);
    assert!(gone.get("rights").is_none());
    assert_eq!(gone["accounts"], json!([]));
}

#[tokio::test]
async fn only_the_host_reads_rights_and_an_unknown_person_or_workspace_is_not_found() {
    let app = TestApp::spawn().await;
    app.request(Endpoint::ReadPersonRights)
        .in_workspace(&app.workspace)
        .param("user_id", &app.owner.sub)
        .by(&app.owner)
        .send()
        .await
        .assert_problem(403, "iam-required");
    app.rights_of("nobody-here")
        .await
        .assert_problem(404, "person-not-found");
    app.request(Endpoint::ReadPersonRights)
        .param("workspace_id", "ws-never-made")
        .param("user_id", &app.owner.sub)
        .by_iam_principal(HOST)
        .send()
        .await
        .assert_problem(404, "workspace-not-found");
}

#[tokio::test]
async fn the_client_reads_its_rights_in_plain_words_and_is_promised_disconnecting_only_where_allowed(
) {
    let app = TestApp::spawn_with(Setup {
        clients_may_disconnect: false,
        ..Setup::default()
    })
    .await;
    let client = User::new("client");
    app.invite(
        &app.owner,
        json!({ "email": client.email, "platforms": ["youtube", "x"],
                "permissions": { "connect_accounts": true, "approve_posts": true } }),
    )
    .await
    .assert_ok(201);
    let link = app.emails_to(&client.email).await.last().unwrap().link();
    let mut browser = crate::pages::Browser::new(&app).signing_in_as(&client.email);

    let invitation = browser.open(&link).await;
    let page = html(&invitation);
    assert!(!page.contains("disconnect at any time"), "{page}");
    assert!(
        page.contains("only the agency can disconnect them"),
        "{page}"
    );
    assert!(page.contains("Posts need your approval before they go out."));

    let back = browser.sign_in_from(&invitation).await;
    let page = html(&back).to_owned();
    let connect = browser
        .submit(
            "/invite/accept",
            &[
                ("token", &crate::markup::field(&page, "token")),
                ("csrf", &crate::markup::field(&page, "csrf")),
            ],
        )
        .await;
    let page = html(&connect).to_owned();
    assert!(page.contains("What you may do"), "{page}");
    assert!(page
        .contains("You can connect YouTube and X accounts; only the agency can disconnect them."));
    let connected = browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &crate::markup::field(&page, "workspace")),
                ("platform", "youtube"),
                ("csrf", &crate::markup::field(&page, "csrf")),
            ],
        )
        .await;
    let page = html(&connected);
    assert!(
        page.contains("Granted: uploading videos and reading the channel"),
        "{page}"
    );
}

/// The race of an invitation and a rights change driven on purpose: the invitation reads
/// the client as it was before it was given the right to publish, so it counts no seat
/// for the new person; its write is refused and counted again.
#[tokio::test]
async fn an_invitation_that_read_the_client_before_it_could_publish_is_counted_again_not_let_past_the_seats(
) {
    // Two seats: the owner's, and the client's one person once it may publish.
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    let first = User::new("first");
    let reply = app
        .invite(&app.owner, json!({ "email": first.email }))
        .await;
    let client_id = reply.assert_ok(201)["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let link = app.latest_link_token(&first.email).await;
    app.accept(&first, &link).await.assert_ok(200);
    let pk = format!("WS#{}", app.workspace.as_str());
    let sort_keys = [
        format!("MEMBER#{}", app.owner.sub),
        "META".into(),
        format!("CLIENT#{client_id}"),
    ];
    let as_it_was = batch_as_it_is(&app.table, &pk, &sort_keys).await;
    let stale = answering_as_it_was(&as_it_was).await;
    app.change_rights(&client_id, publish())
        .await
        .assert_ok(200);

    let second = User::new("second");
    let read_as_it_was = next_batch_read_by(app.table.clone(), &stale);
    let refused = DIVERTED
        .scope(read_as_it_was, async {
            let reply = app
                .invite(
                    &app.owner,
                    json!({ "email": second.email, "client_id": client_id }),
                )
                .await;
            assert_eq!(
                diversions_left(),
                0,
                "the invitation read the client as it was"
            );
            reply
        })
        .await;

    refused.assert_problem(409, "no-seat-left");
    assert!(
        app.emails_to(&second.email).await.is_empty(),
        "nobody was invited past the seats"
    );
}

impl TestApp {
    /// The id of the person `user` is (their invitation's), as the owner lists them.
    async fn person_id_of(&self, user: &User) -> String {
        let listed = self.list(&self.owner, &[]).await;
        listed.assert_ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|person| person["email"] == user.email.as_str())
            .expect("listed")["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn change_person_rights(&self, client_id: &str, person: &str, body: Value) -> Reply {
        self.by_owner(Endpoint::UpdatePersonRights)
            .param("client_id", client_id)
            .param("person_id", person)
            .json(&body)
            .send()
            .await
    }
}

#[tokio::test]
async fn one_person_is_given_less_than_their_client_or_the_clients_rights_back_but_never_more() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x", "youtube"])).await;
    let person = app.person_id_of(&client).await;

    let narrowed = app
        .change_person_rights(&client_id, &person, json!({ "platforms": ["x"] }))
        .await;
    narrowed.assert_ok(200);
    let read = app.rights_of(&client.sub).await;
    assert_eq!(read.assert_ok(200)["rights"]["platforms"], json!(["x"]));
    app.start_connect(&client, "youtube")
        .await
        .assert_problem(403, "platform-not-allowed");
    let told = app.audit_trail().await;
    assert_eq!(told[0]["data"]["type"], "person.narrowing_changed");
    assert_eq!(told[0]["data"]["user_id"], client.sub.as_str());

    app.change_person_rights(&client_id, &person, json!({ "platforms": ["tiktok"] }))
        .await
        .assert_problem(422, "wider-than-client");
    app.change_person_rights(&client_id, &person, json!({ "platform": ["x"] }))
        .await
        .assert_problem(422, "invalid-body");

    app.change_person_rights(&client_id, &person, json!({}))
        .await
        .assert_ok(200);
    let read = app.rights_of(&client.sub).await;
    assert_eq!(
        read.assert_ok(200)["rights"]["platforms"],
        json!(["youtube", "x"])
    );
}

#[tokio::test]
async fn a_person_kept_from_publishing_frees_their_seat_and_given_it_back_needs_one_free() {
    // Two seats: the owner's, and the client's one person once the client may publish.
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    let (client, client_id) = app.client_allowed(json!(["x"])).await;
    let person = app.person_id_of(&client).await;
    app.change_rights(&client_id, publish())
        .await
        .assert_ok(200);
    app.a_publisher_fits()
        .await
        .assert_problem(409, "no-seat-left");

    let no_publishing = json!({ "permissions": { "connect_accounts": true } });
    app.change_person_rights(&client_id, &person, no_publishing)
        .await
        .assert_ok(200);
    app.a_publisher_fits().await.assert_ok(201);

    app.change_person_rights(&client_id, &person, json!({}))
        .await
        .assert_problem(409, "no-seat-left");

    // With a third seat bought, the right comes back and takes it.
    app.by_host(Endpoint::ProvisionWorkspace, app.workspace.as_str())
        .json(&json!({ "name": "Acme Social", "plan": "team", "seats": 3 }))
        .send()
        .await
        .assert_ok(200);
    app.change_person_rights(&client_id, &person, json!({}))
        .await
        .assert_ok(200);
    app.a_publisher_fits()
        .await
        .assert_problem(409, "no-seat-left");
}

/// The race of two seat-taking changes driven on purpose: the rights change reads the
/// workspace's seat version as it was before a publishing invitation took a seat, so its
/// write is refused, and it reads the seats again to say why.
#[tokio::test]
async fn a_rights_change_that_counted_seats_before_another_change_took_one_is_refused_and_says_why()
{
    let app = TestApp::spawn_with(Setup {
        seats: 3,
        ..Setup::default()
    })
    .await;
    let (_, client_id) = app.client_allowed(json!(["x"])).await;
    let pk = format!("WS#{}", app.workspace.as_str());
    let sort_keys = [
        format!("MEMBER#{}", app.owner.sub),
        "META".into(),
        format!("CLIENT#{client_id}"),
    ];
    let stale = answering_as_it_was(&batch_as_it_is(&app.table, &pk, &sort_keys).await).await;
    app.a_publisher_fits().await.assert_ok(201);

    let refused = DIVERTED
        .scope(next_batch_read_by(app.table.clone(), &stale), async {
            let reply = app.change_rights(&client_id, publish()).await;
            assert_eq!(
                diversions_left(),
                0,
                "the change read the workspace as it was"
            );
            reply
        })
        .await;

    // A seat is still free (three: the owner, the publisher, the client's person), so
    // the answer is to try again, not that none is left.
    refused.assert_problem(409, "concurrent-change");
    app.change_rights(&client_id, publish())
        .await
        .assert_ok(200);
}
