//! Invitations: what an agency offers a client, and the rules of its life cycle.
//!
//! Stored state is one of pending, revoked, accepted or removed. Expiry is not stored:
//! it is derived from `expires_at` at every read, because DynamoDB TTL deletes late.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::{
    ClientId, DisplayName, EmailAddress, InvitationId, InvitationMessage, Narrowing, Schedule,
    UserId, WorkspaceId, INVITATION_REMINDERS,
};
use crate::lang::Lang;

/// What a client may do in the workspace. This backend acts on `connect_accounts`
/// (connecting and disconnecting) and on `publish_posts` (a seat); the host product
/// enforces the rest on its own screens, reading them through the IAM rights route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Permissions {
    pub connect_accounts: bool,
    pub publish_posts: bool,
    pub view_analytics: bool,
    pub approve_posts: bool,
    /// Read and answer the social inbox (comments and messages) of its accounts.
    pub manage_inbox: bool,
}

impl Default for Permissions {
    fn default() -> Self {
        Self {
            connect_accounts: true,
            publish_posts: false,
            view_analytics: false,
            approve_posts: false,
            manage_inbox: false,
        }
    }
}

impl Permissions {
    /// As in SocialPilot, a client who can publish takes a team seat.
    pub fn takes_a_seat(&self) -> bool {
        self.publish_posts
    }

    /// What both allow.
    pub fn intersect(self, other: Permissions) -> Permissions {
        Permissions {
            connect_accounts: self.connect_accounts && other.connect_accounts,
            publish_posts: self.publish_posts && other.publish_posts,
            view_analytics: self.view_analytics && other.view_analytics,
            approve_posts: self.approve_posts && other.approve_posts,
            manage_inbox: self.manage_inbox && other.manage_inbox,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvitationState {
    Pending,
    Revoked,
    Accepted,
    Removed,
}

/// Whether the invitation email went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    Sending,
    Sent,
    /// SES refused or failed: a resend will try again with a new link.
    Failed,
    /// The recipient's mail server accepted it (SES's delivery event).
    Delivered,
    /// The address does not take mail (a permanent bounce): check it with the client.
    Bounced,
    /// The recipient marked it as spam: the workspace does not email the address again
    /// until the agency confirms it should.
    Complained,
}

/// The status of a person of a client, as the agency sees it in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonStatus {
    Invited,
    Active,
    Expired,
    Revoked,
    Deactivated,
}

impl PersonStatus {
    /// An invitation nobody accepted yet, expired or not: the agency may resend or
    /// revoke it (the rule of [`Invitation::is_open`], as the list shows it).
    pub fn is_open(self) -> bool {
        matches!(self, PersonStatus::Invited | PersonStatus::Expired)
    }
}

impl std::str::FromStr for PersonStatus {
    type Err = super::Unparsable;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(raw.to_owned())).map_err(|_| {
            super::Unparsable::new(
                "status (invited, active, expired, revoked or deactivated)",
                raw,
            )
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Inviter {
    pub user_id: UserId,
    pub email: EmailAddress,
    #[serde(default)]
    pub name: Option<DisplayName>,
}

impl Inviter {
    pub fn display_name(&self) -> &str {
        self.name
            .as_ref()
            .map_or(self.email.as_str(), DisplayName::as_str)
    }
}

/// Why an invitation link can no longer be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Expired,
    Revoked,
    AlreadyAccepted,
    ClientRemoved,
}

/// One person invited to a client: once accepted, their id in that client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub id: InvitationId,
    pub workspace_id: WorkspaceId,
    pub client_id: ClientId,
    pub email: EmailAddress,
    /// The person's full name, as the agency gave it.
    #[serde(default)]
    pub name: Option<DisplayName>,
    /// What this person gets less than the client's rights, if anything.
    #[serde(default)]
    pub narrowing: Narrowing,
    /// The inviter's own words to the person, shown in the email and on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<InvitationMessage>,
    /// The language the person's emails are written in (kept when they accept).
    #[serde(default)]
    pub language: Lang,
    pub state: InvitationState,
    pub delivery: Delivery,
    pub invited_by: Inviter,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub sent_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub accepted_at: Option<OffsetDateTime>,
    /// The person (`sub`) who accepted.
    #[serde(default)]
    pub accepted_by: Option<UserId>,
    #[serde(default, with = "time::serde::timestamp::option")]
    pub closed_at: Option<OffsetDateTime>,
    /// Reminders claimed or passed over for the current link (a resend starts again).
    #[serde(default)]
    pub reminded: u8,
    /// When the last reminder of the current link went out.
    #[serde(default, with = "time::serde::timestamp::option")]
    pub reminded_at: Option<OffsetDateTime>,
}

/// What an open invitation waits for next in the due index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationDue {
    Reminder(OffsetDateTime),
    Expiry(OffsetDateTime),
}

