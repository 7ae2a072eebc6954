//! The upkeep dispatcher: on a schedule, it pages through the due index and hands what
//! is due to the upkeep queue, where workers take it in batches. It does no upkeep
//! itself, so capacity grows with the workers' concurrency, not with this loop.
//!
//! Each run reads a bounded budget of entries, a fair share from every shard, and marks
//! each one in flight (moves it later in the index, on the condition that it is still
//! where it was read) before sending it: none is sent twice, and one whose worker fails
//! comes back after `IN_FLIGHT`. The budget shrinks while the queue holds a backlog, so
//! the queue never holds much more than the workers can take.

use futures::StreamExt;
use serde::Serialize;
use time::Duration;

use crate::deadline::Deadline;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{DueEntry, DueKind};

/// How long an entry sent to the queue stays out of the dispatcher's sight: longer than
/// a message can live in the queue (its retention, 45 minutes in template.yaml, which is
/// longer than its five receives of six minutes before it is dead-lettered), so the
/// dispatcher never sends an entry whose message may still be worked on, and a worker
/// that dies leaves the work to come back, never to be lost.
pub const IN_FLIGHT: Duration = Duration::minutes(60);
/// Marks written at once.
const MARKS_AT_ONCE: usize = 32;
/// The part of a run's budget open invitations' expiries may take (they are few, and
/// cheap), and as much again reminders; connections get the rest, and whatever of these
/// shares the run did not find due.
const INVITATIONS_SHARE: u32 = 10;
/// A run stops marking entries with less than this left of its time.
const STOP_BEFORE: std::time::Duration = std::time::Duration::from_secs(5);

/// What one run did.
#[derive(Debug, Default, Serialize)]
pub struct DispatchReport {
    /// Messages waiting or being worked on when the run started.
    pub backlog: u64,
    /// How many entries this run could take, after the backlog.
    pub budget: usize,
    /// Entries read from the index, and the queries that read them.
    pub read: usize,
    pub queries: usize,
    /// Tasks sent to the queue.
    pub sent_connections: usize,
    pub sent_invitations: usize,
    pub sent_reminders: usize,
    /// Entries another run took, or whose work moved them, first.
    pub taken_elsewhere: usize,
    /// Entries left for the next run: the table refused their mark, or the run's time
    /// ran out.
    pub left: usize,
    /// Marked but refused by the queue: they come back after `IN_FLIGHT`.
    pub not_sent: usize,
}

/// One run of the dispatcher; `deadline` is the invocation's.
pub async fn dispatch(state: &AppState, deadline: Deadline) -> Result<DispatchReport, AppError> {
    let per_run = state.config.upkeep.dispatch_per_run;
    let backlog = state.queue.backlog().await.map_err(AppError::internal)?;
    // Full budget while the queue holds at most one run's worth; none at two.
    let room = (2 * u64::from(per_run)).saturating_sub(backlog);
    let budget = room.min(u64::from(per_run)) as u32;
    let mut report = DispatchReport {
        backlog,
        budget: budget as usize,
        ..DispatchReport::default()
    };
    let now = state.clock.now();
    // Expiries and reminders first, each at most its small share but at least one entry
    // while there is any budget (none starves); connections get all they left.
    let small = (budget / INVITATIONS_SHARE).max(budget.min(1)) as usize;
    let mut left = budget as usize;
    for kind in [
        DueKind::InvitationExpiry,
        DueKind::Reminder,
        DueKind::Connection,
    ] {
        let share = match kind {
            DueKind::Connection => left,
            _ => small.min(left),
        };
        if share == 0 || !deadline.allows(STOP_BEFORE) {
            continue;
        }
        let read = state
            .store
            .due_entries(kind, now, share, run_number(now))
            .await?;
        left -= read.entries.len().min(left);
        report.read += read.entries.len();
        report.queries += read.queries;
        let mut tasks = Vec::new();
        for mark in take(state, read.entries, now + IN_FLIGHT, deadline).await {
            match mark {
                Marked::Taken(entry) => tasks.push(entry.task),
                Marked::Elsewhere => report.taken_elsewhere += 1,
                Marked::Left => report.left += 1,
            }
        }
        let refused = state.queue.send(&tasks).await.map_err(AppError::internal)?;
        report.not_sent += refused.len();
        let sent = tasks.len() - refused.len();
        match kind {
            DueKind::Connection => report.sent_connections += sent,
            DueKind::InvitationExpiry => report.sent_invitations += sent,
            DueKind::Reminder => report.sent_reminders += sent,
        }
    }
    tracing::info!(
        backlog = report.backlog,
        read = report.read,
        sent_connections = report.sent_connections,
        sent_invitations = report.sent_invitations,
        sent_reminders = report.sent_reminders,
        taken_elsewhere = report.taken_elsewhere,
        "upkeep dispatched"
    );
    Ok(report)
}

/// What became of one entry this run read.
enum Marked {
    Taken(DueEntry),
    /// Another run took it, or its work moved it, first.
    Elsewhere,
    /// Not marked (the table refused, or the run's time ran out): it stays due, for the
    /// next run.
    Left,
}

/// Marks the entries in flight, several at once, while the run's time lasts. One the
/// table refuses is left for the next run: the others still go.
async fn take(
    state: &AppState,
    entries: Vec<DueEntry>,
    until: time::OffsetDateTime,
    deadline: Deadline,
) -> Vec<Marked> {
    futures::stream::iter(entries)
        .map(|entry| async move {
            if !deadline.allows(STOP_BEFORE) {
                return Marked::Left;
            }
            match state.store.take_due_entry(&entry, until).await {
                Ok(true) => Marked::Taken(entry),
                Ok(false) => Marked::Elsewhere,
                Err(error) => {
                    tracing::warn!(cause = %error, "a due entry could not be marked; the next run takes it");
                    Marked::Left
                }
            }
        })
        .buffer_unordered(MARKS_AT_ONCE)
        .collect()
        .await
}

/// Which run this is, so the shards that get the remainder of a small budget take
/// turns (a run a minute).
fn run_number(now: time::OffsetDateTime) -> usize {
    (now.unix_timestamp() / 60).max(0) as usize
}
