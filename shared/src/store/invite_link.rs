//! The workspace's reusable invite link, and the clients who join with it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::expr::{delete, key, put, s, to_item, Refs};
use super::items::{InvitationItem, Keyed};
use super::{keys, Store, Written};
use crate::crypto::TokenHash;
use crate::domain::{Invitation, Member, Permissions, Platform, WorkspaceId};
use super::StoreError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteLink {
    pub workspace_id: WorkspaceId,
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

    /// Saves the link; when its token changed, the old token's pointer goes in the same
    /// transaction, so a refreshed link's old address stops working at once.
    pub async fn save_invite_link(
        &self,
        link: &InviteLink,
        previous: Option<&InviteLink>,
    ) -> Written {
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
        self.transact(items).await
    }

    /// A client joins through the link: an accepted invitation record (its id is the
    /// client's id) and the membership, together. Items: 0 invitation, 1 membership.
    pub async fn join_as_client(
        &self,
        invitation: &Invitation,
        token: &TokenHash,
        member: &Member,
    ) -> Written {
        let ws_pk = keys::workspace_pk(&invitation.workspace_id);
        let items = vec![
            put(
                &self.table,
                to_item(&Keyed {
                    pk: ws_pk.clone(),
                    sk: keys::invitation_sk(&invitation.id),
                    ttl: None,
                    value: InvitationItem {
                        invitation: invitation.clone(),
                        token_hash: token.clone(),
                    },
                })?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            self.put_new_client(member)?,
        ];
        self.transact(items).await
    }
}
