//! The agency's own accounts assigned to clients (Publer's assigned accounts): one
//! account to several clients, each assignment with its own settings (does the client
//! approve the posts, whose credentials publish). An owner or admin assigns, changes
//! and takes away; the client's people are told by email either way, and see it on
//! their connect page. With the client's credentials, the assignment waits until the
//! client connects the same platform account itself; the token service then serves
//! that connection for the client (`?for_client=`).
//!
//! Every write is one transaction over the connection's assignments (guarded by the
//! version read) and the assignment items of the clients concerned, recording the
//! change; the emails go after it, each counted in the workspace's daily email quota
//! (past it, the assignment stands and the email is not sent: the connect page still
//! shows it).

use std::collections::BTreeMap;

use serde::Serialize;
use time::OffsetDateTime;

use super::acting::authorize_admin;
use super::views::{AssignmentView, ConnectionView};
use crate::auth::Caller;
use crate::domain::Brand;
use crate::domain::{
    Assigned, Assignment, AssignmentSettings, Change, ClientId, Connection, ConnectionId,
    ConnectionOwner, Credentials, UserId, What, Who, WorkspaceId, MAX_ASSIGNMENTS,
};
use crate::error::AppError;
use crate::mail::AssignmentEmail;
use crate::state::AppState;
use crate::store::{AssignmentChange, AssignmentsWritten, Reads, StoredConnection};

/// An assignment made, changed or taken away, and how many of the client's people
/// were emailed about it.
#[derive(Debug, Serialize)]
pub struct AssignmentDone {
    #[serde(flatten)]
    pub assignment: AssignmentView,
    pub notified: usize,
}

/// An assignment taken away.
#[derive(Debug, Serialize)]
pub struct Unassigned {
    pub connection_id: String,
    pub client_id: String,
    pub notified: usize,
}

/// `PUT …/connections/{connection_id}/assignments/{client_id}`: assigns one of the
/// agency's own accounts to a client with these settings, or changes the settings of
/// its assignment. The same settings again change nothing and tell nobody.
pub async fn put(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    client_id: &ClientId,
    settings: AssignmentSettings,
) -> Result<AssignmentDone, AppError> {
    let mut admin = authorize_admin(state, caller, workspace_id, Reads::client(client_id)).await?;
    let client = admin.active_client()?.client;
    let brand = admin.workspace.workspace.brand();
    let connection = agency_connection(state, workspace_id, connection_id).await?;
    // With its own credentials, a client that may not connect the platform would wait
    // for ever.
    if !settings.possible_for(&client.rights(None), connection.platform) {
        return Err(AppError::ClientCannotConnect(
            connection.platform.display_name(),
        ));
    }
    let now = state.clock.now();
    let mut after = connection.all_assignments();
    let before = after.get(client_id).cloned();
    if before.is_none() && after.len() >= MAX_ASSIGNMENTS {
        return Err(AppError::TooManyAssignments(MAX_ASSIGNMENTS));
    }
    let assigned = Assigned {
        settings,
        assigned_at: before.as_ref().map_or(now, |before| before.assigned_at),
    };
    after.insert(client_id.clone(), assigned.clone());
    let mut notified = 0;
    if before.as_ref().map(|before| before.settings) != Some(settings) {
        let change = assigned_change(workspace_id, now, caller, &connection, client_id, settings);
        write(state, &connection, &after, &caller.user_id, &[change]).await?;
        tracing::info!(
            connection_id = connection_id.as_str(),
            client_id = client_id.as_str(),
            credentials = settings.credentials.as_str(),
            "account assigned"
        );
        // The client hears of a new assignment, and of being asked to connect the account.
        let asked_to_connect = settings.credentials == Credentials::Client
            && before.as_ref().map(|before| before.settings.credentials)
                != Some(Credentials::Client);
        if before.is_none() || asked_to_connect {
            notified = tell(state, &connection, &brand, client_id, Some(settings)).await?;
        }
    }
    let theirs = client_connection(state, &connection, client_id, settings).await?;
    Ok(AssignmentDone {
        assignment: AssignmentView::of(connection_id, client_id, &assigned, theirs.as_ref()),
        notified,
    })
}

/// `DELETE …/connections/{connection_id}/assignments/{client_id}`: takes one of the
/// agency's accounts away from a client; its other assignments stay.
pub async fn remove(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    client_id: &ClientId,
) -> Result<Unassigned, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let brand = admin.workspace.workspace.brand();
    let connection = agency_connection(state, workspace_id, connection_id).await?;
    let mut after = connection.all_assignments();
    if after.remove(client_id).is_none() {
        return Err(AppError::AssignmentNotFound);
    }
    let change = unassigned_change(
        workspace_id,
        state.clock.now(),
        Who::person(&caller.user_id),
        &connection,
        client_id,
    );
    write(state, &connection, &after, &caller.user_id, &[change]).await?;
    tracing::info!(
        connection_id = connection_id.as_str(),
        client_id = client_id.as_str(),
        "account taken away from a client"
    );
    let notified = tell(state, &connection, &brand, client_id, None).await?;
    Ok(Unassigned {
        connection_id: connection_id.to_string(),
        client_id: client_id.to_string(),
        notified,
    })
}

