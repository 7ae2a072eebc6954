//! Every key of the single table, built in one place.
//!
//! | pk             | sk               | item                                        |
//! |----------------|------------------|---------------------------------------------|
//! | `WS#<ws>`      | `META`           | workspace: name, plan, seats, seat_version  |
//! | `WS#<ws>`      | `MEMBER#<sub>`   | membership (GSI by-user: `USER#<sub>`; a client's person's also by-client) |
//! | `WS#<ws>`      | `CLIENT#<id>`    | a client, its rights, its connect link's hash |
//! | `LINK#<hash>`  | `LINK`           | a connect link, ttl = its expiry            |
//! | `WS#<ws>`      | `INVITE#<id>`    | invitation (ttl while not accepted; GSI by-client; GSI by-due under `REMIND` for its next reminder, then `EXPIRE`; its link token sealed while open) |
//! | `WS#<ws>`      | `PENDING#<email>`| one open invitation per email (ttl)         |
//! | `TOKEN#<hash>` | `TOKEN`          | link pointer, ttl = invitation expiry       |
//! | `WS#<ws>`      | `CONN#<id>`      | a connected account, tokens sealed (GSI by-due; by-client for the client that sees it) |
//! | `WS#<ws>`      | `ACCOUNT#<platform>#<account>` | which connection holds an account |
//! | `WS#<ws>`      | `ACCOUNT#<platform>#<account>#CLIENT#<client>` | a client's own connection of an agency account assigned to it with its credentials |
//! | `WS#<ws>`      | `ASSIGN#<connection>#<client>` | an agency account assigned to a client, with its settings (GSI by-client: `gsi3sk = CONN#<connection>`; GSI by-due under `REMIND` while the client is to be reminded to connect it) |
//! | `WS#<ws>`      | `GRANT#<grant>#<connection>` | a connection chosen with others from one consent |
//! | `OSTATE#<hash>`| `OSTATE`         | OAuth state of one connect, ttl 15 min     |
//! | `SESSION#<hash>`| `SECRET`        | a sign-in session, ttl 1 hour              |
//! | `WS#<ws>`      | `INVITELINK`     | the reusable invite link (token sealed)     |
//! | `JOIN#<hash>`  | `SECRET`         | where an invite link's token leads          |
//! | `CHOICE#<hash>`| `CHOICE`         | accounts of one consent to choose from, ttl = the OAuth state's |
//! | `WS#<ws>`      | `QUOTA#<date>`   | emails sent that UTC day (invitations, reconnect emails), ttl 2 days |
//! | `WS#<ws>`      | `RECONNECT#<id>` | when the agency last emailed a connection's people to reconnect it (GSI by-due under `REMIND` until its reminder) |
//! | `WS#<ws>`      | `COMPLAINED#<email>` | an address that marked our email as spam |
//! | `WS#<ws>`      | `AUDIT#<event>`  | one line of the audit trail, ttl = the audit retention |
//! | `OUTBOX#<0-3>` | `<event>`        | an event not yet published to EventBridge   |

use crate::crypto::TokenHash;
use crate::domain::{
    ClientId, ConnectionId, EmailAddress, InvitationId, Platform, UserId, WorkspaceId,
};

pub const INVITE_PREFIX: &str = "INVITE#";

pub const AUDIT_PREFIX: &str = "AUDIT#";

pub fn audit_sk(id: &crate::domain::EventId) -> String {
    format!("{AUDIT_PREFIX}{}", id.as_str())
}

/// Which of `shards` partitions an id's item goes in: its last hex digit (random in a
/// UUID v7) spreads them evenly.
pub fn shard_of(id: &str, shards: u8) -> u8 {
    let digit = id
        .bytes()
        .last()
        .and_then(|last| (last as char).to_digit(16))
        .unwrap_or(0);
    (digit % u32::from(shards)) as u8
}

