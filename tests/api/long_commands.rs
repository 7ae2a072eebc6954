//! The operator's long commands report done of total as they go and stop when asked,
//! and running one again finishes what it left: here, finishing a workspace's deletion
//! (`operator finish-delete`).

use std::sync::atomic::{AtomicU64, Ordering};

use clientconnect::domain::MemberStatus;
use clientconnect::progress::Progress;
use clientconnect::service::provisioning::delete_workspace_reporting;

use crate::helpers::TestApp;

/// Counts what it is told; asks to stop once `stop_after` items are done.
struct Counting {
    stop_after: u64,
    total: AtomicU64,
    done: AtomicU64,
}

impl Counting {
    fn stopping_after(stop_after: u64) -> Self {
        Self {
            stop_after,
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
        }
    }
}

impl Progress for Counting {
    fn total(&self, total: u64) {
        self.total.store(total, Ordering::SeqCst);
    }
    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::SeqCst);
    }
    fn stop_asked(&self) -> bool {
        self.done.load(Ordering::SeqCst) >= self.stop_after
    }
}

#[tokio::test]
async fn a_workspace_deletion_stopped_half_way_reports_its_progress_and_is_finished_by_running_it_again(
) {
    let app = TestApp::with_own_table().await;
    let connections = app.x_accounts("deleting", 3).await;
    let store = &app.state.store;

    let stopping = Counting::stopping_after(2);
    let first = delete_workspace_reporting(&app.state, "operator", &app.workspace, &stopping)
        .await
        .unwrap();
    assert!(first.stopped);
    // The owner and the client's person, then (the next step read, not begun) the client.
    assert_eq!(stopping.total.load(Ordering::SeqCst), 3);
    assert_eq!(stopping.done.load(Ordering::SeqCst), 2);
    assert!(store.workspace(&app.workspace).await.unwrap().is_none());
    assert_eq!(
        store.connections(&app.workspace).await.unwrap().len(),
        3,
        "stopped before the connections"
    );

    let rest = Counting::stopping_after(u64::MAX);
    let finished = delete_workspace_reporting(&app.state, "operator", &app.workspace, &rest)
        .await
        .unwrap();
    assert!(!finished.stopped);
    assert_eq!(
        rest.total.load(Ordering::SeqCst),
        4,
        "only what was left: the client and three connections"
    );
    assert_eq!(rest.done.load(Ordering::SeqCst), 4);
    assert_eq!(finished.deleted.clients_removed, 1);
    assert_eq!(finished.deleted.disconnected.len(), connections.len());
    assert!(store.connections(&app.workspace).await.unwrap().is_empty());
    assert!(store
        .members(&app.workspace)
        .await
        .unwrap()
        .iter()
        .all(|member| member.status == MemberStatus::Deactivated));
    app.drop_table().await;
}
