//! DynamoDB single-table adapter: every read and every state change of the product.
//!
//! Each state change is one conditional write or one transaction, so a double click, a
//! race or a retry never makes two of anything. The store answers in typed outcomes
//! (`Opened::EmailPending(id)`, `Guarded::Refused`): which condition of its own
//! transaction refused is its business, never a service's.

mod assignments;
mod batch;
mod brand;
mod by_client;
mod changes;
mod choices;
mod clients;
mod connections;
mod cursor;
mod due;
mod error;
mod expr;
mod invite_link;
mod items;
mod keys;
mod legacy;
mod people;
mod provisioning;
mod reconnects;
mod reminders;
mod resealing;
mod sessions;
mod transaction;

use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::TransactWriteItem;

pub use self::assignments::{
    stand_in_key, AssignedReads, AssignmentChange, AssignmentReminder, AssignmentsWritten,
};
pub use self::batch::{Read, Reads};
pub use self::brand::BrandFields;
pub use self::by_client::{Backfill, SeenAccount, SeenAssignment, SeenPage};
pub use self::changes::AuditPage;
pub use self::choices::{ChoiceAccount, PendingChoice};
pub use self::clients::{ClientPage, ClientRecord, LinkSwap, RightsWritten};
pub use self::connections::{Guarded, Inserted, OAuthState, StoredConnection, UpkeepWrite};
pub use self::cursor::{Cursor, Listing};
pub use self::due::{DueEntry, DueKind, DueRead};
pub use self::error::{StoreError, UnreadableItem};
use self::expr::{key, n, s, to_item, update, Item, Refs};
pub use self::invite_link::{InviteLink, Joined, Joining};
pub use self::items::TokenPointer;
use self::items::{Keyed, MemberItem, WorkspaceItem};
pub use self::legacy::{Legacy, Moved, OldConnectLink, OldConnection, OldInvitation, OldPerson};
pub use self::people::{
    Accepted, Complaint, Narrowed, Opened, Opening, PeoplePage, Quota, SeatGuard,
};
pub use self::provisioning::MemberProvisioned;
pub use self::reconnects::{LastReconnectEmail, ReconnectClaimed, ReconnectTerms};
pub use self::reminders::ReminderClaimed;
pub use self::resealing::{ScanStart, SealedKind, SealedPage, SealedValue};
use crate::aws::Lazy;
use crate::crypto::TokenHash;
use crate::domain::{Invitation, Member, UserId, Workspace, WorkspaceId};

pub struct Store {
    dynamodb: Lazy<aws_sdk_dynamodb::Client>,
    table: String,
    /// How long an audit line is kept.
    audit_retention: time::Duration,
}

/// A string attribute of an item, or empty.
fn text_of(item: &Item, name: &str) -> String {
    item.get(name)
        .and_then(|value| value.as_s().ok())
        .cloned()
        .unwrap_or_default()
}

/// A workspace as read, with the version that guards its seats.
#[derive(Debug)]
pub struct WorkspaceRecord {
    pub workspace: Workspace,
    pub seat_version: u64,
}

impl WorkspaceRecord {
    /// The guard a change that takes a seat writes with: it fails if another such
    /// change went first.
    pub fn seat_guard(&self) -> SeatGuard {
        SeatGuard {
            version: self.seat_version,
        }
    }
}

/// An invitation as read, with the hash of its current link and the SES message id of
/// the email sent with it (if it went out).
#[derive(Debug, Clone)]
pub struct InvitationRecord {
    pub invitation: Invitation,
    pub token_hash: TokenHash,
    pub message_id: Option<String>,
    /// The current link's token, sealed (`service::reminders` opens it).
    pub sealed_link: Option<String>,
}

impl Store {
    pub fn new(dynamodb: Lazy<aws_sdk_dynamodb::Client>, table: &str) -> Self {
        Self {
            dynamodb,
            table: table.to_owned(),
            audit_retention: time::Duration::days(400),
        }
    }

    /// Audit lines kept for `retention` (then TTL deletes them).
    pub fn with_audit_retention(self, retention: time::Duration) -> Self {
        Self {
            audit_retention: retention,
            ..self
        }
    }

    async fn db(&self) -> &aws_sdk_dynamodb::Client {
        self.dynamodb.get().await
    }

    // ----- reads -----

