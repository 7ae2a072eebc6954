//! The agency's reconnect emails ("send it again"): at most one per connection per
//! cooldown, each email counted in the workspace's daily quota (the invitations'), and
//! recorded with the change, all in one transaction.
//!
//! A connection's last one is `WS#<ws>` / `RECONNECT#<connection>` with the time it was
//! sent (TTL a day after its cooldown or its reminder, whichever is later: the condition
//! reads the time, not the TTL). Until its reminder (`RECONNECT_REMINDER` later, if the
//! connection still needs its people then) it waits in the due index under `REMIND`; the
//! reminder is claimed once (`reminded`), with its emails counted in the day.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::expr::{check, delete, key, n, put, s, to_item, update, Item, Refs};
use super::items::Keyed;
use super::transaction::Transaction;
use super::{keys, Guarded, Quota, Store, StoreError};
use crate::domain::{Change, Connection, ConnectionId, WorkspaceId, RECONNECT_REMINDER};
use aws_sdk_dynamodb::types::AttributeValue;

/// How asking for a reconnect email went.
#[derive(Debug, PartialEq, Eq)]
pub enum ReconnectClaimed {
    Done,
    /// The connection is gone (disconnected meanwhile).
    ConnectionGone,
    /// One was sent within the cooldown: when (as the item was), if it could be read.
    TooSoon(Option<OffsetDateTime>),
    /// The workspace's emails for today are sent.
    QuotaReached,
    /// Another request wrote at the same moment.
    Raced,
}

impl ReconnectClaimed {
    fn too_soon(old: &Item) -> Self {
        let sent_at = old
            .get("sent_at")
            .and_then(|value| value.as_n().ok())
            .and_then(|raw| raw.parse::<i64>().ok())
            .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok());
        ReconnectClaimed::TooSoon(sent_at)
    }
}

/// The terms a reconnect email is claimed under.
#[derive(Debug, Clone, Copy)]
pub struct ReconnectTerms {
    /// How many emails it sends (one per person who can reconnect).
    pub emails: u32,
    /// How long after one another may go.
    pub cooldown: Duration,
    pub quota: Quota,
}

/// The agency's last reconnect email of a connection, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LastReconnectEmail {
    pub connection_id: ConnectionId,
    #[serde(with = "time::serde::timestamp")]
    pub sent_at: OffsetDateTime,
    /// Its reminder was claimed.
    #[serde(default)]
    pub reminded: bool,
}

