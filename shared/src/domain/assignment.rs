//! The agency's own accounts assigned to clients (Publer's "assigned accounts"): one
//! account may be assigned to several clients, each assignment with its own settings:
//! whether that client approves the posts made for it, and whose API credentials
//! publish (the agency's own connection, or the client's own connection of the same
//! platform account).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{ClientId, Connection, ConnectionId, Platform, Rights, UserId, WorkspaceId};

/// How many clients one account may be assigned to: disconnecting the account removes
/// its assignments in the same transaction as the account itself (at most 100 writes).
pub const MAX_ASSIGNMENTS: usize = 50;

/// Whose API credentials publish for an assignment (Publer's "owner's or member's API
/// credentials").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Credentials {
    /// The agency's own connection publishes.
    #[default]
    Agency,
    /// The client connects the same platform account itself, and its connection publishes.
    Client,
}

impl Credentials {
    pub fn as_str(self) -> &'static str {
        match self {
            Credentials::Agency => "agency",
            Credentials::Client => "client",
        }
    }
}

impl std::str::FromStr for Credentials {
    type Err = super::Unparsable;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw {
            "agency" => Ok(Credentials::Agency),
            "client" => Ok(Credentials::Client),
            other => Err(super::Unparsable::new("agency or client", other)),
        }
    }
}

/// What an owner or admin chooses for one client of an assigned account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentSettings {
    /// Posts for this account made for this client wait for the client's approval.
    #[serde(default)]
    pub client_approves_posts: bool,
    #[serde(default)]
    pub credentials: Credentials,
}

impl AssignmentSettings {
    /// Whether a client with `rights` can ever publish `platform` with these settings:
    /// with its own credentials, only if it may connect that platform.
    pub fn possible_for(&self, rights: &Rights, platform: Platform) -> bool {
        match self.credentials {
            Credentials::Agency => true,
            Credentials::Client => {
                rights.permissions.connect_accounts && rights.platforms.contains(&platform)
            }
        }
    }
}

impl AssignmentSettings {
    /// Where an assignment with these settings stands, given the client's own connection
    /// of the same platform account (if any): with the client's credentials it waits
    /// until the client connects it.
    pub fn status(&self, client_connection: Option<&ConnectionId>) -> AssignmentStatus {
        match (self.credentials, client_connection) {
            (Credentials::Client, None) => AssignmentStatus::Waiting,
            _ => AssignmentStatus::Ready,
        }
    }
}

/// One account assigned to one client, as the connection's own list keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assigned {
    #[serde(flatten)]
    pub settings: AssignmentSettings,
    #[serde(with = "time::serde::timestamp")]
    pub assigned_at: OffsetDateTime,
}

/// One account assigned to one client, with what the client needs to show it without
/// reading the account (its `ASSIGN#` item, in the client's part of the by-client index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub workspace_id: WorkspaceId,
    pub connection_id: ConnectionId,
    pub client_id: ClientId,
    pub platform: Platform,
    pub account_id: String,
    pub display_name: String,
    #[serde(flatten)]
    pub settings: AssignmentSettings,
    #[serde(with = "time::serde::timestamp")]
    pub assigned_at: OffsetDateTime,
    pub assigned_by: UserId,
}

impl Assignment {
    /// The assignment of `connection` to `client` with these settings.
    pub fn of(
        connection: &Connection,
        client: &ClientId,
        assigned: &Assigned,
        by: &UserId,
    ) -> Self {
        Self {
            workspace_id: connection.workspace_id.clone(),
            connection_id: connection.connection_id.clone(),
            client_id: client.clone(),
            platform: connection.platform,
            account_id: connection.account_id.clone(),
            display_name: connection.display_name.clone(),
            settings: assigned.settings,
            assigned_at: assigned.assigned_at,
            assigned_by: by.clone(),
        }
    }

    /// Where it stands, given the client's own connection of the same platform account
    /// (if any): with the client's credentials it waits until the client connects it.
    pub fn status(&self, client_connection: Option<&ConnectionId>) -> AssignmentStatus {
        self.settings.status(client_connection)
    }

    /// Which connection publishes for it: the agency's, or the client's own.
    pub fn publishing_connection<'a>(
        &'a self,
        client_connection: Option<&'a ConnectionId>,
    ) -> Option<&'a ConnectionId> {
        match self.settings.credentials {
            Credentials::Agency => Some(&self.connection_id),
            Credentials::Client => client_connection,
        }
    }
}

/// Whether an assignment can be published with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    Ready,
    /// Its client's credentials publish, and the client has not connected the account yet.
    Waiting,
}

impl AssignmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentStatus::Ready => "ready",
            AssignmentStatus::Waiting => "waiting",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assignment(credentials: Credentials) -> Assignment {
        Assignment {
            workspace_id: "ws".parse().unwrap(),
            connection_id: ConnectionId::generate(),
            client_id: ClientId::generate(),
            platform: Platform::Youtube,
            account_id: "yt-1".into(),
            display_name: "Acme".into(),
            settings: AssignmentSettings {
                client_approves_posts: true,
                credentials,
            },
            assigned_at: OffsetDateTime::UNIX_EPOCH,
            assigned_by: "u".parse().unwrap(),
        }
    }

    #[test]
    fn an_assignment_published_with_the_agencys_credentials_is_ready_at_once() {
        let assigned = assignment(Credentials::Agency);
        assert_eq!(assigned.status(None), AssignmentStatus::Ready);
        assert_eq!(
            assigned.publishing_connection(None),
            Some(&assigned.connection_id)
        );
    }

    #[test]
    fn an_assignment_published_with_the_clients_credentials_waits_for_its_connection() {
        let assigned = assignment(Credentials::Client);
        assert_eq!(assigned.status(None), AssignmentStatus::Waiting);
        assert_eq!(assigned.publishing_connection(None), None);
        let theirs = ConnectionId::generate();
        assert_eq!(assigned.status(Some(&theirs)), AssignmentStatus::Ready);
        assert_eq!(assigned.publishing_connection(Some(&theirs)), Some(&theirs));
    }

    #[test]
    fn the_clients_credentials_need_the_right_to_connect_that_platform() {
        let rights = |connect_accounts, platforms: Vec<Platform>| Rights {
            permissions: crate::domain::Permissions {
                connect_accounts,
                ..Default::default()
            },
            platforms,
        };
        let theirs = AssignmentSettings {
            client_approves_posts: false,
            credentials: Credentials::Client,
        };
        let youtube = Platform::Youtube;
        assert!(theirs.possible_for(&rights(true, vec![youtube]), youtube));
        assert!(!theirs.possible_for(&rights(true, vec![Platform::X]), youtube));
        assert!(!theirs.possible_for(&rights(false, vec![youtube]), youtube));
        assert!(AssignmentSettings::default().possible_for(&rights(false, vec![]), youtube));
    }

    #[test]
    fn settings_left_out_are_the_agencys_credentials_without_approval() {
        let settings: AssignmentSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(settings, AssignmentSettings::default());
        assert!(serde_json::from_str::<AssignmentSettings>(r#"{"credentials":"mine"}"#).is_err());
    }
}
