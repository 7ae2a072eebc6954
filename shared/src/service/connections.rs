//! A workspace's connections as people see them: a page at a time, disconnecting one,
//! and releasing every connection of a client or workspace that goes away.

use aws_sdk_dynamodb::error::DisplayErrorContext;

use super::acting::Acting;
use super::tokens::{flow_for, open_tokens};
use super::views::{ConnectionList, ConnectionView, Disconnected};
use crate::domain::{
    Actor, Change, ClientId, Connection, ConnectionId, ConnectionOwner, PageSize, Platform, What,
    Who, WorkspaceId,
};
use crate::error::AppError;
use crate::oauth::PlatformTokens;
use crate::progress::{Progress, Silent};
use crate::state::AppState;
use crate::store::{Cursor, Guarded, Listing, SeenPage, StoredConnection};

/// Which page of connections to list.
#[derive(Debug, Clone)]
pub struct ConnectionQuery {
    pub limit: PageSize,
    pub cursor: Option<String>,
}

/// A page of the connections this actor sees, newest first, each with its health: a
/// client's person its client's own and those the agency assigned to it (from the
/// client's part of the by-client index); the agency every connection of the
/// workspace. One page, however large the workspace.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    workspace_id: &WorkspaceId,
    query: ConnectionQuery,
) -> Result<ConnectionList, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    let cursor = query
        .cursor
        .map(|raw| Cursor::parse(&raw, Listing::Connections, workspace_id))
        .transpose()?;
    let mut page = page_seen(state, &acting, workspace_id, query.limit, cursor.as_ref()).await?;
    let now = state.clock.now();
    // The agency sees every assignment of its accounts, and whether each client whose
    // credentials publish connected the account yet; a client only its own assignment.
    let stand_ins = match acting.client() {
        Some(_) => Default::default(),
        None => {
            let assigned: Vec<&Connection> = page
                .connections
                .iter()
                .map(|stored| &stored.connection)
                .collect();
            state.store.stand_ins(&assigned).await?
        }
    };
    Ok(ConnectionList {
        items: page
            .connections
            .into_iter()
            .map(|stored| {
                let id = &stored.connection.connection_id;
                match page.assigned.remove(id) {
                    Some(assigned) => ConnectionView::of(stored.connection, now).seen_as(&assigned),
                    None if acting.client().is_some() => ConnectionView::of(stored.connection, now),
                    None => ConnectionView::of(stored.connection.clone(), now)
                        .with_assignments(&stored.connection, &stand_ins),
                }
            })
            .collect(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    })
}

/// One page of what `acting` sees.
async fn page_seen(
    state: &AppState,
    acting: &Acting,
    workspace_id: &WorkspaceId,
    limit: PageSize,
    cursor: Option<&Cursor>,
) -> Result<SeenPage, AppError> {
    Ok(match acting.client() {
        Some(client) => {
            state
                .store
                .page_seen_by(workspace_id, &client.client_id, limit.get(), cursor)
                .await?
        }
        None => {
            state
                .store
                .connections_page(workspace_id, limit.get(), cursor)
                .await?
        }
    })
}

/// Disconnects one connection; `second_factor_at` as for `connect::start`.
pub async fn disconnect(
    state: &AppState,
    actor: &Actor,
    second_factor_at: Option<time::OffsetDateTime>,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<Disconnected, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    acting.require_second_factor(second_factor_at)?;
    let stored = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        // A client asking for another client's connection learns nothing about it.
        .filter(|stored| acting.sees(&stored.connection))
        .ok_or(AppError::ConnectionNotFound)?;
    acting.may_disconnect(&stored.connection)?;
    release(state, stored, acting.who()).await
}

/// What the client's connect page shows: who acts, the platforms they may connect,
/// and the connections they see (each knows its health; assigned ones are view only).
pub struct ConnectPageView {
    pub acting: Acting,
    pub platforms: Vec<Platform>,
    pub connections: Vec<Connection>,
    /// The agency's accounts assigned to the client, each with its settings.
    pub assigned: Vec<(Connection, crate::store::SeenAssignment)>,
}

