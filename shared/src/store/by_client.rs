//! What one client has and sees, from the `by-client` index: its people, their
//! memberships, and the connections it sees. Every read here is proportional to that
//! one client, never to its workspace: an agency with ten thousand clients reads as
//! little for one of them as an agency with one.

use aws_sdk_dynamodb::types::AttributeValue;

use std::collections::BTreeMap;

use super::assignments::{legacy_assignment, Seen};
use super::connections::StoredConnection;
use super::cursor::{Cursor, Listing};
use super::expr::{as_read, check, put, s, Item, Refs};
use super::items::InvitationItem;
use super::{keys, Guarded, Store, StoreError};
use crate::domain::{
    Assignment, ClientId, ConnectionId, ConnectionOwner, Invitation, Member, WorkspaceId,
};

/// Items of one kind read in one query page.
const PAGE: i32 = 100;

/// A page of the connections one client sees, newest first.
pub struct SeenPage {
    pub connections: Vec<StoredConnection>,
    /// The client's assignment of each agency account on the page (none on the agency's
    /// own page: each connection carries all of its own).
    pub assigned: BTreeMap<ConnectionId, SeenAssignment>,
    pub next_cursor: Option<Cursor>,
}

/// One agency account assigned to the client, as the client sees it.
#[derive(Debug, Clone)]
pub struct SeenAssignment {
    pub assignment: Assignment,
    /// The client's own connection of the account, where its credentials publish and
    /// it connected it.
    pub client_connection: Option<ConnectionId>,
}

/// What one client sees of one account.
#[derive(Debug, Clone)]
pub struct SeenAccount {
    pub stored: StoredConnection,
    /// For an agency account assigned to the client: how.
    pub assigned: Option<SeenAssignment>,
}

