//! Two-factor sign-in per client (Publer's rule): a person of a client that requires it
//! accepts, connects and disconnects only when their sign-in asserted a second factor;
//! such a client has no login-free connect link, and its existing one stops working.

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{json, Value};
use url::Url;

use crate::connections::Started;
use crate::helpers::{Endpoint, Reply, TestApp, User};
use crate::markup::{self, field};
use crate::pages::{html, Browser};

impl TestApp {
    /// `user`'s bearer token from a sign-in with a second factor, as an issuer asserts
    /// it (RFC 8176 `amr`, and when).
    fn token_with_second_factor(&self, user: &User) -> String {
        let mut claims = self.claims(user);
        claims["amr"] = json!(["pwd", "otp", "mfa"]);
        claims["auth_time"] = claims["iat"].clone();
        self.sign(claims, crate::helpers::DEV_KEY)
    }

    /// A new client whose people must sign in with a second factor, inviting `person`;
    /// the client's id and the token from the emailed link.
    async fn two_factor_client_inviting(&self, person: &User) -> (String, String) {
        let reply = self
            .invite(
                &self.owner,
                json!({ "email": person.email, "require_two_factor": true }),
            )
            .await;
        let client_id = reply.assert_ok(201)["client_id"]
            .as_str()
            .unwrap()
            .to_owned();
        (client_id, self.latest_link_token(&person.email).await)
    }

    /// The agency turns two-factor sign-in on for the client, written straight to its
    /// item (as the client's rights change would).
    async fn require_two_factor_of(&self, client_id: &str) {
        let client = format!("CLIENT#{client_id}");
        self.set_on_item(&client, "two_factor_required", AttributeValue::Bool(true))
            .await;
    }

    async fn client_view(&self, client_id: &str) -> Value {
        self.clients()
            .await
            .into_iter()
            .find(|client| client["id"] == client_id)
            .expect("the client is listed")
    }

    /// A connection of `user`'s client, connected before the rule was turned on.
    async fn connection_of(&self, user: &User, platform: &str) -> String {
        let landed = self.connect(user, platform).await;
        assert_eq!(landed.result(), "connected");
        landed.connection_id().unwrap()
    }

    async fn start_connect_with(&self, bearer: &str, platform: &str) -> Reply {
        self.request(Endpoint::ConnectStart)
            .in_workspace(&self.workspace)
            .param("platform", platform)
            .bearer(bearer)
            .send()
            .await
    }

    async fn disconnect_with(&self, bearer: &str, connection_id: &str) -> Reply {
        self.request(Endpoint::Disconnect)
            .in_workspace(&self.workspace)
            .param("connection_id", connection_id)
            .bearer(bearer)
            .send()
            .await
    }
}

#[tokio::test]
async fn inviting_or_creating_with_require_two_factor_makes_a_client_that_requires_it() {
    let app = TestApp::spawn().await;
    let (invited, _) = app.two_factor_client_inviting(&User::new("careful")).await;
    assert_eq!(app.client_view(&invited).await["two_factor_required"], true);

    let created = app
        .create_client(json!({ "name": "Vault Bank", "require_two_factor": true }))
        .await;
    assert_eq!(created.assert_ok(201)["two_factor_required"], true);
    let plain = app.create_client(json!({ "name": "Open Cafe" })).await;
    assert_eq!(plain.assert_ok(201)["two_factor_required"], false);

    // An existing client's rule is the client's, not one invitation's.
    let existing = plain.body["id"].as_str().unwrap();
    app.invite(
        &app.owner,
        json!({ "email": User::new("x").email, "client_id": existing, "require_two_factor": true }),
    )
    .await
    .assert_problem(422, "invalid-body");
}

#[tokio::test]
async fn a_person_of_a_two_factor_client_accepts_only_with_a_second_factor() {
    let app = TestApp::spawn().await;
    let person = User::new("careful");
    let (_, link_token) = app.two_factor_client_inviting(&person).await;

    let refused = app.accept(&person, &link_token).await;
    refused.assert_problem(403, "two-factor-required");
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("second factor"));
    assert!(
        app.client_memberships(&person).await.is_empty(),
        "a refused accept makes nobody a member"
    );

    let accepted = app
        .accept_with(&app.token_with_second_factor(&person), &link_token)
        .await;
    accepted.assert_ok(200);
    assert_eq!(app.client_memberships(&person).await.len(), 1);
}

#[tokio::test]
async fn connecting_and_disconnecting_need_a_second_factor_once_the_client_requires_it() {
    let app = TestApp::spawn().await;
    let (person, client_id) = app.client_allowed(json!(["youtube", "x"])).await;
    let connection = app.connection_of(&person, "youtube").await;
    app.require_two_factor_of(&client_id).await;

    let plain = app.token_for(&person);
    app.start_connect_with(&plain, "x")
        .await
        .assert_problem(403, "two-factor-required");
    app.disconnect_with(&plain, &connection)
        .await
        .assert_problem(403, "two-factor-required");
    assert_eq!(
        app.list_connections(&app.owner).await.len(),
        1,
        "still there"
    );

    let strong = app.token_with_second_factor(&person);
    app.start_connect_with(&strong, "x").await.assert_ok(200);
    app.disconnect_with(&strong, &connection)
        .await
        .assert_ok(200);
    assert!(app.list_connections(&app.owner).await.is_empty());
}

