//! The table as it was before clients were brands (one person per client, the accepted
//! invitation's id doubling as the client's id, connect links stored as fake members,
//! connections keyed by platform and account with their expiries inside the sealed
//! tokens), read for the one-off migration (`infra/migrate`) and rewritten in today's
//! shape.
//!
//! Old items are recognised by their shape, not by a version marker, and each rewrite is
//! one conditional transaction that also removes or changes what it replaces, so a run
//! that stops half-way simply runs again and skips what is done.

use serde::Deserialize;
use time::OffsetDateTime;

use super::expr::{delete, key, put, to_item, Item, Refs};
use super::items::{ClientItem, InvitationItem, Keyed, LinkItem, MemberItem};
use super::{keys, Guarded, Store, StoreError};
use crate::crypto::TokenHash;
use crate::domain::{
    Client, ClientId, ConnectLink, ConnectionId, ConnectionOwner, DisplayName, EmailAddress,
    Invitation, Member, MemberStatus, Narrowing, Permissions, Platform, Role, UserId, WorkspaceId,
};

/// The old user id of a connect link's fake member: `link:<token hash>`.
const LINK_MEMBER_PREFIX: &str = "link:";
/// Who "invited" a person who joined through the invite link, in the old data.
const OLD_INVITE_LINK_USER: &str = "invite-link";

/// Everything of the old shape the table holds.
#[derive(Debug, Default)]
pub struct Legacy {
    pub invitations: Vec<OldInvitation>,
    pub people: Vec<Member>,
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
}

/// An old connect link: the hash of its token and the link in today's shape.
#[derive(Debug)]
pub struct OldConnectLink {
    pub token_hash: String,
    pub link: ConnectLink,
    pub active: bool,
    old_sk: String,
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
        });
        Ok(())
    }

    fn person(&mut self, item: Item) -> Result<(), String> {
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
        self.people.push(Member {
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
        });
        Ok(())
    }

    fn connect_link(&mut self, item: Item, sk: &str) -> Result<(), String> {
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
        });
        Ok(())
    }

    fn connection(&mut self, item: Item, sk: &str) -> Result<(), String> {
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
    /// gone, in one transaction. `Refused` when this client was already made.
    pub async fn migrate_client(
        &self,
        old: &OldInvitation,
        client: &Client,
        links: &[&OldConnectLink],
        live: Option<&OldConnectLink>,
    ) -> Result<Guarded, StoreError> {
        let workspace_pk = keys::workspace_pk(&client.workspace_id);
        let mut items = vec![
            put(
                &self.table,
                to_item(&Keyed {
                    pk: workspace_pk.clone(),
                    sk: keys::client_sk(&client.client_id),
                    ttl: None,
                    value: ClientItem {
                        client: client.clone(),
                        connect_link_hash: live.map(|link| link.token_hash.clone()),
                    },
                })?,
                Some("attribute_not_exists(pk)"),
                Refs::default(),
            )?,
            put(
                &self.table,
                to_item(&Keyed {
                    pk: workspace_pk.clone(),
                    sk: keys::invitation_sk(&old.invitation.id),
                    ttl: old.ttl,
                    value: InvitationItem::of(&old.invitation, &old.token_hash),
                })?,
                Some("attribute_exists(pk) AND attribute_not_exists(client_id)"),
                Refs::default(),
            )?,
        ];
        if let Some(live) = live {
            items.push(put(
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
            )?);
        }
        for link in links {
            items.push(delete(
                &self.table,
                key(workspace_pk.clone(), link.old_sk.clone()),
                None,
                Refs::default(),
            )?);
        }
        self.transact_guarded(items).await
    }

    /// A client's person in today's shape, replacing the old membership (its GSI keys
    /// stay). `Refused` when it was already rewritten.
    pub async fn migrate_person(&self, member: &Member) -> Result<Guarded, StoreError> {
        let item = to_item(&MemberItem::keyed(member))?;
        self.transact_guarded(vec![put(
            &self.table,
            item,
            Some("attribute_exists(counts_as_seat)"),
            Refs::default(),
        )?])
        .await
    }

    /// An old connection under today's keys (its id, its account guard, its due time),
    /// the old item gone, in one transaction. `Refused` when it was already moved or its
    /// account is held by another connection.
    pub async fn migrate_connection(
        &self,
        old: &OldConnection,
        stored: &super::StoredConnection,
        due: Option<OffsetDateTime>,
    ) -> Result<Guarded, StoreError> {
        let mut items = self.new_connection_items(stored, due)?.into_items();
        items.push(delete(
            &self.table,
            key(keys::workspace_pk(&old.workspace_id), old.old_sk.clone()),
            Some("attribute_exists(pk)"),
            Refs::default(),
        )?);
        self.transact_guarded(items).await
    }
}
