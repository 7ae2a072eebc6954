//! The agency's accounts assigned to clients.
//!
//! An assignment lives twice, written together in one transaction:
//! - in its connection's `assignments` map (client → settings), so the agency reads a
//!   connection's assignments with the connection itself, and a disconnect knows which
//!   assignment items to delete with it;
//! - as its own item `WS#<ws>` / `ASSIGN#<connection>#<client>`, in that client's part
//!   of the by-client index under the connection's own sort key (`CONN#<connection>`),
//!   so a client's accounts, its own and those assigned to it, are one query, newest
//!   first (the assigned connections themselves are then one `BatchGetItem`).
//!
//! Every assignment write is conditioned on the connection's `assignments_version` as
//! read (and bumps it), so two admins changing one account's assignments at once never
//! lose one of the changes. A connection stored before several clients could be
//! assigned carries `assigned_to` (and the by-client keys of that client) instead: it is
//! read as one assignment with the default settings wherever assignments are read, and
//! the first assignment write to it moves it into the map (and its own item).

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::TransactWriteItem;

use super::connections::StoredConnection;
use super::expr::{delete, key, n, put, s, to_item, update, Item, Refs};
use super::items::Keyed;
use super::transaction::Transaction;
use super::{keys, Store, StoreError};
use crate::domain::{
    Assigned, Assignment, Change, ClientId, Connection, ConnectionId, ConnectionOwner, Credentials,
    Platform, WorkspaceId,
};
use time::OffsetDateTime;

/// How an assignment write went.
#[derive(Debug, PartialEq, Eq)]
pub enum AssignmentsWritten {
    Done,
    /// The connection's assignments changed since they were read, or it is gone.
    Changed,
    /// The client it assigns to was deleted meanwhile.
    ClientGone,
}

/// What to write for one connection's assignments.
pub struct AssignmentChange<'a> {
    /// The connection as read (its `assignments_version` guards the write).
    pub connection: &'a Connection,
    /// Its assignments after the change, every one of them.
    pub after: &'a BTreeMap<ClientId, Assigned>,
    /// The assignment items to write (new or changed).
    pub put: &'a [Assignment],
    /// The clients whose assignment goes.
    pub removed: &'a [ClientId],
    pub changes: &'a [Change],
    /// When the items of `remind` remind their client to connect the account itself,
    /// if it has not by then.
    pub remind_at: Option<OffsetDateTime>,
    /// The clients this change newly asks to connect the account themselves (their
    /// credentials publish now, and did not before). Only these are reminded: an item
    /// rewritten for another reason (approval switched) is not reminded again.
    pub remind: &'a [ClientId],
}

impl Store {
    /// Writes one connection's assignments: its map and the items of the clients
    /// concerned, in one transaction guarded by the version read; each client given an
    /// assignment must still be active. A connection with a stored `assigned_to` loses
    /// it (and its by-client keys): `after` holds it now.
    pub async fn write_assignments(
        &self,
        change: AssignmentChange<'_>,
    ) -> Result<AssignmentsWritten, StoreError> {
        let connection = change.connection;
        let pk = keys::workspace_pk(&connection.workspace_id);
        let mut transaction = Transaction::new(AssignmentsWritten::Changed);
        for assignment in change.put {
            transaction.guard(
                self.client_is_active(&connection.workspace_id, &assignment.client_id)?,
                AssignmentsWritten::ClientGone,
            );
        }
        let mut map = std::collections::HashMap::new();
        for (client, assigned) in change.after {
            map.insert(client.as_str().to_owned(), super::expr::attr(assigned)?);
        }
        let legacy = if connection.assigned_to.is_some() {
            " REMOVE assigned_to, gsi3pk, gsi3sk"
        } else {
            ""
        };
        transaction.guard(
            update(
                &self.table,
                key(pk.clone(), keys::connection_sk(&connection.connection_id)),
                &format!("SET assignments = :map, assignments_version = :next{legacy}"),
                Some(
                    "attribute_exists(pk) AND owner_key = :agency AND \
                     ((attribute_not_exists(assignments_version) AND :read = :zero) \
                     OR assignments_version = :read)",
                ),
                Refs::default()
                    .value(":map", aws_sdk_dynamodb::types::AttributeValue::M(map))
                    .value(":next", n(connection.assignments_version + 1))
                    .value(":read", n(connection.assignments_version))
                    .value(":zero", n(0))
                    .value(":agency", s(ConnectionOwner::Agency.key())),
            )?,
            AssignmentsWritten::Changed,
        );
        for assignment in change.put {
            transaction.add_all([put(
                &self.table,
                assignment_item(
                    assignment,
                    change
                        .remind_at
                        .filter(|_| change.remind.contains(&assignment.client_id)),
                )?,
                None,
                Refs::default(),
            )?]);
        }
        for client in change.removed {
            transaction.add_all([self.assignment_delete(connection, client)?]);
        }
        transaction.add_all(self.recording(change.changes)?);
        self.run(transaction, AssignmentsWritten::Done).await
    }

