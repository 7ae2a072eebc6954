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

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub mailer: Mailer,
    pub verifier: JwtVerifier,
    pub secrets: Secrets,
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
        Ok(Self {
            store: Store::new(aws_sdk_dynamodb::Client::new(sdk), &config.table_name),
            mailer: Mailer::new(aws_sdk_sesv2::Client::new(sdk), &config.sender_email)?,
            verifier: JwtVerifier::new(config.jwt.clone())?,
            secrets: Secrets::new(
                aws_sdk_secretsmanager::Client::new(sdk),
                &config.oauth.credentials_secret_id,
                &config.oauth.sealing_key_secret_id,
            ),
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
