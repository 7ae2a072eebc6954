//! Connecting social accounts: start, callback, list, disconnect.
//!
//! Rules this module keeps:
//! - `state` is 256 random bits, stored only as a hash, single use (a conditional
//!   delete consumes it), valid 15 minutes (TTL, and checked on read), bound to the
//!   platform, the workspace, the client and the browser (a cookie nonce whose hash the
//!   state holds). PKCE S256 wherever the platform supports it.
//! - The redirect URI is exact and per platform: `<api>/oauth/callback/<platform>`.
//!   A state started for another platform is a mix-up and is refused.
//! - Where the person lands afterwards is a fixed page chosen by role, never a URL from
//!   the request.
//! - A consent that grants less than the product needs is refused, saying what is lost
//!   (e.g. "posting"), and stores nothing.
//! - The same platform account connected again by the same owner is refreshed in place
//!   (same connection id, healthy again). Connected by a different client of the
//!   workspace (or by the agency while a client holds it) it is refused as
//!   `connected-elsewhere`. A reconnect of one connection must bring back the same
//!   platform account; another account is refused and changes nothing.

use aws_sdk_dynamodb::error::DisplayErrorContext;
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use super::acting::Acting;
use super::views::{ConnectStarted, ConnectionList, ConnectionView, Disconnected};
use crate::crypto::{random_url_safe, sha256_hex, SealContext, SealingKey};
use crate::domain::{
    Actor, Change, ClientId, Connection, ConnectionId, ConnectionOwner, Landing, PageSize,
    Platform, UserId, What, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::oauth::{Candidate, Granted, OAuthFlow, PlatformProfile, PlatformSpec, PlatformTokens};
use crate::state::AppState;
use crate::store::{Cursor, Guarded, Inserted, Listing, OAuthState, SeenPage, StoredConnection};

/// How long a person has at the platform's consent page.
pub const STATE_LIFETIME: Duration = Duration::minutes(15);
const TOKENS_FIELD: &str = "tokens";
const PKCE_FIELD: &str = "pkce_verifier";

/// A connect under way: what the caller is told, and the nonce the starting browser
/// must carry back (in a cookie) for the callback to be accepted.
pub struct StartedConnect {
    pub view: ConnectStarted,
    pub browser_nonce: String,
}

/// Starts connecting `platform`; `reconnect` names the connection this consent must
/// renew (the same platform account must come back).
pub async fn start(
    state: &AppState,
    actor: &Actor,
    workspace_id: &WorkspaceId,
    platform: Platform,
    reconnect: Option<&ConnectionId>,
) -> Result<StartedConnect, AppError> {
    let now = state.clock.now();
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    acting.may_connect(platform)?;
    let (owner, landing) = (acting.owner(), acting.landing());
    if let Some(id) = reconnect {
        let current = state
            .store
            .connection(workspace_id, id)
            .await?
            .map(|stored| stored.connection)
            .filter(|connection| connection.owner == owner && connection.platform == platform)
            .ok_or(AppError::ConnectionNotFound)?;
        tracing::info!(
            connection_id = current.connection_id.as_str(),
            "reconnect started"
        );
    }
    let flow = flow_for(state, platform).await?;
    let state_value = random_url_safe();
    let state_hash = sha256_hex(&state_value);
    let browser_nonce = random_url_safe();
    let authorization = flow.authorize(&state_value).map_err(AppError::internal)?;
    let sealed_pkce_verifier = match authorization.pkce_verifier {
        Some(verifier) => Some(
            state
                .secrets
                .sealing_key()
                .await?
                .seal(&verifier, &pkce_context(workspace_id, &state_hash))
                .map_err(AppError::internal)?,
        ),
        None => None,
    };
    let expires_at = now + STATE_LIFETIME;
    state
        .store
        .put_oauth_state(
            &state_hash,
            &OAuthState {
                workspace_id: workspace_id.clone(),
                platform,
                actor: acting.actor(),
                owner,
                browser_hash: sha256_hex(&browser_nonce),
                sealed_pkce_verifier,
                landing,
                reconnect: reconnect.cloned(),
                expires_at,
            },
        )
        .await?;
    tracing::info!(platform = platform.as_str(), "connect started");
    Ok(StartedConnect {
        view: ConnectStarted {
            authorize_url: authorization.url.to_string(),
            expires_at,
        },
        browser_nonce,
    })
}

/// The query the platform sends back to the redirect URI.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// How a connect ended, as the person is told on the page they land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Connected,
    AccessDenied,
    PlatformError,
    StateMissing,
    StateUnknown,
    StateExpired,
    PlatformMismatch,
    BrowserMismatch,
    TokenExchangeFailed,
    ProfileFailed,
    NotAllowed,
    ConnectedElsewhere,
    /// A reconnect brought back another platform account than the connection's.
    WrongAccount,
    /// The consent granted less than the product needs.
    PermissionsMissing,
    /// The consent brought several accounts (or one that cannot be connected): the
    /// person chooses on our page.
    ChooseAccounts,
    /// The person left the choice without connecting anything.
    Cancelled,
    /// The choice was made too late (or twice).
    ChoiceExpired,
    Failed,
}

