//! Connecting platform accounts through the local OAuth provider over real HTTP.

use aws_sdk_dynamodb::types::AttributeValue;
use clientconnect::domain::Renewal;
use clientconnect::service::tokens::open_tokens;
use clientconnect::store::StoredConnection;
use serde_json::{json, Value};
use url::Url;

use cookie::{Cookie, SameSite};

use crate::helpers::{captured_logs, Call, Endpoint, Item, Reply, Setup, TestApp, User};

/// How a connect ended, read from where the browser was sent.
#[derive(Debug)]
pub(crate) struct Landed {
    pub(crate) location: Url,
}

impl Landed {
    pub(crate) fn result(&self) -> String {
        self.param("result").unwrap_or_default()
    }
    pub(crate) fn connection_id(&self) -> Option<String> {
        self.param("connection_id")
    }
    pub(crate) fn param(&self, name: &str) -> Option<String> {
        self.location
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}

/// What a browser holds between start and callback.
pub(crate) struct Started {
    pub(crate) authorize_url: Url,
    pub(crate) cookie: String,
}

impl TestApp {
    /// A client who accepted an invitation allowing `platforms`.
    pub(crate) async fn client_allowed(&self, platforms: Value) -> (User, String) {
        let client = User::new("client");
        let client_id = self.joined_client(&client, platforms).await;
        (client, client_id)
    }

    /// `person` invited to a new client allowing `platforms`, and joined: the client's id.
    pub(crate) async fn joined_client(&self, person: &User, platforms: Value) -> String {
        let reply = self
            .invite(
                &self.owner,
                json!({ "email": person.email, "platforms": platforms }),
            )
            .await;
        let client_id = reply.assert_ok(201)["client_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let link_token = self.latest_link_token(&person.email).await;
        self.accept(person, &link_token).await.assert_ok(200);
        client_id
    }

    pub(crate) async fn start_connect(&self, user: &User, platform: &str) -> Reply {
        self.connect_start(user, platform).send().await
    }

    /// The Connect button of `platform`, pressed by `user`.
    fn connect_start(&self, user: &User, platform: &str) -> Call<'_> {
        self.request(Endpoint::ConnectStart)
            .in_workspace(&self.workspace)
            .param("platform", platform)
            .by(user)
    }

    pub(crate) async fn started(&self, user: &User, platform: &str) -> Started {
        self.started_from(self.connect_start(user, platform)).await
    }

    /// A Reconnect button: a connect that must bring back `connection`'s account.
    pub(crate) async fn started_reconnect(
        &self,
        user: &User,
        platform: &str,
        connection: &str,
    ) -> Started {
        let start = self
            .connect_start(user, platform)
            .query("reconnect", connection);
        self.started_from(start).await
    }

    /// Where a started connect sends the browser, and the cookie it holds meanwhile
    /// (readable by no script, sent back from the platform's redirect, over https only).
    async fn started_from(&self, start: Call<'_>) -> Started {
        let reply = start.send().await;
        let body = reply.assert_ok(200);
        let set_cookie = reply.headers["set-cookie"].to_str().unwrap();
        let cookie = Cookie::parse(set_cookie).expect("a Set-Cookie header parses");
        assert_eq!(
            (cookie.http_only(), cookie.same_site(), cookie.secure()),
            (Some(true), Some(SameSite::Lax), Some(true)),
            "{set_cookie}"
        );
        Started {
            authorize_url: Url::parse(body["authorize_url"].as_str().unwrap()).unwrap(),
            cookie: cookie.stripped().to_string(),
        }
    }

    /// The person consents at the provider; returns where the provider sends them.
    pub(crate) async fn consent(&self, started: &Started) -> Url {
        let response = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(started.authorize_url.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            302,
            "the provider refused the authorize request"
        );
        Url::parse(response.headers()["location"].to_str().unwrap()).unwrap()
    }

    /// The browser arrives at our callback (the path's platform, the query, its cookie).
    pub(crate) async fn arrive(&self, callback: &Url, cookie: Option<&str>) -> Landed {
        let platform = callback.path().rsplit('/').next().unwrap();
        let mut request = self
            .request(Endpoint::ConnectCallback)
            .param("platform", platform)
            .query_of(callback);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let reply = request.send().await;
        assert_eq!(reply.status, 303);
        assert_eq!(reply.headers["cache-control"], "no-store");
        Landed {
            location: Url::parse(reply.headers["location"].to_str().unwrap()).unwrap(),
        }
    }

