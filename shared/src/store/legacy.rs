//! The table as it was before clients were brands (one person per client, the accepted
//! invitation's id doubling as the client's id, connect links stored as fake members,
//! connections keyed by platform and account with their expiries inside the sealed
//! tokens), read for the one-off migration (`infra/migrate`) and rewritten in today's
//! shape.
//!
//! Old items are recognised by their shape, not by a version marker, and each rewrite is
//! one conditional transaction that also removes or changes what it replaces, so a run
//! that stops half-way simply runs again and skips what is done. Each write is
//! conditioned on the old items being still as they were read (every attribute, with
//! its value), so a change made while the migration runs is never overwritten: that
//! rewrite is refused as `ChangedMeanwhile` and the next run reads the item anew.

use serde::Deserialize;
use time::OffsetDateTime;

use super::expr::{delete, key, put, to_item, unchanged, Item, Refs};
use super::items::{ClientItem, InvitationItem, Keyed, LinkItem, MemberItem};
use super::transaction::Transaction;
use super::{keys, Store, StoreError};
use crate::crypto::TokenHash;
use crate::domain::{
    Client, ClientId, ConnectLink, ConnectionId, ConnectionOwner, DisplayName, EmailAddress,
    Invitation, Member, MemberStatus, Narrowing, Permissions, Platform, Role, UserId, WorkspaceId,
};

/// The old user id of a connect link's fake member: `link:<token hash>`.
const LINK_MEMBER_PREFIX: &str = "link:";
/// Who "invited" a person who joined through the invite link, in the old data.
const OLD_INVITE_LINK_USER: &str = "invite-link";

/// Everything of the old shape the table holds, each with the item as it was read.
#[derive(Debug, Default)]
pub struct Legacy {
    pub invitations: Vec<OldInvitation>,
    pub people: Vec<OldPerson>,
    pub connect_links: Vec<OldConnectLink>,
    pub connections: Vec<OldConnection>,
    /// Old items that cannot be read, by key, with why (left in place, reported).
    pub unreadable: Vec<(String, String, String)>,
}

/// An old invitation, already in today's shape (its client id is its own id, as the old
/// model had it), with the rights it carried, which now belong to its client.
#[derive(Debug)]
pub struct OldInvitation {
    pub invitation: Invitation,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
    token_hash: TokenHash,
    ttl: Option<i64>,
    read: Item,
}

/// A client's person's old membership, in today's shape.
#[derive(Debug)]
pub struct OldPerson {
    pub member: Member,
    read: Item,
}

/// How moving one old item went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    Done,
    /// An earlier run moved it.
    AlreadyMoved,
    /// It changed (or went) between this run's read and its write: left as it is now, for
    /// the next run to read anew.
    ChangedMeanwhile,
}

/// An old connect link: the hash of its token and the link in today's shape.
#[derive(Debug)]
pub struct OldConnectLink {
    pub token_hash: String,
    pub link: ConnectLink,
    pub active: bool,
    old_sk: String,
    read: Item,
}

/// An old connection: what it said of itself, and its tokens sealed the old way (with
/// their expiries and scope inside).
#[derive(Debug)]
pub struct OldConnection {
    pub connection_id: ConnectionId,
    pub workspace_id: WorkspaceId,
    pub platform: Platform,
    pub account_id: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
    pub owner: ConnectionOwner,
    pub connected_by: UserId,
    pub connected_at: OffsetDateTime,
    pub refreshed_at: OffsetDateTime,
    pub sealed_tokens: String,
    old_sk: String,
    read: Item,
}

