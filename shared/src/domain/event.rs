//! What happened, as the host product hears it (an EventBridge event) and as the
//! agency reads it (the audit trail): one [`Change`] per state change, written in the
//! same transaction as the change itself, so none is lost and none is told of a change
//! that did not commit.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::lang::Lang;

use super::{
    AccentColour, ClientId, ConnectionId, DisplayName, EventId, HealthReason, HealthStatus,
    InvitationId, LogoUrl, Permissions, Plan, Platform, Role, UserId, WorkspaceId,
};

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Who {
    /// A signed-in person (an agency member or a client's person).
    Person { user_id: UserId },
    /// A client's connect link, used without signing in.
    ConnectLink { client_id: ClientId },
    /// The scheduled upkeep of connections.
    Refresher,
    /// Amazon SES, reporting what became of an email.
    EmailFeedback,
    /// The host product, through the provisioning interface: its IAM principal's ARN
    /// (its account, role and session name), kept in the record, in the host's own
    /// events and in the log. The agency's audit trail shows only that it was the host
    /// (`None`: see [`Change::as_the_agency_sees_it`]).
    Host {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        principal: Option<String>,
    },
}

impl Who {
    /// A signed-in person: an agency member, or a client's person.
    pub fn person(user_id: &UserId) -> Self {
        Who::Person {
            user_id: user_id.clone(),
        }
    }

    /// The host product, through an IAM route: its principal's ARN.
    pub fn host(principal: &str) -> Self {
        Who::Host {
            principal: Some(principal.to_owned()),
        }
    }

    /// Who, as the agency may read it: the host's identity is the host's business (an
    /// account id, a role, a session name), so the agency reads only "the host".
    pub fn as_the_agency_sees_it(self) -> Self {
        match self {
            Who::Host { .. } => Who::Host { principal: None },
            other => other,
        }
    }
}

/// Why an invitation's email did not reach the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryFailure {
    /// SES did not accept it.
    Rejected,
    /// The address does not take mail (a permanent bounce).
    Bounced,
    /// The person marked it as spam.
    Complained,
}

