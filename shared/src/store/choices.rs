//! Accounts one consent brought (Facebook Pages, LinkedIn organisations, YouTube
//! channels) while the person chooses which to connect: the grant sealed, single use,
//! gone when the OAuth state's lifetime ends (TTL, and checked on read).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{keys, Store, StoreError};
use crate::domain::Landing;
use crate::domain::{Actor, ConnectionOwner, Platform, WorkspaceId};

/// One account offered on the choice page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChoiceAccount {
    pub account_id: String,
    pub display_name: String,
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// Why it cannot be chosen, as the person is told.
    #[serde(default)]
    pub unavailable: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingChoice {
    pub workspace_id: WorkspaceId,
    pub platform: Platform,
    pub actor: Actor,
    pub owner: ConnectionOwner,
    pub landing: Landing,
    pub accounts: Vec<ChoiceAccount>,
    /// The person's tokens and each account's own token, sealed to this choice.
    pub sealed_grant: String,
    pub scopes: Option<Vec<String>>,
    #[serde(with = "time::serde::timestamp")]
    pub issued_at: OffsetDateTime,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub access_expires_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub refresh_expires_at: Option<OffsetDateTime>,
    /// The choice form carries it; a POST without it is refused.
    pub csrf: String,
    /// As the connect's start had it (see `OAuthState`).
    #[serde(default, with = "time::serde::timestamp::option")]
    pub second_factor_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
}

impl Store {
    pub async fn put_choice(
        &self,
        token_hash: &str,
        choice: &PendingChoice,
    ) -> Result<(), StoreError> {
        self.put_expiring(
            keys::choice_pk(token_hash),
            keys::CHOICE_SK,
            choice,
            choice.expires_at,
        )
        .await
    }

    pub async fn choice(&self, token_hash: &str) -> Result<Option<PendingChoice>, StoreError> {
        self.get_value(keys::choice_pk(token_hash), keys::CHOICE_SK.to_owned())
            .await
    }

    /// Takes the choice (single use); `false` when another request took it first.
    pub async fn consume_choice(&self, token_hash: &str) -> Result<bool, StoreError> {
        self.consume(keys::choice_pk(token_hash), keys::CHOICE_SK)
            .await
    }
}
