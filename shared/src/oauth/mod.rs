//! Connecting social accounts: the platform registry, the OAuth flow with each
//! platform's quirks, and the platform credentials from Secrets Manager.

mod flow;
mod registry;

use serde::Deserialize;

pub use flow::{AuthorizationStart, FlowError, OAuthFlow, PlatformProfile, PlatformTokens};
pub use registry::{ClientAuth, Endpoints, PlatformSpec, ProfileShape};

/// One platform app's client id and secret. `Debug` hides the secret.
#[derive(Clone, Deserialize)]
pub struct PlatformCredentials {
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for PlatformCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish()
    }
}