impl Outcome {
    pub const ALL: [Outcome; 18] = [
        Outcome::Connected,
        Outcome::AccessDenied,
        Outcome::PlatformError,
        Outcome::StateMissing,
        Outcome::StateUnknown,
        Outcome::StateExpired,
        Outcome::PlatformMismatch,
        Outcome::BrowserMismatch,
        Outcome::TokenExchangeFailed,
        Outcome::ProfileFailed,
        Outcome::NotAllowed,
        Outcome::ConnectedElsewhere,
        Outcome::WrongAccount,
        Outcome::PermissionsMissing,
        Outcome::ChooseAccounts,
        Outcome::Cancelled,
        Outcome::ChoiceExpired,
        Outcome::Failed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Connected => "connected",
            Outcome::AccessDenied => "access-denied",
            Outcome::PlatformError => "platform-error",
            Outcome::StateMissing => "state-missing",
            Outcome::StateUnknown => "state-unknown",
            Outcome::StateExpired => "state-expired",
            Outcome::PlatformMismatch => "platform-mismatch",
            Outcome::BrowserMismatch => "browser-mismatch",
            Outcome::TokenExchangeFailed => "token-exchange-failed",
            Outcome::ProfileFailed => "profile-failed",
            Outcome::NotAllowed => "not-allowed",
            Outcome::ConnectedElsewhere => "connected-elsewhere",
            Outcome::WrongAccount => "wrong-account",
            Outcome::PermissionsMissing => "permissions-missing",
            Outcome::ChooseAccounts => "choose-accounts",
            Outcome::Cancelled => "cancelled",
            Outcome::ChoiceExpired => "choice-expired",
            Outcome::Failed => "failed",
        }
    }
}

/// How a connect ended, and what the landing page needs to say so.
pub struct ConnectFinished {
    pub outcome: Outcome,
    pub landing: Landing,
    pub workspace: Option<WorkspaceId>,
    /// The connection made, or the one a refused reconnect was for.
    pub connection_id: Option<ConnectionId>,
    /// What a consent that granted too little cannot do (e.g. "posting").
    pub missing: Vec<&'static str>,
    /// The token of the accounts waiting for the person's choice (for a cookie).
    pub choice: Option<String>,
}

/// Back from the platform: `browser_nonce` is what the browser's binding cookie holds.
pub async fn callback(
    state: &AppState,
    platform: Platform,
    query: CallbackQuery,
    browser_nonce: Option<&str>,
) -> ConnectFinished {
    // Boxed: the callback's future is large, and a Lambda's (or a test's) stack small.
    let finished = match Box::pin(complete(state, platform, &query, browser_nonce)).await {
        Ok(finished) => finished,
        Err(refused) => refused,
    };
    crate::metrics::count(
        "Connections",
        1,
        &[
            ("Platform", platform.as_str()),
            ("Outcome", finished.outcome.slug()),
        ],
    );
    if finished.outcome == Outcome::Connected {
        tracing::info!(
            platform = platform.as_str(),
            outcome = finished.outcome.slug(),
            "connect finished"
        );
    } else {
        tracing::warn!(
            platform = platform.as_str(),
            outcome = finished.outcome.slug(),
            "connect refused"
        );
    }
    finished
}

