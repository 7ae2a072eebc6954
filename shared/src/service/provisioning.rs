//! The host product tells us about its workspaces: their settings (name, logo, plan,
//! seats, whether clients may disconnect) and their agency members. Only an AWS
//! principal of the host's account reaches these use cases (the API's IAM authorizer);
//! each change is recorded with that principal as who made it.
//!
//! A plan change takes effect at once (every use case reads the plan); a downgrade keeps
//! existing clients and refuses new invitations. Deleting a workspace cuts everyone off
//! in its first write, then deactivates its people and disconnects its connections
//! (their tokens deleted).

use serde::{Deserialize, Serialize};

use super::connections::disconnect_workspace;
use super::seats::{after_host_change, SeatsSummary};
use super::views::Disconnected;
use crate::domain::{
    Change, DisplayName, EmailAddress, Member, MemberStatus, Narrowing, Plan, Role, UserId, What,
    Who, Workspace, WorkspaceId,
};
use crate::error::AppError;
use crate::progress::{Progress, Silent};
use crate::state::AppState;
use crate::store::{Guarded, MemberProvisioned};

/// Body of `PUT /internal/workspaces/{workspace_id}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceSettings {
    pub name: String,
    #[serde(default)]
    pub logo_url: Option<String>,
    pub plan: Plan,
    /// Agency members plus clients who may publish.
    pub seats: u32,
    #[serde(default = "allowed")]
    pub clients_may_disconnect: bool,
    /// Whether invitations nobody accepted are reminded by email.
    #[serde(default = "allowed")]
    pub reminders: bool,
    /// The name its emails go out under ("Acme Social via …"); `name` when absent.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `#rrggbb`, readable (4.5:1) on the pages' background and behind white text.
    #[serde(default)]
    pub accent_colour: Option<String>,
    /// Its clients' emails' language unless an invitation chooses another (`en`).
    #[serde(default)]
    pub language: Option<String>,
}

fn allowed() -> bool {
    true
}

/// A provisioning reply: what was written, and the workspace's seats after it as
/// `seats_now` (over the limit is accepted and said there; see [`super::seats`]).
#[derive(Debug, Serialize)]
pub struct Provisioned<T> {
    #[serde(flatten)]
    pub view: T,
    pub seats_now: SeatsSummary,
}

#[derive(Debug, Serialize)]
pub struct WorkspaceView {
    pub workspace_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    pub plan: Plan,
    pub seats: u32,
    pub clients_may_disconnect: bool,
    pub reminders: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent_colour: Option<String>,
    pub language: crate::lang::Lang,
}

/// Creates the workspace or changes its settings.
pub async fn put_workspace(
    state: &AppState,
    host: &str,
    workspace_id: &WorkspaceId,
    settings: WorkspaceSettings,
) -> Result<Provisioned<WorkspaceView>, AppError> {
    let name = DisplayName::parse(&settings.name)
        .map_err(|error| AppError::InvalidBody(format!("name: {error}")))?;
    // Without a read of the workspace, a logo given again is fetched again: the host
    // sets it rarely, and a changed image behind the same address is checked anew.
    let brand = super::brand::parse_brand(
        state,
        &super::brand::BrandSettings {
            display_name: settings.display_name,
            logo_url: settings.logo_url,
            accent_colour: settings.accent_colour,
            language: settings.language,
        },
        None,
    )
    .await?;
    let workspace = Workspace {
        id: workspace_id.clone(),
        name,
        plan: settings.plan,
        seats: settings.seats,
        clients_may_disconnect: settings.clients_may_disconnect,
        reminders: settings.reminders,
        logo_url: brand.logo_url,
        display_name: brand.display_name,
        accent_colour: brand.accent_colour,
        language: brand.language,
    };
    let change = Change::new(
        workspace_id,
        state.clock.now(),
        Who::host(host),
        What::WorkspaceProvisioned {
            plan: workspace.plan,
            seats: workspace.seats,
        },
    );
    state
        .store
        .provision_workspace(&workspace, &[change])
        .await?;
    tracing::info!(host, plan = ?workspace.plan, seats = workspace.seats, "workspace provisioned");
    // A limit lowered below the seats in use is accepted: the host decides its plans.
    let seats_now = after_host_change(state, &workspace, host, "provision-workspace").await?;
    Ok(Provisioned {
        view: WorkspaceView {
            workspace_id: workspace.id.to_string(),
            name: workspace.name.to_string(),
            logo_url: workspace.logo_url.map(String::from),
            plan: workspace.plan,
            seats: workspace.seats,
            clients_may_disconnect: workspace.clients_may_disconnect,
            reminders: workspace.reminders,
            display_name: workspace.display_name.map(String::from),
            accent_colour: workspace.accent_colour.map(String::from),
            language: workspace.language,
        },
        seats_now,
    })
}

