//! The agency's pages, driven through the handlers as a browser would: an owner signs
//! in, invites from the card, manages clients, the invite link and connections. The
//! same journeys run in a real Chromium in `tests/e2e`.

use clientconnect::domain::Role;
use serde_json::json;
use time::Duration;
use url::Url;

use crate::helpers::{Reply, TestApp, User};
use crate::markup::{field, field_of, has, input_value, link, text, texts};
use crate::pages::{html, Browser};

/// An owner of the test's workspace who signs in on the pages.
pub(crate) async fn signed_in_owner(app: &TestApp) -> (Browser<'_>, User) {
    let owner = User::signing_in_locally("agency");
    app.add_member(&owner, Role::Owner).await;
    (Browser::new(app).signing_in_as(&owner.email), owner)
}

fn page_url(path: &str, app: &TestApp) -> Url {
    let mut url = Url::parse("https://clients.acme.example")
        .unwrap()
        .join(path)
        .unwrap();
    url.query_pairs_mut()
        .append_pair("workspace", app.workspace.as_str());
    url
}

impl Browser<'_> {
    /// Opens an agency page (signing in on the way when needed); it must answer 200.
    pub(crate) async fn agency_page(&mut self, path: &str) -> String {
        let url = page_url(path, self.app());
        let page = self.open(&url).await;
        assert_eq!(page.status, 200, "{}", html(&page));
        html(&page).to_owned()
    }

    /// Presses a button of an agency page: the form's fields plus the page's CSRF token.
    pub(crate) async fn press(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Reply {
        let csrf = field(page, "csrf");
        let workspace = self.app().workspace.to_string();
        let mut all = vec![("workspace", workspace.as_str()), ("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.submit(action, &all).await
    }
}

#[tokio::test]
async fn an_owner_invites_from_the_card_and_sees_the_person_active_and_their_account_healthy() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let card = browser.agency_page("/workspace/clients").await;
    assert!(card.contains("Invite client"), "{card}");
    assert!(card.contains("No clients yet"));

    let client = User::new("cleo");
    let invited = browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "invite"),
                ("client_name", "Brightside Bakery"),
                ("email", &client.email),
                ("name", "Cleo Client"),
                ("platform", "youtube"),
                ("platform", "x"),
            ],
        )
        .await;
    let after = html(&invited);
    assert!(after.contains("The invitation is on its way."), "{after}");
    assert!(after.contains("Brightside Bakery") && after.contains("Cleo Client"));
    assert!(badges(after).contains(&"Invited".into()));

    let token = app.latest_link_token(&client.email).await;
    app.accept(&client, &token).await.assert_ok(200);
    app.provider
        .sign_in_as("youtube", "yt-bakery", "Brightside Bakery TV");
    assert_eq!(app.connect(&client, "youtube").await.result(), "connected");

    let card = browser.agency_page("/workspace/clients").await;
    assert!(badges(&card).contains(&"Active".into()), "{card}");
    assert!(card.contains("Joined "), "a date people read");
    let connections = browser.agency_page("/workspace/connections").await;
    assert!(
        connections.contains("YouTube @Brightside Bakery TV"),
        "{connections}"
    );
    assert!(badges(&connections).contains(&"Healthy".into()));
    assert!(
        connections.contains("Connected by Cleo Client") || connections.contains(&client.email)
    );
}

#[tokio::test]
async fn a_refused_invitation_shows_the_card_again_with_what_was_typed_and_why() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let card = browser.agency_page("/workspace/clients").await;
    let refused = browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "invite"),
                ("client_name", "Typed Brand"),
                ("email", "not-an-address"),
                ("name", "Typed Name"),
                ("platform", "tiktok"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    let page = html(&refused);
    assert!(has(page, "[role=alert]"), "{page}");
    assert_eq!(
        [
            field(page, "client_name"),
            field(page, "name"),
            field(page, "email")
        ],
        ["Typed Brand", "Typed Name", "not-an-address"]
    );
    assert!(app.clients().await.is_empty(), "nothing was made");
}

