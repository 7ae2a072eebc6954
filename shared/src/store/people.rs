//! The people of clients: invitations, their links, acceptance, removal, and the seats
//! they take.

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem};
use time::{Duration, OffsetDateTime};

use super::cursor::{Cursor, Listing};
use super::expr::{attr, check, delete, key, n, put, s, to_item, update, Item, Refs};
use super::items::{ClientItem, InvitationItem, Keyed, MemberItem, PendingGuard, TokenPointer};
use super::transaction::{old_text, Transaction};
use super::{keys, InvitationRecord, Store, StoreError};
use crate::crypto::TokenHash;
use crate::domain::{
    Change, Client, ClientId, Delivery, EmailAddress, Invitation, InvitationDue, InvitationId,
    InvitationState, Member, MemberStatus, Narrowing, PersonStatus, Role, SeatCount, UserId,
    WorkspaceId,
};

/// The seat version a change counted seats under: written (bumped) with the change, so
/// of two changes that both counted the last free seat, one fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatGuard {
    pub version: u64,
}

/// How opening an invitation went: inviting a person, or giving an invitation a new
/// link.
#[derive(Debug, PartialEq, Eq)]
pub enum Opened {
    Done,
    /// This email already has another open invitation in the workspace.
    EmailPending(InvitationId),
    /// Another change took a seat meanwhile: count again.
    SeatTaken,
    /// The client was deleted meanwhile.
    ClientGone,
    /// The workspace sent its invitation emails for the day.
    QuotaReached,
    /// The address marked the workspace's email as spam; the agency has not confirmed.
    AddressComplained,
    /// Something else changed at the same moment (for a new link: the invitation was
    /// accepted, revoked or resent).
    Changed,
}

/// The terms every opening of an invitation link is written under (a new invitation,
/// or a new link for an open one).
#[derive(Debug, Clone, Copy)]
pub struct Opening {
    /// How long the invitation stays listed after its link expires.
    pub retention: Duration,
    /// The seat it takes, guarded by the version it was counted under.
    pub seat: Option<SeatGuard>,
    pub quota: Quota,
    pub complaint: Complaint,
}

/// What an opening does about an address that marked the workspace's email as spam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complaint {
    /// Refuse to email it (`Opened::AddressComplained`).
    Respect,
    /// The agency confirmed: email it, and forget the complaint.
    Lift,
}

/// The daily limit of a workspace's emails an opening (or a reconnect email) counts
/// against.
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub per_day: u32,
    pub now: OffsetDateTime,
}

impl Opened {
    /// The refusal of the one-per-email guard: the invitation that holds it, as the
    /// guard was.
    fn email_pending(guard: &Item) -> Self {
        old_text(guard, "invitation_id")
            .and_then(|raw| raw.parse().ok())
            .map_or(Opened::Changed, Opened::EmailPending)
    }
}

/// How accepting went.
#[derive(Debug, PartialEq, Eq)]
pub enum Accepted {
    Done,
    /// The person is already an active member of the workspace.
    AlreadyMember,
    ClientGone,
    /// The invitation changed meanwhile.
    Changed,
}

/// How giving one person a new narrowing of their client's rights went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Narrowed {
    Done,
    /// The client was deleted meanwhile.
    ClientGone,
    /// The person (their invitation or membership) changed meanwhile.
    Changed,
    /// Another change took a seat, or gave the client the right to publish, meanwhile.
    SeatTaken,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct ComplaintItem {
    /// The invitation whose email was marked as spam.
    invitation_id: InvitationId,
}

/// The attribute holding an open invitation's link token, sealed, so its reminders
/// carry the very link its email did; removed once the invitation is accepted or closed.
pub(super) const SEALED_LINK: &str = "sealed_link_token";

/// Where an open invitation waits in the due index: its next reminder's partition, or
/// the expiry's, by that time.
pub(super) fn due_keys(id: &InvitationId, due: InvitationDue) -> (String, String) {
    let (kind, at) = match due {
        InvitationDue::Reminder(at) => (keys::REMINDERS_DUE, at),
        InvitationDue::Expiry(at) => (keys::INVITATIONS_EXPIRING, at),
    };
    (
        keys::due_pk(kind, id.as_str()),
        keys::due_sk(at, id.as_str()),
    )
}

/// A workspace's members and invitations, as the seats are counted from them.
#[derive(Default)]
struct People {
    members: Vec<Member>,
    invitations: Vec<Invitation>,
}

