//! Reminders of what the agency asked of a client and nobody did: an invitation not
//! accepted, a reconnect not made, an assigned account not connected. The upkeep
//! worker's side of them.
//!
//! An open invitation waits in the due index for its next reminder (2 and 6 days after
//! its link was emailed), then for its expiry. When a reminder falls due the worker reads
//! the invitation and its workspace and sends only what is still due at that moment:
//! nothing for an invitation accepted, revoked, resent or expired meanwhile (the
//! index entry went with it), nothing when the workspace turned reminders off or the
//! address does not take the email (refused, bounced, marked as spam). A reminder is
//! claimed before it is sent, with its email counted in the workspace's day: a workspace
//! whose emails for the day are spent gets it the next UTC day, unless by then the next
//! reminder or the expiry comes first. It is recorded (`invitation.reminded`, the audit
//! trail, the card's "Reminded 2 days ago") once SES took it; one SES refuses is not
//! tried again (the next reminder, if any, still is).
//!
//! A reminder is written in the language chosen for the person's invitation.
//!
//! A reconnect the agency asked for (`request-reconnect`) is reminded once, 3 days later,
//! to the same people, when the connection still needs them (not reconnected, not
//! disconnected) and the workspace did not turn reminders off; claimed with its emails
//! counted in the day like the request was. A new request starts it again.
//!
//! An account the agency assigned to a client to publish with the client's own
//! credentials waits for the client to connect it: 3 days after the assignment was
//! written so, if the client still has not (and the assignment still asks it), its
//! active people are reminded once, the same way.
//!
//! The link: only the token's hash finds the invitation, so the raw token is kept
//! sealed with the token key (AES-256-GCM, bound to the workspace and the invitation)
//! while the invitation is open, and the reminder carries the very link the invitation
//! email did. A resend seals the new one; accepting, closing or expiring removes it.

use aws_sdk_dynamodb::error::DisplayErrorContext;

use crate::crypto::InviteToken;
use crate::domain::{
    Brand, Change, ClientId, Connection, ConnectionId, ConnectionOwner, Credentials, HealthStatus,
    InvitationDue, InvitationId, Member, What, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::{AccountReminder, AccountReminderEmail, InvitationReminderEmail};
use crate::state::AppState;
use crate::store::{Guarded, ReminderClaimed};

/// What became of one reminder task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminded {
    /// Sent and recorded.
    Sent,
    /// Not due any more, or someone else did it: nothing written, or only the place in
    /// the due index put right.
    Unchanged,
    /// Passed over (reminders off, an address that does not take the email), or put
    /// off to the next day's quota.
    Skipped,
    /// Claimed, but SES did not take it.
    NotSent,
    /// The invitation's link expired before any reminder still to come: its expiry is
    /// what is due now.
    Expired,
}

