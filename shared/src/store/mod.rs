//! DynamoDB single-table adapter: every read and every state change of the product.
//!
//! Each state change is one conditional write or one transaction, so a double click, a
//! race or a retry never makes two of anything. A cancelled transaction is reported as
//! [`Conflict`] with the item that failed, for the service to explain.

mod batch;
mod connections;
mod cursor;
mod error;
mod expr;
mod invite_link;
mod items;
mod keys;
mod sessions;

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem};
use time::{Duration, OffsetDateTime};

pub use self::batch::{Read, Reads};
pub use self::connections::{
    DueConnection, Guarded, Inserted, Landing, OAuthState, StoredConnection,
};
pub use self::cursor::{Cursor, Listing};
pub use self::error::StoreError;
use self::expr::{attr, delete, key, n, put, s, to_item, update, Item, Refs};
pub use self::invite_link::InviteLink;
pub use self::items::TokenPointer;
use self::items::{InvitationItem, Keyed, MemberItem, PendingGuard, WorkspaceItem};
pub use self::sessions::PendingSignIn;
use crate::aws::Lazy;
use crate::crypto::TokenHash;
use crate::domain::{
    ClientStatus, Delivery, Invitation, InvitationId, InvitationState, Member, MemberStatus, Role,
    Workspace, WorkspaceId,
};

pub struct Store {
    dynamodb: Lazy<aws_sdk_dynamodb::Client>,
    table: String,
}

/// A workspace as read, with the version that guards its seats.
#[derive(Debug)]
pub struct WorkspaceRecord {
    pub workspace: Workspace,
    pub seat_version: u64,
}

/// An invitation as read, with the hash of its current link.
#[derive(Debug)]
pub struct InvitationRecord {
    pub invitation: Invitation,
    pub token_hash: TokenHash,
}

/// One page of a workspace's invitations, newest first.
pub struct Page {
    pub invitations: Vec<Invitation>,
    pub next_cursor: Option<Cursor>,
}

/// Which part of a transaction refused, in the order the items were given.
#[derive(Debug)]
pub struct Conflict {
    /// For each item: `Some(old item or empty)` if its condition failed.
    pub failed: Vec<Option<Item>>,
}

impl Conflict {
    pub fn failed_at(&self, index: usize) -> bool {
        self.failed.get(index).is_some_and(Option::is_some)
    }

    pub fn old_item(&self, index: usize) -> Option<&Item> {
        self.failed.get(index).and_then(Option::as_ref)
    }
}

/// Outcome of a state change: done, refused by a condition, or a failure of the table.
pub type Written = Result<Result<(), Conflict>, StoreError>;

impl Store {
    pub fn new(dynamodb: Lazy<aws_sdk_dynamodb::Client>, table: &str) -> Self {
        Self {
            dynamodb,
            table: table.to_owned(),
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

    pub(super) fn parse<T: serde::de::DeserializeOwned>(item: Item) -> Result<T, StoreError> {
        serde_dynamo::from_item(item)
            .map_err(StoreError::Unreadable)
    }

    pub async fn workspace(&self, id: &WorkspaceId) -> Result<Option<WorkspaceRecord>, StoreError> {
        let Some(item) = self
            .get(keys::workspace_pk(id), keys::META_SK.to_owned())
            .await?
        else {
            return Ok(None);
        };
        let stored: Keyed<WorkspaceItem> = Self::parse(item)?;
        Ok(Some(WorkspaceRecord {
            workspace: stored.value.workspace,
            seat_version: stored.value.seat_version,
        }))
    }

    pub async fn member(
        &self,
        workspace: &WorkspaceId,
        user_id: &str,
    ) -> Result<Option<Member>, StoreError> {
        self.get_value::<Member>(keys::workspace_pk(workspace), keys::member_sk(user_id))
            .await
    }

    pub async fn invitation(
        &self,
        workspace: &WorkspaceId,
        id: &InvitationId,
    ) -> Result<Option<InvitationRecord>, StoreError> {
        let stored: Option<InvitationItem> = self
            .get_value(keys::workspace_pk(workspace), keys::invitation_sk(id))
            .await?;
        Ok(stored.map(|stored| InvitationRecord {
            invitation: stored.invitation,
            token_hash: stored.token_hash,
        }))
    }

    /// The workspaces where this person is an active client.
    pub async fn client_workspaces(&self, user_id: &str) -> Result<Vec<WorkspaceId>, StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .index_name(keys::BY_USER_INDEX)
            .key_condition_expression("gsi1pk = :user")
            .expression_attribute_values(":user", s(keys::user_gsi_pk(user_id)));
        let members: Vec<Member> = Self::values(&self.query_all(query).await?)?;
        Ok(members
            .into_iter()
            .filter(|member| member.role == Role::Client && member.is_active())
            .map(|member| member.workspace_id)
            .collect())
    }

    pub async fn token(&self, hash: &TokenHash) -> Result<Option<TokenPointer>, StoreError> {
        self.get_value(keys::token_pk(hash), keys::TOKEN_SK.to_owned())
            .await
    }

    /// Seats taken now: active agency members, active clients who may publish, and
    /// open invitations that would make a publishing client (expired ones excluded).
    pub async fn seats_in_use(
        &self,
        workspace: &WorkspaceId,
        now: OffsetDateTime,
    ) -> Result<u32, StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .consistent_read(true);
        let mut used = 0;
        for item in self.query_all(query).await? {
            let sk = item
                .get("sk")
                .and_then(|sk| sk.as_s().ok())
                .cloned()
                .unwrap_or_default();
            if sk.starts_with("MEMBER#") {
                let member: Keyed<Member> = Self::parse(item)?;
                let member = member.value;
                let agency = member.role != Role::Client;
                if member.is_active() && (agency || member.counts_as_seat) {
                    used += 1;
                }
            } else if sk.starts_with(keys::INVITE_PREFIX) {
                let stored: Keyed<InvitationItem> = Self::parse(item)?;
                let invitation = stored.value.invitation;
                let waiting = invitation.status_at(now) == ClientStatus::Invited;
                if waiting && invitation.permissions.takes_a_seat() {
                    used += 1;
                }
            }
        }
        Ok(used)
    }