/// `POST …/connections/{connection_id}/assign` `{client_id}` (the route of before
/// several clients could be assigned): makes `client_id` the account's only client
/// (keeping its settings if it had it already, the defaults otherwise), or, with none,
/// takes the account away from every client.
pub async fn assign_only(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    client_id: Option<&ClientId>,
) -> Result<ConnectionView, AppError> {
    let mut admin = authorize_admin(
        state,
        caller,
        workspace_id,
        Reads::client_if_named(client_id),
    )
    .await?;
    if client_id.is_some() {
        admin.active_client()?;
    }
    let brand = admin.workspace.workspace.brand();
    let connection = agency_connection(state, workspace_id, connection_id).await?;
    let now = state.clock.now();
    let before = connection.all_assignments();
    let after: BTreeMap<ClientId, Assigned> = client_id
        .map(|client| {
            let kept = before.get(client).cloned().unwrap_or(Assigned {
                settings: AssignmentSettings::default(),
                assigned_at: now,
            });
            (client.clone(), kept)
        })
        .into_iter()
        .collect();
    let mut connection = connection;
    // Assigning it where it already is changes nothing, and records nothing.
    if after.keys().ne(before.keys()) {
        let change = Change::new(
            workspace_id,
            now,
            Who::person(&caller.user_id),
            What::ConnectionAssigned {
                connection_id: connection_id.clone(),
                platform: connection.platform,
                assigned_to: client_id.cloned(),
                client_approves_posts: client_id
                    .and_then(|client| after.get(client))
                    .map(|assigned| assigned.settings.client_approves_posts),
                credentials: client_id
                    .and_then(|client| after.get(client))
                    .map(|assigned| assigned.settings.credentials),
            },
        );
        write(state, &connection, &after, &caller.user_id, &[change]).await?;
        tracing::info!(
            connection_id = connection_id.as_str(),
            client_id = client_id.map(ClientId::as_str),
            "connection assigned"
        );
        for client in before.keys().filter(|client| !after.contains_key(*client)) {
            tell(state, &connection, &brand, client, None).await?;
        }
        for (client, assigned) in &after {
            if !before.contains_key(client) {
                tell(state, &connection, &brand, client, Some(assigned.settings)).await?;
            }
        }
        connection.assigned_to = None;
        connection.assignments = after;
    }
    let stand_ins = state.store.stand_ins(&[&connection]).await?;
    Ok(ConnectionView::of(connection.clone(), now).with_assignments(&connection, &stand_ins))
}

/// Takes every account the agency assigned to a client away from it (the client was
/// deleted): no email, its people are gone.
pub(crate) async fn unassign_client(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    by: &UserId,
) -> Result<(), AppError> {
    for assignment in state
        .store
        .assignments_of_client(workspace_id, client_id)
        .await?
    {
        // Another admin changing the same account's assignments at that moment: read
        // it again (a few times at most) and take this client away from what it is now.
        for _ in 0..3 {
            let Some(stored) = state
                .store
                .connection(workspace_id, &assignment.connection_id)
                .await?
            else {
                break;
            };
            let connection = stored.connection;
            let mut after = connection.all_assignments();
            if after.remove(client_id).is_none() {
                break;
            }
            let change = unassigned_change(
                workspace_id,
                state.clock.now(),
                Who::person(by),
                &connection,
                client_id,
            );
            match write(state, &connection, &after, by, &[change]).await {
                Ok(()) => break,
                Err(AppError::ConcurrentChange) => continue,
                Err(error) => return Err(error),
            }
        }
    }
    Ok(())
}

/// The connection that publishes for `client` through the agency's `stored`, assigned
/// to it: the agency's own, or the client's own connection of the same account where
/// the assignment names the client's credentials (`409 assignment-waiting` until the
/// client connected it). Not assigned to that client: `404 assignment-not-found`.
pub(crate) async fn publishing_connection(
    state: &AppState,
    stored: StoredConnection,
    client: &ClientId,
) -> Result<StoredConnection, AppError> {
    let connection = &stored.connection;
    let assigned = (connection.owner == ConnectionOwner::Agency)
        .then(|| connection.all_assignments().remove(client))
        .flatten()
        .ok_or(AppError::AssignmentNotFound)?;
    match assigned.settings.credentials {
        Credentials::Agency => Ok(stored),
        Credentials::Client => state
            .store
            .stand_in(
                &connection.workspace_id,
                connection.platform,
                &connection.account_id,
                client,
            )
            .await?
            .ok_or(AppError::AssignmentWaiting),
    }
}

