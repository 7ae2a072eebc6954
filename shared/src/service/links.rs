//! Links an agency hands out: a client's login-free connect link (Postpone's "Client
//! Connect Link") and the workspace's reusable invite link (SocialPilot's "Client
//! Invite Link").
//!
//! A connect link is its own item under the hash of its token; the client holds that
//! hash, and acting through a link checks it is still the client's (so making a new
//! link, revoking it or deleting the client ends the old one at once). It expires, and
//! may narrow the platforms. Only the hash is kept.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::acting::{authorize_admin, require_team_plan, seat_for, seat_refusal, Acting};
use crate::auth::Caller;
use crate::crypto::{random_url_safe, sha256_hex, InviteToken, SealContext};
use crate::domain::{
    Change, Client, ClientId, ClientTerms, ConnectLink, Delivery, DisplayName, Invitation,
    InvitationId, InvitationState, Inviter, Narrowing, Permissions, Platform, UserId, What, Who,
    WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Guarded, InviteLink, Joined, Joining, LinkSwap, Reads};

const DEFAULT_LINK_DAYS: i64 = 30;
/// The invite link, read along with the caller's rights.
pub(crate) const INVITE_LINK: Reads<'static> = Reads {
    member: None,
    workspace: false,
    invitation: None,
    client: None,
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
    /// A subset of the client's platforms; all of them when absent.
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

/// Makes the client's connect link; a previous one stops working in the same write.
pub async fn create_connect_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    request: NewConnectLink,
) -> Result<ConnectLinkView, AppError> {
    let current = authorize_admin(state, caller, workspace_id, Reads::client(client_id))
        .await?
        .active_client()?;
    let client = &current.client;
    // A link lets its holder in without signing in: no second factor can be asked.
    if client.two_factor_required {
        return Err(AppError::TwoFactorClientHasNoLink);
    }
    let days = request.valid_days.unwrap_or(DEFAULT_LINK_DAYS);
    if !(1..=MAX_LINK_DAYS).contains(&days) {
        return Err(AppError::InvalidBody(format!(
            "valid_days must be between 1 and {MAX_LINK_DAYS}"
        )));
    }
    let narrowed = match request.platforms {
        None => None,
        Some(platforms) => {
            let platforms = Client::allowed_platforms(Some(platforms))?;
            if let Some(outside) = platforms
                .iter()
                .find(|platform| !client.platforms.contains(platform))
            {
                return Err(AppError::PlatformNotAllowed(outside.display_name()));
            }
            Some(platforms)
        }
    };
    let token = random_url_safe();
    let now = state.clock.now();
    let link = ConnectLink {
        workspace_id: workspace_id.clone(),
        client_id: client_id.clone(),
        platforms: narrowed.clone(),
        created_by: caller.user_id.clone(),
        created_at: now,
        expires_at: now + Duration::days(days),
    };
    let hash = sha256_hex(&token);
    let swap = LinkSwap {
        new: Some((&hash, &link)),
    };
    let platforms = narrowed.clone().unwrap_or_else(|| client.platforms.clone());
    let made = Change::new(
        workspace_id,
        now,
        Who::person(&caller.user_id),
        What::ConnectLinkCreated {
            client_id: client_id.clone(),
            expires_at: link.expires_at,
            platforms: platforms.clone(),
            replaced: current.connect_link_hash.is_some(),
        },
    );
    if state
        .store
        .swap_connect_link(&current, swap, &[made])
        .await?
        == Guarded::Refused
    {
        return Err(AppError::ConcurrentChange);
    }
    tracing::info!(
        client_id = client_id.as_str(),
        replaced = current.connect_link_hash.is_some(),
        "connect link made"
    );
    let url = state.config.link_with_secret("/connect", "link", &token);
    Ok(ConnectLinkView {
        url: url.to_string(),
        expires_at: link.expires_at,
        platforms,
    })
}

/// Ends the client's connect link, if it has one.
pub async fn revoke_connect_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
) -> Result<RevokedLinks, AppError> {
    let current = authorize_admin(state, caller, workspace_id, Reads::client(client_id))
        .await?
        .client()?;
    if current.connect_link_hash.is_none() {
        return Ok(RevokedLinks { revoked: 0 });
    }
    let revoked = Change::new(
        workspace_id,
        state.clock.now(),
        Who::person(&caller.user_id),
        What::ConnectLinkRevoked {
            client_id: client_id.clone(),
        },
    );
    if state
        .store
        .swap_connect_link(&current, LinkSwap { new: None }, &[revoked])
        .await?
        == Guarded::Refused
    {
        return Err(AppError::ConcurrentChange);
    }
    tracing::info!(client_id = client_id.as_str(), "connect link revoked");
    Ok(RevokedLinks { revoked: 1 })
}

