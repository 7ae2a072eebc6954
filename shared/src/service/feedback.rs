//! What SES reports about the invitation emails: delivered, bounced, marked as spam.
//!
//! SES publishes the events of this stack's configuration set to EventBridge; a rule
//! filtered on that configuration set hands them here. An invitation email carries its
//! workspace and invitation as message tags, so the event names the invitation; but
//! tags are only a claim (any sender in the account can set them), so an event is taken
//! only when it also came through this deployment's configuration set, is about the
//! email the invitation holds now (its SES message id, stored when SES took it: a late
//! bounce of an email from before a resend changes nothing), and names the invitation's
//! address among its recipients.
//!
//! A permanent bounce marks the invitation `bounced`, a complaint `complained` (and the
//! workspace does not email that address again until the agency confirms); both tell
//! the host (`invitation.delivery_failed`). A transient bounce changes nothing: SES
//! retries it. The write is conditional on the delivery state read, so an event that
//! EventBridge delivers twice (or two at once) records one change, never two. Events of
//! other emails (reconnect notices) are ignored.

use serde::{Deserialize, Serialize};

use crate::domain::{
    Change, Delivery, DeliveryFailure, EmailAddress, InvitationId, What, Who, WorkspaceId,
};
use crate::error::AppError;
use crate::mail::{TAG_CONFIGURATION_SET, TAG_INVITATION, TAG_WORKSPACE};
use crate::state::AppState;
use crate::store::Guarded;

