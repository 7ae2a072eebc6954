//! Clients are brands with several people: their rights, their people, deleting them,
//! assigning the agency's accounts to them, and seats under concurrency.

use futures::future::join_all;
use serde_json::{json, Value};
use time::Duration;
use url::Url;

use clientconnect::domain::Role;

use crate::helpers::{Endpoint, Reply, Setup, TestApp, User};
use crate::markup::field;
use crate::pages::{html, Browser};

impl TestApp {
    /// The workspace's clients with their people, as the owner lists them.
    pub(crate) async fn clients(&self) -> Vec<Value> {
        let reply = self.by_owner(Endpoint::ListClients).send().await;
        reply.assert_ok(200)["items"].as_array().unwrap().clone()
    }

    pub(crate) async fn create_client(&self, body: Value) -> Reply {
        self.by_owner(Endpoint::CreateClient)
            .json(&body)
            .send()
            .await
    }

    /// A person invited to `client_id` (with `narrowing` merged into the body) who
    /// accepted; returns them and their person id.
    async fn person_of(&self, client_id: &str, label: &str, narrowing: Value) -> (User, String) {
        let person = User::new(label);
        let mut body = json!({ "email": person.email, "name": format!("{label} Person"), "client_id": client_id });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), narrowing.as_object()) {
            body.extend(extra.clone());
        }
        let invited = self.invite(&self.owner, body).await;
        let person_id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
        let token = self.latest_link_token(&person.email).await;
        self.accept(&person, &token).await.assert_ok(200);
        (person, person_id)
    }

    pub(crate) async fn remove_person(&self, client_id: &str, person_id: &str) -> Reply {
        self.by_owner(Endpoint::RemovePerson)
            .param("client_id", client_id)
            .param("person_id", person_id)
            .send()
            .await
    }

    async fn assign(&self, connection_id: &str, client_id: Value) -> Reply {
        self.by_owner(Endpoint::AssignConnection)
            .param("connection_id", connection_id)
            .json(&json!({ "client_id": client_id }))
            .send()
            .await
    }

    pub(crate) async fn list_connections_reply(&self, user: &User) -> Reply {
        self.request(Endpoint::ListConnections)
            .in_workspace(&self.workspace)
            .by(user)
            .send()
            .await
    }
}

fn brand() -> Value {
    json!({ "name": "Brand Co", "logo_url": "https://cdn.brand.example/logo.png", "platforms": ["youtube", "x"] })
}

#[tokio::test]
async fn two_people_of_one_client_share_its_connections_and_deleting_it_ends_both_and_its_link() {
    let app = TestApp::spawn().await;
    let created = app.create_client(brand()).await;
    let client_id = created.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let (lead, lead_id) = app.person_of(&client_id, "lead", json!({})).await;
    let (manager, _) = app.person_of(&client_id, "manager", json!({})).await;
    let pending = app
        .invite(
            &app.owner,
            json!({ "email": User::new("pending").email, "client_id": client_id }),
        )
        .await;
    let pending_id = pending.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let withdrawn = app.remove_person(&client_id, &pending_id).await;
    assert_eq!(
        withdrawn.assert_ok(200)["status"],
        "revoked",
        "a person not yet in is simply uninvited"
    );

    app.provider
        .sign_in_as("youtube", "brand-channel", "Brand Channel");
    let made = app.connect(&lead, "youtube").await.connection_id().unwrap();
    let seen_by_manager = app.list_connections(&manager).await;
    assert_eq!(
        seen_by_manager.len(),
        1,
        "the other person sees the connection the first made"
    );
    assert_eq!(seen_by_manager[0]["client_id"], client_id.as_str());
    app.disconnect(&manager, &made).await.assert_ok(200);
    assert!(app.list_connections(&lead).await.is_empty());

    app.remove_person(&client_id, &lead_id).await.assert_ok(200);
    app.list_connections_reply(&lead)
        .await
        .assert_problem(403, "not-workspace-member");
    app.provider.sign_in_as("x", "brand-x", "Brand X");
    assert_eq!(
        app.connect(&manager, "x").await.result(),
        "connected",
        "the other person stays"
    );

    let link = app.make_connect_link(&client_id, None).await;
    let link = Url::parse(link.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let deleted = app.remove(&app.owner, &client_id).await;
    let deleted = deleted.assert_ok(200);
    assert_eq!(deleted["state"], "deleted");
    let statuses: Vec<&str> = deleted["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|person| person["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|status| **status == "deactivated")
            .count(),
        2
    );
    assert!(statuses.contains(&"revoked"));
    app.list_connections_reply(&manager)
        .await
        .assert_problem(403, "not-workspace-member");
    let gone = Browser::new(&app).open(&link).await;
    assert_eq!(gone.status, 410, "its connect link ended with it");
    assert_eq!(
        app.list_connections(&app.owner).await.len(),
        1,
        "its connections are kept unless the agency says otherwise"
    );
}

