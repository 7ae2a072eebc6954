//! The AWS service clients, each built the first time a request needs it: a function
//! that never sends email never builds an SES client, and a request refused before it
//! reaches AWS never even loads the AWS configuration (cold starts stay near the floor).
//!
//! A client is built by code monomorphised where it is first used (`Lazy::get`), so a
//! binary carries only the clients its handler can reach.

use std::sync::Arc;

use std::time::Duration;

use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_async::rt::sleep::{SharedAsyncSleep, TokioSleep};
use aws_smithy_async::time::SharedTimeSource;
use tokio::sync::OnceCell;

use crate::net::{Http, SdkTransport};

/// The AWS settings, built on first use from the environment Lambda gives every
/// function (`AWS_REGION` and the role's `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_SESSION_TOKEN`; locally, `infra/local.env` with `AWS_ENDPOINT_URL`), every call
/// going through the shared HTTP client.
///
/// Deliberately not `aws_config::defaults(..).load()`: that chain (profile files, SSO,
/// STS web identity, IMDS, container credentials) is never used on Lambda, yet its code
/// made up a tenth of every bootstrap and kept them over 3 MB without link-time
/// optimisation, which made a deploy build take half an hour.
pub struct Aws {
    http: Http,
    sdk: OnceCell<SdkConfig>,
}

impl Aws {
    pub fn new(http: Http) -> Arc<Self> {
        Arc::new(Self {
            http,
            sdk: OnceCell::new(),
        })
    }

    /// For commands an operator runs (`infra/migrate`): the SDK's standard chain, so
    /// `AWS_PROFILE` and the rest work as with the AWS CLI. Only those binaries carry it.
    pub async fn from_standard_chain(http: Http) -> Arc<Self> {
        let sdk = aws_config::defaults(BehaviorVersion::latest())
            .http_client(SdkTransport::new(http.clone()))
            .load()
            .await;
        Self::with_config(http, sdk)
    }

    /// With settings made elsewhere (the tests point them at local AWS).
    pub fn with_config(http: Http, sdk: SdkConfig) -> Arc<Self> {
        Arc::new(Self {
            http,
            sdk: OnceCell::new_with(Some(sdk)),
        })
    }

    pub async fn config(&self) -> &SdkConfig {
        self.sdk
            .get_or_init(|| async { from_environment(self.http.clone()) })
            .await
    }
}

/// The settings Lambda's environment describes, with the SDK's standard retries and the
/// same connect timeout as its default loader.
fn from_environment(http: Http) -> SdkConfig {
    let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let region = variable("AWS_REGION").or_else(|| variable("AWS_DEFAULT_REGION"));
    let mut config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region.map(Region::new))
        .credentials_provider(SharedCredentialsProvider::new(
            EnvironmentVariableCredentialsProvider::new(),
        ))
        .http_client(SdkTransport::new(http))
        .sleep_impl(SharedAsyncSleep::new(TokioSleep::new()))
        .time_source(SharedTimeSource::default())
        .retry_config(RetryConfig::standard())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_millis(3100))
                .build(),
        );
    config.set_endpoint_url(variable("AWS_ENDPOINT_URL"));
    config.build()
}

/// A service client that can be built from the AWS settings, its configuration
/// adjusted first when a test asks (to record every call).
pub trait Service: Sized + Send + Sync {
    type Builder;
    fn build(sdk: &SdkConfig, adjust: Option<fn(Self::Builder) -> Self::Builder>) -> Self;
}

macro_rules! service {
    ($client:ty, $builder:ty) => {
        impl Service for $client {
            type Builder = $builder;
            fn build(sdk: &SdkConfig, adjust: Option<fn($builder) -> $builder>) -> Self {
                let builder = <$builder>::from(sdk);
                let builder = match adjust {
                    Some(adjust) => adjust(builder),
                    None => builder,
                };
                <$client>::from_conf(builder.build())
            }
        }
    };
}

service!(aws_sdk_dynamodb::Client, aws_sdk_dynamodb::config::Builder);
service!(aws_sdk_sesv2::Client, aws_sdk_sesv2::config::Builder);
service!(
    aws_sdk_secretsmanager::Client,
    aws_sdk_secretsmanager::config::Builder
);
service!(
    aws_sdk_eventbridge::Client,
    aws_sdk_eventbridge::config::Builder
);
service!(aws_sdk_sqs::Client, aws_sdk_sqs::config::Builder);

/// A client built on first use.
pub struct Lazy<C: Service> {
    aws: Arc<Aws>,
    adjust: Option<fn(C::Builder) -> C::Builder>,
    client: OnceCell<C>,
}

impl<C: Service> Lazy<C> {
    pub fn new(aws: &Arc<Aws>) -> Self {
        Self {
            aws: Arc::clone(aws),
            adjust: None,
            client: OnceCell::new(),
        }
    }

    /// Its configuration adjusted before it is built.
    pub fn adjusted(aws: &Arc<Aws>, adjust: fn(C::Builder) -> C::Builder) -> Self {
        Self {
            adjust: Some(adjust),
            ..Self::new(aws)
        }
    }

    pub async fn get(&self) -> &C {
        self.client
            .get_or_init(|| async { C::build(self.aws.config().await, self.adjust) })
            .await
    }
}

/// The AWS clients a function may use.
pub struct AwsClients {
    pub dynamodb: Lazy<aws_sdk_dynamodb::Client>,
    pub ses: Lazy<aws_sdk_sesv2::Client>,
    pub secrets_manager: Lazy<aws_sdk_secretsmanager::Client>,
    pub eventbridge: Lazy<aws_sdk_eventbridge::Client>,
    pub sqs: Lazy<aws_sdk_sqs::Client>,
}

impl AwsClients {
    pub fn new(aws: &Arc<Aws>) -> Self {
        Self {
            dynamodb: Lazy::new(aws),
            ses: Lazy::new(aws),
            secrets_manager: Lazy::new(aws),
            eventbridge: Lazy::new(aws),
            sqs: Lazy::new(aws),
        }
    }
}
