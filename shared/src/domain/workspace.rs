//! Workspaces, their plan and their members. Managing them is outside this product
//! slice; they are read from the table (and seeded locally).

use serde::{Deserialize, Serialize};

use super::{EmailAddress, WorkspaceId};

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
    pub name: String,
    pub plan: Plan,
    /// Seats the plan pays for: agency members plus clients who may publish.
    pub seats: u32,
    /// Whether clients may disconnect their own accounts (ShortSync: yes; SocialPilot:
    /// no, only the agency can).
    #[serde(default = "allowed")]
    pub clients_may_disconnect: bool,
    /// Brands the client's pages when set (an https image URL).
    #[serde(default)]
    pub logo_url: Option<String>,
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

/// A user's membership in one workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub workspace_id: WorkspaceId,
    /// The identity provider's `sub`.
    pub user_id: String,
    pub email: EmailAddress,
    #[serde(default)]
    pub name: Option<String>,
    pub role: Role,
    pub status: MemberStatus,
    /// For clients: the invitation they joined through, which is also the client's id.
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub counts_as_seat: bool,
    /// A client connect link is a member too (Postpone's "Client Connect Link"): it
    /// acts for its client without a login, until it expires or is revoked.
    #[serde(default, with = "time::serde::timestamp::option")]
    pub expires_at: Option<time::OffsetDateTime>,
    /// Narrows the platforms the client's invitation allows (connect links).
    #[serde(default)]
    pub platforms: Option<Vec<super::Platform>>,
}

impl Member {
    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
            && self
                .expires_at
                .is_none_or(|expires_at| time::OffsetDateTime::now_utc() < expires_at)
    }

    /// The user id a connect link acts under: never a real identity provider's `sub`.
    pub fn link_user_id(token_hash: &str) -> String {
        format!("link:{token_hash}")
    }

    pub fn is_connect_link(&self) -> bool {
        self.user_id.starts_with("link:")
    }
}