impl Store {
    /// Claims a reconnect email of `connection`, sent now (`terms.quota.now`): refused
    /// while the connection's last one is within the cooldown, past the day's quota, or
    /// once the connection is gone; `changes` are recorded with it.
    pub async fn claim_reconnect_email(
        &self,
        connection: &Connection,
        terms: ReconnectTerms,
        changes: &[Change],
    ) -> Result<ReconnectClaimed, StoreError> {
        let ReconnectTerms {
            emails,
            cooldown,
            quota,
        } = terms;
        if emails > quota.per_day {
            return Ok(ReconnectClaimed::QuotaReached);
        }
        let now = quota.now;
        let workspace = &connection.workspace_id;
        let id = connection.connection_id.as_str();
        let mut item = to_item(&Keyed {
            pk: keys::workspace_pk(workspace),
            sk: keys::reconnect_sk(&connection.connection_id),
            ttl: Some(
                (now + (cooldown.max(RECONNECT_REMINDER)) + Duration::days(1)).unix_timestamp(),
            ),
            value: LastReconnectEmail {
                connection_id: connection.connection_id.clone(),
                sent_at: now,
                reminded: false,
            },
        })?;
        item.insert("gsi2pk".into(), s(keys::due_pk(keys::REMINDERS_DUE, id)));
        item.insert(
            "gsi2sk".into(),
            s(keys::due_sk(now + RECONNECT_REMINDER, id)),
        );
        let mut transaction = Transaction::new(ReconnectClaimed::Raced);
        transaction.guard(
            check(
                &self.table,
                key(
                    keys::workspace_pk(workspace),
                    keys::connection_sk(&connection.connection_id),
                ),
                "attribute_exists(pk)",
                Refs::default(),
            )?,
            ReconnectClaimed::ConnectionGone,
        );
        transaction.guard_reading(
            put(
                &self.table,
                item,
                Some("attribute_not_exists(pk) OR sent_at <= :ready"),
                Refs::default().value(":ready", n((now - cooldown).unix_timestamp())),
            )?,
            ReconnectClaimed::too_soon,
        );
        transaction.guard(
            self.count_against(workspace, quota, emails)?,
            ReconnectClaimed::QuotaReached,
        );
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, ReconnectClaimed::Done).await
    }

    /// Gives back a claim whose emails SES all refused, so the agency may try again at
    /// once (the quota stays counted, as for an invitation SES refused).
    pub async fn release_reconnect_email(
        &self,
        connection: &Connection,
        sent_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let item = delete(
            &self.table,
            key(
                keys::workspace_pk(&connection.workspace_id),
                keys::reconnect_sk(&connection.connection_id),
            ),
            Some("sent_at = :sent_at"),
            Refs::default().value(":sent_at", n(sent_at.unix_timestamp())),
        )?;
        // Refused: a later claim holds it now, which is not ours to give back.
        self.transact_guarded(vec![item]).await?;
        Ok(())
    }

    /// The agency's last reconnect email of a connection, if one is kept.
    pub async fn last_reconnect_email(
        &self,
        workspace: &WorkspaceId,
        connection: &ConnectionId,
    ) -> Result<Option<LastReconnectEmail>, StoreError> {
        self.get_value(
            keys::workspace_pk(workspace),
            keys::reconnect_sk(connection),
        )
        .await
    }

    /// Claims the reminder of `last` (out of the due index), counting its `emails`
    /// against `quota`: only while it is still the last request and not reminded.
    pub async fn claim_reconnect_reminder(
        &self,
        workspace: &WorkspaceId,
        last: &LastReconnectEmail,
        emails: u32,
        quota: Quota,
    ) -> Result<super::ReminderClaimed, StoreError> {
        use super::ReminderClaimed;
        if emails > quota.per_day {
            return Ok(ReminderClaimed::QuotaReached);
        }
        let mut transaction = Transaction::new(ReminderClaimed::Changed);
        transaction.guard(
            self.reconnect_reminder_update(
                workspace,
                last,
                "SET reminded = :yes REMOVE gsi2pk, gsi2sk",
                Refs::default().value(":yes", AttributeValue::Bool(true)),
            )?,
            ReminderClaimed::Changed,
        );
        transaction.guard(
            self.count_against(workspace, quota, emails)?,
            ReminderClaimed::QuotaReached,
        );
        self.run(transaction, ReminderClaimed::Done).await
    }

    /// Moves the reminder of `last` to `at` (`None`: out of the index, not to be sent),
    /// only while it is still the last request and not reminded.
    pub async fn reschedule_reconnect_reminder(
        &self,
        workspace: &WorkspaceId,
        last: &LastReconnectEmail,
        at: Option<OffsetDateTime>,
    ) -> Result<Guarded, StoreError> {
        let id = last.connection_id.as_str();
        let item = match at {
            Some(at) => self.reconnect_reminder_update(
                workspace,
                last,
                "SET gsi2sk = :due_sk",
                Refs::default().value(":due_sk", s(keys::due_sk(at, id))),
            )?,
            None => self.reconnect_reminder_update(
                workspace,
                last,
                "REMOVE gsi2pk, gsi2sk",
                Refs::default(),
            )?,
        };
        self.transact_guarded(vec![item]).await
    }

    /// Records `changes` (the reminder that went out).
    pub async fn record_reminder(&self, changes: &[Change]) -> Result<Guarded, StoreError> {
        self.transact_recorded(Vec::new(), changes).await
    }

    fn reconnect_reminder_update(
        &self,
        workspace: &WorkspaceId,
        last: &LastReconnectEmail,
        expression: &str,
        refs: Refs,
    ) -> Result<aws_sdk_dynamodb::types::TransactWriteItem, StoreError> {
        update(
            &self.table,
            key(
                keys::workspace_pk(workspace),
                keys::reconnect_sk(&last.connection_id),
            ),
            expression,
            Some("sent_at = :sent_at AND (attribute_not_exists(reminded) OR reminded = :no)"),
            refs.value(":sent_at", n(last.sent_at.unix_timestamp()))
                .value(":no", AttributeValue::Bool(false)),
        )
    }
}