/// Body of `PUT /internal/workspaces/{workspace_id}/members/{user_id}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSettings {
    pub email: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `owner`, `admin` or `member`.
    pub role: Role,
}

#[derive(Debug, Serialize)]
pub struct MemberView {
    pub workspace_id: String,
    pub user_id: String,
    pub email: EmailAddress,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub role: Role,
    pub status: MemberStatus,
}

impl MemberView {
    fn of(member: Member) -> Self {
        Self {
            workspace_id: member.workspace_id.to_string(),
            user_id: member.user_id.to_string(),
            email: member.email,
            name: member.name.map(String::from),
            role: member.role,
            status: member.status,
        }
    }
}

/// Adds an agency member or changes their role (active again if they were removed),
/// even when that takes the workspace over its seats: the host is the source of truth
/// for its own staff. The reply says where the seats stand.
pub async fn put_member(
    state: &AppState,
    host: &str,
    workspace_id: &WorkspaceId,
    user_id: &UserId,
    settings: MemberSettings,
) -> Result<Provisioned<MemberView>, AppError> {
    if settings.role == Role::Client {
        return Err(AppError::InvalidBody(
            "role: owner, admin or member (clients join through invitations)".into(),
        ));
    }
    let workspace = existing_workspace(state, workspace_id).await?;
    let member = Member {
        workspace_id: workspace_id.clone(),
        user_id: user_id.clone(),
        email: EmailAddress::parse(&settings.email)
            .map_err(|error| AppError::InvalidEmail(format!("{error}")))?,
        name: settings
            .name
            .as_deref()
            .map(DisplayName::parse)
            .transpose()
            .map_err(|error| AppError::InvalidBody(format!("name: {error}")))?,
        role: settings.role,
        status: MemberStatus::Active,
        client_id: None,
        person_id: None,
        narrowing: Narrowing::default(),
        language: crate::lang::Lang::En,
    };
    let change = Change::new(
        workspace_id,
        state.clock.now(),
        Who::host(host),
        What::MemberProvisioned {
            user_id: user_id.clone(),
            role: member.role,
        },
    );
    match state.store.provision_member(&member, &[change]).await? {
        MemberProvisioned::Done => {}
        MemberProvisioned::ClientsPerson => {
            return Err(AppError::AlreadyMember(member.email.to_string()))
        }
        MemberProvisioned::WorkspaceGone => return Err(AppError::WorkspaceNotFound),
        MemberProvisioned::Changed => return Err(AppError::ConcurrentChange),
    }
    let seats_now = after_host_change(state, &workspace, host, "provision-member").await?;
    Ok(Provisioned {
        view: MemberView::of(member),
        seats_now,
    })
}

/// Removes an agency member: from this write on, their requests are refused.
pub async fn remove_member(
    state: &AppState,
    host: &str,
    workspace_id: &WorkspaceId,
    user_id: &UserId,
) -> Result<MemberView, AppError> {
    let member = state
        .store
        .member(workspace_id, user_id)
        .await?
        .filter(|member| member.client().is_none())
        .ok_or(AppError::PersonNotFound)?;
    let change = Change::new(
        workspace_id,
        state.clock.now(),
        Who::host(host),
        What::MemberRemoved {
            user_id: user_id.clone(),
        },
    );
    if state
        .store
        .deactivate_member(workspace_id, user_id, &[change])
        .await?
        == Guarded::Refused
    {
        return Err(AppError::PersonNotFound);
    }
    tracing::info!(host, "agency member removed");
    Ok(MemberView::of(Member {
        status: MemberStatus::Deactivated,
        ..member
    }))
}