/// The live connect link behind a token, acting for its client; `None` when it
/// expired, was replaced or revoked, or its client was deleted.
pub async fn resolve_connect_link(
    state: &AppState,
    token: &str,
) -> Result<Option<Acting>, AppError> {
    match Acting::link_token(state, token).await {
        Ok(acting) => Ok(Some(acting)),
        Err(AppError::InviteLinkNotFound | AppError::WorkspaceNotFound) => Ok(None),
        Err(error) => Err(error),
    }
}

// ----- the reusable invite link -----

/// Body of `PUT /workspaces/{workspace_id}/invite-link`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteLinkSettings {
    pub enabled: bool,
    /// Joiners become people of this client; without one, each joiner becomes a new
    /// client of their own.
    #[serde(default)]
    pub client_id: Option<ClientId>,
    /// What every joiner gets (of the client's rights, when the link is for a client).
    #[serde(default)]
    pub permissions: Permissions,
    /// The platforms they may connect; all (of the client's) when absent.
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
}

#[derive(Debug, Serialize)]
pub struct InviteLinkView {
    pub enabled: bool,
    /// The link to share; absent until the link is first enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    pub permissions: Permissions,
    pub platforms: Vec<Platform>,
}

pub(crate) fn invite_link_context(workspace_id: &WorkspaceId) -> SealContext<'_> {
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
        client_id: link.client_id.as_ref().map(ToString::to_string),
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
    settings_view(state, admin.read.invite_link).await
}

