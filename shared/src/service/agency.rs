//! What the agency's pages show, each read under one owner-or-admin check: the clients
//! card (clients with their people, or the people of one status), the invite link's
//! settings, the workspace's connections with the client and person behind each, and
//! the workspaces a person manages. Every change the pages make goes through the other
//! use cases; this module only reads.
//!
//! Each page reads one page per collection it shows, however large the workspace: the
//! clients it names are read by key (`BatchGetItem`), and a client picker offers the
//! page's clients (or a page of the newest), never every client.

use std::collections::HashMap;

use super::acting::{authorize_admin, require_team_plan, require_verified_inviter};
use super::clients::{page_of_clients, ClientQuery};
use super::invitations::{page_of_people, ListQuery};
use super::links::{settings_view, InviteLinkView, INVITE_LINK};
use super::seats;
use super::views::{ClientPage, ConnectionView, InvitationPage};
use crate::auth::Caller;
use crate::domain::{
    Client, ClientId, EmailAddress, Member, PageSize, PersonStatus, Seats, UserId, Workspace,
    WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Cursor, Listing, Reads};

/// How many of the newest clients a picker offers when the page lists no clients.
const PICKER: i32 = 25;

/// The clients card: the page asked for, and the clients it names (the page's, the
/// clients of the people it lists with a page of the newest for the invite form, and
/// the one the request names).
pub struct ClientsCard {
    pub workspace: Workspace,
    pub clients: Vec<Client>,
    pub listing: ClientsListing,
    /// "4 of 5 seats used", counted from the workspace's people.
    pub seats: Seats,
    /// Why this caller cannot invite here (the plan, their unverified email), said up
    /// front: the same rules creating an invitation checks.
    pub inviting: Result<(), AppError>,
}

/// All clients with their people, or only the people of one status.
pub enum ClientsListing {
    Clients(ClientPage),
    People(InvitationPage),
}

pub async fn clients_card(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    status: Option<PersonStatus>,
    cursor: Option<String>,
    limit: PageSize,
    named: Option<&ClientId>,
) -> Result<ClientsCard, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::client_if_named(named)).await?;
    let workspace = admin.workspace.workspace;
    let inviting = require_team_plan(&workspace).and_then(|()| require_verified_inviter(caller));
    let listing = async {
        Ok::<_, AppError>(match status {
            None => {
                let (page, clients) =
                    page_of_clients(state, workspace_id, ClientQuery { limit, cursor }).await?;
                (ClientsListing::Clients(page), clients)
            }
            Some(status) => {
                let query = ListQuery {
                    status: Some(status),
                    limit,
                    cursor,
                };
                let ((page, mut theirs), newest) = tokio::try_join!(
                    page_of_people(state, workspace_id, query),
                    newest_clients(state, workspace_id),
                )?;
                theirs.extend(newest);
                (ClientsListing::People(page), theirs)
            }
        })
    };
    let ((listing, mut clients), seats) = tokio::try_join!(listing, seats::of(state, &workspace))?;
    clients.extend(admin.read.client.map(|record| record.client));
    Ok(ClientsCard {
        workspace,
        clients: deduplicated(clients),
        listing,
        seats,
        inviting,
    })
}

/// One page of the newest clients: what a picker offers when the page lists no clients.
async fn newest_clients(
    state: &AppState,
    workspace_id: &WorkspaceId,
) -> Result<Vec<Client>, AppError> {
    Ok(state
        .store
        .list_clients(workspace_id, PICKER, None)
        .await?
        .clients
        .into_iter()
        .map(|record| record.client)
        .collect())
}

fn deduplicated(mut clients: Vec<Client>) -> Vec<Client> {
    let mut seen = std::collections::HashSet::new();
    clients.retain(|client| seen.insert(client.client_id.clone()));
    clients
}

/// The invite link's settings, with the clients a link may be for (a page of the
/// newest, and the link's own).
pub struct InviteLinkCard {
    pub workspace: Workspace,
    pub link: InviteLinkView,
    pub clients: Vec<Client>,
}

