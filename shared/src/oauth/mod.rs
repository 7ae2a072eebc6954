//! Connecting social accounts: the platform registry, the OAuth flow with each
//! platform's quirks, and the platform credentials from Secrets Manager.

mod flow;
mod registry;

use oauth2::{AsyncHttpClient, HttpClientError, HttpRequest, HttpResponse};
use serde::Deserialize;

use std::time::Duration;

pub use crate::config::{PlatformOptions, DEFAULT_GRAPH_API_VERSION, DEFAULT_LINKEDIN_VERSION};
pub use flow::{
    AuthorizationStart, Candidate, FlowError, Granted, OAuthFlow, PlatformProfile, PlatformTokens,
    Refusal, MIN_ATTEMPT,
};
pub use registry::{
    ClientAuth, Endpoints, LongLived, Needed, Organizations, PlatformSpec, ProfileShape,
    RenewalKind,
};

/// An `oauth2` client of the authorization-code flow: an authorization URL and a token
/// URL set, nothing else; `Tokens` is the token response it reads.
pub(crate) type CodeFlowClient<Tokens> = oauth2::Client<
    oauth2::basic::BasicErrorResponse,
    Tokens,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

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

/// Sends one request of the `oauth2` crate's flows (token exchange, refresh) through the
/// shared client, giving up after `timeout`. A request that could not even be sent (no
/// connection) comes back as `HttpClientError::Io`: only that one surely never reached
/// the platform.
pub(crate) async fn send(
    http: reqwest::Client,
    request: HttpRequest,
    timeout: Duration,
) -> Result<HttpResponse, HttpClientError<reqwest::Error>> {
    match tokio::time::timeout(timeout, http.call(request)).await {
        Ok(Err(HttpClientError::Reqwest(error))) if error.is_connect() => {
            Err(HttpClientError::Io(std::io::Error::new(
                std::io::ErrorKind::ConnectionRefused,
                error.without_url().to_string(),
            )))
        }
        Ok(answered) => answered,
        Err(_) => Err(HttpClientError::Other(format!(
            "no answer within {} ms",
            timeout.as_millis()
        ))),
    }
}
