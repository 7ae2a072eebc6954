//! Clients (brands) of a workspace: create, list, delete, remove one of their people,
//! and assign the agency's own connections to them (view only).
//!
//! A client's rights (permissions, platforms) belong to the client; each person's
//! invitation may narrow them, never widen them. Deleting a client cuts off all its
//! people and its connect link at once (every action of theirs reads the client), then
//! closes their memberships one by one.

use serde::{Deserialize, Serialize};

use super::acting::authorize_admin;
use super::connections::{disconnect_client, unassign_all};
use super::views::{ClientPage, ClientView, ConnectionView, Disconnected, InvitationView};
use crate::auth::Caller;
use crate::domain::{
    Change, Client, ClientId, ClientState, ClientTerms, ConnectionId, InvitationId,
    InvitationState, PageSize, Permissions, Platform, Unparsable, What, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Cursor, Guarded, Listing, Reads};

/// Body of `POST /workspaces/{workspace_id}/clients`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewClient {
    pub name: String,
    #[serde(default)]
    pub logo_url: Option<String>,
    /// What every person of the client may do at most.
    #[serde(default)]
    pub permissions: Permissions,
    /// The platforms its people may connect; all of them when absent.
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
    /// Its people must sign in with a second factor to accept, connect and disconnect,
    /// and it gets no connect link.
    #[serde(default)]
    pub require_two_factor: bool,
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    request: NewClient,
) -> Result<ClientView, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    admin.require_team_plan()?;
    let client = ClientTerms::parse(
        &request.name,
        request.logo_url.as_deref(),
        request.permissions,
        request.platforms,
    )?
    .requiring_two_factor(request.require_two_factor)
    .into_client(workspace_id, &caller.user_id, state.clock.now());
    let created = Change::new(
        workspace_id,
        client.created_at,
        Who::person(&caller.user_id),
        What::ClientCreated {
            client_id: client.client_id.clone(),
        },
    );
    if state.store.insert_client(&client, &[created]).await? == Guarded::Refused {
        return Err(AppError::ConcurrentChange);
    }
    tracing::info!(client_id = client.client_id.as_str(), "client created");
    Ok(ClientView::of(client, Vec::new(), state.clock.now()))
}

/// Query of the clients list.
pub struct ClientQuery {
    pub limit: PageSize,
    pub cursor: Option<String>,
}

/// A page of clients, newest first, each with its people (one query for the people of
/// the whole page).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    query: ClientQuery,
) -> Result<ClientPage, AppError> {
    authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let (page, _) = page_of_clients(state, workspace_id, query).await?;
    Ok(page)
}

/// A page of clients with their people (one query of the by-client index per client of
/// the page, at once), for a caller already authorised; and the page's clients.
pub(crate) async fn page_of_clients(
    state: &AppState,
    workspace_id: &WorkspaceId,
    query: ClientQuery,
) -> Result<(ClientPage, Vec<Client>), AppError> {
    let cursor = query
        .cursor
        .map(|raw| Cursor::parse(&raw, Listing::Clients, workspace_id))
        .transpose()?;
    let page = state
        .store
        .list_clients(workspace_id, query.limit.get(), cursor.as_ref())
        .await?;
    let ids: Vec<ClientId> = page
        .clients
        .iter()
        .map(|record| record.client.client_id.clone())
        .collect();
    let mut people = state.store.people_of(workspace_id, &ids).await?;
    let now = state.clock.now();
    let clients: Vec<Client> = page
        .clients
        .iter()
        .map(|record| record.client.clone())
        .collect();
    let items = page
        .clients
        .into_iter()
        .map(|record| {
            let theirs = people
                .extract_if(.., |person| person.client_id == record.client.client_id)
                .collect();
            ClientView::of(record.client, theirs, now)
        })
        .collect();
    let page = ClientPage {
        items,
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    };
    Ok((page, clients))
}

/// What happens to a deleted client's connected accounts: the agency chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientConnections {
    /// Keep publishing to them (Postpone).
    #[default]
    Keep,
    /// Revoke and forget them (ShortSync).
    Disconnect,
}

impl std::str::FromStr for ClientConnections {
    type Err = Unparsable;
    fn from_str(raw: &str) -> Result<Self, Unparsable> {
        match raw {
            "keep" => Ok(Self::Keep),
            "disconnect" => Ok(Self::Disconnect),
            other => Err(Unparsable::new("choice of keep or disconnect", other)),
        }
    }
}

/// A deleted client, and what became of its connections.
#[derive(Debug, Serialize)]
pub struct DeletedClient {
    #[serde(flatten)]
    pub client: ClientView,
    /// Its connections, disconnected because the agency chose so (empty when kept).
    pub disconnected: Vec<Disconnected>,
}

