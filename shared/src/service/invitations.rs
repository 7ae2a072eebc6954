//! Inviting clients: create, list, resend, revoke, preview, accept, remove.
//!
//! Inviting an email that already has an open invitation (pending, expired or not) in
//! the workspace is a conflict (409 `invitation-already-pending`, carrying that
//! invitation's id), never a silent resend: a retried create must not send a second
//! email, and resending is an explicit act that kills the old link.
//!
//! Creating and resending need the Team plan; listing, revoking and removing do not,
//! so a workspace that downgraded can still tidy up its clients.

use serde::Deserialize;
use time::OffsetDateTime;

use super::views::{InvitationPage, InvitationPreview, InvitationView, Membership};
use crate::auth::Caller;
use crate::crypto::InviteToken;
use crate::domain::{
    ClientStatus, Delivery, EmailAddress, Invitation, InvitationId, InvitationState, Inviter,
    Member, MemberStatus, PageSize, Permissions, Plan, Platform, Role, Unparsable, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::InvitationEmail;
use crate::state::AppState;
use crate::store::{
    Conflict, Cursor, InvitationRecord, Listing, Read, Reads, WorkspaceRecord,
};

/// Body of `POST /workspaces/{workspace_id}/invitations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    #[serde(default)]
    pub permissions: Permissions,
    /// The platforms the client may connect; all of them when absent.
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
}

/// Body of the preview and accept endpoints: the token from the link.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    pub token: String,
}

/// Query of the list endpoint.
pub struct ListQuery {
    pub status: Option<ClientStatus>,
    pub limit: PageSize,
    /// As a previous page returned it; checked against this list and workspace.
    pub cursor: Option<String>,
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    request: NewInvitation,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let Admin {
        workspace,
        member: inviter,
        ..
    } = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    require_team_plan(&workspace)?;
    let email = EmailAddress::parse(&request.email)
        .map_err(|error| AppError::InvalidEmail(format!("{error}: check the client's address.")))?;
    let platforms = allowed_platforms(request.platforms)?;

    let seat_version = if request.permissions.takes_a_seat() {
        check_free_seat(state, &workspace, now).await?;
        Some(workspace.seat_version)
    } else {
        None
    };

    let token = InviteToken::generate();
    let invitation = Invitation {
        id: InvitationId::generate(),
        workspace_id: workspace_id.clone(),
        email,
        permissions: request.permissions,
        platforms,
        state: InvitationState::Pending,
        delivery: Delivery::Sending,
        invited_by: Inviter {
            user_id: inviter.user_id.clone(),
            email: inviter.email.clone(),
            name: caller.name.clone().or(inviter.name),
        },
        created_at: now,
        expires_at: now + state.config.invitation_validity,
        sent_at: None,
        accepted_at: None,
        accepted_by: None,
        closed_at: None,
    };
    let retention = state.config.retention_after_expiry;
    if let Err(conflict) = state
        .store
        .insert_invitation(&invitation, &token.hash(), retention, seat_version, now)
        .await?
    {
        return Err(match pending_invitation_in(&conflict, 2) {
            Some(existing) => AppError::InvitationAlreadyPending {
                email: invitation.email.to_string(),
                invitation_id: existing,
            },
            None => AppError::ConcurrentChange,
        });
    }
    tracing::info!(invitation_id = invitation.id.as_str(), "invitation created");
    deliver(state, &workspace, invitation, &token, now).await
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    query: ListQuery,
) -> Result<InvitationPage, AppError> {
    let now = state.clock.now();
    authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let cursor = query
        .cursor
        .map(|raw| Cursor::parse(&raw, Listing::Invitations, workspace_id))
        .transpose()?;
    let page = state
        .store
        .list_invitations(workspace_id, query.status, query.limit.get(), cursor.as_ref(), now)
        .await?;
    Ok(InvitationPage {
        items: page
            .invitations
            .into_iter()
            .map(|invitation| InvitationView::of(invitation, now))
            .collect(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    })
}

/// Sends a new link and restarts the expiry; the previous link stops working.
pub async fn resend(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let mut admin = authorize_admin(state, caller, workspace_id, Reads::invitation(id)).await?;
    let workspace = &admin.workspace;
    require_team_plan(workspace)?;
    let current = admin.invitation()?;
    ensure_open(&current.invitation, now)?;
    let expired = current.invitation.status_at(now) == ClientStatus::Expired;
    if expired && current.invitation.permissions.takes_a_seat() {
        // An expired invitation gave its seat back; renewing it takes one again.
        check_free_seat(state, &admin.workspace, now).await?;
    }

    let token = InviteToken::generate();
    let expires_at = now + state.config.invitation_validity;
    let retention = state.config.retention_after_expiry;
    if let Err(conflict) = state
        .store
        .replace_link(&current, &token.hash(), expires_at, retention, now)
        .await?
    {
        if let Some(newer) = pending_invitation_in(&conflict, 3) {
            return Err(AppError::InvitationAlreadyPending {
                email: current.invitation.email.to_string(),
                invitation_id: newer,
            });
        }
        return Err(explain_conflict(state, workspace_id, id, now).await);
    }
    let renewed = Invitation {
        expires_at,
        delivery: Delivery::Sending,
        ..current.invitation
    };
    tracing::info!(invitation_id = id.as_str(), "invitation link replaced");
    deliver(state, &admin.workspace, renewed, &token, now).await
}

pub async fn revoke(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let current = authorize_admin(state, caller, workspace_id, Reads::invitation(id))
        .await?
        .invitation()?;
    ensure_open(&current.invitation, now)?;
    let retention = state.config.retention_after_expiry;
    if state
        .store
        .revoke(&current.invitation, retention, now)
        .await?
        .is_err()
    {
        return Err(explain_conflict(state, workspace_id, id, now).await);
    }
    tracing::info!(invitation_id = id.as_str(), "invitation revoked");
    let revoked = Invitation {
        state: InvitationState::Revoked,
        closed_at: Some(now),
        ..current.invitation
    };
    Ok(InvitationView::of(revoked, now))
}

/// What happens to a removed client's connected accounts: the agency chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientConnections {
    /// Keep publishing to them (Postpone).
    #[default]
    Keep,
    /// Revoke and forget them (ShortSync).
    Disconnect,
}

