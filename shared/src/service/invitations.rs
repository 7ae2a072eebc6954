//! Inviting people to clients: create, list, resend, revoke, preview, accept.
//!
//! An invitation names a client (or makes a new one for the person, as the product did
//! before clients had several people) and may narrow the client's rights for that
//! person, never widen them.
//!
//! Inviting an email that already has an open invitation (pending, expired or not) in
//! the workspace is a conflict (409 `invitation-already-pending`, carrying that
//! invitation's id), never a silent resend: a retried create must not send a second
//! email, and resending is an explicit act that kills the old link.
//!
//! Creating and resending need the Team plan; listing and revoking do not, so a
//! workspace that downgraded can still tidy up its clients. Every path that takes a
//! seat (create, resend of an expired invitation, joining with the invite link) writes
//! the seat version it counted under, so parallel ones cannot exceed the plan.

use std::collections::HashMap;

use serde::Deserialize;
use time::OffsetDateTime;

use super::acting::{active, authorize_admin, require_team_plan, seat_for, seat_refusal};
use super::views::{InvitationPage, InvitationPreview, InvitationView, Membership};
use crate::auth::Caller;
use crate::crypto::{InviteToken, SealContext};
use crate::domain::{
    Change, Client, ClientId, ClientTerms, Delivery, DisplayName, EmailAddress, Invitation,
    InvitationId, InvitationMessage, InvitationState, Inviter, Narrowing, PageSize, Permissions,
    PersonStatus, Platform, What, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::lang::Lang;
use crate::mail::InvitationEmail;
use crate::state::AppState;
use crate::store::{
    Accepted, Complaint, Cursor, Guarded, InvitationRecord, Listing, Opened, Opening, Reads,
    WorkspaceRecord,
};

/// Body of `POST /workspaces/{workspace_id}/invitations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    /// The person's full name.
    #[serde(default)]
    pub name: Option<String>,
    /// The client the person joins; without one, a new client is made for them.
    #[serde(default)]
    pub client_id: Option<ClientId>,
    /// The new client's name (without `client_id`); the person's name or email when
    /// absent.
    #[serde(default)]
    pub client_name: Option<String>,
    /// For a new client: its permissions. For an existing one: what this person gets
    /// of the client's permissions (never more).
    #[serde(default)]
    pub permissions: Option<Permissions>,
    /// As `permissions`, for the platforms (all of them for a new client when absent).
    #[serde(default)]
    pub platforms: Option<Vec<Platform>>,
    /// For a new client: its people must sign in with a second factor to accept,
    /// connect and disconnect (and it gets no connect link). Not for an existing client,
    /// whose setting is the client's own.
    #[serde(default)]
    pub require_two_factor: Option<bool>,
    /// The address marked an earlier email as spam and the agency checked with the
    /// person: email it anyway (and forget the complaint).
    #[serde(default)]
    pub confirm_after_complaint: bool,
    /// The inviter's own words, shown in the email and on the invitation page.
    #[serde(default)]
    pub message: Option<String>,
    /// The language of the person's emails (`en`, `es`, `fr`, `de`, `pt-BR`); the
    /// workspace's when absent.
    #[serde(default)]
    pub language: Option<String>,
}

/// The inviter's message as it will be shown (none when empty once cleaned).
pub(crate) fn invitation_message(raw: Option<&str>) -> Result<Option<InvitationMessage>, AppError> {
    raw.map(InvitationMessage::parse)
        .transpose()
        .map(Option::flatten)
        .map_err(|too_long| AppError::InvitationMessageTooLong {
            length: too_long.length,
        })
}

/// A language named by the API (`language`), or `default` when none is.
pub(crate) fn language_or(raw: Option<&str>, default: Lang) -> Result<Lang, AppError> {
    raw.map_or(Ok(default), |tag| {
        tag.parse()
            .map_err(|_| AppError::UnsupportedLanguage(tag.to_owned()))
    })
}

/// Body of the preview and accept endpoints: the token from the link.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    pub token: String,
}

