//! Renewing a connection's access token: single-flight, within a deadline, and never
//! throwing away what a platform issued.
//!
//! Single-flight: whoever takes the connection's lease (a conditional write on its
//! token `version`) calls the platform; everyone else waits for the new version and
//! reads the result, so however many token requests and upkeep tasks arrive at once,
//! the platform's token endpoint is called once.
//!
//! Nothing issued is lost: the platform's answer is stored first, on the condition that
//! no other write of tokens came first (the version) and nothing else, retried while the
//! table is busy; only then is anything else done with it. A refresh of a rotating grant
//! (X, TikTok) that may have reached the platform is never sent again with the same
//! refresh token (the flow sees to that); the connection remembers it went unanswered,
//! so a refusal right after it reads as a lost rotation, not a revocation.
//!
//! Every renewal has a deadline: the platform call gets what is left of it minus the
//! time the save needs, and a caller whose deadline cannot fit a call waits no longer.

use time::{Duration, OffsetDateTime};

use super::health::{record_upkeep, write_upkeep};
use super::notices;
use super::tokens::{flow_for, open_tokens, seal_tokens};
use crate::crypto::random_url_safe;
use crate::deadline::Deadline;
use crate::domain::{Broken, Health, Notice, Renewal, TokenLife};
use crate::error::AppError;
use crate::oauth::{PlatformTokens, Refusal, MIN_ATTEMPT};
use crate::state::AppState;
use crate::store::{Guarded, StoredConnection};

/// Kept back from a renewal's deadline for storing what the platform issued.
const SAVE_RESERVE: std::time::Duration = std::time::Duration::from_millis(1_500);
/// How long a lease outlives its holder's deadline, so nobody takes over while the
/// holder may still get an answer from the platform and store it; storing it stops
/// being retried a little before the lease ends.
const LEASE_SLACK: std::time::Duration = std::time::Duration::from_secs(30);
const LEASE_MARGIN: std::time::Duration = std::time::Duration::from_secs(3);
/// How long a reader waits before each look at someone else's renewal (while its
/// deadline allows).
const POLLS: [std::time::Duration; 7] = [
    std::time::Duration::from_millis(100),
    std::time::Duration::from_millis(200),
    std::time::Duration::from_millis(400),
    std::time::Duration::from_millis(800),
    std::time::Duration::from_millis(1_600),
    std::time::Duration::from_millis(3_200),
    std::time::Duration::from_millis(6_400),
];
/// Waits before storing issued tokens again when the table was busy.
const SAVE_RETRIES: [std::time::Duration; 5] = [
    std::time::Duration::from_millis(50),
    std::time::Duration::from_millis(100),
    std::time::Duration::from_millis(200),
    std::time::Duration::from_millis(400),
    std::time::Duration::from_millis(800),
];

/// Why fresh tokens could not be had.
#[derive(Debug, thiserror::Error)]
pub enum Unrenewed {
    /// It needs reconnecting: its health as it now stands.
    #[error("the connection needs reconnecting")]
    NeedsReconnect(Health),
    #[error("the platform did not answer properly; try again shortly")]
    Unavailable,
    #[error("another renewal of this connection is under way")]
    Busy,
    /// This caller's deadline left no time to call the platform: nothing was tried.
    #[error("no time was left to renew within this request")]
    OutOfTime,
    #[error("the connection is gone")]
    Gone,
    #[error(transparent)]
    Failed(#[from] AppError),
}

/// Who a renewal is for: the host asking for a token (the connection is in use), or the
/// upkeep keeping an unused grant alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum For {
    Host,
    KeepAlive,
}

