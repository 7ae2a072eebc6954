//! Writing a connection's upkeep state: the change of health it makes (told to the host
//! once per change), the due time computed from what is written, conditioned on the
//! revision the write was decided on.

use time::OffsetDateTime;

use crate::domain::Notice;
use crate::domain::{Change, Connection, What, Who};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::UpkeepWrite;
use crate::store::{Guarded, StoredConnection};

/// The event a connection about to be written makes when its health is not what the
/// host was last told (see `Connection::report_health`), remembered as told in the same
/// write.
pub(crate) fn health_change(
    after: &mut Connection,
    now: OffsetDateTime,
    by: Who,
) -> Option<Change> {
    let health = after.report_health(now)?;
    Some(Change::new(
        &after.workspace_id,
        now,
        by,
        What::ConnectionHealthChanged {
            connection_id: after.connection_id.clone(),
            platform: after.platform,
            client_id: after.owner.client_id().cloned(),
            health: health.status,
            reason: health.reason,
        },
    ))
}

/// Writes upkeep that changes no token and claims no notice: the change of health it
/// makes recorded with it, the due time computed from what is written.
pub(crate) async fn record_upkeep(
    state: &AppState,
    stored: &StoredConnection,
    after: crate::domain::Connection,
    holder: Option<&str>,
) -> Result<Guarded, AppError> {
    Ok(
        match write_upkeep(state, stored, after, holder, None).await? {
            Some(_) => Guarded::Done,
            None => Guarded::Refused,
        },
    )
}

/// Writes the connection's new upkeep state (`after`), conditioned on the revision it
/// was decided on, with the change of health it makes and the due time computed from
/// what is written; with `claim`, the notice claimed in the same write. The connection
/// as it is now stored, or `None` when the write was refused (someone else wrote it
/// since it was read).
pub(crate) async fn write_upkeep(
    state: &AppState,
    stored: &StoredConnection,
    mut after: crate::domain::Connection,
    holder: Option<&str>,
    claim: Option<Notice>,
) -> Result<Option<StoredConnection>, AppError> {
    let now = state.clock.now();
    if let Some(notice) = claim {
        after.notices.insert(notice, now.unix_timestamp());
    }
    let changes: Vec<_> = health_change(&mut after, now, Who::Refresher)
        .into_iter()
        .collect();
    let write = UpkeepWrite {
        holder,
        due: after.next_upkeep(now),
        changes: &changes,
        claim,
    };
    Ok(
        match state.store.save_upkeep(stored, &after, write).await? {
            Guarded::Done => Some(StoredConnection {
                connection: after,
                rev: stored.rev + 1,
                due_entry: None,
                ..stored.clone()
            }),
            Guarded::Refused => None,
        },
    )
}