impl People {
    /// The seats they hold, given the clients they belong to.
    fn seats(&self, clients: Vec<Client>, now: OffsetDateTime) -> SeatCount {
        let clients = clients
            .into_iter()
            .map(|client| (client.client_id.clone(), client))
            .collect();
        SeatCount::of(&self.members, &self.invitations, &clients, now)
    }
}

/// One page of a workspace's people, newest first.
pub struct PeoplePage {
    pub invitations: Vec<Invitation>,
    pub next_cursor: Option<Cursor>,
}

impl Store {
    pub async fn invitation(
        &self,
        workspace: &WorkspaceId,
        id: &InvitationId,
    ) -> Result<Option<InvitationRecord>, StoreError> {
        let stored: Option<InvitationItem> = self
            .get_value(keys::workspace_pk(workspace), keys::invitation_sk(id))
            .await?;
        Ok(stored.map(InvitationRecord::from))
    }

    pub async fn token(&self, hash: &TokenHash) -> Result<Option<TokenPointer>, StoreError> {
        self.get_value(keys::token_pk(hash), keys::TOKEN_SK.to_owned())
            .await
    }

    /// Seats taken now: active agency members, people of active clients who may publish,
    /// and open invitations that would make such a person (expired ones excluded). One
    /// query of the workspace's partition.
    pub async fn seats_in_use(
        &self,
        workspace: &WorkspaceId,
        now: OffsetDateTime,
    ) -> Result<u32, StoreError> {
        // Clients, invitations and members sort between `CLIENT#` and `MEMBER#…`.
        let (people, clients) = self.seat_holders(workspace, keys::CLIENT_PREFIX).await?;
        Ok(people.seats(clients, now).total())
    }

    /// The seats in use now, and were `changed` (a client of the workspace) given its
    /// rights: read as [`Store::seats_in_use`] reads them, consistently, so a person
    /// invited a moment ago counts (the by-client index may not show them yet).
    pub async fn seats_in_use_with(
        &self,
        workspace: &WorkspaceId,
        now: OffsetDateTime,
        changed: &Client,
    ) -> Result<(u32, u32), StoreError> {
        let (people, clients) = self.seat_holders(workspace, keys::CLIENT_PREFIX).await?;
        let after: Vec<Client> = clients
            .iter()
            .map(|client| {
                if client.client_id == changed.client_id {
                    changed.clone()
                } else {
                    client.clone()
                }
            })
            .collect();
        Ok((
            people.seats(clients, now).total(),
            people.seats(after, now).total(),
        ))
    }

    /// Seats taken now, by who holds them, read from the workspace's people only (its
    /// invitations and members, then the clients they belong to by key): never its list
    /// of clients or its connections, so what a page or the host's seat route reads
    /// grows with the people, not with the clients or accounts.
    pub async fn seat_count(
        &self,
        workspace: &WorkspaceId,
        now: OffsetDateTime,
    ) -> Result<SeatCount, StoreError> {
        // Invitations, the invite link and members sort between `INVITE#` and `MEMBER#…`.
        let (people, _) = self.seat_holders(workspace, keys::INVITE_PREFIX).await?;
        let named = SeatCount::clients_to_read(&people.members, &people.invitations, now);
        let clients = if named.is_empty() {
            Vec::new()
        } else {
            self.clients_named(workspace, &named).await?
        };
        Ok(people.seats(clients, now))
    }