#[tokio::test]
async fn a_token_that_asserts_only_a_password_is_no_second_factor() {
    let app = TestApp::spawn().await;
    let person = User::new("careful");
    let (_, link_token) = app.two_factor_client_inviting(&person).await;
    let mut claims = app.claims(&person);
    claims["amr"] = json!(["pwd"]);
    claims["acr"] = json!("urn:cognito:loa:1");
    let password_only = app.sign(claims, crate::helpers::DEV_KEY);
    app.accept_with(&password_only, &link_token)
        .await
        .assert_problem(403, "two-factor-required");
}

#[tokio::test]
async fn the_agency_is_not_asked_for_a_second_factor() {
    let app = TestApp::spawn().await;
    let (person, client_id) = app.client_allowed(json!(["youtube"])).await;
    let connection = app.connection_of(&person, "youtube").await;
    app.require_two_factor_of(&client_id).await;

    let owner = app.token_for(&app.owner);
    app.start_connect_with(&owner, "linkedin")
        .await
        .assert_ok(200);
    app.disconnect_with(&owner, &connection)
        .await
        .assert_ok(200);
}

#[tokio::test]
async fn a_two_factor_client_gets_no_connect_link_and_its_existing_one_stops_working() {
    let app = TestApp::spawn().await;
    let (_, client_id) = app.client_allowed(json!(["youtube"])).await;
    let made = app.make_connect_link(&client_id, None).await;
    let link = Url::parse(made.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let mut browser = Browser::new(&app);
    let page = browser.open(&link).await;
    let page = html(&page).to_owned();
    assert!(page.contains("Connect your accounts"), "{page}");

    app.require_two_factor_of(&client_id).await;
    // The browser that holds the link, pressing Connect on the page it opened.
    let refused = press_connect(&mut browser, &page, "youtube").await;
    assert_eq!(refused.status, 403);
    let said = markup::text(html(&refused));
    assert!(
        said.contains("This connect link no longer works")
            && said.contains("two-factor sign-in")
            && said.contains("Sign in"),
        "{said}"
    );
    // Opened afresh, the link says the same.
    let reopened = Browser::new(&app).open(&link).await;
    assert_eq!(reopened.status, 403);
    assert!(html(&reopened).contains("two-factor sign-in"));
    assert!(app.list_connections(&app.owner).await.is_empty());

    let refused = app.make_connect_link(&client_id, None).await;
    refused.assert_problem(409, "two-factor-client-has-no-link");
}

/// The page session `browser` holds, as stored.
async fn session_of(app: &TestApp, browser: &Browser<'_>) -> clientconnect::domain::Session {
    let token = browser.cookie("__Host-cc_session").expect("signed in");
    app.state
        .store
        .session(&clientconnect::crypto::sha256_hex(&token))
        .await
        .unwrap()
        .expect("the session is stored")
}

/// The invitation page at `link_token`'s link.
fn invitation_page(link_token: &str) -> Url {
    let mut invite = Url::parse("https://clients.acme.example/invite").unwrap();
    invite.query_pairs_mut().append_pair("token", link_token);
    invite
}

/// The Connect button of `platform` on `connect_page`.
async fn press_connect(browser: &mut Browser<'_>, connect_page: &str, platform: &str) -> Reply {
    browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &field(connect_page, "workspace")),
                ("platform", platform),
                ("csrf", &field(connect_page, "csrf")),
            ],
        )
        .await
}

#[tokio::test]
async fn the_invitation_page_says_so_and_its_sign_in_asks_for_the_code_then_the_person_accepts() {
    let app = TestApp::spawn().await;
    let person = User::signing_in_locally("careful");
    let (_, link_token) = app.two_factor_client_inviting(&person).await;
    let mut browser = Browser::new(&app).signing_in_as(&person.email);
    let page = browser.open(&invitation_page(&link_token)).await;
    let page = html(&page).to_owned();
    assert!(markup::text(&page).contains("requires two-factor sign-in"));
    let sign_in = markup::link(&page, "Sign in").expect("a sign-in button");
    assert!(sign_in.contains("factor=two"), "{sign_in}");

    // Through the provider's one-time-code step (the browser types 123456) and back.
    let page = browser.open(&Url::parse(&sign_in).unwrap()).await;
    let page = html(&page).to_owned();
    let accept = [
        ("token", link_token.as_str()),
        ("csrf", &field(&page, "csrf")),
    ];
    let connect_page = browser.submit("/invite/accept", &accept).await;
    let connect_page = html(&connect_page).to_owned();
    assert_eq!(app.client_memberships(&person).await.len(), 1);
    let connected = press_connect(&mut browser, &connect_page, "youtube").await;
    assert!(html(&connected).contains("YouTube is connected."));
}