impl Invitation {
    /// When its email may be sent again, if not yet: a still valid invitation waits
    /// `cooldown` after its last email went out, whatever SES reported of it since
    /// (delivered, bounced, complained); one whose email SES refused, or that expired,
    /// may be resent at once.
    pub fn resendable_at(&self, cooldown: Duration, now: OffsetDateTime) -> Option<OffsetDateTime> {
        let sent_at = self.sent_at.filter(|_| self.delivery != Delivery::Failed)?;
        let ready = sent_at + cooldown;
        (self.status_at(now) == PersonStatus::Invited && now < ready).then_some(ready)
    }

    pub fn status_at(&self, now: OffsetDateTime) -> PersonStatus {
        match self.state {
            InvitationState::Pending if now >= self.expires_at => PersonStatus::Expired,
            InvitationState::Pending => PersonStatus::Invited,
            InvitationState::Revoked => PersonStatus::Revoked,
            InvitationState::Accepted => PersonStatus::Active,
            InvitationState::Removed => PersonStatus::Deactivated,
        }
    }

    /// Can the link still be used (previewed or accepted) at `now`?
    pub fn check_usable(&self, now: OffsetDateTime) -> Result<(), Refusal> {
        match self.status_at(now) {
            PersonStatus::Invited => Ok(()),
            PersonStatus::Expired => Err(Refusal::Expired),
            PersonStatus::Revoked => Err(Refusal::Revoked),
            PersonStatus::Active => Err(Refusal::AlreadyAccepted),
            PersonStatus::Deactivated => Err(Refusal::ClientRemoved),
        }
    }

    /// The member the person who accepts this invitation becomes: a person of its client,
    /// narrowed as it says, named as they call themselves (else as the agency did).
    pub fn member(&self, user_id: &UserId, name: Option<DisplayName>) -> super::Member {
        super::Member {
            workspace_id: self.workspace_id.clone(),
            user_id: user_id.clone(),
            email: self.email.clone(),
            name: name.or_else(|| self.name.clone()),
            role: super::Role::Client,
            status: super::MemberStatus::Active,
            client_id: Some(self.client_id.clone()),
            person_id: Some(self.id.clone()),
            narrowing: self.narrowing.clone(),
            language: self.language,
        }
    }

    /// What revoking this invitation is, as an event tells it.
    pub fn revocation(&self) -> super::What {
        super::What::InvitationRevoked {
            invitation_id: self.id.clone(),
            client_id: self.client_id.clone(),
        }
    }

    /// Resend and revoke act on invitations nobody has accepted yet, expired or not.
    pub fn is_open(&self) -> bool {
        self.state == InvitationState::Pending
    }

