//! The login-free client connect link and the reusable client invite link.

use serde_json::{json, Value};
use url::Url;

use crate::helpers::{Endpoint, Reply, TestApp, User};
use crate::markup::field;
use crate::pages::{html, Browser};

impl TestApp {
    pub(crate) async fn make_connect_link(&self, client_id: &str, body: Option<Value>) -> Reply {
        self.by_owner(Endpoint::CreateConnectLink)
            .param("client_id", client_id)
            .json(body.as_ref())
            .send()
            .await
    }

    pub(crate) async fn invite_link_call(&self, endpoint: Endpoint, body: Option<Value>) -> Reply {
        self.by_owner(endpoint).json(body.as_ref()).send().await
    }
}

#[tokio::test]
async fn a_connect_link_opens_the_connect_page_without_login_and_connects_for_its_client() {
    let app = TestApp::spawn().await;
    let (_, client_id) = app.client_allowed(json!(["youtube", "tiktok", "x"])).await;
    let made = app
        .make_connect_link(
            &client_id,
            Some(json!({ "platforms": ["youtube", "x"], "valid_days": 7 })),
        )
        .await;
    let link = Url::parse(made.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let mut browser = Browser::new(&app);

    let page = browser.open(&link).await;
    let page = html(&page).to_owned();
    assert!(page.contains("Connect your accounts to Acme Social"));
    assert!(
        page.contains("YouTube") && page.contains(">X<") && !page.contains("TikTok"),
        "{page}"
    );
    let connected = browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &field(&page, "workspace")),
                ("platform", "youtube"),
                ("csrf", &field(&page, "csrf")),
            ],
        )
        .await;
    assert!(html(&connected).contains("YouTube is connected."));

    let listed = app.list_connections(&app.owner).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0]["client_id"],
        client_id.as_str(),
        "attributed to the link's client"
    );
}

#[tokio::test]
async fn a_revoked_or_rotated_connect_link_shows_a_clear_page_and_connects_nothing() {
    let app = TestApp::spawn().await;
    let (_, client_id) = app.client_allowed(json!(["youtube"])).await;
    let first = app.make_connect_link(&client_id, None).await;
    let first = Url::parse(first.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let rotated = app.make_connect_link(&client_id, None).await;
    let rotated = Url::parse(rotated.assert_ok(201)["url"].as_str().unwrap()).unwrap();

    let mut stale = Browser::new(&app);
    let gone = stale.open(&first).await;
    assert_eq!(gone.status, 410);
    assert!(html(&gone).contains("This connect link no longer works"));

    // A browser that opened the current link, then the agency revokes it.
    let mut browser = Browser::new(&app);
    let page = browser.open(&rotated).await;
    let page = html(&page).to_owned();
    let revoked = app
        .by_owner(Endpoint::RevokeConnectLink)
        .param("client_id", &client_id)
        .send()
        .await;
    assert_eq!(revoked.assert_ok(200)["revoked"], 1);
    let refused = browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &field(&page, "workspace")),
                ("platform", "youtube"),
                ("csrf", &field(&page, "csrf")),
            ],
        )
        .await;
    assert_eq!(refused.status, 404);
    assert!(html(&refused).contains("This link does not work"));
    assert!(app.list_connections(&app.owner).await.is_empty());
}

#[tokio::test]
async fn only_an_admin_makes_connect_links_and_only_for_an_active_client_and_its_platforms() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["youtube"])).await;
    app.make_connect_link(&client_id, Some(json!({ "platforms": ["tiktok"] })))
        .await
        .assert_problem(403, "platform-not-allowed");
    app.make_connect_link(&client_id, Some(json!({ "valid_days": 365 })))
        .await
        .assert_problem(422, "invalid-body");
    let pending = app
        .invite(&app.owner, json!({ "email": User::new("pending").email }))
        .await;
    // A brand whose people have not accepted yet can still connect through a link.
    let brand = pending.assert_ok(201)["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.make_connect_link(&brand, None).await.assert_ok(201);
    app.remove(&app.owner, &brand).await.assert_ok(200);
    app.make_connect_link(&brand, None)
        .await
        .assert_problem(410, "client-removed");
    let unknown = clientconnect::domain::ClientId::generate();
    app.make_connect_link(unknown.as_str(), None)
        .await
        .assert_problem(404, "client-not-found");
    let as_client = app
        .request(Endpoint::CreateConnectLink)
        .in_workspace(&app.workspace)
        .param("client_id", &client_id)
        .by(&client)
        .send()
        .await;
    as_client.assert_problem(403, "not-workspace-admin");
}