/// One of the agency's own connections, read.
async fn agency_connection(
    state: &AppState,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<Connection, AppError> {
    let stored = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .ok_or(AppError::ConnectionNotFound)?;
    if stored.connection.owner != ConnectionOwner::Agency {
        return Err(AppError::NotAnAgencyConnection);
    }
    Ok(stored.connection)
}

/// Writes `connection`'s assignments as `after`: the items of the clients whose
/// assignment is new or changed (and of one stored as `assigned_to` before, moved into
/// its own item), and the removal of those taken away.
async fn write(
    state: &AppState,
    connection: &Connection,
    after: &BTreeMap<ClientId, Assigned>,
    by: &UserId,
    changes: &[Change],
) -> Result<(), AppError> {
    let before = connection.all_assignments();
    let put: Vec<Assignment> = after
        .iter()
        .filter(|(client, assigned)| {
            before.get(*client) != Some(*assigned)
                || connection.assigned_to.as_ref() == Some(*client)
        })
        .map(|(client, assigned)| Assignment::of(connection, client, assigned, by))
        .collect();
    let newly_asked: Vec<ClientId> = after
        .iter()
        .filter(|(client, assigned)| {
            assigned.settings.credentials == Credentials::Client
                && before
                    .get(*client)
                    .map(|before| before.settings.credentials)
                    != Some(Credentials::Client)
        })
        .map(|(client, _)| client.clone())
        .collect();
    let removed: Vec<ClientId> = before
        .keys()
        .filter(|client| !after.contains_key(*client))
        .cloned()
        .collect();
    let written = state
        .store
        .write_assignments(AssignmentChange {
            connection,
            after,
            put: &put,
            removed: &removed,
            changes,
            // What newly asks the client to connect the account reminds it a few days
            // later, unless it has by then.
            remind_at: Some(state.clock.now() + crate::domain::ASSIGNMENT_REMINDER),
            remind: &newly_asked,
        })
        .await?;
    match written {
        AssignmentsWritten::Done => Ok(()),
        AssignmentsWritten::Changed => Err(AppError::ConcurrentChange),
        AssignmentsWritten::ClientGone => Err(AppError::ClientRemoved),
    }
}

fn assigned_change(
    workspace_id: &WorkspaceId,
    now: OffsetDateTime,
    caller: &Caller,
    connection: &Connection,
    client_id: &ClientId,
    settings: AssignmentSettings,
) -> Change {
    Change::new(
        workspace_id,
        now,
        Who::person(&caller.user_id),
        What::ConnectionAssigned {
            connection_id: connection.connection_id.clone(),
            platform: connection.platform,
            assigned_to: Some(client_id.clone()),
            client_approves_posts: Some(settings.client_approves_posts),
            credentials: Some(settings.credentials),
        },
    )
}

fn unassigned_change(
    workspace_id: &WorkspaceId,
    now: OffsetDateTime,
    by: Who,
    connection: &Connection,
    client_id: &ClientId,
) -> Change {
    Change::new(
        workspace_id,
        now,
        by,
        What::ConnectionUnassigned {
            connection_id: connection.connection_id.clone(),
            platform: connection.platform,
            client_id: client_id.clone(),
        },
    )
}

/// The client's own connection of the account, when its credentials publish and it
/// connected it.
async fn client_connection(
    state: &AppState,
    connection: &Connection,
    client_id: &ClientId,
    settings: AssignmentSettings,
) -> Result<Option<ConnectionId>, AppError> {
    if settings.credentials != Credentials::Client {
        return Ok(None);
    }
    Ok(state
        .store
        .stand_in(
            &connection.workspace_id,
            connection.platform,
            &connection.account_id,
            client_id,
        )
        .await?
        .map(|stored| stored.connection.connection_id))
}

/// Emails the client's active people that the account was assigned to them (with
/// `settings`) or taken away (`None`): how many SES took. The emails count in the
/// workspace's daily quota; past it none is sent (the connect page still says it).
async fn tell(
    state: &AppState,
    connection: &Connection,
    brand: &Brand,
    client_id: &ClientId,
    settings: Option<AssignmentSettings>,
) -> Result<usize, AppError> {
    let people = state
        .store
        .members_of_client(&connection.workspace_id, client_id)
        .await?;
    if people.is_empty() {
        return Ok(0);
    }
    let now = state.clock.now();
    let emails = u32::try_from(people.len()).unwrap_or(u32::MAX);
    let quota = super::quota::quota(state, now);
    if !state
        .store
        .count_emails(&connection.workspace_id, quota, emails)
        .await?
    {
        tracing::warn!(
            client_id = client_id.as_str(),
            "assignment email not sent: the workspace's emails for today are used up"
        );
        return Ok(0);
    }
    let mut link = state.config.page_url("/connect");
    link.query_pairs_mut()
        .append_pair("workspace", connection.workspace_id.as_str());
    let mut sent = 0;
    for person in &people {
        let email = AssignmentEmail {
            to: &person.email,
            lang: person.language,
            brand,
            platform: connection.platform,
            account: &connection.display_name,
            assigned: settings,
            link: link.as_str(),
        };
        match state.mailer.send_assignment(&email).await {
            Ok(_) => sent += 1,
            Err(failure) => {
                tracing::warn!(reason = failure.reason, cause = %failure.detail, "an assignment email was not accepted by SES");
            }
        }
    }
    Ok(sent)
}
