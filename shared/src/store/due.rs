//! The due index (sparse GSI `by-due`, keys only): what the upkeep must look at, by
//! when. The dispatcher reads it in bounded pages, a fair share from every shard, and
//! marks each entry it sends as in flight by moving it later in the index, with a
//! condition on where it read it: two dispatchers never send one entry twice, and an
//! entry whose work moved it meanwhile is left where its work put it.

use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use time::OffsetDateTime;

use super::expr::{key, s, Item};
use super::{keys, Store, StoreError};
use crate::domain::{fair_shares, Task};

/// The most rounds of queries one read of the index makes: a shard that had more than
/// its share gets what others left in the next round.
const ROUNDS: usize = 3;

/// Which work an index partition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    Connection,
    InvitationExpiry,
    /// Reminders: of open invitations, of reconnects the agency asked for, of accounts
    /// a client was asked to connect.
    Reminder,
}

impl DueKind {
    fn partition(self) -> &'static str {
        match self {
            DueKind::Connection => keys::CONNECTIONS_DUE,
            DueKind::InvitationExpiry => keys::INVITATIONS_EXPIRING,
            DueKind::Reminder => keys::REMINDERS_DUE,
        }
    }

    fn task(self, pk: &str, sk: &str) -> Option<Task> {
        let workspace_id = keys::workspace_of(pk)?;
        Some(match self {
            DueKind::Connection => Task::Connection {
                workspace_id,
                connection_id: keys::connection_of(sk)?,
            },
            DueKind::InvitationExpiry => Task::InvitationExpiry {
                workspace_id,
                invitation_id: keys::invitation_of(sk)?,
            },
            DueKind::Reminder if sk.starts_with(keys::ASSIGNMENT_PREFIX) => {
                let (connection_id, client_id) = keys::assignment_of(sk)?;
                Task::AssignmentReminder {
                    workspace_id,
                    connection_id,
                    client_id,
                }
            }
            DueKind::Reminder if sk.starts_with(keys::RECONNECT_PREFIX) => {
                Task::ReconnectReminder {
                    workspace_id,
                    connection_id: keys::reconnect_of(sk)?,
                }
            }
            DueKind::Reminder => Task::InvitationReminder {
                workspace_id,
                invitation_id: keys::invitation_of(sk)?,
            },
        })
    }
}

/// One entry of the due index, as read: the work it stands for and where it was.
#[derive(Debug, Clone)]
pub struct DueEntry {
    pub task: Task,
    pk: String,
    sk: String,
    seen: String,
}

/// What one read of the index found, and what it cost.
#[derive(Debug, Default)]
pub struct DueRead {
    pub entries: Vec<DueEntry>,
    /// Queries made (one page each).
    pub queries: usize,
}

impl Store {
    /// Up to `budget` entries of `kind` due by `now`, oldest first within each shard,
    /// shared fairly among the shards (the remainder of an uneven split goes to shards
    /// from the `turn`-th on, so runs take turns): one Query page each (`Limit` = its
    /// share), and another round for the shards that had more while budget is left.
    /// Never reads more than `budget` entries.
    pub async fn due_entries(
        &self,
        kind: DueKind,
        now: OffsetDateTime,
        budget: usize,
        turn: usize,
    ) -> Result<DueRead, StoreError> {
        let upto = keys::due_upto(now);
        let mut read = DueRead::default();
        let mut open: Vec<(u8, Option<Item>)> =
            (0..keys::DUE_SHARDS).map(|shard| (shard, None)).collect();
        let mut left = budget;
        for _ in 0..ROUNDS {
            if left == 0 || open.is_empty() {
                break;
            }
            let shares = fair_shares(left, open.len(), turn);
            let pages = futures::future::try_join_all(
                open.iter().zip(shares).filter(|(_, share)| *share > 0).map(
                    |((shard, after), share)| {
                        self.due_page(kind, *shard, &upto, share, after.clone())
                    },
                ),
            )
            .await?;
            read.queries += pages.len();
            let mut still_open = Vec::new();
            for (shard, share, items, next) in pages {
                left = left.saturating_sub(items.len());
                let full = items.len() >= share;
                read.entries.extend(items.into_iter().filter_map(|item| {
                    let text = |name: &str| item.get(name)?.as_s().ok().cloned();
                    let (pk, sk, seen) = (text("pk")?, text("sk")?, text("gsi2sk")?);
                    Some(DueEntry {
                        task: kind.task(&pk, &sk)?,
                        pk,
                        sk,
                        seen,
                    })
                }));
                if full && next.is_some() {
                    still_open.push((shard, next));
                }
            }
            open = still_open;
        }
        Ok(read)
    }

    /// One page of one shard: at most `limit` entries after `after`.
    async fn due_page(
        &self,
        kind: DueKind,
        shard: u8,
        upto: &str,
        limit: usize,
        after: Option<Item>,
    ) -> Result<(u8, usize, Vec<Item>, Option<Item>), StoreError> {
        let output = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .index_name(keys::BY_DUE_INDEX)
            .key_condition_expression("gsi2pk = :shard AND gsi2sk <= :upto")
            .expression_attribute_values(":shard", s(format!("{}#{shard}", kind.partition())))
            .expression_attribute_values(":upto", s(upto))
            .limit(i32::try_from(limit).unwrap_or(i32::MAX))
            .set_exclusive_start_key(after)
            .send()
            .await
            .map_err(|error| StoreError::aws("Query", error))?;
        Ok((
            shard,
            limit,
            output.items.unwrap_or_default(),
            output.last_evaluated_key,
        ))
    }

    /// Marks an entry in flight until `until`: moves it there in the index, only if it
    /// is still where it was read. `false`: someone else took it, or its work moved it.
    pub async fn take_due_entry(
        &self,
        entry: &DueEntry,
        until: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let id = entry.seen.rsplit('#').next().unwrap_or_default();
        let outcome = self
            .db()
            .await
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(entry.pk.clone(), &entry.sk)))
            .update_expression("SET gsi2sk = :until")
            .condition_expression("gsi2sk = :seen")
            .expression_attribute_values(":until", s(keys::due_sk(until, id)))
            .expression_attribute_values(":seen", s(&entry.seen))
            .send()
            .await;
        match outcome {
            Ok(_) => Ok(true),
            Err(error) => match error.into_service_error() {
                UpdateItemError::ConditionalCheckFailedException(_) => Ok(false),
                other => Err(StoreError::aws("UpdateItem", other)),
            },
        }
    }
}
