//! Who acts on a workspace's connections, and what that lets them do: the agency (an
//! owner, admin or member), a person of a client, or a client's connect link. Every
//! use case about connections resolves the actor here first, so the rules (which
//! connections one sees, which platforms one may connect, who may disconnect) live in
//! one place.
//!
//! A client's person or link acts only while the client is active: deleting a client
//! cuts them all off at once, because this read happens on every request.

use time::OffsetDateTime;

use crate::crypto::sha256_hex;
use crate::domain::Landing;
use crate::domain::{
    Actor, Client, ClientId, ConnectLink, Connection, ConnectionOwner, Member, Platform, Role,
    UserId, Workspace, WorkspaceId,
};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::Reads;

/// The actor, resolved against the workspace.
#[derive(Debug, Clone)]
pub enum Acting {
    Agency {
        member: Member,
        workspace: Workspace,
    },
    Person {
        member: Member,
        client: Client,
        workspace: Workspace,
    },
    Link {
        token_hash: String,
        link: ConnectLink,
        client: Client,
        workspace: Workspace,
    },
}

impl Acting {
    /// Who the audit trail and the events say made a change.
    pub fn who(&self) -> crate::domain::Who {
        match self {
            Acting::Agency { member, .. } | Acting::Person { member, .. } => {
                crate::domain::Who::person(&member.user_id)
            }
            Acting::Link { client, .. } => crate::domain::Who::ConnectLink {
                client_id: client.client_id.clone(),
            },
        }
    }

    /// Resolves `actor` in `workspace_id`: an active member of it, or the live, current
    /// connect link of one of its active clients.
    pub async fn resolve(
        state: &AppState,
        actor: &Actor,
        workspace_id: &WorkspaceId,
    ) -> Result<Self, AppError> {
        match actor {
            Actor::Person(user_id) => Self::person(state, user_id, workspace_id).await,
            Actor::ConnectLink(hash) => {
                let acting = Self::link(state, hash).await?;
                if acting.workspace().id != *workspace_id {
                    return Err(AppError::NotWorkspaceMember);
                }
                Ok(acting)
            }
        }
    }

    async fn person(
        state: &AppState,
        user_id: &UserId,
        workspace_id: &WorkspaceId,
    ) -> Result<Self, AppError> {
        let read = state
            .store
            .read(workspace_id, Reads::membership(user_id))
            .await?;
        let member = read
            .member
            .filter(Member::is_active)
            .ok_or(AppError::NotWorkspaceMember)?;
        let workspace = read.workspace.ok_or(AppError::WorkspaceNotFound)?.workspace;
        let Some(client_id) = member.client().cloned() else {
            return if member.role == Role::Client {
                Err(AppError::NotWorkspaceMember)
            } else {
                Ok(Acting::Agency { member, workspace })
            };
        };
        let client = active_client(state, workspace_id, &client_id).await?;
        Ok(Acting::Person {
            member,
            client,
            workspace,
        })
    }

    /// The connect link whose token hashes to `token_hash`, if it is live and still the
    /// client's current link.
    pub async fn link(state: &AppState, token_hash: &str) -> Result<Self, AppError> {
        let now = state.clock.now();
        let link = state
            .store
            .connect_link(token_hash)
            .await?
            .filter(|link| link.is_live(now))
            .ok_or(AppError::InviteLinkNotFound)?;
        let read = state
            .store
            .read(
                &link.workspace_id,
                Reads {
                    workspace: true,
                    ..Reads::client(&link.client_id)
                },
            )
            .await?;
        let client = read
            .client
            .filter(|record| record.connect_link_hash.as_deref() == Some(token_hash))
            .filter(|record| record.client.is_active())
            .ok_or(AppError::InviteLinkNotFound)?
            .client;
        // Checked at every use, not only when the link was made: turning two-factor
        // sign-in on for the client ends its login-free link at once.
        if client.two_factor_required {
            return Err(AppError::ConnectLinkNeedsSignIn);
        }
        let workspace = read.workspace.ok_or(AppError::WorkspaceNotFound)?.workspace;
        Ok(Acting::Link {
            token_hash: token_hash.to_owned(),
            link,
            client,
            workspace,
        })
    }

    /// The connect link behind a raw token from an address or cookie.
    pub async fn link_token(state: &AppState, token: &str) -> Result<Self, AppError> {
        Self::link(state, &sha256_hex(token)).await
    }

    pub fn workspace(&self) -> &Workspace {
        match self {
            Acting::Agency { workspace, .. }
            | Acting::Person { workspace, .. }
            | Acting::Link { workspace, .. } => workspace,
        }
    }

