//! Reading what one use case needs from a workspace's partition in one round trip: a
//! consistent `BatchGetItem` of the caller's membership, the workspace, and the item it
//! acts on.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::KeysAndAttributes;

use super::clients::ClientRecord;
use super::expr::{key, Item};
use super::invite_link::InviteLink;
use super::items::{ClientItem, InvitationItem, Keyed, WorkspaceItem};
use super::{keys, InvitationRecord, Store, StoreError, StoredConnection, WorkspaceRecord};
use crate::domain::{ClientId, ConnectionId, InvitationId, Member, UserId, WorkspaceId};

/// Which items of one workspace to read together.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reads<'a> {
    /// The membership of this person.
    pub member: Option<&'a UserId>,
    pub workspace: bool,
    pub invitation: Option<&'a InvitationId>,
    pub client: Option<&'a ClientId>,
    pub invite_link: bool,
}

impl<'a> Reads<'a> {
    /// Just one invitation (add the rest with struct update syntax).
    pub fn invitation(id: &'a InvitationId) -> Self {
        Self {
            invitation: Some(id),
            ..Self::default()
        }
    }

    /// A person's membership and the workspace.
    pub fn membership(user: &'a UserId) -> Self {
        Self {
            member: Some(user),
            workspace: true,
            ..Self::default()
        }
    }

    /// Just one client.
    pub fn client(id: &'a ClientId) -> Self {
        Self::client_if_named(Some(id))
    }

    /// The client a request names, if it names one.
    pub fn client_if_named(id: Option<&'a ClientId>) -> Self {
        Self {
            client: id,
            ..Self::default()
        }
    }
}

/// What was found; `None` where an item does not exist.
#[derive(Debug, Default)]
pub struct Read {
    pub member: Option<Member>,
    pub workspace: Option<WorkspaceRecord>,
    pub invitation: Option<InvitationRecord>,
    pub client: Option<ClientRecord>,
    pub invite_link: Option<InviteLink>,
}

impl Store {
    pub async fn read(
        &self,
        workspace: &WorkspaceId,
        wanted: Reads<'_>,
    ) -> Result<Read, StoreError> {
        let pk = keys::workspace_pk(workspace);
        let member_sk = wanted.member.map(keys::member_sk);
        let invitation_sk = wanted.invitation.map(keys::invitation_sk);
        let client_sk = wanted.client.map(keys::client_sk);
        let mut sks: Vec<String> = Vec::new();
        sks.extend(member_sk.clone());
        if wanted.workspace {
            sks.push(keys::META_SK.to_owned());
        }
        sks.extend(invitation_sk.clone());
        sks.extend(client_sk.clone());
        if wanted.invite_link {
            sks.push(keys::INVITE_LINK_SK.to_owned());
        }
        let mut found: HashMap<String, Item> = HashMap::new();
        for item in self
            .batch_get(sks.iter().map(|sk| key(pk.clone(), sk.clone())).collect())
            .await?
        {
            if let Some(sk) = item.get("sk").and_then(|sk| sk.as_s().ok()).cloned() {
                found.insert(sk, item);
            }
        }
        let mut take = |sk: Option<&String>| sk.and_then(|sk| found.remove(sk));
        Ok(Read {
            member: take(member_sk.as_ref())
                .map(|item| Self::parse::<Keyed<Member>>(item).map(|stored| stored.value))
                .transpose()?,
            workspace: take(Some(&keys::META_SK.to_owned()))
                .map(Self::workspace_record)
                .transpose()?,
            invitation: take(invitation_sk.as_ref())
                .map(|item| {
                    Self::parse::<Keyed<InvitationItem>>(item)
                        .map(|stored| InvitationRecord::from(stored.value))
                })
                .transpose()?,
            client: take(client_sk.as_ref())
                .map(|item| {
                    Self::parse::<Keyed<ClientItem>>(item)
                        .map(|stored| ClientRecord::from(stored.value))
                })
                .transpose()?,
            invite_link: take(Some(&keys::INVITE_LINK_SK.to_owned()))
                .map(|item| Self::parse::<Keyed<InviteLink>>(item).map(|stored| stored.value))
                .transpose()?,
        })
    }

    /// A connection and its workspace (each `None` where it does not exist), read
    /// together: the token service serves nothing of a workspace deleted or being
    /// deleted (its settings item goes first).
    pub async fn connection_and_workspace(
        &self,
        workspace: &WorkspaceId,
        id: &ConnectionId,
    ) -> Result<(Option<StoredConnection>, Option<WorkspaceRecord>), StoreError> {
        let pk = keys::workspace_pk(workspace);
        let connection_sk = keys::connection_sk(id);
        let wanted = vec![
            key(pk.clone(), connection_sk.clone()),
            key(pk, keys::META_SK),
        ];
        let (mut connection, mut settings) = (None, None);
        for item in self.batch_get(wanted).await? {
            if item.get("sk").and_then(|sk| sk.as_s().ok()) == Some(&connection_sk) {
                connection = Some(Self::parse::<Keyed<StoredConnection>>(item)?.value);
            } else {
                settings = Some(Self::workspace_record(item)?);
            }
        }
        Ok((connection, settings))
    }

