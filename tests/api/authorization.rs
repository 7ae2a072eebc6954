//! Who may do what: roles come from the table, workspaces are isolated, plans and
//! seats are enforced.

use clientconnect::domain::{Plan, Role};
use serde_json::json;

use crate::helpers::{Endpoint, Setup, TestApp, User};

#[tokio::test]
async fn a_workspace_not_on_the_team_plan_is_told_how_to_upgrade() {
    let app = TestApp::spawn_with(Setup {
        plan: Plan::Solo,
        ..Setup::default()
    })
    .await;
    let before = app.snapshot().await;

    let reply = app
        .invite(&app.owner, json!({ "email": User::new("client").email }))
        .await;

    reply.assert_problem(403, "team-plan-required");
    let detail = reply.body["detail"].as_str().unwrap();
    assert!(detail.contains("upgrade to Team"), "{detail}");
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn an_admin_of_one_workspace_cannot_touch_another_workspace() {
    let agency_a = TestApp::spawn().await;
    let agency_b = TestApp::spawn().await;
    let admin_a = User::new("admin");
    agency_a.add_member(&admin_a, Role::Admin).await;
    let client_b = User::new("client");
    let (invitation_b, _) = agency_b.invite_and_read_link(&client_b).await;
    let before = agency_b.snapshot().await;

    let bearer = agency_a.token_for(&admin_a);
    agency_a
        .invite_in(
            &agency_b.workspace,
            &bearer,
            json!({ "email": User::new("x").email }),
        )
        .await
        .assert_problem(403, "not-workspace-admin");
    let listed = agency_a
        .request(Endpoint::ListInvites)
        .in_workspace(&agency_b.workspace)
        .bearer(&bearer)
        .send()
        .await;
    listed.assert_problem(403, "not-workspace-admin");
    for endpoint in [Endpoint::ResendInvite, Endpoint::RevokeInvite] {
        agency_a
            .act_on(endpoint, &admin_a, &agency_b.workspace, &invitation_b)
            .await
            .assert_problem(403, "not-workspace-admin");
        // B's invitation id under A's own workspace is simply not there.
        agency_a
            .act_on(endpoint, &admin_a, &agency_a.workspace, &invitation_b)
            .await
            .assert_problem(404, "invitation-not-found");
    }
    assert_eq!(agency_b.snapshot().await, before);
}

#[tokio::test]
async fn clients_and_plain_members_cannot_manage_invitations() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;
    app.accept(&client, &link_token).await.assert_ok(200);
    let member = User::new("member");
    app.add_member(&member, Role::Member).await;
    let before = app.snapshot().await;

    for user in [&client, &member] {
        app.invite(user, json!({ "email": User::new("friend").email }))
            .await
            .assert_problem(403, "not-workspace-admin");
        app.list(user, &[])
            .await
            .assert_problem(403, "not-workspace-admin");
        app.remove(user, &id)
            .await
            .assert_problem(403, "not-workspace-admin");
    }
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn an_admin_can_manage_invitations_like_the_owner() {
    let app = TestApp::spawn().await;
    let admin = User::new("admin");
    app.add_member(&admin, Role::Admin).await;
    let reply = app
        .invite(&admin, json!({ "email": User::new("client").email }))
        .await;
    let id = reply.assert_ok(201)["id"].as_str().unwrap().to_owned();
    app.revoke(&admin, &id).await.assert_ok(200);
}

#[tokio::test]
async fn a_publishing_client_needs_a_free_seat_and_a_connect_only_client_does_not() {
    // Two seats: the owner takes one, the first publishing client the other.
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    let publish = json!({ "publish_posts": true });
    app.invite(
        &app.owner,
        json!({ "email": User::new("first").email, "permissions": publish }),
    )
    .await
    .assert_ok(201);

    let refused = app
        .invite(
            &app.owner,
            json!({ "email": User::new("second").email, "permissions": publish }),
        )
        .await;
    refused.assert_problem(409, "no-seat-left");

    let connect_only = app
        .invite(&app.owner, json!({ "email": User::new("third").email }))
        .await;
    assert_eq!(
        connect_only.assert_ok(201)["permissions"]["publish_posts"],
        false
    );
}

#[tokio::test]
async fn renewing_an_expired_publishing_invitation_needs_a_free_seat_again() {
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    let publish = json!({ "publish_posts": true });
    let first = app
        .invite(
            &app.owner,
            json!({ "email": User::new("first").email, "permissions": publish }),
        )
        .await;
    let first_id = first.assert_ok(201)["id"].as_str().unwrap().to_owned();
    app.age_past_expiry(&first_id).await;
    // The expired invitation gave its seat back, so another publisher fits.
    app.invite(
        &app.owner,
        json!({ "email": User::new("second").email, "permissions": publish }),
    )
    .await
    .assert_ok(201);

    app.resend(&app.owner, &first_id)
        .await
        .assert_problem(409, "no-seat-left");
}

#[tokio::test]
async fn renewing_an_expired_publishing_invitation_with_a_seat_free_takes_that_seat() {
    let app = TestApp::spawn_with(Setup {
        seats: 2,
        ..Setup::default()
    })
    .await;
    let publish = json!({ "publish_posts": true });
    let first = app
        .invite(
            &app.owner,
            json!({ "email": User::new("first").email, "permissions": publish }),
        )
        .await;
    let first_id = first.assert_ok(201)["id"].as_str().unwrap().to_owned();
    app.age_past_expiry(&first_id).await;

    let renewed = app.resend(&app.owner, &first_id).await;
    assert_eq!(renewed.assert_ok(200)["status"], "invited");

    // The renewed invitation holds the last seat again.
    app.invite(
        &app.owner,
        json!({ "email": User::new("second").email, "permissions": publish }),
    )
    .await
    .assert_problem(409, "no-seat-left");
}

#[tokio::test]
async fn a_bearer_token_whose_subject_is_one_of_our_own_ids_is_refused() {
    let app = TestApp::spawn().await;
    for sub in ["cc:connect-link", "cc:invite-link", "a#b", ""] {
        let mut claims = app.claims(&app.owner);
        claims["sub"] = json!(sub);
        let bearer = app.sign(
            claims,
            include_str!("../../infra/local-issuer/dev-signing-key.pem"),
        );
        app.request(Endpoint::ListInvites)
            .in_workspace(&app.workspace)
            .bearer(&bearer)
            .send()
            .await
            .assert_problem(401, "invalid-token");
    }
}
