//! The upkeep worker: what the queue hands it, a batch at a time, it does, each task on
//! its own, within its deadline.
//!
//! For a connection it reads the item and does only what is still due at that moment
//! (`Connection::upkeep`): a keep-alive (a refresh where the access token ran out, a
//! profile call otherwise), Instagram's renewal before it lapses, a deadline passed, a
//! notice. A task for a connection already renewed, reconnected or deleted, or a
//! message delivered twice, finds nothing due and changes nothing. Every write is
//! conditioned on the version it was decided on and carries the due time computed from
//! what it writes.
//!
//! Health follows what the platform says: a refused grant (`invalid_grant`, a 401)
//! needs a reconnect; a failure of the platform (5xx, a timeout) is retried with
//! backoff and changes nothing the people see.

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_dynamodb::error::DisplayErrorContext;
use futures::StreamExt;
use serde::Serialize;

use super::health::record_upkeep;
use super::notices::{record_and_notify, Noticed};
use super::renewal::{renewed, For, Unrenewed};
use super::tokens::{flow_for, open_tokens};
use crate::deadline::Deadline;
use crate::domain::{
    Broken, Change, ConnectionId, HealthReason, InvitationId, Notice, Renewal, Task, Upkeep, What,
    Who, WorkspaceId,
};
use crate::error::AppError;
use crate::net::CALL_TIMEOUT;
use crate::oauth::Refusal;
use crate::state::AppState;
use crate::store::{Guarded, StoredConnection};

/// Tasks one invocation works on at once: a batch of the queue (at most ten).
const AT_ONCE: usize = 10;
/// The most one task may take: a platform call and its save, or a notice's emails.
pub const TASK_BUDGET: Duration = Duration::from_secs(25);
/// Kept back from the invocation's deadline for answering the event source mapping.
const FINISH_RESERVE: Duration = Duration::from_secs(2);

/// One message of the batch: its id (to report a failure by) and its task, if its body
/// was one.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    pub task: Option<Task>,
}

/// What one invocation did.
#[derive(Debug, Default, Serialize)]
pub struct WorkReport {
    pub renewed: usize,
    pub checked: usize,
    pub needs_reconnect: usize,
    pub retry_later: usize,
    pub notices_sent: usize,
    pub unchanged: usize,
    pub invitations_expired: usize,
    pub reminders_sent: usize,
    pub failed: usize,
    /// Not started: too close to the invocation's deadline (back to the queue).
    pub left_for_later: usize,
    /// Message bodies that were no task (failed: they end in the dead-letter queue).
    pub unreadable: usize,
}

/// The ids of the messages to hand back to the queue, and what was done.
#[derive(Debug, Default)]
pub struct Worked {
    pub report: WorkReport,
    pub failed: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Renewed,
    Checked,
    NeedsReconnect,
    RetryLater,
    Notified,
    Unchanged,
    InvitationExpired,
    Reminded,
    Failed,
    LeftForLater,
    Unreadable,
}

/// Does the tasks of one batch, several at once; each succeeds or fails on its own.
/// A task is started only while the invocation's `deadline` leaves it its budget.
pub async fn work(state: Arc<AppState>, messages: Vec<Message>, deadline: Deadline) -> Worked {
    let outcomes: Vec<(String, Done)> = futures::stream::iter(messages)
        .map(|message| {
            let state = Arc::clone(&state);
            async move {
                let done = match &message.task {
                    None => {
                        tracing::error!(
                            message_id = message.id,
                            "an upkeep message is no task; dropped"
                        );
                        Done::Unreadable
                    }
                    Some(_) if !deadline.allows(TASK_BUDGET + FINISH_RESERVE) => Done::LeftForLater,
                    Some(task) => {
                        let own = Deadline::after(TASK_BUDGET).min(deadline.less(FINISH_RESERVE));
                        do_task(&state, task, own).await
                    }
                };
                (message.id, done)
            }
        })
        .buffer_unordered(AT_ONCE)
        .collect()
        .await;
    let mut worked = Worked::default();
    for (id, done) in outcomes {
        let report = &mut worked.report;
        match done {
            Done::Renewed => report.renewed += 1,
            Done::Checked => report.checked += 1,
            Done::NeedsReconnect => report.needs_reconnect += 1,
            Done::RetryLater => report.retry_later += 1,
            Done::Notified => report.notices_sent += 1,
            Done::Unchanged => report.unchanged += 1,
            Done::InvitationExpired => report.invitations_expired += 1,
            Done::Reminded => report.reminders_sent += 1,
            Done::Unreadable => {
                report.unreadable += 1;
                worked.failed.push(id);
            }
            Done::Failed => {
                report.failed += 1;
                worked.failed.push(id);
            }
            Done::LeftForLater => {
                report.left_for_later += 1;
                worked.failed.push(id);
            }
        }
    }
    count(&worked.report);
    worked
}

