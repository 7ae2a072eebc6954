//! What SES reports about the invitation emails: delivered, bounced, marked as spam.
//!
//! SES publishes its events for the configuration set to EventBridge; a rule hands
//! them here. An invitation email carries its workspace and invitation as message tags,
//! so the event names the invitation. A permanent bounce marks it `bounced`, a complaint
//! `complained` (and the workspace does not email that address again until the agency
//! confirms); both tell the host (`invitation.delivery_failed`). A transient bounce
//! changes nothing: SES retries it. Events of other emails (reconnect notices) are
//! ignored.

use serde::{Deserialize, Serialize};

use crate::domain::{Change, Delivery, DeliveryFailure, InvitationId, What, Who, WorkspaceId};
use crate::error::AppError;
use crate::mail::{TAG_INVITATION, TAG_WORKSPACE};
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
    pub mail: Mail,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bounce {
    pub bounce_type: String,
}

#[derive(Debug, Deserialize)]
pub struct Mail {
    #[serde(default)]
    pub tags: std::collections::HashMap<String, Vec<String>>,
}

/// What one event did.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Feedback {
    Marked { delivery: Delivery },
    Ignored { why: &'static str },
}

pub async fn record_email_event(state: &AppState, event: SesEvent) -> Result<Feedback, AppError> {
    let detail = event.detail;
    let tag = |name: &str| detail.mail.tags.get(name).and_then(|values| values.first());
    let (Some(workspace), Some(invitation)) = (tag(TAG_WORKSPACE), tag(TAG_INVITATION)) else {
        return Ok(Feedback::Ignored {
            why: "not an invitation email",
        });
    };
    let (Ok(workspace), Ok(invitation)) = (
        workspace.parse::<WorkspaceId>(),
        invitation.parse::<InvitationId>(),
    ) else {
        return Ok(Feedback::Ignored {
            why: "tags that name no invitation",
        });
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
        "Bounce" => {
            return Ok(Feedback::Ignored {
                why: "a transient bounce (SES retries it)",
            })
        }
        "Complaint" => (Delivery::Complained, Some(DeliveryFailure::Complained)),
        _ => {
            return Ok(Feedback::Ignored {
                why: "an event that changes no invitation",
            })
        }
    };
    let Some(current) = state.store.invitation(&workspace, &invitation).await? else {
        return Ok(Feedback::Ignored {
            why: "an invitation that is gone",
        });
    };
    let current = current.invitation;
    // A delivery report never hides a bounce or complaint that came first.
    if delivery == Delivery::Delivered && current.delivery != Delivery::Sent {
        return Ok(Feedback::Ignored {
            why: "a delivery after another report",
        });
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
        .record_feedback(&current, delivery, &changes)
        .await?
        == Guarded::Refused
    {
        return Ok(Feedback::Ignored {
            why: "an invitation that is gone",
        });
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
