//! Seats: what the workspace's plan pays for, and who holds one. Active agency members,
//! people of active clients who may publish, and open invitations that would make such
//! a person each hold one; everyone else (people who only connect, expired, revoked or
//! removed invitations, deleted clients' people) holds none.
//!
//! The host is the source of truth for its own staff, so an agency member it provisions
//! is accepted even when that takes the workspace over its seats ([`Seats::over_limit`]
//! says so); a change that would add a publishing client's person is what the limit
//! refuses ([`super::Workspace::seat_for`]).

use std::collections::HashMap;

use serde::Serialize;
use time::OffsetDateTime;

use super::{Client, ClientId, Invitation, Member, PersonStatus, Plan, Role, Workspace};

/// Seats held now, by who holds them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeatCount {
    /// Active owners, admins and members of the agency.
    pub agency_members: u32,
    /// Active people of active clients who may publish.
    pub publishing_people: u32,
    /// Unexpired invitations that would make a person who may publish.
    pub waiting_invitations: u32,
}

impl SeatCount {
    /// Counts the holders among `members` and `invitations`; `clients` must hold every
    /// client they name (one missing holds no seat: it was deleted).
    pub fn of(
        members: &[Member],
        invitations: &[Invitation],
        clients: &HashMap<ClientId, Client>,
        now: OffsetDateTime,
    ) -> Self {
        let publishes = |client: &ClientId, narrowing| {
            clients
                .get(client)
                .filter(|client| client.is_active())
                .is_some_and(|client| client.rights(Some(narrowing)).permissions.takes_a_seat())
        };
        let active = || members.iter().filter(|member| member.is_active());
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            agency_members: count(active().filter(|m| m.role != Role::Client).count()),
            publishing_people: count(
                active()
                    .filter(|m| m.client().is_some_and(|c| publishes(c, &m.narrowing)))
                    .count(),
            ),
            waiting_invitations: count(
                invitations
                    .iter()
                    .filter(|invitation| invitation.status_at(now) == PersonStatus::Invited)
                    .filter(|invitation| publishes(&invitation.client_id, &invitation.narrowing))
                    .count(),
            ),
        }
    }

    /// The clients whose rights decide whether these people hold a seat: those of
    /// active people and of unexpired invitations.
    pub fn clients_to_read(
        members: &[Member],
        invitations: &[Invitation],
        now: OffsetDateTime,
    ) -> Vec<ClientId> {
        let mut ids: Vec<ClientId> = members
            .iter()
            .filter(|member| member.is_active())
            .filter_map(|member| member.client().cloned())
            .chain(
                invitations
                    .iter()
                    .filter(|invitation| invitation.status_at(now) == PersonStatus::Invited)
                    .map(|invitation| invitation.client_id.clone()),
            )
            .collect();
        ids.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        ids.dedup();
        ids
    }

    pub fn total(&self) -> u32 {
        self.agency_members
            .saturating_add(self.publishing_people)
            .saturating_add(self.waiting_invitations)
    }
}

/// A workspace's seats as the host and the agency see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Seats {
    pub plan: Plan,
    /// What the plan pays for.
    pub limit: u32,
    pub in_use: u32,
    /// More seats held than paid for (the host provisioned members, or lowered the
    /// limit, past it): nobody who would publish is let in until some are freed.
    pub over_limit: bool,
    pub by_kind: SeatCount,
}

impl Seats {
    /// No seat is free: a change that would add a publishing person is refused.
    pub fn full(&self) -> bool {
        self.in_use >= self.limit
    }
}

impl Workspace {
    /// Its seats, with `count` held now.
    pub fn seats(&self, count: SeatCount) -> Seats {
        let in_use = count.total();
        Seats {
            plan: self.plan,
            limit: self.seats,
            in_use,
            over_limit: in_use > self.seats,
            by_kind: count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workspace::tests::workspace;

    fn count(agency_members: u32) -> SeatCount {
        SeatCount {
            agency_members,
            publishing_people: 1,
            waiting_invitations: 1,
        }
    }

    #[test]
    fn seats_held_past_the_limit_are_over_it_and_full() {
        let seats = workspace(4).seats(count(3));
        assert_eq!(
            (seats.in_use, seats.over_limit, seats.full()),
            (5, true, true)
        );
    }

    #[test]
    fn seats_held_up_to_the_limit_are_full_but_not_over_it() {
        let seats = workspace(5).seats(count(3));
        assert_eq!((seats.over_limit, seats.full()), (false, true));
        assert!(!workspace(6).seats(count(3)).full());
    }
}