impl Store {
    /// One page of a client's items whose sort key starts with `prefix`, newest first,
    /// after the item whose `sk` is `after`.
    async fn client_page(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
        prefix: &str,
        limit: i32,
        after: Option<&str>,
    ) -> Result<(Vec<Item>, Option<String>), StoreError> {
        let index_pk = keys::client_gsi_pk(workspace, client);
        let start = after.map(|sk| {
            Item::from([
                ("pk".to_owned(), s(keys::workspace_pk(workspace))),
                ("sk".to_owned(), s(sk)),
                ("gsi3pk".to_owned(), s(&index_pk)),
                // An assignment sits under its connection's sort key in the index.
                (
                    "gsi3sk".to_owned(),
                    s(keys::assignment_index_sk(sk).unwrap_or_else(|| sk.to_owned())),
                ),
            ])
        });
        let output = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .index_name(keys::BY_CLIENT_INDEX)
            .key_condition_expression("gsi3pk = :client AND begins_with(gsi3sk, :prefix)")
            .expression_attribute_values(":client", s(&index_pk))
            .expression_attribute_values(":prefix", s(prefix))
            .scan_index_forward(false)
            .limit(limit)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|error| StoreError::aws("Query", error))?;
        let next = output
            .last_evaluated_key
            .as_ref()
            .and_then(|last| last.get("sk"))
            .and_then(|sk| AttributeValue::as_s(sk).ok())
            .cloned();
        Ok((output.items.unwrap_or_default(), next))
    }

    /// All of a client's items of one kind (page after page: a client's own size).
    pub(super) async fn client_all(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
        prefix: &str,
    ) -> Result<Vec<Item>, StoreError> {
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let (items, next) = self
                .client_page(workspace, client, prefix, PAGE, after.as_deref())
                .await?;
            all.extend(items);
            match next {
                Some(next) => after = Some(next),
                None => return Ok(all),
            }
        }
    }

    /// The people of one client (its invitations, in any state), newest first.
    pub async fn people_of_client(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
    ) -> Result<Vec<Invitation>, StoreError> {
        let items = self
            .client_all(workspace, client, keys::INVITE_PREFIX)
            .await?;
        Ok(Self::values::<InvitationItem>(&items)?
            .into_iter()
            .map(|item| item.invitation)
            .collect())
    }

    /// The people of these clients (one query each, at once).
    pub async fn people_of(
        &self,
        workspace: &WorkspaceId,
        clients: &[ClientId],
    ) -> Result<Vec<Invitation>, StoreError> {
        let each = futures::future::try_join_all(
            clients
                .iter()
                .map(|client| self.people_of_client(workspace, client)),
        )
        .await?;
        Ok(each.into_iter().flatten().collect())
    }

    /// The active people of a client who can be emailed (its members).
    pub async fn members_of_client(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
    ) -> Result<Vec<Member>, StoreError> {
        let items = self
            .client_all(workspace, client, keys::MEMBER_PREFIX)
            .await?;
        Ok(Self::values::<Member>(&items)?
            .into_iter()
            .filter(|member| member.is_active() && member.client() == Some(client))
            .collect())
    }

    /// Every connection one client sees: its own and those assigned to it.
    pub async fn connections_seen_by(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
    ) -> Result<Vec<StoredConnection>, StoreError> {
        Ok(self
            .accounts_seen_by(workspace, client)
            .await?
            .into_iter()
            .map(|account| account.stored)
            .collect())
    }

    /// Every account one client sees, newest first: its own, and the agency's assigned
    /// to it with its assignment (one query of its part of the by-client index, then
    /// one `BatchGetItem` of the assigned connections when there are any).
    pub async fn accounts_seen_by(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
    ) -> Result<Vec<SeenAccount>, StoreError> {
        let items = self
            .client_all(workspace, client, keys::CONNECTION_PREFIX)
            .await?;
        self.seen_accounts(workspace, client, items).await
    }

    /// The accounts these items of a client's part of the index stand for, in their
    /// order; an assignment whose connection is gone meanwhile is left out.
    async fn seen_accounts(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
        items: Vec<Item>,
    ) -> Result<Vec<SeenAccount>, StoreError> {
        let mut seen = Vec::with_capacity(items.len());
        for item in items {
            match Self::seen_item(item) {
                Ok(read) => seen.push(read),
                Err(error) => tracing::error!(%error, "an unreadable item was left out of a list"),
            }
        }
        let assignments: Vec<Assignment> = seen
            .iter()
            .filter_map(|read| match read {
                Seen::Assigned(assignment) => Some(assignment.clone()),
                Seen::Connection(_) => None,
            })
            .collect();
        let mut found = self.assigned_connections(workspace, &assignments).await?;
        Ok(seen
            .into_iter()
            .filter_map(|read| match read {
                Seen::Connection(stored) => {
                    // Shown to this client before assignment items: the default settings.
                    let assigned = (stored.connection.owner == ConnectionOwner::Agency)
                        .then(|| legacy_assignment(&stored))
                        .flatten()
                        .filter(|assignment| assignment.client_id == *client)
                        .map(|assignment| SeenAssignment {
                            assignment,
                            client_connection: None,
                        });
                    Some(SeenAccount {
                        stored: *stored,
                        assigned,
                    })
                }
                Seen::Assigned(assignment) => {
                    let stored = found.connections.remove(&assignment.connection_id)?;
                    let client_connection = found
                        .stand_ins
                        .get(&keys::stand_in_sk(
                            assignment.platform,
                            &assignment.account_id,
                            client,
                        ))
                        .cloned();
                    Some(SeenAccount {
                        stored,
                        assigned: Some(SeenAssignment {
                            assignment,
                            client_connection,
                        }),
                    })
                }
            })
            .collect())
    }

    /// One page of the connections one client sees, newest first.
    pub async fn page_seen_by(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
        limit: i32,
        cursor: Option<&Cursor>,
    ) -> Result<SeenPage, StoreError> {
        let (items, next) = self
            .client_page(
                workspace,
                client,
                keys::CONNECTION_PREFIX,
                limit,
                cursor.map(|cursor| cursor.after.as_str()),
            )
            .await?;
        let accounts = self.seen_accounts(workspace, client, items).await?;
        let mut page = SeenPage {
            connections: Vec::with_capacity(accounts.len()),
            assigned: BTreeMap::new(),
            next_cursor: next.map(|after| Cursor::new(Listing::Connections, workspace, after)),
        };
        for account in accounts {
            if let Some(assigned) = account.assigned {
                page.assigned
                    .insert(account.stored.connection.connection_id.clone(), assigned);
            }
            page.connections.push(account.stored);
        }
        Ok(page)
    }

    /// One page of every connection of the workspace, newest first (the agency's).
    pub async fn connections_page(
        &self,
        workspace: &WorkspaceId,
        limit: i32,
        cursor: Option<&Cursor>,
    ) -> Result<SeenPage, StoreError> {
        let (items, next_cursor) = self
            .page(
                workspace,
                Listing::Connections,
                keys::CONNECTION_PREFIX,
                limit,
                cursor,
                |query| query,
            )
            .await?;
        Ok(SeenPage {
            connections: Self::listed(&items),
            assigned: BTreeMap::new(),
            next_cursor,
        })
    }
}

/// What filling the by-client index for items written before it did (or, dry, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backfill {
    /// Invitations, client memberships and connections given their index keys.
    pub indexed: u32,
    /// Markers written for connections chosen together from one consent.
    pub grant_markers: u32,
}