/// Deletes a client: at once, none of its people and no link of it can act any more;
/// then their memberships are closed, and its connections kept or disconnected.
pub async fn delete(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    connections: ClientConnections,
) -> Result<DeletedClient, AppError> {
    let now = state.clock.now();
    let current = authorize_admin(state, caller, workspace_id, Reads::client(client_id))
        .await?
        .client()?;
    // Deleting again with `disconnect` finishes what an earlier delete left connected.
    let resuming = !current.client.is_active();
    if resuming && connections == ClientConnections::Keep {
        return Err(AppError::ClientRemoved);
    }
    if !resuming {
        let removed = Change::new(
            workspace_id,
            now,
            Who::person(&caller.user_id),
            What::ClientRemoved {
                client_id: client_id.clone(),
            },
        );
        if state.store.delete_client(&current, now, &[removed]).await? == Guarded::Refused {
            return Err(AppError::ClientRemoved);
        }
        tracing::info!(client_id = client_id.as_str(), "client deleted");
        let people = state
            .store
            .people_of(workspace_id, std::slice::from_ref(client_id))
            .await?;
        let retention = state.config.retention_after_expiry;
        state.store.close_people(&people, retention, now).await?;
        unassign_all(state, workspace_id, client_id, &caller.user_id).await?;
    }
    let disconnected = match connections {
        ClientConnections::Keep => Vec::new(),
        ClientConnections::Disconnect => {
            disconnect_client(
                state,
                workspace_id,
                client_id,
                &Who::person(&caller.user_id),
            )
            .await?
        }
    };
    let people = state
        .store
        .people_of(workspace_id, std::slice::from_ref(client_id))
        .await?;
    let deleted = Client {
        state: ClientState::Deleted,
        deleted_at: current.client.deleted_at.or(Some(now)),
        ..current.client
    };
    Ok(DeletedClient {
        client: ClientView::of(deleted, people, now),
        disconnected,
    })
}

/// Removes one person of a client: an accepted one is deactivated at once, a pending
/// invitation is revoked. The client's other people are untouched.
pub async fn remove_person(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    person_id: &InvitationId,
) -> Result<InvitationView, AppError> {
    let mut admin = authorize_admin(
        state,
        caller,
        workspace_id,
        Reads {
            client: Some(client_id),
            ..Reads::invitation(person_id)
        },
    )
    .await?;
    let client = admin.client()?.client;
    let person = admin
        .invitation()
        .ok()
        .filter(|record| record.invitation.client_id == *client_id)
        .ok_or(AppError::PersonNotFound)?
        .invitation;
    remove_read(state, caller, workspace_id, &client, person).await
}

/// A removal's rules, for a person of `client` already read by an authorised owner or
/// admin: what `remove_person` and a batch of people share.
pub(crate) async fn remove_read(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client: &Client,
    person: crate::domain::Invitation,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let client_id = &client.client_id;
    let person_id = &person.id.clone();
    let retention = state.config.retention_after_expiry;
    let by = Who::person(&caller.user_id);
    let (outcome, closed_as) = match (person.state, &person.accepted_by) {
        (InvitationState::Accepted, Some(user)) => {
            let removed = What::PersonRemoved {
                invitation_id: person.id.clone(),
                client_id: client_id.clone(),
                user_id: user.clone(),
            };
            let change = Change::new(workspace_id, now, by, removed);
            (
                state
                    .store
                    .remove_person(&person, user, retention, now, &[change])
                    .await?,
                InvitationState::Removed,
            )
        }
        (InvitationState::Pending, _) => {
            let change = Change::new(workspace_id, now, by, person.revocation());
            (
                state
                    .store
                    .revoke(&person, retention, now, &[change])
                    .await?,
                InvitationState::Revoked,
            )
        }
        (InvitationState::Removed, _) => return Err(AppError::ClientRemoved),
        (_, _) => return Err(AppError::InvitationRevoked),
    };
    if outcome == Guarded::Refused {
        return Err(AppError::ConcurrentChange);
    }
    tracing::info!(
        client_id = client_id.as_str(),
        person_id = person_id.as_str(),
        "person removed"
    );
    let closed = crate::domain::Invitation {
        state: closed_as,
        closed_at: Some(now),
        ..person
    };
    Ok(InvitationView::of(closed, Some(client), now))
}

/// Body of `POST /workspaces/{workspace_id}/connections/{connection_id}/assign`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The only client that will see the connection; `null` to show it to none.
    pub client_id: Option<ClientId>,
}

/// Makes one of the agency's own connections assigned to this client only (with its
/// settings, or the defaults), or to none: the route of before several clients could
/// be assigned (see [`super::assignments`]).
pub async fn assign(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    assignment: Assignment,
) -> Result<ConnectionView, AppError> {
    super::assignments::assign_only(
        state,
        caller,
        workspace_id,
        connection_id,
        assignment.client_id.as_ref(),
    )
    .await
}