fn ended(outcome: Outcome, landing: Landing, workspace: Option<&WorkspaceId>) -> ConnectFinished {
    ConnectFinished {
        outcome,
        landing,
        workspace: workspace.cloned(),
        connection_id: None,
        missing: Vec::new(),
        choice: None,
    }
}

async fn complete(
    state: &AppState,
    platform: Platform,
    query: &CallbackQuery,
    browser_nonce: Option<&str>,
) -> Result<ConnectFinished, ConnectFinished> {
    let unknown = Landing::ClientConnectPage;
    let failed = |landing, workspace: Option<&WorkspaceId>| {
        let workspace = workspace.cloned();
        move |error: AppError| {
            tracing::error!(cause = %DisplayErrorContext(&error), "connect failed");
            ended(Outcome::Failed, landing, workspace.as_ref())
        }
    };
    let state_value = query
        .state
        .as_deref()
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ended(Outcome::StateMissing, unknown, None))?;
    let state_hash = sha256_hex(state_value);
    let pending = state
        .store
        .oauth_state(&state_hash)
        .await
        .map_err(|error| failed(unknown, None)(error.into()))?
        .ok_or_else(|| ended(Outcome::StateUnknown, unknown, None))?;
    let (landing, workspace) = (pending.landing, &pending.workspace_id);
    let refuse = |outcome| ended(outcome, landing, Some(workspace));
    let fail = |error: AppError| failed(landing, Some(workspace))(error);
    if pending.expires_at <= state.clock.now() {
        return Err(refuse(Outcome::StateExpired));
    }
    if pending.platform != platform {
        return Err(refuse(Outcome::PlatformMismatch));
    }
    if browser_nonce.map(sha256_hex).as_deref() != Some(pending.browser_hash.as_str()) {
        return Err(refuse(Outcome::BrowserMismatch));
    }
    // Single use: whoever deletes it first carries on; a replay finds nothing.
    if !state
        .store
        .consume_oauth_state(&state_hash)
        .await
        .map_err(|error| fail(error.into()))?
    {
        return Err(refuse(Outcome::StateUnknown));
    }
    if let Some(error) = &query.error {
        return Err(refuse(if error == "access_denied" {
            Outcome::AccessDenied
        } else {
            Outcome::PlatformError
        }));
    }
    let code = query
        .code
        .as_deref()
        .filter(|code| !code.is_empty())
        .ok_or_else(|| refuse(Outcome::PlatformError))?;

    // The person may have been removed, their client deleted, their link replaced or
    // their platforms changed, meanwhile.
    let acting = match Acting::resolve(state, &pending.actor, workspace).await {
        Ok(acting) if acting.still_connects_for(&pending.owner, platform) => acting,
        Ok(_) => return Err(refuse(Outcome::NotAllowed)),
        Err(error) if error.is_internal() => return Err(fail(error)),
        Err(_) => return Err(refuse(Outcome::NotAllowed)),
    };

    let flow = flow_for(state, platform).await.map_err(fail)?;
    let key = state.secrets.sealing_key().await.map_err(fail)?;
    let verifier = match &pending.sealed_pkce_verifier {
        Some(sealed) => Some(
            key.open(sealed, &pkce_context(workspace, &state_hash))
                .map_err(|error| fail(AppError::internal(error)))?,
        ),
        None => None,
    };
    let granted = flow.exchange(code, verifier).await.map_err(|error| {
        tracing::warn!(cause = %error, "token exchange failed");
        refuse(Outcome::TokenExchangeFailed)
    })?;
    let missing = flow.spec.missing(granted.scopes.as_deref());
    if !missing.is_empty() {
        return Err(ConnectFinished {
            missing: missing.iter().map(|needed| needed.allows).collect(),
            connection_id: pending.reconnect.clone(),
            ..refuse(Outcome::PermissionsMissing)
        });
    }
    let candidates = flow.accounts(&granted).await.map_err(|error| {
        tracing::warn!(cause = %error, "profile call failed");
        refuse(Outcome::ProfileFailed)
    })?;
    let consent = Consent {
        workspace: workspace.clone(),
        platform,
        owner: pending.owner.clone(),
        connected_by: acting.user_id(),
        renewal: flow.spec.renewal,
        shared_grant: None,
    };

    // A reconnect renews one connection: the same account must come back.
    if let Some(id) = &pending.reconnect {
        let current = state
            .store
            .connection(workspace, id)
            .await
            .map_err(|error| fail(error.into()))?;
        if let Some(current) = current {
            let Some(candidate) = candidates
                .iter()
                .find(|candidate| candidate.profile.account_id == current.connection.account_id)
            else {
                return Err(ConnectFinished {
                    connection_id: Some(id.clone()),
                    ..refuse(Outcome::WrongAccount)
                });
            };
            return match save_account(state, key, &consent, Some(current), candidate, &granted)
                .await
            {
                Ok(Saved::Connected(id)) => Ok(ConnectFinished {
                    connection_id: Some(id),
                    ..ended(Outcome::Connected, landing, Some(workspace))
                }),
                Ok(Saved::Refused(outcome)) => Err(refuse(outcome)),
                Err(error) => Err(fail(error)),
            };
        }
    }

    // One account the person may connect: connected at once. Several (or one they may
    // not publish to): they choose on our page, and nothing is saved until they do.
    if let [only] = candidates.as_slice() {
        if only.unavailable.is_none() {
            return match save_account(state, key, &consent, None, only, &granted).await {
                Ok(Saved::Connected(id)) => Ok(ConnectFinished {
                    connection_id: Some(id),
                    ..ended(Outcome::Connected, landing, Some(workspace))
                }),
                Ok(Saved::Refused(outcome)) => Err(refuse(outcome)),
                Err(error) => Err(fail(error)),
            };
        }
    }
    let choice = super::choices::offer(state, key, &pending, &consent, &candidates, &granted)
        .await
        .map_err(fail)?;
    Ok(ConnectFinished {
        choice: Some(choice),
        ..ended(Outcome::ChooseAccounts, landing, Some(workspace))
    })
}