/// Query of the list endpoint.
pub struct ListQuery {
    pub status: Option<PersonStatus>,
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
    let request_confirmed = request.confirm_after_complaint;
    let mut admin = authorize_admin(
        state,
        caller,
        workspace_id,
        Reads::client_if_named(request.client_id.as_ref()),
    )
    .await?;
    admin.require_team_plan()?;
    super::acting::require_verified_inviter(caller)?;
    let email = EmailAddress::parse(&request.email)
        .map_err(|error| AppError::InvalidEmail(format!("{error}: check the person's address.")))?;
    // Accepting could only end in already-member: say so now, and send nothing.
    if state
        .store
        .active_member_with_email(workspace_id, &email)
        .await?
    {
        return Err(AppError::AlreadyMember(email.to_string()));
    }
    let name = request
        .name
        .as_deref()
        .map(DisplayName::parse)
        .transpose()
        .map_err(|error| AppError::InvalidBody(format!("name: {error}")))?;
    let message = invitation_message(request.message.as_deref())?;
    let language = language_or(
        request.language.as_deref(),
        admin.workspace.workspace.language,
    )?;
    let (client, new_client, narrowing) = match &request.client_id {
        Some(_) if request.require_two_factor.is_some() => {
            return Err(AppError::InvalidBody(
                "require_two_factor: it sets a new client's rule; an existing client's is changed on the client, not per invitation".into(),
            ))
        }
        Some(_) => {
            let client = admin.active_client()?.client;
            let narrowing = Narrowing {
                permissions: request.permissions,
                platforms: request
                    .platforms
                    .map(|platforms| Client::allowed_platforms(Some(platforms)))
                    .transpose()?,
            };
            client
                .check_narrowing(&narrowing)
                .map_err(|widening| AppError::WiderThanClient(widening.to_string()))?;
            (client, false, narrowing)
        }
        None => {
            let terms = ClientTerms::for_person(
                request
                    .client_name
                    .as_deref()
                    .or(name.as_ref().map(DisplayName::as_str)),
                &email,
                request.permissions.unwrap_or_default(),
                request.platforms,
            )?
            .requiring_two_factor(request.require_two_factor.unwrap_or(false));
            (
                terms.into_client(workspace_id, &caller.user_id, state.clock.now()),
                true,
                Narrowing::default(),
            )
        }
    };
    let rights = client.rights(Some(&narrowing));
    let seat = seat_for(state, &admin.workspace, rights.permissions.takes_a_seat()).await?;

    let token = InviteToken::generate();
    let invitation = Invitation {
        id: InvitationId::generate(),
        workspace_id: workspace_id.clone(),
        client_id: client.client_id.clone(),
        email,
        name,
        narrowing,
        message,
        language,
        state: InvitationState::Pending,
        delivery: Delivery::Sending,
        invited_by: Inviter {
            user_id: admin.member.user_id.clone(),
            email: admin.member.email.clone(),
            name: caller.name.clone().or(admin.member.name.clone()),
        },
        created_at: now,
        expires_at: now + state.config.invitation_validity,
        sent_at: None,
        accepted_at: None,
        accepted_by: None,
        closed_at: None,
        reminded: 0,
        reminded_at: None,
    };
    let retention = state.config.retention_after_expiry;
    let by = Who::person(&caller.user_id);
    let mut changes = Vec::new();
    if new_client {
        let created = What::ClientCreated {
            client_id: client.client_id.clone(),
        };
        changes.push(Change::new(workspace_id, now, by.clone(), created));
    }
    let invited = What::InvitationCreated {
        invitation_id: invitation.id.clone(),
        client_id: client.client_id.clone(),
    };
    changes.push(Change::new(workspace_id, now, by, invited));
    let sealed_link = seal_link(state, &invitation, &token).await?;
    let inserted = state
        .store
        .insert_invitation(
            &invitation,
            new_client.then_some(&client),
            &token.hash(),
            &sealed_link,
            Opening {
                retention,
                seat,
                quota: super::quota::quota(state, now),
                complaint: complaint(request_confirmed),
            },
            &changes,
        )
        .await?;
    match inserted {
        Opened::Done => {}
        Opened::EmailPending(existing) => {
            return Err(AppError::InvitationAlreadyPending {
                email: invitation.email.to_string(),
                invitation_id: existing,
            })
        }
        Opened::SeatTaken => return Err(seat_refusal(state, workspace_id).await),
        Opened::ClientGone => return Err(AppError::ClientRemoved),
        Opened::QuotaReached => return Err(quota_reached(state, now)),
        Opened::AddressComplained => {
            return Err(AppError::AddressComplained(invitation.email.to_string()))
        }
        Opened::Changed => return Err(AppError::ConcurrentChange),
    }
    tracing::info!(
        invitation_id = invitation.id.as_str(),
        client_id = client.client_id.as_str(),
        new_client,
        "invitation created"
    );
    deliver(
        state,
        caller,
        &admin.workspace,
        &client,
        invitation,
        &token,
        now,
    )
    .await
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    query: ListQuery,
) -> Result<InvitationPage, AppError> {
    authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let (page, _) = page_of_people(state, workspace_id, query).await?;
    Ok(page)
}

