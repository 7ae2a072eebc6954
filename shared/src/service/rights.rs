//! Changing what a client's people may do, after the client was made: its permissions,
//! the platforms it may connect, and whether its people sign in with a second factor.
//!
//! One transaction writes the new rights under the version it read, claims the seats
//! its people now take (a client given the right to publish takes one per person), ends
//! its connect link when two-factor sign-in becomes required, and records the change.
//! Platforms taken away never silently cost the client its connections there: the agency
//! says whether they are kept or disconnected.
//!
//! The host product reads what one person may do and see ([`of_person`]) to enforce
//! the rights on its own screens.

use serde::{Deserialize, Serialize};

use super::acting::{authorize_admin, seat_refusal};
use super::clients::ClientConnections;
use super::connections::{connections_of, disconnect_these};
use super::views::{ClientView, ConnectionView, Disconnected, InvitationView};
use crate::auth::Caller;
use crate::domain::{
    Change, Client, ClientId, ConnectionOwner, HealthStatus, Invitation, InvitationId, Narrowing,
    NewRights, Permissions, PersonStatus, Platform, Rights, Role, UserId, What, Who, Workspace,
    WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Narrowed, Reads, RightsWritten, SeenAccount};

/// Body of `PATCH /workspaces/{workspace_id}/clients/{client_id}`: the parts given
/// replace the client's; the others stay.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightsChange {
    #[serde(default)]
    pub permissions: Option<Permissions>,
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
    #[serde(default)]
    pub two_factor_required: Option<bool>,
    /// What becomes of its connections on platforms the change takes away; needed only
    /// when it has some.
    #[serde(default)]
    pub connections: Option<ClientConnections>,
}

/// A client with its new rights, and what became of its connections outside them.
#[derive(Debug, Serialize)]
pub struct ChangedClient {
    #[serde(flatten)]
    pub client: ClientView,
    /// Connections on platforms taken away, disconnected because the agency chose so.
    pub disconnected: Vec<Disconnected>,
    /// Connections on platforms taken away, kept because the agency chose so.
    pub kept_outside_rights: Vec<ConnectionView>,
}

/// What the page that changes a client's rights shows.
pub struct RightsCard {
    pub workspace: Workspace,
    pub client: Client,
}

/// A client's rights, as an owner or admin reads them to change them.
pub async fn card(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
) -> Result<RightsCard, AppError> {
    let mut admin = authorize_admin(state, caller, workspace_id, Reads::client(client_id)).await?;
    let client = admin.active_client()?.client;
    Ok(RightsCard {
        workspace: admin.workspace.workspace,
        client,
    })
}

/// Gives a client new rights (an owner or admin of a Team workspace).
pub async fn change(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    request: RightsChange,
) -> Result<ChangedClient, AppError> {
    let now = state.clock.now();
    let mut admin = authorize_admin(state, caller, workspace_id, Reads::client(client_id)).await?;
    admin.require_team_plan()?;
    let current = admin.active_client()?;
    let changed = current.client.with_rights(&NewRights {
        permissions: request.permissions,
        platforms: request.platforms,
        two_factor_required: request.two_factor_required,
    })?;
    let people = state
        .store
        .people_of_client(workspace_id, client_id)
        .await?;
    if !current.client.rights_differ(&changed) {
        return Ok(ChangedClient {
            client: ClientView::of(changed, people, now),
            disconnected: Vec::new(),
            kept_outside_rights: Vec::new(),
        });
    }
    let taken_away = current.client.platforms_taken_away(&changed);
    let outside = if taken_away.is_empty() {
        Vec::new()
    } else {
        connections_of(state, workspace_id, client_id)
            .await?
            .into_iter()
            .filter(|stored| taken_away.contains(&stored.connection.platform))
            .collect()
    };
    let choice = match (outside.is_empty(), request.connections) {
        (true, _) => ClientConnections::Keep,
        (false, Some(choice)) => choice,
        (false, None) => {
            return Err(AppError::ConnectionsOutsideRights {
                platforms: Platform::listed(&taken_away),
                count: outside.len(),
            })
        }
    };
    let seat = if current.client.gains_publishing(&changed) {
        let (before, after) = state
            .store
            .seats_in_use_with(workspace_id, now, &changed)
            .await?;
        admin
            .workspace
            .workspace
            .seats_from(before, after)
            .map_err(|full| AppError::NoSeatLeft { seats: full.seats })?;
        Some(admin.workspace.seat_guard())
    } else {
        None
    };
    let end_link = changed.two_factor_required && current.connect_link_hash.is_some();
    let by = Who::person(&caller.user_id);
    let mut changes = vec![Change::new(
        workspace_id,
        now,
        by.clone(),
        What::ClientRightsChanged {
            client_id: client_id.clone(),
            permissions: changed.permissions,
            platforms: changed.platforms.clone(),
            two_factor_required: changed.two_factor_required,
            platforms_removed: taken_away.clone(),
            connections_disconnected: choice == ClientConnections::Disconnect
                && !outside.is_empty(),
        },
    )];
    if end_link {
        changes.push(Change::new(
            workspace_id,
            now,
            by.clone(),
            What::ConnectLinkRevoked {
                client_id: client_id.clone(),
            },
        ));
    }
    match state
        .store
        .change_rights(&current, &changed, end_link, seat, &changes)
        .await?
    {
        RightsWritten::Done => {}
        RightsWritten::ClientGone => return Err(AppError::ClientRemoved),
        RightsWritten::Changed => return Err(AppError::ConcurrentChange),
        RightsWritten::SeatTaken => return Err(seat_refusal(state, workspace_id).await),
    }
    tracing::info!(
        client_id = client_id.as_str(),
        link_ended = end_link,
        outside_rights = outside.len(),
        "client rights changed"
    );
    let (disconnected, kept_outside_rights) = match choice {
        ClientConnections::Disconnect => (disconnect_these(state, outside, &by).await, Vec::new()),
        ClientConnections::Keep => (
            Vec::new(),
            outside
                .into_iter()
                .map(|stored| ConnectionView::of(stored.connection, now))
                .collect(),
        ),
    };
    Ok(ChangedClient {
        client: ClientView::of(changed, people, now),
        disconnected,
        kept_outside_rights,
    })
}

