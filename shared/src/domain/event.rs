//! What happened, as the host product hears it (an EventBridge event) and as the
//! agency reads it (the audit trail): one [`Change`] per state change, written in the
//! same transaction as the change itself, so none is lost and none is told of a change
//! that did not commit.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    ClientId, ConnectionId, EventId, HealthReason, HealthStatus, InvitationId, Plan, Platform,
    Role, UserId, WorkspaceId,
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
    /// The host product, through the provisioning interface (its IAM principal).
    Host { principal: String },
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
            principal: principal.to_owned(),
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
    #[serde(rename = "member.provisioned")]
    MemberProvisioned { user_id: UserId, role: Role },
    #[serde(rename = "member.removed")]
    MemberRemoved { user_id: UserId },
    #[serde(rename = "client.created")]
    ClientCreated { client_id: ClientId },
    #[serde(rename = "client.removed")]
    ClientRemoved { client_id: ClientId },
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
}

impl What {
    /// The EventBridge `detail-type`, which is also the `type` of the detail's `data`.
    pub fn detail_type(&self) -> &'static str {
        match self {
            What::InvitationCreated { .. } => "invitation.created",
            What::InvitationAccepted { .. } => "invitation.accepted",
            What::InvitationExpired { .. } => "invitation.expired",
            What::InvitationRevoked { .. } => "invitation.revoked",
            What::InvitationDeliveryFailed { .. } => "invitation.delivery_failed",
            What::PersonRemoved { .. } => "person.removed",
            What::WorkspaceProvisioned { .. } => "workspace.provisioned",
            What::WorkspaceDeleted => "workspace.deleted",
            What::MemberProvisioned { .. } => "member.provisioned",
            What::MemberRemoved { .. } => "member.removed",
            What::ClientCreated { .. } => "client.created",
            What::ClientRemoved { .. } => "client.removed",
            What::ConnectionConnected { .. } => "connection.connected",
            What::ConnectionHealthChanged { .. } => "connection.health_changed",
            What::ConnectionDisconnected { .. } => "connection.disconnected",
        }
    }

    /// Every detail-type, in the order the README documents them.
    pub const DETAIL_TYPES: [&'static str; 15] = [
        "invitation.expired",
        "workspace.provisioned",
        "workspace.deleted",
        "member.provisioned",
        "member.removed",
        "invitation.created",
        "invitation.accepted",
        "invitation.revoked",
        "invitation.delivery_failed",
        "person.removed",
        "client.created",
        "client.removed",
        "connection.connected",
        "connection.health_changed",
        "connection.disconnected",
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
}
