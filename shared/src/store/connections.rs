//! Connected accounts, the OAuth states of connects in progress, and the index the
//! upkeep finds due connections by.
//!
//! A connection is `WS#<ws>` / `CONN#<connection id>`; `ACCOUNT#<platform>#<account>`
//! beside it keeps one connection per platform account. Its attributes change in
//! groups, each with its own guard, so no writer undoes another:
//! - the tokens (sealed), their expiries and `version`: written by a renewal with a
//!   condition on the `version` it renewed from and nothing else (what a platform
//!   issued is stored even when the renewal's lease ran out meanwhile; a reconnect in
//!   the meantime wins), or by a reconnect; either bumps `version`;
//! - upkeep (health, checks, failures, notices, the due index): written by whoever acts
//!   on the connection's upkeep, never touching the tokens, always with a condition on
//!   the `version` it was decided on, its due time computed from what it writes;
//! - the lease: taken with a condition on `version` and an expired (or no) lease.
//!
//! The sparse GSI `by-due` holds a connection while something is due for it:
//! `gsi2pk = DUE#<shard>`, `gsi2sk = <due time>#<connection id>`; the dispatcher
//! queries each shard for `gsi2sk <= now` and never scans.

use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::expr::{attr, delete, key, n, put, s, to_item, update, Item, Refs};
use super::items::Keyed;
use super::transaction::{old_text, Transaction};
use super::{keys, Store, StoreError};
use crate::domain::{
    Broken, Change, Connection, ConnectionId, ConnectionOwner, Landing, Notice, Platform,
    WorkspaceId,
};

/// One connect in progress, stored under the hash of its `state`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OAuthState {
    pub workspace_id: WorkspaceId,
    pub platform: Platform,
    /// Who started it: a person, or a client's connect link.
    pub actor: crate::domain::Actor,
    pub owner: ConnectionOwner,
    /// SHA-256 of the nonce in the starting browser's cookie.
    pub browser_hash: String,
    /// The PKCE verifier, sealed to this state.
    #[serde(default)]
    pub sealed_pkce_verifier: Option<String>,
    pub landing: Landing,
    /// A reconnect of this connection: the same platform account must come back.
    #[serde(default)]
    pub reconnect: Option<ConnectionId>,
    /// When the person who started it signed in with a second factor, if they did: a
    /// client that requires one (perhaps since the start) is checked again on the way
    /// back.
    #[serde(default, with = "time::serde::timestamp::option")]
    pub second_factor_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
}

/// A connection as stored: the public part, the sealed tokens and the version that
/// guards them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredConnection {
    #[serde(flatten)]
    pub connection: Connection,
    /// AES-256-GCM over the token set (access and refresh token).
    pub sealed_tokens: String,
    /// Bumped by every write of new tokens.
    #[serde(default)]
    pub version: u64,
    /// Bumped by every write of the connection (tokens, upkeep, lease, reconnect): an
    /// upkeep write decided on what it read is refused once anything else was written.
    #[serde(default)]
    pub rev: u64,
    /// Its entry in the due index as read (`<due time>#<id>`), absent when nothing is
    /// due; written only through the due clause of each write, never from here.
    #[serde(rename = "gsi2sk", default, skip_serializing)]
    pub due_entry: Option<String>,
}

impl StoredConnection {
    /// Whether its due index entry already says `due`: rescheduling it would write
    /// nothing new.
    pub fn indexed_at(&self, due: Option<OffsetDateTime>) -> bool {
        self.due_entry.as_deref()
            == due
                .map(|at| keys::due_sk(at, self.connection.connection_id.as_str()))
                .as_deref()
    }
}

/// One platform account per workspace: which connection holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct AccountGuard {
    workspace_id: WorkspaceId,
    connection_id: ConnectionId,
    owner_key: String,
}