    /// The members, invitations and clients whose sort keys run from `from` to the last
    /// member; the connections among them are left out by the filter, so never sent.
    async fn seat_holders(
        &self,
        workspace: &WorkspaceId,
        from: &str,
    ) -> Result<(People, Vec<Client>), StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND sk BETWEEN :from AND :to")
            .filter_expression("NOT begins_with(sk, :connection)")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":from", s(from))
            .expression_attribute_values(":to", s(format!("{}\u{10FFFF}", keys::MEMBER_PREFIX)))
            .expression_attribute_values(":connection", s(keys::CONNECTION_PREFIX))
            .consistent_read(true);
        let mut people = People::default();
        let mut clients = Vec::new();
        for item in self.query_all(query).await? {
            let sk = item
                .get("sk")
                .and_then(|sk| sk.as_s().ok())
                .cloned()
                .unwrap_or_default();
            if sk.starts_with(keys::CLIENT_PREFIX) {
                clients.push(Self::parse::<Keyed<ClientItem>>(item)?.value.client);
            } else if sk.starts_with(keys::MEMBER_PREFIX) {
                people
                    .members
                    .push(Self::parse::<Keyed<Member>>(item)?.value);
            } else if sk.starts_with(keys::INVITE_PREFIX) {
                let invitation = Self::parse::<Keyed<InvitationItem>>(item)?.value;
                people.invitations.push(invitation.invitation);
            }
        }
        Ok((people, clients))
    }

    /// A page of people, newest first, optionally only those in one status.
    pub async fn list_people(
        &self,
        workspace: &WorkspaceId,
        status: Option<PersonStatus>,
        limit: i32,
        cursor: Option<&Cursor>,
        now: OffsetDateTime,
    ) -> Result<PeoplePage, StoreError> {
        let filter = status_filter(status, now)?;
        let (items, next_cursor) = self
            .page(
                workspace,
                Listing::People,
                keys::INVITE_PREFIX,
                limit,
                cursor,
                |query| match filter {
                    Some((filter, values)) => values.into_iter().fold(
                        query
                            .filter_expression(filter)
                            .expression_attribute_names("#state", "state"),
                        |query, (placeholder, value)| {
                            query.expression_attribute_values(placeholder, value)
                        },
                    ),
                    None => query,
                },
            )
            .await?;
        let invitations = Self::listed::<InvitationItem>(&items)
            .into_iter()
            .map(|stored| stored.invitation)
            .collect();
        Ok(PeoplePage {
            invitations,
            next_cursor,
        })
    }

    /// Whether someone with this email is already an active member of the workspace (an
    /// agency member or a client's person): one query of its memberships, filtered.
    pub async fn active_member_with_email(
        &self,
        workspace: &WorkspaceId,
        email: &EmailAddress,
    ) -> Result<bool, StoreError> {
        let query = self
            .db()
            .await
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :member)")
            .filter_expression("email = :email AND #status = :active")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":pk", s(keys::workspace_pk(workspace)))
            .expression_attribute_values(":member", s(keys::MEMBER_PREFIX))
            .expression_attribute_values(":email", s(email.as_str()))
            .expression_attribute_values(":active", attr(&MemberStatus::Active)?)
            .projection_expression("pk")
            .consistent_read(true);
        Ok(!self.query_all(query).await?.is_empty())
    }

    /// Invites a person: the invitation, its link, the one-per-email guard, the seat it
    /// takes (if any), and the client (made here when `new_client`, else checked still
    /// active), in one transaction: a refused invitation leaves no client behind.
    pub async fn insert_invitation(
        &self,
        invitation: &Invitation,
        new_client: Option<&Client>,
        token: &TokenHash,
        sealed_link: &str,
        opening: Opening,
        changes: &[Change],
    ) -> Result<Opened, StoreError> {
        let client = match new_client {
            Some(client) => self.put_new_client(client)?,
            None => self.client_takes_a_person(
                &invitation.workspace_id,
                &invitation.client_id,
                opening.seat.is_none() && invitation.narrowing.may_publish(),
            )?,
        };
        let mut transaction = Transaction::new(Opened::Changed);
        let ttl = self.guard_opening(&mut transaction, invitation, client, opening)?;
        transaction.guard(
            self.put_new_invitation(invitation, token, Some(ttl), Some(sealed_link))?,
            Opened::Changed,
        );
        transaction.guard(self.put_token(token, invitation)?, Opened::Changed);
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, Opened::Done).await
    }

    /// The guards every opening of a link is written under, the refusal that says most
    /// first: one open invitation per email, the client (`client`: made, or checked still
    /// active), the day's quota, the address's complaint, and the seat it takes (if
    /// any). `opened` is the invitation as opened; its item's TTL is returned.
    fn guard_opening(
        &self,
        transaction: &mut Transaction<Opened>,
        opened: &Invitation,
        client: TransactWriteItem,
        opening: Opening,
    ) -> Result<i64, StoreError> {
        let Opening {
            retention,
            seat,
            quota,
            complaint,
        } = opening;
        let workspace = &opened.workspace_id;
        let ttl = (opened.expires_at + retention).unix_timestamp();
        transaction.guard_reading(
            self.put_pending_guard(opened, ttl, quota.now)?,
            Opened::email_pending,
        );
        transaction.guard_reading(client, |item| {
            seat_or_client_refusal(item, Opened::SeatTaken, Opened::ClientGone)
        });
        transaction.guard(
            self.count_against(workspace, quota, 1)?,
            Opened::QuotaReached,
        );
        transaction.guard(
            self.complaint_item(opened, complaint)?,
            Opened::AddressComplained,
        );
        if let Some(guard) = seat {
            transaction.guard(self.take_seat(workspace, guard)?, Opened::SeatTaken);
        }
        Ok(ttl)
    }

    /// A new invitation item with the hash of its link, only if it is not there yet.
    pub(super) fn put_new_invitation(
        &self,
        invitation: &Invitation,
        token: &TokenHash,
        ttl: Option<i64>,
        sealed_link: Option<&str>,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut item = to_item(&Keyed {
            pk: keys::workspace_pk(&invitation.workspace_id),
            sk: keys::invitation_sk(&invitation.id),
            ttl,
            value: InvitationItem::of(invitation, token),
        })?;
        // An open invitation waits in the due index, for its next reminder then its
        // expiry, until it is accepted or closed.
        if invitation.state == InvitationState::Pending {
            let (pk, sk) = due_keys(&invitation.id, invitation.next_due(invitation.reminded));
            item.insert("gsi2pk".into(), s(pk));
            item.insert("gsi2sk".into(), s(sk));
        }
        if let Some(sealed) = sealed_link {
            item.insert(SEALED_LINK.into(), s(sealed));
        }
        put(
            &self.table,
            item,
            Some("attribute_not_exists(pk)"),
            Refs::default(),
        )
    }

    /// `emails` more emails of the workspace today (invitations and the agency's
    /// reconnect emails alike), refused past the day's limit. The caller refuses more
    /// emails than a whole day allows before writing.
    pub(super) fn count_against(
        &self,
        workspace: &WorkspaceId,
        quota: Quota,
        emails: u32,
    ) -> Result<TransactWriteItem, StoreError> {
        let day = quota.now.date();
        let expires = day.midnight().assume_utc() + Duration::days(2);
        update(
            &self.table,
            key(keys::workspace_pk(workspace), keys::quota_sk(day)),
            "SET sent = if_not_exists(sent, :zero) + :emails, #ttl = :ttl",
            Some("attribute_not_exists(sent) OR sent <= :most"),
            Refs::default()
                .name("#ttl", "ttl")
                .value(":zero", n(0))
                .value(":emails", n(emails))
                .value(":most", n(i64::from(quota.per_day) - i64::from(emails)))
                .value(":ttl", n(expires.unix_timestamp())),
        )
    }

    /// Gives an open invitation a new link and a new expiry; the old link stops
    /// working. An expired invitation that takes a seat takes it again (`seat`). Its
    /// email is being sent from now (`sent_at`, which the resend cooldown counts from),
    /// and SES's feedback on the previous email no longer applies (`message_id` goes).
    pub async fn replace_link(
        &self,
        current: &InvitationRecord,
        new_token: &TokenHash,
        sealed_link: &str,
        expires_at: OffsetDateTime,
        opening: Opening,
    ) -> Result<Opened, StoreError> {
        let invitation = &current.invitation;
        let renewed = Invitation {
            expires_at,
            delivery: Delivery::Sending,
            sent_at: Some(opening.quota.now),
            reminded: 0,
            reminded_at: None,
            ..invitation.clone()
        };
        // Its reminders start again from this email.
        let (due_pk, due_sk) = due_keys(&invitation.id, renewed.next_due(0));
        let client = self.client_takes_a_person(
            &invitation.workspace_id,
            &invitation.client_id,
            opening.seat.is_none() && invitation.narrowing.may_publish(),
        )?;
        let mut transaction = Transaction::new(Opened::Changed);
        let invitation_ttl = self.guard_opening(&mut transaction, &renewed, client, opening)?;
        transaction.guard(
            self.update_invitation(
                invitation,
                "SET token_hash = :new_hash, expires_at = :expires_at, #ttl = :ttl, delivery = :sending, \
                 sent_at = :now, gsi2pk = :due_pk, gsi2sk = :due_sk, reminded = :zero, \
                 #sealed = :sealed REMOVE message_id, reminded_at",
                Some("#state = :pending AND token_hash = :old_hash"),
                Refs::default()
                    .name("#ttl", "ttl")
                    .name("#state", "state")
                    .value(":new_hash", s(new_token.as_str()))
                    .value(":old_hash", s(current.token_hash.as_str()))
                    .value(":expires_at", n(expires_at.unix_timestamp()))
                    .value(":ttl", n(invitation_ttl))
                    .value(":sending", attr(&Delivery::Sending)?)
                    .value(":now", n(opening.quota.now.unix_timestamp()))
                    .value(":pending", attr(&InvitationState::Pending)?)
                    .value(":due_pk", s(due_pk))
                    .value(":due_sk", s(due_sk))
                    .value(":zero", n(0))
                    .name("#sealed", SEALED_LINK)
                    .value(":sealed", s(sealed_link)),
            )?,
            Opened::Changed,
        );
        transaction.add_all([delete(
            &self.table,
            key(keys::token_pk(&current.token_hash), keys::TOKEN_SK),
            None,
            Refs::default(),
        )?]);
        transaction.guard(self.put_token(new_token, &renewed)?, Opened::Changed);
        self.run(transaction, Opened::Done).await
    }

    /// Records whether the email for the link `token` went out: when SES took it, at
    /// `sent_at` as `message_id` (`Refused`: the link was replaced meanwhile).
    pub async fn record_delivery(
        &self,
        invitation: &Invitation,
        token: &TokenHash,
        delivery: Delivery,
        sent: Option<(OffsetDateTime, &str)>,
        changes: &[Change],
    ) -> Result<super::Guarded, StoreError> {
        let refs = Refs::default()
            .value(":delivery", attr(&delivery)?)
            .value(":hash", s(token.as_str()));
        let (expression, refs) = match sent {
            Some((at, message_id)) => (
                "SET delivery = :delivery, sent_at = :sent_at, message_id = :message_id",
                refs.value(":sent_at", n(at.unix_timestamp()))
                    .value(":message_id", s(message_id)),
            ),
            None => (
                "SET delivery = :delivery, sent_at = :sent_at REMOVE message_id",
                refs.value(":sent_at", AttributeValue::Null(true)),
            ),
        };
        let item =
            self.update_invitation(invitation, expression, Some("token_hash = :hash"), refs)?;
        let items = vec![item];
        self.transact_recorded(items, changes).await
    }

    /// Makes the invitee a person of the client: the invitation accepted, the
    /// membership, the email free again, the client still active.
    pub async fn accept(
        &self,
        current: &InvitationRecord,
        member: &Member,
        now: OffsetDateTime,
        changes: &[Change],
    ) -> Result<Accepted, StoreError> {
        let invitation = &current.invitation;
        // A client deleted meanwhile says most; then a changed invitation (accepted by a
        // double click, revoked, resent), which also explains a membership already there.
        let mut transaction = Transaction::new(Accepted::Changed);
        transaction.guard(
            self.client_is_active(&invitation.workspace_id, &invitation.client_id)?,
            Accepted::ClientGone,
        );
        transaction.guard(
            self.update_invitation(
                invitation,
                "SET #state = :accepted, accepted_at = :now, accepted_by = :user \
                 REMOVE #ttl, gsi2pk, gsi2sk, #sealed",
                Some("#state = :pending AND token_hash = :hash AND expires_at > :now"),
                Refs::default()
                    .name("#state", "state")
                    .name("#ttl", "ttl")
                    .value(":accepted", attr(&InvitationState::Accepted)?)
                    .value(":pending", attr(&InvitationState::Pending)?)
                    .value(":now", n(now.unix_timestamp()))
                    .value(":user", s(member.user_id.as_str()))
                    .value(":hash", s(current.token_hash.as_str()))
                    .name("#sealed", SEALED_LINK),
            )?,
            Accepted::Changed,
        );
        transaction.guard(self.put_person(member, true)?, Accepted::AlreadyMember);
        transaction.guard(self.delete_pending_guard(invitation)?, Accepted::Changed);
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, Accepted::Done).await
    }

    /// Gives one person of a client `narrowing`: their invitation, and their membership
    /// once they joined, each only while still as read; the client moves its people
    /// version on (a change of its rights counts the seats again), and `seat` is claimed
    /// when they now take one. `seatless`: they take none although `narrowing` lets them
    /// publish, so the client must still not publish.
    pub async fn narrow_person(
        &self,
        invitation: &Invitation,
        narrowing: &Narrowing,
        seatless: bool,
        seat: Option<SeatGuard>,
        changes: &[Change],
    ) -> Result<Narrowed, StoreError> {
        let workspace = &invitation.workspace_id;
        let mut transaction = Transaction::new(Narrowed::Changed);
        transaction.guard_reading(
            self.client_takes_a_person(workspace, &invitation.client_id, seatless)?,
            |item| seat_or_client_refusal(item, Narrowed::SeatTaken, Narrowed::ClientGone),
        );
        transaction.guard(
            self.update_invitation(
                invitation,
                "SET #narrowing = :narrowing",
                Some("#state = :state"),
                Refs::default()
                    .name("#narrowing", "narrowing")
                    .name("#state", "state")
                    .value(":narrowing", attr(narrowing)?)
                    .value(":state", attr(&invitation.state)?),
            )?,
            Narrowed::Changed,
        );
        if let Some(user) = invitation.accepted_by.as_ref() {
            transaction.guard(
                update(
                    &self.table,
                    key(keys::workspace_pk(workspace), keys::member_sk(user)),
                    "SET #narrowing = :narrowing",
                    Some("#status = :active AND person_id = :person"),
                    Refs::default()
                        .name("#narrowing", "narrowing")
                        .name("#status", "status")
                        .value(":narrowing", attr(narrowing)?)
                        .value(":active", attr(&MemberStatus::Active)?)
                        .value(":person", s(invitation.id.as_str())),
                )?,
                Narrowed::Changed,
            );
        }
        if let Some(guard) = seat {
            transaction.guard(self.take_seat(workspace, guard)?, Narrowed::SeatTaken);
        }
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, Narrowed::Done).await
    }

    /// Records what SES reported about the email `message_id` of an invitation: its
    /// delivery goes from `from` (as read) to `to`, and for a complaint, the workspace
    /// does not email the address again unconfirmed. Only while the invitation's email is
    /// still that one and its delivery still `from`: a redelivered event, or one racing
    /// another, writes nothing and records no second change (`Refused`).
    pub async fn record_feedback(
        &self,
        invitation: &Invitation,
        message_id: &str,
        from: Delivery,
        to: Delivery,
        changes: &[Change],
    ) -> Result<super::Guarded, StoreError> {
        let delivery = to;
        let mut items = vec![self.update_invitation(
            invitation,
            "SET delivery = :delivery",
            Some("message_id = :message_id AND delivery = :from"),
            Refs::default()
                .value(":delivery", attr(&to)?)
                .value(":from", attr(&from)?)
                .value(":message_id", s(message_id)),
        )?];
        if delivery == Delivery::Complained {
            items.push(put(
                &self.table,
                to_item(&Keyed {
                    pk: keys::workspace_pk(&invitation.workspace_id),
                    sk: keys::complained_sk(&invitation.email),
                    ttl: None,
                    value: ComplaintItem {
                        invitation_id: invitation.id.clone(),
                    },
                })?,
                None,
                Refs::default(),
            )?);
        }
        self.transact_recorded(items, changes).await
    }

    /// Refuses an address that complained, or lifts its complaint.
    pub(super) fn complaint_item(
        &self,
        invitation: &Invitation,
        complaint: Complaint,
    ) -> Result<TransactWriteItem, StoreError> {
        let at = key(
            keys::workspace_pk(&invitation.workspace_id),
            keys::complained_sk(&invitation.email),
        );
        match complaint {
            Complaint::Respect => {
                check(&self.table, at, "attribute_not_exists(pk)", Refs::default())
            }
            Complaint::Lift => delete(&self.table, at, None, Refs::default()),
        }
    }

    /// Takes an invitation whose link expired out of the expiry index, recording its
    /// expiry (`Refused`: it was accepted, closed or renewed meanwhile).
    pub async fn mark_expired(
        &self,
        invitation: &Invitation,
        now: OffsetDateTime,
        changes: &[Change],
    ) -> Result<super::Guarded, StoreError> {
        let items = vec![self.update_invitation(
            invitation,
            "REMOVE gsi2pk, gsi2sk, #sealed",
            Some("#state = :pending AND expires_at <= :now"),
            Refs::default()
                .name("#state", "state")
                .name("#sealed", SEALED_LINK)
                .value(":pending", attr(&InvitationState::Pending)?)
                .value(":now", n(now.unix_timestamp())),
        )?];
        self.transact_recorded(items, changes).await
    }

    /// Closes an open invitation.
    pub async fn revoke(
        &self,
        invitation: &Invitation,
        retention: Duration,
        now: OffsetDateTime,
        changes: &[Change],
    ) -> Result<super::Guarded, StoreError> {
        let items = vec![
            self.close(
                invitation,
                InvitationState::Pending,
                InvitationState::Revoked,
                retention,
                now,
            )?,
            self.delete_pending_guard(invitation)?,
        ];
        self.transact_recorded(items, changes).await
    }

    /// Ends one person's membership: their invitation closed, their member deactivated.
    pub async fn remove_person(
        &self,
        invitation: &Invitation,
        user: &UserId,
        retention: Duration,
        now: OffsetDateTime,
        changes: &[Change],
    ) -> Result<super::Guarded, StoreError> {
        let items = vec![
            self.close(
                invitation,
                InvitationState::Accepted,
                InvitationState::Removed,
                retention,
                now,
            )?,
            self.deactivate(&invitation.workspace_id, user)?,
        ];
        self.transact_recorded(items, changes).await
    }

    /// Closes what is left of a deleted client's people, a few at a time (its deletion
    /// already cut their access): pending invitations revoked, people removed.
    pub async fn close_people(
        &self,
        people: &[Invitation],
        retention: Duration,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        for invitation in people {
            let items = match (invitation.state, &invitation.accepted_by) {
                (InvitationState::Pending, _) => vec![
                    self.close(
                        invitation,
                        InvitationState::Pending,
                        InvitationState::Revoked,
                        retention,
                        now,
                    )?,
                    self.delete_pending_guard(invitation)?,
                ],
                (InvitationState::Accepted, Some(user)) => vec![
                    self.close(
                        invitation,
                        InvitationState::Accepted,
                        InvitationState::Removed,
                        retention,
                        now,
                    )?,
                    self.deactivate(&invitation.workspace_id, user)?,
                ],
                _ => continue,
            };
            // A person closed meanwhile needs nothing more.
            self.transact_guarded(items).await?;
        }
        Ok(())
    }

    // ----- building blocks -----

    /// A person's membership. By invitation (`rejoining`), someone removed earlier may
    /// come back; an agency member is never overwritten.
    pub(super) fn put_person(
        &self,
        member: &Member,
        rejoining: bool,
    ) -> Result<TransactWriteItem, StoreError> {
        let condition = if rejoining {
            "attribute_not_exists(pk) OR (#role = :client AND #status = :deactivated)"
        } else {
            "attribute_not_exists(pk)"
        };
        let refs = if rejoining {
            Refs::default()
                .name("#role", "role")
                .name("#status", "status")
                .value(":client", attr(&Role::Client)?)
                .value(":deactivated", attr(&MemberStatus::Deactivated)?)
        } else {
            Refs::default()
        };
        put(
            &self.table,
            to_item(&MemberItem::keyed(member))?,
            Some(condition),
            refs,
        )
    }

    fn deactivate(
        &self,
        workspace: &WorkspaceId,
        user: &UserId,
    ) -> Result<TransactWriteItem, StoreError> {
        update(
            &self.table,
            key(keys::workspace_pk(workspace), keys::member_sk(user)),
            "SET #status = :deactivated",
            Some("attribute_exists(pk) AND #role = :client"),
            Refs::default()
                .name("#status", "status")
                .name("#role", "role")
                .value(":deactivated", attr(&MemberStatus::Deactivated)?)
                .value(":client", attr(&Role::Client)?),
        )
    }

    /// A condition that the client exists and is active, which also moves its people
    /// version on: a change of its rights counted its seats under the version it read,
    /// so it cannot miss a person added (or invited again) meanwhile. `seatless`: the
    /// person was written without a seat although their own rights would let them
    /// publish, so the client must still not publish (a change of its rights made
    /// meanwhile refuses this write, which is counted again: [`seat_or_client_refusal`]).
    pub(super) fn client_takes_a_person(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
        seatless: bool,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut condition = String::from("#state = :active");
        let mut refs = Refs::default()
            .name("#state", "state")
            .value(":active", attr(&crate::domain::ClientState::Active)?)
            .value(":zero", n(0))
            .value(":one", n(1));
        if seatless {
            condition.push_str(
                " AND (attribute_not_exists(#permissions.publish_posts) \
                 OR #permissions.publish_posts = :no)",
            );
            refs = refs
                .name("#permissions", "permissions")
                .value(":no", AttributeValue::Bool(false));
        }
        super::expr::update(
            &self.table,
            key(keys::workspace_pk(workspace), keys::client_sk(client)),
            "SET people_version = if_not_exists(people_version, :zero) + :one",
            Some(&condition),
            refs,
        )
    }

    /// A condition that the client exists and is active.
    pub(super) fn client_is_active(
        &self,
        workspace: &WorkspaceId,
        client: &ClientId,
    ) -> Result<TransactWriteItem, StoreError> {
        super::expr::check(
            &self.table,
            key(keys::workspace_pk(workspace), keys::client_sk(client)),
            "#state = :active",
            Refs::default()
                .name("#state", "state")
                .value(":active", attr(&crate::domain::ClientState::Active)?),
        )
    }

    fn close(
        &self,
        invitation: &Invitation,
        from: InvitationState,
        to: InvitationState,
        retention: Duration,
        now: OffsetDateTime,
    ) -> Result<TransactWriteItem, StoreError> {
        self.update_invitation(
            invitation,
            "SET #state = :to, closed_at = :now, #ttl = :ttl REMOVE gsi2pk, gsi2sk, #sealed",
            Some("#state = :from"),
            Refs::default()
                .name("#state", "state")
                .name("#sealed", SEALED_LINK)
                .name("#ttl", "ttl")
                .value(":to", attr(&to)?)
                .value(":from", attr(&from)?)
                .value(":now", n(now.unix_timestamp()))
                .value(":ttl", n((now + retention).unix_timestamp())),
        )
    }

    /// An update of the invitation's own item.
    pub(super) fn update_invitation(
        &self,
        invitation: &Invitation,
        expression: &str,
        condition: Option<&str>,
        refs: Refs,
    ) -> Result<TransactWriteItem, StoreError> {
        update(
            &self.table,
            key(
                keys::workspace_pk(&invitation.workspace_id),
                keys::invitation_sk(&invitation.id),
            ),
            expression,
            condition,
            refs,
        )
    }

    fn put_token(
        &self,
        token: &TokenHash,
        invitation: &Invitation,
    ) -> Result<TransactWriteItem, StoreError> {
        let expires_at = invitation.expires_at.unix_timestamp();
        let item = Keyed {
            pk: keys::token_pk(token),
            sk: keys::TOKEN_SK.to_owned(),
            ttl: Some(expires_at),
            value: TokenPointer {
                workspace_id: invitation.workspace_id.clone(),
                invitation_id: invitation.id.clone(),
                expires_at,
            },
        };
        put(
            &self.table,
            to_item(&item)?,
            Some("attribute_not_exists(pk)"),
            Refs::default(),
        )
    }

    /// The guard lives as long as the invitation record; one whose TTL has passed but
    /// that DynamoDB has not deleted yet counts as gone.
    fn put_pending_guard(
        &self,
        invitation: &Invitation,
        ttl: i64,
        now: OffsetDateTime,
    ) -> Result<TransactWriteItem, StoreError> {
        let item = Keyed {
            pk: keys::workspace_pk(&invitation.workspace_id),
            sk: keys::pending_sk(&invitation.email),
            ttl: Some(ttl),
            value: PendingGuard {
                workspace_id: invitation.workspace_id.clone(),
                invitation_id: invitation.id.clone(),
            },
        };
        put(
            &self.table,
            to_item(&item)?,
            Some("attribute_not_exists(pk) OR invitation_id = :id OR #ttl <= :now"),
            Refs::default()
                .name("#ttl", "ttl")
                .value(":id", s(invitation.id.as_str()))
                .value(":now", n(now.unix_timestamp())),
        )
    }

    fn delete_pending_guard(
        &self,
        invitation: &Invitation,
    ) -> Result<TransactWriteItem, StoreError> {
        delete(
            &self.table,
            key(
                keys::workspace_pk(&invitation.workspace_id),
                keys::pending_sk(&invitation.email),
            ),
            Some("attribute_not_exists(pk) OR invitation_id = :id"),
            Refs::default().value(":id", s(invitation.id.as_str())),
        )
    }
}