/// The connection with tokens that no longer need renewing by `wants`, renewed first
/// when they do, by `deadline`; single-flight (see the module's doc).
pub(crate) async fn renewed(
    state: &AppState,
    mut stored: StoredConnection,
    deadline: Deadline,
    purpose: For,
    wants: impl Fn(&TokenLife, OffsetDateTime) -> bool,
) -> Result<(StoredConnection, PlatformTokens), Unrenewed> {
    let key = state.secrets.sealing_key().await?;
    let mut polls = POLLS.iter();
    // The failures counted when we started waiting for someone else's renewal.
    let mut failures_when_waiting = None;
    loop {
        let now = state.clock.now();
        if stored.connection.broken.is_some() {
            return Err(Unrenewed::NeedsReconnect(stored.connection.health(now)));
        }
        if !wants(&stored.connection.life, now) {
            let tokens = open_tokens(key, &stored)?;
            return Ok((stored, tokens));
        }
        // The renewal we waited for failed: calling the platform again at once would
        // only repeat its failure.
        if failures_when_waiting.is_some_and(|before| stored.connection.failures > before) {
            return Err(Unrenewed::Unavailable);
        }
        if !deadline.allows(MIN_ATTEMPT + SAVE_RESERVE) {
            return Err(match failures_when_waiting {
                Some(_) => Unrenewed::Busy,
                None => Unrenewed::OutOfTime,
            });
        }
        let holder = random_url_safe();
        let held_for = deadline.left() + LEASE_SLACK;
        let until = now + Duration::try_from(held_for).unwrap_or(Duration::ZERO);
        match state
            .store
            .take_lease(&stored, &holder, until, now)
            .await
            .map_err(AppError::from)?
        {
            Guarded::Done => {
                let lease = Lease {
                    holder: &holder,
                    ends: Deadline::after(held_for).less(LEASE_MARGIN),
                };
                // Taking the lease was a write of its own.
                let leased = StoredConnection {
                    rev: stored.rev + 1,
                    ..stored
                };
                return renew_under_lease(state, leased, lease, deadline, purpose).await;
            }
            Guarded::Refused => {
                failures_when_waiting.get_or_insert(stored.connection.failures);
                let Some(wait) = polls
                    .next()
                    .filter(|wait| deadline.allows(**wait + std::time::Duration::from_millis(100)))
                else {
                    return Err(Unrenewed::Busy);
                };
                tokio::time::sleep(*wait).await;
                stored = state
                    .store
                    .connection(
                        &stored.connection.workspace_id,
                        &stored.connection.connection_id,
                    )
                    .await
                    .map_err(AppError::from)?
                    .ok_or(Unrenewed::Gone)?;
            }
        }
    }
}

/// A renewal's lease: who holds it, and when storing what the platform issued must be
/// done by (a little before anyone else may take over).
#[derive(Clone, Copy)]
struct Lease<'a> {
    holder: &'a str,
    ends: Deadline,
}

/// Calls the platform under the lease, stores what it issued first, then records what
/// came of it.
async fn renew_under_lease(
    state: &AppState,
    stored: StoredConnection,
    lease: Lease<'_>,
    deadline: Deadline,
    purpose: For,
) -> Result<(StoredConnection, PlatformTokens), Unrenewed> {
    let holder = lease.holder;
    let connection = &stored.connection;
    let key = state.secrets.sealing_key().await?;
    let current = open_tokens(key, &stored)?;
    let flow = flow_for(state, connection.platform).await?;
    let renewal = connection.life.renewal;
    let outcome = flow
        .renew(&current, renewal, deadline.less(SAVE_RESERVE).instant())
        .await;
    let now = state.clock.now();
    let refusal = match outcome {
        Ok(granted) => {
            let mut renewed = connection.clone();
            renewed.life = TokenLife {
                renewal,
                issued_at: granted.issued_at,
                access_expires_at: granted.access_expires_at,
                // A platform that does not restate the refresh window keeps the old one.
                refresh_expires_at: granted
                    .refresh_expires_at
                    .or(connection.life.refresh_expires_at),
            };
            renewed.refreshed_at = now;
            renewed.checked_at = Some(now);
            renewed.failures = 0;
            renewed.retry_at = None;
            renewed.unconfirmed_refresh = None;
            if purpose == For::Host {
                renewed.renewed_on_demand_at = Some(now);
            }
            if let Some(scopes) = &granted.scopes {
                renewed.scopes = scopes.clone();
            }
            let saved = StoredConnection {
                sealed_tokens: seal_tokens(key, &renewed, &granted.tokens)?,
                connection: renewed,
                version: stored.version + 1,
                rev: stored.rev + 1,
                due_entry: None,
            };
            return match persist(state, &stored, &saved, lease.ends).await? {
                Guarded::Done => {
                    tracing::info!(
                        connection_id = saved.connection.connection_id.as_str(),
                        platform = saved.connection.platform.as_str(),
                        "connection renewed"
                    );
                    record_health(state, &saved).await;
                    Ok((saved, granted.tokens))
                }
                // A reconnect replaced the tokens meanwhile: those are the newer ones.
                Guarded::Refused => {
                    let latest = state
                        .store
                        .connection(&connection.workspace_id, &connection.connection_id)
                        .await
                        .map_err(AppError::from)?
                        .ok_or(Unrenewed::Gone)?;
                    let tokens = open_tokens(key, &latest)?;
                    Ok((latest, tokens))
                }
            };
        }
        Err(refusal) => refusal,
    };
    match refusal {
        // Nothing was sent: the lease goes back and nothing else changes.
        Refusal::OutOfTime => {
            record_upkeep(state, &stored, connection.clone(), Some(holder)).await?;
            Err(Unrenewed::OutOfTime)
        }
        Refusal::Revoked(reason) => {
            let health = connection.refusal_reason();
            tracing::warn!(
                connection_id = connection.connection_id.as_str(),
                platform = connection.platform.as_str(),
                reason = %reason,
                health_reason = ?health,
                "the platform refused the renewal"
            );
            let mut broken = connection.clone();
            broken.broken = Some(Broken {
                reason: health,
                since: now,
            });
            broken.failures = 0;
            broken.retry_at = None;
            let told = broken.health(now);
            match purpose {
                // The upkeep tells the people (the notice is due at once); the host's
                // request is not kept waiting for their emails.
                For::Host => {
                    record_upkeep(state, &stored, broken, Some(holder)).await?;
                }
                For::KeepAlive => {
                    notices::record_and_notify(
                        state,
                        &stored,
                        broken,
                        Some(holder),
                        Notice::NeedsReconnect,
                    )
                    .await?;
                }
            }
            Err(Unrenewed::NeedsReconnect(told))
        }
        refusal => {
            // Not the client's doing: the connection stays as it is, and is retried.
            let unanswered_rotation = matches!(refusal, Refusal::Unanswered(_))
                && flow.spec.rotates_refresh_token
                && renewal == Renewal::RefreshToken;
            if matches!(refusal, Refusal::Misconfigured(_)) {
                tracing::error!(connection_id = connection.connection_id.as_str(), cause = %refusal, "the platform refused our app");
            } else {
                tracing::warn!(
                    connection_id = connection.connection_id.as_str(),
                    platform = connection.platform.as_str(),
                    cause = %refusal,
                    unanswered_rotation,
                    "renewal failed for now"
                );
            }
            let mut later = connection.clone();
            later.failures += 1;
            later.retry_at = Some(later.backoff(now));
            if unanswered_rotation {
                later.unconfirmed_refresh.get_or_insert(now);
            }
            record_upkeep(state, &stored, later, Some(holder)).await?;
            Err(Unrenewed::Unavailable)
        }
    }
}