#[tokio::test]
async fn someone_signed_in_without_a_second_factor_is_told_why_then_signs_in_with_one_and_accepts()
{
    let app = TestApp::spawn().await;
    let person = User::signing_in_locally("careful");
    let (_, link_token) = app.two_factor_client_inviting(&person).await;
    let mut browser = Browser::new(&app).signing_in_as(&person.email);
    // Signed in earlier, the usual way, then back to the invitation.
    let mut plain = Url::parse("https://clients.acme.example/auth/login").unwrap();
    let back = format!("/invite?token={link_token}");
    plain.query_pairs_mut().append_pair("next", &back);
    let page = browser.open(&plain).await;
    let page = html(&page).to_owned();
    assert!(
        markup::text(&page).contains("without a second factor"),
        "{page}"
    );

    // The Accept of a page opened before: the answer says why, first.
    let accept = [
        ("token", link_token.as_str()),
        ("csrf", &session_of(&app, &browser).await.csrf),
    ];
    let asked = browser.submit("/invite/accept", &accept).await;
    assert_eq!(asked.status, 403);
    let asked = html(&asked).to_owned();
    assert!(
        markup::text(&asked).contains("requires two-factor sign-in"),
        "the page says why first: {asked}"
    );
    assert!(app.client_memberships(&person).await.is_empty());

    let again = markup::link(&asked, "Sign in with a second factor").expect("a button");
    assert!(again.contains("factor=two"), "{again}");
    let page = browser.open(&Url::parse(&again).unwrap()).await;
    let page = html(&page).to_owned();
    let session = session_of(&app, &browser).await;
    assert!(session.second_factor_at.is_some(), "the session records it");
    let accept = [
        ("token", link_token.as_str()),
        ("csrf", &field(&page, "csrf")),
    ];
    browser.submit("/invite/accept", &accept).await;
    assert_eq!(app.client_memberships(&person).await.len(), 1);
}

#[tokio::test]
async fn once_the_client_requires_it_the_connect_button_sends_the_person_to_sign_in_with_a_code() {
    let app = TestApp::spawn().await;
    let person = User::signing_in_locally("careful");
    let invited = app
        .invite(
            &app.owner,
            json!({ "email": person.email, "platforms": ["youtube"] }),
        )
        .await;
    let client_id = invited.assert_ok(201)["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let link_token = app.latest_link_token(&person.email).await;
    let mut browser = Browser::new(&app).signing_in_as(&person.email);
    let page = browser.open(&invitation_page(&link_token)).await;
    let page = browser.sign_in_from(&page).await;
    let accept = [
        ("token", link_token.as_str()),
        ("csrf", &field(html(&page), "csrf")),
    ];
    let connect_page = browser.submit("/invite/accept", &accept).await;
    let connect_page = html(&connect_page).to_owned();

    app.require_two_factor_of(&client_id).await;
    let asked = press_connect(&mut browser, &connect_page, "youtube").await;
    assert_eq!(asked.status, 403);
    let asked = html(&asked).to_owned();
    assert!(markup::text(&asked).contains("requires two-factor sign-in"));
    assert!(app.list_connections(&app.owner).await.is_empty());

    let again = markup::link(&asked, "Sign in with a second factor").expect("a button");
    let connect_page = browser.open(&Url::parse(&again).unwrap()).await;
    let connect_page = html(&connect_page).to_owned();
    let connected = press_connect(&mut browser, &connect_page, "youtube").await;
    assert!(html(&connected).contains("YouTube is connected."));
}

impl TestApp {
    /// A connect `bearer` starts on the API: where the browser goes, and its cookie.
    async fn started_with(&self, bearer: &str, platform: &str) -> Started {
        let reply = self.start_connect_with(bearer, platform).await;
        let authorize_url = reply.assert_ok(200)["authorize_url"].as_str().unwrap();
        let set_cookie = reply.headers["set-cookie"].to_str().unwrap();
        Started {
            authorize_url: Url::parse(authorize_url).unwrap(),
            cookie: cookie::Cookie::parse(set_cookie)
                .unwrap()
                .stripped()
                .to_string(),
        }
    }
}

#[tokio::test]
async fn a_consent_started_before_the_requirement_finishes_only_if_it_was_started_with_a_second_factor(
) {
    let app = TestApp::spawn().await;
    let (person, client_id) = app.client_allowed(json!(["youtube", "x"])).await;
    let plain = app.started_with(&app.token_for(&person), "youtube").await;
    let strong = app
        .started_with(&app.token_with_second_factor(&person), "x")
        .await;
    app.require_two_factor_of(&client_id).await;

    let refused = app
        .arrive(&app.consent(&plain).await, Some(&plain.cookie))
        .await;
    assert_eq!(refused.result(), "not-allowed");
    assert!(app.list_connections(&app.owner).await.is_empty());

    let landed = app
        .arrive(&app.consent(&strong).await, Some(&strong.cookie))
        .await;
    assert_eq!(landed.result(), "connected");
}
