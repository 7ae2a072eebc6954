//! Links an agency hands out: a client's login-free connect link (Postpone's "Client
//! Connect Link") and the workspace's reusable invite link (SocialPilot's "Client
//! Invite Link").
//!
//! A connect link is stored as a member of the workspace acting for its client, under
//! the hash of its token: it expires, can be revoked, and creating it again rotates it
//! (the old link dies in the same transaction). Only the hash is kept.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::invitations::authorize_admin;
use crate::auth::Caller;
use crate::crypto::{random_url_safe, sha256_hex, InviteToken, SealContext};
use crate::domain::{
    Delivery, Invitation, InvitationId, InvitationState, Inviter, Member, MemberStatus,
    Permissions, Platform, Role, WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{InviteLink, Reads};

const DEFAULT_LINK_DAYS: i64 = 30;
/// The invite link, read along with the caller's rights.
const INVITE_LINK: Reads<'static> = Reads {
    member: None,
    workspace: false,
    invitation: None,
    invite_link: true,
};
const MAX_LINK_DAYS: i64 = 90;

/// Body of `POST /workspaces/{workspace_id}/clients/{client_id}/connect-link`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewConnectLink {
    /// 1 to 90 days; 30 when absent.
    #[serde(default)]
    pub valid_days: Option<i64>,
    /// A subset of the platforms the client's invitation allows; all of them when absent.
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
}

/// The link itself is shown once, when made; only its hash is stored.
#[derive(Debug, Serialize)]
pub struct ConnectLinkView {
    pub url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub platforms: Vec<Platform>,
}

#[derive(Debug, Serialize)]
pub struct RevokedLinks {
    pub revoked: usize,
}

pub async fn create_connect_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &InvitationId,
    request: NewConnectLink,
) -> Result<ConnectLinkView, AppError> {
    let client = authorize_admin(state, caller, workspace_id, Reads::invitation(client_id))
        .await?
        .invitation()?
        .invitation;
    if client.state != InvitationState::Accepted {
        return Err(AppError::NotAClient);
    }
    let days = request.valid_days.unwrap_or(DEFAULT_LINK_DAYS);
    if !(1..=MAX_LINK_DAYS).contains(&days) {
        return Err(AppError::InvalidBody(format!(
            "valid_days must be between 1 and {MAX_LINK_DAYS}"
        )));
    }
    let platforms = match request.platforms {
        None => client.platforms.clone(),
        Some(platforms) if platforms.is_empty() => {
            return Err(AppError::InvalidBody(
                "platforms must name at least one platform".into(),
            ))
        }
        Some(platforms) => {
            if let Some(outside) = platforms
                .iter()
                .find(|platform| !client.platforms.contains(platform))
            {
                return Err(AppError::PlatformNotAllowed(outside.display_name()));
            }
            platforms
        }
    };
    let token = random_url_safe();
    let expires_at = state.clock.now() + Duration::days(days);
    let link = Member {
        workspace_id: workspace_id.clone(),
        user_id: Member::link_user_id(&sha256_hex(&token)),
        email: client.email.clone(),
        name: None,
        role: Role::Client,
        status: MemberStatus::Active,
        client_id: Some(client_id.as_str().to_owned()),
        counts_as_seat: false,
        expires_at: Some(expires_at),
        platforms: Some(platforms.clone()),
    };
    let replaced = swap_connect_links(state, workspace_id, client_id, Some(&link)).await?;
    tracing::info!(
        client_id = client_id.as_str(),
        replaced,
        "connect link made"
    );
    let url = state.config.link_with_secret("/connect", "link", &token);
    Ok(ConnectLinkView {
        url: url.to_string(),
        expires_at,
        platforms,
    })
}

pub async fn revoke_connect_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &InvitationId,
) -> Result<RevokedLinks, AppError> {
    authorize_admin(state, caller, workspace_id, Reads::invitation(client_id))
        .await?
        .invitation()?;
    let revoked = swap_connect_links(state, workspace_id, client_id, None).await?;
    tracing::info!(
        client_id = client_id.as_str(),
        revoked,
        "connect link revoked"
    );
    Ok(RevokedLinks { revoked })
}