#[tokio::test]
async fn the_card_resends_revokes_removes_and_deletes_a_client_with_its_accounts() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x", "youtube"])).await;
    app.provider.sign_in_as("x", "x-brand", "Brand on X");
    assert_eq!(app.connect(&client, "x").await.result(), "connected");
    let (mut browser, _) = signed_in_owner(&app).await;

    // A second person of the same client, invited from the card.
    let card = browser.agency_page("/workspace/clients").await;
    let colleague = User::new("colleague");
    browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "invite"),
                ("client", &client_id),
                ("email", &colleague.email),
            ],
        )
        .await;
    let first_link = app.latest_link_token(&colleague.email).await;
    app.clock.advance(Duration::minutes(6));
    let card = browser.agency_page("/workspace/clients").await;
    let resent = browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "resend"),
                ("person", &invitation_of(&app, &colleague).await),
            ],
        )
        .await;
    assert!(
        html(&resent).contains("A new link is on its way"),
        "{}",
        html(&resent)
    );
    assert_ne!(app.latest_link_token(&colleague.email).await, first_link);
    app.preview(&first_link)
        .await
        .assert_problem(404, "invite-link-not-found");

    let card = browser.agency_page("/workspace/clients").await;
    let revoked = browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "revoke"),
                ("person", &invitation_of(&app, &colleague).await),
            ],
        )
        .await;
    assert!(html(&revoked).contains("The invitation was withdrawn"));
    assert!(badges(html(&revoked)).contains(&"Revoked".into()));

    // Deleting asks first (opening the confirm step changes nothing), then disconnects.
    let confirm_url = {
        let mut url = page_url("/workspace/clients", &app);
        url.query_pairs_mut().append_pair("delete", &client_id);
        url
    };
    let confirm = browser.open(&confirm_url).await;
    assert!(html(&confirm).contains("Keep them for publishing"));
    assert_eq!(app.list_connections(&app.owner).await.len(), 1);
    let deleted = browser
        .press(
            html(&confirm),
            "/workspace/clients",
            &[
                ("action", "delete-client"),
                ("client", &client_id),
                ("connections", "disconnect"),
            ],
        )
        .await;
    assert!(
        html(&deleted).contains("The client was deleted"),
        "{}",
        html(&deleted)
    );
    let connections = browser.agency_page("/workspace/connections").await;
    assert!(
        connections.contains("No accounts are connected yet."),
        "{connections}"
    );
    assert!(app.list_connections(&app.owner).await.is_empty());
}

/// The invitation id of `person` in the test's workspace, from the API's list.
async fn invitation_of(app: &TestApp, person: &User) -> String {
    let listed = app.list(&app.owner, &[]).await;
    listed.assert_ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["email"] == person.email.as_str())
        .expect("the person is listed")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_person_of_a_client_and_a_member_see_a_refusal_and_no_data() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["x"])).await;
    let member = User::signing_in_locally("member");
    app.add_member(&member, Role::Member).await;
    let person = User::signing_in_locally("person");
    let invited = app
        .invite(
            &app.owner,
            json!({ "email": person.email, "platforms": ["x"] }),
        )
        .await;
    invited.assert_ok(201);
    let token = app.latest_link_token(&person.email).await;
    app.accept(&person, &token).await.assert_ok(200);

    for who in [&member, &person] {
        let mut browser = Browser::new(&app).signing_in_as(&who.email);
        for path in [
            "/workspace/clients",
            "/workspace/invite-link",
            "/workspace/connections",
        ] {
            let refused = browser.open(&page_url(path, &app)).await;
            assert_eq!(refused.status, 403, "{path}");
            let page = html(&refused);
            assert!(
                text(page).contains("for the workspace's owners and admins"),
                "{page}"
            );
            assert!(
                !page.contains(&client.email) && !page.contains("Acme Social"),
                "{page}"
            );
        }
    }
}

#[tokio::test]
async fn a_button_without_the_session_csrf_token_changes_nothing() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    browser.agency_page("/workspace/invite-link").await;
    let workspace = app.workspace.to_string();
    let forged = browser
        .submit(
            "/workspace/invite-link",
            &[
                ("workspace", &workspace),
                ("csrf", "forged"),
                ("action", "save"),
                ("enabled", "on"),
                ("platform", "x"),
            ],
        )
        .await;
    assert_eq!(forged.status, 401);
    let link = browser.agency_page("/workspace/invite-link").await;
    assert!(link.contains("The invite link is off"), "{link}");
}

