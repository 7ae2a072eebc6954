//! Secrets Manager: the platforms' client credentials and the token-sealing key.
//!
//! Each secret is fetched on first use (never during init) and at most once per
//! container, then kept in memory. Nothing here is ever logged.

use std::collections::HashMap;

use tokio::sync::OnceCell;

use crate::aws::Lazy;

use crate::crypto::SealingKey;
use crate::domain::Platform;
use crate::error::AppError;
use crate::oauth::PlatformCredentials;

pub struct Secrets {
    client: Lazy<aws_sdk_secretsmanager::Client>,
    credentials_id: String,
    sealing_key_id: String,
    credentials: OnceCell<HashMap<Platform, PlatformCredentials>>,
    sealing_key: OnceCell<SealingKey>,
}

impl Secrets {
    pub fn new(
        client: Lazy<aws_sdk_secretsmanager::Client>,
        credentials_id: &str,
        sealing_key_id: &str,
    ) -> Self {
        Self {
            client,
            credentials_id: credentials_id.to_owned(),
            sealing_key_id: sealing_key_id.to_owned(),
            credentials: OnceCell::new(),
            sealing_key: OnceCell::new(),
        }
    }

    async fn read(&self, id: &str) -> Result<String, AppError> {
        let output = self
            .client
            .get()
            .await
            .get_secret_value()
            .secret_id(id)
            .send()
            .await
            .map_err(|error| {
                AppError::internal_because(format!("reading secret {id} failed"), error)
            })?;
        tracing::info!(secret = id, "secret loaded");
        output
            .secret_string
            .ok_or_else(|| AppError::internal(format!("secret {id} has no string value")))
    }

    /// The app credentials for one platform, as the operator filled them in.
    pub async fn platform_credentials(
        &self,
        platform: Platform,
    ) -> Result<&PlatformCredentials, AppError> {
        let all = self
            .credentials
            .get_or_try_init(|| async {
                let raw = self.read(&self.credentials_id).await?;
                serde_json::from_str::<HashMap<Platform, PlatformCredentials>>(&raw).map_err(
                    |error| {
                        AppError::internal_because(
                            format!(
                                "secret {} is not a platform → credentials map",
                                self.credentials_id
                            ),
                            error,
                        )
                    },
                )
            })
            .await?;
        all.get(&platform)
            .ok_or(AppError::PlatformNotConfigured(platform.display_name()))
    }

    pub async fn sealing_key(&self) -> Result<&SealingKey, AppError> {
        self.sealing_key
            .get_or_try_init(|| async {
                let raw = self.read(&self.sealing_key_id).await?;
                SealingKey::from_secret(&raw).map_err(|error| {
                    AppError::internal_because(
                        format!("secret {} is not a sealing key", self.sealing_key_id),
                        error,
                    )
                })
            })
            .await
    }
}