    /// `user` presses Reconnect for `connection`, consents, and lands.
    pub(crate) async fn reconnect(&self, user: &User, platform: &str, connection: &str) -> Landed {
        let started = self.started_reconnect(user, platform, connection).await;
        self.arrive(&self.consent(&started).await, Some(&started.cookie))
            .await
    }

    pub(crate) async fn connect(&self, user: &User, platform: &str) -> Landed {
        let started = self.started(user, platform).await;
        let callback = self.consent(&started).await;
        self.arrive(&callback, Some(&started.cookie)).await
    }

    pub(crate) async fn list_connections(&self, user: &User) -> Vec<Value> {
        let reply = self.list_connections_reply(user).await;
        reply.assert_ok(200)["items"].as_array().unwrap().clone()
    }

    /// The owner deletes the client `client_id`, and with it its accounts or not
    /// (`connections`: `keep` or `disconnect`).
    pub(crate) async fn remove_client(&self, client_id: &str, connections: &str) -> Reply {
        self.by_owner(Endpoint::RemoveClient)
            .param("client_id", client_id)
            .query("connections", connections)
            .send()
            .await
    }

    pub(crate) async fn disconnect(&self, user: &User, connection_id: &str) -> Reply {
        self.request(Endpoint::Disconnect)
            .in_workspace(&self.workspace)
            .param("connection_id", connection_id)
            .by(user)
            .send()
            .await
    }

    pub(crate) async fn stored_connections(&self) -> Vec<StoredConnection> {
        self.snapshot()
            .await
            .into_iter()
            .filter(|item| item["sk"].as_s().is_ok_and(|sk| sk.starts_with("CONN#")))
            .map(|item| serde_dynamo::from_item(item).unwrap())
            .collect()
    }

    /// Everything but the single-use OAuth states, which a callback consumes by design.
    pub(crate) async fn durable_snapshot(&self) -> Vec<Item> {
        self.snapshot()
            .await
            .into_iter()
            .filter(|item| item["pk"].as_s().is_ok_and(|pk| !pk.starts_with("OSTATE#")))
            .collect()
    }
}

fn all_platforms() -> Value {
    json!([
        "youtube",
        "tiktok",
        "instagram",
        "facebook",
        "linkedin",
        "x"
    ])
}

#[tokio::test]
async fn a_client_connects_youtube_with_pkce_and_both_sides_see_it_attributed() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(all_platforms()).await;
    app.provider
        .sign_in_as("youtube", "UC-brand", "Brand Channel");

    let started = app.started(&client, "youtube").await;
    let query: std::collections::HashMap<_, _> =
        started.authorize_url.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["access_type"], "offline");
    assert_eq!(
        query["redirect_uri"],
        "https://api.acme.example/oauth/callback/youtube"
    );
    let landed = app
        .arrive(&app.consent(&started).await, Some(&started.cookie))
        .await;

    assert_eq!(landed.result(), "connected");
    assert_eq!(landed.location.path(), "/connect");
    let mine = app.list_connections(&client).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["account_id"], "UC-brand");
    assert_eq!(mine[0]["display_name"], "Brand Channel");
    assert_eq!(mine[0]["avatar_url"], "https://cdn.example/UC-brand.png");
    assert_eq!(mine[0]["id"].as_str(), landed.connection_id().as_deref());
    let agency_view = app.list_connections(&app.owner).await;
    assert_eq!(agency_view[0]["client_id"], client_id.as_str());
}

#[tokio::test]
async fn tiktok_is_connected_with_its_client_key_and_form_token_request() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["tiktok"])).await;
    app.provider.sign_in_as("tiktok", "open-id-42", "dancer");

    let landed = app.connect(&client, "tiktok").await;

    assert_eq!(landed.result(), "connected");
    let stored = app.stored_connections().await;
    assert_eq!(stored[0].connection.account_id, "open-id-42");
    let key = app.state.secrets.sealing_key().await.unwrap();
    let tokens = open_tokens(key, &stored[0]).unwrap();
    assert!(tokens.refresh_token.is_some());
    let life = stored[0].connection.life;
    let refresh_lifetime = life.refresh_expires_at.unwrap() - stored[0].connection.refreshed_at;
    assert!(
        refresh_lifetime.whole_days() >= 364,
        "expiry taken from refresh_expires_in"
    );
}

