//! The AWS service clients, each built the first time a request needs it: a function
//! that never sends email never builds an SES client, and a request refused before it
//! reaches AWS never even loads the AWS configuration (cold starts stay near the floor).
//!
//! A client is built by code monomorphised where it is first used (`Lazy::get`), so a
//! binary carries only the clients its handler can reach.

use std::sync::Arc;

use aws_config::{BehaviorVersion, SdkConfig};
use tokio::sync::OnceCell;

use crate::net::{Http, SdkTransport};

/// The AWS settings, loaded on first use from the standard chain (environment, then
/// profile files; on Lambda, the environment), every call going through the shared
/// HTTP client.
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

    /// With settings made elsewhere (the tests point them at local AWS).
    pub fn with_config(http: Http, sdk: SdkConfig) -> Arc<Self> {
        Arc::new(Self {
            http,
            sdk: OnceCell::new_with(Some(sdk)),
        })
    }

    pub async fn config(&self) -> &SdkConfig {
        self.sdk
            .get_or_init(|| async {
                aws_config::defaults(BehaviorVersion::latest())
                    .http_client(SdkTransport::new(self.http.clone()))
                    .load()
                    .await
            })
            .await
    }
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
}

impl AwsClients {
    pub fn new(aws: &Arc<Aws>) -> Self {
        Self {
            dynamodb: Lazy::new(aws),
            ses: Lazy::new(aws),
            secrets_manager: Lazy::new(aws),
            eventbridge: Lazy::new(aws),
        }
    }
}