    /// Counts `emails` more emails of the workspace today; `false` (nothing counted)
    /// past the day's quota.
    pub async fn count_emails(
        &self,
        workspace: &WorkspaceId,
        quota: super::Quota,
        emails: u32,
    ) -> Result<bool, StoreError> {
        if emails > quota.per_day {
            return Ok(false);
        }
        let counted = self
            .transact_guarded(vec![self.count_against(workspace, quota, emails)?])
            .await?;
        Ok(counted == super::Guarded::Done)
    }

    /// The deletes of a connection's assignment items, for the transaction that deletes
    /// the connection.
    pub(super) fn assignment_deletes(
        &self,
        connection: &Connection,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        connection
            .assignments
            .keys()
            .map(|client| self.assignment_delete(connection, client))
            .collect()
    }

    /// The delete of one assignment item.
    fn assignment_delete(
        &self,
        connection: &Connection,
        client: &ClientId,
    ) -> Result<TransactWriteItem, StoreError> {
        delete(
            &self.table,
            key(
                keys::workspace_pk(&connection.workspace_id),
                keys::assignment_sk(&connection.connection_id, client),
            ),
            None,
            Refs::default(),
        )
    }

    /// Every account assigned to one client, with its settings, in one query of the
    /// client's part of the by-client index (page after page: a client's own size). For
    /// what a person may see (the host's rights of a person) and for taking a deleted
    /// client's assignments away.
    pub async fn assignments_of_client(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
    ) -> Result<Vec<Assignment>, StoreError> {
        let items = self
            .client_all(workspace, client, keys::CONNECTION_PREFIX)
            .await?;
        let mut assignments = Vec::new();
        for item in items {
            match Self::seen_item(item)? {
                Seen::Assigned(assignment) => assignments.push(assignment),
                Seen::Connection(stored) => assignments.extend(legacy_assignment(&stored)),
            }
        }
        Ok(assignments)
    }

    /// One item of a client's part of the by-client index under `CONN#`: a connection
    /// (its own, or an agency's assigned to it before assignment items), or an
    /// assignment.
    pub(super) fn seen_item(item: Item) -> Result<Seen, StoreError> {
        let is_assignment = item
            .get("sk")
            .and_then(|sk| sk.as_s().ok())
            .is_some_and(|sk| sk.starts_with(keys::ASSIGNMENT_PREFIX));
        Ok(if is_assignment {
            Seen::Assigned(Self::parse::<Keyed<Assignment>>(item)?.value)
        } else {
            Seen::Connection(Box::new(
                Self::parse::<Keyed<StoredConnection>>(item)?.value,
            ))
        })
    }