    /// A page of invitations, newest first, optionally only those in one status.
    pub async fn list_invitations(
        &self,
        workspace: &WorkspaceId,
        status: Option<ClientStatus>,
        limit: i32,
        cursor: Option<&Cursor>,
        now: OffsetDateTime,
    ) -> Result<Page, StoreError> {
        let mut query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":prefix", s(keys::INVITE_PREFIX))
            .scan_index_forward(false)
            .limit(limit);
        if let Some(cursor) = cursor {
            query = query.set_exclusive_start_key(Some(key(
                keys::workspace_pk(workspace),
                cursor.after.clone(),
            )));
        }
        if let Some((filter, values)) = status_filter(status, now)? {
            query = query
                .filter_expression(filter)
                .expression_attribute_names("#state", "state");
            for (placeholder, value) in values {
                query = query.expression_attribute_values(placeholder, value);
            }
        }
        let output = query.send().await.map_err(|error| StoreError::aws("Query", error))?;
        let invitations = output
            .items()
            .iter()
            .map(|item| {
                Self::parse::<Keyed<InvitationItem>>(item.clone())
                    .map(|stored| stored.value.invitation)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let next_cursor = output
            .last_evaluated_key()
            .and_then(|last| last.get("sk"))
            .and_then(|sk| sk.as_s().ok())
            .map(|sk| Cursor::new(Listing::Invitations, workspace, sk.clone()));
        Ok(Page {
            invitations,
            next_cursor,
        })
    }

    // ----- seeding (local use and tests; workspace management is another product) -----

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
        let item = Keyed {
            pk: keys::workspace_pk(&member.workspace_id),
            sk: keys::member_sk(&member.user_id),
            ttl: None,
            value: MemberItem::of(member),
        };
        self.put_plain(to_item(&item)?).await
    }

