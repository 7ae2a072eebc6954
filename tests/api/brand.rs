//! The agency's own words and brand, and its clients' language: an invitation's message
//! (escaped, cleaned, at most 500 characters), a workspace's brand set by the host and
//! on the brand page (a colour under 4.5:1 and a logo that is not a small raster image
//! refused), and emails written in the language chosen for each person.
//!
//! The local SES keeps only an email's HTML part: the text part of every language is
//! checked by the renderer's unit tests (`mail::templates`).

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, Item, TestApp, User};
use crate::markup::input_value;
use crate::pages::{html, Browser};

/// The first bytes of a PNG: enough for the type check, which reads no further.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x30\0\0\0\x30\x08\x06\0\0\0";

/// A local image host serving a good logo at `/logo.png`, an SVG, a page, a logo too
/// large and nothing at all.
async fn image_host() -> MockServer {
    let host = MockServer::start().await;
    let serve = |at: &'static str, content_type: &'static str, body: Vec<u8>| {
        Mock::given(method("GET"))
            .and(path(at))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, content_type))
    };
    serve("/logo.png", "image/png", PNG.to_vec())
        .mount(&host)
        .await;
    serve(
        "/logo.svg",
        "image/svg+xml",
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
    )
    .mount(&host)
    .await;
    serve("/fake.png", "image/png", b"<!doctype html><p>hi".to_vec())
        .mount(&host)
        .await;
    let mut big = PNG.to_vec();
    big.resize(300 * 1024, 7);
    serve("/big.png", "image/png", big).mount(&host).await;
    host
}

/// The host's provisioning of the test's workspace (as it was seeded) with `brand`.
async fn provision(app: &TestApp, brand: Value) -> crate::helpers::Reply {
    let mut body = json!({ "name": "Acme Social", "plan": "team", "seats": 10 });
    body.as_object_mut()
        .unwrap()
        .extend(brand.as_object().unwrap().clone());
    app.by_host(Endpoint::ProvisionWorkspace, app.workspace.as_str())
        .json(&body)
        .send()
        .await
}

async fn item(app: &TestApp, sk: &str) -> Item {
    app.snapshot()
        .await
        .into_iter()
        .find(|item| item["sk"].as_s().is_ok_and(|found| found == sk))
        .unwrap_or_else(|| panic!("no item {sk}"))
}

fn string(item: &Item, name: &str) -> Option<String> {
    item.get(name).and_then(|value| value.as_s().ok()).cloned()
}

#[tokio::test]
async fn an_invitation_carries_the_inviters_message_in_the_chosen_language_under_the_agencys_brand()
{
    let app = TestApp::spawn().await;
    let images = image_host().await;
    let logo = format!("{}/logo.png", images.uri());
    let brand = provision(
        &app,
        json!({ "display_name": "Acme Studio", "accent_colour": "#0F766E", "logo_url": logo }),
    )
    .await;
    let brand = brand.assert_ok(200);
    assert_eq!(
        (
            &brand["display_name"],
            &brand["accent_colour"],
            &brand["language"]
        ),
        (&json!("Acme Studio"), &json!("#0f766e"), &json!("en"))
    );

    let client = User::new("ana");
    let invited = app
        .invite(
            &app.owner,
            json!({
                "email": client.email,
                "language": "de",
                "message": "Hallo Ana,\r\n<script>alert(1)</script>\u{7} bis bald!",
            }),
        )
        .await;
    let view = invited.assert_ok(201);
    assert_eq!(
        (&view["language"], &view["message"]),
        (
            &json!("de"),
            &json!("Hallo Ana,\n<script>alert(1)</script> bis bald!")
        ),
        "the agency reads back what it sent"
    );
    let id = view["id"].as_str().unwrap().to_owned();
    let stored = item(&app, &format!("INVITE#{id}")).await;
    assert_eq!(
        string(&stored, "message").as_deref(),
        Some("Hallo Ana,\n<script>alert(1)</script> bis bald!"),
        "the bell is gone, the line break kept"
    );
    assert_eq!(string(&stored, "language").as_deref(), Some("de"));

    let email = app.emails_to(&client.email).await.pop().unwrap();
    assert_eq!(
        email.source,
        format!(
            "=?UTF-8?B?QWNtZSBTdHVkaW8gw7xiZXIgQ2xpZW50IENvbm5lY3Q=?= <{}>",
            crate::helpers::verified_sender()
        ),
        "a German name is sent as an encoded word"
    );
    assert!(
        email.subject.contains("lädt Sie ein") && email.subject.contains("Acme Studio"),
        "{}",
        email.subject
    );
    assert!(email.body.contains("Eine Nachricht von"), "{}", email.body);
    assert!(email
        .body
        .contains("Hallo Ana,<br>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; bis bald!"));
    assert!(!email.body.contains("<script>"));
    assert!(email.body.contains("background: #0f766e"));
    assert!(email.body.contains(&logo.replace('/', "&#x2f;")));
    let token = email.link_token();

    let preview = app.preview(&token).await;
    let preview = preview.assert_ok(200);
    assert_eq!(
        preview["message"],
        "Hallo Ana,\n<script>alert(1)</script> bis bald!"
    );
    assert_eq!(preview["accent_colour"], "#0f766e");

    // The page is the reader's (English here), the words the agency's.
    let mut browser = Browser::new(&app).signing_in_as(&client.email);
    let page = browser.open(&email.link()).await;
    let body = html(&page);
    assert!(
        body.contains("A message from") && body.contains("Acme Social:"),
        "{body}"
    );
    assert!(body.contains("Hallo Ana,<br>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; bis bald!"));
    assert!(!body.contains("<script>alert"));
    assert!(body.contains("--accent: #0f766e;"));
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains(&format!(" img-src {};", images.uri())),
        "images from the logo's origin only: {csp}"
    );
    assert!(!csp.contains("https:;") && !csp.contains("data:"), "{csp}");

    app.accept(&client, &token).await.assert_ok(200);
    let member = item(&app, &format!("MEMBER#{}", client.sub)).await;
    assert_eq!(
        string(&member, "language").as_deref(),
        Some("de"),
        "the person's later emails are written in German too"
    );
}