/// What changed, with what the host needs to act on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum What {
    #[serde(rename = "invitation.created")]
    InvitationCreated {
        invitation_id: InvitationId,
        client_id: ClientId,
    },
    #[serde(rename = "invitation.accepted")]
    InvitationAccepted {
        invitation_id: InvitationId,
        client_id: ClientId,
        user_id: UserId,
    },
    #[serde(rename = "invitation.expired")]
    InvitationExpired {
        invitation_id: InvitationId,
        client_id: ClientId,
    },
    /// The person was reminded of an invitation nobody accepted yet (`reminder`: the
    /// first, second … of its current link).
    #[serde(rename = "invitation.reminded")]
    InvitationReminded {
        invitation_id: InvitationId,
        client_id: ClientId,
        reminder: u8,
    },
    #[serde(rename = "invitation.revoked")]
    InvitationRevoked {
        invitation_id: InvitationId,
        client_id: ClientId,
    },
    #[serde(rename = "invitation.delivery_failed")]
    InvitationDeliveryFailed {
        invitation_id: InvitationId,
        client_id: ClientId,
        reason: DeliveryFailure,
    },
    #[serde(rename = "person.removed")]
    PersonRemoved {
        invitation_id: InvitationId,
        client_id: ClientId,
        user_id: UserId,
    },
    #[serde(rename = "workspace.provisioned")]
    WorkspaceProvisioned { plan: Plan, seats: u32 },
    #[serde(rename = "workspace.deleted")]
    WorkspaceDeleted,
    /// An owner or admin set the workspace's brand on its brand page (the host's own
    /// settings, brand included, are `workspace.provisioned`): the brand as it now is.
    #[serde(rename = "workspace.brand_changed")]
    WorkspaceBrandChanged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_name: Option<DisplayName>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        logo_url: Option<LogoUrl>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        accent_colour: Option<AccentColour>,
        language: Lang,
    },
    #[serde(rename = "member.provisioned")]
    MemberProvisioned { user_id: UserId, role: Role },
    #[serde(rename = "member.removed")]
    MemberRemoved { user_id: UserId },
    #[serde(rename = "client.created")]
    ClientCreated { client_id: ClientId },
    #[serde(rename = "client.removed")]
    ClientRemoved { client_id: ClientId },
    /// What a client's people may do changed: its permissions, platforms or two-factor
    /// requirement, as they are now.
    #[serde(rename = "client.rights_changed")]
    ClientRightsChanged {
        client_id: ClientId,
        permissions: Permissions,
        platforms: Vec<Platform>,
        two_factor_required: bool,
        /// Platforms taken away, and whether their connections were disconnected.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        platforms_removed: Vec<Platform>,
        #[serde(default)]
        connections_disconnected: bool,
    },
    /// One person of a client was given less than the client (or less no longer): their
    /// narrowing as it is now (absent parts: the client's).
    #[serde(rename = "person.narrowing_changed")]
    PersonNarrowingChanged {
        invitation_id: InvitationId,
        client_id: ClientId,
        /// Absent while the person has not joined yet.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_id: Option<UserId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        permissions: Option<Permissions>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        platforms: Option<Vec<Platform>>,
    },
    /// What a person may do or see changed (their role, client, rights or the accounts
    /// they see): the host drops what it cached of them. `user_id` names one person;
    /// without it, every person of `client_id`; without both, everyone of the workspace.
    #[serde(rename = "person.rights_changed")]
    PersonRightsChanged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_id: Option<UserId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
        /// The change that did it (its `type`).
        because: String,
    },
    #[serde(rename = "connection.connected")]
    ConnectionConnected {
        connection_id: ConnectionId,
        platform: Platform,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
    },
    #[serde(rename = "connection.health_changed")]
    ConnectionHealthChanged {
        connection_id: ConnectionId,
        platform: Platform,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
        health: HealthStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<HealthReason>,
    },
    #[serde(rename = "connection.disconnected")]
    ConnectionDisconnected {
        connection_id: ConnectionId,
        platform: Platform,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
    },
    /// One of the agency's own connections is shown to a client (view only), or to
    /// none any more (`assigned_to` null).
    #[serde(rename = "connection.assigned")]
    ConnectionAssigned {
        connection_id: ConnectionId,
        platform: Platform,
        assigned_to: Option<ClientId>,
        /// The assignment's settings, as they are now (absent when taken away).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_approves_posts: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credentials: Option<super::Credentials>,
    },
    /// One of the agency's own connections is no longer assigned to this client.
    #[serde(rename = "connection.unassigned")]
    ConnectionUnassigned {
        connection_id: ConnectionId,
        platform: Platform,
        client_id: ClientId,
    },
    /// The agency had the people who can reconnect a connection emailed (again).
    #[serde(rename = "connection.reconnect_requested")]
    ConnectionReconnectRequested {
        connection_id: ConnectionId,
        platform: Platform,
        /// The client that owns it; absent for the agency's own account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
        /// Its health when asked: `expiring` or `needs_reconnect`.
        health: HealthStatus,
        /// How many people are emailed.
        recipients: u32,
    },
    /// A client's people were reminded to connect an account assigned to it with their
    /// own credentials, nobody having done it.
    #[serde(rename = "connection.assignment_reminded")]
    ConnectionAssignmentReminded {
        connection_id: ConnectionId,
        platform: Platform,
        client_id: ClientId,
        /// How many people the reminder went to.
        recipients: u32,
    },
    /// The people asked to reconnect a connection were reminded, nobody having done it.
    #[serde(rename = "connection.reconnect_reminded")]
    ConnectionReconnectReminded {
        connection_id: ConnectionId,
        platform: Platform,
        /// The client that owns it; absent for the agency's own account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
        /// Its health when reminded: `expiring` or `needs_reconnect`.
        health: HealthStatus,
        /// How many people SES took the reminder for.
        recipients: u32,
    },
    /// A client's connect link was made; the previous one, if any, stopped working.
    #[serde(rename = "connect_link.created")]
    ConnectLinkCreated {
        client_id: ClientId,
        #[serde(with = "time::serde::rfc3339")]
        expires_at: OffsetDateTime,
        /// The platforms it lets the client connect.
        platforms: Vec<Platform>,
        /// Whether it replaced a live link.
        replaced: bool,
    },
    #[serde(rename = "connect_link.revoked")]
    ConnectLinkRevoked { client_id: ClientId },
    /// The workspace's invite link was turned on or off, or what joiners get changed.
    #[serde(rename = "invite_link.updated")]
    InviteLinkUpdated {
        enabled: bool,
        /// The client joiners become people of; absent: each joiner a new client.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<ClientId>,
        permissions: Permissions,
        platforms: Vec<Platform>,
    },
    /// The invite link got a new address; the old one stopped working.
    #[serde(rename = "invite_link.refreshed")]
    InviteLinkRefreshed,
}

