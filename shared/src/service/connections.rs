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
//! - The same platform account connected again by the same owner is refreshed in place
//!   (same connection id). Connected by a different client of the workspace (or by
//!   the agency while a client holds it) it is refused as `connected-elsewhere`: an
//!   account belongs to one client, and only that client or the agency can release it.

use aws_sdk_dynamodb::error::DisplayErrorContext;
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use super::views::{ConnectStarted, ConnectionList, ConnectionView, Disconnected};
use crate::auth::Caller;
use crate::crypto::{random_url_safe, sha256_hex, SealContext};
use crate::domain::{
    Connection, ConnectionId, ConnectionOwner, Member, Platform, Role, WorkspaceId,
};
use crate::error::AppError;
use crate::oauth::{OAuthFlow, PlatformSpec, PlatformTokens};
use crate::state::AppState;
use crate::store::{Landing, OAuthState, Reads, StoredConnection};

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

pub async fn start(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    platform: Platform,
) -> Result<StartedConnect, AppError> {
    let now = state.clock.now();
    let (member, _) = active_member(state, caller, workspace_id).await?;
    let (owner, landing) = connect_rights(state, &member, platform).await?;
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
                user_id: caller.user_id.clone(),
                owner,
                browser_hash: sha256_hex(&browser_nonce),
                sealed_pkce_verifier,
                landing,
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
    Failed,
}

impl Outcome {
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
            Outcome::Failed => "failed",
        }
    }
}

/// How a connect ended, and what the landing page needs to say so.
pub struct ConnectFinished {
    pub outcome: Outcome,
    pub landing: Landing,
    pub workspace: Option<WorkspaceId>,
    pub connection_id: Option<ConnectionId>,
}

/// Back from the platform: `browser_nonce` is what the browser's binding cookie holds.
pub async fn callback(
    state: &AppState,
    platform: Platform,
    query: CallbackQuery,
    browser_nonce: Option<&str>,
) -> ConnectFinished {
    let finished = match complete(state, platform, &query, browser_nonce).await {
        Ok((landing, workspace, id)) => ConnectFinished {
            outcome: Outcome::Connected,
            landing,
            workspace: Some(workspace),
            connection_id: Some(id),
        },
        Err((outcome, landing, workspace)) => ConnectFinished {
            outcome,
            landing,
            workspace,
            connection_id: None,
        },
    };
    if finished.outcome == Outcome::Connected {
        tracing::info!(platform = platform.as_str(), outcome = finished.outcome.slug(), "connect finished");
    } else {
        tracing::warn!(platform = platform.as_str(), outcome = finished.outcome.slug(), "connect refused");
    }
    finished
}

/// How a callback was refused, where to land, and the workspace when known.
type Refused = (Outcome, Landing, Option<WorkspaceId>);