/// Replaces the client's connect links with `new` (or none) in one transaction;
/// returns how many stopped working.
async fn swap_connect_links(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &InvitationId,
    new: Option<&Member>,
) -> Result<usize, AppError> {
    let old = state
        .store
        .connect_links(workspace_id, client_id.as_str())
        .await?;
    if state.store.replace_connect_links(new, &old).await?.is_err() {
        return Err(AppError::ConcurrentChange);
    }
    Ok(old.len())
}

/// The live link member behind a connect-link token, if any.
pub async fn resolve_connect_link(
    state: &AppState,
    token: &str,
) -> Result<Option<Member>, AppError> {
    let user_id = Member::link_user_id(&sha256_hex(token));
    let Some(workspace) = state
        .store
        .client_workspaces(&user_id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    Ok(state
        .store
        .member(&workspace, &user_id)
        .await?
        .filter(Member::is_active))
}

// ----- the reusable invite link -----

/// Body of `PUT /workspaces/{workspace_id}/invite-link`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteLinkSettings {
    pub enabled: bool,
    /// What every client joining with the link gets.
    #[serde(default)]
    pub permissions: Permissions,
    /// The platforms they may connect; all when absent.
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
}

#[derive(Debug, Serialize)]
pub struct InviteLinkView {
    pub enabled: bool,
    /// The link to share; absent until the link is first enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
}

fn invite_link_context(workspace_id: &WorkspaceId) -> SealContext<'_> {
    SealContext {
        workspace_id: workspace_id.as_str(),
        item_id: "invite-link",
        field: "token",
    }
}

async fn view_of(state: &AppState, link: &InviteLink) -> Result<InviteLinkView, AppError> {
    let key = state.secrets.sealing_key().await?;
    let token = key
        .open(&link.sealed_token, &invite_link_context(&link.workspace_id))
        .map_err(AppError::internal)?;
    let url = state.config.link_with_secret("/join", "token", &token);
    Ok(InviteLinkView {
        enabled: link.enabled,
        url: Some(url.to_string()),
        permissions: link.permissions,
        platforms: link.platforms.clone(),
    })
}

pub async fn invite_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<InviteLinkView, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, INVITE_LINK).await?;
    match admin.read.invite_link {
        Some(link) => view_of(state, &link).await,
        None => Ok(InviteLinkView {
            enabled: false,
            url: None,
            permissions: Permissions::default(),
            platforms: Platform::ALL.to_vec(),
        }),
    }
}

/// Enables, disables or changes what joining clients get; the link itself stays.
pub async fn update_invite_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    settings: InviteLinkSettings,
) -> Result<InviteLinkView, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, INVITE_LINK).await?;
    if settings.enabled {
        require_team(&admin.workspace.workspace)?;
    }
    let platforms = super::invitations::allowed_platforms(settings.platforms)?;
    let previous = admin.read.invite_link;
    let mut link = match &previous {
        Some(existing) => existing.clone(),
        None => fresh_link(state, workspace_id).await?,
    };
    link.enabled = settings.enabled;
    link.permissions = settings.permissions;
    link.platforms = platforms;
    link.updated_at = state.clock.now();
    if state
        .store
        .save_invite_link(&link, previous.as_ref())
        .await?
        .is_err()
    {
        return Err(AppError::ConcurrentChange);
    }
    tracing::info!(enabled = link.enabled, "invite link updated");
    view_of(state, &link).await
}

/// A new address for the link; the old one stops working at once.
pub async fn refresh_invite_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
) -> Result<InviteLinkView, AppError> {
    let previous = authorize_admin(state, caller, workspace_id, INVITE_LINK)
        .await?
        .read
        .invite_link
        .ok_or(AppError::InviteLinkNotFound)?;
    let renewed = InviteLink {
        enabled: previous.enabled,
        permissions: previous.permissions,
        platforms: previous.platforms.clone(),
        ..fresh_link(state, workspace_id).await?
    };
    if state
        .store
        .save_invite_link(&renewed, Some(&previous))
        .await?
        .is_err()
    {
        return Err(AppError::ConcurrentChange);
    }
    tracing::info!("invite link refreshed");
    view_of(state, &renewed).await
}

