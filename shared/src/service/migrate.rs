//! The one-off migration to clients as brands (run by `infra/migrate`): each old
//! invitation becomes a client of its own with that one person (the invitation's id stays
//! the client's id, so memberships and connections keep pointing at it), its connect link
//! becomes a link of the client, and each connection moves under its id with its token
//! life read out of the old sealed tokens, so the refresher renews it on time.
//!
//! Then every item from before the by-client index (people, client memberships,
//! connections) gets its keys there, and each connection chosen together from one
//! consent its grant marker.
//!
//! A dry run reports what it would do and writes nothing; a run that stops half-way (or
//! is stopped: Ctrl-C) runs again and skips what is done. Every write is conditioned on
//! the old items being still as the run read them: an item changed meanwhile is left as
//! it is now (`changed_meanwhile`) and moved by the next run, from what it is then.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::tokens::{seal_tokens, tokens_context};
use crate::crypto::SealingKey;
use crate::domain::{Client, ClientState, Connection, DisplayName, InvitationState};
use crate::error::AppError;
use crate::oauth::{Granted, PlatformOptions, PlatformSpec, PlatformTokens};
use crate::progress::{Progress, Silent};
use crate::store::{
    Backfill, Legacy, Moved, OldConnectLink, OldConnection, OldInvitation, Store, StoredConnection,
};

/// What a run did (or, dry, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub applied: bool,
    pub clients: u32,
    pub connect_links: u32,
    pub people: u32,
    pub connections: u32,
    /// Already migrated by an earlier run.
    pub skipped: u32,
    /// Old items changed (or gone) between this run's read and its write, by `pk`/`sk`:
    /// left as they are now; run again to move them from what they are then.
    pub changed_meanwhile: Vec<String>,
    /// Stopped before the end when asked to (Ctrl-C): run again to go on.
    pub stopped: bool,
    /// Old items that could not be read or converted, by `pk`/`sk`, with why.
    pub unreadable: Vec<String>,
    /// Items from before the by-client index given its keys, and shared grants their
    /// markers (after the moves above, which write both themselves).
    pub by_client: Backfill,
}

/// The token set as the old code sealed it: expiries and scope inside.
#[derive(Deserialize)]
struct OldTokens {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default, with = "time::serde::timestamp::option")]
    expires_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::timestamp::option")]
    refresh_expires_at: Option<OffsetDateTime>,
    #[serde(default)]
    scope: Option<String>,
}

/// Runs the migration over the whole table; writes only with `apply`.
pub async fn clients_as_brands(
    store: &Store,
    key: &SealingKey,
    now: OffsetDateTime,
    apply: bool,
) -> Result<Report, AppError> {
    clients_as_brands_reporting(store, key, now, apply, &Silent).await
}

/// [`clients_as_brands`], each item reported to `progress` (the operator's terminal);
/// asked to stop, it returns after the item it is on.
pub async fn clients_as_brands_reporting(
    store: &Store,
    key: &SealingKey,
    now: OffsetDateTime,
    apply: bool,
    progress: &dyn Progress,
) -> Result<Report, AppError> {
    let legacy = store.legacy().await?;
    let mut report = migrate_from(store, key, &legacy, now, apply, progress).await?;
    if !report.stopped {
        let waiting = store.backfill_waiting().await?;
        progress.total(legacy.len() + waiting.len() as u64);
        report.by_client = store.backfill(waiting, apply, progress).await?;
        report.stopped = progress.stop_asked();
    }
    tracing::info!(?report, "migration to clients as brands");
    Ok(report)
}

/// Moves the old items of `legacy` (the table as read before: a snapshot), each write
/// conditioned on its old items being still as they were read then.
pub async fn migrate_from(
    store: &Store,
    key: &SealingKey,
    legacy: &Legacy,
    now: OffsetDateTime,
    apply: bool,
    progress: &dyn Progress,
) -> Result<Report, AppError> {
    progress.total(legacy.len());
    let mut report = Report {
        applied: apply,
        unreadable: legacy
            .unreadable
            .iter()
            .map(|(pk, sk, why)| format!("{pk} {sk}: {why}"))
            .collect(),
        ..Report::default()
    };
    let mut links: HashMap<_, Vec<&OldConnectLink>> = HashMap::new();
    for link in &legacy.connect_links {
        links.entry(&link.link.client_id).or_default().push(link);
    }
    for old in &legacy.invitations {
        if progress.stop_asked() {
            report.stopped = true;
            return Ok(report);
        }
        let client = client_of(old, now);
        let client_links = links.remove(&client.client_id).unwrap_or_default();
        let live = client_links
            .iter()
            .filter(|link| link.active && link.link.is_live(now) && client.is_active())
            .max_by_key(|link| link.link.expires_at)
            .copied();
        let moved = if apply {
            store
                .migrate_client(old, &client, &client_links, live)
                .await?
        } else {
            Moved::Done
        };
        let what = || {
            format!(
                "client {} of workspace {}",
                client.client_id, client.workspace_id
            )
        };
        count(&mut report, report_clients, moved, what);
        if moved == Moved::Done && live.is_some() {
            report.connect_links += 1;
        }
        progress.advance(1);
    }
    for (client, orphans) in links {
        report.unreadable.push(format!(
            "{} connect link(s) of client {client} without its invitation",
            orphans.len()
        ));
    }
    for person in &legacy.people {
        if progress.stop_asked() {
            report.stopped = true;
            return Ok(report);
        }
        let moved = if apply {
            store.migrate_person(person).await?
        } else {
            Moved::Done
        };
        let member = &person.member;
        let what = || {
            format!(
                "person {} of workspace {}",
                member.user_id, member.workspace_id
            )
        };
        count(&mut report, report_people, moved, what);
        progress.advance(1);
    }
    for old in &legacy.connections {
        if progress.stop_asked() {
            report.stopped = true;
            return Ok(report);
        }
        match moved_connection(old, key, now) {
            Ok(stored) => {
                let due = stored.connection.next_upkeep(now);
                let moved = if apply {
                    store.migrate_connection(old, &stored, due).await?
                } else {
                    Moved::Done
                };
                let what = || {
                    format!(
                        "connection {} of workspace {}",
                        old.connection_id, old.workspace_id
                    )
                };
                count(&mut report, report_connections, moved, what);
            }
            Err(why) => report.unreadable.push(format!(
                "connection {} of workspace {}: {why}",
                old.connection_id, old.workspace_id
            )),
        }
        progress.advance(1);
    }
    Ok(report)
}