#[tokio::test]
async fn every_language_writes_the_invitation_email_with_the_link_the_agency_and_its_message() {
    let app = TestApp::spawn().await;
    provision(&app, json!({ "display_name": "Acme Studio" }))
        .await
        .assert_ok(200);
    let mut subjects = Vec::new();
    for (tag, signature) in [
        ("en", "Sent by Acme Studio via Client Connect."),
        ("es", "Enviado por Acme Studio vía Client Connect."),
        ("fr", "Envoyé par Acme Studio via Client Connect."),
        ("de", "Gesendet von Acme Studio über Client Connect."),
        ("pt-BR", "Enviado por Acme Studio via Client Connect."),
    ] {
        let client = User::new(&format!("reader-{tag}"));
        app.invite(
            &app.owner,
            json!({ "email": client.email, "language": tag, "message": "See you on Monday, Ana" }),
        )
        .await
        .assert_ok(201);
        let email = app.emails_to(&client.email).await.pop().unwrap();
        let link = email.link();
        assert_eq!(link.path(), "/invite", "{tag}");
        assert!(
            email.body.contains(&format!("<html lang=\"{tag}\">")),
            "{tag}"
        );
        assert!(email.body.contains("Acme Studio"), "{tag}");
        assert!(email.body.contains("See you on Monday, Ana"), "{tag}");
        assert!(email.body.contains(signature), "{tag}: {}", email.body);
        assert!(email.subject.contains("Acme Studio"), "{tag}");
        subjects.push(email.subject);
    }
    subjects.dedup();
    assert_eq!(
        subjects.len(),
        5,
        "each language its own words: {subjects:?}"
    );
}

#[tokio::test]
async fn a_workspace_writes_its_clients_emails_in_its_own_language_unless_the_inviter_chooses() {
    let app = TestApp::spawn().await;
    provision(&app, json!({ "language": "fr" }))
        .await
        .assert_ok(200);
    let client = User::new("claire");
    let invited = app
        .invite(&app.owner, json!({ "email": client.email }))
        .await;
    let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    assert_eq!(
        string(&item(&app, &format!("INVITE#{id}")).await, "language").as_deref(),
        Some("fr")
    );
    let email = app.emails_to(&client.email).await.pop().unwrap();
    assert!(
        email
            .subject
            .contains("vous invite à connecter vos comptes à Acme Social"),
        "{}",
        email.subject
    );
}

#[tokio::test]
async fn a_message_over_500_characters_or_an_unknown_language_is_refused_and_nothing_is_sent() {
    let app = TestApp::spawn().await;
    let before = app.snapshot().await;
    let client = User::new("refused");
    // 500 characters of text and control characters around them are fine...
    let fits = format!("{}\u{1}\u{2}", "é".repeat(500));
    // ...501 are not.
    app.invite(
        &app.owner,
        json!({ "email": client.email, "message": "a".repeat(501) }),
    )
    .await
    .assert_problem(422, "invitation-message-too-long");
    app.invite(
        &app.owner,
        json!({ "email": client.email, "language": "it" }),
    )
    .await
    .assert_problem(422, "unsupported-language");
    assert_eq!(app.snapshot().await, before, "nothing was written");
    assert!(app.emails_to(&client.email).await.is_empty());

    let invited = app
        .invite(
            &app.owner,
            json!({ "email": client.email, "message": fits }),
        )
        .await;
    let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    let stored = string(&item(&app, &format!("INVITE#{id}")).await, "message").unwrap();
    assert_eq!(stored.chars().count(), 500);
}