/// What a consent connects for, whichever account is chosen.
pub(crate) struct Consent {
    pub workspace: WorkspaceId,
    pub platform: Platform,
    pub owner: ConnectionOwner,
    pub connected_by: UserId,
    pub renewal: crate::oauth::RenewalKind,
    /// Set when several accounts of this consent are saved, so disconnecting one does not
    /// revoke the grant the others live on.
    pub shared_grant: Option<crate::domain::GrantId>,
}

pub(crate) enum Saved {
    Connected(ConnectionId),
    Refused(Outcome),
}

/// Saves one account of a consent: renews `reconnecting` (or the connection that
/// already holds the account, if it is the same owner's) in place, or makes a new one.
pub(crate) async fn save_account(
    state: &AppState,
    key: &SealingKey,
    consent: &Consent,
    reconnecting: Option<StoredConnection>,
    candidate: &Candidate,
    granted: &Granted,
) -> Result<Saved, AppError> {
    let existing = match reconnecting {
        Some(current) => Some(current),
        None => {
            state
                .store
                .connection_for_account(
                    &consent.workspace,
                    consent.platform,
                    &candidate.profile.account_id,
                )
                .await?
        }
    };
    if existing
        .as_ref()
        .is_some_and(|existing| existing.connection.owner != consent.owner)
    {
        return Ok(Saved::Refused(Outcome::ConnectedElsewhere));
    }
    let granted = candidate.granted(granted);
    let now = state.clock.now();
    let connection = connection_from_consent(
        consent,
        existing.as_ref(),
        candidate.profile.clone(),
        &granted,
        now,
    );
    let due = connection.next_upkeep(now);
    let mut stored = StoredConnection {
        sealed_tokens: seal_tokens(key, &connection, &granted.tokens)?,
        connection,
        version: existing.as_ref().map_or(0, |existing| existing.version + 1),
        rev: existing.as_ref().map_or(0, |existing| existing.rev + 1),
        due_entry: None,
    };
    let saved = match &existing {
        None => {
            let connected = Change::new(
                &consent.workspace,
                now,
                who_connected(&stored.connection),
                What::ConnectionConnected {
                    connection_id: stored.connection.connection_id.clone(),
                    platform: stored.connection.platform,
                    client_id: stored.connection.owner.client_id().cloned(),
                },
            );
            state
                .store
                .insert_connection(&stored, due, &[connected])
                .await?
        }
        Some(_) => {
            // A reconnect: told as the connection's health coming back.
            let by = who_connected(&stored.connection);
            let changes: Vec<Change> = health_change(&mut stored.connection, now, by)
                .into_iter()
                .collect();
            let previous_grant = existing
                .as_ref()
                .and_then(|existing| existing.connection.shared_grant.as_ref());
            state
                .store
                .reconnect(&stored, previous_grant, due, &changes)
                .await?
        }
    };
    Ok(match saved {
        Inserted::Done => Saved::Connected(stored.connection.connection_id),
        Inserted::AccountHeld { .. } => Saved::Refused(Outcome::ConnectedElsewhere),
        Inserted::ClientGone => Saved::Refused(Outcome::NotAllowed),
    })
}

