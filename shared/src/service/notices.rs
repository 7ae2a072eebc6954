//! Telling people a connection needs them: the notices of a deadline and of a needed
//! reconnect (each sent once per connection), and the agency's "send it again".
//!
//! A notice is claimed by the write that records the state it is about (a connection
//! found broken, a deadline near), on the condition that the connection is still the
//! version it was decided on and the notice was not claimed before: only then is it
//! sent. A reconnect in between bumps the version, so a reconnected connection gets no
//! "Action needed", and the due time written with the claim is computed from the state
//! written, so no race takes a connection out of the due index.

use aws_sdk_dynamodb::error::DisplayErrorContext;
use serde::Serialize;
use time::Duration;

use super::health::write_upkeep;
use crate::auth::Caller;
use crate::domain::{
    Connection, ConnectionId, ConnectionOwner, HealthStatus, Notice, Role, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::ReconnectEmail;
use crate::state::AppState;
use crate::store::StoredConnection;

/// How soon a notice SES refused for everyone is tried again.
const RETRY_REFUSED: Duration = Duration::minutes(15);

/// What came of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noticed {
    Sent,
    /// Nobody can be emailed (the client has no active person): recorded as told, so it
    /// is not tried again every run; the agency sees the health on its pages.
    NobodyToTell,
    /// SES took none of the emails: given back, tried again later.
    NotSent,
    /// Someone else claimed it, or the connection changed meanwhile.
    NotClaimed,
}

/// Writes `after` (the connection's new upkeep state) and claims `notice` in the same
/// conditional write, then sends the notice. `holder`: the renewal lease it gives back.
pub(crate) async fn record_and_notify(
    state: &AppState,
    stored: &StoredConnection,
    after: Connection,
    holder: Option<&str>,
    notice: Notice,
) -> Result<Noticed, AppError> {
    if stored.connection.notices.contains_key(&notice) {
        // Told already: the state is still recorded, the notice not sent again.
        write_upkeep(state, stored, after, holder, None).await?;
        return Ok(Noticed::NotClaimed);
    }
    match write_upkeep(state, stored, after, holder, Some(notice)).await? {
        Some(claimed) => send_claimed(state, &claimed, notice).await,
        None => Ok(Noticed::NotClaimed),
    }
}

/// Sends a notice this caller claimed; gives it back when SES took none of its emails.
async fn send_claimed(
    state: &AppState,
    claimed: &StoredConnection,
    notice: Notice,
) -> Result<Noticed, AppError> {
    let connection = &claimed.connection;
    let sent = send_reconnect_emails(state, connection, notice).await;
    match sent {
        Ok(Delivered { sent, .. }) if sent > 0 => {
            tracing::info!(
                connection_id = connection.connection_id.as_str(),
                notice = notice.slug(),
                recipients = sent,
                "reconnect notice sent"
            );
            Ok(Noticed::Sent)
        }
        Ok(Delivered { people: 0, .. }) => {
            tracing::warn!(
                connection_id = connection.connection_id.as_str(),
                notice = notice.slug(),
                "nobody can be told of this connection: the notice is recorded as told"
            );
            Ok(Noticed::NobodyToTell)
        }
        outcome => {
            if let Err(error) = &outcome {
                tracing::warn!(cause = %DisplayErrorContext(error), notice = notice.slug(), "reconnect notice not sent; it will be tried again");
            }
            let now = state.clock.now();
            let mut without = connection.clone();
            without.notices.remove(&notice);
            let retry = now + RETRY_REFUSED;
            let due = Some(without.next_upkeep(now).map_or(retry, |at| at.max(retry)));
            state.store.release_notice(claimed, notice, due).await?;
            Ok(Noticed::NotSent)
        }
    }
}

/// How many people could be emailed, and how many SES took.
struct Delivered {
    people: usize,
    sent: usize,
}

/// Emails every person who can reconnect the connection.
async fn send_reconnect_emails(
    state: &AppState,
    connection: &Connection,
    notice: Notice,
) -> Result<Delivered, AppError> {
    let workspace = state
        .store
        .workspace(&connection.workspace_id)
        .await?
        .ok_or(AppError::WorkspaceNotFound)?
        .workspace;
    let people = match &connection.owner {
        ConnectionOwner::Client(client_id) => {
            state
                .store
                .members_of_client(&connection.workspace_id, client_id)
                .await?
        }
        // The agency's own account: whoever connected it, if they still manage it.
        ConnectionOwner::Agency => state
            .store
            .member(&connection.workspace_id, &connection.connected_by)
            .await?
            .filter(|member| member.is_active() && matches!(member.role, Role::Owner | Role::Admin))
            .into_iter()
            .collect(),
    };
    let page = match connection.owner {
        ConnectionOwner::Client(_) => "/connect",
        ConnectionOwner::Agency => "/workspace/connections",
    };
    let mut link = state.config.page_url(page);
    link.query_pairs_mut()
        .append_pair("workspace", connection.workspace_id.as_str())
        .append_pair("reconnect", connection.connection_id.as_str());
    let mut sent = 0;
    for person in &people {
        let email = ReconnectEmail {
            to: &person.email,
            workspace_name: workspace.name.as_str(),
            platform: connection.platform,
            account: &connection.display_name,
            link: link.as_str(),
            notice,
            deadline: connection.life.deadline(),
        };
        match state.mailer.send_reconnect(&email).await {
            Ok(_) => sent += 1,
            Err(failure) => {
                tracing::warn!(reason = failure.reason, cause = %failure.detail, "a reconnect email was not accepted by SES")
            }
        }
    }
    Ok(Delivered {
        people: people.len(),
        sent,
    })
}

/// What the agency was told: how many people were emailed.
#[derive(Debug, Serialize)]
pub struct ReconnectRequested {
    pub connection_id: String,
    pub sent_to: usize,
}

/// The agency asks the client (again) to reconnect a connection that is expiring or
/// needs reconnecting.
pub async fn request_reconnect(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<ReconnectRequested, AppError> {
    super::acting::authorize_admin(state, caller, workspace_id, crate::store::Reads::default())
        .await?;
    let connection = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .ok_or(AppError::ConnectionNotFound)?
        .connection;
    let health = connection.health(state.clock.now());
    let notice = match health.status {
        HealthStatus::Healthy => return Err(AppError::ConnectionHealthy),
        HealthStatus::Expiring => Notice::Expiring,
        HealthStatus::NeedsReconnect => Notice::NeedsReconnect,
    };
    let Delivered { sent, .. } = send_reconnect_emails(state, &connection, notice).await?;
    if sent == 0 {
        return Err(AppError::NobodyToNotify);
    }
    tracing::info!(
        connection_id = connection_id.as_str(),
        sent_to = sent,
        "reconnect email resent by the agency"
    );
    Ok(ReconnectRequested {
        connection_id: connection_id.to_string(),
        sent_to: sent,
    })
}
