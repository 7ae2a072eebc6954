//! Saving an account a consent brought, and how a connect ended.
//!
//! The same platform account connected again by the same owner is refreshed in place
//! (same connection id, healthy again). Connected by a different client of the workspace
//! (or by the agency while a client holds it) it is refused as `connected-elsewhere`. A
//! reconnect of one connection must bring back the same platform account; another
//! account is refused and changes nothing.

use time::OffsetDateTime;

use super::health::health_change;
use super::tokens::seal_tokens;
use crate::crypto::SealingKey;
use crate::domain::{
    Change, Connection, ConnectionId, ConnectionOwner, Platform, UserId, What, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::oauth::{Candidate, Granted, PlatformProfile};
use crate::state::AppState;
use crate::store::{Inserted, StoredConnection};

/// How a connect ended, as the person is told on the page they land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Connected,
    AccessDenied,
    PlatformError,
    StateMissing,
    StateUnknown,
    StateExpired,
    PlatformMismatch,
    BrowserMismatch,
    TokenExchangeFailed,
    ProfileFailed,
    NotAllowed,
    ConnectedElsewhere,
    /// A reconnect brought back another platform account than the connection's.
    WrongAccount,
    /// The consent granted less than the product needs.
    PermissionsMissing,
    /// A reconnect brought back the account, but the person may no longer publish to it
    /// (a Facebook Page without the task): the connection keeps its working token.
    CannotPublish,
    /// The consent brought several accounts (or one that cannot be connected): the
    /// person chooses on our page.
    ChooseAccounts,
    /// The person left the choice without connecting anything.
    Cancelled,
    /// The choice was made too late (or twice).
    ChoiceExpired,
    Failed,
}

impl Outcome {
    pub const ALL: [Outcome; 19] = [
        Outcome::Connected,
        Outcome::AccessDenied,
        Outcome::PlatformError,
        Outcome::StateMissing,
        Outcome::StateUnknown,
        Outcome::StateExpired,
        Outcome::PlatformMismatch,
        Outcome::BrowserMismatch,
        Outcome::TokenExchangeFailed,
        Outcome::ProfileFailed,
        Outcome::NotAllowed,
        Outcome::ConnectedElsewhere,
        Outcome::WrongAccount,
        Outcome::PermissionsMissing,
        Outcome::CannotPublish,
        Outcome::ChooseAccounts,
        Outcome::Cancelled,
        Outcome::ChoiceExpired,
        Outcome::Failed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Connected => "connected",
            Outcome::AccessDenied => "access-denied",
            Outcome::PlatformError => "platform-error",
            Outcome::StateMissing => "state-missing",
            Outcome::StateUnknown => "state-unknown",
            Outcome::StateExpired => "state-expired",
            Outcome::PlatformMismatch => "platform-mismatch",
            Outcome::BrowserMismatch => "browser-mismatch",
            Outcome::TokenExchangeFailed => "token-exchange-failed",
            Outcome::ProfileFailed => "profile-failed",
            Outcome::NotAllowed => "not-allowed",
            Outcome::ConnectedElsewhere => "connected-elsewhere",
            Outcome::WrongAccount => "wrong-account",
            Outcome::PermissionsMissing => "permissions-missing",
            Outcome::CannotPublish => "cannot-publish",
            Outcome::ChooseAccounts => "choose-accounts",
            Outcome::Cancelled => "cancelled",
            Outcome::ChoiceExpired => "choice-expired",
            Outcome::Failed => "failed",
        }
    }
}

/// What a consent connects for, whichever account is chosen.
pub(crate) struct Consent {
    pub workspace: WorkspaceId,
    pub platform: Platform,
    pub owner: ConnectionOwner,
    pub connected_by: UserId,
    pub renewal: crate::oauth::RenewalKind,
    /// Set when several accounts of this consent are saved, so disconnecting one does not
    /// revoke the grant the others live on.
    pub shared_grant: Option<crate::domain::GrantId>,
}

pub(crate) enum Saved {
    Connected(ConnectionId),
    Refused(Outcome),
}

