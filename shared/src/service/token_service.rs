//! The token service: the host's publishing service gets a usable access token, renewed
//! on demand (when it has run out, or will not last as long as the publisher needs),
//! never the refresh token, and always an answer within a few seconds whatever the
//! platform does: the current token while it is valid, otherwise 503 with
//! `Retry-After`.

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

/// A usable access token for the publishing service: renewed first when it has (nearly)
/// run out or will not last `wanted`. `caller` (the IAM principal) is logged with every
/// token issued; `invocation` is the Lambda invocation's own deadline, if known.
pub async fn issue_access_token(
    state: &AppState,
    caller: &str,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    wanted: MinValidity,
    invocation: Option<Deadline>,
) -> Result<AccessTokenView, AppError> {
    let budget = Deadline::after(state.config.upkeep.token_service_budget);
    let deadline = invocation.map_or(budget, |own| own.less(ANSWER_RESERVE).min(budget));
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