#[tokio::test]
async fn a_person_gets_the_clients_rights_narrowed_never_widened() {
    let app = TestApp::spawn().await;
    let created = app.create_client(brand()).await;
    let client_id = created.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let before = app.snapshot().await;

    app.invite(
        &app.owner,
        json!({ "email": User::new("wide").email, "client_id": client_id, "platforms": ["tiktok"] }),
    )
    .await
    .assert_problem(422, "wider-than-client");
    app.invite(
        &app.owner,
        json!({ "email": User::new("wide").email, "client_id": client_id, "permissions": { "publish_posts": true } }),
    )
    .await
    .assert_problem(422, "wider-than-client");
    assert_eq!(
        app.snapshot().await,
        before,
        "a refused invitation leaves nothing behind"
    );

    let (narrow, _) = app
        .person_of(&client_id, "narrow", json!({ "platforms": ["x"] }))
        .await;
    app.start_connect(&narrow, "youtube")
        .await
        .assert_problem(403, "platform-not-allowed");
    app.start_connect(&narrow, "x").await.assert_ok(200);

    let listed = app.clients().await;
    let client = &listed[0];
    assert_eq!(client["name"], "Brand Co");
    assert_eq!(client["platforms"], json!(["youtube", "x"]));
    assert_eq!(
        client["people"][0]["platforms"],
        json!(["x"]),
        "the person's narrowed share"
    );
}

#[tokio::test]
async fn the_agency_assigns_its_own_account_to_a_client_who_sees_it_but_cannot_disconnect_it() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["youtube", "x"])).await;
    app.provider.sign_in_as("x", "agency-x", "Agency X");
    let own = app.connect(&app.owner, "x").await.connection_id().unwrap();
    assert!(app.list_connections(&client).await.is_empty());

    let assigned = app.assign(&own, json!(client_id)).await;
    assert_eq!(assigned.assert_ok(200)["assigned_to"], client_id.as_str());
    let seen = app.list_connections(&client).await;
    assert_eq!(
        (seen.len(), seen[0]["id"].as_str()),
        (1, Some(own.as_str()))
    );
    app.disconnect(&client, &own)
        .await
        .assert_problem(403, "disconnect-not-allowed");

    app.provider.sign_in_as("youtube", "client-yt", "Client YT");
    let theirs = app
        .connect(&client, "youtube")
        .await
        .connection_id()
        .unwrap();
    app.assign(&theirs, json!(client_id))
        .await
        .assert_problem(409, "not-an-agency-connection");
    app.assign(&own, Value::Null).await.assert_ok(200);
    let after: Vec<Value> = app.list_connections(&client).await;
    assert_eq!(after.len(), 1, "only its own is left: {after:?}");
}

