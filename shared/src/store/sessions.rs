//! Sign-in sessions and sign-ins in progress, each under the hash of its secret.

use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
use aws_sdk_dynamodb::types::ReturnValue;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::expr::{key, to_item};
use super::items::Keyed;
use super::{keys, Store};
use super::StoreError;
use crate::domain::Session;

/// A sign-in between the redirect to the identity provider and its return.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The PKCE verifier and the page to return to (which may carry an invitation's
    /// token), sealed under a key only the browser's login cookie holds.
    pub sealed: String,
    pub nonce: String,
    /// SHA-256 of the nonce in the browser's `cc_login` cookie.
    pub browser_hash: String,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// A new item that TTL removes at `expires_at` (which reads also check).
    pub(super) async fn put_expiring<T: Serialize + Clone>(
        &self,
        pk: String,
        sk: &str,
        value: &T,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let item = Keyed {
            pk,
            sk: sk.to_owned(),
            ttl: Some(expires_at.unix_timestamp()),
            value: value.clone(),
        };
        self.db().await
            .put_item()
            .table_name(&self.table)
            .set_item(Some(to_item(&item)?))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await
            .map_err(|error| StoreError::aws("PutItem", error))?;
        Ok(())
    }

    pub async fn put_session(&self, token_hash: &str, session: &Session) -> Result<(), StoreError> {
        self.put_expiring(
            keys::session_pk(token_hash),
            keys::SECRET_SK,
            session,
            session.expires_at,
        )
        .await
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        self.get_value::<Session>(keys::session_pk(token_hash), keys::SECRET_SK.to_owned())
            .await
    }

    pub async fn put_pending_sign_in(
        &self,
        state_hash: &str,
        pending: &PendingSignIn,
    ) -> Result<(), StoreError> {
        self.put_expiring(
            keys::sign_in_pk(state_hash),
            keys::SECRET_SK,
            pending,
            pending.expires_at,
        )
        .await
    }

    /// Reads and deletes in one step: a sign-in state is used once.
    pub async fn take_pending_sign_in(
        &self,
        state_hash: &str,
    ) -> Result<Option<PendingSignIn>, StoreError> {
        let outcome = self
            .db()
            .await
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(keys::sign_in_pk(state_hash), keys::SECRET_SK)))
            .condition_expression("attribute_exists(pk)")
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match outcome {
            Ok(output) => output
                .attributes
                .map(|item| Self::parse::<Keyed<PendingSignIn>>(item).map(|stored| stored.value))
                .transpose(),
            Err(error) => match error.into_service_error() {
                DeleteItemError::ConditionalCheckFailedException(_) => Ok(None),
                other => Err(StoreError::aws("DeleteItem", other)),
            },
        }
    }
}
