//! Everything a caller can get wrong is a 4xx problem+json and changes nothing.

use serde_json::{json, Value};

use crate::helpers::{Endpoint, Reply, TestApp, User};

impl TestApp {
    async fn create_raw(&self, body: &str, bearer: Option<&str>) -> Reply {
        let request = self
            .request(Endpoint::CreateInvite)
            .in_workspace(&self.workspace)
            .body(body);
        match bearer {
            Some(token) => request.bearer(token),
            None => request,
        }
        .send()
        .await
    }
}

#[tokio::test]
async fn a_malformed_body_is_refused_and_the_table_is_unchanged() {
    let app = TestApp::spawn().await;
    let bearer = app.token_for(&app.owner);
    let email = User::new("client").email;
    let before = app.snapshot().await;

    let cases: Vec<(String, u16, &str)> = vec![
        ("{\"email\": ".into(), 400, "malformed-json"),
        ("".into(), 400, "malformed-json"),
        (
            json!({ "email": email, "role": "admin" }).to_string(),
            422,
            "invalid-body",
        ),
        (
            json!({ "email": email, "permissions": { "delete_everything": true } }).to_string(),
            422,
            "invalid-body",
        ),
        (
            json!({ "email": email, "platforms": ["myspace"] }).to_string(),
            422,
            "invalid-body",
        ),
        (
            json!({ "email": email, "platforms": [] }).to_string(),
            422,
            "invalid-body",
        ),
        (json!({ "mail": email }).to_string(), 422, "invalid-body"),
        (
            json!({ "email": "not-an-address" }).to_string(),
            422,
            "invalid-email",
        ),
        (
            json!({ "email": "Client <client@example.com>" }).to_string(),
            422,
            "invalid-email",
        ),
        (
            // A valid invitation padded to a megabyte: refused before it is read.
            json!({ "email": email, "name": "x".repeat(1 << 20) }).to_string(),
            413,
            "body-too-large",
        ),
    ];
    for (body, status, slug) in cases {
        let refused = app.create_raw(&body, Some(&bearer)).await;
        refused.assert_problem(status, slug);
        assert_eq!(refused.headers["x-content-type-options"], "nosniff");
        assert_eq!(refused.headers["cache-control"], "no-store");
        assert_eq!(
            refused.headers["strict-transport-security"],
            "max-age=31536000"
        );
    }
    assert_eq!(app.snapshot().await, before);
    assert!(app.emails_to(&email).await.is_empty());
}

#[tokio::test]
async fn bad_bearer_tokens_are_refused_and_the_table_is_unchanged() {
    let app = TestApp::spawn().await;
    let body = json!({ "email": User::new("client").email }).to_string();
    let before = app.snapshot().await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut claims = app.claims(&app.owner);
        change(&mut claims);
        app.sign(
            claims,
            include_str!("../../infra/local-issuer/dev-signing-key.pem"),
        )
    };

    app.create_raw(&body, None)
        .await
        .assert_problem(401, "authentication-required");
    let cases = [
        ("not a jwt".to_owned(), "garbage"),
        (with(&|claims| claims["exp"] = json!(now - 3600)), "expired"),
        (
            with(&|claims| claims["aud"] = json!("another-app")),
            "wrong audience",
        ),
        (
            with(&|claims| claims["iss"] = json!("https://evil.example")),
            "wrong issuer",
        ),
        (app.sign_untrusted(app.claims(&app.owner)), "wrongly signed"),
        (
            hs256_with_public_key(&app.claims(&app.owner)),
            "algorithm confusion",
        ),
    ];
    for (bearer, case) in cases {
        let reply = app.create_raw(&body, Some(&bearer)).await;
        assert_eq!(reply.problem_type(), "invalid-token", "{case}: {reply:?}");
        reply.assert_problem(401, "invalid-token");
    }
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn an_unknown_or_malformed_link_token_is_refused_without_a_lookup_leak() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    app.preview("x")
        .await
        .assert_problem(404, "invite-link-not-found");
    app.preview(&"A".repeat(43))
        .await
        .assert_problem(404, "invite-link-not-found");
    app.accept(&client, "")
        .await
        .assert_problem(404, "invite-link-not-found");
    let reply = app
        .request(Endpoint::PreviewInvite)
        .body("{\"token\":1}")
        .send()
        .await;
    reply.assert_problem(422, "invalid-body");
}

#[tokio::test]
async fn malformed_path_parameters_are_refused() {
    let app = TestApp::spawn().await;
    app.resend(&app.owner, "not-a-uuid")
        .await
        .assert_problem(400, "invalid-parameter");
    app.list(&app.owner, &[("limit", "1000")])
        .await
        .assert_problem(400, "invalid-parameter");
}

/// The classic confusion attack: an HMAC token keyed with the issuer's public key.
fn hs256_with_public_key(claims: &Value) -> String {
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some("local-dev-1".into());
    let public_jwks = include_bytes!("../../infra/local-issuer/public/jwks.json");
    jsonwebtoken::encode(
        &header,
        claims,
        &jsonwebtoken::EncodingKey::from_secret(public_jwks),
    )
    .unwrap()
}
