//! Connecting a social account: the start (off to the platform's consent) and the
//! callback (back with a code), up to the accounts the consent brought.
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
//!   (e.g. "posting"), and stores nothing; so is a reconnect of an account the person may
//!   no longer publish to (a Facebook Page without the task), which keeps the working
//!   token.
//! - One account is saved at once (`accounts`); several go to a choice (`choices`).

use aws_sdk_dynamodb::error::DisplayErrorContext;
use serde::Deserialize;
use time::Duration;

use super::accounts::{save_account, Consent, Outcome, Saved};
use super::acting::Acting;
use super::tokens::flow_for;
use super::views::ConnectStarted;
use crate::crypto::{random_url_safe, sha256_hex, SealContext};
use crate::domain::{Actor, ConnectionId, Landing, Platform, WorkspaceId};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::OAuthState;

/// How long a person has at the platform's consent page.
pub const STATE_LIFETIME: Duration = Duration::minutes(15);
const PKCE_FIELD: &str = "pkce_verifier";

/// A connect under way: what the caller is told, and the nonce the starting browser
/// must carry back (in a cookie) for the callback to be accepted.
pub struct StartedConnect {
    pub view: ConnectStarted,
    pub browser_nonce: String,
}

/// The Connect button of the agency's connections page: an account of the agency's own,
/// for its owners and admins only, like the page. A client's person who presses it is
/// refused, not sent to the platform (the account would become their client's, not the
/// agency's). The admin's read is the connect's own: the workspace is not read twice.
pub async fn start_for_agency(
    state: &AppState,
    caller: &crate::domain::Caller,
    workspace_id: &WorkspaceId,
    platform: Platform,
) -> Result<StartedConnect, AppError> {
    let admin =
        super::acting::authorize_admin(state, caller, workspace_id, crate::store::Reads::default())
            .await?;
    let acting = Acting::Agency {
        member: admin.member,
        workspace: admin.workspace.workspace,
    };
    start_as(state, acting, None, workspace_id, platform, None).await
}

/// Starts connecting `platform`; `reconnect` names the connection this consent must
/// renew (the same platform account must come back). `second_factor_at`: when the
/// person signed in with a second factor, if they did (their client may require it).
pub async fn start(
    state: &AppState,
    actor: &Actor,
    second_factor_at: Option<time::OffsetDateTime>,
    workspace_id: &WorkspaceId,
    platform: Platform,
    reconnect: Option<&ConnectionId>,
) -> Result<StartedConnect, AppError> {
    let acting = Acting::resolve(state, actor, workspace_id).await?;
    acting.require_second_factor(second_factor_at)?;
    start_as(
        state,
        acting,
        second_factor_at,
        workspace_id,
        platform,
        reconnect,
    )
    .await
}

async fn start_as(
    state: &AppState,
    acting: Acting,
    second_factor_at: Option<time::OffsetDateTime>,
    workspace_id: &WorkspaceId,
    platform: Platform,
    reconnect: Option<&ConnectionId>,
) -> Result<StartedConnect, AppError> {
    let now = state.clock.now();
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
                second_factor_at,
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

/// How a connect ended, and what the landing page needs to say so.
pub struct ConnectFinished {
    pub outcome: Outcome,
    pub landing: Landing,
    pub workspace: Option<WorkspaceId>,
    /// The connection made, or the one a refused reconnect was for.
    pub connection_id: Option<ConnectionId>,
    /// The scopes a consent that granted too little left out (e.g. "tweet.write"); the
    /// page says what each allows, in its reader's language.
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

    // The person may have been removed, their client deleted, their link replaced,
    // their platforms changed or two-factor sign-in required, meanwhile.
    let acting = match Acting::resolve(state, &pending.actor, workspace).await {
        Ok(acting)
            if acting.still_connects_for(&pending.owner, platform)
                && acting
                    .require_second_factor(pending.second_factor_at)
                    .is_ok() =>
        {
            acting
        }
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
            missing: missing.iter().map(|needed| needed.scope).collect(),
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
            // As at a first connect, an account the person may not publish to (a Page
            // without the task) is not connected: its weaker token would replace the
            // working one.
            if candidate.unavailable.is_some() {
                return Err(ConnectFinished {
                    connection_id: Some(id.clone()),
                    ..refuse(Outcome::CannotPublish)
                });
            }
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

pub(crate) fn pkce_context<'a>(
    workspace_id: &'a WorkspaceId,
    state_hash: &'a str,
) -> SealContext<'a> {
    SealContext {
        workspace_id: workspace_id.as_str(),
        item_id: state_hash,
        field: PKCE_FIELD,
    }
}
