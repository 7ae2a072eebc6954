//! What the agency's pages show, each read under one owner-or-admin check: the clients
//! card (clients with their people, or the people of one status), the invite link's
//! settings, the workspace's connections with the client and person behind each, and
//! the workspaces a person manages. Every change the pages make goes through the other
//! use cases; this module only reads.

use std::collections::HashMap;

use super::acting::authorize_admin;
use super::clients::{page_of_clients, ClientQuery};
use super::invitations::{page_of_people, ListQuery};
use super::links::{settings_view, InviteLinkView, INVITE_LINK};
use super::views::{ClientPage, ConnectionView, InvitationPage};
use crate::auth::Caller;
use crate::domain::{
    Client, EmailAddress, Member, PageSize, PersonStatus, UserId, Workspace, WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::Reads;

/// The clients card: every client (for the invite form's choice and for names), and
/// the page asked for.
pub struct ClientsCard {
    pub workspace: Workspace,
    pub clients: Vec<Client>,
    pub listing: ClientsListing,
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
) -> Result<ClientsCard, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let clients = state.store.all_clients(workspace_id).await?;
    let listing = match status {
        None => ClientsListing::Clients(
            page_of_clients(state, workspace_id, ClientQuery { limit, cursor }).await?,
        ),
        Some(status) => ClientsListing::People(
            page_of_people(
                state,
                workspace_id,
                ListQuery {
                    status: Some(status),
                    limit,
                    cursor,
                },
                &clients,
            )
            .await?,
        ),
    };
    Ok(ClientsCard {
        workspace: admin.workspace.workspace,
        clients,
        listing,
    })
}

/// The invite link's settings, with the clients a link may be for.
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
    let (link, clients) = tokio::try_join!(settings_view(state, admin.read.invite_link), async {
        Ok(state.store.all_clients(workspace_id).await?)
    },)?;
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

/// Every connection of the workspace (newest first), the clients they belong to and
/// the people who connected them.
pub struct ConnectionsOverview {
    pub workspace: Workspace,
    pub clients: Vec<Client>,
    pub connections: Vec<ConnectionView>,
    pub people: HashMap<UserId, Someone>,
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
) -> Result<ConnectionsOverview, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let (clients, stored, members) = tokio::try_join!(
        state.store.all_clients(workspace_id),
        state.store.connections(workspace_id),
        state.store.members(workspace_id),
    )?;
    let now = state.clock.now();
    let mut connections: Vec<ConnectionView> = stored
        .into_iter()
        .map(|stored| ConnectionView::of(stored.connection, now))
        .collect();
    connections.sort_by_key(|view| std::cmp::Reverse(view.connected_at));
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
