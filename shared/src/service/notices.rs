//! Telling people a connection needs them: the notices of a deadline and of a needed
//! reconnect (each sent once per connection), and the agency's "send it again" (at most
//! one per connection per cooldown, counted in the workspace's daily email quota, and
//! recorded in the audit trail).
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
use crate::domain::Brand;
use crate::domain::{
    Change, Connection, ConnectionId, ConnectionOwner, HealthStatus, Member, Notice, Role, What,
    Who, Workspace, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::ReconnectEmail;
use crate::state::AppState;
use crate::store::{ReconnectClaimed, ReconnectTerms, StoredConnection};

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
    let recipients = recipients(state, connection, None).await?;
    let (sent, _) = send_to(state, connection, &recipients, notice).await;
    Ok(Delivered {
        people: recipients.people.len(),
        sent,
    })
}

/// Who can reconnect a connection, and the brand the email wears.
pub(super) struct Recipients {
    /// The workspace's brand, which the emails wear.
    pub(super) brand: Brand,
    pub(super) people: Vec<Member>,
}

/// `workspace`: the connection's, when the caller read it already.
pub(super) async fn recipients(
    state: &AppState,
    connection: &Connection,
    workspace: Option<Workspace>,
) -> Result<Recipients, AppError> {
    let workspace = match workspace {
        Some(workspace) => workspace,
        None => {
            state
                .store
                .workspace(&connection.workspace_id)
                .await?
                .ok_or(AppError::WorkspaceNotFound)?
                .workspace
        }
    };
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
    Ok(Recipients {
        brand: workspace.brand(),
        people,
    })
}

/// Emails each of `recipients`: how many emails SES took, and the reason of the last
/// it refused.
async fn send_to(
    state: &AppState,
    connection: &Connection,
    recipients: &Recipients,
    notice: Notice,
) -> (usize, Option<&'static str>) {
    let link = reconnect_link(state, connection);
    let mut sent = 0;
    let mut refused = None;
    for person in &recipients.people {
        let email = ReconnectEmail {
            to: &person.email,
            lang: person.language,
            brand: &recipients.brand,
            platform: connection.platform,
            account: &connection.display_name,
            link: link.as_str(),
            notice,
            deadline: connection.life.deadline(),
        };
        match state.mailer.send_reconnect(&email).await {
            Ok(_) => sent += 1,
            Err(failure) => {
                tracing::warn!(reason = failure.reason, cause = %failure.detail, "a reconnect email was not accepted by SES");
                refused = Some(failure.reason);
            }
        }
    }
    (sent, refused)
}

/// The page that reconnects `connection`, at its Reconnect button: the connect page
/// for a client's, the agency's connections page for the agency's own.
pub(super) fn reconnect_link(state: &AppState, connection: &Connection) -> url::Url {
    let page = match connection.owner {
        ConnectionOwner::Client(_) => "/connect",
        ConnectionOwner::Agency => "/workspace/connections",
    };
    let mut link = state.config.page_url(page);
    link.query_pairs_mut()
        .append_pair("workspace", connection.workspace_id.as_str())
        .append_pair("reconnect", connection.connection_id.as_str());
    link
}

/// What the agency was told: how many people were emailed.
#[derive(Debug, Serialize)]
pub struct ReconnectRequested {
    pub connection_id: String,
    pub sent_to: usize,
}

/// The agency asks the client (again) to reconnect a connection that is expiring or
/// needs reconnecting. Like an invitation's resend, it waits the cooldown after the
/// last one it sent for this connection, and each email counts in the workspace's daily
/// email quota; the request is recorded (`connection.reconnect_requested`) in the same
/// write that claims them.
pub async fn request_reconnect(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<ReconnectRequested, AppError> {
    let admin =
        super::acting::authorize_admin(state, caller, workspace_id, crate::store::Reads::default())
            .await?;
    let connection = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .ok_or(AppError::ConnectionNotFound)?
        .connection;
    let now = state.clock.now();
    let health = connection.health(now);
    let notice = match health.status {
        HealthStatus::Healthy => return Err(AppError::ConnectionHealthy),
        HealthStatus::Expiring => Notice::Expiring,
        HealthStatus::NeedsReconnect => Notice::NeedsReconnect,
    };
    let recipients = recipients(state, &connection, Some(admin.workspace.workspace)).await?;
    if recipients.people.is_empty() {
        return Err(AppError::NobodyToNotify);
    }
    let emails = u32::try_from(recipients.people.len()).unwrap_or(u32::MAX);
    let requested = Change::new(
        workspace_id,
        now,
        Who::person(&caller.user_id),
        What::ConnectionReconnectRequested {
            connection_id: connection_id.clone(),
            platform: connection.platform,
            client_id: connection.owner.client_id().cloned(),
            health: health.status,
            recipients: emails,
        },
    );
    let limits = state.config.limits;
    let terms = ReconnectTerms {
        emails,
        cooldown: limits.resend_cooldown,
        quota: super::quota::quota(state, now),
    };
    match state
        .store
        .claim_reconnect_email(&connection, terms, &[requested])
        .await?
    {
        ReconnectClaimed::Done => {}
        ReconnectClaimed::ConnectionGone => return Err(AppError::ConnectionNotFound),
        ReconnectClaimed::TooSoon(sent_at) => {
            // Unreadable, it waits a whole cooldown.
            let ready = sent_at.unwrap_or(now) + limits.resend_cooldown;
            return Err(AppError::ReconnectEmailTooSoon {
                retry_after: super::quota::retry_after(now, ready),
            });
        }
        ReconnectClaimed::QuotaReached => {
            return Err(AppError::EmailQuotaReached {
                per_day: limits.invitations_per_day,
                retry_after: super::quota::retry_after(now, super::quota::tomorrow(now)),
            })
        }
        ReconnectClaimed::Raced => return Err(AppError::ConcurrentChange),
    }
    let (sent, refused) = send_to(state, &connection, &recipients, notice).await;
    if sent == 0 {
        // SES took none: the agency may try again at once (the quota stays counted, as
        // for an invitation SES refused).
        state
            .store
            .release_reconnect_email(&connection, now)
            .await?;
        return Err(AppError::ReconnectEmailNotSent {
            reason: refused
                .unwrap_or("the email service is unavailable")
                .to_owned(),
        });
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