/// Sends the reminder of one open invitation that is due now, if one is.
pub async fn remind_invitation(
    state: &AppState,
    workspace_id: &WorkspaceId,
    invitation_id: &InvitationId,
) -> Result<Reminded, AppError> {
    let Some(current) = state.store.invitation(workspace_id, invitation_id).await? else {
        return Ok(Reminded::Unchanged);
    };
    let invitation = &current.invitation;
    if !invitation.is_open() {
        return Ok(Reminded::Unchanged);
    }
    let now = state.clock.now();
    let past = invitation.reminded;
    if now >= invitation.expires_at {
        return Ok(Reminded::Expired);
    }
    let Some(step) = invitation.reminders().due(past, now) else {
        // Early: back where it belongs.
        state
            .store
            .reschedule_invitation(&current, past, invitation.next_due(past))
            .await?;
        return Ok(Reminded::Unchanged);
    };
    let after = invitation.next_due(step + 1);
    let workspace = state.store.workspace(workspace_id).await?;
    let sealed = current.sealed_link.as_deref();
    let (Some(workspace), Some(sealed)) = (workspace, sealed) else {
        // A workspace being deleted, or an invitation made before reminders: passed over.
        state
            .store
            .reschedule_invitation(&current, step + 1, after)
            .await?;
        return Ok(Reminded::Skipped);
    };
    let workspace = workspace.workspace;
    if !workspace.reminders || !invitation.may_be_reminded() {
        state
            .store
            .reschedule_invitation(&current, step + 1, after)
            .await?;
        return Ok(Reminded::Skipped);
    }
    let token = state
        .secrets
        .sealing_key()
        .await?
        .open(
            sealed,
            &super::invitations::link_context(workspace_id, invitation_id),
        )
        .map_err(AppError::internal)?;
    // Only the current link is ever sent: a sealed token that is not the one the
    // invitation now answers to (a stale write) is never emailed.
    if !InviteToken::parse(&token).is_some_and(|token| token.hash() == current.token_hash) {
        tracing::error!(
            invitation_id = invitation_id.as_str(),
            "the sealed link is not the invitation's current link: no reminder"
        );
        state
            .store
            .reschedule_invitation(&current, step + 1, after)
            .await?;
        return Ok(Reminded::Skipped);
    }
    let quota = super::quota::quota(state, now);
    match state
        .store
        .claim_invitation_reminder(&current, step, after, quota)
        .await?
    {
        ReminderClaimed::Done => {}
        ReminderClaimed::Changed => return Ok(Reminded::Unchanged),
        ReminderClaimed::AddressComplained => {
            state
                .store
                .reschedule_invitation(&current, step + 1, after)
                .await?;
            return Ok(Reminded::Skipped);
        }
        ReminderClaimed::QuotaReached => {
            // Tomorrow's quota, unless the invitation expires first.
            let tomorrow = super::quota::tomorrow(now);
            let retry = match after {
                InvitationDue::Reminder(next) if next <= tomorrow => after,
                _ if tomorrow < invitation.expires_at => InvitationDue::Reminder(tomorrow),
                _ => InvitationDue::Expiry(invitation.expires_at),
            };
            state
                .store
                .reschedule_invitation(&current, past, retry)
                .await?;
            tracing::info!(
                invitation_id = invitation_id.as_str(),
                "reminder put off: the workspace's emails for today are sent"
            );
            return Ok(Reminded::Skipped);
        }
    }
    let link = state.config.link_with_secret("/invite", "token", &token);
    let brand = workspace.brand();
    let email = InvitationReminderEmail {
        to: &invitation.email,
        lang: invitation.language,
        brand: &brand,
        inviter_name: invitation.invited_by.display_name(),
        link: link.as_str(),
        expires_at: invitation.expires_at,
        now,
    };
    if let Err(failure) = state.mailer.send_invitation_reminder(&email).await {
        crate::metrics::count("RemindersNotSent", 1, &[]);
        tracing::warn!(
            invitation_id = invitation_id.as_str(),
            reason = failure.reason,
            cause = %failure.detail,
            "a reminder was not accepted by SES; the next one is still due"
        );
        return Ok(Reminded::NotSent);
    }
    crate::metrics::count("RemindersSent", 1, &[]);
    let reminded = Change::new(
        workspace_id,
        now,
        Who::Refresher,
        What::InvitationReminded {
            invitation_id: invitation_id.clone(),
            client_id: invitation.client_id.clone(),
            reminder: step + 1,
        },
    );
    match state
        .store
        .record_invitation_reminder(&current, step + 1, now, &[reminded])
        .await
    {
        Ok(Guarded::Done) => {}
        // Resent or reminded again meanwhile: this one went out all the same.
        Ok(Guarded::Refused) => {
            tracing::info!(
                invitation_id = invitation_id.as_str(),
                "a reminder went out as the invitation changed; not recorded"
            )
        }
        Err(error) => {
            tracing::warn!(cause = %DisplayErrorContext(&error), "a reminder sent could not be recorded");
            return Err(error.into());
        }
    }
    tracing::info!(
        invitation_id = invitation_id.as_str(),
        reminder = step + 1,
        "invitation reminder sent"
    );
    Ok(Reminded::Sent)
}

