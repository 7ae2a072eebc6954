//! The host product provisions workspaces and their agency members through the
//! IAM-authorised interface.

use serde_json::{json, Value};

use crate::helpers::{Endpoint, Reply, TestApp, User, IAM_PRINCIPAL};

const HOST: &str = "arn:aws:sts::123456789012:assumed-role/host-provisioning/app";

impl TestApp {
    /// A provisioning call as the host makes it, through the IAM authorizer.
    async fn as_host(
        &self,
        endpoint: Endpoint,
        params: &[(&str, &str)],
        body: Option<Value>,
    ) -> Reply {
        self.call_with_headers(
            self.state.clone(),
            endpoint,
            params,
            &[],
            body.map(|body| body.to_string()),
            None,
            &[(IAM_PRINCIPAL, HOST)],
        )
        .await
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
        .as_host(
            Endpoint::ProvisionWorkspace,
            &[("workspace_id", &workspace)],
            Some(json!({ "name": "Northwind Social", "plan": "team", "seats": 5 })),
        )
        .await;
    assert_eq!(created.assert_ok(200)["plan"], "team");
    let member = app
        .as_host(
            Endpoint::ProvisionMember,
            &[("workspace_id", &workspace), ("user_id", &owner.sub)],
            Some(json!({ "email": owner.email, "name": "Nora Owner", "role": "owner" })),
        )
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
    app.as_host(
        Endpoint::ProvisionWorkspace,
        &[("workspace_id", &workspace)],
        Some(json!({ "name": "Northwind Social", "plan": "solo", "seats": 1 })),
    )
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
        .call(
            Endpoint::ListInvites,
            &[("workspace_id", &workspace)],
            &[],
            None,
            Some(&app.token_for(&owner)),
        )
        .await;
    assert_eq!(listed.assert_ok(200)["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_member_removed_by_the_host_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let admin = User::new("admin");
    let params = [
        ("workspace_id", app.workspace.as_str()),
        ("user_id", admin.sub.as_str()),
    ];
    app.as_host(
        Endpoint::ProvisionMember,
        &params,
        Some(json!({ "email": admin.email, "role": "admin" })),
    )
    .await
    .assert_ok(200);
    app.list(&admin, &[]).await.assert_ok(200);

    let removed = app.as_host(Endpoint::RemoveMember, &params, None).await;
    assert_eq!(removed.assert_ok(200)["status"], "deactivated");
    app.list(&admin, &[])
        .await
        .assert_problem(403, "not-workspace-admin");
    app.as_host(
        Endpoint::RemoveMember,
        &[
            ("workspace_id", app.workspace.as_str()),
            ("user_id", "nobody-here"),
        ],
        None,
    )
    .await
    .assert_problem(404, "person-not-found");
}

#[tokio::test]
async fn a_clients_person_cannot_be_made_an_agency_member() {
    let app = TestApp::spawn().await;
    let (client, _) = app.client_allowed(json!(["x"])).await;
    let refused = app
        .as_host(
            Endpoint::ProvisionMember,
            &[
                ("workspace_id", app.workspace.as_str()),
                ("user_id", client.sub.as_str()),
            ],
            Some(json!({ "email": client.email, "role": "admin" })),
        )
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
    let link = app
        .call(
            Endpoint::CreateConnectLink,
            &[
                ("workspace_id", app.workspace.as_str()),
                ("client_id", client_id.as_str()),
            ],
            &[],
            Some("{}".into()),
            Some(&app.token_for(&app.owner)),
        )
        .await;
    let link = url::Url::parse(link.assert_ok(201)["url"].as_str().unwrap()).unwrap();
    let invite_link = app
        .call(
            Endpoint::UpdateInviteLink,
            &[("workspace_id", app.workspace.as_str())],
            &[],
            Some(json!({ "enabled": true }).to_string()),
            Some(&app.token_for(&app.owner)),
        )
        .await;
    let invite_link = url::Url::parse(invite_link.assert_ok(200)["url"].as_str().unwrap()).unwrap();
    let deleted = app
        .as_host(
            Endpoint::DeleteWorkspace,
            &[("workspace_id", app.workspace.as_str())],
            None,
        )
        .await;
    let body = deleted.assert_ok(200);
    assert_eq!(body["disconnected"][0]["id"], connection);
    assert!(body["deactivated"].as_u64().unwrap() >= 2, "{body}");
    assert_eq!(body["clients_removed"], 1);

    // Made again under the same id, the workspace has no client, link or member left.
    app.as_host(
        Endpoint::ProvisionWorkspace,
        &[("workspace_id", app.workspace.as_str())],
        Some(json!({ "name": "Acme Social", "plan": "team", "seats": 5 })),
    )
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
    let theirs = app
        .call(
            Endpoint::ListConnections,
            &[("workspace_id", app.workspace.as_str())],
            &[],
            None,
            Some(&app.token_for(&client)),
        )
        .await;
    assert_eq!(theirs.status, 403);
    assert!(app.stored_connections().await.is_empty(), "tokens deleted");
}

#[tokio::test]
async fn the_provisioning_routes_refuse_a_users_jwt() {
    let app = TestApp::spawn().await;
    let reply = app
        .call(
            Endpoint::ProvisionWorkspace,
            &[("workspace_id", app.workspace.as_str())],
            &[],
            Some(json!({ "name": "Mine now", "plan": "team", "seats": 99 }).to_string()),
            Some(&app.token_for(&app.owner)),
        )
        .await;
    reply.assert_problem(403, "iam-required");
}
