//! A workspace's seats as the host reads them (its IAM seat route), as provisioning
//! reports them after a change, and as the clients card shows them.
//!
//! The host is the source of truth for its own staff: a member it provisions, or a
//! limit it lowers, is accepted even when that puts the workspace over its seats. The
//! reply says so, the function logs it and counts it (`SeatsOverLimit`), and from then
//! on every change that would add a publishing client's person is refused with
//! `no-seat-left` until seats are freed or bought.

use serde::Serialize;

use crate::domain::{Plan, SeatCount, Seats, Workspace, WorkspaceId};
use crate::error::AppError;
use crate::state::AppState;

/// `GET /internal/workspaces/{workspace_id}/seats`.
#[derive(Debug, Serialize)]
pub struct SeatsView {
    pub workspace_id: String,
    pub plan: Plan,
    pub limit: u32,
    pub in_use: u32,
    pub over_limit: bool,
    pub by_kind: SeatCount,
}

/// What a provisioning reply says of the seats after its change.
#[derive(Debug, Serialize)]
pub struct SeatsSummary {
    pub in_use: u32,
    pub limit: u32,
    pub over_limit: bool,
}

impl From<Seats> for SeatsSummary {
    fn from(seats: Seats) -> Self {
        Self {
            in_use: seats.in_use,
            limit: seats.limit,
            over_limit: seats.over_limit,
        }
    }
}

/// The seats of a workspace, for the host.
pub async fn read(state: &AppState, workspace_id: &WorkspaceId) -> Result<SeatsView, AppError> {
    let workspace = state
        .store
        .workspace(workspace_id)
        .await?
        .ok_or(AppError::WorkspaceNotFound)?
        .workspace;
    let seats = of(state, &workspace).await?;
    Ok(SeatsView {
        workspace_id: workspace_id.to_string(),
        plan: seats.plan,
        limit: seats.limit,
        in_use: seats.in_use,
        over_limit: seats.over_limit,
        by_kind: seats.by_kind,
    })
}

/// The seats of `workspace` now (its people counted, never its clients' list).
pub(crate) async fn of(state: &AppState, workspace: &Workspace) -> Result<Seats, AppError> {
    let count = state
        .store
        .seat_count(&workspace.id, state.clock.now())
        .await?;
    Ok(workspace.seats(count))
}

/// The seats after a change the host made, told to the operator when they are over the
/// limit (the host decides for its staff and its plan; we say what it led to).
pub(crate) async fn after_host_change(
    state: &AppState,
    workspace: &Workspace,
    host: &str,
    change: &'static str,
) -> Result<SeatsSummary, AppError> {
    let seats = of(state, workspace).await?;
    if seats.over_limit {
        tracing::warn!(
            host,
            change,
            in_use = seats.in_use,
            limit = seats.limit,
            "the workspace holds more seats than its plan pays for: publishing clients are refused until seats are freed"
        );
        crate::metrics::count("SeatsOverLimit", 1, &[("Change", change)]);
    }
    Ok(seats.into())
}