    /// The client acted for; `None` for the agency.
    pub fn client(&self) -> Option<&Client> {
        match self {
            Acting::Agency { .. } => None,
            Acting::Person { client, .. } | Acting::Link { client, .. } => Some(client),
        }
    }

    pub fn actor(&self) -> Actor {
        match self {
            Acting::Agency { member, .. } | Acting::Person { member, .. } => {
                Actor::Person(member.user_id.clone())
            }
            Acting::Link { token_hash, .. } => Actor::ConnectLink(token_hash.clone()),
        }
    }

    /// Who a connection made now is recorded as connected by.
    pub fn user_id(&self) -> UserId {
        match self {
            Acting::Agency { member, .. } | Acting::Person { member, .. } => member.user_id.clone(),
            Acting::Link { .. } => UserId::connect_link(),
        }
    }

    /// Whose a connection made now is.
    pub fn owner(&self) -> ConnectionOwner {
        match self.client() {
            Some(client) => ConnectionOwner::Client(client.client_id.clone()),
            None => ConnectionOwner::Agency,
        }
    }

    /// Where the person lands after a consent.
    pub fn landing(&self) -> Landing {
        match self {
            Acting::Agency { .. } => Landing::AgencyConnectionsPage,
            _ => Landing::ClientConnectPage,
        }
    }

    /// The platforms this actor may connect now: all for the agency's owners and
    /// admins; for a client, its platforms narrowed by the person's invitation or the
    /// link (none without the connect permission).
    pub fn connectable(&self) -> Vec<Platform> {
        let Some(rights) = self.rights() else {
            return match self {
                Acting::Agency { member, .. } if member.role.manages_invitations() => {
                    Platform::ALL.to_vec()
                }
                _ => Vec::new(),
            };
        };
        if rights.permissions.connect_accounts {
            rights.platforms
        } else {
            Vec::new()
        }
    }

    /// What a client's person or link may do: the client's rights narrowed by the
    /// person's invitation or the link; none for the agency (its roles decide).
    pub fn rights(&self) -> Option<crate::domain::Rights> {
        match self {
            Acting::Agency { .. } => None,
            Acting::Person { member, client, .. } => Some(client.rights(Some(&member.narrowing))),
            Acting::Link { link, client, .. } => {
                Some(client.rights(Some(&crate::domain::Narrowing {
                    permissions: None,
                    platforms: link.platforms.clone(),
                })))
            }
        }
    }

    /// Refused unless this actor may connect `platform`.
    pub fn may_connect(&self, platform: Platform) -> Result<(), AppError> {
        if self.connectable().contains(&platform) {
            return Ok(());
        }
        Err(match self {
            Acting::Agency { .. } => AppError::NotWorkspaceAdmin,
            _ => AppError::PlatformNotAllowed(platform.display_name()),
        })
    }

    /// Refused when a person of a client that requires two-factor sign-in signed in
    /// without one (`second_factor_at` none): accepting, connecting and disconnecting
    /// need it. The agency's members are not concerned, and a link of such a client
    /// never resolves.
    pub fn require_second_factor(
        &self,
        second_factor_at: Option<OffsetDateTime>,
    ) -> Result<(), AppError> {
        match self {
            Acting::Person { client, .. } if client.wants_second_factor(second_factor_at) => {
                Err(AppError::TwoFactorRequired)
            }
            _ => Ok(()),
        }
    }

    /// Whether this actor sees `connection`: the agency sees all; a client sees its own
    /// and those the agency assigned to it.
    pub fn sees(&self, connection: &Connection) -> bool {
        match self.client() {
            None => true,
            Some(client) => connection.seen_by(&client.client_id),
        }
    }

    /// Whether this actor may disconnect `connection`: the agency's owners and admins
    /// any; a client its own (not those assigned to it) of the platforms it may
    /// connect, if the workspace lets clients disconnect.
    pub fn may_disconnect(&self, connection: &Connection) -> Result<(), AppError> {
        match self {
            Acting::Agency { member, .. } if member.role.manages_invitations() => Ok(()),
            Acting::Agency { .. } => Err(AppError::NotWorkspaceAdmin),
            _ if connection.owner != self.owner() => Err(AppError::DisconnectNotAllowed),
            // A person or link narrowed to some platforms manages only those.
            _ if !self.connectable().contains(&connection.platform) => Err(
                AppError::PlatformNotAllowed(connection.platform.display_name()),
            ),
            _ if !self.workspace().clients_may_disconnect => Err(AppError::DisconnectNotAllowed),
            _ => Ok(()),
        }
    }

    /// Whether a consent started by this actor for `owner` may still be saved.
    pub fn still_connects_for(&self, owner: &ConnectionOwner, platform: Platform) -> bool {
        self.owner() == *owner && self.may_connect(platform).is_ok()
    }
}

