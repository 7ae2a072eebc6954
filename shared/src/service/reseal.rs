//! Re-sealing every stored secret under the current key, after a rotation (run by the
//! operator's `reseal`, see the README's "Rotating the token key").
//!
//! A scan of the whole table, a page at a time, while the service runs: each sealed
//! value not under the current key is opened (with whichever key of the ring sealed it)
//! and sealed again under the current one, and written back only if it is still the
//! value that was read, so a renewal that wrote new tokens meanwhile is never undone
//! (what it wrote is under the current key already, or the next run finds it). A run
//! goes on from a page's end (`from`); stopping between pages or running again
//! repeats nothing that is done.

use futures::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};

use super::choices::grant_context;
use super::connect::pkce_context;
use super::links::invite_link_context;
use super::tokens::tokens_context;
use crate::crypto::{SealContext, SealingKey};
use crate::error::AppError;
use crate::progress::Progress;
use crate::store::{Guarded, ScanStart, SealedKind, SealedValue, Store};

/// Items read per page of the scan (the operator's; a test reads fewer).
pub const PAGE: i32 = 500;
/// Values re-sealed at once.
const AT_ONCE: usize = 16;

/// What a run did (or, a check, found).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResealReport {
    /// The current key's id.
    pub key: String,
    /// Items of the table read.
    pub scanned: u64,
    /// Sealed values among them.
    pub sealed: u64,
    /// Already under the current key.
    pub current: u64,
    /// Under another key of the ring: re-sealed (or, a check, to re-seal).
    pub resealed: u64,
    /// Changed by someone else between the read and the write: left as they are now
    /// (a later run looks at them again).
    pub changed_meanwhile: u64,
    /// Values no key of the ring opens, or on items of no known kind, by key, with why.
    pub unopenable: Vec<String>,
    /// Whether the scan reached the end of the table.
    pub finished: bool,
    /// Where a next run goes on (after the last page done), when not finished.
    pub next: Option<ScanStart>,
}

/// What a value is sealed to: the same context its use case seals it with.
fn context_of(kind: &SealedKind) -> SealContext<'_> {
    match kind {
        SealedKind::ConnectionTokens {
            workspace,
            connection,
        } => tokens_context(workspace, connection),
        SealedKind::InviteLink { workspace } => invite_link_context(workspace),
        SealedKind::Choice { workspace, hash } => grant_context(workspace, hash),
        SealedKind::OAuthState {
            workspace,
            state_hash,
        } => pkce_context(workspace, state_hash),
        SealedKind::InvitationLink {
            workspace,
            invitation,
        } => super::invitations::link_context(workspace, invitation),
    }
}

enum Outcome {
    Current,
    Resealed,
    ChangedMeanwhile,
    Unopenable(String),
}

async fn reseal_one(store: &Store, key: &SealingKey, read: SealedValue, apply: bool) -> Outcome {
    let context = context_of(&read.kind);
    let resealed = match key.reseal(&read.value, &context) {
        Ok(None) => return Outcome::Current,
        Ok(Some(resealed)) => resealed,
        Err(error) => {
            return Outcome::Unopenable(format!(
                "{} / {} {}: {error}",
                read.pk, read.sk, read.attribute
            ))
        }
    };
    if !apply {
        return Outcome::Resealed;
    }
    match store.replace_sealed(&read, &resealed).await {
        Ok(Guarded::Done) => Outcome::Resealed,
        Ok(Guarded::Refused) => Outcome::ChangedMeanwhile,
        Err(error) => Outcome::Unopenable(format!(
            "{} / {} {}: the write failed: {error}",
            read.pk, read.sk, read.attribute
        )),
    }
}

/// Re-seals (with `apply`; else only counts) every sealed value of the table not under
/// the current key, from `from` (a previous run's `next`) or the start, until the end or
/// until `progress` asks to stop, `page_size` items a page; `after_page` sees the report after
/// every page (to keep where to go on). `so_far` carries a previous run's counts on.
#[allow(clippy::too_many_arguments)]
pub async fn reseal(
    store: &Store,
    key: &SealingKey,
    from: Option<ScanStart>,
    so_far: ResealReport,
    apply: bool,
    page_size: i32,
    progress: &dyn Progress,
    mut after_page: impl FnMut(&ResealReport),
) -> Result<ResealReport, AppError> {
    let mut report = ResealReport {
        key: key.current_id(),
        finished: false,
        next: from,
        ..so_far
    };
    progress.total(store.approximate_item_count().await?.max(report.scanned));
    progress.resumed(report.scanned);
    loop {
        if progress.stop_asked() {
            break;
        }
        let page = store.sealed_page(report.next.as_ref(), page_size).await?;
        let outcomes: Vec<Outcome> = stream::iter(page.values)
            .map(|read| reseal_one(store, key, read, apply))
            .buffer_unordered(AT_ONCE)
            .collect()
            .await;
        report.scanned += page.scanned;
        report.unopenable.extend(page.unknown);
        for outcome in outcomes {
            report.sealed += 1;
            match outcome {
                Outcome::Current => report.current += 1,
                Outcome::Resealed => report.resealed += 1,
                Outcome::ChangedMeanwhile => report.changed_meanwhile += 1,
                Outcome::Unopenable(why) => report.unopenable.push(why),
            }
        }
        report.next = page.next;
        report.finished = report.next.is_none();
        progress.advance(page.scanned);
        after_page(&report);
        if report.finished {
            break;
        }
    }
    tracing::info!(
        key = report.key.as_str(),
        scanned = report.scanned,
        resealed = report.resealed,
        changed_meanwhile = report.changed_meanwhile,
        unopenable = report.unopenable.len(),
        finished = report.finished,
        apply,
        "re-seal"
    );
    Ok(report)
}