#[tokio::test]
async fn a_resent_invitation_keeps_its_message_and_language() {
    let app = TestApp::spawn().await;
    let client = User::new("again");
    let invited = app
        .invite(
            &app.owner,
            json!({ "email": client.email, "language": "es", "message": "Hola de nuevo" }),
        )
        .await;
    let id = invited.assert_ok(201)["id"].as_str().unwrap().to_owned();
    app.clock.advance(time::Duration::minutes(6));
    app.resend(&app.owner, &id).await.assert_ok(200);
    let emails = app.emails_to(&client.email).await;
    assert_eq!(emails.len(), 2);
    let resent = &emails[1];
    assert!(resent.body.contains("Hola de nuevo"));
    assert!(resent.subject.contains("le invita"), "{}", resent.subject);
}

#[tokio::test]
async fn the_host_cannot_set_a_colour_under_4_5_to_1_or_a_logo_that_is_not_a_small_image() {
    let app = TestApp::spawn().await;
    let images = image_host().await;
    let before = app.snapshot().await;
    let refused = provision(&app, json!({ "accent_colour": "#ffcc00" })).await;
    refused.assert_problem(422, "accent-colour-low-contrast");
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("#ffcc00 has a contrast of 1.44:1 with the page background"),
        "{detail}"
    );
    for (logo, slug) in [
        ("/logo.svg", "logo-not-an-image"),
        ("/fake.png", "logo-not-an-image"),
        ("/big.png", "logo-too-large"),
        ("/missing.png", "logo-unreachable"),
    ] {
        provision(
            &app,
            json!({ "logo_url": format!("{}{logo}", images.uri()) }),
        )
        .await
        .assert_problem(422, slug);
    }
    provision(&app, json!({ "language": "xx" }))
        .await
        .assert_problem(422, "unsupported-language");
    provision(&app, json!({ "accent_colour": "blue" }))
        .await
        .assert_problem(422, "invalid-body");
    assert_eq!(app.snapshot().await, before, "the workspace is as it was");
}