    /// These workspaces (those that exist), read together.
    pub async fn workspaces(
        &self,
        ids: &[WorkspaceId],
    ) -> Result<Vec<WorkspaceRecord>, StoreError> {
        let wanted = ids
            .iter()
            .map(|id| key(keys::workspace_pk(id), keys::META_SK))
            .collect();
        self.batch_get(wanted)
            .await?
            .into_iter()
            .map(Self::workspace_record)
            .collect()
    }

    /// These invitations of the workspace (those that exist), read together: the people
    /// one batch acts on.
    pub async fn invitations_named(
        &self,
        workspace: &WorkspaceId,
        ids: &[InvitationId],
    ) -> Result<Vec<InvitationRecord>, StoreError> {
        let items: Vec<InvitationItem> = self
            .named(workspace, ids.iter().map(keys::invitation_sk))
            .await?;
        Ok(items.into_iter().map(InvitationRecord::from).collect())
    }

    /// These clients of the workspace (those that exist), read together: the ones a
    /// page names, never the workspace's every client.
    pub async fn clients_named(
        &self,
        workspace: &WorkspaceId,
        ids: &[ClientId],
    ) -> Result<Vec<crate::domain::Client>, StoreError> {
        let items: Vec<ClientItem> = self
            .named(workspace, ids.iter().map(keys::client_sk))
            .await?;
        Ok(items.into_iter().map(|item| item.client).collect())
    }

    /// These members of the workspace (those that exist), read together.
    pub async fn members_named(
        &self,
        workspace: &WorkspaceId,
        ids: &[UserId],
    ) -> Result<Vec<Member>, StoreError> {
        self.named(workspace, ids.iter().map(keys::member_sk)).await
    }

    /// The values of the workspace's items at these sort keys (each read once, those
    /// that exist), keys stripped.
    async fn named<T: serde::de::DeserializeOwned>(
        &self,
        workspace: &WorkspaceId,
        sks: impl Iterator<Item = String>,
    ) -> Result<Vec<T>, StoreError> {
        let mut sks: Vec<String> = sks.collect();
        sks.sort();
        sks.dedup();
        let pk = keys::workspace_pk(workspace);
        let wanted = sks.into_iter().map(|sk| key(pk.clone(), sk)).collect();
        self.batch_get(wanted)
            .await?
            .into_iter()
            .map(|item| Self::parse::<Keyed<T>>(item).map(|stored| stored.value))
            .collect()
    }

    /// A workspace's settings item, read.
    fn workspace_record(item: Item) -> Result<WorkspaceRecord, StoreError> {
        Self::parse::<Keyed<WorkspaceItem>>(item).map(|stored| WorkspaceRecord {
            workspace: stored.value.workspace,
            seat_version: stored.value.seat_version,
        })
    }

    /// The items with these keys that exist, in consistent `BatchGetItem`s of at most
    /// 100 keys (asked again for any DynamoDB left unprocessed), in no particular order.
    pub(super) async fn batch_get(&self, wanted: Vec<Item>) -> Result<Vec<Item>, StoreError> {
        let mut found = Vec::with_capacity(wanted.len());
        for keys in wanted.chunks(100) {
            let batch = KeysAndAttributes::builder()
                .set_keys(Some(keys.to_vec()))
                .consistent_read(true)
                .build()
                .map_err(|error| StoreError::Request(error.to_string()))?;
            self.batch_get_all(batch, &mut found).await?;
        }
        Ok(found)
    }

    async fn batch_get_all(
        &self,
        batch: KeysAndAttributes,
        found: &mut Vec<Item>,
    ) -> Result<(), StoreError> {
        let mut pending = Some(batch);
        while let Some(request) = pending.take() {
            let output = self
                .db()
                .await
                .batch_get_item()
                .request_items(&self.table, request)
                .send()
                .await
                .map_err(|error| StoreError::aws("BatchGetItem", error))?;
            found.extend(
                output
                    .responses
                    .unwrap_or_default()
                    .remove(&self.table)
                    .unwrap_or_default(),
            );
            // DynamoDB may return part of a batch; ask again for the rest.
            pending = output
                .unprocessed_keys
                .and_then(|mut left| left.remove(&self.table))
                .filter(|left| !left.keys().is_empty());
        }
        Ok(())
    }
}
