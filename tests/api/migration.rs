//! The one-off migration to clients as brands (`infra/migrate`), run on a table holding
//! the old shape: one person per client, a connect link as a fake member, a connection
//! keyed by platform and account with its expiries sealed inside its tokens.

use std::sync::Arc;

use aws_sdk_dynamodb::types::AttributeValue;
use clientconnect::crypto::{random_url_safe, sha256_hex, SealContext};
use clientconnect::progress::Silent;
use clientconnect::service::migrate::{clients_as_brands, migrate_from, Report};
use clientconnect::service::tokens::open_tokens;
use clientconnect::store::Backfill;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::helpers::{TestApp, User};
use crate::pages::{html, Browser};

/// What the old model wrote, with the raw secrets behind its links.
struct OldData {
    accepted_client: String,
    pending_client: String,
    revoked_client: String,
    pending_token: String,
    connect_link_token: String,
    connection_id: String,
    old_access_token: String,
}

impl TestApp {
    async fn put_old(&self, item: Value) {
        self.dynamo
            .put_item()
            .table_name(&self.table)
            .set_item(Some(serde_dynamo::to_item(item).unwrap()))
            .send()
            .await
            .unwrap();
    }

    /// Everything but the workspace and its owner, gone: the old items replace it.
    async fn keep_only_the_workspace_and_its_owner(&self) {
        let owner_sk = format!("MEMBER#{}", self.owner.sub);
        for item in self.all_table_items().await {
            let sk = item["sk"].as_s().unwrap();
            if sk != "META" && sk != &owner_sk {
                self.dynamo
                    .delete_item()
                    .table_name(&self.table)
                    .key("pk", item["pk"].clone())
                    .key("sk", item["sk"].clone())
                    .send()
                    .await
                    .unwrap();
            }
        }
    }