/// Counts one move in the report: done under `done`, else skipped or changed meanwhile
/// (named by `what`).
fn count(
    report: &mut Report,
    done: fn(&mut Report) -> &mut u32,
    moved: Moved,
    what: impl Fn() -> String,
) {
    match moved {
        Moved::Done => *done(report) += 1,
        Moved::AlreadyMoved => report.skipped += 1,
        Moved::ChangedMeanwhile => report.changed_meanwhile.push(what()),
    }
}

fn report_clients(report: &mut Report) -> &mut u32 {
    &mut report.clients
}

fn report_people(report: &mut Report) -> &mut u32 {
    &mut report.people
}

fn report_connections(report: &mut Report) -> &mut u32 {
    &mut report.connections
}

/// The client an old invitation stood for: named after its person, with the rights the
/// invitation carried; deleted if the invitation was revoked or the person removed.
fn client_of(old: &OldInvitation, now: OffsetDateTime) -> Client {
    let invitation = &old.invitation;
    let ended = matches!(
        invitation.state,
        InvitationState::Revoked | InvitationState::Removed
    );
    Client {
        client_id: invitation.client_id.clone(),
        workspace_id: invitation.workspace_id.clone(),
        name: invitation
            .name
            .clone()
            .or_else(|| DisplayName::lenient(invitation.email.as_str()))
            .unwrap_or_else(|| DisplayName::lenient("Client").expect("a literal name")),
        logo_url: None,
        permissions: old.permissions,
        platforms: old.platforms.clone(),
        two_factor_required: false,
        state: if ended {
            ClientState::Deleted
        } else {
            ClientState::Active
        },
        created_by: invitation.invited_by.user_id.clone(),
        created_at: invitation.created_at,
        deleted_at: ended.then(|| invitation.closed_at.unwrap_or(now)),
    }
}

/// An old connection in today's shape: its tokens opened, their expiries and scope
/// moved out into its token life, sealed again without them.
fn moved_connection(
    old: &OldConnection,
    key: &SealingKey,
    now: OffsetDateTime,
) -> Result<StoredConnection, String> {
    let plaintext = key
        .open(
            &old.sealed_tokens,
            &tokens_context(&old.workspace_id, &old.connection_id),
        )
        .map_err(|error| error.to_string())?;
    let tokens: OldTokens = serde_json::from_str(&plaintext).map_err(|error| error.to_string())?;
    let granted = Granted {
        tokens: PlatformTokens {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
        },
        issued_at: old.refreshed_at,
        access_expires_at: tokens.expires_at,
        refresh_expires_at: tokens.refresh_expires_at,
        scopes: tokens.scope.map(|scope| {
            scope
                .split([' ', ','])
                .filter(|scope| !scope.is_empty())
                .map(str::to_owned)
                .collect()
        }),
    };
    let spec = PlatformSpec::for_platform(old.platform, &PlatformOptions::default());
    let connection = Connection {
        connection_id: old.connection_id.clone(),
        workspace_id: old.workspace_id.clone(),
        platform: old.platform,
        account_id: old.account_id.clone(),
        display_name: old.display_name.clone(),
        avatar_url: old.avatar_url.clone(),
        owner_key: old.owner.key(),
        owner: old.owner.clone(),
        assigned_to: None,
        assignments: Default::default(),
        assignments_version: 0,
        stands_in_for: None,
        shared_grant: None,
        connected_by: old.connected_by.clone(),
        connected_at: old.connected_at,
        refreshed_at: old.refreshed_at,
        life: granted.life(spec.renewal),
        scopes: granted.scopes.clone().unwrap_or_default(),
        broken: None,
        healthy_since: now,
        checked_at: None,
        notices: Default::default(),
        failures: 0,
        retry_at: None,
        unconfirmed_refresh: None,
        renewed_on_demand_at: None,
        reported_health: None,
    };
    let sealed_tokens =
        seal_tokens(key, &connection, &granted.tokens).map_err(|error| error.to_string())?;
    Ok(StoredConnection {
        connection,
        sealed_tokens,
        version: 0,
        rev: 0,
        due_entry: None,
    })
}
