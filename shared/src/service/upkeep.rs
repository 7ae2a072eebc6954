//! Keeping connections usable: renewals, daily checks, deadlines and notices, the
//! scheduled refresher that drives them, and the token service that hands publishing
//! a usable access token.
//!
//! Renewing is single-flight per connection: whoever takes the connection's lease (a
//! conditional write on its token `version`) calls the platform; everyone else waits
//! for the new version and reads the result, so however many token requests and
//! refresher runs arrive at once, the platform's token endpoint is called once. The new
//! tokens are written under the lease and the version read, before any access token is
//! handed out: a rotated single-use refresh token (X, TikTok) is never lost to a reader
//! that went first, and a slow renewal never overwrites a reconnect.
//!
//! Health follows what the platform says: a refused grant (`invalid_grant`, a 401)
//! needs a reconnect; a failure of the platform (5xx, a timeout) is retried with
//! backoff and changes nothing the people see.

use std::sync::Arc;

use aws_sdk_dynamodb::error::DisplayErrorContext;
use futures::StreamExt;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::connections::{flow_for, open_tokens, seal_tokens};
use super::views::AccessTokenView;
use crate::auth::Caller;
use crate::crypto::random_url_safe;
use crate::domain::{
    Broken, Connection, ConnectionId, ConnectionOwner, HealthReason, HealthStatus, Notice, Role,
    TokenLife, Upkeep, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::ReconnectEmail;
use crate::oauth::{PlatformTokens, Refusal};
use crate::state::AppState;
use crate::store::{DueConnection, Guarded, StoredConnection};

/// How long a renewal may hold a connection before another may take over.
const LEASE: Duration = Duration::seconds(45);
/// How long a reader waits before each look at someone else's renewal: six looks over
/// about six seconds, then it gives up (the caller may retry).
const POLLS: [std::time::Duration; 6] = [
    std::time::Duration::from_millis(100),
    std::time::Duration::from_millis(200),
    std::time::Duration::from_millis(400),
    std::time::Duration::from_millis(800),
    std::time::Duration::from_millis(1600),
    std::time::Duration::from_millis(3200),
];
/// The most due connections one refresher run takes on.
const RUN_LIMIT: usize = 1_000;

/// Why fresh tokens could not be had.
#[derive(Debug, thiserror::Error)]
pub enum Unrenewed {
    #[error("the connection needs reconnecting")]
    NeedsReconnect,
    #[error("the platform did not answer properly; try again shortly")]
    Unavailable,
    #[error("another renewal of this connection is taking long")]
    Busy,
    #[error("the connection is gone")]
    Gone,
    #[error(transparent)]
    Failed(#[from] AppError),
}

/// The connection with tokens good to use now, renewing first when `must_renew` says
/// so; single-flight (see the module's doc).
async fn fresh_tokens(
    state: &AppState,
    mut stored: StoredConnection,
    must_renew: impl Fn(&TokenLife, OffsetDateTime) -> bool,
) -> Result<(StoredConnection, PlatformTokens), Unrenewed> {
    let key = state.secrets.sealing_key().await?;
    let mut polls = POLLS.iter();
    let mut waited_on = None;
    loop {
        let now = state.clock.now();
        if stored.connection.broken.is_some() {
            return Err(Unrenewed::NeedsReconnect);
        }
        // Someone else renewed it while we waited: that is the renewal we wanted.
        let renewed_meanwhile = waited_on.is_some_and(|version| stored.version > version);
        if renewed_meanwhile || !must_renew(&stored.connection.life, now) {
            let tokens = open_tokens(key, &stored)?;
            return Ok((stored, tokens));
        }
        let holder = random_url_safe();
        match state
            .store
            .take_lease(&stored, &holder, now + LEASE, now)
            .await
            .map_err(AppError::from)?
        {
            Guarded::Done => return renew_under_lease(state, stored, &holder).await,
            Guarded::Refused => {
                waited_on.get_or_insert(stored.version);
                let Some(wait) = polls.next() else {
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

/// Calls the platform under the lease and writes what came of it, lease given back.
async fn renew_under_lease(
    state: &AppState,
    stored: StoredConnection,
    holder: &str,
) -> Result<(StoredConnection, PlatformTokens), Unrenewed> {
    let connection = &stored.connection;
    let key = state.secrets.sealing_key().await?;
    let current = open_tokens(key, &stored)?;
    let flow = flow_for(state, connection.platform).await?;
    let outcome = flow.renew(&current, connection.life.renewal).await;
    let now = state.clock.now();
    match outcome {
        Ok(granted) => {
            let mut renewed = connection.clone();
            renewed.life = TokenLife {
                renewal: connection.life.renewal,
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
            if let Some(scopes) = &granted.scopes {
                renewed.scopes = scopes.clone();
            }
            let due = renewed.next_upkeep(now);
            let mut saved = StoredConnection {
                sealed_tokens: seal_tokens(key, &renewed, &granted.tokens)?,
                connection: renewed,
                version: stored.version + 1,
            };
            let changes: Vec<_> =
                super::connections::health_change(&mut saved.connection, now, Who::Refresher)
                    .into_iter()
                    .collect();
            match state
                .store
                .save_renewal(&stored, &saved, holder, due, &changes)
                .await
                .map_err(AppError::from)?
            {
                Guarded::Done => {
                    tracing::info!(
                        connection_id = saved.connection.connection_id.as_str(),
                        platform = saved.connection.platform.as_str(),
                        "connection renewed"
                    );
                    Ok((saved, granted.tokens))
                }
                // A reconnect replaced the tokens meanwhile: those are the ones to use.
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
            }
        }
        Err(Refusal::Revoked(reason)) => {
            tracing::warn!(connection_id = connection.connection_id.as_str(), reason = %reason, "the platform refused the renewal");
            let mut broken = connection.clone();
            broken.broken = Some(Broken {
                reason: HealthReason::AccessRevoked,
                since: now,
            });
            broken.failures = 0;
            broken.retry_at = None;
            record_upkeep(state, &stored, &broken, Some(holder)).await?;
            notify(state, &stored, Notice::NeedsReconnect).await?;
            Err(Unrenewed::NeedsReconnect)
        }
        Err(refusal @ (Refusal::Transient(_) | Refusal::Misconfigured(_))) => {
            // Not the client's doing: the connection stays as it is, and is retried.
            if matches!(refusal, Refusal::Misconfigured(_)) {
                tracing::error!(connection_id = connection.connection_id.as_str(), cause = %refusal, "the platform refused our app");
            } else {
                tracing::warn!(connection_id = connection.connection_id.as_str(), cause = %refusal, "renewal failed for now");
            }
            let mut later = connection.clone();
            later.failures += 1;
            later.retry_at = Some(later.backoff(now));
            record_upkeep(state, &stored, &later, Some(holder)).await?;
            Err(Unrenewed::Unavailable)
        }
    }
}

/// Writes upkeep that changes no token, moving the connection in the due index.
async fn record_upkeep(
    state: &AppState,
    stored: &StoredConnection,
    after: &Connection,
    holder: Option<&str>,
) -> Result<Guarded, AppError> {
    let now = state.clock.now();
    let due = after.next_upkeep(now);
    let mut after = after.clone();
    let changes: Vec<_> = super::connections::health_change(&mut after, now, Who::Refresher)
        .into_iter()
        .collect();
    Ok(state
        .store
        .save_upkeep(stored, &after, holder, due, &changes)
        .await?)
}

/// Records the expiry of each open invitation whose link expired by `now` (the
/// host hears `invitation.expired`, the operator counts it); each only once.
async fn expire_invitations(state: &AppState, now: OffsetDateTime) -> Result<usize, AppError> {
    let mut expired = 0;
    for (workspace_id, id) in state.store.due_expiries(now, RUN_LIMIT).await? {
        let Some(record) = state.store.invitation(&workspace_id, &id).await? else {
            continue;
        };
        let invitation = record.invitation;
        let change = crate::domain::Change::new(
            &workspace_id,
            now,
            Who::Refresher,
            crate::domain::What::InvitationExpired {
                invitation_id: invitation.id.clone(),
                client_id: invitation.client_id.clone(),
            },
        );
        if state
            .store
            .mark_expired(&invitation, now, &[change])
            .await?
            == Guarded::Done
        {
            expired += 1;
        }
    }
    if expired > 0 {
        crate::metrics::count("InvitationsExpired", expired as u64, &[]);
    }
    Ok(expired)
}

// ----- the token service -----

/// A usable access token for the publishing service: renewed first when it expires
/// within two minutes. Never the refresh token. `caller` (the IAM principal) is logged
/// with every token issued.
pub async fn issue_access_token(
    state: &AppState,
    caller: &str,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<AccessTokenView, AppError> {
    let now = state.clock.now();
    let stored = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .ok_or(AppError::ConnectionNotFound)?;
    let health = stored.connection.health(now);
    if health.status == HealthStatus::NeedsReconnect {
        return Err(AppError::ConnectionNeedsReconnect(health));
    }
    let current_expiry = stored.connection.life.access_expires_at;
    let renewable = stored.connection.life.renewable();
    let (served, tokens) = match fresh_tokens(state, stored.clone(), |life, now| {
        renewable && life.must_renew_to_serve(now)
    })
    .await
    {
        Ok(fresh) => fresh,
        // The platform is down: the current token is still good if it has not expired.
        Err(Unrenewed::Unavailable | Unrenewed::Busy)
            if current_expiry.is_some_and(|at| at > now) =>
        {
            let key = state.secrets.sealing_key().await?;
            let tokens = open_tokens(key, &stored)?;
            (stored, tokens)
        }
        Err(Unrenewed::Unavailable | Unrenewed::Busy) => {
            return Err(AppError::PlatformUnavailable(
                stored.connection.platform.display_name(),
            ))
        }
        Err(Unrenewed::NeedsReconnect) => {
            let health = state
                .store
                .connection(workspace_id, connection_id)
                .await?
                .map_or(health, |latest| latest.connection.health(state.clock.now()));
            return Err(AppError::ConnectionNeedsReconnect(health));
        }
        Err(Unrenewed::Gone) => return Err(AppError::ConnectionNotFound),
        Err(Unrenewed::Failed(error)) => return Err(error),
    };
    let connection = served.connection;
    tracing::info!(
        caller,
        connection_id = connection.connection_id.as_str(),
        platform = connection.platform.as_str(),
        "access token issued"
    );
    Ok(AccessTokenView {
        connection_id: connection.connection_id.to_string(),
        platform: connection.platform,
        account_id: connection.account_id,
        access_token: tokens.access_token,
        expires_at: connection.life.access_expires_at,
        scopes: connection.scopes,
    })
}

// ----- the refresher -----

/// What one refresher run did.
#[derive(Debug, Default, Serialize)]
pub struct UpkeepReport {
    pub due: usize,
    pub renewed: usize,
    pub checked: usize,
    pub needs_reconnect: usize,
    pub retry_later: usize,
    pub notices_sent: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// Open invitations whose link expired since the last run.
    pub invitations_expired: usize,
}

/// Does what is due for every connection whose upkeep is due now, `concurrency` at a
/// time; found with a query on the due index, never a scan.
pub async fn run_upkeep(
    state: Arc<AppState>,
    concurrency: usize,
) -> Result<UpkeepReport, AppError> {
    let now = state.clock.now();
    let due = state.store.due_connections(now, RUN_LIMIT).await?;
    let mut report = UpkeepReport {
        due: due.len(),
        ..UpkeepReport::default()
    };
    let outcomes: Vec<Done> = futures::stream::iter(due)
        .map(|due| {
            let state = Arc::clone(&state);
            async move { upkeep_one(&state, due).await }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    for outcome in outcomes {
        match outcome {
            Done::Renewed => report.renewed += 1,
            Done::Checked => report.checked += 1,
            Done::NeedsReconnect => report.needs_reconnect += 1,
            Done::RetryLater => report.retry_later += 1,
            Done::Notified => report.notices_sent += 1,
            Done::Unchanged => report.unchanged += 1,
            Done::Failed => report.failed += 1,
        }
    }
    tracing::info!(
        due = report.due,
        renewed = report.renewed,
        checked = report.checked,
        needs_reconnect = report.needs_reconnect,
        retry_later = report.retry_later,
        notices_sent = report.notices_sent,
        failed = report.failed,
        "upkeep run finished"
    );
    report.invitations_expired = expire_invitations(&state, now).await?;
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
    Ok(report)
}

enum Done {
    Renewed,
    Checked,
    NeedsReconnect,
    RetryLater,
    Notified,
    Unchanged,
    Failed,
}

async fn upkeep_one(state: &AppState, due: DueConnection) -> Done {
    match act_on(state, &due).await {
        Ok(done) => done,
        Err(error) => {
            tracing::error!(
                connection_id = due.connection_id.as_str(),
                cause = %DisplayErrorContext(&error),
                "upkeep failed"
            );
            Done::Failed
        }
    }
}

async fn act_on(state: &AppState, due: &DueConnection) -> Result<Done, AppError> {
    let Some(stored) = state
        .store
        .connection(&due.workspace_id, &due.connection_id)
        .await?
    else {
        return Ok(Done::Unchanged);
    };
    let now = state.clock.now();
    let Some(upkeep) = stored.connection.upkeep(now) else {
        // Found early (its due time moved): put it back where it belongs.
        state
            .store
            .schedule_upkeep(&stored.connection, stored.connection.next_upkeep(now))
            .await?;
        return Ok(Done::Unchanged);
    };
    match upkeep {
        Upkeep::Renew => Ok(match fresh_tokens(state, stored, |_, _| true).await {
            Ok(_) => Done::Renewed,
            Err(Unrenewed::NeedsReconnect) => Done::NeedsReconnect,
            Err(Unrenewed::Unavailable | Unrenewed::Busy) => Done::RetryLater,
            Err(Unrenewed::Gone) => Done::Unchanged,
            Err(Unrenewed::Failed(error)) => return Err(error),
        }),
        Upkeep::Check => check(state, stored).await,
        Upkeep::Expire => {
            let mut expired = stored.connection.clone();
            let deadline = expired.life.deadline().unwrap_or(now);
            expired.broken = Some(Broken {
                reason: HealthReason::Expired,
                since: deadline,
            });
            record_upkeep(state, &stored, &expired, None).await?;
            notify(state, &stored, Notice::NeedsReconnect).await?;
            Ok(Done::NeedsReconnect)
        }
        Upkeep::Notify(notice) => {
            // A deadline's coming near is a change of health the host hears of too.
            if stored.connection.clone().report_health(now).is_some() {
                record_upkeep(state, &stored, &stored.connection, None).await?;
            }
            Ok(match notify(state, &stored, notice).await? {
                true => Done::Notified,
                false => Done::Unchanged,
            })
        }
    }
}

/// The daily check of a connection nothing renews soon: a cheap call with its token.
async fn check(state: &AppState, stored: StoredConnection) -> Result<Done, AppError> {
    let connection = &stored.connection;
    let key = state.secrets.sealing_key().await?;
    let tokens = open_tokens(key, &stored)?;
    let flow = flow_for(state, connection.platform).await?;
    let outcome = flow.check(&tokens.access_token).await;
    let now = state.clock.now();
    let mut after = connection.clone();
    let done = match outcome {
        Ok(()) => {
            after.checked_at = Some(now);
            after.failures = 0;
            after.retry_at = None;
            Done::Checked
        }
        Err(Refusal::Revoked(reason)) => {
            tracing::warn!(connection_id = connection.connection_id.as_str(), reason = %reason, "the platform refused the token");
            after.broken = Some(Broken {
                reason: HealthReason::AccessRevoked,
                since: now,
            });
            after.retry_at = None;
            Done::NeedsReconnect
        }
        Err(refusal) => {
            tracing::warn!(connection_id = connection.connection_id.as_str(), cause = %refusal, "check failed for now");
            after.failures += 1;
            after.retry_at = Some(after.backoff(now));
            Done::RetryLater
        }
    };
    record_upkeep(state, &stored, &after, None).await?;
    if matches!(done, Done::NeedsReconnect) {
        notify(state, &stored, Notice::NeedsReconnect).await?;
    }
    Ok(done)
}

// ----- notices -----

/// Sends `notice` to the people of the connection's owner, once: it is claimed on the
/// connection first, and given back if no email could be sent (a later run tries
/// again). Returns whether it went out.
async fn notify(
    state: &AppState,
    stored: &StoredConnection,
    notice: Notice,
) -> Result<bool, AppError> {
    let now = state.clock.now();
    let latest = state
        .store
        .connection(
            &stored.connection.workspace_id,
            &stored.connection.connection_id,
        )
        .await?
        .ok_or(AppError::ConnectionNotFound)?;
    if latest.connection.notices.contains_key(&notice) {
        return Ok(false);
    }
    if state.store.claim_notice(&latest, notice, now).await? == Guarded::Refused {
        return Ok(false);
    }
    let sent = send_reconnect_emails(state, &latest.connection, notice).await;
    let mut after = latest.connection.clone();
    match sent {
        Ok(count) if count > 0 => {
            after.notices.insert(notice, now.unix_timestamp());
            state
                .store
                .schedule_upkeep(&after, after.next_upkeep(now))
                .await?;
            tracing::info!(
                connection_id = after.connection_id.as_str(),
                notice = notice.slug(),
                recipients = count,
                "reconnect notice sent"
            );
            Ok(true)
        }
        outcome => {
            if let Err(error) = &outcome {
                tracing::warn!(cause = %DisplayErrorContext(error), notice = notice.slug(), "reconnect notice not sent; it will be tried again");
            }
            state.store.release_notice(&after, notice).await?;
            let retry = now + Duration::minutes(15);
            state
                .store
                .schedule_upkeep(
                    &after,
                    Some(after.next_upkeep(now).map_or(retry, |at| at.max(retry))),
                )
                .await?;
            Ok(false)
        }
    }
}

/// Emails every person who can reconnect the connection; returns how many got one.
async fn send_reconnect_emails(
    state: &AppState,
    connection: &Connection,
    notice: Notice,
) -> Result<usize, AppError> {
    let workspace = state
        .store
        .workspace(&connection.workspace_id)
        .await?
        .ok_or(AppError::WorkspaceNotFound)?
        .workspace;
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
    let page = match connection.owner {
        ConnectionOwner::Client(_) => "/connect",
        ConnectionOwner::Agency => "/workspace/connections",
    };
    let mut link = state.config.page_url(page);
    link.query_pairs_mut()
        .append_pair("workspace", connection.workspace_id.as_str())
        .append_pair("reconnect", connection.connection_id.as_str());
    let mut sent = 0;
    for person in &people {
        let email = ReconnectEmail {
            to: &person.email,
            workspace_name: workspace.name.as_str(),
            platform: connection.platform,
            account: &connection.display_name,
            link: link.as_str(),
            notice,
            deadline: connection.life.deadline(),
        };
        match state.mailer.send_reconnect(&email).await {
            Ok(_) => sent += 1,
            Err(failure) => {
                tracing::warn!(reason = failure.reason, cause = %failure.detail, "a reconnect email was not accepted by SES")
            }
        }
    }
    Ok(sent)
}

/// What the agency was told: how many people were emailed.
#[derive(Debug, Serialize)]
pub struct ReconnectRequested {
    pub connection_id: String,
    pub sent_to: usize,
}

/// The agency asks the client (again) to reconnect a connection that is expiring or
/// needs reconnecting.
pub async fn request_reconnect(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<ReconnectRequested, AppError> {
    super::acting::authorize_admin(state, caller, workspace_id, crate::store::Reads::default())
        .await?;
    let connection = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .ok_or(AppError::ConnectionNotFound)?
        .connection;
    let health = connection.health(state.clock.now());
    let notice = match health.status {
        HealthStatus::Healthy => return Err(AppError::ConnectionHealthy),
        HealthStatus::Expiring => Notice::Expiring,
        HealthStatus::NeedsReconnect => Notice::NeedsReconnect,
    };
    let sent_to = send_reconnect_emails(state, &connection, notice).await?;
    if sent_to == 0 {
        return Err(AppError::NobodyToNotify);
    }
    tracing::info!(
        connection_id = connection_id.as_str(),
        sent_to,
        "reconnect email resent by the agency"
    );
    Ok(ReconnectRequested {
        connection_id: connection_id.to_string(),
        sent_to,
    })
}