/// Who made a connection: the person, or the client's connect link.
fn who_connected(connection: &Connection) -> Who {
    match connection.owner.client_id() {
        Some(client_id) if connection.connected_by == crate::domain::UserId::connect_link() => {
            Who::ConnectLink {
                client_id: client_id.clone(),
            }
        }
        _ => Who::person(&connection.connected_by),
    }
}

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

/// The connection a consent makes: a new one, or `existing` renewed in place (same id,
/// first connected when it was, healthy again, its notices and failures forgotten).
fn connection_from_consent(
    consent: &Consent,
    existing: Option<&StoredConnection>,
    profile: PlatformProfile,
    granted: &Granted,
    now: OffsetDateTime,
) -> Connection {
    let existing = existing.map(|stored| &stored.connection);
    Connection {
        connection_id: existing.map_or_else(ConnectionId::generate, |existing| {
            existing.connection_id.clone()
        }),
        workspace_id: consent.workspace.clone(),
        platform: consent.platform,
        account_id: profile.account_id,
        display_name: profile.display_name,
        avatar_url: profile.avatar_url,
        owner_key: consent.owner.key(),
        owner: consent.owner.clone(),
        assigned_to: existing.and_then(|existing| existing.assigned_to.clone()),
        shared_grant: consent.shared_grant.clone(),
        connected_by: consent.connected_by.clone(),
        connected_at: existing.map_or(now, |existing| existing.connected_at),
        refreshed_at: now,
        life: granted.life(consent.renewal),
        scopes: granted.scopes.clone().unwrap_or_default(),
        broken: None,
        healthy_since: now,
        checked_at: Some(now),
        notices: Default::default(),
        failures: 0,
        retry_at: None,
        unconfirmed_refresh: None,
        renewed_on_demand_at: existing.and_then(|existing| existing.renewed_on_demand_at),
        reported_health: existing.and_then(|existing| existing.reported_health),
    }
}

/// Which page of connections to list.
#[derive(Debug, Clone)]
pub struct ConnectionQuery {
    pub limit: PageSize,
    pub cursor: Option<String>,
}

