//! Sign-in sessions, each under the hash of its secret.

use serde::Serialize;
use time::OffsetDateTime;

use super::expr::to_item;
use super::items::Keyed;
use super::StoreError;
use super::{keys, Store};
use crate::domain::Session;

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
        self.db()
            .await
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
}