/// A browser signed in as a new person, on the join page of `link`: the join form's
/// token and CSRF value.
async fn ready_to_join<'a>(
    app: &'a TestApp,
    link: &Url,
    label: &str,
) -> (Browser<'a>, String, String) {
    let mut browser = Browser::new(app).signing_in_as(&User::new(label).email);
    let page = browser.open(link).await;
    let signed_in = browser.sign_in_from(&page).await;
    let signed_in = html(&signed_in).to_owned();
    (
        browser,
        field(&signed_in, "token"),
        field(&signed_in, "csrf"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_one_free_seat_ten_joins_and_two_resends_at_once_take_it_at_most_once() {
    let app = TestApp::spawn_with(Setup {
        seats: 3,
        ..Setup::default()
    })
    .await;
    let publish = json!({ "publish_posts": true });
    let mut expired = Vec::new();
    for label in ["first", "second"] {
        let invited = app
            .invite(
                &app.owner,
                json!({ "email": User::new(label).email, "permissions": publish }),
            )
            .await;
        expired.push(invited.assert_ok(201)["id"].as_str().unwrap().to_owned());
    }
    app.clock.advance(Duration::days(8)); // both expired: their seats are free again
    app.add_member(&User::new("admin"), Role::Admin).await; // owner + admin: one seat left
    let link = app
        .invite_link_call(
            Endpoint::UpdateInviteLink,
            Some(json!({ "enabled": true, "permissions": publish })),
        )
        .await;
    let link = Url::parse(link.assert_ok(200)["url"].as_str().unwrap()).unwrap();
    let mut joiners = Vec::new();
    for n in 0..10 {
        joiners.push(ready_to_join(&app, &link, &format!("joiner{n}")).await);
    }

    let joins = join_all(joiners.iter_mut().map(|(browser, token, csrf)| async move {
        browser
            .submit(
                "/join",
                &[("token", token.as_str()), ("csrf", csrf.as_str())],
            )
            .await
    }));
    let resends = join_all(expired.iter().map(|id| app.resend(&app.owner, id)));
    let (joins, resends) = futures::join!(joins, resends);

    let joined = joins
        .iter()
        .filter(|page| html(page).contains("Connect your accounts"))
        .count();
    let resent = resends.iter().filter(|reply| reply.status == 200).count();
    assert_eq!(joined + resent, 1, "exactly one change took the last seat");
    for refused in resends.iter().filter(|reply| reply.status != 200) {
        let slug = refused.problem_type();
        assert!(
            slug == "no-seat-left" || slug == "concurrent-change",
            "{slug}"
        );
    }
    let in_use = app
        .state
        .store
        .seats_in_use(&app.workspace, app.clock.now())
        .await
        .unwrap();
    assert_eq!(in_use, 3, "the plan's three seats, never more");
}

#[tokio::test]
async fn an_invite_link_for_a_client_makes_joiners_people_of_that_client() {
    let app = TestApp::spawn().await;
    let created = app.create_client(brand()).await;
    let client_id = created.assert_ok(201)["id"].as_str().unwrap().to_owned();
    app.invite_link_call(
        Endpoint::UpdateInviteLink,
        Some(json!({ "enabled": true, "client_id": client_id, "platforms": ["tiktok"] })),
    )
    .await
    .assert_problem(422, "wider-than-client");
    let link = app
        .invite_link_call(
            Endpoint::UpdateInviteLink,
            Some(json!({ "enabled": true, "client_id": client_id, "platforms": ["x"] })),
        )
        .await;
    let link = Url::parse(link.assert_ok(200)["url"].as_str().unwrap()).unwrap();

    let (mut browser, token, csrf) = ready_to_join(&app, &link, "colleague").await;
    let joined = browser
        .submit("/join", &[("token", &token), ("csrf", &csrf)])
        .await;
    let page = html(&joined);
    assert!(
        page.contains("For Brand Co") && page.contains(">X<") && !page.contains("YouTube"),
        "{page}"
    );

    let listed = app.clients().await;
    assert_eq!(listed.len(), 1, "no new client was made");
    assert_eq!(listed[0]["people"][0]["status"], "active");
}

#[tokio::test]
async fn a_consent_finishing_after_its_client_was_deleted_saves_nothing() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x", "youtube"])).await;
    app.provider.sign_in_as("youtube", "kept-channel", "Kept");
    let kept = app
        .connect(&client, "youtube")
        .await
        .connection_id()
        .unwrap();
    let stored = app
        .state
        .store
        .connection(&app.workspace, &kept.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    app.provider.sign_in_as("x", "late-account", "Late");
    let started = app.started(&client, "x").await;
    let callback = app.consent(&started).await;

    app.remove(&app.owner, &client_id).await.assert_ok(200);

    let landed = app.arrive(&callback, Some(&started.cookie)).await;
    assert_eq!(landed.result(), "not-allowed");
    // The write itself is guarded too: a save that passed every check before the
    // deletion still finds the client gone.
    let late = app
        .state
        .store
        .reconnect(&stored, None, None, &[])
        .await
        .unwrap();
    assert!(
        matches!(late, clientconnect::store::Inserted::ClientGone),
        "{late:?}"
    );
    let accounts: Vec<String> = app
        .stored_connections()
        .await
        .into_iter()
        .map(|stored| stored.connection.account_id)
        .collect();
    assert_eq!(accounts, ["kept-channel"]);
}
