//! The agency's reconnect emails ("send it again"): at most one per connection per
//! cooldown, each email counted in the workspace's daily quota (the invitations'), and
//! recorded with the change, all in one transaction.
//!
//! A connection's last one is `WS#<ws>` / `RECONNECT#<connection>` with the time it was
//! sent (TTL a day after its cooldown ends: the condition reads the time, not the TTL).

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::expr::{check, delete, key, n, put, to_item, Item, Refs};
use super::items::Keyed;
use super::transaction::Transaction;
use super::{keys, Quota, Store, StoreError};
use crate::domain::{Change, Connection, ConnectionId};

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

#[derive(Debug, Serialize, Deserialize)]
struct LastReconnectEmail {
    connection_id: ConnectionId,
    #[serde(with = "time::serde::timestamp")]
    sent_at: OffsetDateTime,
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
                to_item(&Keyed {
                    pk: keys::workspace_pk(workspace),
                    sk: keys::reconnect_sk(&connection.connection_id),
                    ttl: Some((now + cooldown + Duration::days(1)).unix_timestamp()),
                    value: LastReconnectEmail {
                        connection_id: connection.connection_id.clone(),
                        sent_at: now,
                    },
                })?,
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
}
