//! What the API returns: views of domain values with secrets left out.

use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::{
    ClientStatus, Connection, Delivery, EmailAddress, Health, Invitation, Permissions, Platform,
};

#[derive(Debug, Serialize)]
pub struct PersonView {
    pub user_id: String,
    pub email: EmailAddress,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An invitation as the agency sees it. Once accepted, `id` is also the client's id.
#[derive(Debug, Serialize)]
pub struct InvitationView {
    pub id: String,
    pub email: EmailAddress,
    pub status: ClientStatus,
    pub delivery: Delivery,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    pub invited_by: PersonView,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub sent_at: Option<OffsetDateTime>,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub accepted_at: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_user_id: Option<String>,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed_at: Option<OffsetDateTime>,
}

impl InvitationView {
    pub fn of(invitation: Invitation, now: OffsetDateTime) -> Self {
        Self {
            status: invitation.status_at(now),
            id: invitation.id.as_str().to_owned(),
            email: invitation.email,
            delivery: invitation.delivery,
            permissions: invitation.permissions,
            platforms: invitation.platforms,
            invited_by: PersonView {
                user_id: invitation.invited_by.user_id,
                email: invitation.invited_by.email,
                name: invitation.invited_by.name,
            },
            created_at: invitation.created_at,
            expires_at: invitation.expires_at,
            sent_at: invitation.sent_at,
            accepted_at: invitation.accepted_at,
            client_user_id: invitation.accepted_by,
            closed_at: invitation.closed_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct InvitationPage {
    pub items: Vec<InvitationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// What anyone holding the link may see before signing in.
#[derive(Debug, Serialize)]
pub struct InvitationPreview {
    pub workspace_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    pub inviter_name: String,
    pub email: EmailAddress,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub platforms: Vec<Platform>,
    pub permissions: Permissions,
}

#[derive(Debug, Serialize)]
pub struct Membership {
    pub workspace_id: String,
    pub workspace_name: String,
    pub client_id: String,
    pub role: crate::domain::Role,
    pub platforms: Vec<Platform>,
    pub permissions: Permissions,
}

/// A connected account as an API shows it: never a token.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionView {
    pub id: String,
    pub platform: Platform,
    pub account_id: String,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// The client it belongs to; absent for the agency's own accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    pub connected_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub connected_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub refreshed_at: OffsetDateTime,
    /// Healthy, expiring or needing a reconnect; why and since when.
    pub health: Health,
}

impl ConnectionView {
    /// The connection as it stands at `now`.
    pub fn of(connection: Connection, now: OffsetDateTime) -> Self {
        Self {
            health: connection.health(now),
            client_id: connection.owner.client_id().map(str::to_owned),
            id: connection.connection_id.to_string(),
            platform: connection.platform,
            account_id: connection.account_id,
            display_name: connection.display_name,
            avatar_url: connection.avatar_url,
            connected_by: connection.connected_by,
            connected_at: connection.connected_at,
            refreshed_at: connection.refreshed_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ConnectionList {
    pub items: Vec<ConnectionView>,
}

#[derive(Debug, Serialize)]
pub struct ConnectStarted {
    pub authorize_url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// A usable access token for the publishing service; never a refresh token. `Debug`
/// leaves the token out, so it cannot reach a log line.
#[derive(Serialize)]
pub struct AccessTokenView {
    pub connection_id: String,
    pub platform: Platform,
    pub account_id: String,
    pub access_token: String,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<OffsetDateTime>,
    pub scopes: Vec<String>,
}

impl std::fmt::Debug for AccessTokenView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessTokenView")
            .field("connection_id", &self.connection_id)
            .field("platform", &self.platform)
            .field("access_token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Serialize)]
pub struct Disconnected {
    pub id: String,
    pub platform: Platform,
    /// Whether the platform confirmed revoking our access (where it has an endpoint).
    pub revoked_at_platform: bool,
}
