//! The shapes items take in the table: domain values plus keys and TTL.

use serde::{Deserialize, Serialize};

use crate::crypto::TokenHash;
use crate::domain::{Client, ConnectLink, Invitation, InvitationId, Workspace, WorkspaceId};

/// A domain value stored under its keys; `ttl` (epoch seconds) when it should expire.
#[derive(Debug, Serialize, Deserialize)]
pub struct Keyed<T> {
    pub pk: String,
    pub sk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<i64>,
    #[serde(flatten)]
    pub value: T,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct WorkspaceItem {
    #[serde(flatten)]
    pub workspace: Workspace,
    /// Bumped by every change that takes a seat, so concurrent invitations cannot
    /// both take the last seat.
    #[serde(default)]
    pub seat_version: u64,
}

/// A membership, also indexed by user (GSI `by-user`) so a person's workspaces can
/// be listed, and a client's person's by client (GSI `by-client`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemberItem {
    #[serde(flatten)]
    pub member: crate::domain::Member,
    pub gsi1pk: String,
    pub gsi1sk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi3pk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi3sk: Option<String>,
}

impl MemberItem {
    /// The membership under its keys (`WS#<ws>` / `MEMBER#<sub>`).
    pub fn keyed(member: &crate::domain::Member) -> Keyed<Self> {
        Keyed {
            pk: super::keys::workspace_pk(&member.workspace_id),
            sk: super::keys::member_sk(&member.user_id),
            ttl: None,
            value: Self::of(member),
        }
    }

    pub fn of(member: &crate::domain::Member) -> Self {
        let client = member.client();
        Self {
            gsi1pk: super::keys::user_gsi_pk(&member.user_id),
            gsi1sk: super::keys::workspace_pk(&member.workspace_id),
            gsi3pk: client.map(|client| super::keys::client_gsi_pk(&member.workspace_id, client)),
            gsi3sk: client.map(|_| super::keys::member_sk(&member.user_id)),
            member: member.clone(),
        }
    }
}

/// A person of a client (an invitation), also indexed by client (GSI `by-client`).
#[derive(Debug, Serialize, Deserialize)]
pub struct InvitationItem {
    #[serde(flatten)]
    pub invitation: Invitation,
    /// Hash of the current link's token; a resend replaces it.
    pub token_hash: TokenHash,
    /// The SES message id of the email sent with the current link: SES's feedback is
    /// taken only for that email. Absent while it is being sent, after SES refused it,
    /// and on invitations emailed before ids were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// The current link's token, sealed, while the invitation is open (its reminders
    /// carry the same link); absent on invitations made before reminders.
    #[serde(
        default,
        rename = "sealed_link_token",
        skip_serializing_if = "Option::is_none"
    )]
    pub sealed_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi3pk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi3sk: Option<String>,
}

impl InvitationItem {
    pub fn of(invitation: &Invitation, token_hash: &TokenHash) -> Self {
        Self {
            gsi3pk: Some(super::keys::client_gsi_pk(
                &invitation.workspace_id,
                &invitation.client_id,
            )),
            gsi3sk: Some(super::keys::invitation_sk(&invitation.id)),
            invitation: invitation.clone(),
            token_hash: token_hash.clone(),
            message_id: None,
            sealed_link: None,
        }
    }
}

impl From<InvitationItem> for super::InvitationRecord {
    fn from(item: InvitationItem) -> Self {
        Self {
            invitation: item.invitation,
            token_hash: item.token_hash,
            message_id: item.message_id,
            sealed_link: item.sealed_link,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PendingGuard {
    pub workspace_id: WorkspaceId,
    pub invitation_id: InvitationId,
}

/// Where a link's token leads. `expires_at` repeats the invitation's for a quick check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenPointer {
    pub workspace_id: WorkspaceId,
    pub invitation_id: InvitationId,
    pub expires_at: i64,
}

/// A client, with the hash of its one live connect link.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientItem {
    #[serde(flatten)]
    pub client: Client,
    /// Changed only with a condition on its previous value, so two rotations at once
    /// cannot leave two links alive. Absent (not NULL) when there is none, which the
    /// conditions test with `attribute_not_exists`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_link_hash: Option<String>,
    /// Moved on by every change of its rights, which is written only under the version
    /// it read: two changes at once cannot both count seats against the old rights.
    #[serde(default)]
    pub rights_version: u64,
    /// Moved on by every write that adds a person to it or invites one again (see
    /// `Store::client_takes_a_person`).
    #[serde(default)]
    pub people_version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkItem {
    #[serde(flatten)]
    pub link: ConnectLink,
}