/// A page of people, each with the rights their client gives them, for a caller already
/// authorised; and those clients (read together: the page's, never every client).
pub(crate) async fn page_of_people(
    state: &AppState,
    workspace_id: &WorkspaceId,
    query: ListQuery,
) -> Result<(InvitationPage, Vec<Client>), AppError> {
    let now = state.clock.now();
    let cursor = query
        .cursor
        .map(|raw| Cursor::parse(&raw, Listing::People, workspace_id))
        .transpose()?;
    let page = state
        .store
        .list_people(
            workspace_id,
            query.status,
            query.limit.get(),
            cursor.as_ref(),
            now,
        )
        .await?;
    let named: Vec<ClientId> = page
        .invitations
        .iter()
        .map(|invitation| invitation.client_id.clone())
        .collect();
    let clients = state.store.clients_named(workspace_id, &named).await?;
    let by_id: HashMap<&ClientId, &Client> = clients
        .iter()
        .map(|client| (&client.client_id, client))
        .collect();
    let page = InvitationPage {
        items: page
            .invitations
            .into_iter()
            .map(|invitation| {
                let client = by_id.get(&invitation.client_id).copied();
                InvitationView::of(invitation, client, now)
            })
            .collect(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    };
    Ok((page, clients))
}

/// Sends a new link and restarts the expiry; the previous link stops working.
pub async fn resend(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
    confirm_after_complaint: bool,
) -> Result<InvitationView, AppError> {
    let mut admin = authorize_admin(state, caller, workspace_id, Reads::invitation(id)).await?;
    let current = admin.read.invitation.take();
    let client = match &current {
        Some(record) => state
            .store
            .client(workspace_id, &record.invitation.client_id)
            .await?
            .map(|record| record.client),
        None => None,
    };
    resend_read(
        state,
        caller,
        &mut admin.workspace,
        current,
        client,
        confirm_after_complaint,
    )
    .await
}

/// A resend's rules, for an invitation (when it exists) and its client already read
/// by an authorised owner or admin: what `resend` and a batch of people share. The
/// workspace record follows the seat version this resend writes, so that a batch's
/// next resend counts under it.
pub(crate) async fn resend_read(
    state: &AppState,
    caller: &Caller,
    workspace: &mut WorkspaceRecord,
    current: Option<InvitationRecord>,
    client: Option<Client>,
    confirm_after_complaint: bool,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let workspace_id = &workspace.workspace.id.clone();
    require_team_plan(&workspace.workspace)?;
    super::acting::require_verified_inviter(caller)?;
    let current = current.ok_or(AppError::InvitationNotFound)?;
    let id = &current.invitation.id.clone();
    ensure_open(&current.invitation, now)?;
    if let Some(at) = current
        .invitation
        .resendable_at(state.config.limits.resend_cooldown, now)
    {
        return Err(AppError::ResendTooSoon {
            retry_after: super::quota::retry_after(now, at),
        });
    }
    let client = active(client)?;
    let expired = current.invitation.status_at(now) == PersonStatus::Expired;
    // An expired invitation gave its seat back; renewing it takes one again.
    let takes_a_seat = expired
        && client
            .rights(Some(&current.invitation.narrowing))
            .permissions
            .takes_a_seat();
    let seat = seat_for(state, workspace, takes_a_seat).await?;

    let token = InviteToken::generate();
    let expires_at = now + state.config.invitation_validity;
    let retention = state.config.retention_after_expiry;
    let sealed_link = seal_link(state, &current.invitation, &token).await?;
    match state
        .store
        .replace_link(
            &current,
            &token.hash(),
            &sealed_link,
            expires_at,
            Opening {
                retention,
                seat,
                quota: super::quota::quota(state, now),
                complaint: complaint(confirm_after_complaint),
            },
        )
        .await?
    {
        Opened::Done => {}
        Opened::EmailPending(newer) => {
            return Err(AppError::InvitationAlreadyPending {
                email: current.invitation.email.to_string(),
                invitation_id: newer,
            })
        }
        Opened::SeatTaken => return Err(seat_refusal(state, workspace_id).await),
        Opened::ClientGone => return Err(AppError::ClientRemoved),
        Opened::QuotaReached => return Err(quota_reached(state, now)),
        Opened::AddressComplained => {
            return Err(AppError::AddressComplained(
                current.invitation.email.to_string(),
            ))
        }
        Opened::Changed => return Err(explain_conflict(state, workspace_id, id, now).await),
    }
    if let Some(guard) = seat {
        // Written with the resend: the version the next seat is counted under.
        workspace.seat_version = guard.version + 1;
    }
    let renewed = Invitation {
        expires_at,
        delivery: Delivery::Sending,
        sent_at: Some(now),
        reminded: 0,
        reminded_at: None,
        ..current.invitation
    };
    tracing::info!(invitation_id = id.as_str(), "invitation link replaced");
    deliver(state, caller, workspace, &client, renewed, &token, now).await
}

/// Whether an opening respects an address's complaint, or the agency confirmed.
fn complaint(confirmed: bool) -> Complaint {
    if confirmed {
        Complaint::Lift
    } else {
        Complaint::Respect
    }
}

/// The workspace's emails for today are sent: again after midnight UTC.
fn quota_reached(state: &AppState, now: OffsetDateTime) -> AppError {
    AppError::InvitationQuotaReached {
        per_day: state.config.limits.invitations_per_day,
        retry_after: super::quota::retry_after(now, super::quota::tomorrow(now)),
    }
}

pub async fn revoke(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    id: &InvitationId,
) -> Result<InvitationView, AppError> {
    let current = authorize_admin(state, caller, workspace_id, Reads::invitation(id))
        .await?
        .read
        .invitation;
    let revoked = revoke_read(state, caller, workspace_id, current).await?;
    let client = state.store.client(workspace_id, &revoked.client_id).await?;
    Ok(InvitationView::of(
        revoked,
        client.as_ref().map(|record| &record.client),
        state.clock.now(),
    ))
}

/// A revocation's rules, for an invitation (when it exists) already read by an
/// authorised owner or admin: what `revoke` and a batch of people share. Answers the
/// invitation as revoked.
pub(crate) async fn revoke_read(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    current: Option<InvitationRecord>,
) -> Result<Invitation, AppError> {
    let now = state.clock.now();
    let current = current.ok_or(AppError::InvitationNotFound)?;
    let id = &current.invitation.id;
    ensure_open(&current.invitation, now)?;
    let retention = state.config.retention_after_expiry;
    let change = Change::new(
        workspace_id,
        now,
        Who::person(&caller.user_id),
        current.invitation.revocation(),
    );
    if state
        .store
        .revoke(&current.invitation, retention, now, &[change])
        .await?
        == Guarded::Refused
    {
        return Err(explain_conflict(state, workspace_id, id, now).await);
    }
    tracing::info!(invitation_id = id.as_str(), "invitation revoked");
    Ok(Invitation {
        state: InvitationState::Revoked,
        closed_at: Some(now),
        ..current.invitation
    })
}

/// What the link shows before anyone signs in. Reads only.
pub async fn preview(state: &AppState, token: &str) -> Result<InvitationPreview, AppError> {
    let now = state.clock.now();
    let (current, workspace, client) = resolve_link(state, token, now).await?;
    let invitation = current.invitation;
    let rights = client.rights(Some(&invitation.narrowing));
    Ok(InvitationPreview {
        workspace_name: workspace.workspace.name.to_string(),
        logo_url: client
            .logo_url
            .or(workspace.workspace.logo_url)
            .map(String::from),
        accent_colour: workspace.workspace.accent_colour.map(String::from),
        message: invitation.message.clone().map(String::from),
        client_name: client.name.to_string(),
        inviter_name: invitation.invited_by.display_name().to_owned(),
        email: invitation.email,
        expires_at: invitation.expires_at,
        may_disconnect: workspace.workspace.clients_may_disconnect
            && rights.permissions.connect_accounts,
        two_factor_required: client.two_factor_required,
        platforms: rights.platforms,
        permissions: rights.permissions,
    })
}

/// Makes the signed-in invitee a person of the client. Single use.
pub async fn accept(
    state: &AppState,
    caller: &Caller,
    token: &str,
) -> Result<Membership, AppError> {
    let now = state.clock.now();
    let (current, workspace, client) = resolve_link(state, token, now).await?;
    let invitation = &current.invitation;
    match &caller.email {
        Some(email) if email == &invitation.email => {}
        _ => return Err(AppError::EmailMismatch),
    }
    if !caller.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    if client.wants_second_factor(caller.second_factor_at) {
        return Err(AppError::TwoFactorRequired);
    }
    let member = invitation.member(&caller.user_id, caller.name.clone());
    let accepted = Change::new(
        &invitation.workspace_id,
        now,
        Who::person(&caller.user_id),
        What::InvitationAccepted {
            invitation_id: invitation.id.clone(),
            client_id: client.client_id.clone(),
            user_id: caller.user_id.clone(),
        },
    );
    match state
        .store
        .accept(&current, &member, now, &[accepted])
        .await?
    {
        Accepted::Done => crate::metrics::count("InvitationsAccepted", 1, &[("Via", "email")]),
        Accepted::AlreadyMember => {
            return Err(AppError::AlreadyMember(invitation.email.to_string()))
        }
        Accepted::ClientGone => return Err(AppError::ClientRemoved),
        Accepted::Changed => {
            return Err(
                explain_conflict(state, &invitation.workspace_id, &invitation.id, now).await,
            )
        }
    }
    tracing::info!(
        invitation_id = invitation.id.as_str(),
        client_id = client.client_id.as_str(),
        user_id = caller.user_id.as_str(),
        "invitation accepted"
    );
    Ok(Membership::of(
        &workspace.workspace,
        &client,
        &invitation.narrowing,
    ))
}

// ----- rules shared by the use cases -----

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

/// Follows a link's token to its invitation (and the workspace, read with it) and its
/// client, and checks it can still be used.
async fn resolve_link(
    state: &AppState,
    raw_token: &str,
    now: OffsetDateTime,
) -> Result<(InvitationRecord, WorkspaceRecord, Client), AppError> {
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
    let client =
        super::acting::active_client(state, &pointer.workspace_id, &current.invitation.client_id)
            .await?;
    Ok((current, workspace, client))
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

/// Emails the link and records the outcome; a refused send keeps the invitation,
/// marked `failed`, for a resend to fix.
async fn deliver(
    state: &AppState,
    caller: &Caller,
    workspace: &WorkspaceRecord,
    client: &Client,
    invitation: Invitation,
    token: &InviteToken,
    now: OffsetDateTime,
) -> Result<InvitationView, AppError> {
    let link = state
        .config
        .link_with_secret("/invite", "token", token.expose_secret());
    let rights = client.rights(Some(&invitation.narrowing));
    let brand = workspace.workspace.brand();
    let email = InvitationEmail {
        to: &invitation.email,
        lang: invitation.language,
        brand: &brand,
        workspace_id: invitation.workspace_id.as_str(),
        invitation_id: invitation.id.as_str(),
        inviter_name: invitation.invited_by.display_name(),
        message: invitation.message.as_ref(),
        link: link.as_str(),
        expires_at: invitation.expires_at,
        platforms: &rights.platforms,
    };
    let hash = token.hash();
    match state.mailer.send_invitation(&email).await {
        Ok(message_id) => {
            crate::metrics::count("InvitationsSent", 1, &[]);
            tracing::info!(
                invitation_id = invitation.id.as_str(),
                message_id = message_id.as_str(),
                "invitation email sent"
            );
            if state
                .store
                .record_delivery(
                    &invitation,
                    &hash,
                    Delivery::Sent,
                    Some((now, message_id.as_str())),
                    &[],
                )
                .await?
                == Guarded::Refused
            {
                return Err(AppError::ConcurrentChange);
            }
            let sent = Invitation {
                delivery: Delivery::Sent,
                sent_at: Some(now),
                ..invitation
            };
            Ok(InvitationView::of(sent, Some(client), now))
        }
        Err(failure) => {
            crate::metrics::count("InvitationsNotSent", 1, &[]);
            tracing::warn!(
                invitation_id = invitation.id.as_str(),
                reason = failure.reason,
                cause = %failure.detail,
                "invitation email was not accepted by SES"
            );
            let failed = Change::new(
                &invitation.workspace_id,
                now,
                Who::person(&caller.user_id),
                What::InvitationDeliveryFailed {
                    invitation_id: invitation.id.clone(),
                    client_id: invitation.client_id.clone(),
                    reason: crate::domain::DeliveryFailure::Rejected,
                },
            );
            if state
                .store
                .record_delivery(&invitation, &hash, Delivery::Failed, None, &[failed])
                .await?
                == Guarded::Refused
            {
                return Err(AppError::ConcurrentChange);
            }
            Err(AppError::EmailDeliveryFailed {
                reason: failure.reason.to_owned(),
                invitation_id: invitation.id,
            })
        }
    }
}

/// What an invitation's link token is sealed to: its workspace and itself.
pub(crate) fn link_context<'a>(
    workspace_id: &'a WorkspaceId,
    invitation_id: &'a InvitationId,
) -> SealContext<'a> {
    SealContext {
        workspace_id: workspace_id.as_str(),
        item_id: invitation_id.as_str(),
        field: "link-token",
    }
}

/// The token of a link being opened for `invitation`, sealed to it.
pub(crate) async fn seal_link(
    state: &AppState,
    invitation: &crate::domain::Invitation,
    token: &InviteToken,
) -> Result<String, AppError> {
    state
        .secrets
        .sealing_key()
        .await?
        .seal(
            token.expose_secret(),
            &link_context(&invitation.workspace_id, &invitation.id),
        )
        .map_err(AppError::internal)
}
