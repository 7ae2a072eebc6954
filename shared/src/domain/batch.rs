//! Several people of a workspace's clients acted on at once: what may be asked in one
//! batch. Each person is then acted on by the same rules as alone; only the size and
//! shape of the request are the batch's own.

use std::collections::HashSet;

use super::{InvitationId, Unparsable};

/// What a batch does to each of its people, as the one-person routes do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BatchAction {
    /// A new link, as `resend-invite` (open invitations).
    Resend,
    /// The invitation withdrawn, as `revoke-invite` (open invitations).
    Revoke,
    /// The person leaves their client, as `remove-person`: an accepted one is
    /// deactivated, a pending invitation revoked.
    Remove,
}

impl BatchAction {
    /// The verb, as a sentence about the batch says it ("could not revoke …").
    pub fn verb(self) -> &'static str {
        match self {
            BatchAction::Resend => "resend",
            BatchAction::Revoke => "revoke",
            BatchAction::Remove => "remove",
        }
    }

    /// The verb, done ("Revoked …").
    pub fn done(self) -> &'static str {
        match self {
            BatchAction::Resend => "Resent to",
            BatchAction::Revoke => "Revoked",
            BatchAction::Remove => "Removed",
        }
    }
}

/// The people of one batch: at least one, at most [`PeopleBatch::MAX`], each once, in
/// the order asked (the reply keeps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleBatch(Vec<InvitationId>);

/// Why a list of people is not a batch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotABatch {
    #[error("no person was named")]
    Empty,
    #[error("{asked} people were named")]
    TooLarge { asked: usize },
    #[error("{0} is named more than once")]
    Repeated(InvitationId),
    #[error("{0}")]
    Unparsable(Unparsable),
}

impl PeopleBatch {
    /// The most people one request acts on: each costs up to a handful of AWS round
    /// trips and an email, and the whole batch must finish well within one request's
    /// time.
    pub const MAX: usize = 25;

    /// The ids as a request spells them (a person's id is their invitation's).
    pub fn parse<S: AsRef<str>>(raw: &[S]) -> Result<Self, NotABatch> {
        if raw.is_empty() {
            return Err(NotABatch::Empty);
        }
        // Counted before parsing: an oversized list is refused whatever it holds.
        if raw.len() > Self::MAX {
            return Err(NotABatch::TooLarge { asked: raw.len() });
        }
        let mut seen = HashSet::with_capacity(raw.len());
        let mut ids = Vec::with_capacity(raw.len());
        for value in raw {
            let id: InvitationId = value.as_ref().parse().map_err(NotABatch::Unparsable)?;
            // Two spellings of one UUID are one person: compared once parsed.
            if !seen.insert(id.clone()) {
                return Err(NotABatch::Repeated(id));
            }
            ids.push(id);
        }
        Ok(Self(ids))
    }

    pub fn ids(&self) -> &[InvitationId] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true: a batch names at least one person.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(count: usize) -> Vec<String> {
        (0..count)
            .map(|_| InvitationId::generate().to_string())
            .collect()
    }

    #[test]
    fn a_batch_keeps_the_people_in_the_order_asked() {
        let raw = ids(3);
        let batch = PeopleBatch::parse(&raw).unwrap();
        let kept: Vec<&str> = batch.ids().iter().map(InvitationId::as_str).collect();
        assert_eq!(kept, raw);
    }

    #[test]
    fn twenty_five_people_are_a_batch_and_twenty_six_are_not() {
        assert_eq!(PeopleBatch::parse(&ids(25)).unwrap().len(), 25);
        assert_eq!(
            PeopleBatch::parse(&ids(26)),
            Err(NotABatch::TooLarge { asked: 26 })
        );
    }

    #[test]
    fn an_empty_batch_is_refused() {
        assert_eq!(PeopleBatch::parse::<String>(&[]), Err(NotABatch::Empty));
    }

    #[test]
    fn a_person_named_twice_is_refused_even_spelt_differently() {
        let id = InvitationId::generate();
        let raw = [id.to_string(), id.to_string().to_uppercase()];
        assert_eq!(PeopleBatch::parse(&raw), Err(NotABatch::Repeated(id)));
    }

    #[test]
    fn a_value_that_is_not_an_id_is_refused() {
        assert!(matches!(
            PeopleBatch::parse(&["not-an-id"]),
            Err(NotABatch::Unparsable(_))
        ));
    }
}