/// A page of the connections this actor sees, newest first, each with its health: a
/// client's person its client's own and those the agency assigned to it (from the
/// client's part of the by-client index); the agency every connection of the
/// workspace. One page, however large the workspace.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    workspace_id: &WorkspaceId,
    query: ConnectionQuery,
) -> Result<ConnectionList, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    let cursor = query
        .cursor
        .map(|raw| Cursor::parse(&raw, Listing::Connections, workspace_id))
        .transpose()?;
    let page = page_seen(state, &acting, workspace_id, query.limit, cursor.as_ref()).await?;
    let now = state.clock.now();
    Ok(ConnectionList {
        items: page
            .connections
            .into_iter()
            .map(|stored| ConnectionView::of(stored.connection, now))
            .collect(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    })
}

/// One page of what `acting` sees.
async fn page_seen(
    state: &AppState,
    acting: &Acting,
    workspace_id: &WorkspaceId,
    limit: PageSize,
    cursor: Option<&Cursor>,
) -> Result<SeenPage, AppError> {
    Ok(match acting.client() {
        Some(client) => {
            state
                .store
                .page_seen_by(workspace_id, &client.client_id, limit.get(), cursor)
                .await?
        }
        None => {
            state
                .store
                .connections_page(workspace_id, limit.get(), cursor)
                .await?
        }
    })
}

pub async fn disconnect(
    state: &AppState,
    actor: &Actor,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<Disconnected, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    let stored = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        // A client asking for another client's connection learns nothing about it.
        .filter(|stored| acting.sees(&stored.connection))
        .ok_or(AppError::ConnectionNotFound)?;
    acting.may_disconnect(&stored.connection)?;
    release(state, stored, acting.who()).await
}

/// What the client's connect page shows: who acts, the platforms they may connect,
/// and the connections they see (each knows its health; assigned ones are view only).
pub struct ConnectPageView {
    pub acting: Acting,
    pub platforms: Vec<Platform>,
    pub connections: Vec<Connection>,
}

pub async fn connect_page_view(
    state: &AppState,
    actor: &Actor,
    workspace_id: &WorkspaceId,
) -> Result<ConnectPageView, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    let Some(client) = acting.client() else {
        return Err(AppError::NotWorkspaceMember);
    };
    let connections = state
        .store
        .connections_seen_by(workspace_id, &client.client_id)
        .await?
        .into_iter()
        .map(|stored| stored.connection)
        .collect();
    Ok(ConnectPageView {
        platforms: acting.connectable(),
        acting,
        connections,
    })
}

/// Platform revocations run at once per client deletion: enough to finish a client's
/// dozen accounts in a few round trips, few enough to stay polite to each platform.
const REVOKES_AT_ONCE: usize = 4;

/// Disconnects every connection of one client (when the agency deletes it and chose
/// to disconnect), several at once. One that fails is reported and the others go on;
/// one someone else removed meanwhile is simply not reported.
pub async fn disconnect_client(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    by: &Who,
) -> Result<Vec<Disconnected>, AppError> {
    let theirs = connections_of(state, workspace_id, client_id).await?;
    let released = release_all(state, theirs, by).await;
    tracing::info!(
        client_id = client_id.as_str(),
        count = released.len(),
        "client's connections disconnected"
    );
    Ok(released)
}

/// Disconnects every connection of a workspace that is being deleted.
pub(crate) async fn disconnect_workspace(
    state: &AppState,
    workspace_id: &WorkspaceId,
    by: &Who,
) -> Result<Vec<Disconnected>, AppError> {
    let all = state.store.connections(workspace_id).await?;
    Ok(release_all(state, all, by).await)
}