#[tokio::test]
async fn the_invite_link_page_turns_the_link_on_and_a_refresh_kills_the_old_link() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let page = browser.agency_page("/workspace/invite-link").await;
    let saved = browser
        .press(
            &page,
            "/workspace/invite-link",
            &[
                ("action", "save"),
                ("enabled", "on"),
                ("platform", "instagram"),
                ("platform", "facebook"),
            ],
        )
        .await;
    let on = html(&saved).to_owned();
    assert!(on.contains("settings are saved"), "{on}");
    let old = link_on(&on);
    let refreshed = browser
        .press(&on, "/workspace/invite-link", &[("action", "refresh")])
        .await;
    let new = link_on(html(&refreshed));
    assert_ne!(old, new);
    let joiner = User::new("joiner");
    let mut theirs = Browser::new(&app).signing_in_as(&joiner.email);
    let gone = theirs.open(&Url::parse(&old).unwrap()).await;
    assert_eq!(gone.status, 410);
    assert!(html(&theirs.open(&Url::parse(&new).unwrap()).await).contains("Join Acme Social"));

    let off = browser
        .press(
            html(&refreshed),
            "/workspace/invite-link",
            &[("action", "save"), ("platform", "instagram")],
        )
        .await;
    assert!(html(&off).contains("The invite link is off"));
    assert_eq!(theirs.open(&Url::parse(&new).unwrap()).await.status, 410);
}

/// The invite link's address on its page.
fn link_on(page: &str) -> String {
    input_value(page, "invite-link")
}

/// The status badges of a page's rows, in order.
fn badges(page: &str) -> Vec<String> {
    texts(page, ".badge")
}

#[tokio::test]
async fn the_connections_page_connects_an_agency_account_assigns_it_and_emails_a_broken_client() {
    let app = TestApp::with_own_table().await;
    let (client, client_id) = app.client_allowed(json!(["x", "linkedin"])).await;
    app.provider.sign_in_as("x", "x-brand", "Brand on X");
    assert_eq!(app.connect(&client, "x").await.result(), "connected");
    app.provider.revoke_grant("x", "x-brand");
    app.clock.advance(crate::upkeep::A_DAY_LATER);
    app.run_upkeep().await;

    let (mut browser, _) = signed_in_owner(&app).await;
    let page = browser.agency_page("/workspace/connections").await;
    assert!(badges(&page).contains(&"Needs reconnect".into()), "{page}");
    let emailed = browser
        .press(
            &page,
            "/workspace/connections",
            &[
                ("action", "reconnect-email"),
                (
                    "connection",
                    &field_of(&page, "Send reconnect email for", "connection"),
                ),
            ],
        )
        .await;
    assert!(
        html(&emailed).contains("The client was emailed"),
        "{}",
        html(&emailed)
    );

    app.provider
        .sign_in_as("linkedin", "li-agency", "Agency on LinkedIn");
    let connected = browser
        .press(
            html(&emailed),
            "/workspace/connections",
            &[("action", "connect"), ("platform", "linkedin")],
        )
        .await;
    let page = html(&connected).to_owned();
    assert!(page.contains("LinkedIn is connected."), "{page}");
    assert!(page.contains("The agency"));
    let own = field_of(&page, "Assign LinkedIn @Agency on LinkedIn", "connection");
    let assigned = browser
        .press(
            &page,
            "/workspace/connections",
            &[
                ("action", "assign"),
                ("connection", &own),
                ("client", &client_id),
            ],
        )
        .await;
    assert!(html(&assigned).contains("shown to"), "{}", html(&assigned));
    let disconnected = browser
        .press(
            html(&assigned),
            "/workspace/connections",
            &[("action", "disconnect"), ("connection", &own)],
        )
        .await;
    assert!(html(&disconnected).contains("The account was disconnected."));
    assert!(!html(&disconnected).contains("Agency on LinkedIn"));
}