pub async fn connect_page_view(
    state: &AppState,
    actor: &Actor,
    workspace_id: &WorkspaceId,
) -> Result<ConnectPageView, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    let Some(client) = acting.client() else {
        return Err(AppError::NotWorkspaceMember);
    };
    let accounts = state
        .store
        .accounts_seen_by(workspace_id, &client.client_id)
        .await?;
    let assigned = accounts
        .iter()
        .filter_map(|account| {
            let assigned = account.assigned.clone()?;
            Some((account.stored.connection.clone(), assigned))
        })
        .collect();
    let connections = accounts
        .into_iter()
        .map(|account| account.stored.connection)
        .collect();
    Ok(ConnectPageView {
        platforms: acting.connectable(),
        acting,
        connections,
        assigned,
    })
}

/// Platform revocations run at once per client deletion: enough to finish a client's
/// dozen accounts in a few round trips, few enough to stay polite to each platform.
const REVOKES_AT_ONCE: usize = 4;

/// Disconnects every connection of one client (when the agency deletes it and chose
/// to disconnect), several at once. One that fails is reported and the others go on;
/// one someone else removed meanwhile is simply not reported.
pub async fn disconnect_client(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    by: &Who,
) -> Result<Vec<Disconnected>, AppError> {
    let theirs = connections_of(state, workspace_id, client_id).await?;
    let (released, _) = release_all(state, theirs, by, &Silent).await;
    tracing::info!(
        client_id = client_id.as_str(),
        count = released.len(),
        "client's connections disconnected"
    );
    Ok(released)
}

/// Disconnects these connections (a client's, on platforms its rights no longer allow).
pub(crate) async fn disconnect_these(
    state: &AppState,
    connections: Vec<StoredConnection>,
    by: &Who,
) -> Vec<Disconnected> {
    release_all(state, connections, by, &Silent).await.0
}

/// Disconnects these connections of a workspace that is being deleted, each reported
/// to `progress`; asked to stop, it starts no other (a later run finds those left).
/// What it did, and whether it stopped before the last.
pub(crate) async fn disconnect_workspace(
    state: &AppState,
    connections: Vec<StoredConnection>,
    by: &Who,
    progress: &dyn Progress,
) -> (Vec<Disconnected>, bool) {
    release_all(state, connections, by, progress).await
}

/// Releases `connections`, a few at a time; accounts chosen together share a grant:
/// those go one after another, so the last of them sees no sibling left and revokes
/// the grant. Each release is reported to `progress`; asked to stop, no other starts
/// (the second of the answer says whether any was left so).
async fn release_all(
    state: &AppState,
    connections: Vec<StoredConnection>,
    by: &Who,
    progress: &dyn Progress,
) -> (Vec<Disconnected>, bool) {
    use futures::stream::{self, StreamExt};
    let mut groups: std::collections::BTreeMap<String, Vec<StoredConnection>> = Default::default();
    for stored in connections {
        let connection = &stored.connection;
        let group = connection
            .shared_grant
            .as_ref()
            .map_or_else(|| connection.connection_id.to_string(), ToString::to_string);
        groups.entry(group).or_default().push(stored);
    }
    let outcomes: Vec<(Vec<Disconnected>, bool)> = stream::iter(groups.into_values())
        .map(|group| async move {
            let mut done = Vec::new();
            for stored in group {
                if progress.stop_asked() {
                    return (done, true);
                }
                done.extend(release_reporting(state, stored, by.clone()).await);
                progress.advance(1);
            }
            (done, false)
        })
        .buffer_unordered(REVOKES_AT_ONCE)
        .collect()
        .await;
    let stopped = outcomes.iter().any(|(_, stopped)| *stopped);
    (
        outcomes.into_iter().flat_map(|(done, _)| done).collect(),
        stopped,
    )
}

/// Releases one connection of a deleted client: what happened to it, or nothing when
/// someone else removed it meanwhile. A failure is logged and reported, not returned,
/// so the client's other connections still go.
async fn release_reporting(
    state: &AppState,
    stored: StoredConnection,
    by: Who,
) -> Option<Disconnected> {
    let (id, platform) = (
        stored.connection.connection_id.clone(),
        stored.connection.platform,
    );
    match release(state, stored, by).await {
        Ok(done) => Some(done),
        Err(AppError::ConnectionNotFound) => None,
        Err(error) => {
            tracing::error!(
                connection_id = id.as_str(),
                cause = %DisplayErrorContext(&error),
                "a client's connection could not be removed"
            );
            Some(Disconnected {
                id: id.to_string(),
                platform,
                revoked_at_platform: false,
                failed: Some("it could not be removed just now"),
            })
        }
    }
}