/// The operator's figures (CloudWatch Embedded Metric Format).
fn count(report: &WorkReport) {
    for (outcome, count) in [
        ("renewed", report.renewed),
        ("checked", report.checked),
        ("needs_reconnect", report.needs_reconnect),
        ("retry_later", report.retry_later),
        ("failed", report.failed),
    ] {
        if count > 0 {
            crate::metrics::count("Refreshes", count as u64, &[("Outcome", outcome)]);
        }
    }
    if report.invitations_expired > 0 {
        crate::metrics::count("InvitationsExpired", report.invitations_expired as u64, &[]);
    }
}

async fn do_task(state: &AppState, task: &Task, deadline: Deadline) -> Done {
    let outcome = match task {
        Task::Connection {
            workspace_id,
            connection_id,
        } => keep_up(state, workspace_id, connection_id, deadline).await,
        Task::InvitationExpiry {
            workspace_id,
            invitation_id,
        } => expire_invitation(state, workspace_id, invitation_id).await,
        Task::InvitationReminder {
            workspace_id,
            invitation_id,
        } => match super::reminders::remind_invitation(state, workspace_id, invitation_id).await {
            // Its reminders ran out with its link: the expiry is told now.
            Ok(super::reminders::Reminded::Expired) => {
                expire_invitation(state, workspace_id, invitation_id).await
            }
            outcome => outcome.map(reminded),
        },
        Task::ReconnectReminder {
            workspace_id,
            connection_id,
        } => super::reminders::remind_reconnect(state, workspace_id, connection_id)
            .await
            .map(reminded),
        Task::AssignmentReminder {
            workspace_id,
            connection_id,
            client_id,
        } => super::reminders::remind_assignment(state, workspace_id, connection_id, client_id)
            .await
            .map(reminded),
    };
    outcome.unwrap_or_else(|error| {
        tracing::error!(task = ?task, cause = %DisplayErrorContext(&error), "upkeep failed");
        Done::Failed
    })
}

/// A reminder task's outcome, as the report counts it.
fn reminded(outcome: super::reminders::Reminded) -> Done {
    match outcome {
        super::reminders::Reminded::Sent => Done::Reminded,
        _ => Done::Unchanged,
    }
}

/// Does what is due for one connection now, if anything.
async fn keep_up(
    state: &AppState,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    deadline: Deadline,
) -> Result<Done, AppError> {
    let Some(stored) = state.store.connection(workspace_id, connection_id).await? else {
        return Ok(Done::Unchanged);
    };
    let now = state.clock.now();
    let Some(upkeep) = stored.connection.upkeep(now) else {
        // Nothing due (done meanwhile, or sent early): put it back where it belongs.
        let due = stored.connection.next_upkeep(now);
        if !stored.indexed_at(due) {
            state.store.schedule_upkeep(&stored, due).await?;
        }
        return Ok(Done::Unchanged);
    };
    match upkeep {
        Upkeep::Renew => renew(state, stored, deadline).await,
        Upkeep::Check => check(state, stored, deadline).await,
        Upkeep::Expire => {
            let mut expired = stored.connection.clone();
            let deadline = expired.life.deadline().unwrap_or(now);
            expired.broken = Some(Broken {
                reason: HealthReason::Expired,
                since: deadline,
            });
            Ok(
                match record_and_notify(state, &stored, expired, None, Notice::NeedsReconnect)
                    .await?
                {
                    // Reconnected (or marked) meanwhile: nothing of this is true any more.
                    Noticed::NotClaimed => Done::Unchanged,
                    _ => Done::NeedsReconnect,
                },
            )
        }
        Upkeep::Notify(notice) => {
            let after = stored.connection.clone();
            Ok(
                match record_and_notify(state, &stored, after, None, notice).await? {
                    Noticed::Sent => Done::Notified,
                    Noticed::NobodyToTell | Noticed::NotSent | Noticed::NotClaimed => {
                        Done::Unchanged
                    }
                },
            )
        }
    }
}