#[tokio::test]
async fn the_provider_refuses_a_wrong_pkce_verifier_and_x_connects_with_the_right_one() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["x"])).await;
    let started = app.started(&client, "x").await;
    assert!(started
        .authorize_url
        .query()
        .unwrap()
        .contains("offline.access"));
    let callback = app.consent(&started).await;
    let code = callback
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();

    let forged = reqwest::Client::new()
        .post(format!("{}x/token", app.provider.base_url()))
        .basic_auth("local-x", Some("local-x-secret"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", "https://api.acme.example/oauth/callback/x"),
            (
                "code_verifier",
                "a-verifier-that-does-not-match-the-challenge-at-all",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);

    let landed = app.arrive(&callback, Some(&started.cookie)).await;
    assert_eq!(landed.result(), "connected");
}

#[tokio::test]
async fn instagram_keeps_the_long_lived_token_and_facebook_the_page_token() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["instagram", "facebook"])).await;
    app.provider.sign_in_as("facebook", "page-7", "Brand Page");

    assert_eq!(
        app.connect(&client, "instagram").await.result(),
        "connected"
    );
    assert_eq!(app.connect(&client, "facebook").await.result(), "connected");

    let key = app.state.secrets.sealing_key().await.unwrap();
    for stored in app.stored_connections().await {
        let tokens = open_tokens(key, &stored).unwrap();
        match stored.connection.platform.as_str() {
            "instagram" => {
                assert!(
                    tokens.access_token.starts_with("instagram-long"),
                    "{}",
                    tokens.access_token
                );
                let life = stored.connection.life;
                let lifetime = life.access_expires_at.unwrap() - stored.connection.refreshed_at;
                assert!(lifetime.whole_days() >= 59);
                assert_eq!(life.renewal, Renewal::SelfRefresh);
            }
            "facebook" => {
                // Read with the long-lived user token: a Page token that never expires,
                // so nothing needs renewing (a daily check keeps an eye on it).
                assert!(app.provider.page_token_is_permanent(&tokens.access_token));
                // What me/permissions says was granted.
                assert!(stored
                    .connection
                    .scopes
                    .iter()
                    .any(|scope| scope == "pages_manage_posts"));
                assert_eq!(stored.connection.life.access_expires_at, None);
                assert_eq!(stored.connection.life.renewal, Renewal::Nothing);
            }
            other => panic!("unexpected {other}"),
        }
    }
}

#[tokio::test]
async fn a_facebook_consent_that_declines_posting_is_refused_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["facebook"])).await;
    app.provider.sign_in_as("facebook", "page-7", "Brand Page");
    // Facebook's token response says nothing of permissions: me/permissions says this
    // one was declined.
    app.provider.decline("facebook", "pages_manage_posts");
    let before = app.durable_snapshot().await;

    let landed = app.connect(&client, "facebook").await;

    assert_eq!(landed.result(), "permissions-missing");
    assert_eq!(
        landed.param("missing").as_deref(),
        Some("pages_manage_posts")
    );
    assert_eq!(app.durable_snapshot().await, before, "nothing stored");
}

#[tokio::test]
async fn every_broken_callback_is_refused_clearly_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(all_platforms()).await;

    // Replayed state: the first arrival connects, the same callback again is refused.
    let started = app.started(&client, "linkedin").await;
    let callback = app.consent(&started).await;
    assert_eq!(
        app.arrive(&callback, Some(&started.cookie)).await.result(),
        "connected"
    );
    let before = app.durable_snapshot().await;
    assert_eq!(
        app.arrive(&callback, Some(&started.cookie)).await.result(),
        "state-unknown"
    );

    // Another browser: no cookie, or another browser's cookie.
    let started = app.started(&client, "youtube").await;
    let callback = app.consent(&started).await;
    assert_eq!(
        app.arrive(&callback, None).await.result(),
        "browser-mismatch"
    );
    let other = app.started(&client, "youtube").await;
    assert_eq!(
        app.arrive(&callback, Some(&other.cookie)).await.result(),
        "browser-mismatch"
    );

    // Mix-up: a state started for YouTube delivered to TikTok's redirect URI.
    let mut mixed = callback.clone();
    mixed.set_path("/oauth/callback/tiktok");
    assert_eq!(
        app.arrive(&mixed, Some(&started.cookie.replace("youtube", "tiktok")))
            .await
            .result(),
        "platform-mismatch"
    );

    // Expired: fifteen minutes passed (TTL has not deleted it yet).
    let started = app.started(&client, "x").await;
    let callback = app.consent(&started).await;
    for item in app.snapshot().await {
        if item["pk"].as_s().unwrap().starts_with("OSTATE#") {
            app.dynamo
                .update_item()
                .table_name(&app.table)
                .key("pk", item["pk"].clone())
                .key("sk", item["sk"].clone())
                .update_expression("SET expires_at = :past")
                .expression_attribute_values(":past", AttributeValue::N("1".into()))
                .send()
                .await
                .unwrap();
        }
    }
    assert_eq!(
        app.arrive(&callback, Some(&started.cookie)).await.result(),
        "state-expired"
    );

    // A callback with no state at all, or one nobody issued.
    let mut bare = callback.clone();
    bare.set_query(Some("code=abc"));
    assert_eq!(
        app.arrive(&bare, Some(&started.cookie)).await.result(),
        "state-missing"
    );
    bare.set_query(Some("code=abc&state=forged"));
    assert_eq!(
        app.arrive(&bare, Some(&started.cookie)).await.result(),
        "state-unknown"
    );

    // The person declines at the platform.
    app.provider.deny_consent();
    let started = app.started(&client, "tiktok").await;
    let callback = app.consent(&started).await;
    assert_eq!(
        app.arrive(&callback, Some(&started.cookie)).await.result(),
        "access-denied"
    );

    assert_eq!(app.durable_snapshot().await, before, "nothing was written");
}

