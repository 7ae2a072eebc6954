//! The outbox and the audit trail. Every [`Change`] is written twice, in the same
//! transaction as the change itself: an outbox item (deleted once EventBridge took the
//! event) and an audit line in the workspace's partition (kept for the audit retention,
//! then TTL deletes it). A change that does not commit leaves neither.
//!
//! A change that alters what someone may do or see also puts a `person.rights_changed`
//! in the outbox ([`crate::domain::What::rights_notice`]), for the host only.
//!
//! The outbox is spread over a few partitions (by the event id) so a busy deployment
//! does not write one hot key; the publisher reads them all, oldest first.

use aws_sdk_dynamodb::types::{DeleteRequest, TransactWriteItem, WriteRequest};
use serde::{Deserialize, Serialize};

use super::expr::{key, put, s, to_item, Item, Refs};
use super::items::Keyed;
use super::{keys, Cursor, Listing, Store, StoreError};
use crate::domain::{Change, EventId, WorkspaceId};

/// How many partitions the outbox is spread over.
const OUTBOX_SHARDS: u8 = 4;

/// At most this many unpublished events are read per partition per publishing run.
const OUTBOX_READ: i32 = 100;

#[derive(Serialize, Deserialize)]
struct ChangeItem {
    #[serde(flatten)]
    change: Change,
}

/// One page of a workspace's audit trail, newest first.
pub struct AuditPage {
    pub changes: Vec<Change>,
    pub next_cursor: Option<Cursor>,
}

impl Store {
    /// The writes that record `changes`, to add to the transaction that makes them
    /// (they have no condition: they never refuse it).
    pub(super) fn recording(
        &self,
        changes: &[Change],
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let mut items = Vec::with_capacity(changes.len() * 3);
        for change in changes {
            let value = ChangeItem {
                change: change.clone(),
            };
            items.push(self.outbox_put(&value)?);
            // The host's notice that someone's rights changed goes out with the change;
            // the agency's trail has the change itself.
            if let Some(notice) = change.data.rights_notice() {
                let notice = Change::new(
                    &change.workspace_id,
                    change.occurred_at,
                    change.by.clone(),
                    notice,
                );
                items.push(self.outbox_put(&ChangeItem { change: notice })?);
            }
            let kept_until = change.occurred_at + self.audit_retention;
            items.push(put(
                &self.table,
                to_item(&Keyed {
                    pk: keys::workspace_pk(&change.workspace_id),
                    sk: keys::audit_sk(&change.event_id),
                    ttl: Some(kept_until.unix_timestamp()),
                    value: &value,
                })?,
                None,
                Refs::default(),
            )?);
        }
        Ok(items)
    }

    /// The write that puts a change in the outbox, to be published.
    fn outbox_put(&self, value: &ChangeItem) -> Result<TransactWriteItem, StoreError> {
        put(
            &self.table,
            to_item(&Keyed {
                pk: keys::outbox_pk(keys::shard_of(
                    value.change.event_id.as_str(),
                    OUTBOX_SHARDS,
                )),
                sk: value.change.event_id.to_string(),
                ttl: None,
                value,
            })?,
            None,
            Refs::default(),
        )
    }

    /// The events not yet published, oldest first, and whether more wait than were
    /// read (a partition gave its maximum).
    pub async fn outbox(&self) -> Result<(Vec<Change>, bool), StoreError> {
        let mut changes = Vec::new();
        let mut more = false;
        for shard in 0..OUTBOX_SHARDS {
            let output = self
                .db()
                .await
                .query()
                .table_name(&self.table)
                .key_condition_expression("pk = :pk")
                .expression_attribute_values(":pk", s(keys::outbox_pk(shard)))
                .limit(OUTBOX_READ)
                .send()
                .await
                .map_err(|error| StoreError::aws("Query", error))?;
            more |= output.last_evaluated_key.is_some();
            let items: Vec<ChangeItem> = Self::values(&output.items.unwrap_or_default())?;
            changes.extend(items.into_iter().map(|item| item.change));
        }
        changes.sort_by(|a, b| a.event_id.cmp(&b.event_id));
        Ok((changes, more))
    }

    /// Takes published events out of the outbox.
    pub async fn published(&self, ids: &[EventId]) -> Result<(), StoreError> {
        for batch in ids.chunks(25) {
            let mut requests: Vec<WriteRequest> = batch
                .iter()
                .map(|id| {
                    let delete = DeleteRequest::builder()
                        .set_key(Some(outbox_key(id)))
                        .build()
                        .map_err(|error| StoreError::Request(error.to_string()))?;
                    Ok(WriteRequest::builder().delete_request(delete).build())
                })
                .collect::<Result<_, StoreError>>()?;
            // What DynamoDB could not take now comes back; try again until it is done.
            for _ in 0..5 {
                if requests.is_empty() {
                    break;
                }
                let output = self
                    .db()
                    .await
                    .batch_write_item()
                    .request_items(&self.table, requests)
                    .send()
                    .await
                    .map_err(|error| StoreError::aws("BatchWriteItem", error))?;
                requests = output
                    .unprocessed_items
                    .and_then(|mut left| left.remove(&self.table))
                    .unwrap_or_default();
            }
        }
        Ok(())
    }

    /// One page of the workspace's audit trail, newest first.
    pub async fn audit_page(
        &self,
        workspace: &WorkspaceId,
        limit: i32,
        cursor: Option<&Cursor>,
    ) -> Result<AuditPage, StoreError> {
        let (items, next_cursor) = self
            .page(
                workspace,
                Listing::Audit,
                keys::AUDIT_PREFIX,
                limit,
                cursor,
                |query| query,
            )
            .await?;
        let changes: Vec<ChangeItem> = Self::listed(&items);
        Ok(AuditPage {
            changes: changes.into_iter().map(|item| item.change).collect(),
            next_cursor,
        })
    }
}

fn outbox_key(id: &EventId) -> Item {
    key(
        keys::outbox_pk(keys::shard_of(id.as_str(), OUTBOX_SHARDS)),
        id.to_string(),
    )
}