    async fn put_plain(&self, item: Item) -> Result<(), StoreError> {
        self.db().await
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|error| StoreError::aws("PutItem", error))?;
        Ok(())
    }

    /// The people acting for a client: its active members (a connect link is not a
    /// person).
    pub async fn people_of_client(
        &self,
        workspace: &WorkspaceId,
        client_id: &str,
    ) -> Result<Vec<Member>, StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .filter_expression("client_id = :client")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":prefix", s(keys::member_sk("")))
            .expression_attribute_values(":client", s(client_id));
        let members: Vec<Member> = Self::values(&self.query_all(query).await?)?;
        Ok(members
            .into_iter()
            .filter(|member| {
                member.role == Role::Client && member.is_active() && !member.is_connect_link()
            })
            .collect())
    }

    /// The connect links (link members) of one client.
    pub async fn connect_links(
        &self,
        workspace: &WorkspaceId,
        client_id: &str,
    ) -> Result<Vec<Member>, StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .filter_expression("client_id = :client")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":prefix", s(keys::member_sk("link:")))
            .expression_attribute_values(":client", s(client_id))
            .consistent_read(true);
        Self::values(&self.query_all(query).await?)
    }

    /// Puts `new` (if any) and deletes `old` in one transaction: a rotated link's
    /// predecessor stops working at the same moment.
    pub async fn replace_connect_links(&self, new: Option<&Member>, old: &[Member]) -> Written {
        let mut items = Vec::new();
        if let Some(member) = new {
            items.push(put(
                &self.table,
                to_item(&Keyed {
                    pk: keys::workspace_pk(&member.workspace_id),
                    sk: keys::member_sk(&member.user_id),
                    ttl: member.expires_at.map(|at| at.unix_timestamp()),
                    value: MemberItem::of(member),
                })?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?);
        }
        for member in old {
            items.push(delete(
                &self.table,
                key(
                    keys::workspace_pk(&member.workspace_id),
                    keys::member_sk(&member.user_id),
                ),
                None,
                Refs::default(),
            )?);
        }
        if items.is_empty() {
            return Ok(Ok(()));
        }
        self.transact(items).await
    }

    // ----- state changes -----

    /// Creates an invitation with its link and its one-per-email guard.
    /// Items: 0 invitation, 1 token, 2 pending guard, 3 seat version (if it takes a seat).
    pub async fn insert_invitation(
        &self,
        invitation: &Invitation,
        token: &TokenHash,
        retention: Duration,
        seat_version: Option<u64>,
        now: OffsetDateTime,
    ) -> Written {
        let ws_pk = keys::workspace_pk(&invitation.workspace_id);
        let invitation_ttl = (invitation.expires_at + retention).unix_timestamp();
        let mut items = vec![
            put(
                &self.table,
                to_item(&Keyed {
                    pk: ws_pk.clone(),
                    sk: keys::invitation_sk(&invitation.id),
                    ttl: Some(invitation_ttl),
                    value: InvitationItem {
                        invitation: invitation.clone(),
                        token_hash: token.clone(),
                    },
                })?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            self.put_token(token, invitation)?,
            self.put_pending_guard(invitation, invitation_ttl, now)?,
        ];
        if let Some(version) = seat_version {
            items.push(update(
                &self.table,
                key(ws_pk, keys::META_SK),
                "SET seat_version = :next",
                Some("attribute_not_exists(seat_version) AND :current = :zero OR seat_version = :current"),
                Refs::default()
                    .value(":next", n(version + 1))
                    .value(":current", n(version))
                    .value(":zero", n(0)),
            )?);
        }
        self.transact(items).await
    }

    /// Gives an open invitation a new link and a new expiry; the old link stops working.
    /// Items: 0 invitation, 1 old token, 2 new token, 3 pending guard.
    pub async fn replace_link(
        &self,
        current: &InvitationRecord,
        new_token: &TokenHash,
        expires_at: OffsetDateTime,
        retention: Duration,
        now: OffsetDateTime,
    ) -> Written {
        let invitation = &current.invitation;
        let invitation_ttl = (expires_at + retention).unix_timestamp();
        let renewed = Invitation {
            expires_at,
            delivery: Delivery::Sending,
            ..invitation.clone()
        };
        let items = vec![
            update(
                &self.table,
                key(keys::workspace_pk(&invitation.workspace_id), keys::invitation_sk(&invitation.id)),
                "SET token_hash = :new_hash, expires_at = :expires_at, #ttl = :ttl, delivery = :sending",
                Some("#state = :pending AND token_hash = :old_hash"),
                Refs::default()
                    .name("#ttl", "ttl")
                    .name("#state", "state")
                    .value(":new_hash", s(new_token.as_str()))
                    .value(":old_hash", s(current.token_hash.as_str()))
                    .value(":expires_at", n(expires_at.unix_timestamp()))
                    .value(":ttl", n(invitation_ttl))
                    .value(":sending", attr(&Delivery::Sending)?)
                    .value(":pending", attr(&InvitationState::Pending)?),
            )?,
            delete(
                &self.table,
                key(keys::token_pk(&current.token_hash), keys::TOKEN_SK),
                None,
                Refs::default(),
            )?,
            self.put_token(new_token, &renewed)?,
            self.put_pending_guard(&renewed, invitation_ttl, now)?,
        ];
        self.transact(items).await
    }

    /// Records whether the email for the link `token` went out.
    pub async fn record_delivery(
        &self,
        invitation: &Invitation,
        token: &TokenHash,
        delivery: Delivery,
        sent_at: Option<OffsetDateTime>,
    ) -> Written {
        let sent_at = sent_at.map_or(AttributeValue::Null(true), |at| n(at.unix_timestamp()));
        let item = update(
            &self.table,
            key(
                keys::workspace_pk(&invitation.workspace_id),
                keys::invitation_sk(&invitation.id),
            ),
            "SET delivery = :delivery, sent_at = :sent_at",
            Some("token_hash = :hash"),
            Refs::default()
                .value(":delivery", attr(&delivery)?)
                .value(":sent_at", sent_at)
                .value(":hash", s(token.as_str())),
        )?;
        self.transact(vec![item]).await
    }

    /// Makes the invitee a client member. Items: 0 invitation, 1 membership, 2 guard.
    pub async fn accept(
        &self,
        current: &InvitationRecord,
        member: &Member,
        now: OffsetDateTime,
    ) -> Written {
        let invitation = &current.invitation;
        let ws_pk = keys::workspace_pk(&invitation.workspace_id);
        let items = vec![
            update(
                &self.table,
                key(ws_pk.clone(), keys::invitation_sk(&invitation.id)),
                "SET #state = :accepted, accepted_at = :now, accepted_by = :user REMOVE #ttl",
                Some("#state = :pending AND token_hash = :hash AND expires_at > :now"),
                Refs::default()
                    .name("#state", "state")
                    .name("#ttl", "ttl")
                    .value(":accepted", attr(&InvitationState::Accepted)?)
                    .value(":pending", attr(&InvitationState::Pending)?)
                    .value(":now", n(now.unix_timestamp()))
                    .value(":user", s(&member.user_id))
                    .value(":hash", s(current.token_hash.as_str())),
            )?,
            self.put_new_client(member)?,
            self.delete_pending_guard(invitation)?,
        ];
        self.transact(items).await
    }

    /// Closes an open invitation. Items: 0 invitation, 1 guard.
    pub async fn revoke(
        &self,
        invitation: &Invitation,
        retention: Duration,
        now: OffsetDateTime,
    ) -> Written {
        let items = vec![
            self.close(
                invitation,
                InvitationState::Pending,
                InvitationState::Revoked,
                retention,
                now,
            )?,
            self.delete_pending_guard(invitation)?,
        ];
        self.transact(items).await
    }

    /// Ends a client's membership. Items: 0 invitation, 1 membership.
    pub async fn remove_client(
        &self,
        invitation: &Invitation,
        client_user: &str,
        retention: Duration,
        now: OffsetDateTime,
    ) -> Written {
        let items = vec![
            self.close(
                invitation,
                InvitationState::Accepted,
                InvitationState::Removed,
                retention,
                now,
            )?,
            update(
                &self.table,
                key(
                    keys::workspace_pk(&invitation.workspace_id),
                    keys::member_sk(client_user),
                ),
                "SET #status = :deactivated",
                Some("attribute_exists(pk) AND #role = :client"),
                Refs::default()
                    .name("#status", "status")
                    .name("#role", "role")
                    .value(":deactivated", attr(&MemberStatus::Deactivated)?)
                    .value(":client", attr(&Role::Client)?),
            )?,
        ];
        self.transact(items).await
    }

    // ----- building blocks -----

    /// A new client membership. A client removed earlier may come back; any other
    /// member may not be overwritten.
    pub(super) fn put_new_client(&self, member: &Member) -> Result<TransactWriteItem, StoreError> {
        put(
            &self.table,
            to_item(&Keyed {
                pk: keys::workspace_pk(&member.workspace_id),
                sk: keys::member_sk(&member.user_id),
                ttl: None,
                value: MemberItem::of(member),
            })?,
            Some("attribute_not_exists(pk) OR (#role = :client AND #status = :deactivated)"),
            Refs::default()
                .name("#role", "role")
                .name("#status", "status")
                .value(":client", attr(&Role::Client)?)
                .value(":deactivated", attr(&MemberStatus::Deactivated)?),
        )
    }

    fn close(
        &self,
        invitation: &Invitation,
        from: InvitationState,
        to: InvitationState,
        retention: Duration,
        now: OffsetDateTime,
    ) -> Result<TransactWriteItem, StoreError> {
        update(
            &self.table,
            key(
                keys::workspace_pk(&invitation.workspace_id),
                keys::invitation_sk(&invitation.id),
            ),
            "SET #state = :to, closed_at = :now, #ttl = :ttl",
            Some("#state = :from"),
            Refs::default()
                .name("#state", "state")
                .name("#ttl", "ttl")
                .value(":to", attr(&to)?)
                .value(":from", attr(&from)?)
                .value(":now", n(now.unix_timestamp()))
                .value(":ttl", n((now + retention).unix_timestamp())),
        )
    }

    fn put_token(
        &self,
        token: &TokenHash,
        invitation: &Invitation,
    ) -> Result<TransactWriteItem, StoreError> {
        let expires_at = invitation.expires_at.unix_timestamp();
        let item = Keyed {
            pk: keys::token_pk(token),
            sk: keys::TOKEN_SK.to_owned(),
            ttl: Some(expires_at),
            value: TokenPointer {
                workspace_id: invitation.workspace_id.clone(),
                invitation_id: invitation.id.clone(),
                expires_at,
            },
        };
        put(
            &self.table,
            to_item(&item)?,
            Some("attribute_not_exists(pk)"),
            Refs::default(),
        )
    }

    /// The guard lives as long as the invitation record; one whose TTL has passed but
    /// that DynamoDB has not deleted yet counts as gone.
    fn put_pending_guard(
        &self,
        invitation: &Invitation,
        ttl: i64,
        now: OffsetDateTime,
    ) -> Result<TransactWriteItem, StoreError> {
        let item = Keyed {
            pk: keys::workspace_pk(&invitation.workspace_id),
            sk: keys::pending_sk(&invitation.email),
            ttl: Some(ttl),
            value: PendingGuard {
                workspace_id: invitation.workspace_id.clone(),
                invitation_id: invitation.id.clone(),
            },
        };
        put(
            &self.table,
            to_item(&item)?,
            Some("attribute_not_exists(pk) OR invitation_id = :id OR #ttl <= :now"),
            Refs::default()
                .name("#ttl", "ttl")
                .value(":id", s(invitation.id.as_str()))
                .value(":now", n(now.unix_timestamp())),
        )
    }

    fn delete_pending_guard(&self, invitation: &Invitation) -> Result<TransactWriteItem, StoreError> {
        delete(
            &self.table,
            key(
                keys::workspace_pk(&invitation.workspace_id),
                keys::pending_sk(&invitation.email),
            ),
            Some("attribute_not_exists(pk) OR invitation_id = :id"),
            Refs::default().value(":id", s(invitation.id.as_str())),
        )
    }

    async fn transact(&self, items: Vec<TransactWriteItem>) -> Written {
        let count = items.len();
        match self
            .db()
            .await
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
        {
            Ok(_) => Ok(Ok(())),
            Err(error) => match error.into_service_error() {
                TransactWriteItemsError::TransactionCanceledException(cancelled) => {
                    let mut failed: Vec<Option<Item>> = cancelled
                        .cancellation_reasons()
                        .iter()
                        .map(|reason| {
                            (reason.code() == Some("ConditionalCheckFailed"))
                                .then(|| reason.item().cloned().unwrap_or_default())
                        })
                        .collect();
                    // A cancellation with no failed condition (e.g. a transaction
                    // conflict) leaves every entry `None`: the caller reports a race.
                    failed.resize(count, None);
                    Ok(Err(Conflict { failed }))
                }
                other => Err(StoreError::aws("TransactWriteItems", other)),
            },
        }
    }
}

/// A filter expression and the values it refers to.
type Filter = (&'static str, Vec<(&'static str, AttributeValue)>);

/// The filter expression for one listed status; expiry is computed against `now`.
fn status_filter(
    status: Option<ClientStatus>,
    now: OffsetDateTime,
) -> Result<Option<Filter>, StoreError> {
    let Some(status) = status else {
        return Ok(None);
    };
    let now = n(now.unix_timestamp());
    let state = |value: InvitationState| attr(&value);
    Ok(Some(match status {
        ClientStatus::Invited => (
            "#state = :state AND expires_at > :now",
            vec![(":state", state(InvitationState::Pending)?), (":now", now)],
        ),
        ClientStatus::Expired => (
            "#state = :state AND expires_at <= :now",
            vec![(":state", state(InvitationState::Pending)?), (":now", now)],
        ),
        ClientStatus::Active => (
            "#state = :state",
            vec![(":state", state(InvitationState::Accepted)?)],
        ),
        ClientStatus::Revoked => (
            "#state = :state",
            vec![(":state", state(InvitationState::Revoked)?)],
        ),
        ClientStatus::Deactivated => (
            "#state = :state",
            vec![(":state", state(InvitationState::Removed)?)],
        ),
    }))
}
