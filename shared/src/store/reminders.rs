//! Reminders of open invitations: each claimed once, with the email it counts in the
//! workspace's day, before it is sent; recorded once it went out.
//!
//! An open invitation's item counts the reminders of its current link claimed or passed
//! over (`reminded`) and waits in the due index for what comes next (`due_keys`). A
//! claim is one transaction: the count moved on from the one read, only while the
//! invitation is still open under the same link (an accept, revoke or resend meanwhile
//! refuses it), with the day's quota and the address's complaint checked; so two workers
//! handed the same reminder send it once.

use super::expr::{attr, n, s, Refs};
use super::people::{due_keys, Complaint, Quota};
use super::transaction::Transaction;
use super::{Guarded, InvitationRecord, Store, StoreError};
use crate::domain::{Change, InvitationDue, InvitationState};

/// How claiming a reminder went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderClaimed {
    Done,
    /// The workspace's emails for the day are spent.
    QuotaReached,
    /// The address marked the workspace's email as spam.
    AddressComplained,
    /// The invitation was accepted, closed, resent or reminded meanwhile.
    Changed,
}

impl Store {
    /// Claims reminder `step` of `current`'s link (the steps before it claimed or passed
    /// over), counting its email against `quota`; the invitation then waits for `next`.
    pub async fn claim_invitation_reminder(
        &self,
        current: &InvitationRecord,
        step: u8,
        next: InvitationDue,
        quota: Quota,
    ) -> Result<ReminderClaimed, StoreError> {
        let invitation = &current.invitation;
        let mut transaction = Transaction::new(ReminderClaimed::Changed);
        transaction.guard(
            self.move_on(current, step + 1, next)?,
            ReminderClaimed::Changed,
        );
        transaction.guard(
            self.count_against(&invitation.workspace_id, quota, 1)?,
            ReminderClaimed::QuotaReached,
        );
        transaction.guard(
            self.complaint_item(invitation, Complaint::Respect)?,
            ReminderClaimed::AddressComplained,
        );
        self.run(transaction, ReminderClaimed::Done).await
    }

    /// Records that the reminder claimed as the `reminded`-th of `current`'s link went
    /// out at `sent_at`, with `changes` (`Refused`: the link changed meanwhile).
    pub async fn record_invitation_reminder(
        &self,
        current: &InvitationRecord,
        reminded: u8,
        sent_at: time::OffsetDateTime,
        changes: &[Change],
    ) -> Result<Guarded, StoreError> {
        let item = self.update_invitation(
            &current.invitation,
            "SET reminded_at = :sent_at",
            Some("token_hash = :hash AND reminded = :reminded"),
            Refs::default()
                .value(":sent_at", n(sent_at.unix_timestamp()))
                .value(":hash", s(current.token_hash.as_str()))
                .value(":reminded", n(reminded)),
        )?;
        self.transact_recorded(vec![item], changes).await
    }

    /// Moves an open invitation on to `next` without a reminder now, `past` reminders
    /// claimed or passed over (its reminders are off, or one waits for tomorrow's
    /// quota): only while it is as read.
    pub async fn reschedule_invitation(
        &self,
        current: &InvitationRecord,
        past: u8,
        next: InvitationDue,
    ) -> Result<Guarded, StoreError> {
        let item = self.move_on(current, past, next)?;
        self.transact_guarded(vec![item]).await
    }

    /// Sets the reminders claimed or passed over and the invitation's place in the due
    /// index, only while it is open under the same link with the count read.
    fn move_on(
        &self,
        current: &InvitationRecord,
        past: u8,
        next: InvitationDue,
    ) -> Result<aws_sdk_dynamodb::types::TransactWriteItem, StoreError> {
        let invitation = &current.invitation;
        let (due_pk, due_sk) = due_keys(&invitation.id, next);
        let counted = if invitation.reminded == 0 {
            "(attribute_not_exists(reminded) OR reminded = :read)"
        } else {
            "reminded = :read"
        };
        self.update_invitation(
            invitation,
            "SET reminded = :past, gsi2pk = :due_pk, gsi2sk = :due_sk",
            Some(&format!(
                "#state = :pending AND token_hash = :hash AND {counted}"
            )),
            Refs::default()
                .name("#state", "state")
                .value(":pending", attr(&InvitationState::Pending)?)
                .value(":hash", s(current.token_hash.as_str()))
                .value(":read", n(invitation.reminded))
                .value(":past", n(past))
                .value(":due_pk", s(due_pk))
                .value(":due_sk", s(due_sk)),
        )
    }
}