async fn fresh_link(state: &AppState, workspace_id: &WorkspaceId) -> Result<InviteLink, AppError> {
    let token = random_url_safe();
    let sealed_token = state
        .secrets
        .sealing_key()
        .await?
        .seal(&token, &invite_link_context(workspace_id))
        .map_err(AppError::internal)?;
    Ok(InviteLink {
        workspace_id: workspace_id.clone(),
        token_hash: sha256_hex(&token),
        sealed_token,
        enabled: false,
        permissions: Permissions::default(),
        platforms: Platform::ALL.to_vec(),
        updated_at: state.clock.now(),
    })
}

fn require_team(workspace: &crate::domain::Workspace) -> Result<(), AppError> {
    match workspace.plan {
        crate::domain::Plan::Team => Ok(()),
        other => Err(AppError::TeamPlanRequired {
            plan: format!("{other:?}"),
        }),
    }
}

/// What the join page shows; refused when the link is disabled, refreshed or unknown.
pub struct JoinOffer {
    pub workspace: crate::domain::Workspace,
    pub link: InviteLink,
}

pub async fn join_offer(state: &AppState, token: &str) -> Result<JoinOffer, AppError> {
    let hash = sha256_hex(token);
    let workspace_id = state
        .store
        .join_pointer(&hash)
        .await?
        .ok_or(AppError::InviteLinkNotFound)?;
    let read = state
        .store
        .read(
            &workspace_id,
            Reads {
                workspace: true,
                ..INVITE_LINK
            },
        )
        .await?;
    let link = read
        .invite_link
        .filter(|link| link.enabled && link.token_hash == hash)
        .ok_or(AppError::InviteLinkNotFound)?;
    let workspace = read.workspace.ok_or(AppError::WorkspaceNotFound)?.workspace;
    if workspace.plan != crate::domain::Plan::Team {
        return Err(AppError::InviteLinkNotFound);
    }
    Ok(JoinOffer { workspace, link })
}

/// The signed-in person joins as a client with the link's permissions and platforms.
pub async fn join(state: &AppState, caller: &Caller, token: &str) -> Result<WorkspaceId, AppError> {
    let offer = join_offer(state, token).await?;
    let email = caller.email.clone().ok_or(AppError::EmailNotVerified)?;
    if !caller.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    let workspace_id = offer.workspace.id.clone();
    if let Some(existing) = state.store.member(&workspace_id, &caller.user_id).await? {
        if existing.is_active() {
            return Err(AppError::AlreadyMember(email.to_string()));
        }
    }
    if offer.link.permissions.takes_a_seat() {
        let used = state
            .store
            .seats_in_use(&workspace_id, state.clock.now())
            .await?;
        if used >= offer.workspace.seats {
            return Err(AppError::NoSeatLeft {
                seats: offer.workspace.seats,
            });
        }
    }
    let now = state.clock.now();
    let client = Invitation {
        id: InvitationId::generate(),
        workspace_id: workspace_id.clone(),
        email: email.clone(),
        permissions: offer.link.permissions,
        platforms: offer.link.platforms.clone(),
        state: InvitationState::Accepted,
        delivery: Delivery::Sent,
        invited_by: Inviter {
            user_id: "invite-link".into(),
            email: email.clone(),
            name: Some("Invite link".into()),
        },
        created_at: now,
        expires_at: now,
        sent_at: None,
        accepted_at: Some(now),
        accepted_by: Some(caller.user_id.clone()),
        closed_at: None,
    };
    let member = Member {
        workspace_id: workspace_id.clone(),
        user_id: caller.user_id.clone(),
        email,
        name: caller.name.clone(),
        role: Role::Client,
        status: MemberStatus::Active,
        client_id: Some(client.id.as_str().to_owned()),
        counts_as_seat: client.permissions.takes_a_seat(),
        expires_at: None,
        platforms: None,
    };
    // Joined clients have no email link: their record holds a hash nobody has.
    let unusable = InviteToken::generate().hash();
    if state
        .store
        .join_as_client(&client, &unusable, &member)
        .await?
        .is_err()
    {
        return Err(AppError::AlreadyMember(member.email.to_string()));
    }
    tracing::info!(
        client_id = client.id.as_str(),
        "client joined with the invite link"
    );
    Ok(workspace_id)
}