/// Body of `PUT …/clients/{client_id}/people/{person_id}/rights`: what this person gets
/// less than the client; a part left out is the client's.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRightsChange {
    #[serde(default)]
    pub permissions: Option<Permissions>,
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
}

impl PersonRightsChange {
    fn narrowing(self) -> Narrowing {
        Narrowing {
            permissions: self.permissions,
            platforms: self.platforms.map(|mut platforms| {
                platforms.sort();
                platforms.dedup();
                platforms
            }),
        }
    }
}

/// Gives one person of a client a narrowing of its rights (less than the client, or the
/// client's back): never more than the client has. They take a seat when it lets them publish
/// where it did not, and free it the other way.
pub async fn change_person(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    person_id: &InvitationId,
    request: PersonRightsChange,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let narrowing = request.narrowing();
    let mut admin = authorize_admin(
        state,
        caller,
        workspace_id,
        Reads {
            client: Some(client_id),
            invitation: Some(person_id),
            ..Reads::default()
        },
    )
    .await?;
    admin.require_team_plan()?;
    let client = admin.active_client()?.client;
    let person = admin.invitation()?.invitation.clone();
    if &person.client_id != client_id {
        return Err(AppError::PersonNotFound);
    }
    let status = person.status_at(now);
    if matches!(status, PersonStatus::Revoked | PersonStatus::Deactivated) {
        return Err(AppError::ClientRemoved);
    }
    client
        .check_narrowing(&narrowing)
        .map_err(|widening| AppError::WiderThanClient(widening.to_string()))?;
    let changed = Invitation {
        narrowing: narrowing.clone(),
        ..person.clone()
    };
    if changed.narrowing == person.narrowing {
        return Ok(InvitationView::of(changed, Some(&client), now));
    }
    let publishes = |someone: &Invitation| {
        client
            .rights(Some(&someone.narrowing))
            .permissions
            .takes_a_seat()
    };
    // An expired invitation holds no seat: its resend counts it again.
    let holds_a_seat = status != PersonStatus::Expired;
    let seat = super::acting::seat_for(
        state,
        &admin.workspace,
        holds_a_seat && publishes(&changed) && !publishes(&person),
    )
    .await?;
    let seatless = seat.is_none() && !publishes(&changed) && narrowing.may_publish();
    let changes = [Change::new(
        workspace_id,
        now,
        Who::person(&caller.user_id),
        What::PersonNarrowingChanged {
            invitation_id: person.id.clone(),
            client_id: client_id.clone(),
            user_id: person.accepted_by.clone(),
            permissions: narrowing.permissions,
            platforms: narrowing.platforms.clone(),
        },
    )];
    match state
        .store
        .narrow_person(&person, &narrowing, seatless, seat, &changes)
        .await?
    {
        Narrowed::Done => {}
        Narrowed::ClientGone => return Err(AppError::ClientRemoved),
        Narrowed::Changed => return Err(AppError::ConcurrentChange),
        Narrowed::SeatTaken => return Err(seat_refusal(state, workspace_id).await),
    }
    tracing::info!(
        client_id = client_id.as_str(),
        person_id = person_id.as_str(),
        "person's rights changed"
    );
    Ok(InvitationView::of(changed, Some(&client), now))
}

