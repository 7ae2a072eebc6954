//! What a function builds once per cold start and shares across invocations.
//!
//! Building it makes no network call and reads no file: configuration comes from the
//! environment, and everything costly (AWS clients, the HTTP client and its TLS roots,
//! templates, the JWKS, secrets) is built or fetched the first time a request needs it.

use crate::auth::{Caller, JwtVerifier};
use crate::aws::{Aws, AwsClients};
use crate::clock::Clock;
use crate::config::Config;
use crate::mail::Mailer;
use crate::net::Http;
use crate::secrets::Secrets;
use crate::store::Store;

pub struct AppState {
    pub config: Config,
    pub clock: Clock,
    pub store: Store,
    pub mailer: Mailer,
    pub verifier: JwtVerifier,
    pub secrets: Secrets,
    /// The host product's EventBridge bus.
    pub events: crate::events::EventBus,
    /// Where the dispatcher sends the upkeep that is due.
    pub queue: crate::queue::UpkeepQueue,
    /// Every outbound HTTP call: platforms, the issuer's keys (and the AWS SDK's).
    pub http: Http,
}

impl AppState {
    /// Configuration from the environment, AWS settings from the environment Lambda sets
    /// (`AWS_ENDPOINT_URL` points it at the local AWS server; see `aws.rs`).
    pub async fn from_env() -> Result<Self, lambda_http::Error> {
        let config = Config::from_env()?;
        let http = Http::default();
        let aws = Aws::new(http.clone());
        Ok(Self::new(config, http, AwsClients::new(&aws)))
    }

    /// With clients built elsewhere (tests add an interceptor that records calls).
    pub fn new(config: Config, http: Http, clients: AwsClients) -> Self {
        Self {
            store: Store::new(clients.dynamodb, &config.table_name)
                .with_audit_retention(config.audit_retention),
            events: crate::events::EventBus::new(clients.eventbridge, &config.event_bus),
            queue: crate::queue::UpkeepQueue::new(clients.sqs, config.upkeep.queue_url.clone()),
            mailer: Mailer::new(
                clients.ses,
                &config.sender_email,
                config.ses_configuration_set.clone(),
            ),
            verifier: JwtVerifier::new(config.jwt.clone(), http.clone()),
            secrets: Secrets::new(
                clients.secrets_manager,
                &config.oauth.credentials_secret_id,
                &config.oauth.sealing_key_secret_id,
            ),
            clock: Clock::default(),
            http,
            config,
        }
    }

    /// The verified caller of a request that must carry a bearer JWT.
    pub async fn caller(&self, request: &lambda_http::Request) -> Result<Caller, crate::AppError> {
        let token = crate::http::bearer_token(request)?;
        self.verifier.verify(token).await
    }
}