/// An SES event as EventBridge delivers it (only what is read).
#[derive(Debug, Deserialize)]
pub struct SesEvent {
    pub detail: SesDetail,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SesDetail {
    pub event_type: String,
    #[serde(default)]
    pub bounce: Option<Bounce>,
    #[serde(default)]
    pub complaint: Option<Complaint>,
    #[serde(default)]
    pub delivery: Option<Delivered>,
    pub mail: Mail,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bounce {
    pub bounce_type: String,
    #[serde(default)]
    pub bounced_recipients: Option<Vec<Recipient>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Complaint {
    #[serde(default)]
    pub complained_recipients: Option<Vec<Recipient>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivered {
    #[serde(default)]
    pub recipients: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub email_address: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mail {
    #[serde(default)]
    pub message_id: String,
    /// Every address the email was sent to.
    #[serde(default)]
    pub destination: Vec<String>,
    #[serde(default)]
    pub tags: std::collections::HashMap<String, Vec<String>>,
}

impl SesDetail {
    /// The addresses this event is about: the bounced, complaining or delivered
    /// recipients, or (when the event does not list them) every destination.
    fn recipients(&self) -> Vec<&str> {
        let listed: Option<Vec<&str>> = match self.event_type.as_str() {
            "Bounce" => self.bounce.as_ref().and_then(|bounce| {
                bounce.bounced_recipients.as_ref().map(|recipients| {
                    recipients
                        .iter()
                        .map(|r| r.email_address.as_str())
                        .collect()
                })
            }),
            "Complaint" => self.complaint.as_ref().and_then(|complaint| {
                complaint.complained_recipients.as_ref().map(|recipients| {
                    recipients
                        .iter()
                        .map(|r| r.email_address.as_str())
                        .collect()
                })
            }),
            "Delivery" => self.delivery.as_ref().and_then(|delivery| {
                delivery
                    .recipients
                    .as_ref()
                    .map(|recipients| recipients.iter().map(String::as_str).collect())
            }),
            _ => None,
        };
        listed.unwrap_or_else(|| self.mail.destination.iter().map(String::as_str).collect())
    }

    /// Whether `email` is one of the addresses this event is about.
    fn concerns(&self, email: &EmailAddress) -> bool {
        self.recipients()
            .into_iter()
            .filter_map(|raw| EmailAddress::parse(raw).ok())
            .any(|address| &address == email)
    }

    fn tag(&self, name: &str) -> Option<&str> {
        self.mail
            .tags
            .get(name)
            .and_then(|values| values.first())
            .map(String::as_str)
    }
}

/// What one event did.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Feedback {
    Marked { delivery: Delivery },
    Ignored { why: &'static str },
}

fn ignored(why: &'static str) -> Result<Feedback, AppError> {
    Ok(Feedback::Ignored { why })
}

pub async fn record_email_event(state: &AppState, event: SesEvent) -> Result<Feedback, AppError> {
    let detail = event.detail;
    // The rule is filtered on the configuration set; this holds the function to it too
    // (a rule changed by hand, an event put on the bus by someone else).
    let ours = state.config.ses_configuration_set.as_deref();
    if ours.is_none() || detail.tag(TAG_CONFIGURATION_SET) != ours {
        return ignored("not an email of this deployment's configuration set");
    }
    let (Some(workspace), Some(invitation)) =
        (detail.tag(TAG_WORKSPACE), detail.tag(TAG_INVITATION))
    else {
        return ignored("not an invitation email");
    };
    let (Ok(workspace), Ok(invitation)) = (
        workspace.parse::<WorkspaceId>(),
        invitation.parse::<InvitationId>(),
    ) else {
        return ignored("tags that name no invitation");
    };
    let (delivery, failure) = match detail.event_type.as_str() {
        "Delivery" => (Delivery::Delivered, None),
        "Bounce"
            if detail
                .bounce
                .as_ref()
                .is_some_and(|b| b.bounce_type == "Permanent") =>
        {
            (Delivery::Bounced, Some(DeliveryFailure::Bounced))
        }
        "Bounce" => return ignored("a transient bounce (SES retries it)"),
        "Complaint" => (Delivery::Complained, Some(DeliveryFailure::Complained)),
        _ => return ignored("an event that changes no invitation"),
    };
    let Some(current) = state.store.invitation(&workspace, &invitation).await? else {
        return ignored("an invitation that is gone");
    };
    // Only the email the invitation holds now: not one from before a resend, not one
    // whose sending was never recorded, not one of another sender that copied the tags.
    let Some(message_id) = current
        .message_id
        .as_deref()
        .filter(|id| !id.is_empty() && *id == detail.mail.message_id)
    else {
        return ignored("not the email the invitation holds now");
    };
    let current = current.invitation;
    if !detail.concerns(&current.email) {
        return ignored("an event about another address than the invitation's");
    }
    if current.delivery == delivery {
        return ignored("already recorded");
    }
    // A delivery report never hides a bounce or complaint that came first.
    if delivery == Delivery::Delivered && current.delivery != Delivery::Sent {
        return ignored("a delivery after another report");
    }
    let changes: Vec<Change> = failure
        .map(|reason| {
            Change::new(
                &workspace,
                state.clock.now(),
                Who::EmailFeedback,
                What::InvitationDeliveryFailed {
                    invitation_id: current.id.clone(),
                    client_id: current.client_id.clone(),
                    reason,
                },
            )
        })
        .into_iter()
        .collect();
    if state
        .store
        .record_feedback(&current, message_id, current.delivery, delivery, &changes)
        .await?
        == Guarded::Refused
    {
        // Another copy of this event (or another report) was written first, the
        // invitation was resent meanwhile, or it is gone.
        return ignored("the invitation changed meanwhile (already recorded, resent or gone)");
    }
    let metric = match delivery {
        Delivery::Bounced => "InvitationsBounced",
        Delivery::Complained => "InvitationsComplained",
        _ => "InvitationsDelivered",
    };
    crate::metrics::count(metric, 1, &[]);
    tracing::info!(
        invitation_id = current.id.as_str(),
        ?delivery,
        "email feedback recorded"
    );
    Ok(Feedback::Marked { delivery })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(event: serde_json::Value) -> SesDetail {
        serde_json::from_value(event).unwrap()
    }

    #[test]
    fn an_event_concerns_the_recipients_it_lists_or_else_its_destinations() {
        let invitee = EmailAddress::parse("Ana@Example.com").unwrap();
        let bounce = detail(serde_json::json!({
            "eventType": "Bounce",
            "bounce": {
                "bounceType": "Permanent",
                "bouncedRecipients": [{ "emailAddress": "other@example.com" }],
            },
            "mail": { "messageId": "m-1", "destination": ["ana@example.com"] },
        }));
        assert!(
            !bounce.concerns(&invitee),
            "the bounced one is someone else"
        );
        let delivered = detail(serde_json::json!({
            "eventType": "Delivery",
            "delivery": { "recipients": ["ana@example.com"] },
            "mail": { "messageId": "m-1", "destination": ["ana@example.com"] },
        }));
        assert!(delivered.concerns(&invitee));
        let complaint = detail(serde_json::json!({
            "eventType": "Complaint",
            "complaint": {},
            "mail": { "messageId": "m-1", "destination": ["ANA@example.com"] },
        }));
        assert!(complaint.concerns(&invitee), "no list: the destinations");
    }
}
