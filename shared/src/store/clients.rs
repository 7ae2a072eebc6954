//! Clients and their connect links.
//!
//! A client holds the hash of its one live connect link; a link is `LINK#<hash>` with
//! TTL at its expiry. Making, rotating and revoking a link change that hash with a
//! condition on its previous value, in the same transaction that writes and deletes the
//! link items: two rotations at once leave one link alive, never two.

use aws_sdk_dynamodb::types::TransactWriteItem;
use time::OffsetDateTime;

use super::cursor::{Cursor, Listing};
use super::expr::{attr, delete, key, n, put, s, to_item, update, Refs};
use super::items::{ClientItem, Keyed, LinkItem};
use super::transaction::Transaction;
use super::{keys, Guarded, SeatGuard, Store, StoreError};
use crate::domain::{Client, ClientId, ClientState, ConnectLink, WorkspaceId};

/// A client as read, with the hash of its live connect link.
#[derive(Debug, Clone)]
pub struct ClientRecord {
    pub client: Client,
    pub connect_link_hash: Option<String>,
    /// The version of its rights as read (see [`Store::change_rights`]).
    pub rights_version: u64,
    /// The version of its people as read: a change of its rights that counts their seats
    /// is written only if nobody joined or was invited since.
    pub people_version: u64,
}

impl From<ClientItem> for ClientRecord {
    fn from(item: ClientItem) -> Self {
        Self {
            client: item.client,
            connect_link_hash: item.connect_link_hash,
            rights_version: item.rights_version,
            people_version: item.people_version,
        }
    }
}

/// What became of a change of a client's rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RightsWritten {
    Done,
    /// The client was deleted meanwhile.
    ClientGone,
    /// Its rights or its connect link changed since they were read: read again.
    Changed,
    /// Another change took a seat meanwhile: count again.
    SeatTaken,
}

/// One page of a workspace's clients, newest first.
pub struct ClientPage {
    pub clients: Vec<ClientRecord>,
    pub next_cursor: Option<Cursor>,
}

/// A change of a client's connect link: the new one (its token's hash and the link),
/// or none to revoke.
pub struct LinkSwap<'a> {
    pub new: Option<(&'a str, &'a ConnectLink)>,
}

impl Store {
    pub async fn client(
        &self,
        workspace: &WorkspaceId,
        id: &ClientId,
    ) -> Result<Option<ClientRecord>, StoreError> {
        let item: Option<ClientItem> = self
            .get_value(keys::workspace_pk(workspace), keys::client_sk(id))
            .await?;
        Ok(item.map(ClientRecord::from))
    }

    /// Every client of the workspace, deleted ones too (one query).
    pub async fn all_clients(&self, workspace: &WorkspaceId) -> Result<Vec<Client>, StoreError> {
        let items = self.partition(workspace, keys::CLIENT_PREFIX).await?;
        Ok(Self::values::<ClientItem>(&items)?
            .into_iter()
            .map(|item| item.client)
            .collect())
    }

    /// A new client (its id is new: a retry never makes a second one).
    pub async fn insert_client(
        &self,
        client: &Client,
        changes: &[crate::domain::Change],
    ) -> Result<Guarded, StoreError> {
        let items = vec![self.put_new_client(client)?];
        self.transact_recorded(items, changes).await
    }

    /// A page of clients, newest first (ids are time-ordered).
    pub async fn list_clients(
        &self,
        workspace: &WorkspaceId,
        limit: i32,
        cursor: Option<&Cursor>,
    ) -> Result<ClientPage, StoreError> {
        let (items, next_cursor) = self
            .page(
                workspace,
                Listing::Clients,
                keys::CLIENT_PREFIX,
                limit,
                cursor,
                |query| query,
            )
            .await?;
        let clients = Self::listed::<ClientItem>(&items)
            .into_iter()
            .map(ClientRecord::from)
            .collect();
        Ok(ClientPage {
            clients,
            next_cursor,
        })
    }

    /// Deletes a client: from this write on, none of its people and no link of it can
    /// act (every action reads the client). Its link goes in the same transaction.
    pub async fn delete_client(
        &self,
        current: &ClientRecord,
        now: OffsetDateTime,
        changes: &[crate::domain::Change],
    ) -> Result<Guarded, StoreError> {
        let client = &current.client;
        let mut items = vec![update(
            &self.table,
            key(
                keys::workspace_pk(&client.workspace_id),
                keys::client_sk(&client.client_id),
            ),
            "SET #state = :deleted, deleted_at = :now REMOVE connect_link_hash",
            Some("#state = :active"),
            Refs::default()
                .name("#state", "state")
                .value(":deleted", attr(&ClientState::Deleted)?)
                .value(":active", attr(&ClientState::Active)?)
                .value(":now", n(now.unix_timestamp())),
        )?];
        if let Some(hash) = &current.connect_link_hash {
            items.push(delete(
                &self.table,
                key(keys::link_pk(hash), keys::LINK_SK),
                None,
                Refs::default(),
            )?);
        }
        self.transact_recorded(items, changes).await
    }