    /// Alice accepted long ago and connected X (real tokens of the local provider, its
    /// access token expired since); Bob's invitation is pending; Carol's was revoked;
    /// Alice's client has a connect link for X.
    async fn old_data(&self, alice: &User) -> OldData {
        self.provider.sign_in_as("x", "old-x", "Old X");
        let (_, real) = self.connected("x", "old-x").await;
        let key = self.state.secrets.sealing_key().await.unwrap();
        let stored = self
            .state
            .store
            .connection(&self.workspace, &real.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        let tokens = open_tokens(key, &stored).unwrap();
        self.keep_only_the_workspace_and_its_owner().await;

        let ws = self.workspace.as_str();
        let pk = format!("WS#{ws}");
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let day = 86_400;
        let inviter = json!({ "user_id": self.owner.sub, "email": self.owner.email, "name": "Olga\r\nOwner" });
        let invitation = |id: &str, email: &str, state: &str| {
            json!({
                "pk": pk, "sk": format!("INVITE#{id}"),
                "id": id, "workspace_id": ws, "email": email,
                "permissions": { "connect_accounts": true, "publish_posts": true },
                "platforms": ["x", "youtube"],
                "state": state, "delivery": "sent", "invited_by": inviter,
                "created_at": now - 30 * day, "expires_at": now - 23 * day, "sent_at": now - 30 * day,
                "accepted_at": null, "accepted_by": null, "closed_at": null,
                "token_hash": sha256_hex(&random_url_safe()),
            })
        };
        let accepted_client = uuid::Uuid::new_v4().to_string();
        let mut accepted = invitation(&accepted_client, &alice.email, "accepted");
        accepted["accepted_at"] = json!(now - 29 * day);
        accepted["accepted_by"] = json!(alice.sub);
        self.put_old(accepted).await;
        self.put_old(json!({
            "pk": pk, "sk": format!("MEMBER#{}", alice.sub),
            "workspace_id": ws, "user_id": alice.sub, "email": alice.email, "name": "Alice",
            "role": "client", "status": "active", "client_id": accepted_client,
            "counts_as_seat": true, "expires_at": null, "platforms": null,
            "gsi1pk": format!("USER#{}", alice.sub), "gsi1sk": pk,
        }))
        .await;

        let pending_client = uuid::Uuid::new_v4().to_string();
        let pending_token = random_url_safe();
        let mut pending = invitation(&pending_client, "bob@client.example", "pending");
        pending["created_at"] = json!(now - day);
        pending["expires_at"] = json!(now + 6 * day);
        pending["ttl"] = json!(now + 6 * day);
        pending["token_hash"] = json!(sha256_hex(&pending_token));
        self.put_old(pending).await;
        self.put_old(json!({
            "pk": format!("TOKEN#{}", sha256_hex(&pending_token)), "sk": "TOKEN",
            "workspace_id": ws, "invitation_id": pending_client, "expires_at": now + 6 * day, "ttl": now + 6 * day,
        }))
        .await;
        self.put_old(json!({
            "pk": pk, "sk": "PENDING#bob@client.example",
            "workspace_id": ws, "invitation_id": pending_client, "ttl": now + 6 * day,
        }))
        .await;

        let revoked_client = uuid::Uuid::new_v4().to_string();
        let mut revoked = invitation(&revoked_client, "carol@client.example", "revoked");
        revoked["closed_at"] = json!(now - 20 * day);
        self.put_old(revoked).await;

        let connect_link_token = random_url_safe();
        let link_user = format!("link:{}", sha256_hex(&connect_link_token));
        self.put_old(json!({
            "pk": pk, "sk": format!("MEMBER#{link_user}"),
            "workspace_id": ws, "user_id": link_user, "email": alice.email, "name": null,
            "role": "client", "status": "active", "client_id": accepted_client,
            "counts_as_seat": false, "expires_at": now + 10 * day, "platforms": ["x"],
            "gsi1pk": format!("USER#{link_user}"), "gsi1sk": pk,
        }))
        .await;

        let connection_id = uuid::Uuid::new_v4().to_string();
        let old_tokens = json!({
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_at": now - 3600,
            "refresh_expires_at": null,
            "scope": "tweet.read tweet.write users.read offline.access",
        });
        let sealed = key
            .seal(
                &old_tokens.to_string(),
                &SealContext {
                    workspace_id: ws,
                    item_id: &connection_id,
                    field: "tokens",
                },
            )
            .unwrap();
        self.put_old(json!({
            "pk": pk, "sk": "CONN#x#old-x",
            "connection_id": connection_id, "workspace_id": ws, "platform": "x",
            "account_id": "old-x", "display_name": "Old X", "avatar_url": null,
            "owner": { "kind": "client", "client_id": accepted_client },
            "owner_key": format!("client:{accepted_client}"),
            "connected_by": alice.sub,
            "connected_at": now - 28 * day, "refreshed_at": now - 2 * 3600,
            "sealed_tokens": sealed,
        }))
        .await;
        OldData {
            accepted_client,
            pending_client,
            revoked_client,
            pending_token,
            connect_link_token,
            connection_id,
            old_access_token: tokens.access_token,
        }
    }

    async fn migrate(&self, apply: bool) -> Report {
        let key = self.state.secrets.sealing_key().await.unwrap();
        clients_as_brands(&self.state.store, key, OffsetDateTime::now_utc(), apply)
            .await
            .unwrap()
    }
}

fn sorted_keys(items: &[std::collections::HashMap<String, AttributeValue>]) -> Vec<String> {
    let mut keys: Vec<String> = items
        .iter()
        .map(|item| {
            format!(
                "{} {}",
                item["pk"].as_s().unwrap(),
                item["sk"].as_s().unwrap()
            )
        })
        .collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn the_migration_makes_each_old_client_a_brand_that_keeps_its_person_link_invitation_and_live_connection(
) {
    let app = TestApp::with_own_table().await;
    let alice = User::new("alice");
    let old = app.old_data(&alice).await;
    let before = sorted_keys(&app.all_table_items().await);

    let dry = app.migrate(false).await;
    // The dry run also counts the old people's memberships the moves would rewrite
    // (with their index keys); the applied run finds nothing left to index.
    let expected = |applied, indexed| Report {
        applied,
        clients: 3,
        connect_links: 1,
        people: 1,
        connections: 1,
        skipped: 0,
        changed_meanwhile: vec![],
        stopped: false,
        unreadable: vec![],
        by_client: Backfill {
            indexed,
            grant_markers: 0,
        },
    };
    assert_eq!(dry, expected(false, 2));
    assert_eq!(
        sorted_keys(&app.all_table_items().await),
        before,
        "a dry run writes nothing"
    );

    assert_eq!(app.migrate(true).await, expected(true, 0));
    let again = app.migrate(true).await;
    assert_eq!(
        (
            again.clients,
            again.people,
            again.connections,
            again.skipped
        ),
        (0, 0, 0, 0),
        "nothing old is left"
    );

    let clients = app.clients().await;
    let by_id = |id: &str| {
        clients
            .iter()
            .find(|client| client["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    let accepted = by_id(&old.accepted_client);
    assert_eq!(accepted["name"], alice.email.as_str());
    assert_eq!(accepted["platforms"], json!(["x", "youtube"]));
    assert_eq!(accepted["people"][0]["status"], "active", "{accepted}");
    assert_eq!(accepted["people"][0]["email"], alice.email.as_str());
    assert_eq!(by_id(&old.pending_client)["people"][0]["status"], "invited");
    let revoked = by_id(&old.revoked_client);
    assert_eq!(revoked["state"], "deleted", "{revoked}");
    assert_eq!(revoked["people"][0]["status"], "revoked");
    assert_eq!(
        accepted["people"][0]["invited_by"]["name"], "Olga Owner",
        "a name's control characters do not survive the move"
    );

    let seen = app.list_connections(&alice).await;
    assert_eq!(seen.len(), 1, "Alice still sees her connection: {seen:?}");
    assert_eq!(seen[0]["id"], old.connection_id.as_str());
    assert_eq!(seen[0]["health"]["status"], "healthy");
    let issued = app
        .issue_token(Arc::clone(&app.state), &old.connection_id)
        .await;
    let issued = issued.assert_ok(200);
    assert_ne!(
        issued["access_token"],
        old.old_access_token.as_str(),
        "its expired token was renewed with the migrated refresh token"
    );

    let link = app
        .state
        .config
        .link_with_secret("/connect", "link", &old.connect_link_token);
    let mut browser = Browser::new(&app);
    let page = browser.open(&link).await;
    let page = html(&page);
    assert!(
        page.contains(">X<") && !page.contains("YouTube"),
        "the link keeps its platforms: {page}"
    );

    let bob = User {
        sub: "bob-sub".into(),
        email: "bob@client.example".into(),
    };
    app.accept(&bob, &old.pending_token).await.assert_ok(200);
    let clients = app.clients().await;
    let pending = clients
        .iter()
        .find(|client| client["id"] == old.pending_client.as_str())
        .unwrap();
    assert_eq!(
        pending["people"][0]["status"], "active",
        "Bob joined the client his invitation made"
    );
    app.drop_table().await;
}

impl TestApp {
    /// Sets attributes of an item as another writer would, between a read and a write.
    async fn change_item(&self, pk: &str, sk: &str, set: &[(&str, AttributeValue)]) {
        let mut update = self
            .dynamo
            .update_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(pk.into()))
            .key("sk", AttributeValue::S(sk.into()));
        let mut sets = Vec::new();
        for (index, (name, value)) in set.iter().enumerate() {
            sets.push(format!("#n{index} = :v{index}"));
            update = update
                .expression_attribute_names(format!("#n{index}"), *name)
                .expression_attribute_values(format!(":v{index}"), value.clone());
        }
        update
            .update_expression(format!("SET {}", sets.join(", ")))
            .send()
            .await
            .unwrap();
    }

    async fn item(&self, pk: &str, sk: &str) -> Option<crate::helpers::Item> {
        self.dynamo
            .get_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(pk.into()))
            .key("sk", AttributeValue::S(sk.into()))
            .consistent_read(true)
            .send()
            .await
            .unwrap()
            .item
    }
}

/// The race, driven on purpose: the migration reads the table (a snapshot), then three
/// changes land before it writes (the pending invitation is revoked, Alice's membership
/// ends, the connection's tokens are renewed). None of them is overwritten: those three
/// moves are refused and reported, the rest go through; the next run moves them from
/// what they are then.
#[tokio::test]
async fn a_change_made_between_the_migrations_read_and_its_write_is_never_overwritten() {
    let app = TestApp::with_own_table().await;
    let alice = User::new("alice");
    let old = app.old_data(&alice).await;
    let key = app.state.secrets.sealing_key().await.unwrap();
    let store = &app.state.store;
    let pk = format!("WS#{}", app.workspace.as_str());
    let now = OffsetDateTime::now_utc();

    let snapshot = store.legacy().await.unwrap();

    let pending_sk = format!("INVITE#{}", old.pending_client);
    app.change_item(
        &pk,
        &pending_sk,
        &[
            ("state", AttributeValue::S("revoked".into())),
            (
                "closed_at",
                AttributeValue::N(now.unix_timestamp().to_string()),
            ),
        ],
    )
    .await;
    let alice_sk = format!("MEMBER#{}", alice.sub);
    app.change_item(
        &pk,
        &alice_sk,
        &[("status", AttributeValue::S("deactivated".into()))],
    )
    .await;
    let renewed = json!({
        "access_token": "renewed-while-migrating",
        "refresh_token": "renewed-refresh",
        "expires_at": now.unix_timestamp() + 3600,
        "refresh_expires_at": null,
        "scope": "tweet.read offline.access",
    });
    let renewed = key
        .seal(
            &renewed.to_string(),
            &SealContext {
                workspace_id: app.workspace.as_str(),
                item_id: &old.connection_id,
                field: "tokens",
            },
        )
        .unwrap();
    app.change_item(
        &pk,
        "CONN#x#old-x",
        &[("sealed_tokens", AttributeValue::S(renewed.clone()))],
    )
    .await;

    let report = migrate_from(store, key, &snapshot, now, true, &Silent)
        .await
        .unwrap();
    let mut changed = report.changed_meanwhile.clone();
    changed.sort();
    let ws = app.workspace.as_str();
    let mut expected = vec![
        format!("client {} of workspace {ws}", old.pending_client),
        format!("connection {} of workspace {ws}", old.connection_id),
        format!("person {} of workspace {ws}", alice.sub),
    ];
    expected.sort();
    assert_eq!(changed, expected, "{report:#?}");
    assert_eq!(
        (report.clients, report.people, report.connections),
        (2, 0, 0),
        "the unchanged clients moved: {report:#?}"
    );

    let pending = app.item(&pk, &pending_sk).await.unwrap();
    assert_eq!(
        pending["state"].as_s().unwrap(),
        "revoked",
        "not overwritten"
    );
    assert!(!pending.contains_key("client_id"), "still of the old shape");
    let membership = app.item(&pk, &alice_sk).await.unwrap();
    assert_eq!(membership["status"].as_s().unwrap(), "deactivated");
    assert!(
        membership.contains_key("counts_as_seat"),
        "still of the old shape"
    );
    let connection = app.item(&pk, "CONN#x#old-x").await.unwrap();
    assert_eq!(connection["sealed_tokens"].as_s().unwrap(), &renewed);

    // The next run reads them as they are now and moves them.
    let again = app.migrate(true).await;
    assert!(again.changed_meanwhile.is_empty(), "{again:#?}");
    assert_eq!(
        (again.clients, again.people, again.connections),
        (1, 1, 1),
        "{again:#?}"
    );
    let clients = app.clients().await;
    let pending = clients
        .iter()
        .find(|client| client["id"] == old.pending_client.as_str())
        .unwrap();
    assert_eq!(pending["state"], "deleted", "revoked meanwhile: {pending}");
    let member = store
        .member(&app.workspace, &alice.sub.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        member.status,
        clientconnect::domain::MemberStatus::Deactivated
    );
    let moved = store
        .connection(&app.workspace, &old.connection_id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        open_tokens(key, &moved).unwrap().access_token,
        "renewed-while-migrating",
        "the tokens renewed meanwhile are the ones moved"
    );
    app.drop_table().await;
}

/// The by-client backfill's race: it reads which items wait for their index keys, then
/// one of them changes client before the write. The key is not written from the stale
/// read; the next run writes it from the item as it is.
#[tokio::test]
async fn the_index_backfill_writes_no_key_computed_from_a_stale_read() {
    let app = TestApp::with_own_table().await;
    let alice = User::new("alice");
    let old = app.old_data(&alice).await;
    app.migrate(true).await;
    let store = &app.state.store;
    let pk = format!("WS#{}", app.workspace.as_str());
    let alice_sk = format!("MEMBER#{}", alice.sub);
    app.dynamo
        .update_item()
        .table_name(&app.table)
        .key("pk", AttributeValue::S(pk.clone()))
        .key("sk", AttributeValue::S(alice_sk.clone()))
        .update_expression("REMOVE gsi3pk, gsi3sk")
        .send()
        .await
        .unwrap();

    let waiting = store.backfill_waiting().await.unwrap();
    assert!(waiting
        .iter()
        .any(|item| item["sk"].as_s().unwrap() == &alice_sk));
    let other = old.revoked_client.clone();
    app.change_item(
        &pk,
        &alice_sk,
        &[("client_id", AttributeValue::S(other.clone()))],
    )
    .await;
    let done = store.backfill(waiting, true, &Silent).await.unwrap();
    assert_eq!(done.indexed, 0, "{done:?}");
    assert!(!app
        .item(&pk, &alice_sk)
        .await
        .unwrap()
        .contains_key("gsi3pk"));

    store.backfill_client_index(true).await.unwrap();
    let indexed = app.item(&pk, &alice_sk).await.unwrap();
    assert_eq!(
        indexed["gsi3pk"].as_s().unwrap(),
        &format!("{pk}#CLIENT#{other}"),
        "keyed by the client it has now"
    );
    app.drop_table().await;
}
