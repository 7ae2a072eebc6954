//! Workspaces, their plan and their members. Managing them is outside this product
//! slice; they are read from the table (and seeded locally).

use serde::{Deserialize, Serialize};

use super::{
    AccentColour, ClientId, DisplayName, EmailAddress, InvitationId, LogoUrl, Narrowing, UserId,
    WorkspaceId,
};
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Free,
    Solo,
    Team,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workspace {
    #[serde(rename = "workspace_id")]
    pub id: WorkspaceId,
    pub name: DisplayName,
    pub plan: Plan,
    /// Seats the plan pays for: agency members plus clients who may publish.
    pub seats: u32,
    /// Whether clients may disconnect their own accounts (ShortSync: yes; SocialPilot:
    /// no, only the agency can).
    #[serde(default = "allowed")]
    pub clients_may_disconnect: bool,
    /// Brands the client's pages when set (an https image URL).
    #[serde(default)]
    pub logo_url: Option<LogoUrl>,
    /// The name its emails are sent under and signed with ("Acme Social via …"), when
    /// not its `name`.
    #[serde(default)]
    pub display_name: Option<DisplayName>,
    /// The colour of its clients' pages' buttons and links, and of its emails' buttons
    /// (checked readable when set).
    #[serde(default)]
    pub accent_colour: Option<AccentColour>,
    /// The language its clients' emails are written in unless the inviter chooses
    /// another for a person.
    #[serde(default)]
    pub language: Lang,
    /// Whether people who did not act on an invitation are reminded by email (on unless
    /// the host turns it off).
    #[serde(default = "allowed")]
    pub reminders: bool,
}

fn allowed() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Member,
    Client,
}

impl Role {
    pub fn manages_invitations(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberStatus {
    Active,
    Deactivated,
}

/// A person's membership in one workspace: an agency member (owner, admin, member) or
/// a person of one client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub workspace_id: WorkspaceId,
    /// The identity provider's `sub`.
    pub user_id: UserId,
    pub email: EmailAddress,
    #[serde(default)]
    pub name: Option<DisplayName>,
    pub role: Role,
    pub status: MemberStatus,
    /// For a client's person: the client they act for, the invitation that made them a
    /// person of it, and what their invitation narrowed.
    #[serde(default)]
    pub client_id: Option<ClientId>,
    #[serde(default)]
    pub person_id: Option<InvitationId>,
    #[serde(default)]
    pub narrowing: Narrowing,
    /// The language this person's emails are written in: the one their invitation
    /// was written in (English for agency members, who read the agency's pages).
    #[serde(default)]
    pub language: Lang,
}

impl Member {
    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
    }

    /// The client this member acts for, if they are one of a client's people.
    pub fn client(&self) -> Option<&ClientId> {
        self.client_id
            .as_ref()
            .filter(|_| self.role == Role::Client)
    }
}

/// Every change that takes a seat names the seat version it counted under; two such
/// changes at once cannot both take the last seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("all {seats} seats are taken")]
pub struct NoSeatLeft {
    pub seats: u32,
}

impl Workspace {
    /// Whether a change that takes a seat may go ahead with `in_use` seats taken: a
    /// change that takes none always may.
    pub fn seat_for(&self, takes_a_seat: bool, in_use: u32) -> Result<(), NoSeatLeft> {
        self.seats_from(in_use, in_use.saturating_add(u32::from(takes_a_seat)))
    }

    /// Whether a change that makes the seats in use go from `before` to `after` may go
    /// ahead: one that takes none always may (even over the limit, where the host's
    /// own staff may have put the workspace); one that takes some must fit.
    pub fn seats_from(&self, before: u32, after: u32) -> Result<(), NoSeatLeft> {
        if after > before && after > self.seats {
            return Err(NoSeatLeft { seats: self.seats });
        }
        Ok(())
    }

    pub fn on_team_plan(&self) -> bool {
        self.plan == Plan::Team
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn workspace(seats: u32) -> Workspace {
        Workspace {
            id: "ws".parse().unwrap(),
            name: DisplayName::parse("Acme").unwrap(),
            plan: Plan::Team,
            seats,
            clients_may_disconnect: true,
            logo_url: None,
            display_name: None,
            accent_colour: None,
            language: Lang::En,
            reminders: true,
        }
    }

    #[test]
    fn a_publishing_person_needs_a_free_seat_and_others_never_do() {
        let full = workspace(3);
        assert_eq!(full.seat_for(true, 3), Err(NoSeatLeft { seats: 3 }));
        assert_eq!(full.seat_for(false, 3), Ok(()));
        assert_eq!(full.seat_for(true, 2), Ok(()));
    }
}
