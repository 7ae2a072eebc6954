//! The clients card's ticked people: resent, revoked or removed in one step, through
//! the same batch use case as the API. The card then says, person by person, what was
//! done and what was refused and why. Removing asks first, naming each person.

use lambda_http::http::StatusCode;
use serde::Serialize;

use crate::auth::Caller;
use crate::domain::{BatchAction, NotABatch, PeopleBatch, PersonStatus, WorkspaceId};
use crate::error::AppError;
use crate::service::people::{self, BatchItem, BatchReply, Outcome};
use crate::state::AppState;
use crate::web::{problem_detail, Notice};

/// What pressing a button of the ticked people did.
pub(super) enum Batch {
    /// The card again, saying this.
    Said(Notice, StatusCode),
    /// Removing asks first: the card again with a confirm step for these people.
    Confirm(ConfirmRemove),
}

/// The confirm step of removing the ticked people.
#[derive(Serialize)]
pub(super) struct ConfirmRemove {
    count: usize,
    people: Vec<Leaving>,
}

/// One person a confirmed removal will act on, and what it will do to them: "Cleo
/// (cleo@example.com): leaves the client at once".
#[derive(Serialize)]
struct Leaving {
    id: String,
    line: String,
}

/// Does `action` to the ticked people (`selected`); a removal not yet `confirmed` only
/// names them and asks.
pub(super) async fn press(
    state: &AppState,
    caller: &Caller,
    workspace: &WorkspaceId,
    action: BatchAction,
    selected: &[String],
    confirmed: bool,
) -> Result<Batch, AppError> {
    let batch = match PeopleBatch::parse(selected) {
        Ok(batch) => batch,
        Err(refusal) => {
            return Ok(Batch::Said(
                Notice::bad(not_a_batch(&refusal)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    if action == BatchAction::Remove && !confirmed {
        let people = people::named(state, caller, workspace, &batch).await?;
        if people.is_empty() {
            return Ok(Batch::Said(
                Notice::bad(crate::tr!("agency-ticked-gone")),
                StatusCode::NOT_FOUND,
            ));
        }
        return Ok(Batch::Confirm(ConfirmRemove {
            count: people.len(),
            people: people
                .into_iter()
                .map(|person| {
                    let email = person.email.to_string();
                    let named = match person.name {
                        Some(name) if name != email => {
                            crate::tr!("agency-remove-named", name = name, email = email)
                        }
                        _ => email,
                    };
                    let effect = crate::tr!(match person.status {
                        PersonStatus::Active => "agency-remove-leaves",
                        PersonStatus::Invited | PersonStatus::Expired => "agency-remove-withdrawn",
                        PersonStatus::Revoked | PersonStatus::Deactivated => "agency-remove-gone",
                    });
                    Leaving {
                        id: person.id,
                        line: crate::tr!("agency-remove-line", person = named, effect = effect),
                    }
                })
                .collect(),
        }));
    }
    let reply = people::act(state, caller, workspace, action, &batch).await?;
    let notice = if reply.refused == 0 {
        Notice::ok(said(&reply))
    } else {
        Notice::bad(said(&reply))
    };
    Ok(Batch::Said(notice, StatusCode::OK))
}

/// A ticked list that is not a batch, as the card says it.
fn not_a_batch(refusal: &NotABatch) -> String {
    match refusal {
        NotABatch::Empty => crate::tr!("agency-ticked-none"),
        NotABatch::TooLarge { asked } => {
            crate::tr!(
                "agency-ticked-too-many",
                asked = *asked,
                most = PeopleBatch::MAX
            )
        }
        NotABatch::Repeated(_) | NotABatch::Unparsable(_) => {
            crate::tr!("agency-ticked-unreadable")
        }
    }
}

/// "Revoked a@x, b@y. Could not revoke c@z: This invitation has already been accepted."
fn said(reply: &BatchReply) -> String {
    let (done_id, refused_id) = match reply.action {
        BatchAction::Resend => ("agency-ticked-resent", "agency-ticked-not-resent"),
        BatchAction::Revoke => ("agency-ticked-revoked", "agency-ticked-not-revoked"),
        BatchAction::Remove => ("agency-ticked-removed", "agency-ticked-not-removed"),
    };
    let done: Vec<String> = reply
        .items
        .iter()
        .filter(|item| item.outcome == Outcome::Done)
        .map(who)
        .collect();
    let mut sentences = Vec::new();
    if !done.is_empty() {
        sentences.push(crate::tr!(done_id, people = done.join(", ")));
    }
    for item in reply
        .items
        .iter()
        .filter(|item| item.outcome == Outcome::Refused)
    {
        let why = item
            .problem
            .as_ref()
            .map_or_else(String::new, |problem| problem_detail(&problem.refusal));
        sentences.push(crate::tr!(refused_id, person = who(item), why = why));
    }
    sentences.join(" ")
}

/// A person of the batch as the notice names them: their address, else their id.
fn who(item: &BatchItem) -> String {
    item.email.as_ref().map_or_else(
        || crate::tr!("agency-ticked-unknown", id = item.id.as_str()),
        ToString::to_string,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EmailAddress;
    use crate::lang::{speaking, Lang};
    use crate::service::people::ItemProblem;

    fn item(number: u8, refusal: Option<AppError>) -> BatchItem {
        let id = format!("0193A3F2-7C6D-7E00-8000-0000000000{number:02}");
        BatchItem {
            id: id.parse().unwrap(),
            email: Some(EmailAddress::parse(&format!("p{number}@example.com")).unwrap()),
            outcome: if refusal.is_some() {
                Outcome::Refused
            } else {
                Outcome::Done
            },
            status: 200,
            person: None,
            problem: refusal.map(|refusal| ItemProblem {
                type_uri: String::new(),
                title: refusal.title(),
                detail: refusal.to_string(),
                refusal,
            }),
        }
    }

    #[tokio::test]
    async fn what_the_ticked_buttons_did_is_said_in_the_pages_language_with_each_refusal_why() {
        let reply = BatchReply {
            action: BatchAction::Revoke,
            done: 2,
            refused: 1,
            items: vec![
                item(1, None),
                item(2, None),
                item(3, Some(AppError::InvitationAlreadyAccepted)),
            ],
        };
        let english = said(&reply);
        assert_eq!(
            english,
            "Revoked p1@example.com, p2@example.com. Could not revoke p3@example.com: \
             This invitation has already been accepted."
        );
        let german = speaking(Lang::De, async { said(&reply) }).await;
        assert_eq!(
            german,
            "Widerrufen für p1@example.com, p2@example.com. Widerruf für p3@example.com \
             nicht möglich: Diese Einladung wurde bereits angenommen."
        );
    }
}