/// Sends the reminder of the agency's last reconnect request of a connection, if it is
/// due and the connection still needs its people.
pub async fn remind_reconnect(
    state: &AppState,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
) -> Result<Reminded, AppError> {
    let Some(last) = state
        .store
        .last_reconnect_email(workspace_id, connection_id)
        .await?
    else {
        return Ok(Reminded::Unchanged);
    };
    let now = state.clock.now();
    let due_at = last.sent_at + crate::domain::RECONNECT_REMINDER;
    if last.reminded {
        return Ok(Reminded::Unchanged);
    }
    if now < due_at {
        // Sent early: back where it belongs.
        state
            .store
            .reschedule_reconnect_reminder(workspace_id, &last, Some(due_at))
            .await?;
        return Ok(Reminded::Unchanged);
    }
    let connection = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .map(|stored| stored.connection);
    let workspace = state.store.workspace(workspace_id).await?;
    let (Some(connection), Some(workspace)) = (connection, workspace) else {
        // Disconnected, or its workspace deleted: nothing to remind of.
        state
            .store
            .reschedule_reconnect_reminder(workspace_id, &last, None)
            .await?;
        return Ok(Reminded::Unchanged);
    };
    let health = connection.health(now).status;
    if health == HealthStatus::Healthy || !workspace.workspace.reminders {
        // Reconnected meanwhile (someone acted), or reminders are off.
        state
            .store
            .reschedule_reconnect_reminder(workspace_id, &last, None)
            .await?;
        return Ok(Reminded::Skipped);
    }
    let recipients =
        super::notices::recipients(state, &connection, Some(workspace.workspace)).await?;
    if recipients.people.is_empty() {
        state
            .store
            .reschedule_reconnect_reminder(workspace_id, &last, None)
            .await?;
        return Ok(Reminded::Skipped);
    }
    let emails = u32::try_from(recipients.people.len()).unwrap_or(u32::MAX);
    let quota = super::quota::quota(state, now);
    match state
        .store
        .claim_reconnect_reminder(workspace_id, &last, emails, quota)
        .await?
    {
        ReminderClaimed::Done => {}
        ReminderClaimed::QuotaReached => {
            // Tomorrow, unless even a whole day's quota could never take it.
            let tomorrow = super::quota::retry_day(state, now, emails);
            state
                .store
                .reschedule_reconnect_reminder(workspace_id, &last, tomorrow)
                .await?;
            return Ok(Reminded::Skipped);
        }
        ReminderClaimed::Changed | ReminderClaimed::AddressComplained => {
            return Ok(Reminded::Unchanged)
        }
    }
    let link = super::notices::reconnect_link(state, &connection);
    let sent = remind_each(
        state,
        AccountReminder::Reconnect,
        &recipients.people,
        &recipients.brand,
        &connection,
        link.as_str(),
    )
    .await;
    if sent == 0 {
        return Ok(Reminded::NotSent);
    }
    let reminded = Change::new(
        workspace_id,
        now,
        Who::Refresher,
        What::ConnectionReconnectReminded {
            connection_id: connection_id.clone(),
            platform: connection.platform,
            client_id: connection.owner.client_id().cloned(),
            health,
            recipients: sent,
        },
    );
    state.store.record_reminder(&[reminded]).await?;
    tracing::info!(
        connection_id = connection_id.as_str(),
        recipients = sent,
        "reconnect reminder sent"
    );
    Ok(Reminded::Sent)
}