    async fn get(&self, pk: String, sk: String) -> Result<Option<Item>, StoreError> {
        let output = self
            .db()
            .await
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|error| StoreError::aws("GetItem", error))?;
        Ok(output.item)
    }

    /// The domain value stored at `pk`/`sk`, keys and TTL stripped.
    async fn get_value<T: serde::de::DeserializeOwned>(
        &self,
        pk: String,
        sk: String,
    ) -> Result<Option<T>, StoreError> {
        self.get(pk, sk)
            .await?
            .map(|item| Self::parse::<Keyed<T>>(item).map(|stored| stored.value))
            .transpose()
    }

    /// The domain values of query results, keys and TTL stripped.
    fn values<T: serde::de::DeserializeOwned>(items: &[Item]) -> Result<Vec<T>, StoreError> {
        items
            .iter()
            .map(|item| Self::parse::<Keyed<T>>(item.clone()).map(|stored| stored.value))
            .collect()
    }

    /// Every page of a query's results.
    async fn query_all(
        &self,
        query: aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder,
    ) -> Result<Vec<Item>, StoreError> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let output = query
                .clone()
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|error| StoreError::aws("Query", error))?;
            items.extend(output.items.unwrap_or_default());
            match output.last_evaluated_key {
                Some(last) if !last.is_empty() => start = Some(last),
                _ => return Ok(items),
            }
        }
    }

    /// A query of a workspace's partition for the sort keys starting with `prefix`.
    async fn partition_query(&self, workspace: &WorkspaceId, prefix: &str) -> QueryFluentBuilder {
        self.db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":prefix", s(prefix))
            .consistent_read(true)
    }

    /// Every item of a workspace's partition whose sort key starts with `prefix`.
    async fn partition(
        &self,
        workspace: &WorkspaceId,
        prefix: &str,
    ) -> Result<Vec<Item>, StoreError> {
        self.query_all(self.partition_query(workspace, prefix).await)
            .await
    }

    /// Every item of the table `narrow` lets through, in a consistent paginated Scan: only
    /// operator commands (`infra/migrate`) read the whole table.
    async fn scan_all(
        &self,
        narrow: impl Fn(
            aws_sdk_dynamodb::operation::scan::builders::ScanFluentBuilder,
        ) -> aws_sdk_dynamodb::operation::scan::builders::ScanFluentBuilder,
    ) -> Result<Vec<Item>, StoreError> {
        let mut all = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let scan = self
                .db()
                .await
                .scan()
                .table_name(&self.table)
                .consistent_read(true)
                .set_exclusive_start_key(start.take());
            let output = narrow(scan)
                .send()
                .await
                .map_err(|error| StoreError::aws("Scan", error))?;
            all.extend(output.items.unwrap_or_default());
            match output.last_evaluated_key {
                Some(last) if !last.is_empty() => start = Some(last),
                _ => return Ok(all),
            }
        }
    }

    /// One page of a listing of a workspace's `prefix` items, newest first (ids are
    /// time-ordered), after `cursor`; `filter` narrows the query. The items, and the
    /// cursor of the next page if there is one.
    async fn page(
        &self,
        workspace: &WorkspaceId,
        listing: Listing,
        prefix: &str,
        limit: i32,
        cursor: Option<&Cursor>,
        filter: impl FnOnce(QueryFluentBuilder) -> QueryFluentBuilder,
    ) -> Result<(Vec<Item>, Option<Cursor>), StoreError> {
        let query = self
            .partition_query(workspace, prefix)
            .await
            .scan_index_forward(false)
            .limit(limit)
            .set_exclusive_start_key(
                cursor.map(|cursor| key(keys::workspace_pk(workspace), cursor.after.clone())),
            );
        let output = filter(query)
            .send()
            .await
            .map_err(|error| StoreError::aws("Query", error))?;
        let next = output
            .last_evaluated_key()
            .and_then(|last| last.get("sk"))
            .and_then(|sk| sk.as_s().ok())
            .map(|sk| Cursor::new(listing, workspace, sk.clone()));
        Ok((output.items.unwrap_or_default(), next))
    }

    /// An item read as `T`. One that cannot be is an error naming it (its keys, and the
    /// attribute to blame when one is), logged at once with its cause.
    pub(super) fn parse<T: serde::de::DeserializeOwned>(item: Item) -> Result<T, StoreError> {
        match serde_dynamo::from_item(item.clone()) {
            Ok(value) => Ok(value),
            Err(cause) => {
                let item = UnreadableItem {
                    pk: text_of(&item, "pk"),
                    sk: text_of(&item, "sk"),
                    field: Self::to_blame::<T>(&item, &cause),
                };
                tracing::error!(
                    pk = item.pk.as_str(),
                    sk = item.sk.as_str(),
                    field = item.field.as_deref().unwrap_or("?"),
                    cause = %cause,
                    "an item in the table is unreadable"
                );
                Err(StoreError::Unreadable { item, cause })
            }
        }
    }

    /// The attribute that makes `item` unreadable as `T`: the one named missing, or the
    /// one without which the item reads (or fails otherwise). Serde reads every attribute
    /// before it looks for missing ones, so leaving out any other attribute fails the same
    /// way. Only ever run on an item that failed.
    fn to_blame<T: serde::de::DeserializeOwned>(
        item: &Item,
        cause: &serde_dynamo::Error,
    ) -> Option<String> {
        let said = cause.to_string();
        if let Some(missing) = said
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            return Some(missing.to_owned());
        }
        let mut names: Vec<&String> = item
            .keys()
            .filter(|name| !matches!(name.as_str(), "pk" | "sk"))
            .collect();
        names.sort();
        names.into_iter().find_map(|name| {
            let mut less = item.clone();
            less.remove(name);
            match serde_dynamo::from_item::<_, T>(less) {
                Err(other) if other.to_string() == said => None,
                _ => Some(name.clone()),
            }
        })
    }

    /// The values of a listing's items, keys and TTL stripped, leaving out (and logging)
    /// any that cannot be read: one damaged item must not take the whole page with it.
    fn listed<T: serde::de::DeserializeOwned>(items: &[Item]) -> Vec<T> {
        items
            .iter()
            .filter_map(|item| match Self::parse::<Keyed<T>>(item.clone()) {
                Ok(stored) => Some(stored.value),
                Err(error) => {
                    tracing::error!(%error, "an unreadable item was left out of a list");
                    None
                }
            })
            .collect()
    }

    pub async fn workspace(&self, id: &WorkspaceId) -> Result<Option<WorkspaceRecord>, StoreError> {
        let stored: Option<WorkspaceItem> = self
            .get_value(keys::workspace_pk(id), keys::META_SK.to_owned())
            .await?;
        Ok(stored.map(|stored| WorkspaceRecord {
            workspace: stored.workspace,
            seat_version: stored.seat_version,
        }))
    }

    pub async fn member(
        &self,
        workspace: &WorkspaceId,
        user_id: &UserId,
    ) -> Result<Option<Member>, StoreError> {
        self.get_value::<Member>(keys::workspace_pk(workspace), keys::member_sk(user_id))
            .await
    }

    /// The workspaces where this person is an active member of a client.
    pub async fn client_workspaces(
        &self,
        user_id: &UserId,
    ) -> Result<Vec<WorkspaceId>, StoreError> {
        Ok(self
            .memberships(user_id)
            .await?
            .into_iter()
            .filter(|member| member.client().is_some() && member.is_active())
            .map(|member| member.workspace_id)
            .collect())
    }

    /// Every member of the workspace: its agency and its clients' people (one query).
    pub async fn members(&self, workspace: &WorkspaceId) -> Result<Vec<Member>, StoreError> {
        Self::values(&self.partition(workspace, keys::MEMBER_PREFIX).await?)
    }

    /// Every membership of this person, in any workspace and any state (one query on
    /// the by-user index).
    pub async fn memberships(&self, user_id: &UserId) -> Result<Vec<Member>, StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .index_name(keys::BY_USER_INDEX)
            .key_condition_expression("gsi1pk = :user")
            .expression_attribute_values(":user", s(keys::user_gsi_pk(user_id)));
        Self::values(&self.query_all(query).await?)
    }

    // ----- seeding (the host's provisioning; local use and tests) -----

    pub async fn put_workspace(&self, workspace: &Workspace) -> Result<(), StoreError> {
        let item = Keyed {
            pk: keys::workspace_pk(&workspace.id),
            sk: keys::META_SK.to_owned(),
            ttl: None,
            value: WorkspaceItem {
                workspace: workspace.clone(),
                seat_version: 0,
            },
        };
        self.put_plain(to_item(&item)?).await
    }

    pub async fn put_member(&self, member: &Member) -> Result<(), StoreError> {
        let item = MemberItem::keyed(member);
        self.put_plain(to_item(&item)?).await
    }

    async fn put_plain(&self, item: Item) -> Result<(), StoreError> {
        self.db()
            .await
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|error| StoreError::aws("PutItem", error))?;
        Ok(())
    }

    /// The update that claims the next seat version (see [`SeatGuard`]).
    fn take_seat(
        &self,
        workspace: &WorkspaceId,
        guard: SeatGuard,
    ) -> Result<TransactWriteItem, StoreError> {
        update(
            &self.table,
            key(keys::workspace_pk(workspace), keys::META_SK),
            "SET seat_version = :next",
            Some("(attribute_not_exists(seat_version) AND :current = :zero) OR seat_version = :current"),
            Refs::default()
                .value(":next", n(guard.version + 1))
                .value(":current", n(guard.version))
                .value(":zero", n(0)),
        )
    }

    /// A transaction whose conditions all guard one thing: done, or refused.
    /// `items` and the record of `changes` (outbox and audit trail), all or nothing.
    async fn transact_recorded(
        &self,
        mut items: Vec<TransactWriteItem>,
        changes: &[crate::domain::Change],
    ) -> Result<Guarded, StoreError> {
        items.extend(self.recording(changes)?);
        self.transact_guarded(items).await
    }

    /// A transaction that is done or refused as a whole, whichever condition refused it
    /// (for one whose refusals mean different things, see [`transaction::Transaction`]).
    async fn transact_guarded(&self, items: Vec<TransactWriteItem>) -> Result<Guarded, StoreError> {
        Ok(match self.write_all(items).await? {
            None => Guarded::Done,
            Some(_) => Guarded::Refused,
        })
    }
}