/// Saves one account of a consent: renews `reconnecting` (or the connection that
/// already holds the account, if it is the same owner's) in place, or makes a new one.
pub(crate) async fn save_account(
    state: &AppState,
    key: &SealingKey,
    consent: &Consent,
    reconnecting: Option<StoredConnection>,
    candidate: &Candidate,
    granted: &Granted,
) -> Result<Saved, AppError> {
    let existing = match reconnecting {
        Some(current) => Some(current),
        None => {
            state
                .store
                .connection_for_account(
                    &consent.workspace,
                    consent.platform,
                    &candidate.profile.account_id,
                )
                .await?
        }
    };
    // The agency's account, assigned to this client with the client's credentials: the
    // client connects the same account as its own, beside the agency's.
    let stands_in_for = existing
        .as_ref()
        .and_then(|agency| stand_in_for(&agency.connection, &consent.owner));
    let existing = match (&stands_in_for, consent.owner.client_id()) {
        (Some(_), Some(client)) => {
            state
                .store
                .stand_in(
                    &consent.workspace,
                    consent.platform,
                    &candidate.profile.account_id,
                    client,
                )
                .await?
        }
        _ => existing,
    };
    if existing
        .as_ref()
        .is_some_and(|existing| existing.connection.owner != consent.owner)
    {
        return Ok(Saved::Refused(Outcome::ConnectedElsewhere));
    }
    let granted = candidate.granted(granted);
    let now = state.clock.now();
    let mut connection = connection_from_consent(
        consent,
        existing.as_ref(),
        candidate.profile.clone(),
        &granted,
        now,
    );
    if stands_in_for.is_some() {
        connection.stands_in_for = stands_in_for;
    }
    let due = connection.next_upkeep(now);
    let mut stored = StoredConnection {
        sealed_tokens: seal_tokens(key, &connection, &granted.tokens)?,
        connection,
        version: existing.as_ref().map_or(0, |existing| existing.version + 1),
        rev: existing.as_ref().map_or(0, |existing| existing.rev + 1),
        due_entry: None,
    };
    let saved = match &existing {
        None => {
            let connected = Change::new(
                &consent.workspace,
                now,
                who_connected(&stored.connection),
                What::ConnectionConnected {
                    connection_id: stored.connection.connection_id.clone(),
                    platform: stored.connection.platform,
                    client_id: stored.connection.owner.client_id().cloned(),
                },
            );
            state
                .store
                .insert_connection(&stored, due, &[connected])
                .await?
        }
        Some(_) => {
            // A reconnect: told as the connection's health coming back.
            let by = who_connected(&stored.connection);
            let changes: Vec<Change> = health_change(&mut stored.connection, now, by)
                .into_iter()
                .collect();
            let previous_grant = existing
                .as_ref()
                .and_then(|existing| existing.connection.shared_grant.as_ref());
            state
                .store
                .reconnect(&stored, previous_grant, due, &changes)
                .await?
        }
    };
    Ok(match saved {
        Inserted::Done => Saved::Connected(stored.connection.connection_id),
        Inserted::AccountHeld { .. } => Saved::Refused(Outcome::ConnectedElsewhere),
        Inserted::ClientGone => Saved::Refused(Outcome::NotAllowed),
    })
}

/// The agency's connection a client's consent of the same account stands in for: one
/// assigned to that client with the client's credentials.
fn stand_in_for(agency: &Connection, owner: &ConnectionOwner) -> Option<ConnectionId> {
    let client = owner.client_id()?;
    let assigned = (agency.owner == ConnectionOwner::Agency)
        .then(|| agency.all_assignments().remove(client))
        .flatten()?;
    (assigned.settings.credentials == crate::domain::Credentials::Client)
        .then(|| agency.connection_id.clone())
}

/// Who made a connection: the person, or the client's connect link.
fn who_connected(connection: &Connection) -> Who {
    match connection.owner.client_id() {
        Some(client_id) if connection.connected_by == crate::domain::UserId::connect_link() => {
            Who::ConnectLink {
                client_id: client_id.clone(),
            }
        }
        _ => Who::person(&connection.connected_by),
    }
}

/// The connection a consent makes: a new one, or `existing` renewed in place (same id,
/// first connected when it was, healthy again, its notices and failures forgotten).
fn connection_from_consent(
    consent: &Consent,
    existing: Option<&StoredConnection>,
    profile: PlatformProfile,
    granted: &Granted,
    now: OffsetDateTime,
) -> Connection {
    let existing = existing.map(|stored| &stored.connection);
    Connection {
        connection_id: existing.map_or_else(ConnectionId::generate, |existing| {
            existing.connection_id.clone()
        }),
        workspace_id: consent.workspace.clone(),
        platform: consent.platform,
        account_id: profile.account_id,
        display_name: profile.display_name,
        avatar_url: profile.avatar_url,
        owner_key: consent.owner.key(),
        owner: consent.owner.clone(),
        assigned_to: existing.and_then(|existing| existing.assigned_to.clone()),
        // Written only by the assignment writes (skipped when the item is written).
        assignments: Default::default(),
        assignments_version: 0,
        stands_in_for: existing.and_then(|existing| existing.stands_in_for.clone()),
        shared_grant: consent.shared_grant.clone(),
        connected_by: consent.connected_by.clone(),
        connected_at: existing.map_or(now, |existing| existing.connected_at),
        refreshed_at: now,
        life: granted.life(consent.renewal),
        scopes: granted.scopes.clone().unwrap_or_default(),
        broken: None,
        healthy_since: now,
        checked_at: Some(now),
        notices: Default::default(),
        failures: 0,
        retry_at: None,
        unconfirmed_refresh: None,
        renewed_on_demand_at: existing.and_then(|existing| existing.renewed_on_demand_at),
        reported_health: existing.and_then(|existing| existing.reported_health),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_its_own_slug() {
        let slugs: std::collections::HashSet<_> =
            Outcome::ALL.iter().map(|outcome| outcome.slug()).collect();
        assert_eq!(slugs.len(), Outcome::ALL.len());
    }
}
