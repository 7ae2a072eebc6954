//! The AWS service clients, each built the first time a request needs it: a function
//! that never sends email never builds an SES client (cold starts stay near the floor).

use std::sync::OnceLock;

use aws_config::{BehaviorVersion, SdkConfig};

use crate::net::{Http, SdkTransport};

/// A client built on first use by `make`.
pub struct Lazy<C> {
    cell: OnceLock<C>,
    make: Box<dyn Fn() -> C + Send + Sync>,
}

impl<C> Lazy<C> {
    pub fn new(make: impl Fn() -> C + Send + Sync + 'static) -> Self {
        Self {
            cell: OnceLock::new(),
            make: Box::new(make),
        }
    }

    pub fn get(&self) -> &C {
        self.cell.get_or_init(|| (self.make)())
    }
}

/// The AWS clients a function may use.
pub struct AwsClients {
    pub dynamodb: Lazy<aws_sdk_dynamodb::Client>,
    pub ses: Lazy<aws_sdk_sesv2::Client>,
    pub secrets_manager: Lazy<aws_sdk_secretsmanager::Client>,
}

impl AwsClients {
    /// Clients over `sdk` as it is.
    pub fn from_sdk(sdk: &SdkConfig) -> Self {
        Self::customised(sdk, |builder| builder, |builder| builder, |builder| builder)
    }

    /// Clients over `sdk`, each service's configuration adjusted first (the tests add an
    /// interceptor that records every call).
    pub fn customised(
        sdk: &SdkConfig,
        dynamodb: fn(aws_sdk_dynamodb::config::Builder) -> aws_sdk_dynamodb::config::Builder,
        ses: fn(aws_sdk_sesv2::config::Builder) -> aws_sdk_sesv2::config::Builder,
        secrets_manager: fn(
            aws_sdk_secretsmanager::config::Builder,
        ) -> aws_sdk_secretsmanager::config::Builder,
    ) -> Self {
        let (a, b, c) = (sdk.clone(), sdk.clone(), sdk.clone());
        Self {
            dynamodb: Lazy::new(move || {
                aws_sdk_dynamodb::Client::from_conf(dynamodb((&a).into()).build())
            }),
            ses: Lazy::new(move || aws_sdk_sesv2::Client::from_conf(ses((&b).into()).build())),
            secrets_manager: Lazy::new(move || {
                aws_sdk_secretsmanager::Client::from_conf(secrets_manager((&c).into()).build())
            }),
        }
    }
}

/// AWS settings from the standard chain (environment, then profile files; on Lambda, the
/// environment), sending every call through the shared HTTP client.
pub async fn sdk_config(http: &Http) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(SdkTransport::new(http.clone()))
        .load()
        .await
}