impl std::str::FromStr for ClientConnections {
    type Err = Unparsable;
    fn from_str(raw: &str) -> Result<Self, Unparsable> {
        match raw {
            "keep" => Ok(Self::Keep),
            "disconnect" => Ok(Self::Disconnect),
            other => Err(Unparsable::new("choice of keep or disconnect", other)),
        }
    }
}

/// Removes a client: its client user is deactivated at once; its connections are kept
/// or disconnected as the agency chose.
pub async fn remove_client(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &InvitationId,
    connections: ClientConnections,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let current = authorize_admin(state, caller, workspace_id, Reads::invitation(client_id))
        .await?
        .invitation()?;
    let invitation = &current.invitation;
    let client_user = match (invitation.state, invitation.accepted_by.as_deref()) {
        (InvitationState::Accepted, Some(user)) => user,
        (InvitationState::Removed, _) => return Err(AppError::ClientRemoved),
        _ => return Err(AppError::NotAClient),
    };
    let retention = state.config.retention_after_expiry;
    if let Err(conflict) = state
        .store
        .remove_client(invitation, client_user, retention, now)
        .await?
    {
        return Err(if conflict.failed_at(0) {
            explain_conflict(state, workspace_id, client_id, now).await
        } else {
            AppError::ConcurrentChange
        });
    }
    tracing::info!(client_id = client_id.as_str(), "client removed");
    if connections == ClientConnections::Disconnect {
        let count =
            super::connections::disconnect_client(state, workspace_id, client_id.as_str()).await?;
        tracing::info!(
            client_id = client_id.as_str(),
            count,
            "client's connections disconnected"
        );
    }
    let removed = Invitation {
        state: InvitationState::Removed,
        closed_at: Some(now),
        ..current.invitation
    };
    Ok(InvitationView::of(removed, now))
}

/// What the link shows before anyone signs in. Reads only.
pub async fn preview(state: &AppState, token: &str) -> Result<InvitationPreview, AppError> {
    let now = state.clock.now();
    let (current, workspace) = resolve_link(state, token, now).await?;
    let invitation = current.invitation;
    Ok(InvitationPreview {
        workspace_name: workspace.workspace.name,
        logo_url: workspace.workspace.logo_url,
        inviter_name: invitation.invited_by.display_name().to_owned(),
        email: invitation.email,
        expires_at: invitation.expires_at,
        platforms: invitation.platforms,
        permissions: invitation.permissions,
    })
}

