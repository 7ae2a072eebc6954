//! The token service: the host's publishing service gets a usable access token, renewed
//! on demand (when it has run out, or will not last as long as the publisher needs),
//! never the refresh token, and always an answer within a few seconds whatever the
//! platform does: the current token while it is valid, otherwise 503 with
//! `Retry-After`. Only the AWS principals the deployment lists are served (any other
//! principal the account lets invoke the API is refused), and nothing of a workspace
//! that is deleted or being deleted.

use std::time::Duration;

use super::renewal::{renewed, For, Unrenewed};
use super::tokens::open_tokens;
use super::views::AccessTokenView;
use crate::deadline::Deadline;
use crate::domain::{ConnectionId, HealthStatus, MinValidity, Serving, WorkspaceId};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::StoredConnection;

/// What a publisher may ask for (an optional JSON body): how long the token must stay
/// valid, for one starting a long upload.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[serde(default)]
    pub min_validity_seconds: Option<i64>,
}

impl TokenRequest {
    pub fn min_validity(&self) -> Result<MinValidity, AppError> {
        match self.min_validity_seconds {
            None => Ok(MinValidity::default()),
            Some(seconds) => MinValidity::parse(seconds).ok_or_else(|| {
                AppError::InvalidParameter(format!(
                    "min_validity_seconds must be between 0 and {} (a day)",
                    MinValidity::MAX.whole_seconds()
                ))
            }),
        }
    }
}

/// Kept back from the invocation's own deadline for answering.
const ANSWER_RESERVE: Duration = Duration::from_millis(500);

/// A caller of the token service that the deployment lists: only [`admit`] makes one.
#[derive(Debug)]
pub struct Admitted(String);

impl Admitted {
    /// The principal's ARN, as the IAM authorizer verified it.
    pub fn arn(&self) -> &str {
        &self.0
    }
}

/// `caller` (the principal the IAM authorizer verified), if the deployment lists it
/// among those the token service serves. A deployment that lists none serves nobody,
/// and says so in its log at every request.
pub fn admit(state: &AppState, caller: String) -> Result<Admitted, AppError> {
    let listed = &state.config.token_service_principals;
    if listed.is_empty() {
        tracing::error!(
            caller,
            "the token service is not configured: TOKEN_SERVICE_PRINCIPALS (the template's \
             TokenServicePrincipals) lists no principal, so every token request is refused"
        );
        return Err(AppError::PrincipalNotAllowed(
            "it lists none yet, so nobody is served until whoever deploys it names the publishing service's role there.",
        ));
    }
    if !listed.admit(&caller) {
        tracing::warn!(caller, "token request refused: not a listed principal");
        return Err(AppError::PrincipalNotAllowed(
            "this caller is not one of them. Whoever deploys it can add the caller's role.",
        ));
    }
    Ok(Admitted(caller))
}

/// A usable access token for the publishing service: renewed first when it has (nearly)
/// run out or will not last `wanted`. `caller` (a listed IAM principal) is logged with
/// every token issued; `invocation` is the Lambda invocation's own deadline, if known.
/// `for_client`: the host publishes for that client through an agency account assigned
/// to it, and is served the connection whose credentials the assignment names (the
/// answer's `connection_id` says which).
pub async fn issue_access_token(
    state: &AppState,
    caller: &Admitted,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    for_client: Option<&crate::domain::ClientId>,
    wanted: MinValidity,
    invocation: Option<Deadline>,
) -> Result<AccessTokenView, AppError> {
    let budget = Deadline::after(state.config.upkeep.token_service_budget);
    let deadline = invocation.map_or(budget, |own| own.less(ANSWER_RESERVE).min(budget));
    let now = state.clock.now();
    let (stored, workspace) = state
        .store
        .connection_and_workspace(workspace_id, connection_id)
        .await?;
    // Deleting a workspace removes its settings first, then its connections one by one:
    // what is left of them is never served.
    if workspace.is_none() {
        return Err(AppError::WorkspaceNotFound);
    }
    let stored = stored.ok_or(AppError::ConnectionNotFound)?;
    let stored = match for_client {
        Some(client) => super::assignments::publishing_connection(state, stored, client).await?,
        None => stored,
    };
    let health = stored.connection.health(now);
    if health.status == HealthStatus::NeedsReconnect {
        return Err(AppError::ConnectionNeedsReconnect(health));
    }
    let current_expiry = stored.connection.life.access_expires_at;
    let key = state.secrets.sealing_key().await?;
    let as_is = |stored: StoredConnection| -> Result<_, AppError> {
        let tokens = open_tokens(key, &stored)?;
        Ok((stored, tokens))
    };
    let renewal = match stored.connection.life.serving(now, wanted) {
        Serving::AsIs => Ok(as_is(stored.clone())?),
        Serving::Renew { .. } => {
            renewed(state, stored.clone(), deadline, For::Host, |life, now| {
                life.serving(now, wanted) != Serving::AsIs
            })
            .await
        }
    };
    let (served, tokens) = match renewal {
        Ok(served) => served,
        // The platform is down or slow: the current token is still good until it expires.
        Err(Unrenewed::Unavailable | Unrenewed::Busy | Unrenewed::OutOfTime)
            if current_expiry.is_some_and(|at| at > state.clock.now()) =>
        {
            as_is(stored)?
        }
        Err(Unrenewed::Unavailable | Unrenewed::Busy | Unrenewed::OutOfTime) => {
            return Err(AppError::PlatformUnavailable(
                stored.connection.platform.display_name(),
            ))
        }
        Err(Unrenewed::NeedsReconnect(health)) => {
            return Err(AppError::ConnectionNeedsReconnect(health))
        }
        Err(Unrenewed::Gone) => return Err(AppError::ConnectionNotFound),
        Err(Unrenewed::Failed(error)) => return Err(error),
    };
    let connection = served.connection;
    tracing::info!(
        caller = caller.arn(),
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
