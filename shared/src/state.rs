//! What a function builds once per cold start and shares across invocations.
//!
//! Building it makes no network call: AWS clients connect lazily and the JWKS is
//! fetched on the first authenticated request.

use aws_config::{BehaviorVersion, SdkConfig};

use crate::auth::JwtVerifier;
use crate::config::Config;
use crate::mail::Mailer;
use crate::secrets::Secrets;
use crate::store::Store;

/// The AWS clients a function uses.
pub struct AwsClients {
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub ses: aws_sdk_sesv2::Client,
    pub secrets_manager: aws_sdk_secretsmanager::Client,
}

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub mailer: Mailer,
    pub verifier: JwtVerifier,
    pub secrets: Secrets,
    pub pages: crate::web::Pages,
    /// For platform calls: short timeouts, never follows redirects.
    pub platform_http: reqwest::Client,
}

impl AppState {
    /// Configuration from the environment, AWS settings from the standard chain
    /// (`AWS_ENDPOINT_URL` points it at the local AWS server).
    pub async fn from_env() -> Result<Self, lambda_http::Error> {
        let config = Config::from_env()?;
        let sdk = aws_config::load_defaults(BehaviorVersion::latest()).await;
        Self::new(config, &sdk)
    }

    pub fn new(config: Config, sdk: &SdkConfig) -> Result<Self, lambda_http::Error> {
        let clients = AwsClients {
            dynamodb: aws_sdk_dynamodb::Client::new(sdk),
            ses: aws_sdk_sesv2::Client::new(sdk),
            secrets_manager: aws_sdk_secretsmanager::Client::new(sdk),
        };
        Self::with_clients(config, clients)
    }

    /// With clients built elsewhere (tests add an interceptor that records calls).
    pub fn with_clients(config: Config, clients: AwsClients) -> Result<Self, lambda_http::Error> {
        Ok(Self {
            store: Store::new(clients.dynamodb, &config.table_name),
            mailer: Mailer::new(
                clients.ses,
                &config.sender_email,
                config.ses_configuration_set.clone(),
            )?,
            verifier: JwtVerifier::new(config.jwt.clone())?,
            secrets: Secrets::new(
                clients.secrets_manager,
                &config.oauth.credentials_secret_id,
                &config.oauth.sealing_key_secret_id,
            ),
            pages: crate::web::Pages::load()?,
            platform_http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(std::time::Duration::from_secs(10))
                .build()?,
            config,
        })
    }
}

impl AppState {
    /// The verified caller of a request that must carry a bearer JWT.
    pub async fn caller(
        &self,
        request: &lambda_http::Request,
    ) -> Result<crate::auth::Caller, crate::AppError> {
        let token = crate::http::bearer_token(request)?;
        self.verifier.verify(token).await
    }
}
