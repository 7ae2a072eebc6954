//! Secrets Manager: the platforms' client credentials and the token-sealing key.
//!
//! Each secret is fetched on first use (never during init), then kept in memory: the
//! credentials for the container's life, the sealing key ring for [`KEY_REFRESH`] at
//! most, so a rotation (a new current key) reaches every warm container within that
//! time. Nothing here is ever logged.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

use crate::aws::Lazy;

use crate::crypto::SealingKey;
use crate::domain::Platform;
use crate::error::AppError;
use crate::oauth::PlatformCredentials;

/// The longest a container seals with a key ring it read before: after a rotation,
/// every container seals with the new key within this time (the operator's `key retire`
/// waits for it).
pub const KEY_REFRESH: Duration = Duration::from_secs(5 * 60);
/// How soon a failed re-read of the key ring is tried again (meanwhile the ring read
/// before keeps serving).
const KEY_RETRY: Duration = Duration::from_secs(30);

pub struct Secrets {
    client: Lazy<aws_sdk_secretsmanager::Client>,
    credentials_id: String,
    sealing_key_id: String,
    credentials: OnceCell<HashMap<Platform, PlatformCredentials>>,
    sealing_key: OnceCell<SealingKey>,
    /// When the key ring is to be read again.
    key_due: Mutex<Option<Instant>>,
    /// Held by the one request that reads the ring again; the others go on with it.
    key_refresh: tokio::sync::Mutex<()>,
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
            key_due: Mutex::new(None),
            key_refresh: tokio::sync::Mutex::new(()),
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

    /// The deployment's sealing keys: the current one seals, each of them opens. Read
    /// again once [`KEY_REFRESH`] has passed, by one request while the others go on with
    /// the ring they have (which the new one replaces under every holder).
    pub async fn sealing_key(&self) -> Result<&SealingKey, AppError> {
        let key = self
            .sealing_key
            .get_or_try_init(|| async {
                let key = self.read_sealing_key().await?;
                self.key_due_in(KEY_REFRESH);
                Ok::<_, AppError>(key)
            })
            .await?;
        if self.key_is_due() {
            if let Ok(_refreshing) = self.key_refresh.try_lock() {
                if self.key_is_due() {
                    match self.read_sealing_key().await {
                        Ok(newer) => {
                            key.replace_with(&newer);
                            self.key_due_in(KEY_REFRESH);
                        }
                        Err(error) => {
                            tracing::warn!(
                                error = %aws_sdk_dynamodb::error::DisplayErrorContext(&error),
                                "the key ring could not be read again; the one read before keeps serving"
                            );
                            self.key_due_in(KEY_RETRY);
                        }
                    }
                }
            }
        }
        Ok(key)
    }

    async fn read_sealing_key(&self) -> Result<SealingKey, AppError> {
        let raw = self.read(&self.sealing_key_id).await?;
        SealingKey::from_secret(&raw).map_err(|error| {
            AppError::internal_because(
                format!("secret {} is not a sealing key", self.sealing_key_id),
                error,
            )
        })
    }

    fn key_due_in(&self, after: Duration) {
        if let Ok(mut due) = self.key_due.lock() {
            *due = Some(Instant::now() + after);
        }
    }

    fn key_is_due(&self) -> bool {
        self.key_due
            .lock()
            .map(|due| due.is_some_and(|due| Instant::now() >= due))
            .unwrap_or(false)
    }
}
