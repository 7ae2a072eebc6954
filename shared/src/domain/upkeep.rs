//! The background upkeep as work items: what one queue message asks the worker to do,
//! and how a dispatcher run shares its budget among the shards of the due index so that
//! no shard, however full, starves the others.

use serde::{Deserialize, Serialize};

use super::{ClientId, ConnectionId, InvitationId, WorkspaceId};

/// One piece of upkeep, one SQS message: small, self-describing, safe to deliver twice
/// (the worker reads the item and does only what is still due).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Task {
    /// Keep a connection alive, or tell the truth about it (renewal, check, deadline,
    /// notice).
    Connection {
        workspace_id: WorkspaceId,
        connection_id: ConnectionId,
    },
    /// Record that an open invitation's link expired.
    InvitationExpiry {
        workspace_id: WorkspaceId,
        invitation_id: InvitationId,
    },
    /// Remind the person of an open invitation, if a reminder is still due.
    InvitationReminder {
        workspace_id: WorkspaceId,
        invitation_id: InvitationId,
    },
    /// Remind the people of a connection the agency asked to reconnect, if nobody did.
    ReconnectReminder {
        workspace_id: WorkspaceId,
        connection_id: ConnectionId,
    },
    /// Remind a client's people to connect an account assigned to it with their own
    /// credentials, if they still have not.
    AssignmentReminder {
        workspace_id: WorkspaceId,
        connection_id: ConnectionId,
        client_id: ClientId,
    },
}

/// Splits `budget` among `shards` that still have due work: evenly, the remainder one
/// each to the shards from the `turn`-th on (runs take turns), so a shard full of
/// failing work takes no more than its share, and with a budget smaller than the shards
/// every shard still gets its turn.
pub fn fair_shares(budget: usize, shards: usize, turn: usize) -> Vec<usize> {
    if shards == 0 {
        return Vec::new();
    }
    let (each, extra) = (budget / shards, budget % shards);
    (0..shards)
        .map(|shard| each + usize::from((shard + shards - turn % shards) % shards < extra))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_is_shared_evenly_and_never_exceeded() {
        assert_eq!(fair_shares(100, 16, 0).iter().sum::<usize>(), 100);
        assert_eq!(fair_shares(100, 16, 0)[0], 7);
        assert_eq!(fair_shares(100, 16, 0)[15], 6);
        let served = fair_shares(3, 16, 0)
            .iter()
            .filter(|share| **share > 0)
            .count();
        assert_eq!(served, 3);
        assert!(fair_shares(10, 0, 0).is_empty());
    }

    #[test]
    fn a_budget_smaller_than_the_shards_reaches_every_shard_in_turn() {
        let mut served = [false; 16];
        for turn in 0..6 {
            for (shard, share) in fair_shares(3, 16, turn * 3).into_iter().enumerate() {
                served[shard] |= share > 0;
            }
        }
        assert!(served.iter().all(|served| *served), "{served:?}");
    }

    #[test]
    fn a_task_is_a_small_self_describing_message() {
        let task = Task::Connection {
            workspace_id: "ws-1".parse().unwrap(),
            connection_id: "0190f3a2-7b1c-7cde-8f00-1234567890ab".parse().unwrap(),
        };
        let body = serde_json::to_string(&task).unwrap();
        assert_eq!(
            body,
            r#"{"task":"connection","workspace_id":"ws-1","connection_id":"0190f3a2-7b1c-7cde-8f00-1234567890ab"}"#
        );
        assert_eq!(serde_json::from_str::<Task>(&body).unwrap(), task);
    }
}