/// Makes the signed-in invitee a client member. Single use.
pub async fn accept(
    state: &AppState,
    caller: &Caller,
    token: &str,
) -> Result<Membership, AppError> {
    let now = state.clock.now();
    let (current, workspace) = resolve_link(state, token, now).await?;
    let invitation = &current.invitation;
    match &caller.email {
        Some(email) if email == &invitation.email => {}
        _ => return Err(AppError::EmailMismatch),
    }
    if !caller.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    let member = Member {
        workspace_id: invitation.workspace_id.clone(),
        user_id: caller.user_id.clone(),
        email: invitation.email.clone(),
        name: caller.name.clone(),
        role: Role::Client,
        status: MemberStatus::Active,
        client_id: Some(invitation.id.as_str().to_owned()),
        counts_as_seat: invitation.permissions.takes_a_seat(),
        expires_at: None,
        platforms: None,
    };
    if let Err(conflict) = state.store.accept(&current, &member, now).await? {
        return Err(if conflict.failed_at(1) && !conflict.failed_at(0) {
            AppError::AlreadyMember(invitation.email.to_string())
        } else {
            explain_conflict(state, &invitation.workspace_id, &invitation.id, now).await
        });
    }
    tracing::info!(
        invitation_id = invitation.id.as_str(),
        user_id = caller.user_id.as_str(),
        "invitation accepted"
    );
    Ok(Membership {
        workspace_id: invitation.workspace_id.as_str().to_owned(),
        workspace_name: workspace.workspace.name,
        client_id: invitation.id.as_str().to_owned(),
        role: Role::Client,
        platforms: invitation.platforms.clone(),
        permissions: invitation.permissions,
    })
}

// ----- rules shared by the use cases -----

/// An owner or admin acting on their workspace, and what the use case read with it.
pub(crate) struct Admin {
    pub member: Member,
    pub workspace: WorkspaceRecord,
    pub read: Read,
}

impl Admin {
    /// The invitation the use case asked to read along.
    pub fn invitation(&mut self) -> Result<InvitationRecord, AppError> {
        self.read.invitation.take().ok_or(AppError::InvitationNotFound)
    }
}

/// The caller must be an active owner or admin of this workspace. Someone who is not a
/// member gets the same answer as a member without the role, so workspace ids of
/// other agencies reveal nothing. `also` names what to read in the same round trip.
pub(crate) async fn authorize_admin(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    also: Reads<'_>,
) -> Result<Admin, AppError> {
    let mut read = state
        .store
        .read(
            workspace_id,
            Reads {
                member: Some(&caller.user_id),
                workspace: true,
                ..also
            },
        )
        .await?;
    let member = read
        .member
        .take()
        .filter(|member| member.is_active() && member.role.manages_invitations())
        .ok_or(AppError::NotWorkspaceAdmin)?;
    let workspace = read.workspace.take().ok_or(AppError::WorkspaceNotFound)?;
    Ok(Admin {
        member,
        workspace,
        read,
    })
}

fn require_team_plan(workspace: &WorkspaceRecord) -> Result<(), AppError> {
    match workspace.workspace.plan {
        Plan::Team => Ok(()),
        other => Err(AppError::TeamPlanRequired {
            plan: format!("{other:?}"),
        }),
    }
}

async fn check_free_seat(
    state: &AppState,
    workspace: &WorkspaceRecord,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let used = state
        .store
        .seats_in_use(&workspace.workspace.id, now)
        .await?;
    if used >= workspace.workspace.seats {
        return Err(AppError::NoSeatLeft {
            seats: workspace.workspace.seats,
        });
    }
    Ok(())
}

pub(crate) fn allowed_platforms(
    requested: Option<Vec<Platform>>,
) -> Result<Vec<Platform>, AppError> {
    let mut platforms = requested.unwrap_or_else(|| Platform::ALL.to_vec());
    platforms.sort();
    platforms.dedup();
    if platforms.is_empty() {
        return Err(AppError::InvalidBody(
            "platforms must name at least one platform, or be left out to allow all".into(),
        ));
    }
    Ok(platforms)
}