/// Releases `connections`, a few at a time; accounts chosen together share a grant:
/// those go one after another, so the last of them sees no sibling left and revokes
/// the grant.
async fn release_all(
    state: &AppState,
    connections: Vec<StoredConnection>,
    by: &Who,
) -> Vec<Disconnected> {
    use futures::stream::{self, StreamExt};
    let mut groups: std::collections::BTreeMap<String, Vec<StoredConnection>> = Default::default();
    for stored in connections {
        let connection = &stored.connection;
        let group = connection
            .shared_grant
            .as_ref()
            .map_or_else(|| connection.connection_id.to_string(), ToString::to_string);
        groups.entry(group).or_default().push(stored);
    }
    let outcomes: Vec<Vec<Disconnected>> = stream::iter(groups.into_values())
        .map(|group| async move {
            let mut done = Vec::new();
            for stored in group {
                done.extend(release_reporting(state, stored, by.clone()).await);
            }
            done
        })
        .buffer_unordered(REVOKES_AT_ONCE)
        .collect()
        .await;
    outcomes.into_iter().flatten().collect()
}

/// Releases one connection of a deleted client: what happened to it, or nothing when
/// someone else removed it meanwhile. A failure is logged and reported, not returned,
/// so the client's other connections still go.
async fn release_reporting(
    state: &AppState,
    stored: StoredConnection,
    by: Who,
) -> Option<Disconnected> {
    let (id, platform) = (
        stored.connection.connection_id.clone(),
        stored.connection.platform,
    );
    match release(state, stored, by).await {
        Ok(done) => Some(done),
        Err(AppError::ConnectionNotFound) => None,
        Err(error) => {
            tracing::error!(
                connection_id = id.as_str(),
                cause = %DisplayErrorContext(&error),
                "a client's connection could not be removed"
            );
            Some(Disconnected {
                id: id.to_string(),
                platform,
                revoked_at_platform: false,
                failed: Some("it could not be removed just now"),
            })
        }
    }
}

/// Stops showing the agency's connections to a client (deleted).
pub async fn unassign_all(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
) -> Result<(), AppError> {
    for stored in state
        .store
        .connections_seen_by(workspace_id, client_id)
        .await?
    {
        if stored.connection.assigned_to.as_ref() == Some(client_id) {
            state
                .store
                .assign_connection(&stored.connection, None)
                .await?;
        }
    }
    Ok(())
}

/// Revokes at the platform where it can (best effort), then deletes the ciphertext.
async fn release(
    state: &AppState,
    stored: StoredConnection,
    by: Who,
) -> Result<Disconnected, AppError> {
    let connection = &stored.connection;
    let revoked_at_platform = match revoke_at_platform(state, &stored).await {
        Ok(revoked) => revoked,
        Err(error) => {
            tracing::warn!(cause = %DisplayErrorContext(&error), platform = connection.platform.as_str(), "revocation at the platform failed");
            false
        }
    };
    let disconnected = Change::new(
        &connection.workspace_id,
        state.clock.now(),
        by,
        What::ConnectionDisconnected {
            connection_id: connection.connection_id.clone(),
            platform: connection.platform,
            client_id: connection.owner.client_id().cloned(),
        },
    );
    if state
        .store
        .delete_connection(connection, &[disconnected])
        .await?
        == Guarded::Refused
    {
        return Err(AppError::ConnectionNotFound);
    }
    tracing::info!(
        connection_id = connection.connection_id.as_str(),
        revoked_at_platform,
        "connection removed"
    );
    Ok(Disconnected {
        id: connection.connection_id.to_string(),
        platform: connection.platform,
        revoked_at_platform,
        failed: None,
    })
}

async fn revoke_at_platform(state: &AppState, stored: &StoredConnection) -> Result<bool, AppError> {
    let connection = &stored.connection;
    let flow = flow_for(state, connection.platform).await?;
    if flow.spec.endpoints.revoke.is_none() {
        return Ok(false);
    }
    let key = state.secrets.sealing_key().await?;
    let tokens = open_tokens(key, stored)?;
    // Revoking the refresh token ends the whole grant where the platform has one.
    let token = grant_token(&tokens);
    if shares_grant(state, stored).await? {
        tracing::info!(
            connection_id = connection.connection_id.as_str(),
            "grant kept at the platform: other connections of the same consent use it"
        );
        return Ok(false);
    }
    flow.revoke(token).await.map_err(AppError::internal)
}