#[derive(Deserialize)]
struct OldInvitationItem {
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct OldMemberItem {
    workspace_id: WorkspaceId,
    user_id: String,
    email: EmailAddress,
    #[serde(default)]
    name: Option<String>,
    role: Role,
    status: MemberStatus,
    #[serde(default)]
    client_id: Option<ClientId>,
    #[serde(default, with = "time::serde::timestamp::option")]
    expires_at: Option<OffsetDateTime>,
    #[serde(default)]
    platforms: Option<Vec<Platform>>,
}

#[derive(Deserialize)]
struct OldConnectionItem {
    connection_id: ConnectionId,
    workspace_id: WorkspaceId,
    platform: Platform,
    account_id: String,
    display_name: String,
    #[serde(default)]
    avatar_url: Option<String>,
    owner: ConnectionOwner,
    connected_by: String,
    #[serde(with = "time::serde::timestamp")]
    connected_at: OffsetDateTime,
    #[serde(with = "time::serde::timestamp")]
    refreshed_at: OffsetDateTime,
    sealed_tokens: String,
}

/// An old user id in today's terms: the old markers become today's reserved ids.
fn user_id(raw: &str) -> Result<UserId, String> {
    if raw == OLD_INVITE_LINK_USER {
        Ok(UserId::invite_link())
    } else if raw.starts_with(LINK_MEMBER_PREFIX) {
        Ok(UserId::connect_link())
    } else {
        raw.parse()
            .map_err(|error: crate::domain::Unparsable| error.to_string())
    }
}

/// A name as today's `DisplayName` takes it (control characters stripped), or none.
fn name(raw: Option<&str>) -> Option<DisplayName> {
    raw.and_then(DisplayName::lenient)
}

fn text<'a>(item: &'a Item, attribute: &str) -> &'a str {
    item.get(attribute)
        .and_then(|value| value.as_s().ok())
        .map_or("", String::as_str)
}