#[tokio::test]
async fn the_card_makes_and_ends_a_connect_link_removes_a_person_and_filters_by_status() {
    let app = TestApp::spawn().await;
    let (client, client_id) = app.client_allowed(json!(["x"])).await;
    let (mut browser, _) = signed_in_owner(&app).await;
    // The only workspace this owner manages needs no `?workspace=`.
    let bare = Url::parse("https://clients.acme.example/workspace/clients").unwrap();
    let card = html(&browser.open(&bare).await).to_owned();
    assert!(card.contains("Clients of Acme Social"), "{card}");

    let made = browser
        .press(
            &card,
            "/workspace/clients",
            &[("action", "make-link"), ("client", &client_id)],
        )
        .await;
    assert_eq!(made.status, 200);
    let page = html(&made).to_owned();
    assert!(page.contains("shown only once"), "{page}");
    let link = input_value(&page, &format!("link-{client_id}"));
    let mut visitor = Browser::new(&app);
    let opened = visitor.open(&Url::parse(&link).unwrap()).await;
    assert!(
        html(&opened).contains("Connect your accounts"),
        "{}",
        html(&opened)
    );

    let ended = browser
        .press(
            &page,
            "/workspace/clients",
            &[("action", "revoke-link"), ("client", &client_id)],
        )
        .await;
    assert!(html(&ended).contains("connect link no longer works"));
    assert_eq!(
        Browser::new(&app)
            .open(&Url::parse(&link).unwrap())
            .await
            .status,
        410
    );

    let person = invitation_of(&app, &client).await;
    let removed = browser
        .press(
            html(&ended),
            "/workspace/clients",
            &[
                ("action", "remove-person"),
                ("client", &client_id),
                ("person", &person),
            ],
        )
        .await;
    assert!(html(&removed).contains("The person was removed"));

    let mut filtered = page_url("/workspace/clients", &app);
    filtered
        .query_pairs_mut()
        .append_pair("status", "deactivated");
    let deactivated = html(&browser.open(&filtered).await).to_owned();
    assert!(
        deactivated.contains(&client.email) && badges(&deactivated).contains(&"Deactivated".into()),
        "{deactivated}"
    );
    let mut filtered = page_url("/workspace/clients", &app);
    filtered.query_pairs_mut().append_pair("status", "invited");
    assert!(html(&browser.open(&filtered).await).contains("Nobody has this status."));
}

#[tokio::test]
async fn the_card_lists_twenty_clients_newest_first_and_links_to_the_next_page() {
    let app = TestApp::spawn_with(crate::helpers::Setup {
        own_table: true,
        ..Default::default()
    })
    .await;
    for number in 1..=21 {
        app.create_client(json!({ "name": format!("Brand {number:02}") }))
            .await
            .assert_ok(201);
    }
    let (mut browser, _) = signed_in_owner(&app).await;
    let page = browser.agency_page("/workspace/clients").await;
    // The list, not the invite form (whose client choice names them all).
    let newest_twenty: Vec<String> = (2..=21).rev().map(|n| format!("Brand {n:02}")).collect();
    assert_eq!(listed_clients(&page), newest_twenty, "newest first");
    let next = link(&page, "Next page").expect("a link to the next page");
    let second = browser.open(&Url::parse(&next).unwrap()).await;
    assert_eq!(listed_clients(html(&second)), ["Brand 01"]);
    assert_eq!(link(html(&second), "Next page"), None);
}

/// The clients the card lists, in its order.
fn listed_clients(page: &str) -> Vec<String> {
    texts(page, "section[aria-labelledby=list-heading] article h3")
}