/// The sparse GSI `by-due` holds one kind of item per partition name, each spread over
/// `DUE_SHARDS` shards, sorted by `<due time>#<id>`; the dispatcher queries each shard
/// for what is due and never scans.
///
/// Sixteen, for a million connections: every write that moves a connection's due time
/// also writes its index entry, and a partition takes about 1,000 writes a second. At
/// the design burst (1,000 token requests a second renewing, the dispatcher marking up to
/// 2,000 entries a second, the workers finishing as many) about 5,000 index writes a
/// second fall on the busiest kind: 16 shards keep each near 310, a third of a
/// partition; 4 would put 1,250 on each, over the limit. The steady state (about three
/// index writes per connection a day) is 35 a second in all. A connection's shard is the
/// last hex digit of its id, so entries written under 4 shards (digit mod 4) sit in
/// shards 0-3, which are still read, and move to their own shard at their next write.
pub const DUE_SHARDS: u8 = 16;
/// Connections with upkeep due (renewal, check, notice).
pub const CONNECTIONS_DUE: &str = "DUE";
/// Open invitations, by when their link expires.
pub const INVITATIONS_EXPIRING: &str = "EXPIRE";
/// Reminders to send, by when: an open invitation waits here for its next reminder
/// (then under `EXPIRE` for its expiry; an item has one place in the index at a time).
pub const REMINDERS_DUE: &str = "REMIND";

pub fn due_pk(kind: &str, id: &str) -> String {
    format!("{kind}#{}", shard_of(id, DUE_SHARDS))
}

pub fn due_sk(at: time::OffsetDateTime, id: &str) -> String {
    format!("{:012}#{id}", at.unix_timestamp().max(0))
}

/// The last sort key of the due index due by `now` (`~` sorts after every id).
pub fn due_upto(now: time::OffsetDateTime) -> String {
    format!("{:012}#~", now.unix_timestamp().max(0))
}

/// The workspace a `WS#<ws>` partition key names.
pub fn workspace_of(pk: &str) -> Option<WorkspaceId> {
    pk.strip_prefix("WS#")?.parse().ok()
}

/// One of the outbox's partitions.
pub fn outbox_pk(shard: u8) -> String {
    format!("OUTBOX#{shard}")
}

pub fn workspace_pk(workspace: &WorkspaceId) -> String {
    format!("WS#{}", workspace.as_str())
}

pub const META_SK: &str = "META";

pub const MEMBER_PREFIX: &str = "MEMBER#";

pub fn member_sk(user_id: &UserId) -> String {
    format!("{MEMBER_PREFIX}{}", user_id.as_str())
}

pub const CLIENT_PREFIX: &str = "CLIENT#";

pub fn client_sk(id: &ClientId) -> String {
    format!("{CLIENT_PREFIX}{}", id.as_str())
}

/// How many emails the workspace sent on one UTC day (invitations, the agency's
/// reconnect emails).
pub fn quota_sk(day: time::Date) -> String {
    format!("QUOTA#{day}")
}

/// When the agency last had a connection's people emailed to reconnect it.
pub fn reconnect_sk(connection: &ConnectionId) -> String {
    format!("{RECONNECT_PREFIX}{}", connection.as_str())
}

pub const RECONNECT_PREFIX: &str = "RECONNECT#";

/// The connection a `RECONNECT#<id>` sort key names.
pub fn reconnect_of(sk: &str) -> Option<ConnectionId> {
    sk.strip_prefix(RECONNECT_PREFIX)?.parse().ok()
}

/// A connect link, under the hash of its token.
pub fn link_pk(token_hash: &str) -> String {
    format!("LINK#{token_hash}")
}

pub const LINK_SK: &str = "LINK";

pub fn invitation_sk(id: &InvitationId) -> String {
    format!("{INVITE_PREFIX}{}", id.as_str())
}

/// The invitation an `INVITE#<id>` sort key names.
pub fn invitation_of(sk: &str) -> Option<InvitationId> {
    sk.strip_prefix(INVITE_PREFIX)?.parse().ok()
}

/// An address that marked the workspace's email as spam: not emailed again until the
/// agency confirms.
pub fn complained_sk(email: &EmailAddress) -> String {
    format!("COMPLAINED#{}", email.as_str())
}

pub fn pending_sk(email: &EmailAddress) -> String {
    format!("PENDING#{}", email.as_str())
}

pub fn token_pk(hash: &TokenHash) -> String {
    format!("TOKEN#{}", hash.as_str())
}

pub const TOKEN_SK: &str = "TOKEN";

pub const CONNECTION_PREFIX: &str = "CONN#";

pub fn connection_sk(id: &ConnectionId) -> String {
    format!("{CONNECTION_PREFIX}{}", id.as_str())
}

/// The connection a `CONN#<id>` sort key names.
pub fn connection_of(sk: &str) -> Option<ConnectionId> {
    sk.strip_prefix(CONNECTION_PREFIX)?.parse().ok()
}

/// One connection per platform account in a workspace.
pub fn account_sk(platform: Platform, account_id: &str) -> String {
    format!("ACCOUNT#{}#{account_id}", platform.as_str())
}