/// Resend and revoke apply to invitations nobody accepted yet (expired ones included).
fn ensure_open(invitation: &Invitation, now: OffsetDateTime) -> Result<(), AppError> {
    if invitation.is_open() {
        return Ok(());
    }
    match invitation.check_usable(now) {
        Err(refusal) => Err(refusal.into()),
        Ok(()) => Err(AppError::ConcurrentChange),
    }
}

/// Follows a link's token to its invitation (and the workspace, read with it) and
/// checks it can still be used.
async fn resolve_link(
    state: &AppState,
    raw_token: &str,
    now: OffsetDateTime,
) -> Result<(InvitationRecord, WorkspaceRecord), AppError> {
    let token = InviteToken::parse(raw_token).ok_or(AppError::InviteLinkNotFound)?;
    let hash = token.hash();
    let pointer = state
        .store
        .token(&hash)
        .await?
        .ok_or(AppError::InviteLinkNotFound)?;
    let read = state
        .store
        .read(
            &pointer.workspace_id,
            Reads {
                workspace: true,
                ..Reads::invitation(&pointer.invitation_id)
            },
        )
        .await?;
    let current = read
        .invitation
        .filter(|record| record.token_hash == hash)
        .ok_or(AppError::InviteLinkNotFound)?;
    current.invitation.check_usable(now)?;
    let workspace = read.workspace.ok_or(AppError::WorkspaceNotFound)?;
    Ok((current, workspace))
}

/// After a refused write, reads the invitation again and says why.
async fn explain_conflict(
    state: &AppState,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
    now: OffsetDateTime,
) -> AppError {
    match state.store.invitation(workspace_id, id).await {
        Ok(Some(record)) => match record.invitation.check_usable(now) {
            Err(refusal) => refusal.into(),
            Ok(()) => AppError::ConcurrentChange,
        },
        Ok(None) => AppError::InvitationNotFound,
        Err(error) => error.into(),
    }
}

/// The open invitation a refused pending guard (item `index`) belongs to.
fn pending_invitation_in(conflict: &Conflict, index: usize) -> Option<InvitationId> {
    conflict
        .old_item(index)?
        .get("invitation_id")?
        .as_s()
        .ok()
        .and_then(|raw| raw.parse().ok())
}

/// Emails the link and records the outcome; a refused send keeps the invitation,
/// marked `failed`, for a resend to fix.
async fn deliver(
    state: &AppState,
    workspace: &WorkspaceRecord,
    invitation: Invitation,
    token: &InviteToken,
    now: OffsetDateTime,
) -> Result<InvitationView, AppError> {
    let link = state
        .config
        .link_with_secret("/invite", "token", token.expose_secret());
    let email = InvitationEmail {
        to: &invitation.email,
        workspace_name: &workspace.workspace.name,
        inviter_name: invitation.invited_by.display_name(),
        link: link.as_str(),
        expires_at: invitation.expires_at,
        platforms: &invitation.platforms,
    };
    let hash = token.hash();
    match state.mailer.send_invitation(&email).await {
        Ok(message_id) => {
            tracing::info!(
                invitation_id = invitation.id.as_str(),
                message_id = message_id.as_str(),
                "invitation email sent"
            );
            state
                .store
                .record_delivery(&invitation, &hash, Delivery::Sent, Some(now))
                .await?
                .map_err(|_| AppError::ConcurrentChange)?;
            let sent = Invitation {
                delivery: Delivery::Sent,
                sent_at: Some(now),
                ..invitation
            };
            Ok(InvitationView::of(sent, now))
        }
        Err(failure) => {
            tracing::warn!(
                invitation_id = invitation.id.as_str(),
                reason = %failure,
                "invitation email was not accepted by SES"
            );
            state
                .store
                .record_delivery(&invitation, &hash, Delivery::Failed, None)
                .await?
                .map_err(|_| AppError::ConcurrentChange)?;
            Err(AppError::EmailDeliveryFailed {
                reason: failure.to_string(),
                invitation_id: invitation.id,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_default_to_all_and_are_deduplicated() {
        assert_eq!(allowed_platforms(None).unwrap(), Platform::ALL.to_vec());
        assert_eq!(
            allowed_platforms(Some(vec![Platform::X, Platform::Youtube, Platform::X])).unwrap(),
            vec![Platform::Youtube, Platform::X]
        );
        assert!(allowed_platforms(Some(vec![])).is_err());
    }
}