/// Stores the tokens a platform issued, retrying while the table is busy (a
/// transaction on the item, throttling, no answer), even past the caller's deadline (a
/// late answer beats a lost token) but not past the lease (`lease_ends`): after it,
/// another renewal may send the spent refresh token. They exist nowhere else, and for a
/// rotating grant the old refresh token is already spent.
async fn persist(
    state: &AppState,
    before: &StoredConnection,
    renewed: &StoredConnection,
    lease_ends: Deadline,
) -> Result<Guarded, AppError> {
    let due = renewed.connection.next_upkeep(state.clock.now());
    let mut waits = SAVE_RETRIES.iter();
    loop {
        match state.store.save_tokens(before, renewed, due).await {
            Ok(saved) => return Ok(saved),
            Err(busy) if busy.is_contended() => {
                match waits.next().filter(|wait| lease_ends.allows(**wait)) {
                    Some(wait) => {
                        tracing::warn!(cause = %busy, "storing renewed tokens: the table is busy; trying again");
                        tokio::time::sleep(*wait).await;
                    }
                    None => return Err(lost(renewed, busy.into())),
                }
            }
            Err(error) => return Err(lost(renewed, error.into())),
        }
    }
}

/// The one case a platform's tokens are lost: the table refused them for good.
fn lost(renewed: &StoredConnection, error: AppError) -> AppError {
    tracing::error!(
        connection_id = renewed.connection.connection_id.as_str(),
        platform = renewed.connection.platform.as_str(),
        cause = %error,
        "tokens the platform issued could not be stored"
    );
    error
}

/// After a renewal is stored: the change of health the host must hear, if any (a
/// renewal that moved a deadline away). Best effort: the next upkeep tells it otherwise.
async fn record_health(state: &AppState, saved: &StoredConnection) {
    let now = state.clock.now();
    if saved.connection.clone().report_health(now).is_none() {
        return;
    }
    if let Err(error) = write_upkeep(state, saved, saved.connection.clone(), None, None).await {
        tracing::warn!(cause = %error, "a renewal's change of health was not recorded; the next upkeep will");
    }
}