/// Stops showing the agency's connections to a client (deleted), `by` an admin.
pub async fn unassign_all(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    by: &crate::domain::UserId,
) -> Result<(), AppError> {
    super::assignments::unassign_client(state, workspace_id, client_id, by).await
}

/// Revokes at the platform where it can (best effort), then deletes the ciphertext.
async fn release(
    state: &AppState,
    stored: StoredConnection,
    by: Who,
) -> Result<Disconnected, AppError> {
    let connection = &stored.connection;
    let revoked_at_platform = match revoke_at_platform(state, &stored).await {
        Ok(revoked) => revoked,
        Err(error) => {
            tracing::warn!(cause = %DisplayErrorContext(&error), platform = connection.platform.as_str(), "revocation at the platform failed");
            false
        }
    };
    let disconnected = Change::new(
        &connection.workspace_id,
        state.clock.now(),
        by,
        What::ConnectionDisconnected {
            connection_id: connection.connection_id.clone(),
            platform: connection.platform,
            client_id: connection.owner.client_id().cloned(),
        },
    );
    if state
        .store
        .delete_connection(connection, &[disconnected])
        .await?
        == Guarded::Refused
    {
        return Err(AppError::ConnectionNotFound);
    }
    tracing::info!(
        connection_id = connection.connection_id.as_str(),
        revoked_at_platform,
        "connection removed"
    );
    Ok(Disconnected {
        id: connection.connection_id.to_string(),
        platform: connection.platform,
        revoked_at_platform,
        failed: None,
    })
}

async fn revoke_at_platform(state: &AppState, stored: &StoredConnection) -> Result<bool, AppError> {
    let connection = &stored.connection;
    let flow = flow_for(state, connection.platform).await?;
    if flow.spec.endpoints.revoke.is_none() {
        return Ok(false);
    }
    let key = state.secrets.sealing_key().await?;
    let tokens = open_tokens(key, stored)?;
    // Revoking the refresh token ends the whole grant where the platform has one.
    let token = grant_token(&tokens);
    if shares_grant(state, stored).await? {
        tracing::info!(
            connection_id = connection.connection_id.as_str(),
            "grant kept at the platform: other connections of the same consent use it"
        );
        return Ok(false);
    }
    flow.revoke(token).await.map_err(AppError::internal)
}

/// The token that stands for the whole grant: the refresh token where there is one.
fn grant_token(tokens: &PlatformTokens) -> &str {
    tokens
        .refresh_token
        .as_deref()
        .unwrap_or(&tokens.access_token)
}

/// Whether another connection of the workspace lives on the same grant (the YouTube
/// channels or LinkedIn profile and Pages chosen together): revoking it would end them
/// too. Only such connections cost the extra read: one small query of the grant's
/// markers (a connection from before the markers, which has none, is looked up the slow
/// way until `infra/migrate` wrote them).
async fn shares_grant(state: &AppState, stored: &StoredConnection) -> Result<bool, AppError> {
    let connection = &stored.connection;
    let Some(grant) = &connection.shared_grant else {
        return Ok(false);
    };
    if let Some(shared) = state.store.grant_siblings(connection).await? {
        return Ok(shared);
    }
    Ok(state
        .store
        .connections(&connection.workspace_id)
        .await?
        .iter()
        .any(|other| {
            other.connection.shared_grant.as_ref() == Some(grant)
                && other.connection.connection_id != connection.connection_id
        }))
}

// ----- rules shared by the use cases -----

/// The connections one client owns (not those assigned to it), from its part of the
/// by-client index.
pub(crate) async fn connections_of(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
) -> Result<Vec<StoredConnection>, AppError> {
    let owner = ConnectionOwner::Client(client_id.clone());
    Ok(state
        .store
        .connections_seen_by(workspace_id, client_id)
        .await?
        .into_iter()
        .filter(|stored| stored.connection.owner == owner)
        .collect())
}