impl Legacy {
    /// How many old items there are to move (a client's connect links move with it).
    pub fn len(&self) -> u64 {
        (self.invitations.len() + self.people.len() + self.connections.len()) as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn read(&mut self, item: Item) {
        let (pk, sk) = (text(&item, "pk").to_owned(), text(&item, "sk").to_owned());
        let read = if sk.starts_with(keys::INVITE_PREFIX) && !item.contains_key("client_id") {
            self.invitation(item)
        } else if sk.starts_with(&format!("{}{LINK_MEMBER_PREFIX}", keys::MEMBER_PREFIX)) {
            self.connect_link(item, &sk)
        } else if sk.starts_with(keys::MEMBER_PREFIX) && item.contains_key("counts_as_seat") {
            self.person(item)
        } else if sk
            .strip_prefix(keys::CONNECTION_PREFIX)
            .is_some_and(|rest| rest.contains('#'))
        {
            self.connection(item, &sk)
        } else {
            Ok(())
        };
        if let Err(why) = read {
            self.unreadable.push((pk, sk, why));
        }
    }

    fn invitation(&mut self, item: Item) -> Result<(), String> {
        let read = item.clone();
        let old: Keyed<OldInvitationItem> =
            serde_dynamo::from_item(item).map_err(|error| error.to_string())?;
        let mut fields = old.value.rest;
        let take = |fields: &mut serde_json::Map<String, serde_json::Value>, name: &str| {
            fields.remove(name).unwrap_or(serde_json::Value::Null)
        };
        let permissions: Permissions =
            serde_json::from_value(take(&mut fields, "permissions")).map_err(|e| e.to_string())?;
        let platforms: Vec<Platform> =
            serde_json::from_value(take(&mut fields, "platforms")).map_err(|e| e.to_string())?;
        let id = fields.get("id").cloned().unwrap_or_default();
        fields.insert("client_id".into(), id);
        if let Some(inviter) = fields
            .get_mut("invited_by")
            .and_then(|value| value.as_object_mut())
        {
            let old_user = inviter
                .get("user_id")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            inviter.insert("user_id".into(), user_id(old_user)?.to_string().into());
            let old_name = inviter
                .get("name")
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            inviter.insert(
                "name".into(),
                name(old_name.as_deref()).map(String::from).into(),
            );
        }
        if let Some(accepted_by) = fields.get("accepted_by").and_then(|v| v.as_str()) {
            let accepted_by = user_id(accepted_by)?.to_string();
            fields.insert("accepted_by".into(), accepted_by.into());
        }
        let item: InvitationItem = serde_json::from_value(serde_json::Value::Object(fields))
            .map_err(|error| error.to_string())?;
        self.invitations.push(OldInvitation {
            invitation: item.invitation,
            permissions,
            platforms,
            token_hash: item.token_hash,
            ttl: old.ttl,
            read,
        });
        Ok(())
    }

    fn person(&mut self, item: Item) -> Result<(), String> {
        let read = item.clone();
        let old: OldMemberItem =
            serde_dynamo::from_item(item).map_err(|error| error.to_string())?;
        let person_id = match (&old.role, &old.client_id) {
            (Role::Client, Some(client)) => Some(
                client
                    .as_str()
                    .parse()
                    .map_err(|e: crate::domain::Unparsable| e.to_string())?,
            ),
            _ => None,
        };
        self.people.push(OldPerson {
            member: Member {
                workspace_id: old.workspace_id,
                user_id: user_id(&old.user_id)?,
                email: old.email,
                name: name(old.name.as_deref()),
                role: old.role,
                status: old.status,
                client_id: old.client_id,
                person_id,
                narrowing: Narrowing {
                    permissions: None,
                    platforms: old.platforms,
                },
                language: crate::lang::Lang::En,
            },
            read,
        });
        Ok(())
    }

    fn connect_link(&mut self, item: Item, sk: &str) -> Result<(), String> {
        let read = item.clone();
        let old: OldMemberItem =
            serde_dynamo::from_item(item).map_err(|error| error.to_string())?;
        let token_hash = old
            .user_id
            .strip_prefix(LINK_MEMBER_PREFIX)
            .unwrap_or_default()
            .to_owned();
        let client_id = old.client_id.ok_or("a connect link without its client")?;
        let expires_at = old.expires_at.ok_or("a connect link without its expiry")?;
        self.connect_links.push(OldConnectLink {
            token_hash,
            active: old.status == MemberStatus::Active,
            link: ConnectLink {
                workspace_id: old.workspace_id,
                client_id,
                platforms: old.platforms,
                created_by: UserId::migration(),
                // The old link did not record when it was made.
                created_at: expires_at,
                expires_at,
            },
            old_sk: sk.to_owned(),
            read,
        });
        Ok(())
    }

    fn connection(&mut self, item: Item, sk: &str) -> Result<(), String> {
        let read = item.clone();
        let old: OldConnectionItem =
            serde_dynamo::from_item(item).map_err(|error| error.to_string())?;
        self.connections.push(OldConnection {
            connection_id: old.connection_id,
            workspace_id: old.workspace_id,
            platform: old.platform,
            account_id: old.account_id,
            display_name: old.display_name,
            avatar_url: old.avatar_url,
            owner: old.owner,
            connected_by: user_id(&old.connected_by)?,
            connected_at: old.connected_at,
            refreshed_at: old.refreshed_at,
            sealed_tokens: old.sealed_tokens,
            old_sk: sk.to_owned(),
            read,
        });
        Ok(())
    }
}

impl Store {
    /// Every item of the old shape, read with one paginated Scan of the whole table: the
    /// migration is the one place that reads everything.
    pub async fn legacy(&self) -> Result<Legacy, StoreError> {
        let mut legacy = Legacy::default();
        for item in self.scan_all(|scan| scan).await? {
            legacy.read(item);
        }
        Ok(legacy)
    }