#[tokio::test]
async fn the_brand_page_sets_the_brand_and_refuses_a_colour_too_light_to_read() {
    let app = TestApp::spawn().await;
    let images = image_host().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let page = browser.agency_page("/workspace/brand").await;
    assert!(page.contains("Brand of Acme Social"), "{page}");

    let refused = browser
        .press(
            &page,
            "/workspace/brand",
            &[
                ("display_name", "Acme Studio"),
                ("accent_colour", "#ffcc00"),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    let shown = html(&refused);
    assert!(
        shown.contains("#ffcc00 has a contrast of only 1.44:1 with the page"),
        "{shown}"
    );
    assert_eq!(input_value(shown, "brand-accent"), "#ffcc00", "as typed");
    assert!(
        shown.contains("--accent: #1d4ed8;"),
        "the refused colour never paints the page"
    );
    let workspace = item(&app, "META").await;
    assert_eq!(
        (
            string(&workspace, "accent_colour"),
            string(&workspace, "display_name")
        ),
        (None, None),
        "nothing of the refused brand was written"
    );

    let page = browser.agency_page("/workspace/brand").await;
    let logo = format!("{}/logo.png", images.uri());
    let saved = browser
        .press(
            &page,
            "/workspace/brand",
            &[
                ("display_name", "Acme Studio"),
                ("accent_colour", "#1d4ed8"),
                ("logo_url", &logo),
                ("language", "es"),
            ],
        )
        .await;
    let shown = html(&saved);
    assert!(shown.contains("The brand is saved."), "{shown}");
    assert_eq!(input_value(shown, "brand-display-name"), "Acme Studio");
    let workspace = item(&app, "META").await;
    assert_eq!(
        workspace.get("accent_colour"),
        Some(&AttributeValue::S("#1d4ed8".into()))
    );
    assert_eq!(string(&workspace, "language").as_deref(), Some("es"));
    assert_eq!(
        string(&workspace, "logo_url").as_deref(),
        Some(logo.as_str())
    );
    assert_eq!(
        workspace.get("plan"),
        Some(&AttributeValue::S("team".into())),
        "the host's settings are untouched"
    );
    let trail = app.audit_trail().await;
    let changed: Vec<&Value> = trail
        .iter()
        .filter(|entry| entry["data"]["type"] == "workspace.brand_changed")
        .collect();
    assert_eq!(changed.len(), 1, "the refused brand recorded nothing");
    assert_eq!(
        changed[0]["data"],
        json!({
            "type": "workspace.brand_changed",
            "display_name": "Acme Studio",
            "logo_url": logo,
            "accent_colour": "#1d4ed8",
            "language": "es",
        })
    );

    // A client invited now is written to in Spanish, under the new name.
    let client = User::new("sofia");
    app.invite(&app.owner, json!({ "email": client.email }))
        .await
        .assert_ok(201);
    let email = app.emails_to(&client.email).await.pop().unwrap();
    assert!(
        email
            .source
            .starts_with("=?UTF-8?B?QWNtZSBTdHVkaW8gdsOtYSBDbGllbnQgQ29ubmVjdA==?= <"),
        "\"Acme Studio vía Client Connect\", encoded: {}",
        email.source
    );
    assert!(email.subject.contains("le invita"), "{}", email.subject);

    // A logo that is not an image is refused on the page too.
    let page = browser.agency_page("/workspace/brand").await;
    let refused = browser
        .press(
            &page,
            "/workspace/brand",
            &[("logo_url", &format!("{}/logo.svg", images.uri()))],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        string(&item(&app, "META").await, "logo_url").as_deref(),
        Some(logo.as_str())
    );
}

#[tokio::test]
async fn the_invite_form_takes_a_message_and_a_language_and_says_why_a_long_message_is_refused() {
    let app = TestApp::spawn().await;
    let (mut browser, _) = signed_in_owner(&app).await;
    let card = browser.agency_page("/workspace/clients").await;
    let client = User::new("formed");
    let long = "a".repeat(501);
    let refused = browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "invite"),
                ("email", &client.email),
                ("message", &long),
                ("language", "pt-BR"),
                ("platform", "youtube"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    let shown = html(&refused);
    assert!(shown.contains("The message has 501 characters"), "{shown}");
    assert!(shown.contains(&long), "the message as typed");
    assert!(app.emails_to(&client.email).await.is_empty());

    let card = browser.agency_page("/workspace/clients").await;
    browser
        .press(
            &card,
            "/workspace/clients",
            &[
                ("action", "invite"),
                ("email", &client.email),
                ("message", "Olá, Ana!\r\nAté logo."),
                ("language", "pt-BR"),
                ("platform", "youtube"),
            ],
        )
        .await;
    let email = app.emails_to(&client.email).await.pop().unwrap();
    assert!(email.subject.contains("convida você"), "{}", email.subject);
    assert!(
        email.body.contains("Olá, Ana!<br>Até logo."),
        "{}",
        email.body
    );
}

#[tokio::test]
async fn a_person_invited_in_spanish_is_told_of_an_assigned_account_in_spanish() {
    let app = TestApp::spawn().await;
    let person = User::new("lucia");
    let invited = app
        .invite(
            &app.owner,
            json!({ "email": person.email, "platforms": ["youtube"], "language": "es" }),
        )
        .await;
    let client_id = invited.assert_ok(201)["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = app.latest_link_token(&person.email).await;
    app.accept(&person, &token).await.assert_ok(200);
    let own = app.agency_account("x", "agency-x").await;
    app.put_assignment(&own, &client_id, json!({ "client_approves_posts": true }))
        .await
        .assert_ok(200);
    let told = app.emails_to(&person.email).await.pop().unwrap();
    assert_eq!(told.subject, "Acme Social le ha asignado Acme Brand");
    assert!(
        told.body
            .contains("Las publicaciones en ella esperan su aprobación."),
        "{}",
        told.body
    );
    assert!(
        told.source.starts_with("=?UTF-8?B?"),
        "vía: {}",
        told.source
    );
}

#[tokio::test]
async fn a_person_invited_in_german_is_asked_to_reconnect_in_german() {
    let app = TestApp::with_own_table().await;
    let person = User::new("jonas");
    app.invite(
        &app.owner,
        json!({ "email": person.email, "platforms": ["x"], "language": "de" }),
    )
    .await
    .assert_ok(201);
    let token = app.latest_link_token(&person.email).await;
    app.accept(&person, &token).await.assert_ok(200);
    app.provider.sign_in_as("x", "x-jonas", "Jonas Brand");
    assert_eq!(app.connect(&person, "x").await.result(), "connected");
    app.provider.revoke_grant("x", "x-jonas");
    app.clock.advance(crate::upkeep::A_DAY_LATER);
    let (report, _) = app.run_upkeep().await;
    assert_eq!(report["needs_reconnect"], 1, "{report}");
    let asked = app.emails_to(&person.email).await.pop().unwrap();
    assert_eq!(
        asked.subject,
        "Handlungsbedarf: Verbinden Sie X für Acme Social erneut"
    );
    assert!(asked.body.contains("X erneut verbinden"), "{}", asked.body);
    app.drop_table().await;
}