/// What a person of a workspace may do and see, as the host reads it to enforce it on
/// its own screens (publishing, analytics, the inbox). It changes only with a change
/// told as `person.rights_changed`: the host may cache it until then.
#[derive(Debug, Serialize)]
pub struct PersonRights {
    pub workspace_id: String,
    pub user_id: String,
    pub role: Role,
    /// Whether they may act at all: false once removed, or once their client is deleted.
    pub active: bool,
    /// The client they act for (a client's person only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientOfPerson>,
    /// What they may do: their client's rights narrowed by their own (a client's person
    /// only; an agency member's rights are the host's own roles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rights: Option<Rights>,
    /// The accounts they see (a client's active person only; an agency member sees every
    /// account of the workspace, listed by `list-connections`).
    pub accounts: Vec<AccountSeen>,
}

#[derive(Debug, Serialize)]
pub struct ClientOfPerson {
    pub id: String,
    pub name: String,
    pub two_factor_required: bool,
}

/// One account a client's person sees, and how.
#[derive(Debug, Serialize)]
pub struct AccountSeen {
    pub connection_id: String,
    pub platform: Platform,
    pub display_name: String,
    /// `client`: the client's own; `agency`: the agency's, assigned to the client.
    pub owner: &'static str,
    pub health: HealthStatus,
    /// For an agency account: the assignment's settings and which connection publishes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<AssignmentSeen>,
}

#[derive(Debug, Serialize)]
pub struct AssignmentSeen {
    pub client_approves_posts: bool,
    pub credentials: &'static str,
    /// `waiting` until the client connects the account itself, when its credentials
    /// publish.
    pub status: &'static str,
    /// The connection to publish with for this client (absent while waiting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publishing_connection_id: Option<String>,
}

/// A person's role, client, rights and accounts (the host, through IAM).
pub async fn of_person(
    state: &AppState,
    workspace_id: &WorkspaceId,
    user_id: &UserId,
) -> Result<PersonRights, AppError> {
    let now = state.clock.now();
    let read = state
        .store
        .read(workspace_id, Reads::membership(user_id))
        .await?;
    read.workspace.ok_or(AppError::WorkspaceNotFound)?;
    let member = read.member.ok_or(AppError::PersonNotFound)?;
    let mut answer = PersonRights {
        workspace_id: workspace_id.to_string(),
        user_id: user_id.to_string(),
        role: member.role,
        active: member.is_active(),
        client: None,
        rights: None,
        accounts: Vec::new(),
    };
    let Some(client_id) = member.client() else {
        return Ok(answer);
    };
    let client = state
        .store
        .client(workspace_id, client_id)
        .await?
        .ok_or(AppError::ClientNotFound)?
        .client;
    answer.active = answer.active && client.is_active();
    answer.client = Some(ClientOfPerson {
        id: client.client_id.to_string(),
        name: client.name.to_string(),
        two_factor_required: client.two_factor_required,
    });
    if !answer.active {
        return Ok(answer);
    }
    answer.rights = Some(client.rights(Some(&member.narrowing)));
    answer.accounts = state
        .store
        .accounts_seen_by(workspace_id, client_id)
        .await?
        .into_iter()
        .map(|account| AccountSeen::of(account, now))
        .collect();
    Ok(answer)
}

impl AccountSeen {
    fn of(account: SeenAccount, now: time::OffsetDateTime) -> Self {
        let connection = &account.stored.connection;
        let assignment = account.assigned.map(|seen| {
            let client_connection = seen.client_connection.as_ref();
            AssignmentSeen {
                client_approves_posts: seen.assignment.settings.client_approves_posts,
                credentials: seen.assignment.settings.credentials.as_str(),
                status: seen.assignment.status(client_connection).as_str(),
                publishing_connection_id: seen
                    .assignment
                    .publishing_connection(client_connection)
                    .map(ToString::to_string),
            }
        });
        Self {
            connection_id: connection.connection_id.to_string(),
            platform: connection.platform,
            display_name: connection.display_name.clone(),
            owner: if connection.owner == ConnectionOwner::Agency {
                "agency"
            } else {
                "client"
            },
            health: connection.health(now).status,
            assignment,
        }
    }
}
