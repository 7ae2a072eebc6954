//! A connection's tokens: sealed at rest under the deployment's key, bound to the
//! connection (AAD), opened only to renew, serve or revoke them; and the platform's
//! OAuth flow that renews them.

use crate::crypto::{SealContext, SealingKey};
use crate::domain::{Connection, ConnectionId, Platform, WorkspaceId};
use crate::error::AppError;
use crate::oauth::{OAuthFlow, PlatformSpec, PlatformTokens};
use crate::state::AppState;
use crate::store::StoredConnection;

const TOKENS_FIELD: &str = "tokens";
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