pub async fn invite_link_card(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<InviteLinkCard, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, INVITE_LINK).await?;
    let (link, mut clients) = tokio::try_join!(
        settings_view(state, admin.read.invite_link),
        newest_clients(state, workspace_id),
    )?;
    let own = link
        .client_id
        .as_deref()
        .and_then(|id| id.parse::<ClientId>().ok())
        .filter(|id| !clients.iter().any(|client| client.client_id == *id));
    if let Some(id) = own {
        clients.extend(state.store.clients_named(workspace_id, &[id]).await?);
    }
    Ok(InviteLinkCard {
        workspace: admin.workspace.workspace,
        link,
        clients,
    })
}

/// Who a user id is, as the agency's pages name them.
pub struct Someone {
    pub email: EmailAddress,
    pub name: Option<String>,
}

/// One page of the workspace's connections (newest first), the clients they belong to
/// or are shown to, the people who connected them, and the clients the assign picker
/// offers (a page of the newest).
pub struct ConnectionsOverview {
    pub workspace: Workspace,
    pub clients: Vec<Client>,
    pub connections: Vec<ConnectionView>,
    pub people: HashMap<UserId, Someone>,
    pub next_cursor: Option<String>,
}

impl ConnectionsOverview {
    pub fn client(&self, id: &str) -> Option<&Client> {
        client_named(&self.clients, id)
    }
}

pub async fn connections_overview(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    cursor: Option<String>,
    limit: PageSize,
) -> Result<ConnectionsOverview, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let cursor = cursor
        .map(|raw| Cursor::parse(&raw, Listing::Connections, workspace_id))
        .transpose()?;
    let (page, newest) = tokio::try_join!(
        async {
            Ok::<_, AppError>(
                state
                    .store
                    .connections_page(workspace_id, limit.get(), cursor.as_ref())
                    .await?,
            )
        },
        newest_clients(state, workspace_id),
    )?;
    let stored = page.connections;
    let named: Vec<ClientId> = stored
        .iter()
        .flat_map(|stored| {
            let connection = &stored.connection;
            connection
                .owner
                .client_id()
                .cloned()
                .into_iter()
                .chain(connection.all_assignments().into_keys())
        })
        .collect();
    let by: Vec<UserId> = stored
        .iter()
        .map(|stored| stored.connection.connected_by.clone())
        .collect();
    let assigned: Vec<&crate::domain::Connection> =
        stored.iter().map(|stored| &stored.connection).collect();
    let (mut clients, members, stand_ins) = tokio::try_join!(
        state.store.clients_named(workspace_id, &named),
        state.store.members_named(workspace_id, &by),
        state.store.stand_ins(&assigned),
    )?;
    clients.extend(newest);
    let clients = deduplicated(clients);
    let now = state.clock.now();
    let connections: Vec<ConnectionView> = stored
        .into_iter()
        .map(|stored| {
            ConnectionView::of(stored.connection.clone(), now)
                .with_assignments(&stored.connection, &stand_ins)
        })
        .collect();
    let people = members
        .into_iter()
        .map(|member: Member| {
            (
                member.user_id,
                Someone {
                    email: member.email,
                    name: member.name.map(String::from),
                },
            )
        })
        .collect();
    Ok(ConnectionsOverview {
        workspace: admin.workspace.workspace,
        clients,
        connections,
        people,
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    })
}

/// The workspaces this person may manage on the agency's pages (an active owner or
/// admin), by name.
pub async fn managed_workspaces(
    state: &AppState,
    caller: &Caller,
) -> Result<Vec<Workspace>, AppError> {
    let managed: Vec<WorkspaceId> = state
        .store
        .memberships(&caller.user_id)
        .await?
        .into_iter()
        .filter(|member| member.is_active() && member.role.manages_invitations())
        .map(|member| member.workspace_id)
        .collect();
    let mut workspaces: Vec<Workspace> = state
        .store
        .workspaces(&managed)
        .await?
        .into_iter()
        .map(|record| record.workspace)
        .collect();
    workspaces.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    Ok(workspaces)
}

/// The active clients, by name: the ones an invitation, a link or an assignment may name.
pub fn active_clients(clients: &[Client]) -> Vec<&Client> {
    let mut active: Vec<&Client> = clients.iter().filter(|client| client.is_active()).collect();
    active.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    active
}

/// The client with this id (as views and parsed ids spell it), if the list has it.
pub fn client_named<'a>(clients: &'a [Client], id: &str) -> Option<&'a Client> {
    clients
        .iter()
        .find(|client| client.client_id.as_str() == id)
}