#[derive(Debug, Serialize)]
pub struct DeletedWorkspace {
    pub workspace_id: String,
    /// Members (agency and clients' people) deactivated.
    pub deactivated: usize,
    /// Its clients, deleted (their connect links ended).
    pub clients_removed: usize,
    /// Its connections, revoked at the platform where it can be and their tokens deleted.
    pub disconnected: Vec<Disconnected>,
}

/// Deletes a workspace: nobody can act in it from its first write; then its people are
/// deactivated, its clients deleted with their connect links, its invite link ended and
/// its connections disconnected. Deleting again finishes what a failed
/// run left (its connections are still listed until they are gone).
pub async fn delete_workspace(
    state: &AppState,
    host: &str,
    workspace_id: &WorkspaceId,
) -> Result<DeletedWorkspace, AppError> {
    Ok(
        delete_workspace_reporting(state, host, workspace_id, &Silent)
            .await?
            .deleted,
    )
}

/// What a deletion did, and whether it stopped before the end when asked to (running
/// it again finishes the rest).
pub struct Deletion {
    pub deleted: DeletedWorkspace,
    pub stopped: bool,
}

/// [`delete_workspace`], each person, client and connection it closes reported to
/// `progress` (the operator's `finish-delete` shows it); asked to stop, it returns
/// after the one it is on.
pub async fn delete_workspace_reporting(
    state: &AppState,
    host: &str,
    workspace_id: &WorkspaceId,
    progress: &dyn Progress,
) -> Result<Deletion, AppError> {
    let by = Who::host(host);
    let change = Change::new(
        workspace_id,
        state.clock.now(),
        by.clone(),
        What::WorkspaceDeleted,
    );
    // Already gone: a repeated delete finishes the rest.
    state
        .store
        .remove_workspace(workspace_id, &[change])
        .await?;
    // Each step's items are read when it starts (what an earlier step did cannot make
    // them stale), so the total grows as the steps are reached.
    let people: Vec<Member> = state
        .store
        .members(workspace_id)
        .await?
        .into_iter()
        .filter(Member::is_active)
        .collect();
    let mut total = people.len() as u64;
    progress.total(total);
    let mut deleted = DeletedWorkspace {
        workspace_id: workspace_id.to_string(),
        deactivated: 0,
        clients_removed: 0,
        disconnected: Vec::new(),
    };
    let stopped = |deleted| {
        Ok(Deletion {
            deleted,
            stopped: true,
        })
    };
    for person in people {
        if progress.stop_asked() {
            return stopped(deleted);
        }
        state
            .store
            .deactivate_for_deletion(workspace_id, &person.user_id)
            .await?;
        deleted.deactivated += 1;
        progress.advance(1);
    }
    // Its clients end too, with their connect links, and so does its invite link: a
    // workspace made again under the same id starts empty of them.
    let clients: Vec<_> = state
        .store
        .all_clients(workspace_id)
        .await?
        .into_iter()
        .filter(|client| client.is_active())
        .collect();
    total += clients.len() as u64;
    progress.total(total);
    for client in clients {
        if progress.stop_asked() {
            return stopped(deleted);
        }
        if let Some(record) = state.store.client(workspace_id, &client.client_id).await? {
            let removed = Change::new(
                workspace_id,
                state.clock.now(),
                by.clone(),
                What::ClientRemoved {
                    client_id: client.client_id.clone(),
                },
            );
            if state
                .store
                .delete_client(&record, state.clock.now(), &[removed])
                .await?
                == Guarded::Done
            {
                deleted.clients_removed += 1;
            }
        }
        progress.advance(1);
    }
    state.store.end_invite_link(workspace_id).await?;
    let connections = state.store.connections(workspace_id).await?;
    progress.total(total + connections.len() as u64);
    let (disconnected, stopped) =
        Box::pin(disconnect_workspace(state, connections, &by, progress)).await;
    deleted.disconnected = disconnected;
    tracing::info!(
        host,
        deactivated = deleted.deactivated,
        disconnected = deleted.disconnected.len(),
        stopped,
        "workspace deleted"
    );
    Ok(Deletion { deleted, stopped })
}

async fn existing_workspace(state: &AppState, id: &WorkspaceId) -> Result<Workspace, AppError> {
    Ok(state
        .store
        .workspace(id)
        .await?
        .ok_or(AppError::WorkspaceNotFound)?
        .workspace)
}