#[tokio::test]
async fn failing_platform_endpoints_are_refused_clearly_and_write_nothing() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(all_platforms()).await;
    let before = app.durable_snapshot().await;

    app.provider.fail_token_endpoint();
    assert_eq!(
        app.connect(&client, "youtube").await.result(),
        "token-exchange-failed"
    );

    let app2 = TestApp::spawn().await;
    let (client2, _) = app2.client_allowed(all_platforms()).await;
    let before2 = app2.durable_snapshot().await;
    app2.provider.fail_profile_endpoint();
    assert_eq!(
        app2.connect(&client2, "linkedin").await.result(),
        "profile-failed"
    );

    assert_eq!(app.durable_snapshot().await, before);
    assert_eq!(app2.durable_snapshot().await, before2);
}

#[tokio::test]
async fn reconnecting_the_same_account_refreshes_it_in_place() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(all_platforms()).await;
    let first = app.connect(&client, "youtube").await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let old_tokens = open_tokens(key, &app.stored_connections().await[0]).unwrap();

    let second = app.connect(&client, "youtube").await;

    assert_eq!(second.result(), "connected");
    assert_eq!(second.connection_id(), first.connection_id());
    let stored = app.stored_connections().await;
    assert_eq!(stored.len(), 1);
    assert_ne!(
        open_tokens(key, &stored[0]).unwrap().access_token,
        old_tokens.access_token
    );
}

#[tokio::test]
async fn an_account_another_client_holds_is_refused_and_stays_theirs() {
    let app = TestApp::spawn().await;
    let (first, first_id) = app.client_allowed(all_platforms()).await;
    let (second, _) = app.client_allowed(all_platforms()).await;
    assert_eq!(app.connect(&first, "youtube").await.result(), "connected");
    let before = app.durable_snapshot().await;

    assert_eq!(
        app.connect(&second, "youtube").await.result(),
        "connected-elsewhere"
    );

    assert_eq!(app.durable_snapshot().await, before);
    assert_eq!(
        app.stored_connections().await[0]
            .connection
            .owner
            .client_id()
            .map(|id| id.as_str()),
        Some(first_id.as_str())
    );
}

#[tokio::test]
async fn clients_see_and_disconnect_only_their_own_connections() {
    let app = TestApp::spawn().await;
    let (alice, _) = app.client_allowed(all_platforms()).await;
    let (bob, _) = app.client_allowed(all_platforms()).await;
    app.provider.sign_in_as("youtube", "alice-channel", "Alice");
    let alices = app
        .connect(&alice, "youtube")
        .await
        .connection_id()
        .unwrap();
    app.provider.sign_in_as("youtube", "bob-channel", "Bob");
    let bobs = app.connect(&bob, "youtube").await.connection_id().unwrap();

    let seen_by_alice = app.list_connections(&alice).await;
    assert_eq!(seen_by_alice.len(), 1);
    assert_eq!(seen_by_alice[0]["id"], alices.as_str());
    assert_eq!(app.list_connections(&app.owner).await.len(), 2);

    app.disconnect(&alice, &bobs)
        .await
        .assert_problem(404, "connection-not-found");
    let done = app.disconnect(&alice, &alices).await;
    assert_eq!(done.assert_ok(200)["revoked_at_platform"], true);
    assert_eq!(app.provider.revoked().len(), 1);
    assert_eq!(app.list_connections(&app.owner).await.len(), 1);
}