    /// Gives the client `changed`'s rights, if it is still active and its rights, people
    /// and link are as `current` read them; with `end_link`, its connect link ends in the
    /// same transaction; with `seat`, the seats its people now take are claimed under
    /// the workspace's seat version.
    pub async fn change_rights(
        &self,
        current: &ClientRecord,
        changed: &Client,
        end_link: bool,
        seat: Option<SeatGuard>,
        changes: &[crate::domain::Change],
    ) -> Result<RightsWritten, StoreError> {
        let client = &current.client;
        let mut refs = Refs::default()
            .name("#state", "state")
            .name("#permissions", "permissions")
            .value(":active", attr(&ClientState::Active)?)
            .value(":permissions", attr(&changed.permissions)?)
            .value(":platforms", attr(&changed.platforms)?)
            .value(":two_factor", attr(&changed.two_factor_required)?)
            .value(":version", n(current.rights_version))
            .value(":next", n(current.rights_version + 1))
            .value(":people", n(current.people_version))
            .value(":zero", n(0));
        let mut expression = String::from(
            "SET #permissions = :permissions, platforms = :platforms, \
             two_factor_required = :two_factor, rights_version = :next",
        );
        let mut condition = String::from(
            "#state = :active AND ((attribute_not_exists(rights_version) AND :version = :zero) \
             OR rights_version = :version) AND ((attribute_not_exists(people_version) \
             AND :people = :zero) OR people_version = :people)",
        );
        let ended_link = current.connect_link_hash.as_ref().filter(|_| end_link);
        if let Some(hash) = ended_link {
            expression.push_str(" REMOVE connect_link_hash");
            condition.push_str(" AND connect_link_hash = :link");
            refs = refs.value(":link", s(hash));
        }
        // A deleted client says most; then a change made meanwhile; then the seat.
        let mut transaction = Transaction::new(RightsWritten::Changed);
        transaction.guard_reading(
            update(
                &self.table,
                key(
                    keys::workspace_pk(&client.workspace_id),
                    keys::client_sk(&client.client_id),
                ),
                &expression,
                Some(&condition),
                refs,
            )?,
            |item| {
                if super::people::client_was_active(item) {
                    RightsWritten::Changed
                } else {
                    RightsWritten::ClientGone
                }
            },
        );
        if let Some(hash) = ended_link {
            transaction.add_all([delete(
                &self.table,
                key(keys::link_pk(hash), keys::LINK_SK),
                None,
                Refs::default(),
            )?]);
        }
        if let Some(guard) = seat {
            transaction.guard(
                self.take_seat(&client.workspace_id, guard)?,
                RightsWritten::SeatTaken,
            );
        }
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, RightsWritten::Done).await
    }

    /// The write that makes a new client, alone or in another change's transaction.
    pub(super) fn put_new_client(&self, client: &Client) -> Result<TransactWriteItem, StoreError> {
        put(
            &self.table,
            to_item(&Keyed {
                pk: keys::workspace_pk(&client.workspace_id),
                sk: keys::client_sk(&client.client_id),
                ttl: None,
                value: ClientItem {
                    client: client.clone(),
                    connect_link_hash: None,
                    rights_version: 0,
                    people_version: 0,
                },
            })?,
            Some("attribute_not_exists(pk)"),
            Refs::default(),
        )
    }

    /// The connect link behind a token's hash, if it exists (expiry is the caller's to
    /// check against its clock; DynamoDB's TTL deletes late).
    pub async fn connect_link(&self, token_hash: &str) -> Result<Option<ConnectLink>, StoreError> {
        let item: Option<LinkItem> = self
            .get_value(keys::link_pk(token_hash), keys::LINK_SK.to_owned())
            .await?;
        Ok(item.map(|item| item.link))
    }

    /// Replaces the client's connect link (or ends it), if the client's link is still
    /// the one `current` was read with and the client is active: the old link's item
    /// and the record of `changes` go in the same transaction.
    pub async fn swap_connect_link(
        &self,
        current: &ClientRecord,
        swap: LinkSwap<'_>,
        changes: &[crate::domain::Change],
    ) -> Result<Guarded, StoreError> {
        let client = &current.client;
        let mut refs = Refs::default()
            .name("#state", "state")
            .value(":active", attr(&ClientState::Active)?);
        let mut condition = String::from("#state = :active AND ");
        match &current.connect_link_hash {
            Some(old) => {
                condition.push_str("connect_link_hash = :old");
                refs = refs.value(":old", s(old));
            }
            None => condition.push_str("attribute_not_exists(connect_link_hash)"),
        }
        let expression = match swap.new {
            Some((hash, _)) => {
                refs = refs.value(":new", s(hash));
                "SET connect_link_hash = :new"
            }
            None => "REMOVE connect_link_hash",
        };
        let mut items = vec![update(
            &self.table,
            key(
                keys::workspace_pk(&client.workspace_id),
                keys::client_sk(&client.client_id),
            ),
            expression,
            Some(&condition),
            refs,
        )?];
        if let Some((hash, link)) = swap.new {
            items.push(put(
                &self.table,
                to_item(&Keyed {
                    pk: keys::link_pk(hash),
                    sk: keys::LINK_SK.to_owned(),
                    ttl: Some(link.expires_at.unix_timestamp()),
                    value: LinkItem { link: link.clone() },
                })?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?);
        }
        if let Some(old) = &current.connect_link_hash {
            items.push(delete(
                &self.table,
                key(keys::link_pk(old), keys::LINK_SK),
                None,
                Refs::default(),
            )?);
        }
        self.transact_recorded(items, changes).await
    }
}