impl Store {
    /// Gives every item of the kinds the by-client index holds its keys, and every
    /// connection of a shared grant its marker, where an item from before them has none
    /// (the items [`Store::backfill_waiting`] reads, then [`Store::backfill`]).
    pub async fn backfill_client_index(&self, apply: bool) -> Result<Backfill, StoreError> {
        let waiting = self.backfill_waiting().await?;
        self.backfill(waiting, apply, &crate::progress::Silent)
            .await
    }

    /// The items the by-client index is waiting for (its keys, or a grant marker), as
    /// read now.
    pub async fn backfill_waiting(&self) -> Result<Vec<Item>, StoreError> {
        self.scan_all(|scan| {
            scan.filter_expression(
                "(attribute_not_exists(gsi3pk) AND (begins_with(sk, :invite) \
                 OR begins_with(sk, :member) OR begins_with(sk, :connection))) \
                 OR (begins_with(sk, :connection) AND attribute_exists(shared_grant))",
            )
            .expression_attribute_values(":invite", s(keys::INVITE_PREFIX))
            .expression_attribute_values(":member", s(keys::MEMBER_PREFIX))
            .expression_attribute_values(":connection", s(keys::CONNECTION_PREFIX))
        })
        .await
    }

    /// Writes what `waiting` (as read) is missing: each key write conditioned on the key
    /// still missing and on what it was computed from (the client id; a connection's
    /// owner and assignment) being still as read, each marker on its connection still
    /// holding the grant as read; a refused write is left for the next run. A second run
    /// changes nothing. Each item is reported to `progress`; asked to stop, it returns.
    pub async fn backfill(
        &self,
        waiting: Vec<Item>,
        apply: bool,
        progress: &dyn crate::progress::Progress,
    ) -> Result<Backfill, StoreError> {
        let mut done = Backfill::default();
        for item in waiting {
            if progress.stop_asked() {
                break;
            }
            self.backfill_one(item, apply, &mut done).await?;
            progress.advance(1);
        }
        Ok(done)
    }

    async fn backfill_one(
        &self,
        item: Item,
        apply: bool,
        done: &mut Backfill,
    ) -> Result<(), StoreError> {
        let text = |name: &str| item.get(name).and_then(|value| value.as_s().ok()).cloned();
        let (Some(pk), Some(sk)) = (text("pk"), text("sk")) else {
            return Ok(());
        };
        let Some(workspace) = keys::workspace_of(&pk) else {
            return Ok(());
        };
        let (client, marker, sources): (_, _, &[&str]) = if sk.starts_with(keys::CONNECTION_PREFIX)
        {
            let Ok(stored) = Self::parse::<super::items::Keyed<StoredConnection>>(item.clone())
            else {
                return Ok(()); // an old shape: infra/migrate's first step moves it
            };
            let connection = stored.value.connection;
            (
                connection.viewer().cloned(),
                super::connections::grant_marker_item(&connection),
                &["owner", "assigned_to"],
            )
        } else {
            let client = text("client_id").and_then(|raw| raw.parse::<ClientId>().ok());
            (client, None, &["client_id"])
        };
        let indexed = item.contains_key("gsi3pk");
        if let Some(client) = client.filter(|_| !indexed) {
            if apply {
                let (read, refs) = as_read(&item, sources.iter().copied(), "r", Refs::default());
                let refs = refs
                    .value(":client", s(keys::client_gsi_pk(&workspace, &client)))
                    .value(":sk", s(&sk));
                let outcome = self
                    .db()
                    .await
                    .update_item()
                    .table_name(&self.table)
                    .set_key(Some(super::expr::key(pk.clone(), &sk)))
                    .update_expression("SET gsi3pk = :client, gsi3sk = :sk")
                    .condition_expression(format!(
                        "attribute_exists(pk) AND attribute_not_exists(gsi3pk) AND {read}"
                    ))
                    .set_expression_attribute_names(refs.names())
                    .set_expression_attribute_values(refs.values())
                    .send()
                    .await;
                match outcome {
                    Ok(_) => done.indexed += 1,
                    Err(error) => {
                        use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
                        match error.into_service_error() {
                            UpdateItemError::ConditionalCheckFailedException(_) => {}
                            other => return Err(StoreError::aws("UpdateItem", other)),
                        }
                    }
                }
            } else {
                done.indexed += 1;
            }
        }
        if let Some(marker) = marker {
            if apply {
                let (read, refs) = as_read(&item, ["shared_grant"], "r", Refs::default());
                let items = vec![
                    check(
                        &self.table,
                        super::expr::key(pk.clone(), &sk),
                        &format!("attribute_exists(pk) AND {read}"),
                        refs,
                    )?,
                    put(&self.table, marker, None, Refs::default())?,
                ];
                if self.transact_guarded(items).await? == Guarded::Done {
                    done.grant_markers += 1;
                }
            } else {
                done.grant_markers += 1;
            }
        }
        Ok(())
    }
}