/// The condition of a write decided on the connection as read at revision `:rev`:
/// nothing else was written since (an item from before revisions has none).
const UNCHANGED: &str = "((attribute_not_exists(rev) AND :rev = :zero) OR rev = :rev)";
/// Every write of a connection bumps its revision.
const NEXT_REV: &str = "rev = if_not_exists(rev, :zero) + :one";

/// `refs` with the values `NEXT_REV` refers to.
fn revised(refs: Refs) -> Refs {
    refs.value(":zero", n(0)).value(":one", n(1))
}

/// `refs` with the values `UNCHANGED` and `NEXT_REV` refer to, for a write decided on
/// `stored`.
fn decided_on(refs: Refs, stored: &StoredConnection) -> Refs {
    revised(refs).value(":rev", n(stored.rev))
}

/// The due index's partition for a connection.
fn due_pk(id: &ConnectionId) -> String {
    keys::due_pk(keys::CONNECTIONS_DUE, id.as_str())
}

/// `SET gsi2pk, gsi2sk` for a due time, or `REMOVE` them (out of the index).
fn due_clause(
    due: Option<OffsetDateTime>,
    id: &ConnectionId,
    refs: Refs,
) -> (String, String, Refs) {
    match due {
        Some(at) => (
            "gsi2pk = :due_pk, gsi2sk = :due_sk".to_owned(),
            String::new(),
            refs.value(":due_pk", s(due_pk(id)))
                .value(":due_sk", s(keys::due_sk(at, id.as_str()))),
        ),
        None => (String::new(), "gsi2pk, gsi2sk".to_owned(), refs),
    }
}

/// Joins `SET …` and `REMOVE …` parts into one update expression.
fn update_expression(set: &[&str], remove: &[&str]) -> String {
    let set: Vec<&str> = set
        .iter()
        .copied()
        .filter(|part| !part.is_empty())
        .collect();
    let remove: Vec<&str> = remove
        .iter()
        .copied()
        .filter(|part| !part.is_empty())
        .collect();
    let mut expression = String::new();
    if !set.is_empty() {
        expression.push_str("SET ");
        expression.push_str(&set.join(", "));
    }
    if !remove.is_empty() {
        expression.push_str(" REMOVE ");
        expression.push_str(&remove.join(", "));
    }
    expression
}

/// How saving a newly connected account went.
#[derive(Debug)]
pub enum Inserted {
    Done,
    /// Another connection of the workspace holds this account (its owner key).
    AccountHeld {
        owner_key: String,
    },
    /// The client it would belong to was deleted meanwhile: nothing was saved.
    ClientGone,
}

impl Inserted {
    /// Held by the owner the account's guard names, as the guard was.
    fn held_by(guard: &Item) -> Self {
        Inserted::AccountHeld {
            owner_key: old_text(guard, "owner_key").unwrap_or_default(),
        }
    }

    /// Held, or changed, by someone this write does not know.
    fn held_elsewhere() -> Self {
        Inserted::AccountHeld {
            owner_key: String::new(),
        }
    }
}

/// A new connection's writes: its item and its account guard, each only if absent, and
/// its marker under a shared grant.
pub(super) struct NewConnection {
    pub item: TransactWriteItem,
    pub account_guard: TransactWriteItem,
    pub grant_marker: Option<TransactWriteItem>,
}

/// How a guarded write went.
#[derive(Debug, PartialEq, Eq)]
pub enum Guarded {
    Done,
    /// Its guard failed: the connection changed, is leased by someone else, or is gone.
    Refused,
}

