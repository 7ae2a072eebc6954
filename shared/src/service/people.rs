//! Several people of a workspace's clients acted on at once: resent, revoked or
//! removed, as the clients card's ticked rows or the API's batch ask.
//!
//! The caller is checked once and the batch's people and their clients are read
//! together; then each person goes through the very rules of the one-person route
//! (`resend-invite`, `revoke-invite`, `remove-person`), with that route's events and
//! audit entries, and succeeds or is refused on its own. A refusal of one never stops
//! the others, so the reply says, in the order asked, what became of each.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::acting::{authorize_admin, Admin};
use super::views::InvitationView;
use super::{clients, invitations};
use crate::auth::Caller;
use crate::domain::{
    BatchAction, Client, ClientId, EmailAddress, InvitationId, PeopleBatch, WorkspaceId,
};
use crate::error::{AppError, PROBLEM_BASE};
use crate::state::AppState;
use crate::store::{InvitationRecord, Reads};

/// Body of `POST /workspaces/{workspace_id}/people/batch`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchBody {
    pub action: BatchAction,
    /// The people's ids (as the clients list gives them: their invitation's).
    pub people: Vec<String>,
}

/// What became of a batch's people, in the order asked.
#[derive(Debug, Serialize)]
pub struct BatchReply {
    pub action: BatchAction,
    pub done: usize,
    pub refused: usize,
    pub items: Vec<BatchItem>,
}

/// One person of a batch: done, or refused with the problem its own route would have
/// answered.
#[derive(Debug, Serialize)]
pub struct BatchItem {
    pub id: InvitationId,
    /// The person's address, when the id names one of the workspace's people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<EmailAddress>,
    pub outcome: Outcome,
    /// The status the one-person route would have answered with.
    pub status: u16,
    /// The person as they stand now, when done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<InvitationView>,
    /// Why not, when refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<ItemProblem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Done,
    Refused,
}

/// An item's refusal, as RFC 9457 says it (its `status` is the item's).
#[derive(Debug, Serialize)]
pub struct ItemProblem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: &'static str,
    pub detail: String,
    /// The refusal itself, for a page to say in its reader's language (the title and
    /// detail above are the API's English).
    #[serde(skip)]
    pub refusal: AppError,
}

impl BatchItem {
    fn of(
        id: &InvitationId,
        email: Option<EmailAddress>,
        result: Result<InvitationView, AppError>,
    ) -> Self {
        match result {
            Ok(person) => Self {
                id: id.clone(),
                email,
                outcome: Outcome::Done,
                status: 200,
                person: Some(person),
                problem: None,
            },
            Err(error) => {
                if error.is_internal() {
                    // Ours, not the person's: its cause goes to the log only.
                    tracing::error!(person_id = id.as_str(), error = ?error, "a batch item failed");
                }
                Self {
                    id: id.clone(),
                    email,
                    outcome: Outcome::Refused,
                    status: error.status().as_u16(),
                    person: None,
                    problem: Some(ItemProblem {
                        type_uri: format!("{PROBLEM_BASE}{}", error.slug()),
                        title: error.title(),
                        detail: error.to_string(),
                        refusal: error,
                    }),
                }
            }
        }
    }
}

/// The batch's people and their clients, read for an authorised owner or admin.
struct Selected {
    admin: Admin,
    people: HashMap<InvitationId, InvitationRecord>,
    clients: HashMap<ClientId, Client>,
}

/// Checks the caller once, then reads the people (one `BatchGetItem`) and their
/// clients (another).
async fn select(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    batch: &PeopleBatch,
) -> Result<Selected, AppError> {
    let admin = authorize_admin(state, caller, workspace_id, Reads::default()).await?;
    let people: HashMap<InvitationId, InvitationRecord> = state
        .store
        .invitations_named(workspace_id, batch.ids())
        .await?
        .into_iter()
        .map(|record| (record.invitation.id.clone(), record))
        .collect();
    let named: Vec<ClientId> = people
        .values()
        .map(|record| record.invitation.client_id.clone())
        .collect();
    let clients = if named.is_empty() {
        HashMap::new()
    } else {
        state
            .store
            .clients_named(workspace_id, &named)
            .await?
            .into_iter()
            .map(|client| (client.client_id.clone(), client))
            .collect()
    };
    Ok(Selected {
        admin,
        people,
        clients,
    })
}

/// Does `action` to each of the batch's people, each on its own, in order.
pub async fn act(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    action: BatchAction,
    batch: &PeopleBatch,
) -> Result<BatchReply, AppError> {
    let Selected {
        mut admin,
        mut people,
        clients,
    } = select(state, caller, workspace_id, batch).await?;
    let mut items = Vec::with_capacity(batch.len());
    for id in batch.ids() {
        let current = people.remove(id);
        let email = current
            .as_ref()
            .map(|record| record.invitation.email.clone());
        let client = current
            .as_ref()
            .and_then(|record| clients.get(&record.invitation.client_id));
        let result = match action {
            // Boxed: a resend's future (with its email) is large, and this loop awaits
            // one at a time.
            BatchAction::Resend => {
                Box::pin(invitations::resend_read(
                    state,
                    caller,
                    &mut admin.workspace,
                    current,
                    client.cloned(),
                    false,
                ))
                .await
            }
            BatchAction::Revoke => invitations::revoke_read(state, caller, workspace_id, current)
                .await
                .map(|revoked| InvitationView::of(revoked, client, state.clock.now())),
            BatchAction::Remove => match (current, client) {
                (None, _) => Err(AppError::PersonNotFound),
                (Some(_), None) => Err(AppError::ClientNotFound),
                (Some(record), Some(client)) => {
                    clients::remove_read(state, caller, workspace_id, client, record.invitation)
                        .await
                }
            },
        };
        items.push(BatchItem::of(id, email, result));
    }
    let done = items
        .iter()
        .filter(|item| item.outcome == Outcome::Done)
        .count();
    tracing::info!(
        action = action.verb(),
        done,
        refused = items.len() - done,
        "batch of people"
    );
    Ok(BatchReply {
        action,
        done,
        refused: items.len() - done,
        items,
    })
}

/// The batch's people as they stand, for a confirm step that names them (reads only);
/// ids that name nobody of the workspace are left out.
pub async fn named(
    state: &AppState,
    caller: &Caller,
    workspace_id: &WorkspaceId,
    batch: &PeopleBatch,
) -> Result<Vec<InvitationView>, AppError> {
    let Selected {
        mut people,
        clients,
        ..
    } = select(state, caller, workspace_id, batch).await?;
    let now = state.clock.now();
    Ok(batch
        .ids()
        .iter()
        .filter_map(|id| people.remove(id))
        .map(|record| {
            let client = clients.get(&record.invitation.client_id);
            InvitationView::of(record.invitation, client, now)
        })
        .collect())
}
