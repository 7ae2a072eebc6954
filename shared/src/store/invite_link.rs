//! The workspace's reusable invite link, and the clients who join with it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use aws_sdk_dynamodb::types::AttributeValue;

use super::expr::{check, delete, key, put, s, to_item, Refs};
use super::items::Keyed;
use super::transaction::Transaction;
use super::{keys, Guarded, SeatGuard, Store, StoreError};
use crate::crypto::TokenHash;
use crate::domain::{Client, ClientId, Invitation, Member, Permissions, Platform, WorkspaceId};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteLink {
    pub workspace_id: WorkspaceId,
    /// Joiners become people of this client; without one, each joiner is a new client.
    #[serde(default)]
    pub client_id: Option<ClientId>,
    pub token_hash: String,
    /// The token sealed, so the agency can see and copy the link again.
    pub sealed_token: String,
    pub enabled: bool,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    #[serde(with = "time::serde::timestamp")]
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct JoinPointer {
    workspace_id: WorkspaceId,
}

impl Store {
    pub async fn invite_link(
        &self,
        workspace: &WorkspaceId,
    ) -> Result<Option<InviteLink>, StoreError> {
        self.get_value::<InviteLink>(
            keys::workspace_pk(workspace),
            keys::INVITE_LINK_SK.to_owned(),
        )
        .await
    }

    /// The workspace whose invite link has this token hash, if it is still the link's.
    pub async fn join_pointer(&self, token_hash: &str) -> Result<Option<WorkspaceId>, StoreError> {
        let item = self
            .get(keys::join_pk(token_hash), keys::SECRET_SK.to_owned())
            .await?;
        item.map(|item| {
            Self::parse::<Keyed<JoinPointer>>(item).map(|stored| stored.value.workspace_id)
        })
        .transpose()
    }

    /// Saves the link, with the record of `changes`; when its token changed, the old
    /// token's pointer goes in the same transaction, so a refreshed link's old address
    /// stops working at once.
    pub async fn save_invite_link(
        &self,
        link: &InviteLink,
        previous: Option<&InviteLink>,
        changes: &[crate::domain::Change],
    ) -> Result<Guarded, StoreError> {
        let item = Keyed {
            pk: keys::workspace_pk(&link.workspace_id),
            sk: keys::INVITE_LINK_SK.to_owned(),
            ttl: None,
            value: link.clone(),
        };
        let mut items = vec![match previous {
            None => put(
                &self.table,
                to_item(&item)?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            Some(old) => put(
                &self.table,
                to_item(&item)?,
                Some("token_hash = :old"),
                Refs::default().value(":old", s(&old.token_hash)),
            )?,
        }];
        let token_changed = previous.is_none_or(|old| old.token_hash != link.token_hash);
        if token_changed {
            let pointer = Keyed {
                pk: keys::join_pk(&link.token_hash),
                sk: keys::SECRET_SK.to_owned(),
                ttl: None,
                value: JoinPointer {
                    workspace_id: link.workspace_id.clone(),
                },
            };
            items.push(put(
                &self.table,
                to_item(&pointer)?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?);
            if let Some(old) = previous {
                items.push(delete(
                    &self.table,
                    key(keys::join_pk(&old.token_hash), keys::SECRET_SK),
                    None,
                    Refs::default(),
                )?);
            }
        }
        self.transact_recorded(items, changes).await
    }

    /// Someone joins through the link: an accepted invitation (a person of the link's
    /// client, or of a `new_client` made for them) and their membership, all in one
    /// transaction that also checks the link is still enabled with the same token (a
    /// join that read the link before the agency disabled or refreshed it fails), that
    /// the person is no member of the workspace at all (someone removed does not come
    /// back through the link: the agency invites them again), and takes a seat.
    pub async fn join(
        &self,
        joining: Joining<'_>,
        changes: &[crate::domain::Change],
    ) -> Result<Joined, StoreError> {
        let Joining {
            link,
            new_client,
            invitation,
            token,
            member,
            seat,
        } = joining;
        let workspace = &invitation.workspace_id;
        let mut transaction = Transaction::new(Joined::LinkChanged);
        transaction.guard(
            check(
                &self.table,
                key(keys::workspace_pk(workspace), keys::INVITE_LINK_SK),
                "enabled = :yes AND token_hash = :hash",
                Refs::default()
                    .value(":yes", AttributeValue::Bool(true))
                    .value(":hash", s(&link.token_hash)),
            )?,
            Joined::LinkChanged,
        );
        transaction.guard(self.put_person(member, false)?, Joined::AlreadyMember);
        let client = match new_client {
            Some(client) => self.put_new_client(client)?,
            None => self.client_takes_a_person(
                workspace,
                &invitation.client_id,
                seat.is_none() && invitation.narrowing.may_publish(),
            )?,
        };
        transaction.guard_reading(client, |item| {
            super::people::seat_or_client_refusal(item, Joined::SeatTaken, Joined::ClientGone)
        });
        if let Some(guard) = seat {
            transaction.guard(self.take_seat(workspace, guard)?, Joined::SeatTaken);
        }
        transaction.guard(
            self.put_new_invitation(invitation, token, None, None)?,
            Joined::LinkChanged,
        );
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, Joined::Done).await
    }
}

/// What one join through the invite link writes.
#[derive(Debug, Clone, Copy)]
pub struct Joining<'a> {
    /// The link as read: the write checks it is still enabled with this token.
    pub link: &'a InviteLink,
    /// The client made for the joiner, or `None` when the link belongs to a client.
    pub new_client: Option<&'a Client>,
    /// The joiner's accepted invitation (their person record).
    pub invitation: &'a Invitation,
    /// A hash nobody has the token of: joined people have no email link.
    pub token: &'a TokenHash,
    pub member: &'a Member,
    pub seat: Option<SeatGuard>,
}

/// How joining through the invite link went.
#[derive(Debug, PartialEq, Eq)]
pub enum Joined {
    Done,
    /// The link was disabled or refreshed meanwhile.
    LinkChanged,
    /// The person is (or was) a member of the workspace.
    AlreadyMember,
    /// The link's client was deleted meanwhile.
    ClientGone,
    /// Another change took the last seat meanwhile.
    SeatTaken,
}
