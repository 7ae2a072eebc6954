//! One consent, several accounts: the person chooses which Facebook Pages, LinkedIn
//! organisations or YouTube channels become connections; nothing is saved before.

use clientconnect::service::tokens::open_tokens;
use local_oauth_provider::Managed;
use serde_json::json;
use time::Duration;
use url::Url;

use crate::helpers::{Reply, TestApp};
use crate::markup::field;
use crate::pages::{html, Browser};

/// A browser on the connect page of a client allowed `platforms`, through a connect
/// link (no sign-in needed); and the page.
async fn on_connect_page<'a>(
    app: &'a TestApp,
    platforms: serde_json::Value,
) -> (Browser<'a>, String) {
    let (_, client_id) = app.client_allowed(platforms).await;
    let made = app.make_connect_link(&client_id, None).await;
    let link = Url::parse(made.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let mut browser = Browser::new(app);
    let page = browser.open(&link).await;
    let page = html(&page).to_owned();
    (browser, page)
}

/// Presses Connect for `platform` and consents at the provider: where it ends up.
async fn consent(browser: &mut Browser<'_>, page: &str, platform: &str) -> Reply {
    browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &field(page, "workspace")),
                ("platform", platform),
                ("csrf", &field(page, "csrf")),
            ],
        )
        .await
}

fn checkboxes(page: &str) -> usize {
    page.matches("type=\"checkbox\"").count()
}

#[tokio::test]
async fn a_facebook_grant_with_several_pages_connects_exactly_the_ones_chosen() {
    let app = TestApp::spawn().await;
    let (mut browser, page) = on_connect_page(&app, json!(["facebook"])).await;
    app.provider.sign_in_managing(
        "facebook",
        "fb-person",
        "Pat",
        &[
            Managed::publishing("page-alpha", "Alpha Bakery"),
            Managed::publishing("page-beta", "Beta Books"),
            Managed::publishing("page-gamma", "Gamma Gym"),
            Managed::moderating("page-delta", "Delta Diner"),
        ],
    );

    let choosing = consent(&mut browser, &page, "facebook").await;

    let choosing = html(&choosing).to_owned();
    assert!(
        choosing.contains("Choose what to connect to Acme Social"),
        "{choosing}"
    );
    assert_eq!(
        checkboxes(&choosing),
        3,
        "the three Pages the person may publish to"
    );
    assert!(
        choosing.contains("Delta Diner") && choosing.contains("Create content"),
        "says why not"
    );
    assert!(
        app.stored_connections().await.is_empty(),
        "nothing saved before the choice"
    );

    let csrf = field(&choosing, "csrf");
    let refused = browser
        .submit(
            "/connect/choose",
            &[
                ("csrf", &csrf),
                ("account", "page-delta"),
                ("action", "connect"),
            ],
        )
        .await;
    assert_eq!(
        refused.status, 422,
        "a Page that cannot be published to is not connected"
    );
    let done = browser
        .submit(
            "/connect/choose",
            &[
                ("csrf", &csrf),
                ("account", "page-alpha"),
                ("account", "page-gamma"),
                ("action", "connect"),
            ],
        )
        .await;
    assert!(
        html(&done).contains("Facebook Page is connected."),
        "{}",
        html(&done)
    );

    let stored = app.stored_connections().await;
    let mut accounts: Vec<&str> = stored
        .iter()
        .map(|stored| stored.connection.account_id.as_str())
        .collect();
    accounts.sort();
    assert_eq!(accounts, ["page-alpha", "page-gamma"]);
    let key = app.state.secrets.sealing_key().await.unwrap();
    let tokens: Vec<String> = stored
        .iter()
        .map(|stored| open_tokens(key, stored).unwrap().access_token)
        .collect();
    assert_ne!(
        tokens[0], tokens[1],
        "each Page publishes with its own token"
    );

    let again = browser
        .submit(
            "/connect/choose",
            &[
                ("csrf", &csrf),
                ("account", "page-beta"),
                ("action", "connect"),
            ],
        )
        .await;
    assert_eq!(again.status, 410, "a choice is made once");
    assert_eq!(app.stored_connections().await.len(), 2);
}