impl What {
    /// The EventBridge `detail-type`, which is also the `type` of the detail's `data`.
    pub fn detail_type(&self) -> &'static str {
        match self {
            What::InvitationCreated { .. } => "invitation.created",
            What::InvitationAccepted { .. } => "invitation.accepted",
            What::InvitationExpired { .. } => "invitation.expired",
            What::InvitationRevoked { .. } => "invitation.revoked",
            What::InvitationReminded { .. } => "invitation.reminded",
            What::InvitationDeliveryFailed { .. } => "invitation.delivery_failed",
            What::PersonRemoved { .. } => "person.removed",
            What::WorkspaceProvisioned { .. } => "workspace.provisioned",
            What::WorkspaceDeleted => "workspace.deleted",
            What::WorkspaceBrandChanged { .. } => "workspace.brand_changed",
            What::MemberProvisioned { .. } => "member.provisioned",
            What::MemberRemoved { .. } => "member.removed",
            What::ClientCreated { .. } => "client.created",
            What::ClientRemoved { .. } => "client.removed",
            What::ClientRightsChanged { .. } => "client.rights_changed",
            What::PersonRightsChanged { .. } => "person.rights_changed",
            What::PersonNarrowingChanged { .. } => "person.narrowing_changed",
            What::ConnectionConnected { .. } => "connection.connected",
            What::ConnectionHealthChanged { .. } => "connection.health_changed",
            What::ConnectionDisconnected { .. } => "connection.disconnected",
            What::ConnectionAssigned { .. } => "connection.assigned",
            What::ConnectionUnassigned { .. } => "connection.unassigned",
            What::ConnectionReconnectRequested { .. } => "connection.reconnect_requested",
            What::ConnectionReconnectReminded { .. } => "connection.reconnect_reminded",
            What::ConnectionAssignmentReminded { .. } => "connection.assignment_reminded",
            What::ConnectLinkCreated { .. } => "connect_link.created",
            What::ConnectLinkRevoked { .. } => "connect_link.revoked",
            What::InviteLinkUpdated { .. } => "invite_link.updated",
            What::InviteLinkRefreshed => "invite_link.refreshed",
        }
    }

    /// The `person.rights_changed` this change also tells the host of, when it changes
    /// what someone may do or see: one rule, so no use case can forget it (the store
    /// records it with the change, in the same transaction).
    pub fn rights_notice(&self) -> Option<What> {
        let (user_id, client_id) = match self {
            What::InvitationAccepted {
                client_id, user_id, ..
            }
            | What::PersonRemoved {
                client_id, user_id, ..
            } => (Some(user_id), Some(client_id)),
            What::MemberProvisioned { user_id, .. } | What::MemberRemoved { user_id } => {
                (Some(user_id), None)
            }
            What::PersonNarrowingChanged {
                user_id: Some(user_id),
                client_id,
                ..
            } => (Some(user_id), Some(client_id)),
            What::ClientRemoved { client_id } | What::ClientRightsChanged { client_id, .. } => {
                (None, Some(client_id))
            }
            What::ConnectionConnected {
                client_id: Some(client_id),
                ..
            }
            | What::ConnectionDisconnected {
                client_id: Some(client_id),
                ..
            }
            | What::ConnectionAssigned {
                assigned_to: Some(client_id),
                ..
            }
            | What::ConnectionUnassigned { client_id, .. } => (None, Some(client_id)),
            // Taken away from a client the event does not name, or the whole workspace
            // gone: everyone's cache of it is stale.
            What::ConnectionAssigned {
                assigned_to: None, ..
            }
            | What::WorkspaceDeleted => (None, None),
            _ => return None,
        };
        Some(What::PersonRightsChanged {
            user_id: user_id.cloned(),
            client_id: client_id.cloned(),
            because: self.detail_type().to_owned(),
        })
    }

    /// Detail-types told to the host and never shown in the agency's audit trail (the
    /// change that caused them is there).
    pub const TOLD_ONLY_TO_THE_HOST: [&'static str; 1] = ["person.rights_changed"];

    /// Every detail-type, in the order the README documents them.
    pub const DETAIL_TYPES: [&'static str; 29] = [
        "invitation.expired",
        "workspace.provisioned",
        "workspace.deleted",
        "workspace.brand_changed",
        "member.provisioned",
        "member.removed",
        "invitation.created",
        "invitation.accepted",
        "invitation.revoked",
        "invitation.reminded",
        "invitation.delivery_failed",
        "person.removed",
        "client.created",
        "client.removed",
        "client.rights_changed",
        "person.rights_changed",
        "person.narrowing_changed",
        "connection.connected",
        "connection.health_changed",
        "connection.disconnected",
        "connection.assigned",
        "connection.unassigned",
        "connection.assignment_reminded",
        "connection.reconnect_requested",
        "connection.reconnect_reminded",
        "connect_link.created",
        "connect_link.revoked",
        "invite_link.updated",
        "invite_link.refreshed",
    ];
}