/// A renewal that keeps the grant alive: unless someone renewed it meanwhile (the token
/// service, on demand), which proves the same.
async fn renew(
    state: &AppState,
    stored: StoredConnection,
    deadline: Deadline,
) -> Result<Done, AppError> {
    let issued = stored.connection.life.issued_at;
    Ok(
        match renewed(state, stored, deadline, For::KeepAlive, |life, _| {
            life.issued_at <= issued
        })
        .await
        {
            Ok(_) => Done::Renewed,
            Err(Unrenewed::NeedsReconnect(_)) => Done::NeedsReconnect,
            Err(Unrenewed::Unavailable) => Done::RetryLater,
            // Someone else is renewing it now: that renewal is the proof.
            Err(Unrenewed::Busy | Unrenewed::Gone) => Done::Unchanged,
            // Not tried: back to the queue, for a worker with time.
            Err(Unrenewed::OutOfTime) => Done::LeftForLater,
            Err(Unrenewed::Failed(error)) => return Err(error),
        },
    )
}

/// The daily check of a connection whose token is still valid: a cheap call with it.
async fn check(
    state: &AppState,
    stored: StoredConnection,
    deadline: Deadline,
) -> Result<Done, AppError> {
    let connection = &stored.connection;
    let key = state.secrets.sealing_key().await?;
    let tokens = open_tokens(key, &stored)?;
    let flow = flow_for(state, connection.platform).await?;
    let outcome = flow
        .check(&tokens.access_token, deadline.left().min(CALL_TIMEOUT))
        .await;
    let now = state.clock.now();
    let mut after = connection.clone();
    match outcome {
        Ok(()) => {
            after.checked_at = Some(now);
            after.failures = 0;
            after.retry_at = None;
            Ok(written(
                record_upkeep(state, &stored, after, None).await?,
                Done::Checked,
            ))
        }
        // A refresh grant's token refused: only a refresh tells a revoked grant from a
        // token the platform retired early.
        Err(Refusal::Revoked(_)) if connection.life.renewal == Renewal::RefreshToken => {
            renew(state, stored, deadline).await
        }
        Err(Refusal::Revoked(reason)) => {
            tracing::warn!(connection_id = connection.connection_id.as_str(), reason = %reason, "the platform refused the token");
            after.broken = Some(Broken {
                reason: HealthReason::AccessRevoked,
                since: now,
            });
            after.retry_at = None;
            record_and_notify(state, &stored, after, None, Notice::NeedsReconnect).await?;
            Ok(Done::NeedsReconnect)
        }
        Err(refusal) => {
            tracing::warn!(connection_id = connection.connection_id.as_str(), cause = %refusal, "check failed for now");
            after.failures += 1;
            after.retry_at = Some(after.backoff(now));
            Ok(written(
                record_upkeep(state, &stored, after, None).await?,
                Done::RetryLater,
            ))
        }
    }
}

/// What a task did, if its write went through: one refused was decided on what the
/// connection was before someone else wrote it, and changed nothing.
fn written(outcome: Guarded, done: Done) -> Done {
    match outcome {
        Guarded::Done => done,
        Guarded::Refused => Done::Unchanged,
    }
}

/// Records that an open invitation's link expired (the host hears
/// `invitation.expired`), once: refused when it was accepted, closed or resent
/// meanwhile.
async fn expire_invitation(
    state: &AppState,
    workspace_id: &WorkspaceId,
    invitation_id: &InvitationId,
) -> Result<Done, AppError> {
    let Some(record) = state.store.invitation(workspace_id, invitation_id).await? else {
        return Ok(Done::Unchanged);
    };
    let now = state.clock.now();
    let invitation = record.invitation;
    let change = Change::new(
        workspace_id,
        now,
        Who::Refresher,
        What::InvitationExpired {
            invitation_id: invitation.id.clone(),
            client_id: invitation.client_id.clone(),
        },
    );
    Ok(
        match state
            .store
            .mark_expired(&invitation, now, &[change])
            .await?
        {
            Guarded::Done => Done::InvitationExpired,
            Guarded::Refused => Done::Unchanged,
        },
    )
}