#[tokio::test]
async fn two_clients_join_with_the_invite_link_and_after_a_refresh_the_old_link_joins_no_one() {
    let app = TestApp::spawn().await;
    let disabled = app.invite_link_call(Endpoint::GetInviteLink, None).await;
    assert_eq!(disabled.assert_ok(200)["enabled"], false);
    let enabled = app
        .invite_link_call(
            Endpoint::UpdateInviteLink,
            Some(json!({ "enabled": true, "platforms": ["instagram", "facebook"], "permissions": { "view_analytics": true, "publish_posts": true } })),
        )
        .await;
    let link = Url::parse(enabled.assert_ok(200)["url"].as_str().unwrap()).unwrap();

    for person in ["first", "second"] {
        let email = User::new(person).email;
        let mut browser = Browser::new(&app).signing_in_as(&email);
        let page = browser.open(&link).await;
        assert!(html(&page).contains("Join Acme Social as a client"));
        let signed_in = browser.sign_in_from(&page).await;
        let signed_in = html(&signed_in).to_owned();
        let joined = browser
            .submit(
                "/join",
                &[
                    ("token", &field(&signed_in, "token")),
                    ("csrf", &field(&signed_in, "csrf")),
                ],
            )
            .await;
        let connect = html(&joined);
        assert!(
            connect.contains("Instagram")
                && connect.contains("Facebook Page")
                && !connect.contains("YouTube")
        );
    }
    let clients = app.list(&app.owner, &[("status", "active")]).await;
    let clients = clients.assert_ok(200)["items"].as_array().unwrap().clone();
    assert_eq!(clients.len(), 2);
    assert!(clients
        .iter()
        .all(|client| client["permissions"]["view_analytics"] == true));

    let refreshed = app
        .invite_link_call(Endpoint::RefreshInviteLink, None)
        .await;
    let new_link = refreshed.assert_ok(200)["url"].as_str().unwrap().to_owned();
    assert_ne!(new_link, link.as_str());
    let mut late = Browser::new(&app).signing_in_as(&User::new("late").email);
    let gone = late.open(&link).await;
    assert_eq!(gone.status, 410);
    assert!(html(&gone).contains("This invite link no longer works"));
    let still_two = app.list(&app.owner, &[("status", "active")]).await;
    assert_eq!(
        still_two.assert_ok(200)["items"].as_array().unwrap().len(),
        2
    );

    app.invite_link_call(
        Endpoint::UpdateInviteLink,
        Some(json!({ "enabled": false })),
    )
    .await
    .assert_ok(200);
    let off = late.open(&Url::parse(&new_link).unwrap()).await;
    assert_eq!(off.status, 410, "a disabled link joins no one either");
}

#[tokio::test]
async fn a_connect_link_limited_to_some_platforms_cannot_disconnect_the_others() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["youtube", "x"])).await;
    app.provider.sign_in_as("youtube", "brand-yt", "Brand");
    let youtube = app
        .connect(&client, "youtube")
        .await
        .connection_id()
        .unwrap();
    let made = app
        .make_connect_link(&client_id, Some(json!({ "platforms": ["x"] })))
        .await;
    let link = Url::parse(made.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let mut browser = Browser::new(&app);
    let page = browser.open(&link).await;
    let page = html(&page).to_owned();
    assert!(
        !page.contains("Disconnect YouTube"),
        "the link's page does not offer it"
    );

    let refused = browser
        .submit(
            "/connect/disconnect",
            &[
                ("workspace", &field(&page, "workspace")),
                ("connection", &youtube),
                ("csrf", &field(&page, "csrf")),
            ],
        )
        .await;

    assert_eq!(refused.status, 403);
    assert_eq!(app.list_connections(&app.owner).await.len(), 1);
}