/// The invite link's settings as the agency sees them (the defaults before it was ever
/// enabled), for a caller already authorised with [`INVITE_LINK`] read.
pub(crate) async fn settings_view(
    state: &AppState,
    link: Option<InviteLink>,
) -> Result<InviteLinkView, AppError> {
    match link {
        Some(link) => view_of(state, &link).await,
        None => Ok(InviteLinkView {
            enabled: false,
            url: None,
            client_id: None,
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
    let mut admin = authorize_admin(
        state,
        caller,
        workspace_id,
        Reads {
            client: settings.client_id.as_ref(),
            ..INVITE_LINK
        },
    )
    .await?;
    if settings.enabled {
        admin.require_team_plan()?;
        super::acting::require_verified_inviter(caller)?;
    }
    let platforms = match &settings.client_id {
        Some(_) => {
            let client = admin.active_client()?.client;
            let platforms = Client::allowed_platforms(
                settings
                    .platforms
                    .or_else(|| Some(client.platforms.clone())),
            )?;
            client
                .check_narrowing(&Narrowing {
                    permissions: Some(settings.permissions),
                    platforms: Some(platforms.clone()),
                })
                .map_err(|widening| AppError::WiderThanClient(widening.to_string()))?;
            platforms
        }
        None => Client::allowed_platforms(settings.platforms)?,
    };
    let previous = admin.read.invite_link.take();
    let mut link = match &previous {
        Some(existing) => existing.clone(),
        None => fresh_link(state, workspace_id).await?,
    };
    link.enabled = settings.enabled;
    link.client_id = settings.client_id;
    link.permissions = settings.permissions;
    link.platforms = platforms;
    link.updated_at = state.clock.now();
    let updated = What::InviteLinkUpdated {
        enabled: link.enabled,
        client_id: link.client_id.clone(),
        permissions: link.permissions,
        platforms: link.platforms.clone(),
    };
    // Saving the settings it has changes nothing, and records nothing.
    let unchanged = previous.as_ref().is_some_and(|old| {
        (old.enabled, &old.client_id, old.permissions, &old.platforms)
            == (
                link.enabled,
                &link.client_id,
                link.permissions,
                &link.platforms,
            )
    });
    let changes: Vec<Change> = (!unchanged)
        .then(|| {
            Change::new(
                workspace_id,
                link.updated_at,
                Who::person(&caller.user_id),
                updated,
            )
        })
        .into_iter()
        .collect();
    if state
        .store
        .save_invite_link(&link, previous.as_ref(), &changes)
        .await?
        == Guarded::Refused
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
    // A new address for a link that works invites; one for a link that is off does not.
    if previous.enabled {
        super::acting::require_verified_inviter(caller)?;
    }
    let renewed = InviteLink {
        enabled: previous.enabled,
        client_id: previous.client_id.clone(),
        permissions: previous.permissions,
        platforms: previous.platforms.clone(),
        ..fresh_link(state, workspace_id).await?
    };
    let refreshed = Change::new(
        workspace_id,
        renewed.updated_at,
        Who::person(&caller.user_id),
        What::InviteLinkRefreshed,
    );
    if state
        .store
        .save_invite_link(&renewed, Some(&previous), &[refreshed])
        .await?
        == Guarded::Refused
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
        client_id: None,
        token_hash: sha256_hex(&token),
        sealed_token,
        enabled: false,
        permissions: Permissions::default(),
        platforms: Platform::ALL.to_vec(),
        updated_at: state.clock.now(),
    })
}

/// What the join page shows; refused when the link is disabled, refreshed or unknown,
/// or its client was deleted.
pub struct JoinOffer {
    pub workspace: crate::store::WorkspaceRecord,
    pub link: InviteLink,
    /// The client joiners become people of, when the link is for one.
    pub client: Option<Client>,
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
    let workspace = read.workspace.ok_or(AppError::WorkspaceNotFound)?;
    if require_team_plan(&workspace.workspace).is_err() {
        return Err(AppError::InviteLinkNotFound);
    }
    let client = match &link.client_id {
        Some(id) => Some(super::acting::active_client(state, &workspace_id, id).await?),
        None => None,
    };
    Ok(JoinOffer {
        workspace,
        link,
        client,
    })
}

impl JoinOffer {
    /// What a joiner may do: the link's terms (of its client's rights, if any).
    pub fn rights(&self) -> crate::domain::Rights {
        let narrowing = self.narrowing();
        match &self.client {
            Some(client) => client.rights(Some(&narrowing)),
            None => crate::domain::Rights {
                permissions: self.link.permissions,
                platforms: self.link.platforms.clone(),
            },
        }
    }

    fn narrowing(&self) -> Narrowing {
        match &self.client {
            Some(_) => Narrowing {
                permissions: Some(self.link.permissions),
                platforms: Some(self.link.platforms.clone()),
            },
            None => Narrowing::default(),
        }
    }
}

/// The signed-in person joins: as a person of the link's client, or as a new client of
/// their own, with the link's terms. A joiner who may publish takes a seat, guarded like
/// every other path that takes one.
pub async fn join(state: &AppState, caller: &Caller, token: &str) -> Result<WorkspaceId, AppError> {
    let offer = join_offer(state, token).await?;
    let email = caller.email.clone().ok_or(AppError::EmailNotVerified)?;
    if !caller.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    let workspace_id = offer.workspace.workspace.id.clone();
    let now = state.clock.now();
    let new_client = match &offer.client {
        Some(_) => None,
        None => {
            let terms = ClientTerms::for_person(
                caller.name.as_ref().map(DisplayName::as_str),
                &email,
                offer.link.permissions,
                Some(offer.link.platforms.clone()),
            )?;
            Some(Client {
                created_by: UserId::invite_link(),
                ..terms.into_client(&workspace_id, &caller.user_id, state.clock.now())
            })
        }
    };
    let client_id = offer
        .client
        .as_ref()
        .or(new_client.as_ref())
        .map(|client| client.client_id.clone())
        .ok_or(AppError::ClientNotFound)?;
    let seat = seat_for(
        state,
        &offer.workspace,
        offer.rights().permissions.takes_a_seat(),
    )
    .await?;
    let narrowing = offer.narrowing();
    let person = Invitation {
        id: InvitationId::generate(),
        workspace_id: workspace_id.clone(),
        client_id: client_id.clone(),
        email: email.clone(),
        name: caller.name.clone(),
        narrowing: narrowing.clone(),
        message: None,
        // Nobody chose a language for a joiner: their workspace's.
        language: offer.workspace.workspace.language,
        state: InvitationState::Accepted,
        delivery: Delivery::Sent,
        invited_by: Inviter {
            user_id: UserId::invite_link(),
            email: email.clone(),
            name: DisplayName::parse("Invite link").ok(),
        },
        created_at: now,
        expires_at: now,
        sent_at: None,
        accepted_at: Some(now),
        accepted_by: Some(caller.user_id.clone()),
        closed_at: None,
        reminded: 0,
        reminded_at: None,
    };
    let member = person.member(&caller.user_id, caller.name.clone());
    // Joined people have no email link: their record holds a hash nobody has.
    let unusable = InviteToken::generate().hash();
    let now = state.clock.now();
    let by = Who::person(&caller.user_id);
    let mut changes = Vec::new();
    if new_client.is_some() {
        let created = What::ClientCreated {
            client_id: client_id.clone(),
        };
        changes.push(Change::new(&workspace_id, now, by.clone(), created));
    }
    let joined_as = What::InvitationAccepted {
        invitation_id: person.id.clone(),
        client_id: client_id.clone(),
        user_id: caller.user_id.clone(),
    };
    changes.push(Change::new(&workspace_id, now, by, joined_as));
    let joined = state
        .store
        .join(
            Joining {
                link: &offer.link,
                new_client: new_client.as_ref(),
                invitation: &person,
                token: &unusable,
                member: &member,
                seat,
            },
            &changes,
        )
        .await?;
    match joined {
        Joined::Done => crate::metrics::count("InvitationsAccepted", 1, &[("Via", "invite_link")]),
        Joined::LinkChanged => return Err(AppError::InviteLinkNotFound),
        Joined::AlreadyMember => return Err(AppError::AlreadyMember(email.to_string())),
        Joined::ClientGone => return Err(AppError::ClientRemoved),
        Joined::SeatTaken => return Err(seat_refusal(state, &workspace_id).await),
    }
    tracing::info!(
        client_id = client_id.as_str(),
        "joined with the invite link"
    );
    Ok(workspace_id)
}