    /// The connections these assignments are of, and for those published with the
    /// client's credentials, the client's own connection of the account where there is
    /// one: one `BatchGetItem` (none when there is nothing to read).
    pub(super) async fn assigned_connections(
        &self,
        workspace: &WorkspaceId,
        assignments: &[Assignment],
    ) -> Result<AssignedReads, StoreError> {
        let pk = keys::workspace_pk(workspace);
        let mut wanted: Vec<Item> = Vec::new();
        for assignment in assignments {
            wanted.push(key(
                pk.clone(),
                keys::connection_sk(&assignment.connection_id),
            ));
            if assignment.settings.credentials == crate::domain::Credentials::Client {
                wanted.push(key(
                    pk.clone(),
                    keys::stand_in_sk(
                        assignment.platform,
                        &assignment.account_id,
                        &assignment.client_id,
                    ),
                ));
            }
        }
        wanted.sort_by_key(|item| super::text_of(item, "sk"));
        wanted.dedup_by_key(|item| super::text_of(item, "sk"));
        let mut found = AssignedReads::default();
        if wanted.is_empty() {
            return Ok(found);
        }
        for item in self.batch_get(wanted).await? {
            let sk = super::text_of(&item, "sk");
            if sk.starts_with(keys::CONNECTION_PREFIX) {
                let stored = Self::parse::<Keyed<StoredConnection>>(item)?.value;
                found
                    .connections
                    .insert(stored.connection.connection_id.clone(), stored);
            } else if let Ok(id) = super::text_of(&item, "connection_id").parse() {
                found.stand_ins.insert(sk, id);
            }
        }
        Ok(found)
    }

    /// The client's own connection of an agency account assigned to it with its
    /// credentials, if it connected it.
    pub async fn stand_in(
        &self,
        workspace: &WorkspaceId,
        platform: Platform,
        account_id: &str,
        client: &ClientId,
    ) -> Result<Option<StoredConnection>, StoreError> {
        let guard = self
            .get(
                keys::workspace_pk(workspace),
                keys::stand_in_sk(platform, account_id, client),
            )
            .await?;
        let Some(id) = guard
            .map(|item| super::text_of(&item, "connection_id"))
            .and_then(|id| id.parse::<ConnectionId>().ok())
        else {
            return Ok(None);
        };
        self.connection(workspace, &id).await
    }

    /// For these connections' assignments published with the client's credentials, the
    /// clients' own connections of the accounts (one `BatchGetItem`, none when there
    /// is none): keyed by [`stand_in_key`].
    pub async fn stand_ins(
        &self,
        connections: &[&Connection],
    ) -> Result<BTreeMap<String, ConnectionId>, StoreError> {
        let mut wanted = Vec::new();
        for connection in connections {
            for (client, assigned) in connection.all_assignments() {
                if assigned.settings.credentials == crate::domain::Credentials::Client {
                    wanted.push(key(
                        keys::workspace_pk(&connection.workspace_id),
                        keys::stand_in_sk(connection.platform, &connection.account_id, &client),
                    ));
                }
            }
        }
        if wanted.is_empty() {
            return Ok(BTreeMap::new());
        }
        Ok(self
            .batch_get(wanted)
            .await?
            .into_iter()
            .filter_map(|item| {
                let id = super::text_of(&item, "connection_id").parse().ok()?;
                Some((super::text_of(&item, "sk"), id))
            })
            .collect())
    }
}

/// Where [`Store::stand_ins`] files the client's own connection of an account.
pub fn stand_in_key(platform: Platform, account_id: &str, client: &ClientId) -> String {
    keys::stand_in_sk(platform, account_id, client)
}

/// What [`Store::assigned_connections`] found.
#[derive(Default)]
pub struct AssignedReads {
    pub connections: BTreeMap<ConnectionId, StoredConnection>,
    /// The clients' own connections of accounts assigned with their credentials, by
    /// [`stand_in_key`].
    pub stand_ins: BTreeMap<String, ConnectionId>,
}

/// One item of a client's part of the by-client index under `CONN#`.
pub(super) enum Seen {
    Connection(Box<StoredConnection>),
    Assigned(Assignment),
}

/// A connection stored before assignment items, shown to one client (`assigned_to`):
/// its assignment, with the default settings.
pub(super) fn legacy_assignment(stored: &StoredConnection) -> Option<Assignment> {
    let connection = &stored.connection;
    let client = connection.assigned_to.as_ref()?;
    let assigned = connection.all_assignments().remove(client)?;
    Some(Assignment::of(
        connection,
        client,
        &assigned,
        &connection.connected_by,
    ))
}