#[tokio::test]
async fn an_abandoned_or_late_choice_connects_nothing() {
    let app = TestApp::spawn().await;
    let (mut browser, page) = on_connect_page(&app, json!(["facebook"])).await;
    let pages = [
        Managed::publishing("page-one", "One"),
        Managed::publishing("page-two", "Two"),
        Managed::publishing("page-three", "Three"),
    ];
    app.provider
        .sign_in_managing("facebook", "fb-person", "Pat", &pages);

    let choosing = consent(&mut browser, &page, "facebook").await;
    let csrf = field(html(&choosing), "csrf");
    let cancelled = browser
        .submit("/connect/choose", &[("csrf", &csrf), ("action", "cancel")])
        .await;
    assert!(
        html(&cancelled).contains("Nothing was connected"),
        "{}",
        html(&cancelled)
    );

    let choosing = consent(&mut browser, &page, "facebook").await;
    let csrf = field(html(&choosing), "csrf");
    app.clock.advance(Duration::minutes(16)); // past the OAuth state's lifetime
    let late = browser
        .submit(
            "/connect/choose",
            &[
                ("csrf", &csrf),
                ("account", "page-one"),
                ("action", "connect"),
            ],
        )
        .await;
    assert_eq!(late.status, 410);
    assert!(html(&late).contains("This choice has expired"));

    assert!(app.stored_connections().await.is_empty());
}

#[tokio::test]
async fn linkedin_offers_the_profile_and_the_organisation_pages_the_person_administers() {
    let app = TestApp::spawn().await;
    let (mut browser, page) = on_connect_page(&app, json!(["linkedin"])).await;
    app.provider.sign_in_managing(
        "linkedin",
        "li-member",
        "Lee Member",
        &[
            Managed::publishing("1001", "Brand Co"),
            Managed::publishing("1002", "Brand Labs"),
        ],
    );

    let choosing = consent(&mut browser, &page, "linkedin").await;
    let choosing = html(&choosing).to_owned();
    assert_eq!(checkboxes(&choosing), 3, "{choosing}");
    assert!(choosing.contains("Lee Member") && choosing.contains("Brand Labs"));
    browser
        .submit(
            "/connect/choose",
            &[
                ("csrf", &field(&choosing, "csrf")),
                ("account", "li-member"),
                ("account", "urn:li:organization:1002"),
                ("action", "connect"),
            ],
        )
        .await;

    let mut accounts: Vec<String> = app
        .stored_connections()
        .await
        .into_iter()
        .map(|stored| stored.connection.account_id)
        .collect();
    accounts.sort();
    assert_eq!(accounts, ["li-member", "urn:li:organization:1002"]);
}

#[tokio::test]
async fn two_youtube_channels_of_one_grant_connect_and_disconnecting_one_keeps_the_other_working() {
    let app = TestApp::spawn().await;
    let (mut browser, page) = on_connect_page(&app, json!(["youtube"])).await;
    app.provider.sign_in_managing(
        "youtube",
        "UC-main",
        "Main Channel",
        &[Managed::publishing("UC-second", "Second Channel")],
    );

    let choosing = consent(&mut browser, &page, "youtube").await;
    let choosing = html(&choosing).to_owned();
    assert_eq!(checkboxes(&choosing), 2, "{choosing}");
    browser
        .submit(
            "/connect/choose",
            &[
                ("csrf", &field(&choosing, "csrf")),
                ("account", "UC-main"),
                ("account", "UC-second"),
                ("action", "connect"),
            ],
        )
        .await;

    let stored = app.stored_connections().await;
    let mut channels: Vec<&str> = stored
        .iter()
        .map(|stored| stored.connection.account_id.as_str())
        .collect();
    channels.sort();
    assert_eq!(channels, ["UC-main", "UC-second"]);
    let key = app.state.secrets.sealing_key().await.unwrap();
    let refresh: Vec<Option<String>> = stored
        .iter()
        .map(|stored| open_tokens(key, stored).unwrap().refresh_token)
        .collect();
    assert!(
        refresh[0].is_some(),
        "each channel is renewed with the Google grant"
    );
    assert_eq!(
        refresh[0], refresh[1],
        "one Google grant serves both channels"
    );
    let grant = refresh[0].clone().unwrap();

    let first = browser
        .submit(
            "/connect/disconnect",
            &[
                ("workspace", &field(&page, "workspace")),
                ("connection", stored[0].connection.connection_id.as_str()),
                ("csrf", &field(&page, "csrf")),
            ],
        )
        .await;
    assert_eq!(first.status, 200, "{}", html(&first));
    assert_eq!(app.stored_connections().await.len(), 1);
    assert!(
        app.provider.refresh_token_is_usable(&grant),
        "the other channel still uses the grant"
    );
    let last = app
        .disconnect(&app.owner, stored[1].connection.connection_id.as_str())
        .await;
    assert_eq!(
        last.assert_ok(200)["revoked_at_platform"],
        true,
        "the last one ends the grant"
    );
    assert!(!app.provider.refresh_token_is_usable(&grant));
}