async fn complete(
    state: &AppState,
    platform: Platform,
    query: &CallbackQuery,
    browser_nonce: Option<&str>,
) -> Result<(Landing, WorkspaceId, ConnectionId), Refused> {
    let unknown_landing = Landing::ClientConnectPage;
    let state_value = query
        .state
        .as_deref()
        .filter(|value| !value.is_empty())
        .ok_or((Outcome::StateMissing, unknown_landing, None))?;
    let state_hash = sha256_hex(state_value);
    let failed = |landing, workspace: Option<WorkspaceId>| {
        move |error: AppError| {
            tracing::error!(cause = %DisplayErrorContext(&error), "connect failed");
            (Outcome::Failed, landing, workspace)
        }
    };
    let pending = state
        .store
        .oauth_state(&state_hash)
        .await
        .map_err(AppError::from)
        .map_err(failed(unknown_landing, None))?
        .ok_or((Outcome::StateUnknown, unknown_landing, None))?;
    let landing = pending.landing;
    let workspace = Some(pending.workspace_id.clone());
    if pending.expires_at <= state.clock.now() {
        return Err((Outcome::StateExpired, landing, workspace.clone()));
    }
    if pending.platform != platform {
        return Err((Outcome::PlatformMismatch, landing, workspace.clone()));
    }
    if browser_nonce.map(sha256_hex).as_deref() != Some(pending.browser_hash.as_str()) {
        return Err((Outcome::BrowserMismatch, landing, workspace.clone()));
    }
    // Single use: whoever deletes it first carries on; a replay finds nothing.
    if !state
        .store
        .consume_oauth_state(&state_hash)
        .await
        .map_err(AppError::from)
        .map_err(failed(landing, workspace.clone()))?
    {
        return Err((Outcome::StateUnknown, landing, workspace.clone()));
    }
    if let Some(error) = &query.error {
        let outcome = if error == "access_denied" {
            Outcome::AccessDenied
        } else {
            Outcome::PlatformError
        };
        return Err((outcome, landing, workspace));
    }
    let code = query
        .code
        .as_deref()
        .filter(|code| !code.is_empty())
        .ok_or((Outcome::PlatformError, landing, workspace.clone()))?;

    // The person may have been removed, or their platforms changed, meanwhile.
    let member = state
        .store
        .member(&pending.workspace_id, &pending.user_id)
        .await
        .map_err(AppError::from)
        .map_err(failed(landing, workspace.clone()))?
        .filter(Member::is_active);
    let still_allowed = match member {
        Some(member) => still_may_connect(state, member, platform, pending.owner.clone()).await,
        None => false,
    };
    if !still_allowed {
        return Err((Outcome::NotAllowed, landing, workspace.clone()));
    }

    let flow = flow_for(state, platform)
        .await
        .map_err(failed(landing, workspace.clone()))?;
    let key = state
        .secrets
        .sealing_key()
        .await
        .map_err(failed(landing, workspace.clone()))?;
    let verifier = match &pending.sealed_pkce_verifier {
        Some(sealed) => Some(
            key.open(sealed, &pkce_context(&pending.workspace_id, &state_hash))
                .map_err(|error| failed(landing, workspace.clone())(AppError::internal(error)))?,
        ),
        None => None,
    };
    let mut tokens = flow.exchange(code, verifier).await.map_err(|error| {
        tracing::warn!(cause = %error, "token exchange failed");
        (Outcome::TokenExchangeFailed, landing, workspace.clone())
    })?;
    let profile = flow.profile(&mut tokens).await.map_err(|error| {
        tracing::warn!(cause = %error, "profile call failed");
        (Outcome::ProfileFailed, landing, workspace.clone())
    })?;

    let existing = state
        .store
        .connection_by_account(&pending.workspace_id, platform, &profile.account_id)
        .await
        .map_err(AppError::from)
        .map_err(failed(landing, workspace.clone()))?;
    if let Some(existing) = &existing {
        if existing.connection.owner != pending.owner {
            return Err((Outcome::ConnectedElsewhere, landing, workspace.clone()));
        }
    }
    let now = state.clock.now();
    let connection = Connection {
        connection_id: existing
            .as_ref()
            .map(|existing| existing.connection.connection_id.clone())
            .unwrap_or_else(ConnectionId::generate),
        workspace_id: pending.workspace_id.clone(),
        platform,
        account_id: profile.account_id,
        display_name: profile.display_name,
        avatar_url: profile.avatar_url,
        owner_key: pending.owner.key(),
        owner: pending.owner.clone(),
        connected_by: pending.user_id.clone(),
        connected_at: existing
            .as_ref()
            .map_or(now, |existing| existing.connection.connected_at),
        refreshed_at: now,
    };
    let sealed_tokens =
        seal_tokens(key, &connection, &tokens).map_err(failed(landing, workspace.clone()))?;
    let stored = StoredConnection {
        connection,
        sealed_tokens,
    };
    match state
        .store
        .save_connection(&stored, existing.as_ref())
        .await
    {
        Ok(Ok(())) => Ok((
            landing,
            pending.workspace_id.clone(),
            stored.connection.connection_id,
        )),
        Ok(Err(_)) => Err((Outcome::ConnectedElsewhere, landing, workspace.clone())),
        Err(error) => Err(failed(landing, workspace.clone())(error.into())),
    }
}

/// A client sees its own connections; the agency sees every connection of the
/// workspace with the client each belongs to.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<ConnectionList, AppError> {
    let (member, _) = active_member(state, caller, workspace_id).await?;
    let own_client = client_of(&member)?;
    let mut items: Vec<ConnectionView> = state
        .store
        .connections(workspace_id)
        .await?
        .into_iter()
        .map(|stored| stored.connection)
        .filter(|connection| match &own_client {
            Some(client) => connection.owner == *client,
            None => true,
        })
        .map(ConnectionView::from)
        .collect();
    items.sort_by_key(|item| std::cmp::Reverse(item.connected_at));
    Ok(ConnectionList { items })
}