/// An assignment's item, in its client's part of the by-client index under the
/// connection's own sort key; one that asks the client to connect the account waits in
/// the due index for its reminder (`remind_at`).
fn assignment_item(
    assignment: &Assignment,
    remind_at: Option<OffsetDateTime>,
) -> Result<Item, StoreError> {
    let sk = keys::assignment_sk(&assignment.connection_id, &assignment.client_id);
    let mut item = to_item(&Keyed {
        pk: keys::workspace_pk(&assignment.workspace_id),
        sk,
        ttl: None,
        value: assignment.clone(),
    })?;
    item.insert(
        "gsi3pk".into(),
        s(keys::client_gsi_pk(
            &assignment.workspace_id,
            &assignment.client_id,
        )),
    );
    item.insert(
        "gsi3sk".into(),
        s(keys::connection_sk(&assignment.connection_id)),
    );
    if let Some(at) = remind_at.filter(|_| assignment.settings.credentials == Credentials::Client) {
        let client = assignment.client_id.as_str();
        item.insert(
            "gsi2pk".into(),
            s(keys::due_pk(keys::REMINDERS_DUE, client)),
        );
        item.insert("gsi2sk".into(), s(keys::due_sk(at, client)));
        item.insert(REMIND_AT.into(), n(at.unix_timestamp()));
    }
    Ok(item)
}

/// When an assignment item reminds its client (absent once it did, or never will).
const REMIND_AT: &str = "remind_at";

/// An assignment item's reminder, as read.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct AssignmentReminder {
    pub workspace_id: WorkspaceId,
    pub connection_id: ConnectionId,
    pub client_id: ClientId,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub remind_at: Option<OffsetDateTime>,
}

impl Store {
    /// The reminder an assignment item holds, if the item is there.
    pub async fn assignment_reminder(
        &self,
        workspace: &WorkspaceId,
        connection: &ConnectionId,
        client: &ClientId,
    ) -> Result<Option<AssignmentReminder>, StoreError> {
        self.get_value(
            keys::workspace_pk(workspace),
            keys::assignment_sk(connection, client),
        )
        .await
    }

    /// Claims `reminder` (out of the due index), counting its `emails` against `quota`,
    /// only while the item still holds it.
    pub async fn claim_assignment_reminder(
        &self,
        reminder: &AssignmentReminder,
        emails: u32,
        quota: super::Quota,
    ) -> Result<super::ReminderClaimed, StoreError> {
        use super::ReminderClaimed;
        if emails > quota.per_day {
            return Ok(ReminderClaimed::QuotaReached);
        }
        let mut transaction = Transaction::new(ReminderClaimed::Changed);
        transaction.guard(
            self.assignment_reminder_update(reminder, "REMOVE gsi2pk, gsi2sk, #remind_at", None)?,
            ReminderClaimed::Changed,
        );
        transaction.guard(
            self.count_against(&reminder.workspace_id, quota, emails)?,
            ReminderClaimed::QuotaReached,
        );
        self.run(transaction, ReminderClaimed::Done).await
    }

    /// Moves `reminder` to `at`, or (`None`) drops it: only while the item still holds
    /// it.
    pub async fn reschedule_assignment_reminder(
        &self,
        reminder: &AssignmentReminder,
        at: Option<OffsetDateTime>,
    ) -> Result<super::Guarded, StoreError> {
        let item = match at {
            Some(at) => self.assignment_reminder_update(
                reminder,
                "SET gsi2sk = :due_sk",
                Some(s(keys::due_sk(at, reminder.client_id.as_str()))),
            )?,
            None => self.assignment_reminder_update(
                reminder,
                "REMOVE gsi2pk, gsi2sk, #remind_at",
                None,
            )?,
        };
        self.transact_guarded(vec![item]).await
    }

    fn assignment_reminder_update(
        &self,
        reminder: &AssignmentReminder,
        expression: &str,
        due_sk: Option<aws_sdk_dynamodb::types::AttributeValue>,
    ) -> Result<TransactWriteItem, StoreError> {
        let read = reminder.remind_at.map_or(0, OffsetDateTime::unix_timestamp);
        let mut refs = Refs::default()
            .name("#remind_at", REMIND_AT)
            .value(":read", n(read));
        if let Some(due_sk) = due_sk {
            refs = refs.value(":due_sk", due_sk);
        }
        update(
            &self.table,
            key(
                keys::workspace_pk(&reminder.workspace_id),
                keys::assignment_sk(&reminder.connection_id, &reminder.client_id),
            ),
            expression,
            Some("#remind_at = :read"),
            refs,
        )
    }
}
