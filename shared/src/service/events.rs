//! Telling the host product what changed, and showing the agency what happened.
//!
//! Publishing: every change waits in the outbox (written with the change itself);
//! [`publish_outbox`] sends what waits there to EventBridge, oldest first, and takes out
//! what EventBridge took. It runs when the table's stream sees a new outbox item and on
//! a schedule, so an event EventBridge refused goes out on a later run: at least once,
//! with a stable `event_id` for the host to deduplicate.

use serde::Serialize;

use super::acting::authorize_admin;
use crate::auth::Caller;
use crate::domain::{Change, PageSize, WorkspaceId};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Cursor, Listing, Reads};

/// What one publishing run did.
#[derive(Debug, Default, Serialize)]
pub struct PublishReport {
    pub published: usize,
    /// Still in the outbox for the next run (EventBridge refused or was unreachable).
    pub failed: usize,
}

/// At most this many rounds per run (each reads up to a hundred events per partition).
const ROUNDS: usize = 20;

pub async fn publish_outbox(state: &AppState) -> Result<PublishReport, AppError> {
    let mut report = PublishReport::default();
    for _ in 0..ROUNDS {
        let (waiting, more) = state.store.outbox().await?;
        if waiting.is_empty() {
            break;
        }
        let sent = state.events.publish(&waiting).await?;
        state.store.published(&sent.published).await?;
        report.published += sent.published.len();
        if sent.failed > 0 {
            report.failed = sent.failed;
            break;
        }
        if !more {
            break;
        }
    }
    tracing::info!(
        published = report.published,
        failed = report.failed,
        "outbox published"
    );
    Ok(report)
}

/// One page of the audit trail, newest first.
#[derive(Debug, Serialize)]
pub struct AuditTrail {
    pub items: Vec<Change>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The workspace's audit trail, as its owners and admins read it: what the host did is
/// said to be the host's, without its IAM identity (kept in the record and the log).
pub async fn audit_trail(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    limit: PageSize,
    cursor: Option<String>,
) -> Result<AuditTrail, AppError> {
    authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let cursor = cursor
        .map(|raw| Cursor::parse(&raw, Listing::Audit, workspace_id))
        .transpose()?;
    let page = state
        .store
        .audit_page(workspace_id, limit.get(), cursor.as_ref())
        .await?;
    Ok(AuditTrail {
        items: page
            .changes
            .into_iter()
            .map(Change::as_the_agency_sees_it)
            .collect(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    })
}