#[tokio::test]
async fn a_page_opened_with_a_bad_address_answers_with_a_page_a_browser_shows_not_json() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    browser.agency_page("/workspace/clients").await;
    let mut url = page_url("/workspace/clients", &app);
    url.query_pairs_mut().append_pair("status", "<bogus>");
    let refused = browser.open(&url).await;
    assert_eq!(refused.status, 400, "{}", html(&refused));
    assert!(
        refused.content_type.starts_with("text/html"),
        "{}",
        refused.content_type
    );
    let page = html(&refused);
    assert!(page.contains("Invalid parameter"), "{page}");
    assert!(
        !page.contains("<bogus>"),
        "what the address said is escaped: {page}"
    );

    let mut url = Url::parse("https://clients.acme.example/connect").unwrap();
    url.query_pairs_mut()
        .append_pair("workspace", "not a workspace id!");
    let refused = browser.open(&url).await;
    assert_eq!(refused.status, 400);
    assert!(refused.content_type.starts_with("text/html"));
}

#[tokio::test]
async fn a_person_of_a_client_who_presses_the_agencys_connect_button_is_refused_and_goes_nowhere() {
    let app = TestApp::spawn().await;
    let person = User::signing_in_locally("person");
    app.invite(
        &app.owner,
        json!({ "email": person.email, "platforms": ["x"] }),
    )
    .await
    .assert_ok(201);
    let token = app.latest_link_token(&person.email).await;
    app.accept(&person, &token).await.assert_ok(200);
    let mut browser = Browser::new(&app).signing_in_as(&person.email);
    let mut connect_page = Url::parse("https://clients.acme.example/connect").unwrap();
    connect_page
        .query_pairs_mut()
        .append_pair("workspace", app.workspace.as_str());
    let own_page = browser.open(&connect_page).await;
    assert_eq!(own_page.status, 200, "{}", html(&own_page));
    // The session's own CSRF token, taken from the page the person may open.
    let csrf = field(html(&own_page), "csrf");

    let workspace = app.workspace.to_string();
    let refused = browser
        .submit(
            "/workspace/connections",
            &[
                ("workspace", &workspace),
                ("csrf", &csrf),
                ("action", "connect"),
                ("platform", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", html(&refused));
    assert!(text(html(&refused)).contains("for the workspace's owners and admins"));
    assert_eq!(
        app.provider.token_calls("x", "x-brand"),
        0,
        "nobody was sent to the platform"
    );
}

#[tokio::test]
async fn the_clients_card_reads_in_french_once_french_is_chosen_and_the_next_page_remembers_it() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let client = User::new("cleo");
    let invited = app
        .invite(
            &app.owner,
            json!({ "email": client.email, "client_name": "Brightside Bakery" }),
        )
        .await;
    invited.assert_ok(201);
    let english = browser.agency_page("/workspace/clients").await;
    assert!(english.contains(r#"<html lang="en">"#), "{english}");

    let mut french = page_url("/workspace/clients", &app);
    french.query_pairs_mut().append_pair("lang", "fr");
    let card = browser.open(&french).await;
    assert_eq!(card.status, 200, "{}", html(&card));
    let card = html(&card);
    assert!(card.contains(r#"<html lang="fr">"#), "{card}");
    let words = text(card);
    for said in [
        "Clients de l’espace de travail Acme Social",
        "Inviter un client",
        "Envoyer l’invitation",
        "Brightside Bakery",
        "Révoquer",
        "Invité par",
    ] {
        assert!(words.contains(said), "{said:?} in {words}");
    }
    assert!(badges(card).contains(&"Invité".into()), "{card}");
    assert!(
        !words.contains("Invite client") && !words.contains("Send the invitation"),
        "no English left: {words}"
    );
    let revoke = format!("Révoquer l’invitation de {}", client.email);
    assert_eq!(field_of(card, &revoke, "action"), "revoke");

    // A refusal is said in French too, the form as typed.
    let refused = browser
        .press(
            card,
            "/workspace/clients",
            &[
                ("action", "invite"),
                ("client_name", "Typed Brand"),
                ("email", "not-an-address"),
                ("platform", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    let said = texts(html(&refused), "[role=alert]").join(" ");
    assert!(
        said.contains("Cette adresse e-mail ne peut pas recevoir d'invitation."),
        "{said}"
    );

    // The choice is remembered: the next page needs no `lang`.
    let connections = browser.agency_page("/workspace/connections").await;
    assert!(connections.contains(r#"<html lang="fr">"#));
    assert!(
        connections.contains("Aucun compte n’est encore connecté."),
        "{connections}"
    );
}
