//! The host product provisions workspaces and their agency members through the
//! IAM-authorised interface.

use serde_json::json;

use crate::helpers::{Call, Endpoint, TestApp, User};

const HOST: &str = "arn:aws:sts::123456789012:assumed-role/host-provisioning/app";

impl TestApp {
    /// A provisioning call about `workspace` as the host makes it, through the IAM
    /// authorizer.
    pub(crate) fn by_host(&self, endpoint: Endpoint, workspace: &str) -> Call<'_> {
        self.request(endpoint)
            .param("workspace_id", workspace)
            .by_iam_principal(HOST)
    }
}

fn new_workspace() -> String {
    format!("ws-{}", uuid::Uuid::new_v4().simple())
}

#[tokio::test]
async fn the_host_creates_a_workspace_and_its_owner_who_can_then_invite() {
    let app = TestApp::spawn().await;
    let workspace = new_workspace();
    let owner = User::new("host-owner");
    let created = app
        .by_host(Endpoint::ProvisionWorkspace, &workspace)
        .json(&json!({ "name": "Northwind Social", "plan": "team", "seats": 5 }))
        .send()
        .await;
    assert_eq!(created.assert_ok(200)["plan"], "team");
    let member = app
        .by_host(Endpoint::ProvisionMember, &workspace)
        .param("user_id", &owner.sub)
        .json(&json!({ "email": owner.email, "name": "Nora Owner", "role": "owner" }))
        .send()
        .await;
    assert_eq!(member.assert_ok(200)["status"], "active");

    let invited = app
        .invite_in(
            &workspace.parse().unwrap(),
            &app.token_for(&owner),
            json!({ "email": User::new("brand").email }),
        )
        .await;
    invited.assert_ok(201);

    // A downgrade takes effect at once: existing clients stay, new invitations stop.
    app.by_host(Endpoint::ProvisionWorkspace, &workspace)
        .json(&json!({ "name": "Northwind Social", "plan": "solo", "seats": 1 }))
        .send()
        .await
        .assert_ok(200);
    app.invite_in(
        &workspace.parse().unwrap(),
        &app.token_for(&owner),
        json!({ "email": User::new("another").email }),
    )
    .await
    .assert_problem(403, "team-plan-required");
    let listed = app
        .request(Endpoint::ListInvites)
        .param("workspace_id", &workspace)
        .by(&owner)
        .send()
        .await;
    assert_eq!(listed.assert_ok(200)["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_member_removed_by_the_host_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let admin = User::new("admin");
    let admin_of = |endpoint| {
        app.by_host(endpoint, app.workspace.as_str())
            .param("user_id", &admin.sub)
    };
    admin_of(Endpoint::ProvisionMember)
        .json(&json!({ "email": admin.email, "role": "admin" }))
        .send()
        .await
        .assert_ok(200);
    app.list(&admin, &[]).await.assert_ok(200);

    let removed = admin_of(Endpoint::RemoveMember).send().await;
    assert_eq!(removed.assert_ok(200)["status"], "deactivated");
    app.list(&admin, &[])
        .await
        .assert_problem(403, "not-workspace-admin");
    app.by_host(Endpoint::RemoveMember, app.workspace.as_str())
        .param("user_id", "nobody-here")
        .send()
        .await
        .assert_problem(404, "person-not-found");
}

#[tokio::test]
async fn a_clients_person_cannot_be_made_an_agency_member() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["x"])).await;
    let refused = app
        .by_host(Endpoint::ProvisionMember, app.workspace.as_str())
        .param("user_id", &client.sub)
        .json(&json!({ "email": client.email, "role": "admin" }))
        .send()
        .await;
    refused.assert_problem(409, "already-member");
    app.list(&client, &[])
        .await
        .assert_problem(403, "not-workspace-admin");
}

#[tokio::test]
async fn deleting_a_workspace_cuts_everyone_off_and_disconnects_every_account() {
    let app = TestApp::spawn().await;
    let (client, connection) = app.connected("x", "x-gone").await;
    let client_id = app.clients().await[0]["id"].as_str().unwrap().to_owned();
    let link = app.make_connect_link(&client_id, Some(json!({}))).await;
    let link = url::Url::parse(link.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let invite_link = app
        .invite_link_call(Endpoint::UpdateInviteLink, Some(json!({ "enabled": true })))
        .await;
    let invite_link = url::Url::parse(invite_link.assert_ok(200)["url"].as_str().unwrap()).unwrap();
    let deleted = app
        .by_host(Endpoint::DeleteWorkspace, app.workspace.as_str())
        .send()
        .await;
    let body = deleted.assert_ok(200);
    assert_eq!(body["disconnected"][0]["id"], connection);
    assert!(body["deactivated"].as_u64().unwrap() >= 2, "{body}");
    assert_eq!(body["clients_removed"], 1);

    // Made again under the same id, the workspace has no client, link or member left.
    app.by_host(Endpoint::ProvisionWorkspace, app.workspace.as_str())
        .json(&json!({ "name": "Acme Social", "plan": "team", "seats": 5 }))
        .send()
        .await
        .assert_ok(200);
    let mut visitor = crate::pages::Browser::new(&app);
    assert_eq!(
        visitor.open(&link).await.status,
        410,
        "the connect link stays ended"
    );
    assert_eq!(
        visitor.open(&invite_link).await.status,
        410,
        "so does the invite link"
    );

    app.list(&app.owner, &[])
        .await
        .assert_problem(403, "not-workspace-admin");
    let theirs = app.list_connections_reply(&client).await;
    assert_eq!(theirs.status, 403);
    assert!(app.stored_connections().await.is_empty(), "tokens deleted");
}

#[tokio::test]
async fn the_provisioning_routes_refuse_a_users_jwt() {
    let app = TestApp::spawn().await;
    let reply = app
        .by_owner(Endpoint::ProvisionWorkspace)
        .json(&json!({ "name": "Mine now", "plan": "team", "seats": 99 }))
        .send()
        .await;
    reply.assert_problem(403, "iam-required");
}
