//! Connected accounts and the OAuth states of connects in progress.

use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::expr::{key, put, s, to_item, Refs};
use super::items::Keyed;
use super::{keys, Store, Written};
use crate::domain::{Connection, ConnectionOwner, Platform, WorkspaceId};
use super::StoreError;

/// Where the person lands after the platform's consent: a fixed page, never a URL
/// from the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Landing {
    ClientConnectPage,
    AgencyConnectionsPage,
}

/// One connect in progress, stored under the hash of its `state`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OAuthState {
    pub workspace_id: WorkspaceId,
    pub platform: Platform,
    pub user_id: String,
    pub owner: ConnectionOwner,
    /// SHA-256 of the nonce in the starting browser's cookie.
    pub browser_hash: String,
    /// The PKCE verifier, sealed to this state.
    #[serde(default)]
    pub sealed_pkce_verifier: Option<String>,
    pub landing: Landing,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
}

/// A connection as stored: the public part and the sealed tokens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredConnection {
    #[serde(flatten)]
    pub connection: Connection,
    /// AES-256-GCM over the token set (access, refresh, expiries, scope).
    pub sealed_tokens: String,
}

impl Store {
    pub async fn put_oauth_state(
        &self,
        state_hash: &str,
        state: &OAuthState,
    ) -> Result<(), StoreError> {
        self.put_expiring(
            keys::oauth_state_pk(state_hash),
            keys::OAUTH_STATE_SK,
            state,
            state.expires_at,
        )
        .await
    }

    pub async fn oauth_state(&self, state_hash: &str) -> Result<Option<OAuthState>, StoreError> {
        self.get_value::<OAuthState>(
            keys::oauth_state_pk(state_hash),
            keys::OAUTH_STATE_SK.to_owned(),
        )
        .await
    }

    /// Deletes the state if it is still there; `false` when another request took it.
    pub async fn consume_oauth_state(&self, state_hash: &str) -> Result<bool, StoreError> {
        let outcome = self
            .db()
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(
                keys::oauth_state_pk(state_hash),
                keys::OAUTH_STATE_SK,
            )))
            .condition_expression("attribute_exists(pk)")
            .send()
            .await;
        match outcome {
            Ok(_) => Ok(true),
            Err(error) => match error.into_service_error() {
                DeleteItemError::ConditionalCheckFailedException(_) => Ok(false),
                other => Err(StoreError::aws("DeleteItem", other)),
            },
        }
    }

    pub async fn connection_by_account(
        &self,
        workspace: &WorkspaceId,
        platform: Platform,
        account_id: &str,
    ) -> Result<Option<StoredConnection>, StoreError> {
        self.get_value::<StoredConnection>(
            keys::workspace_pk(workspace),
            keys::connection_sk(platform, account_id),
        )
        .await
    }

    /// Every connection of a workspace (a workspace holds a few dozen at most).
    pub async fn connections(
        &self,
        workspace: &WorkspaceId,
    ) -> Result<Vec<StoredConnection>, StoreError> {
        let query = self
            .db()
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":prefix", s(keys::CONNECTION_PREFIX))
            .consistent_read(true);
        Self::values(&self.query_all(query).await?)
    }

    /// Creates the connection, or refreshes it in place when `existing` is the same
    /// account of the same owner; a different owner's account is never overwritten.
    pub async fn save_connection(
        &self,
        connection: &StoredConnection,
        existing: Option<&StoredConnection>,
    ) -> Written {
        let item = Keyed {
            pk: keys::workspace_pk(&connection.connection.workspace_id),
            sk: keys::connection_sk(
                connection.connection.platform,
                &connection.connection.account_id,
            ),
            ttl: None,
            value: connection.clone(),
        };
        let write = match existing {
            None => put(
                &self.table,
                to_item(&item)?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            Some(existing) => put(
                &self.table,
                to_item(&item)?,
                Some("connection_id = :id AND owner_key = :owner"),
                Refs::default()
                    .value(":id", s(existing.connection.connection_id.as_str()))
                    .value(":owner", s(&existing.connection.owner_key)),
            )?,
        };
        self.transact(vec![write]).await
    }

    pub async fn delete_connection(&self, connection: &Connection) -> Written {
        let write = super::expr::delete(
            &self.table,
            key(
                keys::workspace_pk(&connection.workspace_id),
                keys::connection_sk(connection.platform, &connection.account_id),
            ),
            Some("connection_id = :id"),
            Refs::default().value(":id", s(connection.connection_id.as_str())),
        )?;
        self.transact(vec![write]).await
    }
}
