//! A request's cost does not grow with its workspace: in a workspace of ten thousand
//! clients and fifty thousand connections, every list and page reads one page per
//! collection it shows, counted in items DynamoDB evaluated for the request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use futures::future::join_all;
use serde_json::json;
use url::Url;

use crate::agency_pages::signed_in_owner;
use crate::helpers::{Endpoint, Item, Reply, TestApp, User};
use crate::markup::texts;
use crate::observed::ITEMS_READ;
use crate::pages::{html, Browser};

const CLIENTS: usize = 10_000;
const CONNECTIONS: usize = 50_000;
/// The most items one request may read: one page of each collection it shows (at most
/// a hundred) and the few items it names.
const BOUND: usize = 260;

impl TestApp {
    /// The raw item at `pk`/`sk`, to copy.
    async fn raw_item(&self, sk: String) -> Item {
        self.dynamo
            .get_item()
            .table_name(&self.table)
            .key(
                "pk",
                AttributeValue::S(format!("WS#{}", self.workspace.as_str())),
            )
            .key("sk", AttributeValue::S(sk))
            .send()
            .await
            .unwrap()
            .item
            .expect("the item exists")
    }

    async fn put_all(&self, items: Vec<Item>) {
        let writes: Vec<WriteRequest> = items
            .into_iter()
            .map(|item| {
                WriteRequest::builder()
                    .put_request(PutRequest::builder().set_item(Some(item)).build().unwrap())
                    .build()
            })
            .collect();
        for group in writes.chunks(25 * 8) {
            join_all(group.chunks(25).map(|chunk| {
                self.dynamo
                    .batch_write_item()
                    .request_items(&self.table, chunk.to_vec())
                    .send()
            }))
            .await
            .into_iter()
            .for_each(|written| {
                written.expect("seeded");
            });
        }
    }

    /// Items DynamoDB read for what `request` does.
    async fn items_read<T>(&self, request: impl std::future::Future<Output = T>) -> (T, usize) {
        let read = Arc::new(AtomicUsize::new(0));
        let answer = ITEMS_READ.scope(Arc::clone(&read), request).await;
        (answer, read.load(Ordering::SeqCst))
    }
}

fn text(value: &str) -> AttributeValue {
    AttributeValue::S(value.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_of_ten_thousand_clients_and_fifty_thousand_connections_is_read_a_page_at_a_time(
) {
    let app = TestApp::with_own_table().await;
    // A person who signs in at the local provider, so the pages know them too.
    let person = User::signing_in_locally("client");
    let client_id = app.joined_client(&person, json!(["x"])).await;
    let connection = app.connect(&person, "x").await.connection_id().unwrap();
    let client = app.raw_item(format!("CLIENT#{client_id}")).await;
    let template = app.raw_item(format!("CONN#{connection}")).await;
    let workspace = app.workspace.as_str().to_owned();

    let mut clients: Vec<String> = vec![client_id.clone()];
    let mut seeded = Vec::new();
    for n in 1..CLIENTS {
        let id = uuid::Uuid::now_v7().to_string();
        let mut item = client.clone();
        item.insert("sk".into(), text(&format!("CLIENT#{id}")));
        item.insert("client_id".into(), text(&id));
        item.insert("name".into(), text(&format!("Brand {n}")));
        seeded.push(item);
        clients.push(id);
    }
    for n in 1..CONNECTIONS {
        let id = uuid::Uuid::now_v7().to_string();
        let owner = &clients[n % CLIENTS];
        let mut item = template.clone();
        item.remove("gsi2pk");
        item.remove("gsi2sk");
        item.insert("sk".into(), text(&format!("CONN#{id}")));
        item.insert("connection_id".into(), text(&id));
        item.insert("account_id".into(), text(&format!("account-{n}")));
        item.insert("owner_key".into(), text(&format!("client:{owner}")));
        item.insert(
            "owner".into(),
            AttributeValue::M(HashMap::from([
                ("kind".to_owned(), text("client")),
                ("client_id".to_owned(), text(owner)),
            ])),
        );
        item.insert(
            "gsi3pk".into(),
            text(&format!("WS#{workspace}#CLIENT#{owner}")),
        );
        item.insert("gsi3sk".into(), text(&format!("CONN#{id}")));
        seeded.push(item);
    }
    app.put_all(seeded).await;
    let app = &app;
    let owner = &app.owner;
    let api = |endpoint, user: &User| {
        app.request(endpoint)
            .in_workspace(&app.workspace)
            .by(user)
            .send()
    };

    let mut read: Vec<(&str, usize)> = Vec::new();
    let (reply, items) = app.items_read(api(Endpoint::ListClients, owner)).await;
    assert_eq!(reply.assert_ok(200)["items"].as_array().unwrap().len(), 25);
    read.push(("list-clients (the agency)", items));
    let (reply, items) = app.items_read(api(Endpoint::ListInvites, owner)).await;
    reply.assert_ok(200);
    read.push(("list-invites (the agency)", items));
    let (reply, items) = app.items_read(api(Endpoint::ListConnections, owner)).await;
    let page: &Reply = &reply;
    assert_eq!(page.assert_ok(200)["items"].as_array().unwrap().len(), 100);
    assert!(page.body["next_cursor"].is_string());
    read.push(("list-connections (the agency)", items));
    let (reply, items) = app
        .items_read(api(Endpoint::ListConnections, &person))
        .await;
    assert_eq!(
        reply.assert_ok(200)["items"].as_array().unwrap().len(),
        CONNECTIONS / CLIENTS,
        "its own connections, not the workspace's"
    );
    read.push(("list-connections (a client's person)", items));

    let (mut browser, _) = signed_in_owner(app).await;
    for (path, what) in [
        ("/workspace/clients", "the clients card"),
        (
            "/workspace/clients?status=active",
            "the clients card, active people",
        ),
        ("/workspace/connections", "the connections page"),
        ("/workspace/invite-link", "the invite link card"),
    ] {
        browser.agency_page(path).await; // signed in, warm
        let (page, items) = app.items_read(browser.agency_page(path)).await;
        assert!(
            texts(&page, "option").len() < 200,
            "{what}: a picker of every client"
        );
        read.push((what, items));
    }
    let mut client_browser: Browser<'_> = Browser::new(app).signing_in_as(&person.email);
    let connect = Url::parse(&format!(
        "https://clients.acme.example/connect?workspace={workspace}"
    ))
    .unwrap();
    client_browser.open(&connect).await;
    let (page, items) = app.items_read(client_browser.open(&connect)).await;
    assert_eq!(page.status, 200, "{}", html(&page));
    read.push(("the connect page (a client's person)", items));

    println!("\nItems read per request, {CLIENTS} clients and {CONNECTIONS} connections:\n");
    println!("| Request | Items read |");
    println!("|---|---|");
    for (what, items) in &read {
        println!("| {what} | {items} |");
    }
    for (what, items) in read {
        assert!(items <= BOUND, "{what} read {items} items");
    }
    app.drop_table().await;
}
