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
/// a message lives in the queue before it is retried or dead-lettered, so a worker that
/// dies leaves the work to come back, never to be lost.
pub const IN_FLIGHT: Duration = Duration::minutes(30);
/// Marks written at once.
const MARKS_AT_ONCE: usize = 32;
/// The part of a run's budget open invitations may take (they are few, and cheap).
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
    /// Entries another run took, or whose work moved them, first.
    pub taken_elsewhere: usize,
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
    let invitations = budget / INVITATIONS_SHARE;
    for (kind, share) in [
        (DueKind::InvitationExpiry, invitations),
        (DueKind::Connection, budget - invitations),
    ] {
        if share == 0 || !deadline.allows(STOP_BEFORE) {
            continue;
        }
        let read = state.store.due_entries(kind, now, share as usize).await?;
        report.read += read.entries.len();
        report.queries += read.queries;
        let taken = take(state, read.entries, now + IN_FLIGHT, deadline).await?;
        report.taken_elsewhere += share_taken_elsewhere(&taken);
        let tasks: Vec<_> = taken
            .into_iter()
            .flatten()
            .map(|entry| entry.task)
            .collect();
        let refused = state.queue.send(&tasks).await.map_err(AppError::internal)?;
        report.not_sent += refused.len();
        let sent = tasks.len() - refused.len();
        match kind {
            DueKind::Connection => report.sent_connections += sent,
            DueKind::InvitationExpiry => report.sent_invitations += sent,
        }
    }
    tracing::info!(
        backlog = report.backlog,
        read = report.read,
        sent_connections = report.sent_connections,
        sent_invitations = report.sent_invitations,
        taken_elsewhere = report.taken_elsewhere,
        "upkeep dispatched"
    );
    Ok(report)
}

/// Marks the entries in flight, several at once, while the run's time lasts: the ones
/// this run took (`Some`), or `None` for each another took first.
async fn take(
    state: &AppState,
    entries: Vec<DueEntry>,
    until: time::OffsetDateTime,
    deadline: Deadline,
) -> Result<Vec<Option<DueEntry>>, AppError> {
    let marked: Vec<Result<Option<DueEntry>, AppError>> = futures::stream::iter(entries)
        .map(|entry| async move {
            if !deadline.allows(STOP_BEFORE) {
                // Not marked: it stays due, for the next run.
                return Ok(None);
            }
            Ok(state
                .store
                .take_due_entry(&entry, until)
                .await?
                .then_some(entry))
        })
        .buffer_unordered(MARKS_AT_ONCE)
        .collect()
        .await;
    marked.into_iter().collect()
}

fn share_taken_elsewhere(taken: &[Option<DueEntry>]) -> usize {
    taken.iter().filter(|entry| entry.is_none()).count()
}