/// Sends the reminder of an account assigned to a client to connect itself, if it is
/// due, the assignment still asks it and the client has not connected the account.
pub async fn remind_assignment(
    state: &AppState,
    workspace_id: &WorkspaceId,
    connection_id: &ConnectionId,
    client_id: &ClientId,
) -> Result<Reminded, AppError> {
    let Some(reminder) = state
        .store
        .assignment_reminder(workspace_id, connection_id, client_id)
        .await?
    else {
        return Ok(Reminded::Unchanged);
    };
    let Some(due_at) = reminder.remind_at else {
        return Ok(Reminded::Unchanged);
    };
    let now = state.clock.now();
    if now < due_at {
        state
            .store
            .reschedule_assignment_reminder(&reminder, Some(due_at))
            .await?;
        return Ok(Reminded::Unchanged);
    }
    let connection = state
        .store
        .connection(workspace_id, connection_id)
        .await?
        .map(|stored| stored.connection)
        .filter(|connection| connection.owner == ConnectionOwner::Agency);
    let asks = connection.as_ref().is_some_and(|connection| {
        connection
            .all_assignments()
            .get(client_id)
            .is_some_and(|assigned| assigned.settings.credentials == Credentials::Client)
    });
    let workspace = state.store.workspace(workspace_id).await?;
    let (Some(connection), Some(workspace), true) = (connection, workspace, asks) else {
        // Taken away, changed to the agency's credentials, or disconnected.
        state
            .store
            .reschedule_assignment_reminder(&reminder, None)
            .await?;
        return Ok(Reminded::Unchanged);
    };
    let connected = state
        .store
        .stand_in(
            workspace_id,
            connection.platform,
            &connection.account_id,
            client_id,
        )
        .await?
        .is_some();
    let people = if connected || !workspace.workspace.reminders {
        Vec::new()
    } else {
        state
            .store
            .members_of_client(workspace_id, client_id)
            .await?
    };
    if people.is_empty() {
        // Connected meanwhile (the client acted), reminders off, or nobody to tell.
        state
            .store
            .reschedule_assignment_reminder(&reminder, None)
            .await?;
        return Ok(Reminded::Skipped);
    }
    let emails = u32::try_from(people.len()).unwrap_or(u32::MAX);
    let quota = super::quota::quota(state, now);
    match state
        .store
        .claim_assignment_reminder(&reminder, emails, quota)
        .await?
    {
        ReminderClaimed::Done => {}
        ReminderClaimed::QuotaReached => {
            // Tomorrow, unless even a whole day's quota could never take it.
            let tomorrow = super::quota::retry_day(state, now, emails);
            state
                .store
                .reschedule_assignment_reminder(&reminder, tomorrow)
                .await?;
            return Ok(Reminded::Skipped);
        }
        ReminderClaimed::Changed | ReminderClaimed::AddressComplained => {
            return Ok(Reminded::Unchanged)
        }
    }
    let brand = workspace.workspace.brand();
    let mut link = state.config.page_url("/connect");
    link.query_pairs_mut()
        .append_pair("workspace", workspace_id.as_str());
    let sent = remind_each(
        state,
        AccountReminder::Assignment,
        &people,
        &brand,
        &connection,
        link.as_str(),
    )
    .await;
    if sent == 0 {
        return Ok(Reminded::NotSent);
    }
    let reminded = Change::new(
        workspace_id,
        now,
        Who::Refresher,
        What::ConnectionAssignmentReminded {
            connection_id: connection_id.clone(),
            platform: connection.platform,
            client_id: client_id.clone(),
            recipients: sent,
        },
    );
    state.store.record_reminder(&[reminded]).await?;
    tracing::info!(
        connection_id = connection_id.as_str(),
        client_id = client_id.as_str(),
        recipients = sent,
        "assignment reminder sent"
    );
    Ok(Reminded::Sent)
}

/// Sends an account reminder to each of `people` in their own language; how many SES
/// took (a refusal is logged and counted, and the others still go).
async fn remind_each(
    state: &AppState,
    about: AccountReminder,
    people: &[Member],
    brand: &Brand,
    connection: &Connection,
    link: &str,
) -> u32 {
    let mut sent = 0u32;
    for person in people {
        let email = AccountReminderEmail {
            about,
            to: &person.email,
            lang: person.language,
            brand,
            platform: connection.platform,
            account: &connection.display_name,
            link,
        };
        match state.mailer.send_account_reminder(&email).await {
            Ok(_) => sent += 1,
            Err(failure) => {
                tracing::warn!(reason = failure.reason, cause = %failure.detail, ?about, "an account reminder was not accepted by SES");
            }
        }
    }
    if sent == 0 {
        crate::metrics::count("RemindersNotSent", 1, &[]);
    } else {
        crate::metrics::count("RemindersSent", u64::from(sent), &[]);
    }
    sent
}
