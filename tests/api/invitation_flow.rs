//! The happy path and what the agency sees.

use serde_json::json;

use crate::helpers::{TestApp, User};

#[tokio::test]
async fn a_client_invited_by_email_follows_the_link_accepts_and_is_listed_as_active() {
    let app = TestApp::spawn().await;
    let client = User::new("client");

    let created = app
        .invite(
            &app.owner,
            json!({ "email": client.email, "platforms": ["youtube", "tiktok"] }),
        )
        .await;
    let invitation = created.assert_ok(201);
    assert_eq!(invitation["status"], "invited");
    assert_eq!(invitation["delivery"], "sent");
    let id = invitation["id"].as_str().unwrap().to_owned();
    let client_id = invitation["client_id"].as_str().unwrap().to_owned();
    assert_ne!(
        client_id, id,
        "a client (brand) and a person of it have their own ids"
    );

    let emails = app.emails_to(&client.email).await;
    assert_eq!(emails.len(), 1);
    let email = &emails[0];
    assert!(
        email.subject.contains("Acme Social"),
        "subject: {}",
        email.subject
    );
    assert!(email.body.contains("Acme Social") && email.body.contains("YouTube, TikTok"));
    let link = email.link();
    assert_eq!(
        (link.host_str(), link.path()),
        (Some("clients.acme.example"), "/invite")
    );
    assert_eq!(
        email.source,
        format!(
            "\"Acme Social via Client Connect\" <{}>",
            crate::helpers::verified_sender()
        ),
        "the agency's name at our verified address"
    );
    let link_token = email.link_token();

    let preview = app.preview(&link_token).await;
    let preview = preview.assert_ok(200);
    assert_eq!(preview["workspace_name"], "Acme Social");
    assert_eq!(preview["email"], client.email.as_str());
    assert_eq!(preview["platforms"], json!(["youtube", "tiktok"]));

    let accepted = app.accept(&client, &link_token).await;
    let membership = accepted.assert_ok(200);
    assert_eq!(membership["role"], "client");
    assert_eq!(membership["client_id"], client_id.as_str());
    assert_eq!(
        membership["client_name"],
        client.email.as_str(),
        "a client made for one person is named after them"
    );

    let listed = app.list(&app.owner, &[]).await;
    let item = &listed.assert_ok(200)["items"][0];
    assert_eq!(item["id"], id.as_str());
    assert_eq!(item["status"], "active");
    assert_eq!(item["client_user_id"], client.sub.as_str());
    let memberships = app.client_memberships(&client).await;
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["role"].as_s().unwrap(), "client");
}

#[tokio::test]
async fn previewing_a_link_changes_nothing() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (_, link_token) = app.invite_and_read_link(&client).await;
    let before = app.snapshot().await;

    app.preview(&link_token).await.assert_ok(200);
    app.preview(&link_token).await.assert_ok(200);

    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn an_email_is_normalised_so_differently_cased_invites_are_one_invitation() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    app.invite(&app.owner, json!({ "email": client.email.to_uppercase() }))
        .await
        .assert_ok(201);

    let again = app
        .invite(
            &app.owner,
            json!({ "email": format!("  {}  ", client.email) }),
        )
        .await;

    again.assert_problem(409, "invitation-already-pending");
    assert!(again.body["invitation_id"].is_string());
    assert_eq!(
        app.emails_to(&client.email).await.len(),
        1,
        "no second email"
    );
}

#[tokio::test]
async fn the_agency_lists_newest_first_page_by_page_and_by_status() {
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let client = User::new("client");
        let reply = app
            .invite(&app.owner, json!({ "email": client.email }))
            .await;
        ids.push(reply.assert_ok(201)["id"].as_str().unwrap().to_owned());
    }
    app.revoke(&app.owner, &ids[0]).await.assert_ok(200);

    let first = app.list(&app.owner, &[("limit", "2")]).await;
    let first = first.assert_ok(200);
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a second page")
        .to_owned();
    let second = app
        .list(&app.owner, &[("limit", "2"), ("cursor", &cursor)])
        .await;
    let listed: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second.assert_ok(200)["items"].as_array().unwrap())
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, vec![ids[2].clone(), ids[1].clone(), ids[0].clone()]);

    let revoked = app.list(&app.owner, &[("status", "revoked")]).await;
    let revoked = revoked.assert_ok(200)["items"].as_array().unwrap().clone();
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["id"], ids[0].as_str());
    assert_eq!(revoked[0]["status"], "revoked");

    app.list(&app.owner, &[("status", "sleeping")])
        .await
        .assert_problem(400, "invalid-parameter");
    app.list(&app.owner, &[("cursor", "bm90LWEtY3Vyc29y")])
        .await
        .assert_problem(400, "invalid-parameter");
}

#[tokio::test]
async fn an_internationalised_domain_in_either_spelling_is_one_invitation_sent_in_punycode() {
    let app = TestApp::spawn().await;
    let label = uuid::Uuid::new_v4().simple().to_string();
    let unicode = format!("ana-{label}@bücher.example");
    let punycode = format!("ana-{label}@xn--bcher-kva.example");

    let invited = app.invite(&app.owner, json!({ "email": unicode })).await;
    assert_eq!(invited.assert_ok(201)["email"], punycode.as_str());
    let again = app.invite(&app.owner, json!({ "email": punycode })).await;

    again.assert_problem(409, "invitation-already-pending");
    assert_eq!(
        app.emails_to(&punycode).await.len(),
        1,
        "SES got the ASCII form, once"
    );
}

#[tokio::test]
async fn inviting_someone_who_is_already_an_active_client_is_refused_up_front_and_sends_nothing() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["youtube"])).await;
    let emails_before = app.emails_to(&client.email).await.len();

    let again = app
        .invite(&app.owner, json!({ "email": client.email }))
        .await;

    again.assert_problem(409, "already-member");
    assert_eq!(
        app.emails_to(&client.email).await.len(),
        emails_before,
        "no email that could only fail"
    );
    let owner_invited = app
        .invite(&app.owner, json!({ "email": app.owner.email }))
        .await;
    owner_invited.assert_problem(409, "already-member");
}