/// A filter expression and the values it refers to.
type Filter = (&'static str, Vec<(&'static str, AttributeValue)>);

/// The filter expression for one listed status; expiry is computed against `now`.
fn status_filter(
    status: Option<PersonStatus>,
    now: OffsetDateTime,
) -> Result<Option<Filter>, StoreError> {
    let Some(status) = status else {
        return Ok(None);
    };
    let now = n(now.unix_timestamp());
    let state = |value: InvitationState| attr(&value);
    Ok(Some(match status {
        PersonStatus::Invited => (
            "#state = :state AND expires_at > :now",
            vec![(":state", state(InvitationState::Pending)?), (":now", now)],
        ),
        PersonStatus::Expired => (
            "#state = :state AND expires_at <= :now",
            vec![(":state", state(InvitationState::Pending)?), (":now", now)],
        ),
        PersonStatus::Active => (
            "#state = :state",
            vec![(":state", state(InvitationState::Accepted)?)],
        ),
        PersonStatus::Revoked => (
            "#state = :state",
            vec![(":state", state(InvitationState::Revoked)?)],
        ),
        PersonStatus::Deactivated => (
            "#state = :state",
            vec![(":state", state(InvitationState::Removed)?)],
        ),
    }))
}

/// What a refused condition on a client that takes a person means: gone (deleted
/// meanwhile), else its rights changed meanwhile so that the person now takes a seat:
/// count the seats again (`seat`).
pub(super) fn seat_or_client_refusal<R>(item: &Item, seat: R, gone: R) -> R {
    if client_was_active(item) {
        seat
    } else {
        gone
    }
}

/// Whether a client's item, as it was when a condition on it failed, was active.
pub(super) fn client_was_active(item: &Item) -> bool {
    let active = attr(&crate::domain::ClientState::Active)
        .ok()
        .and_then(|value| value.as_s().ok().cloned());
    old_text(item, "state").is_some() && old_text(item, "state") == active
}
