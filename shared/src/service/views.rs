//! What the API returns: views of domain values with secrets left out.

use std::collections::BTreeMap;

use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::{
    Assigned, Assignment, AssignmentStatus, Client, ClientId, ClientState, Connection,
    ConnectionId, Credentials, Delivery, EmailAddress, Health, Invitation, Narrowing, Permissions,
    PersonStatus, Platform, Workspace,
};
use crate::store::stand_in_key;

/// Who did something, as a list shows them.
#[derive(Debug, Serialize)]
pub struct PersonView {
    pub user_id: String,
    pub email: EmailAddress,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A person of a client as the agency sees them: their invitation, its status, and
/// what they may do (the client's rights, narrowed by their invitation).
#[derive(Debug, Serialize)]
pub struct InvitationView {
    pub id: String,
    pub client_id: String,
    pub email: EmailAddress,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: PersonStatus,
    pub delivery: Delivery,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    pub invited_by: PersonView,
    /// The language the person's emails are written in.
    pub language: crate::lang::Lang,
    /// The inviter's own words, as the email and the invitation page show them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
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
    /// The person's `sub`, once they accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_user_id: Option<String>,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed_at: Option<OffsetDateTime>,
    /// When the person was last reminded of the invitation's current link.
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub reminded_at: Option<OffsetDateTime>,
}

impl InvitationView {
    /// The person as they stand at `now`, with their client's rights (`client` is the
    /// client they belong to, when it was read).
    pub fn of(invitation: Invitation, client: Option<&Client>, now: OffsetDateTime) -> Self {
        let rights = client.map(|client| client.rights(Some(&invitation.narrowing)));
        Self {
            status: invitation.status_at(now),
            id: invitation.id.to_string(),
            client_id: invitation.client_id.to_string(),
            email: invitation.email,
            name: invitation.name.map(String::from),
            delivery: invitation.delivery,
            permissions: rights
                .as_ref()
                .map_or(Permissions::default(), |rights| rights.permissions),
            platforms: rights.map(|rights| rights.platforms).unwrap_or_default(),
            invited_by: PersonView {
                user_id: invitation.invited_by.user_id.to_string(),
                email: invitation.invited_by.email,
                name: invitation.invited_by.name.map(String::from),
            },
            language: invitation.language,
            message: invitation.message.map(String::from),
            created_at: invitation.created_at,
            expires_at: invitation.expires_at,
            sent_at: invitation.sent_at,
            accepted_at: invitation.accepted_at,
            client_user_id: invitation.accepted_by.map(String::from),
            closed_at: invitation.closed_at,
            reminded_at: invitation.reminded_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct InvitationPage {
    pub items: Vec<InvitationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A client's live connect link, as the agency's lists show it (never its address,
/// which is shown once, when made).
#[derive(Debug, Serialize)]
pub struct ConnectLinkSummary {
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub platforms: Vec<Platform>,
}

/// A client, its rights and its people.
#[derive(Debug, Serialize)]
pub struct ClientView {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    pub state: ClientState,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    pub two_factor_required: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub deleted_at: Option<OffsetDateTime>,
    pub people: Vec<InvitationView>,
}

impl ClientView {
    pub fn of(client: Client, people: Vec<Invitation>, now: OffsetDateTime) -> Self {
        let mut people: Vec<InvitationView> = people
            .into_iter()
            .map(|person| InvitationView::of(person, Some(&client), now))
            .collect();
        people.sort_by(|a, b| b.id.cmp(&a.id));
        Self {
            id: client.client_id.to_string(),
            name: client.name.to_string(),
            logo_url: client.logo_url.map(String::from),
            state: client.state,
            permissions: client.permissions,
            platforms: client.platforms,
            two_factor_required: client.two_factor_required,
            created_at: client.created_at,
            deleted_at: client.deleted_at,
            people,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ClientPage {
    pub items: Vec<ClientView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// What anyone holding the link may see before signing in.
#[derive(Debug, Serialize)]
pub struct InvitationPreview {
    pub workspace_name: String,
    /// The client's logo, else the workspace's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// The workspace's accent colour (`#rrggbb`), when it chose one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent_colour: Option<String>,
    /// The inviter's own words (plain text; line breaks as `\n`): show them as text,
    /// as theirs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The client (brand) the person is invited to.
    pub client_name: String,
    pub inviter_name: String,
    pub email: EmailAddress,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub platforms: Vec<Platform>,
    pub permissions: Permissions,
    /// Whether the person will be able to disconnect what they connect (the workspace
    /// lets its clients, and they may connect at all).
    pub may_disconnect: bool,
    /// The client requires two-factor sign-in: accepting needs a sign-in with a second
    /// factor.
    pub two_factor_required: bool,
}

#[derive(Debug, Serialize)]
pub struct Membership {
    pub workspace_id: String,
    pub workspace_name: String,
    pub client_id: String,
    pub client_name: String,
    pub role: crate::domain::Role,
    pub platforms: Vec<Platform>,
    pub permissions: Permissions,
}

impl Membership {
    /// A person of `client`, with what their invitation narrowed.
    pub fn of(workspace: &Workspace, client: &Client, narrowing: &Narrowing) -> Self {
        let rights = client.rights(Some(narrowing));
        Self {
            workspace_id: workspace.id.to_string(),
            workspace_name: workspace.name.to_string(),
            client_id: client.client_id.to_string(),
            client_name: client.name.to_string(),
            role: crate::domain::Role::Client,
            platforms: rights.platforms,
            permissions: rights.permissions,
        }
    }
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
    /// The first client an agency's own account is assigned to (kept for callers of
    /// before several could be; `assignments` has them all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<String>,
    /// The clients an agency's own account is assigned to, each with its settings (a
    /// client's person sees only its own client's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<AssignmentView>,
    pub connected_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub connected_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub refreshed_at: OffsetDateTime,
    /// Healthy, expiring or needing a reconnect; why and since when.
    pub health: Health,
    /// What its consent granted, as the platform named it.
    pub scopes: Vec<String>,
}

impl ConnectionView {
    /// The connection as it stands at `now`.
    pub fn of(connection: Connection, now: OffsetDateTime) -> Self {
        Self {
            health: connection.health(now),
            client_id: connection.owner.client_id().map(ToString::to_string),
            assigned_to: connection
                .all_assignments()
                .keys()
                .next()
                .map(ToString::to_string),
            assignments: AssignmentView::all_of(&connection, &Default::default()),
            id: connection.connection_id.to_string(),
            platform: connection.platform,
            account_id: connection.account_id,
            display_name: connection.display_name,
            avatar_url: connection.avatar_url,
            connected_by: connection.connected_by.to_string(),
            connected_at: connection.connected_at,
            refreshed_at: connection.refreshed_at,
            scopes: connection.scopes,
        }
    }
}

impl ConnectionView {
    /// Its assignments' statuses, given the clients' own connections of the account
    /// (`stand_ins`, from [`crate::store::Store::stand_ins`]).
    pub fn with_assignments(
        mut self,
        connection: &Connection,
        stand_ins: &std::collections::BTreeMap<String, crate::domain::ConnectionId>,
    ) -> Self {
        self.assignments = AssignmentView::all_of(connection, stand_ins);
        self
    }

    /// As the client `assignment` assigns it to sees it: only that assignment.
    pub fn seen_as(mut self, assigned: &crate::store::SeenAssignment) -> Self {
        let view = AssignmentView::of_assignment(
            &assigned.assignment,
            assigned.client_connection.as_ref(),
        );
        self.assigned_to = Some(view.client_id.clone());
        self.assignments = vec![view];
        self
    }
}

#[derive(Debug, Serialize)]
pub struct ConnectionList {
    pub items: Vec<ConnectionView>,
    /// The next page's cursor, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
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
    /// Why it is still connected, when removing it failed (removing the client again
    /// with `?connections=disconnect` retries what is left).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<&'static str>,
}

/// One assignment as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AssignmentView {
    pub connection_id: String,
    pub client_id: String,
    pub client_approves_posts: bool,
    pub credentials: Credentials,
    /// `waiting` while the client's own connection, which publishes, is missing.
    pub status: AssignmentStatus,
    /// The client's own connection of the account, when its credentials publish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_connection_id: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub assigned_at: OffsetDateTime,
}

impl AssignmentView {
    pub(crate) fn of(
        connection_id: &ConnectionId,
        client: &ClientId,
        assigned: &Assigned,
        client_connection: Option<&ConnectionId>,
    ) -> Self {
        let client_connection =
            client_connection.filter(|_| assigned.settings.credentials == Credentials::Client);
        let status = assigned.settings.status(client_connection);
        Self {
            connection_id: connection_id.to_string(),
            client_id: client.to_string(),
            client_approves_posts: assigned.settings.client_approves_posts,
            credentials: assigned.settings.credentials,
            status,
            client_connection_id: client_connection.map(ToString::to_string),
            assigned_at: assigned.assigned_at,
        }
    }

    /// The assignment as the client it is assigned to sees it.
    pub fn of_assignment(
        assignment: &Assignment,
        client_connection: Option<&ConnectionId>,
    ) -> Self {
        let assigned = Assigned {
            settings: assignment.settings,
            assigned_at: assignment.assigned_at,
        };
        Self::of(
            &assignment.connection_id,
            &assignment.client_id,
            &assigned,
            client_connection,
        )
    }

    /// Every assignment of an agency connection, as the agency sees them; `stand_ins`
    /// (from [`crate::store::Store::stand_ins`]) holds the clients' own connections.
    pub fn all_of(
        connection: &Connection,
        stand_ins: &BTreeMap<String, ConnectionId>,
    ) -> Vec<Self> {
        connection
            .all_assignments()
            .iter()
            .map(|(client, assigned)| {
                let theirs = stand_ins.get(&stand_in_key(
                    connection.platform,
                    &connection.account_id,
                    client,
                ));
                Self::of(&connection.connection_id, client, assigned, theirs)
            })
            .collect()
    }
}