/// The client, which must exist and be active.
pub(crate) async fn active_client(
    state: &AppState,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
) -> Result<Client, AppError> {
    active(
        state
            .store
            .client(workspace_id, client_id)
            .await?
            .map(|record| record.client),
    )
}

/// The client as read, which must exist and be active.
pub(crate) fn active(client: Option<Client>) -> Result<Client, AppError> {
    let client = client.ok_or(AppError::ClientNotFound)?;
    if !client.is_active() {
        return Err(AppError::ClientRemoved);
    }
    Ok(client)
}

/// An owner or admin acting on their workspace, and what the use case read with it.
pub(crate) struct Admin {
    pub member: Member,
    pub workspace: crate::store::WorkspaceRecord,
    pub read: crate::store::Read,
}

impl Admin {
    /// The invitation the use case asked to read along.
    pub fn invitation(&mut self) -> Result<crate::store::InvitationRecord, AppError> {
        self.read
            .invitation
            .take()
            .ok_or(AppError::InvitationNotFound)
    }

    /// The client the use case asked to read along, which must exist.
    pub fn client(&mut self) -> Result<crate::store::ClientRecord, AppError> {
        self.read.client.take().ok_or(AppError::ClientNotFound)
    }

    /// The client read along, which must exist and be active.
    pub fn active_client(&mut self) -> Result<crate::store::ClientRecord, AppError> {
        let record = self.client()?;
        if !record.client.is_active() {
            return Err(AppError::ClientRemoved);
        }
        Ok(record)
    }

    pub fn require_team_plan(&self) -> Result<(), AppError> {
        require_team_plan(&self.workspace.workspace)
    }
}

/// The caller must be an active owner or admin of this workspace. Someone who is not a
/// member gets the same answer as a member without the role, so workspace ids of
/// other agencies reveal nothing. `also` names what to read in the same round trip.
pub(crate) async fn authorize_admin(
    state: &AppState,
    caller: &crate::domain::Caller,
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

/// Inviting clients (and letting them join) is part of the Team plan; listing,
/// revoking and removing are not, so a workspace that downgraded can still tidy up.
pub(crate) fn require_team_plan(workspace: &Workspace) -> Result<(), AppError> {
    if workspace.on_team_plan() {
        return Ok(());
    }
    Err(AppError::TeamPlanRequired {
        plan: format!("{:?}", workspace.plan),
    })
}

/// Only a person whose own email is verified may invite (Postpone's rule): an
/// invitation's email goes out in the inviter's name, and an invite link lets in
/// whoever holds it, so someone must stand behind each with a proven address. Creating
/// and resending invitations, and enabling, changing or refreshing the invite link,
/// check it; revoking, removing and turning the link off do not (tidying up invites
/// nobody).
pub(crate) fn require_verified_inviter(caller: &crate::domain::Caller) -> Result<(), AppError> {
    if caller.email_verified {
        return Ok(());
    }
    Err(AppError::InviterEmailNotVerified)
}

/// Seats in use now, and whether a change that `takes_a_seat` may go ahead; the guard
/// to write with it when it takes one (so two such changes at once cannot both take
/// the last seat).
pub(crate) async fn seat_for(
    state: &AppState,
    workspace: &crate::store::WorkspaceRecord,
    takes_a_seat: bool,
) -> Result<Option<crate::store::SeatGuard>, AppError> {
    if !takes_a_seat {
        return Ok(None);
    }
    let in_use = state
        .store
        .seats_in_use(&workspace.workspace.id, state.clock.now())
        .await?;
    workspace
        .workspace
        .seat_for(true, in_use)
        .map_err(|full| AppError::NoSeatLeft { seats: full.seats })?;
    Ok(Some(workspace.seat_guard()))
}

/// Why a change that took a seat was refused by its guard: another change took one
/// meanwhile. If none is free now, say so; otherwise the caller may simply try again.
pub(crate) async fn seat_refusal(state: &AppState, workspace_id: &WorkspaceId) -> AppError {
    let counted = async {
        let workspace = state
            .store
            .workspace(workspace_id)
            .await?
            .ok_or(AppError::WorkspaceNotFound)?;
        let in_use = state
            .store
            .seats_in_use(workspace_id, state.clock.now())
            .await?;
        Ok::<_, AppError>(workspace.workspace.seat_for(true, in_use))
    };
    match counted.await {
        Ok(Err(full)) => AppError::NoSeatLeft { seats: full.seats },
        Ok(Ok(())) => AppError::ConcurrentChange,
        Err(error) => error,
    }
}