/// One state change: the event's detail and the audit trail's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub event_id: EventId,
    pub workspace_id: WorkspaceId,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    pub by: Who,
    pub data: What,
}

impl Change {
    /// The change as the agency's audit trail shows it: the same record, except that
    /// the host is only "the host" (its identity stays in the record, its events and
    /// the log).
    pub fn as_the_agency_sees_it(self) -> Self {
        Self {
            by: self.by.as_the_agency_sees_it(),
            ..self
        }
    }

    pub fn new(workspace_id: &WorkspaceId, at: OffsetDateTime, by: Who, data: What) -> Self {
        Self {
            event_id: EventId::generate(),
            workspace_id: workspace_id.clone(),
            occurred_at: at,
            by,
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_names_its_detail_type_as_its_data_type() {
        let change = Change::new(
            &"ws-1".parse().unwrap(),
            OffsetDateTime::UNIX_EPOCH,
            Who::Refresher,
            What::ClientRemoved {
                client_id: ClientId::generate(),
            },
        );
        let json = serde_json::to_value(&change).unwrap();
        assert_eq!(json["data"]["type"], change.data.detail_type());
        assert_eq!(json["by"]["kind"], "refresher");
        assert!(What::DETAIL_TYPES.contains(&change.data.detail_type()));
    }

    #[test]
    fn the_agency_reads_the_host_as_the_host_and_the_host_keeps_its_principal() {
        let arn = "arn:aws:sts::123456789012:assumed-role/host-provisioner/session-42";
        let change = Change::new(
            &"ws-1".parse().unwrap(),
            OffsetDateTime::UNIX_EPOCH,
            Who::host(arn),
            What::WorkspaceDeleted,
        );
        let recorded = serde_json::to_value(&change).unwrap();
        assert_eq!(recorded["by"]["principal"], arn, "the record keeps it");
        let shown = serde_json::to_value(change.clone().as_the_agency_sees_it()).unwrap();
        assert_eq!(shown["by"], serde_json::json!({ "kind": "host" }));
        assert!(!shown.to_string().contains("123456789012"));
        assert_eq!(shown["event_id"], recorded["event_id"]);
        let person = Who::person(&"u-1".parse().unwrap());
        assert_eq!(person.clone().as_the_agency_sees_it(), person);
    }
}
