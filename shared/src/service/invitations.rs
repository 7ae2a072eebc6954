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
use url::Url;

use super::views::{InvitationPage, InvitationPreview, InvitationView, Membership};
use crate::auth::Caller;
use crate::crypto::{InviteToken, TokenHash};
use crate::domain::{
    ClientStatus, Delivery, EmailAddress, Invitation, InvitationId, InvitationState, Inviter,
    Member, MemberStatus, Permissions, Plan, Platform, Role, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::InvitationEmail;
use crate::state::AppState;
use crate::store::{Conflict, InvitationRecord, WorkspaceRecord};

const DEFAULT_PAGE_SIZE: i32 = 25;
const MAX_PAGE_SIZE: i32 = 100;

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
    pub status: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

pub fn workspace_id(raw: &str) -> Result<WorkspaceId, AppError> {
    WorkspaceId::parse(raw)
        .ok_or_else(|| AppError::InvalidParameter(format!("{raw:?} is not a workspace id")))
}

pub fn invitation_id(raw: &str) -> Result<InvitationId, AppError> {
    InvitationId::parse(raw)
        .ok_or_else(|| AppError::InvalidParameter(format!("{raw:?} is not an invitation id")))
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    request: NewInvitation,
) -> Result<InvitationView, AppError> {
    let now = OffsetDateTime::now_utc();
    let (workspace, inviter) = authorize_admin(state, caller, workspace_id).await?;
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
    let now = OffsetDateTime::now_utc();
    authorize_admin(state, caller, workspace_id).await?;
    let status = query
        .status
        .map(|raw| {
            ClientStatus::parse(&raw).ok_or_else(|| {
                AppError::InvalidParameter(format!(
                    "status {raw:?} is not one of invited, active, expired, revoked, deactivated"
                ))
            })
        })
        .transpose()?;
    let limit = match query.limit {
        None => DEFAULT_PAGE_SIZE,
        Some(raw) => raw
            .parse::<i32>()
            .ok()
            .filter(|limit| (1..=MAX_PAGE_SIZE).contains(limit))
            .ok_or_else(|| {
                AppError::InvalidParameter(format!("limit must be between 1 and {MAX_PAGE_SIZE}"))
            })?,
    };
    let page = state
        .store
        .list_invitations(workspace_id, status, limit, query.cursor.as_deref(), now)
        .await?;
    Ok(InvitationPage {
        items: page
            .invitations
            .into_iter()
            .map(|invitation| InvitationView::of(invitation, now))
            .collect(),
        next_cursor: page.next_cursor,
    })
}

/// Sends a new link and restarts the expiry; the previous link stops working.
pub async fn resend(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
) -> Result<InvitationView, AppError> {
    let now = OffsetDateTime::now_utc();
    let (workspace, _) = authorize_admin(state, caller, workspace_id).await?;
    require_team_plan(&workspace)?;
    let current = find_invitation(state, workspace_id, id).await?;
    ensure_open(&current.invitation, now)?;
    let expired = current.invitation.status_at(now) == ClientStatus::Expired;
    if expired && current.invitation.permissions.takes_a_seat() {
        // An expired invitation gave its seat back; renewing it takes one again.
        check_free_seat(state, &workspace, now).await?;
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
    deliver(state, &workspace, renewed, &token, now).await
}

pub async fn revoke(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
) -> Result<InvitationView, AppError> {
    let now = OffsetDateTime::now_utc();
    authorize_admin(state, caller, workspace_id).await?;
    let current = find_invitation(state, workspace_id, id).await?;
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
    reread(state, workspace_id, id, now).await
}

/// What happens to a removed client's connected accounts: the agency chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientConnections {
    /// Keep publishing to them (Postpone).
    Keep,
    /// Revoke and forget them (ShortSync).
    Disconnect,
}

impl ClientConnections {
    pub fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        match raw {
            None | Some("keep") => Ok(Self::Keep),
            Some("disconnect") => Ok(Self::Disconnect),
            Some(other) => Err(AppError::InvalidParameter(format!(
                "connections={other:?}: choose keep or disconnect"
            ))),
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
    let now = OffsetDateTime::now_utc();
    authorize_admin(state, caller, workspace_id).await?;
    let current = find_invitation(state, workspace_id, client_id).await?;
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
            match reread(state, workspace_id, client_id, now).await?.status {
                ClientStatus::Deactivated => AppError::ClientRemoved,
                _ => AppError::ConcurrentChange,
            }
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
    reread(state, workspace_id, client_id, now).await
}

/// What the link shows before anyone signs in. Reads only.
pub async fn preview(state: &AppState, token: &str) -> Result<InvitationPreview, AppError> {
    let now = OffsetDateTime::now_utc();
    let (current, _) = resolve_link(state, token, now).await?;
    let workspace = load_workspace(state, &current.invitation.workspace_id).await?;
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
    let now = OffsetDateTime::now_utc();
    let (current, _) = resolve_link(state, token, now).await?;
    let invitation = &current.invitation;
    match &caller.email {
        Some(email) if email == &invitation.email => {}
        _ => return Err(AppError::EmailMismatch),
    }
    if !caller.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    let workspace = load_workspace(state, &invitation.workspace_id).await?;
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

/// The caller must be an active owner or admin of this workspace. Someone who is not a
/// member gets the same answer as a member without the role, so workspace ids of
/// other agencies reveal nothing.
pub(crate) async fn authorize_admin(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<(WorkspaceRecord, Member), AppError> {
    let member = state
        .store
        .member(workspace_id, &caller.user_id)
        .await?
        .filter(|member| member.is_active() && member.role.manages_invitations())
        .ok_or(AppError::NotWorkspaceAdmin)?;
    let workspace = load_workspace(state, workspace_id).await?;
    Ok((workspace, member))
}

async fn load_workspace(state: &AppState, id: &WorkspaceId) -> Result<WorkspaceRecord, AppError> {
    state
        .store
        .workspace(id)
        .await?
        .ok_or(AppError::WorkspaceNotFound)
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

pub(crate) async fn find_invitation(
    state: &AppState,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
) -> Result<InvitationRecord, AppError> {
    state
        .store
        .invitation(workspace_id, id)
        .await?
        .ok_or(AppError::InvitationNotFound)
}

async fn reread(
    state: &AppState,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
    now: OffsetDateTime,
) -> Result<InvitationView, AppError> {
    let record = find_invitation(state, workspace_id, id).await?;
    Ok(InvitationView::of(record.invitation, now))
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

/// Follows a link's token to its invitation and checks it can still be used.
async fn resolve_link(
    state: &AppState,
    raw_token: &str,
    now: OffsetDateTime,
) -> Result<(InvitationRecord, TokenHash), AppError> {
    let token = InviteToken::parse(raw_token).ok_or(AppError::InviteLinkNotFound)?;
    let hash = token.hash();
    let pointer = state
        .store
        .token(&hash)
        .await?
        .ok_or(AppError::InviteLinkNotFound)?;
    let current = state
        .store
        .invitation(&pointer.workspace_id, &pointer.invitation_id)
        .await?
        .filter(|record| record.token_hash == hash)
        .ok_or(AppError::InviteLinkNotFound)?;
    current.invitation.check_usable(now)?;
    Ok((current, hash))
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
        Err(error) => error,
    }
}

/// The open invitation a refused pending guard (item `index`) belongs to.
fn pending_invitation_in(conflict: &Conflict, index: usize) -> Option<InvitationId> {
    conflict
        .old_item(index)?
        .get("invitation_id")?
        .as_s()
        .ok()
        .and_then(|raw| InvitationId::parse(raw))
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
    let link = invitation_link(&state.config.public_base_url, token);
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

/// `<public base>/invite?token=…`, never derived from the request's Host.
fn invitation_link(base: &Url, token: &InviteToken) -> Url {
    let mut link = base.clone();
    let path = format!("{}/invite", base.path().trim_end_matches('/'));
    link.set_path(&path);
    link.set_query(None);
    link.query_pairs_mut()
        .append_pair("token", token.expose_secret());
    link
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_built_from_the_configured_base_url() {
        let token = InviteToken::generate();
        let base = Url::parse("https://clients.agency.example/app/").unwrap();
        let link = invitation_link(&base, &token);
        assert_eq!(link.host_str(), Some("clients.agency.example"));
        assert_eq!(link.path(), "/app/invite");
        assert_eq!(
            link.query(),
            Some(format!("token={}", token.expose_secret()).as_str())
        );
    }

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