    /// Makes an old invitation's client: the client item (with its live connect link, if
    /// any), the invitation in today's shape, and the connect links' old fake members
    /// gone, in one transaction, only while the invitation and those links are as `old`
    /// and `links` read them.
    pub async fn migrate_client(
        &self,
        old: &OldInvitation,
        client: &Client,
        links: &[&OldConnectLink],
        live: Option<&OldConnectLink>,
    ) -> Result<Moved, StoreError> {
        let workspace_pk = keys::workspace_pk(&client.workspace_id);
        let mut transaction = Transaction::new(Moved::ChangedMeanwhile);
        transaction.guard(
            put(
                &self.table,
                to_item(&Keyed {
                    pk: workspace_pk.clone(),
                    sk: keys::client_sk(&client.client_id),
                    ttl: None,
                    value: ClientItem {
                        client: client.clone(),
                        connect_link_hash: live.map(|link| link.token_hash.clone()),
                        rights_version: 0,
                        people_version: 0,
                    },
                })?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            Moved::AlreadyMoved,
        );
        let invitation = to_item(&Keyed {
            pk: workspace_pk.clone(),
            sk: keys::invitation_sk(&old.invitation.id),
            ttl: old.ttl,
            value: InvitationItem::of(&old.invitation, &old.token_hash),
        })?;
        let (condition, refs) = unchanged(&old.read, invitation.keys().map(String::as_str), "r");
        transaction.guard_reading(
            put(&self.table, invitation.clone(), Some(&condition), refs)?,
            |now| {
                if now.contains_key("client_id") {
                    Moved::AlreadyMoved
                } else {
                    Moved::ChangedMeanwhile
                }
            },
        );
        if let Some(live) = live {
            transaction.guard(
                put(
                    &self.table,
                    to_item(&Keyed {
                        pk: keys::link_pk(&live.token_hash),
                        sk: keys::LINK_SK.to_owned(),
                        ttl: Some(live.link.expires_at.unix_timestamp()),
                        value: LinkItem {
                            link: live.link.clone(),
                        },
                    })?,
                    Some("attribute_not_exists(pk)"),
                    Refs::default(),
                )?,
                Moved::AlreadyMoved,
            );
        }
        for link in links {
            let (condition, refs) = unchanged(&link.read, [], "r");
            transaction.guard(
                delete(
                    &self.table,
                    key(workspace_pk.clone(), link.old_sk.clone()),
                    Some(&condition),
                    refs,
                )?,
                Moved::ChangedMeanwhile,
            );
        }
        self.run(transaction, Moved::Done).await
    }

    /// A client's person in today's shape, replacing the old membership (its GSI keys
    /// stay), only while it is as `person` read it.
    pub async fn migrate_person(&self, person: &OldPerson) -> Result<Moved, StoreError> {
        let item = to_item(&MemberItem::keyed(&person.member))?;
        let (condition, refs) = unchanged(&person.read, item.keys().map(String::as_str), "r");
        let mut transaction = Transaction::new(Moved::ChangedMeanwhile);
        transaction.guard_reading(
            put(&self.table, item.clone(), Some(&condition), refs)?,
            |now| {
                if now.is_empty() || now.contains_key("counts_as_seat") {
                    Moved::ChangedMeanwhile
                } else {
                    Moved::AlreadyMoved
                }
            },
        );
        self.run(transaction, Moved::Done).await
    }

    /// An old connection under today's keys (its id, its account guard, its due time),
    /// the old item gone, in one transaction, only while the old item is as `old` read it
    /// (its tokens above all: a renewal meanwhile wrote new ones). `AlreadyMoved` also
    /// when its account is held by another connection.
    pub async fn migrate_connection(
        &self,
        old: &OldConnection,
        stored: &super::StoredConnection,
        due: Option<OffsetDateTime>,
    ) -> Result<Moved, StoreError> {
        let mut transaction = Transaction::new(Moved::ChangedMeanwhile);
        let (condition, refs) = unchanged(&old.read, [], "r");
        transaction.guard_reading(
            delete(
                &self.table,
                key(keys::workspace_pk(&old.workspace_id), old.old_sk.clone()),
                Some(&condition),
                refs,
            )?,
            |now| {
                if now.is_empty() {
                    Moved::AlreadyMoved
                } else {
                    Moved::ChangedMeanwhile
                }
            },
        );
        let new = self.new_connection_items(stored, due)?;
        transaction.guard(new.item, Moved::AlreadyMoved);
        transaction.guard(new.account_guard, Moved::AlreadyMoved);
        transaction.add_all(new.grant_marker);
        self.run(transaction, Moved::Done).await
    }
}