/// The guard of a connection's platform account: the workspace's one connection of it,
/// or, for a client's own connection of an agency account assigned to it with the
/// client's credentials, that client's one connection of it beside the agency's.
pub fn account_guard_sk(connection: &crate::domain::Connection) -> String {
    match (&connection.stands_in_for, connection.owner.client_id()) {
        (Some(_), Some(client)) => stand_in_sk(connection.platform, &connection.account_id, client),
        _ => account_sk(connection.platform, &connection.account_id),
    }
}

/// A client's own connection of an agency account assigned to it with its credentials.
pub fn stand_in_sk(platform: Platform, account_id: &str, client: &ClientId) -> String {
    format!(
        "{}#CLIENT#{}",
        account_sk(platform, account_id),
        client.as_str()
    )
}

pub const ASSIGNMENT_PREFIX: &str = "ASSIGN#";

/// One agency account assigned to one client (`WS#<ws>` partition): a connection's
/// assignments are one query of `ASSIGN#<connection>#`.
pub fn assignment_sk(connection: &ConnectionId, client: &ClientId) -> String {
    format!("{}{}", assignment_prefix(connection), client.as_str())
}

pub fn assignment_prefix(connection: &ConnectionId) -> String {
    format!("{ASSIGNMENT_PREFIX}{}#", connection.as_str())
}

/// The connection and client an `ASSIGN#<connection>#<client>` sort key names.
pub fn assignment_of(sk: &str) -> Option<(ConnectionId, ClientId)> {
    let (connection, client) = sk.strip_prefix(ASSIGNMENT_PREFIX)?.split_once('#')?;
    Some((connection.parse().ok()?, client.parse().ok()?))
}

/// The by-client sort key of an `ASSIGN#<connection>#<client>` item: the connection's
/// own sort key, so a client's accounts (its own and those assigned to it) are one
/// query of `CONN#`, newest first.
pub fn assignment_index_sk(sk: &str) -> Option<String> {
    let rest = sk.strip_prefix(ASSIGNMENT_PREFIX)?;
    let (connection, _client) = rest.split_once('#')?;
    Some(format!("{CONNECTION_PREFIX}{connection}"))
}

pub fn oauth_state_pk(state_hash: &str) -> String {
    format!("OSTATE#{state_hash}")
}

pub const OAUTH_STATE_SK: &str = "OSTATE";

/// Accounts a consent brought, waiting for the person to choose among them.
pub fn choice_pk(token_hash: &str) -> String {
    format!("CHOICE#{token_hash}")
}

pub const CHOICE_SK: &str = "CHOICE";

pub const SECRET_SK: &str = "SECRET";

pub fn session_pk(token_hash: &str) -> String {
    format!("SESSION#{token_hash}")
}

/// GSI `by-user`: every membership of one person.
pub const BY_USER_INDEX: &str = "by-user";

/// GSI `by-due` (sparse, keys only): connections with upkeep due, by due time.
pub const BY_DUE_INDEX: &str = "by-due";

/// GSI `by-client` (sparse): what one client has and sees, each under its own sort key
/// (`gsi3sk` = the item's `sk`): its people (`INVITE#`), their memberships (`MEMBER#`)
/// and the connections it sees (`CONN#`: its own, and the agency's assigned to it, as
/// an `ASSIGN#` item whose `gsi3sk` is the connection's `CONN#` key). A
/// request about one client reads its items here, one client at a time, never the
/// workspace's whole partition.
pub const BY_CLIENT_INDEX: &str = "by-client";

pub fn client_gsi_pk(workspace: &WorkspaceId, client: &ClientId) -> String {
    format!("WS#{}#CLIENT#{}", workspace.as_str(), client.as_str())
}

/// A connection chosen together with others from one consent: a marker per connection
/// under `WS#<ws>`, so the last of them to go is found with one small query.
pub fn grant_sk(grant: &crate::domain::GrantId, connection: &ConnectionId) -> String {
    format!("{}{connection}", grant_prefix(grant))
}

pub fn grant_prefix(grant: &crate::domain::GrantId) -> String {
    format!("GRANT#{}#", grant.as_str())
}

pub fn user_gsi_pk(user_id: &UserId) -> String {
    format!("USER#{}", user_id.as_str())
}

/// The workspace's reusable invite link (`WS#<ws>` partition).
pub const INVITE_LINK_SK: &str = "INVITELINK";

/// Where an invite link's token leads.
pub fn join_pk(token_hash: &str) -> String {
    format!("JOIN#{token_hash}")
}