    /// The reminders of the current link: counted from when it was emailed, none once
    /// it expires.
    pub fn reminders(&self) -> Schedule<'static> {
        Schedule {
            from: self.sent_at.unwrap_or(self.created_at),
            steps: &INVITATION_REMINDERS,
            until: Some(self.expires_at),
        }
    }

    /// Whether its address may be reminded at all: still open, and its email went out
    /// with nothing saying the address does not take it (refused, bounced, marked as
    /// spam, or never confirmed sent).
    pub fn may_be_reminded(&self) -> bool {
        self.state == InvitationState::Pending
            && matches!(self.delivery, Delivery::Sent | Delivery::Delivered)
    }

    /// Where it waits once `past` reminders were claimed or passed over: the next
    /// reminder, else its expiry.
    pub fn next_due(&self, past: u8) -> InvitationDue {
        self.reminders().at(past).map_or(
            InvitationDue::Expiry(self.expires_at),
            InvitationDue::Reminder,
        )
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use super::*;

    fn invitation(state: InvitationState, expires_in: Duration) -> Invitation {
        let now = OffsetDateTime::now_utc();
        Invitation {
            id: InvitationId::generate(),
            workspace_id: "ws-1".parse().unwrap(),
            client_id: ClientId::generate(),
            email: EmailAddress::parse("client@example.com").unwrap(),
            name: None,
            narrowing: Narrowing::default(),
            message: None,
            language: Lang::En,
            state,
            delivery: Delivery::Sent,
            invited_by: Inviter {
                user_id: "u-1".parse().unwrap(),
                email: EmailAddress::parse("owner@agency.com").unwrap(),
                name: None,
            },
            created_at: now,
            expires_at: now + expires_in,
            sent_at: Some(now),
            accepted_at: None,
            accepted_by: None,
            closed_at: None,
            reminded: 0,
            reminded_at: None,
        }
    }

    #[test]
    fn a_pending_invitation_before_its_expiry_is_usable() {
        let pending = invitation(InvitationState::Pending, Duration::days(7));
        assert_eq!(
            pending.status_at(OffsetDateTime::now_utc()),
            PersonStatus::Invited
        );
        assert_eq!(pending.check_usable(OffsetDateTime::now_utc()), Ok(()));
    }

    #[test]
    fn a_pending_invitation_past_its_expiry_reads_as_expired() {
        let stale = invitation(InvitationState::Pending, Duration::seconds(-1));
        assert_eq!(
            stale.status_at(OffsetDateTime::now_utc()),
            PersonStatus::Expired
        );
        assert_eq!(
            stale.check_usable(OffsetDateTime::now_utc()),
            Err(Refusal::Expired)
        );
        assert!(stale.is_open(), "an expired invitation can still be resent");
    }

    #[test]
    fn each_closed_state_has_its_own_refusal() {
        let now = OffsetDateTime::now_utc();
        let cases = [
            (InvitationState::Revoked, Refusal::Revoked),
            (InvitationState::Accepted, Refusal::AlreadyAccepted),
            (InvitationState::Removed, Refusal::ClientRemoved),
        ];
        for (state, refusal) in cases {
            let closed = invitation(state, Duration::days(7));
            assert_eq!(closed.check_usable(now), Err(refusal));
            assert!(!closed.is_open());
        }
    }

    #[test]
    fn the_resend_cooldown_counts_from_the_email_whatever_ses_reported_of_it() {
        let now = OffsetDateTime::now_utc();
        let cooldown = Duration::minutes(5);
        for delivery in [
            Delivery::Sending,
            Delivery::Sent,
            Delivery::Delivered,
            Delivery::Bounced,
            Delivery::Complained,
        ] {
            let emailed = Invitation {
                delivery,
                sent_at: Some(now - Duration::minutes(1)),
                ..invitation(InvitationState::Pending, Duration::days(7))
            };
            assert_eq!(
                emailed.resendable_at(cooldown, now),
                Some(now + Duration::minutes(4)),
                "{delivery:?}"
            );
            assert_eq!(
                emailed.resendable_at(cooldown, now + Duration::minutes(4)),
                None
            );
        }
        let refused = Invitation {
            delivery: Delivery::Failed,
            sent_at: None,
            ..invitation(InvitationState::Pending, Duration::days(7))
        };
        assert_eq!(refused.resendable_at(cooldown, now), None);
        let expired = Invitation {
            sent_at: Some(now - Duration::minutes(1)),
            ..invitation(InvitationState::Pending, Duration::seconds(-1))
        };
        assert_eq!(expired.resendable_at(cooldown, now), None);
    }

    #[test]
    fn default_permissions_only_allow_connecting_accounts() {
        let permissions = Permissions::default();
        assert!(permissions.connect_accounts);
        assert!(!permissions.takes_a_seat());
    }

    #[test]
    fn statuses_parse_from_their_lowercase_names() {
        assert_eq!("expired".parse(), Ok(PersonStatus::Expired));
        assert!("Expired".parse::<PersonStatus>().is_err());
    }
}
