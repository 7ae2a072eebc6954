//! A client's login-free connect link (Postpone's "Client Connect Link"): anyone holding
//! it may connect the client's accounts on the connect page until it expires, is
//! revoked, or is replaced by a newer link. Only the hash of its token is stored.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{ClientId, Platform, UserId, WorkspaceId};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectLink {
    pub workspace_id: WorkspaceId,
    pub client_id: ClientId,
    /// Narrows the platforms the client may connect, for whoever holds the link.
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
    pub created_by: UserId,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
}

impl ConnectLink {
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        now < self.expires_at
    }
}