#[tokio::test]
async fn a_client_cannot_start_a_platform_its_invitation_does_not_allow() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["youtube"])).await;
    let before = app.snapshot().await;

    app.start_connect(&client, "tiktok")
        .await
        .assert_problem(403, "platform-not-allowed");
    app.start_connect(&client, "myspace")
        .await
        .assert_problem(404, "unknown-platform");
    let stranger = User::new("stranger");
    app.start_connect(&stranger, "youtube")
        .await
        .assert_problem(403, "not-workspace-member");

    assert_eq!(app.snapshot().await, before, "no state was stored");
}

#[tokio::test]
async fn when_clients_may_not_disconnect_only_the_agency_can() {
    let app = TestApp::spawn_with(Setup {
        clients_may_disconnect: false,
        ..Setup::default()
    })
    .await;
    let (client, _) = app.client_allowed(all_platforms()).await;
    let id = app
        .connect(&client, "linkedin")
        .await
        .connection_id()
        .unwrap();

    app.disconnect(&client, &id)
        .await
        .assert_problem(403, "disconnect-not-allowed");
    assert_eq!(app.stored_connections().await.len(), 1);

    app.disconnect(&app.owner, &id).await.assert_ok(200);
    assert!(app.stored_connections().await.is_empty());
}

#[tokio::test]
async fn removing_a_client_keeps_or_disconnects_its_accounts_as_the_agency_chooses() {
    let app = TestApp::spawn().await;
    let (kept, kept_id) = app.client_allowed(all_platforms()).await;
    let (dropped, dropped_id) = app.client_allowed(all_platforms()).await;
    app.provider.sign_in_as("x", "kept-account", "kept");
    app.connect(&kept, "x").await;
    app.provider.sign_in_as("x", "dropped-account", "dropped");
    app.connect(&dropped, "x").await;

    app.remove(&app.owner, &kept_id).await.assert_ok(200);
    app.remove_client(&dropped_id, "disconnect")
        .await
        .assert_ok(200);

    let left: Vec<String> = app
        .stored_connections()
        .await
        .into_iter()
        .map(|s| s.connection.account_id)
        .collect();
    assert_eq!(left, vec!["kept-account".to_owned()]);
    assert_eq!(app.provider.revoked().len(), 1);
    // A removed client can no longer list, start or disconnect anything.
    app.list_connections_reply(&kept)
        .await
        .assert_problem(403, "not-workspace-member");
}

#[tokio::test]
async fn no_platform_token_is_stored_or_logged_in_plaintext_and_sealed_tokens_do_not_move() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(all_platforms()).await;
    for platform in ["youtube", "tiktok", "x"] {
        assert_eq!(app.connect(&client, platform).await.result(), "connected");
    }
    let issued = app.provider.issued_tokens();
    assert!(issued.len() >= 3);
    let table = format!("{:?}", app.all_table_items().await);
    let logs = captured_logs();
    for token in &issued {
        assert!(
            !table.contains(token.as_str()),
            "a table item holds a platform token"
        );
        assert!(
            !logs.contains(token.as_str()),
            "a log line holds a platform token"
        );
    }
    for reply_body in app.list_connections(&app.owner).await {
        for token in &issued {
            assert!(!reply_body.to_string().contains(token.as_str()));
        }
    }

    // Copy one connection's ciphertext onto another: it must not open there.
    let stored = app.stored_connections().await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let mut moved = stored[1].clone();
    moved.sealed_tokens = stored[0].sealed_tokens.clone();
    assert!(open_tokens(key, &stored[0]).is_ok());
    assert!(open_tokens(key, &moved).is_err());
}

#[tokio::test]
async fn deleting_a_client_again_with_disconnect_finishes_removing_its_accounts_and_reports_each() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(all_platforms()).await;
    for platform in ["youtube", "tiktok", "x"] {
        assert_eq!(app.connect(&client, platform).await.result(), "connected");
    }
    app.remove(&app.owner, &client_id).await.assert_ok(200);
    let delete_again = |choice| app.remove_client(&client_id, choice);

    let finished = delete_again("disconnect").await;

    let reported = finished.assert_ok(200)["disconnected"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(reported.len(), 3, "{reported:?}");
    assert!(reported
        .iter()
        .all(|each| each["revoked_at_platform"] == true && each.get("failed").is_none()));
    assert!(app.stored_connections().await.is_empty());
    assert_eq!(app.provider.revoked().len(), 3);
    let nothing_left = delete_again("disconnect").await;
    assert_eq!(nothing_left.assert_ok(200)["disconnected"], json!([]));
    delete_again("keep")
        .await
        .assert_problem(410, "client-removed");
}