/// The token that stands for the whole grant: the refresh token where there is one.
fn grant_token(tokens: &PlatformTokens) -> &str {
    tokens
        .refresh_token
        .as_deref()
        .unwrap_or(&tokens.access_token)
}

/// Whether another connection of the workspace lives on the same grant (the YouTube
/// channels or LinkedIn profile and Pages chosen together): revoking it would end them
/// too. Only such connections cost the extra read: one small query of the grant's
/// markers (a connection from before the markers, which has none, is looked up the slow
/// way until `infra/migrate` wrote them).
async fn shares_grant(state: &AppState, stored: &StoredConnection) -> Result<bool, AppError> {
    let connection = &stored.connection;
    let Some(grant) = &connection.shared_grant else {
        return Ok(false);
    };
    if let Some(shared) = state.store.grant_siblings(connection).await? {
        return Ok(shared);
    }
    Ok(state
        .store
        .connections(&connection.workspace_id)
        .await?
        .iter()
        .any(|other| {
            other.connection.shared_grant.as_ref() == Some(grant)
                && other.connection.connection_id != connection.connection_id
        }))
}

// ----- rules shared by the use cases -----

/// The connections one client owns (not those assigned to it), from its part of the
/// by-client index.
async fn connections_of(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
) -> Result<Vec<StoredConnection>, AppError> {
    let owner = ConnectionOwner::Client(client_id.clone());
    Ok(state
        .store
        .connections_seen_by(workspace_id, client_id)
        .await?
        .into_iter()
        .filter(|stored| stored.connection.owner == owner)
        .collect())
}

/// A platform's flow with the deployment's app credentials and redirect URI.
pub(crate) async fn flow_for(state: &AppState, platform: Platform) -> Result<OAuthFlow, AppError> {
    Ok(OAuthFlow {
        spec: PlatformSpec::for_platform(platform, &state.config.oauth.platforms),
        credentials: state.secrets.platform_credentials(platform).await?.clone(),
        redirect_uri: state.config.oauth_callback_url(platform),
        http: state.http.client().clone(),
        clock: state.clock.clone(),
    })
}

fn pkce_context<'a>(workspace_id: &'a WorkspaceId, state_hash: &'a str) -> SealContext<'a> {
    SealContext {
        workspace_id: workspace_id.as_str(),
        item_id: state_hash,
        field: PKCE_FIELD,
    }
}

/// The AAD a connection's tokens are sealed to: its workspace, its id, the field.
pub(crate) fn tokens_context<'a>(
    workspace: &'a WorkspaceId,
    id: &'a ConnectionId,
) -> SealContext<'a> {
    SealContext {
        workspace_id: workspace.as_str(),
        item_id: id.as_str(),
        field: TOKENS_FIELD,
    }
}

/// Seals a connection's tokens to it (AAD: workspace, connection, field); benchmarks
/// seed connections with it.
pub fn seal_tokens(
    key: &SealingKey,
    connection: &Connection,
    tokens: &PlatformTokens,
) -> Result<String, AppError> {
    let plaintext = serde_json::to_string(tokens).map_err(AppError::internal)?;
    key.seal(
        &plaintext,
        &tokens_context(&connection.workspace_id, &connection.connection_id),
    )
    .map_err(AppError::internal)
}

/// Opens a connection's sealed tokens (renewal, the token service, revocation; tests
/// use it to prove the binding).
pub fn open_tokens(
    key: &SealingKey,
    stored: &StoredConnection,
) -> Result<PlatformTokens, AppError> {
    let plaintext = key
        .open(
            &stored.sealed_tokens,
            &tokens_context(
                &stored.connection.workspace_id,
                &stored.connection.connection_id,
            ),
        )
        .map_err(AppError::internal)?;
    serde_json::from_str(&plaintext).map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_its_own_slug() {
        let slugs: std::collections::HashSet<_> =
            Outcome::ALL.iter().map(|outcome| outcome.slug()).collect();
        assert_eq!(slugs.len(), Outcome::ALL.len());
    }
}