pub async fn disconnect(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<Disconnected, AppError> {
    let (member, workspace) = active_member(state, caller, workspace_id).await?;
    let own_client = client_of(&member)?;
    let stored = state
        .store
        .connections(workspace_id)
        .await?
        .into_iter()
        .find(|stored| stored.connection.connection_id == *connection_id)
        // A client asking for another client's connection learns nothing about it.
        .filter(|stored| {
            own_client
                .as_ref()
                .is_none_or(|client| stored.connection.owner == *client)
        })
        .ok_or(AppError::ConnectionNotFound)?;
    if own_client.is_some() {
        if !workspace.clients_may_disconnect {
            return Err(AppError::DisconnectNotAllowed);
        }
    } else if !member.role.manages_invitations() {
        return Err(AppError::NotWorkspaceAdmin);
    }
    release(state, stored).await
}

/// What the client's connect page shows: the workspace, the platforms the client may
/// connect, and its connections, each marked stale when its tokens can no longer be
/// used or refreshed.
pub struct ClientView {
    pub workspace: crate::domain::Workspace,
    pub platforms: Vec<Platform>,
    pub connections: Vec<(Connection, bool)>,
}

pub async fn client_view(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<ClientView, AppError> {
    let (member, workspace) = active_member(state, caller, workspace_id).await?;
    let (owner, platforms) = client_platforms(state, &member).await?;
    let theirs = connections_of(state, workspace_id, &owner).await?;
    let now = state.clock.now();
    let mut connections = Vec::new();
    if !theirs.is_empty() {
        let key = state.secrets.sealing_key().await?;
        for stored in theirs {
            let stale = match open_tokens(key, &stored) {
                Ok(tokens) => is_stale(&tokens, now),
                Err(_) => true,
            };
            connections.push((stored.connection, stale));
        }
    }
    Ok(ClientView {
        workspace,
        platforms,
        connections,
    })
}

/// Tokens that expired with nothing to refresh them need the person to reconnect.
fn is_stale(tokens: &PlatformTokens, now: OffsetDateTime) -> bool {
    let access_expired = tokens.expires_at.is_some_and(|at| at <= now);
    let refresh_usable =
        tokens.refresh_token.is_some() && tokens.refresh_expires_at.is_none_or(|at| at > now);
    access_expired && !refresh_usable
}

/// Disconnects every connection of one client (when the agency removes it and chose
/// to disconnect); returns how many there were.
pub async fn disconnect_client(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &str,
) -> Result<usize, AppError> {
    let owner = ConnectionOwner::Client(client_id.to_owned());
    let theirs = connections_of(state, workspace_id, &owner).await?;
    let count = theirs.len();
    for stored in theirs {
        release(state, stored).await?;
    }
    Ok(count)
}

/// Revokes at the platform where it can (best effort), then deletes the ciphertext.
async fn release(state: &AppState, stored: StoredConnection) -> Result<Disconnected, AppError> {
    let connection = &stored.connection;
    let revoked_at_platform = match revoke_at_platform(state, &stored).await {
        Ok(revoked) => revoked,
        Err(error) => {
            tracing::warn!(cause = %DisplayErrorContext(&error), platform = connection.platform.as_str(), "revocation at the platform failed");
            false
        }
    };
    if state.store.delete_connection(connection).await?.is_err() {
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
    })
}

async fn revoke_at_platform(state: &AppState, stored: &StoredConnection) -> Result<bool, AppError> {
    let connection = &stored.connection;
    let flow = flow_for(state, connection.platform).await?;
    if flow.spec.endpoints.revoke.is_none() {
        return Ok(false);
    }
    let key = state.secrets.sealing_key().await?;
    let tokens: PlatformTokens = serde_json::from_str(
        &key.open(&stored.sealed_tokens, &tokens_context(connection))
            .map_err(AppError::internal)?,
    )
    .map_err(AppError::internal)?;
    // Revoking the refresh token ends the whole grant where the platform has one.
    let token = tokens
        .refresh_token
        .as_deref()
        .unwrap_or(&tokens.access_token);
    flow.revoke(token).await.map_err(AppError::internal)
}

// ----- rules shared by the use cases -----

/// The caller's active membership, and the workspace, read in one round trip.
async fn active_member(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<(Member, crate::domain::Workspace), AppError> {
    let read = state
        .store
        .read(
            workspace_id,
            Reads {
                member: Some(&caller.user_id),
                workspace: true,
                ..Reads::default()
            },
        )
        .await?;
    let member = read
        .member
        .filter(Member::is_active)
        .ok_or(AppError::NotWorkspaceMember)?;
    let workspace = read.workspace.ok_or(AppError::WorkspaceNotFound)?.workspace;
    Ok((member, workspace))
}

/// `Some(owner)` for a client (who only ever sees its own), `None` for the agency.
fn client_of(member: &Member) -> Result<Option<ConnectionOwner>, AppError> {
    match (member.role, &member.client_id) {
        (Role::Client, Some(client_id)) => Ok(Some(ConnectionOwner::Client(client_id.clone()))),
        (Role::Client, None) => Err(AppError::NotWorkspaceMember),
        _ => Ok(None),
    }
}

/// Who a new connection will belong to, and where its person lands; refused when the
/// member may not connect this platform.
async fn connect_rights(
    state: &AppState,
    member: &Member,
    platform: Platform,
) -> Result<(ConnectionOwner, Landing), AppError> {
    match member.role {
        Role::Owner | Role::Admin => Ok((ConnectionOwner::Agency, Landing::AgencyConnectionsPage)),
        Role::Member => Err(AppError::NotWorkspaceAdmin),
        Role::Client => {
            let (owner, platforms) = client_platforms(state, member).await?;
            if !platforms.contains(&platform) {
                return Err(AppError::PlatformNotAllowed(platform.display_name()));
            }
            Ok((owner, Landing::ClientConnectPage))
        }
    }
}

/// The client a member acts for and the platforms it may connect now: its
/// invitation's platforms (none without the connect permission), narrowed by a
/// connect link's list. Refused when the member is no client or the client was removed.
async fn client_platforms(
    state: &AppState,
    member: &Member,
) -> Result<(ConnectionOwner, Vec<Platform>), AppError> {
    let client_id = member
        .client_id
        .clone()
        .filter(|_| member.role == Role::Client)
        .ok_or(AppError::NotWorkspaceMember)?;
    let invitation: crate::domain::InvitationId =
        client_id.parse().map_err(|_| AppError::NotWorkspaceMember)?;
    let terms = state
        .store
        .invitation(&member.workspace_id, &invitation)
        .await?
        .ok_or(AppError::NotWorkspaceMember)?
        .invitation;
    if terms.state != crate::domain::InvitationState::Accepted {
        return Err(AppError::ClientRemoved);
    }
    let platforms = if terms.permissions.connect_accounts {
        terms
            .platforms
            .into_iter()
            .filter(|platform| {
                member
                    .platforms
                    .as_ref()
                    .is_none_or(|only| only.contains(platform))
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok((ConnectionOwner::Client(client_id), platforms))
}

/// The connections one owner holds in a workspace.
async fn connections_of(
    state: &AppState,
    workspace_id: &WorkspaceId,
    owner: &ConnectionOwner,
) -> Result<Vec<StoredConnection>, AppError> {
    Ok(state
        .store
        .connections(workspace_id)
        .await?
        .into_iter()
        .filter(|stored| stored.connection.owner == *owner)
        .collect())
}

async fn still_may_connect(
    state: &AppState,
    member: Member,
    platform: Platform,
    owner: ConnectionOwner,
) -> bool {
    let rights = connect_rights(state, &member, platform).await;
    matches!(rights, Ok((current, _)) if current == owner)
}

async fn flow_for(state: &AppState, platform: Platform) -> Result<OAuthFlow, AppError> {
    Ok(OAuthFlow {
        spec: PlatformSpec::for_platform(platform, state.config.oauth.local_provider.as_ref()),
        credentials: state.secrets.platform_credentials(platform).await?.clone(),
        redirect_uri: state.config.oauth_callback_url(platform),
        http: state.http.client().clone(),
    })
}

fn pkce_context<'a>(workspace_id: &'a WorkspaceId, state_hash: &'a str) -> SealContext<'a> {
    SealContext {
        workspace_id: workspace_id.as_str(),
        item_id: state_hash,
        field: PKCE_FIELD,
    }
}

fn tokens_context(connection: &Connection) -> SealContext<'_> {
    SealContext {
        workspace_id: connection.workspace_id.as_str(),
        item_id: connection.connection_id.as_str(),
        field: TOKENS_FIELD,
    }
}

fn seal_tokens(
    key: &crate::crypto::SealingKey,
    connection: &Connection,
    tokens: &PlatformTokens,
) -> Result<String, AppError> {
    let plaintext = serde_json::to_string(tokens).map_err(AppError::internal)?;
    key.seal(&plaintext, &tokens_context(connection))
        .map_err(AppError::internal)
}

/// Opens a connection's sealed tokens (for publishing; tests use it to prove binding).
pub fn open_tokens(
    key: &crate::crypto::SealingKey,
    stored: &StoredConnection,
) -> Result<PlatformTokens, AppError> {
    let plaintext = key
        .open(&stored.sealed_tokens, &tokens_context(&stored.connection))
        .map_err(AppError::internal)?;
    serde_json::from_str(&plaintext).map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_its_own_slug() {
        let all = [
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
            Outcome::Failed,
        ];
        let slugs: std::collections::HashSet<_> =
            all.iter().map(|outcome| outcome.slug()).collect();
        assert_eq!(slugs.len(), all.len());
    }
}
