//! Connected platform accounts and who they belong to.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{ConnectionId, Platform, WorkspaceId};

/// Whose account a connection is: a client's, or the agency's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "client_id", rename_all = "lowercase")]
pub enum ConnectionOwner {
    Client(String),
    Agency,
}

impl ConnectionOwner {
    /// A flat value for conditions and filters in the table.
    pub fn key(&self) -> String {
        match self {
            ConnectionOwner::Client(id) => format!("client:{id}"),
            ConnectionOwner::Agency => "agency".to_owned(),
        }
    }

    pub fn client_id(&self) -> Option<&str> {
        match self {
            ConnectionOwner::Client(id) => Some(id),
            ConnectionOwner::Agency => None,
        }
    }
}

/// A platform account connected to a workspace. The tokens live beside it, sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Connection {
    /// Stable across reconnects of the same platform account.
    pub connection_id: ConnectionId,
    pub workspace_id: WorkspaceId,
    pub platform: Platform,
    pub account_id: String,
    pub display_name: String,
    #[serde(default)]
    pub avatar_url: Option<String>,
    pub owner: ConnectionOwner,
    pub owner_key: String,
    /// The user (`sub`) who last connected it.
    pub connected_by: String,
    #[serde(with = "time::serde::timestamp")]
    pub connected_at: OffsetDateTime,
    /// When tokens were last obtained (a reconnect refreshes them in place).
    #[serde(with = "time::serde::timestamp")]
    pub refreshed_at: OffsetDateTime,
}