/// What an upkeep write carries besides the connection's new upkeep state.
#[derive(Debug, Default, Clone, Copy)]
pub struct UpkeepWrite<'a> {
    /// The renewal lease it gives back.
    pub holder: Option<&'a str>,
    /// Its next due time, computed from the state written.
    pub due: Option<OffsetDateTime>,
    /// The changes it records (a change of health).
    pub changes: &'a [Change],
    /// The notice it claims (sent once the write succeeded).
    pub claim: Option<Notice>,
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
        self.consume(keys::oauth_state_pk(state_hash), keys::OAUTH_STATE_SK)
            .await
    }

    /// Deletes a single-use item if it is still there; `false` when another request
    /// took it first.
    pub(super) async fn consume(&self, pk: String, sk: &str) -> Result<bool, StoreError> {
        let outcome = self
            .db()
            .await
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
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

    /// One connection, read consistently.
    pub async fn connection(
        &self,
        workspace: &WorkspaceId,
        id: &ConnectionId,
    ) -> Result<Option<StoredConnection>, StoreError> {
        self.get_value(keys::workspace_pk(workspace), keys::connection_sk(id))
            .await
    }

    /// The connection that holds this platform account, if any.
    pub async fn connection_for_account(
        &self,
        workspace: &WorkspaceId,
        platform: Platform,
        account_id: &str,
    ) -> Result<Option<StoredConnection>, StoreError> {
        let guard: Option<AccountGuard> = self
            .get_value(
                keys::workspace_pk(workspace),
                keys::account_sk(platform, account_id),
            )
            .await?;
        match guard {
            Some(guard) => self.connection(workspace, &guard.connection_id).await,
            None => Ok(None),
        }
    }

    /// Every connection of a workspace (a workspace holds a few dozen at most).
    pub async fn connections(
        &self,
        workspace: &WorkspaceId,
    ) -> Result<Vec<StoredConnection>, StoreError> {
        Self::values(&self.partition(workspace, keys::CONNECTION_PREFIX).await?)
    }

    fn connection_item(
        &self,
        stored: &StoredConnection,
        due: Option<OffsetDateTime>,
    ) -> Result<Item, StoreError> {
        let connection = &stored.connection;
        let mut item = to_item(&Keyed {
            pk: keys::workspace_pk(&connection.workspace_id),
            sk: keys::connection_sk(&connection.connection_id),
            ttl: None,
            value: stored.clone(),
        })?;
        if let Some(at) = due {
            item.insert("gsi2pk".into(), s(due_pk(&connection.connection_id)));
            item.insert(
                "gsi2sk".into(),
                s(keys::due_sk(at, connection.connection_id.as_str())),
            );
        }
        if let Some(client) = connection.viewer() {
            item.insert(
                "gsi3pk".into(),
                s(keys::client_gsi_pk(&connection.workspace_id, client)),
            );
            item.insert(
                "gsi3sk".into(),
                s(keys::connection_sk(&connection.connection_id)),
            );
        }
        Ok(item)
    }

    /// Saves a newly connected account with its account guard, in one transaction.
    pub async fn insert_connection(
        &self,
        stored: &StoredConnection,
        due: Option<OffsetDateTime>,
        changes: &[Change],
    ) -> Result<Inserted, StoreError> {
        let new = self.new_connection_items(stored, due)?;
        let mut transaction = Transaction::new(Inserted::held_elsewhere());
        self.guard_owner_active(&mut transaction, &stored.connection)?;
        transaction.guard_reading(new.account_guard, Inserted::held_by);
        transaction.guard(new.item, Inserted::held_elsewhere());
        transaction.add_all(new.grant_marker);
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, Inserted::Done).await
    }

    /// A new connection's writes (see [`NewConnection`]).
    pub(super) fn new_connection_items(
        &self,
        stored: &StoredConnection,
        due: Option<OffsetDateTime>,
    ) -> Result<NewConnection, StoreError> {
        let connection = &stored.connection;
        let guard = Keyed {
            pk: keys::workspace_pk(&connection.workspace_id),
            sk: keys::account_guard_sk(connection),
            ttl: None,
            value: AccountGuard {
                workspace_id: connection.workspace_id.clone(),
                connection_id: connection.connection_id.clone(),
                owner_key: connection.owner_key.clone(),
            },
        };
        Ok(NewConnection {
            item: put(
                &self.table,
                self.connection_item(stored, due)?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            account_guard: put(
                &self.table,
                to_item(&guard)?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            grant_marker: self.grant_marker(connection)?,
        })
    }

    /// For a connection chosen together with others from one consent, its marker under
    /// the grant (written and deleted with the connection).
    fn grant_marker(
        &self,
        connection: &Connection,
    ) -> Result<Option<TransactWriteItem>, StoreError> {
        grant_marker_item(connection)
            .map(|marker| put(&self.table, marker, None, Refs::default()))
            .transpose()
    }

    /// Whether another connection of the workspace lives on this one's grant (one small
    /// query of the grant's markers). A connection from before the markers has none, not
    /// even its own: then `None`, and the caller must look the slow way.
    pub async fn grant_siblings(
        &self,
        connection: &Connection,
    ) -> Result<Option<bool>, StoreError> {
        let Some(grant) = &connection.shared_grant else {
            return Ok(Some(false));
        };
        let output = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :grant)")
            .expression_attribute_values(":pk", s(keys::workspace_pk(&connection.workspace_id)))
            .expression_attribute_values(":grant", s(keys::grant_prefix(grant)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|error| StoreError::aws("Query", error))?;
        let markers: Vec<String> = output
            .items()
            .iter()
            .filter_map(|item| item.get("connection_id")?.as_s().ok().cloned())
            .collect();
        if !markers
            .iter()
            .any(|id| id == connection.connection_id.as_str())
        {
            return Ok(None);
        }
        Ok(Some(markers.len() > 1))
    }

    /// A reconnect by the same owner: new profile and tokens, healthy again, notices
    /// cleared, any lease broken; refused if the owner changed meanwhile
    /// (`AccountHeld`) or its client was deleted (`ClientGone`).
    pub async fn reconnect(
        &self,
        stored: &StoredConnection,
        previous_grant: Option<&crate::domain::GrantId>,
        due: Option<OffsetDateTime>,
        changes: &[Change],
    ) -> Result<Inserted, StoreError> {
        let connection = &stored.connection;
        let mut item = self.connection_item(stored, due)?;
        item.remove("pk");
        item.remove("sk");
        item.remove("connection_id");
        item.remove("connected_at");
        if connection.owner == ConnectionOwner::Agency {
            // A consent does not change whom the agency shows its account to: an
            // assignment made meanwhile stays, with its place in the by-client index.
            item.remove("assigned_to");
            item.remove("assignments");
            item.remove("gsi3pk");
            item.remove("gsi3sk");
        }
        let mut refs = revised(Refs::default().value(":owner", s(&connection.owner_key)));
        let mut sets = Vec::new();
        for (index, (name, value)) in item.into_iter().enumerate() {
            if name == "version" || name == "rev" {
                continue;
            }
            refs = refs
                .name(&format!("#a{index}"), &name)
                .value(&format!(":a{index}"), value);
            sets.push(format!("#a{index} = :a{index}"));
        }
        sets.push("version = if_not_exists(version, :zero) + :one".into());
        sets.push(NEXT_REV.into());
        let set_refs: Vec<&str> = sets.iter().map(String::as_str).collect();
        let mut removes = vec!["lease_owner", "lease_until"];
        if due.is_none() {
            removes.push("gsi2pk");
            removes.push("gsi2sk");
        }
        if connection.shared_grant.is_none() {
            removes.push("shared_grant");
        }
        let expression = update_expression(&set_refs, &removes);
        let mut transaction = Transaction::new(Inserted::held_elsewhere());
        self.guard_owner_active(&mut transaction, connection)?;
        transaction.guard(
            update(
                &self.table,
                key(
                    keys::workspace_pk(&connection.workspace_id),
                    keys::connection_sk(&connection.connection_id),
                ),
                &expression,
                Some("attribute_exists(pk) AND owner_key = :owner"),
                refs,
            )?,
            Inserted::held_elsewhere(),
        );
        transaction.add_all(self.recording(changes)?);
        // The grant it lives on now has its marker; the one it lived on loses it.
        if let Some(old) =
            previous_grant.filter(|old| Some(*old) != connection.shared_grant.as_ref())
        {
            transaction.add_all([delete(
                &self.table,
                key(
                    keys::workspace_pk(&connection.workspace_id),
                    keys::grant_sk(old, &connection.connection_id),
                ),
                None,
                Refs::default(),
            )?]);
        }
        transaction.add_all(self.grant_marker(connection)?);
        self.run(transaction, Inserted::Done).await
    }

    /// For a client's connection, the condition that the client is still active (a
    /// consent finishing just after its client was deleted saves nothing). Its refusal,
    /// `ClientGone`, says most: add it first.
    fn guard_owner_active(
        &self,
        transaction: &mut Transaction<Inserted>,
        connection: &Connection,
    ) -> Result<(), StoreError> {
        if let Some(client) = connection.owner.client_id() {
            transaction.guard(
                self.client_is_active(&connection.workspace_id, client)?,
                Inserted::ClientGone,
            );
        }
        Ok(())
    }

    /// Takes the connection's lease for a renewal: only while its tokens are still at
    /// `version` and nobody else holds an unexpired lease.
    pub async fn take_lease(
        &self,
        stored: &StoredConnection,
        holder: &str,
        until: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<Guarded, StoreError> {
        let connection = &stored.connection;
        self.update_connection(
            &connection.workspace_id,
            &connection.connection_id,
            &format!("SET lease_owner = :holder, lease_until = :until, {NEXT_REV}"),
            "attribute_exists(pk) AND version = :version \
             AND (attribute_not_exists(lease_until) OR lease_until < :now)",
            revised(
                Refs::default()
                    .value(":holder", s(holder))
                    .value(":until", n(until.unix_timestamp_nanos() / 1_000_000))
                    .value(":now", n(now.unix_timestamp_nanos() / 1_000_000))
                    .value(":version", n(stored.version)),
            ),
            &[],
        )
        .await
    }

    /// Stores tokens a platform issued, before anything else is done with them: only
    /// on the condition that no other write of tokens came first (`version`), whoever
    /// holds the lease now. Gives the lease back, forgets failures and any unanswered
    /// refresh, and moves the connection in the due index. `Refused`: a reconnect
    /// replaced the tokens meanwhile (its tokens are the newer grant's).
    pub async fn save_tokens(
        &self,
        stored: &StoredConnection,
        renewed: &StoredConnection,
        due: Option<OffsetDateTime>,
    ) -> Result<Guarded, StoreError> {
        let after = &renewed.connection;
        let refs = Refs::default()
            .value(":version", n(stored.version))
            .value(":next", n(renewed.version))
            .value(":sealed", s(&renewed.sealed_tokens))
            .value(":renewal", attr(&after.life.renewal)?)
            .value(":issued", n(after.life.issued_at.unix_timestamp()))
            .value(":refreshed", n(after.refreshed_at.unix_timestamp()))
            .value(":checked", optional_time(after.checked_at))
            .value(":access_exp", optional_time(after.life.access_expires_at))
            .value(":refresh_exp", optional_time(after.life.refresh_expires_at))
            .value(":scopes", attr(&after.scopes)?)
            .value(":demand", optional_time(after.renewed_on_demand_at))
            .value(":none", AttributeValue::Null(true))
            .name("#needs", Notice::NeedsReconnect.slug());
        let (due_set, due_remove, refs) = due_clause(due, &after.connection_id, revised(refs));
        let expression = update_expression(
            &[
                "sealed_tokens = :sealed, version = :next, renewal = :renewal, issued_at = :issued, \
                 refreshed_at = :refreshed, checked_at = :checked, access_expires_at = :access_exp, \
                 refresh_expires_at = :refresh_exp, scopes = :scopes, failures = :zero, \
                 retry_at = :none, unconfirmed_refresh = :none, renewed_on_demand_at = :demand, \
                 broken = :none",
                NEXT_REV,
                &due_set,
            ],
            // New tokens prove the grant works: a refusal someone recorded after this
            // renewal's lease ran out is no longer true.
            &["lease_owner, lease_until, notices.#needs", &due_remove],
        );
        self.update_connection(
            &after.workspace_id,
            &after.connection_id,
            &expression,
            "version = :version",
            refs,
            &[],
        )
        .await
    }

    /// Records upkeep that changes no token (a check, a failure and its retry, a broken
    /// connection, the health the host was told, a notice claimed before it is sent),
    /// guarded by the version it was decided on, with its due time computed from what
    /// is written; gives back `holder`'s lease when there is one. With `claim`, it is
    /// also refused when that notice was already claimed: whoever writes the claim sends
    /// the notice, once.
    pub async fn save_upkeep(
        &self,
        stored: &StoredConnection,
        after: &Connection,
        upkeep: UpkeepWrite<'_>,
    ) -> Result<Guarded, StoreError> {
        let UpkeepWrite {
            holder,
            due,
            changes,
            claim,
        } = upkeep;
        let refs = Refs::default()
            .value(":version", n(stored.version))
            .value(":failures", n(after.failures))
            .value(":retry", optional_time(after.retry_at))
            .value(":checked", optional_time(after.checked_at))
            .value(":unconfirmed", optional_time(after.unconfirmed_refresh))
            .value(":reported", attr(&after.reported_health)?)
            .value(
                ":broken",
                match &after.broken {
                    Some(broken) => attr::<Broken>(broken)?,
                    None => AttributeValue::Null(true),
                },
            );
        let (due_set, due_remove, mut refs) =
            due_clause(due, &after.connection_id, decided_on(refs, stored));
        let mut condition = format!("version = :version AND {UNCHANGED}");
        let mut sets = vec![
            "failures = :failures, retry_at = :retry, checked_at = :checked, broken = :broken, \
             unconfirmed_refresh = :unconfirmed, reported_health = :reported"
                .to_owned(),
            NEXT_REV.to_owned(),
            due_set,
        ];
        let mut removes = vec![due_remove];
        if let Some(holder) = holder {
            refs = refs.value(":holder", s(holder));
            condition.push_str(" AND lease_owner = :holder");
            removes.push("lease_owner, lease_until".to_owned());
        }
        if let Some(notice) = claim {
            let sent_at = after.notices.get(&notice).copied().unwrap_or_default();
            refs = refs
                .name("#notice", notice.slug())
                .value(":sent_at", n(sent_at));
            condition.push_str(" AND attribute_not_exists(notices.#notice)");
            sets.push("notices.#notice = :sent_at".to_owned());
        }
        let sets: Vec<&str> = sets.iter().map(String::as_str).collect();
        let removes: Vec<&str> = removes.iter().map(String::as_str).collect();
        self.update_connection(
            &after.workspace_id,
            &after.connection_id,
            &update_expression(&sets, &removes),
            &condition,
            refs,
            changes,
        )
        .await
    }

    /// Gives back a claimed notice whose email could not be sent, so it is tried again
    /// at `due`; refused when the connection changed meanwhile (a reconnect forgets
    /// every notice anyway).
    pub async fn release_notice(
        &self,
        stored: &StoredConnection,
        notice: Notice,
        due: Option<OffsetDateTime>,
    ) -> Result<Guarded, StoreError> {
        let connection = &stored.connection;
        let refs = decided_on(Refs::default().name("#notice", notice.slug()), stored);
        let (due_set, due_remove, refs) = due_clause(due, &connection.connection_id, refs);
        self.update_connection(
            &connection.workspace_id,
            &connection.connection_id,
            &update_expression(&[NEXT_REV, &due_set], &["notices.#notice", &due_remove]),
            UNCHANGED,
            refs,
            &[],
        )
        .await
    }

    /// Moves the connection in the due index (or out of it), on the condition that it
    /// is still the version the due time was computed from.
    pub async fn schedule_upkeep(
        &self,
        stored: &StoredConnection,
        due: Option<OffsetDateTime>,
    ) -> Result<Guarded, StoreError> {
        let connection = &stored.connection;
        let refs = decided_on(Refs::default(), stored);
        let (set, remove, refs) = due_clause(due, &connection.connection_id, refs);
        self.update_connection(
            &connection.workspace_id,
            &connection.connection_id,
            &update_expression(&[NEXT_REV, &set], &[&remove]),
            UNCHANGED,
            refs,
            &[],
        )
        .await
    }

    async fn update_connection(
        &self,
        workspace: &WorkspaceId,
        id: &ConnectionId,
        expression: &str,
        condition: &str,
        refs: Refs,
        changes: &[Change],
    ) -> Result<Guarded, StoreError> {
        if !changes.is_empty() {
            // The change and its record in one transaction.
            let items = vec![update(
                &self.table,
                key(keys::workspace_pk(workspace), keys::connection_sk(id)),
                expression,
                Some(condition),
                refs,
            )?];
            return self.transact_recorded(items, changes).await;
        }
        let outcome = self
            .db()
            .await
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(
                keys::workspace_pk(workspace),
                keys::connection_sk(id),
            )))
            .update_expression(expression)
            .condition_expression(condition)
            .set_expression_attribute_names(refs.names())
            .set_expression_attribute_values(refs.values())
            .send()
            .await;
        match outcome {
            Ok(_) => Ok(Guarded::Done),
            // No answer (a timeout, a connection lost): it may go through if tried again.
            Err(
                error @ (aws_sdk_dynamodb::error::SdkError::TimeoutError(_)
                | aws_sdk_dynamodb::error::SdkError::DispatchFailure(_)),
            ) => Err(StoreError::contended("UpdateItem", error)),
            Err(error) => match error.into_service_error() {
                UpdateItemError::ConditionalCheckFailedException(_) => Ok(Guarded::Refused),
                // Busy, not refused: the same write may go through if tried again.
                busy @ (UpdateItemError::TransactionConflictException(_)
                | UpdateItemError::ProvisionedThroughputExceededException(_)
                | UpdateItemError::ThrottlingException(_)
                | UpdateItemError::RequestLimitExceeded(_)
                | UpdateItemError::InternalServerError(_)) => {
                    Err(StoreError::contended("UpdateItem", busy))
                }
                other => Err(StoreError::aws("UpdateItem", other)),
            },
        }
    }

    /// Deletes the connection, its account guard and its assignments.
    pub async fn delete_connection(
        &self,
        connection: &Connection,
        changes: &[Change],
    ) -> Result<Guarded, StoreError> {
        let pk = keys::workspace_pk(&connection.workspace_id);
        let items = vec![
            delete(
                &self.table,
                key(pk.clone(), keys::connection_sk(&connection.connection_id)),
                Some("attribute_exists(pk)"),
                Refs::default(),
            )?,
            delete(
                &self.table,
                key(pk.clone(), keys::account_guard_sk(connection)),
                Some("attribute_not_exists(pk) OR connection_id = :id"),
                Refs::default().value(":id", s(connection.connection_id.as_str())),
            )?,
        ];
        let mut items = items;
        // Its assignments go with it: no client is shown an account that is gone.
        items.extend(self.assignment_deletes(connection)?);
        if let Some(grant) = &connection.shared_grant {
            items.push(delete(
                &self.table,
                key(pk, keys::grant_sk(grant, &connection.connection_id)),
                None,
                Refs::default(),
            )?);
        }
        self.transact_recorded(items, changes).await
    }
}

/// The marker item of a connection chosen together with others from one consent.
pub(super) fn grant_marker_item(connection: &Connection) -> Option<Item> {
    let grant = connection.shared_grant.as_ref()?;
    let mut marker = key(
        keys::workspace_pk(&connection.workspace_id),
        keys::grant_sk(grant, &connection.connection_id),
    );
    marker.insert("connection_id".into(), s(connection.connection_id.as_str()));
    Some(marker)
}

fn optional_time(at: Option<OffsetDateTime>) -> AttributeValue {
    at.map_or(AttributeValue::Null(true), |at| n(at.unix_timestamp()))
}
