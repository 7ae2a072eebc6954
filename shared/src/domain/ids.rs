//! Identifiers, parsed from what a request carries: a value that parses is a valid id,
//! so nothing past the parser checks again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Longest part of a refused value echoed back in an error.
const ECHO_LIMIT: usize = 64;

/// A request's value is not the id it is meant to be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{raw:?} is not a {what}")]
pub struct Unparsable {
    pub what: &'static str,
    pub raw: String,
}

impl Unparsable {
    pub fn new(what: &'static str, raw: &str) -> Self {
        Self {
            what,
            raw: raw.chars().take(ECHO_LIMIT).collect(),
        }
    }
}

/// Ids we generate: UUID v7, time-ordered, so a descending key query lists the newest
/// first. Parsing accepts any UUID spelling and keeps the canonical one.
macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::Unparsable;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(raw)
                    .map(|id| Self(id.hyphenated().to_string()))
                    .map_err(|_| $crate::domain::Unparsable::new($what, raw))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

pub(crate) use uuid_id;

uuid_id!(
    /// A change's id (an event's, an audit line's): stable across retries of its
    /// publishing, so the host can deduplicate (publishing is at least once).
    EventId,
    "event id"
);
uuid_id!(
    /// One invitation of one person (once accepted, that person's id in the client).
    InvitationId,
    "invitation id"
);
uuid_id!(
    /// A connected platform account; stable across reconnects of the same account.
    ConnectionId,
    "connection id"
);
uuid_id!(
    /// One consent that several connections live on (the YouTube channels or LinkedIn
    /// profile and Pages chosen together): ending it at the platform ends them all.
    GrantId,
    "grant id"
);

/// A person, as the identity provider knows them (its `sub`): 1 to 255 characters, no
/// control characters, no `#` (it becomes part of keys).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserId(String);

impl UserId {
    /// Ids of this prefix are ours; the identity provider's are refused if they use it.
    const RESERVED_PREFIX: &'static str = "cc:";

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Who "connected" an account through a client's connect link (its holder has no
    /// identity of their own).
    pub fn connect_link() -> Self {
        Self(format!("{}connect-link", Self::RESERVED_PREFIX))
    }

    /// Who "invited" a person who joined through the workspace's invite link.
    pub fn invite_link() -> Self {
        Self(format!("{}invite-link", Self::RESERVED_PREFIX))
    }

    /// The author of an item the data migration rewrote without knowing who made it.
    pub fn migration() -> Self {
        Self(format!("{}migration", Self::RESERVED_PREFIX))
    }

    /// Whether this id is one of ours, never a person's.
    pub fn is_reserved(&self) -> bool {
        self.0.starts_with(Self::RESERVED_PREFIX)
    }
}

impl FromStr for UserId {
    type Err = Unparsable;
    fn from_str(raw: &str) -> Result<Self, Unparsable> {
        let valid =
            !raw.is_empty() && raw.len() <= 255 && !raw.chars().any(|c| c.is_control() || c == '#');
        if valid {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Unparsable::new("user id", raw))
        }
    }
}

impl TryFrom<String> for UserId {
    type Error = Unparsable;
    fn try_from(raw: String) -> Result<Self, Unparsable> {
        raw.parse()
    }
}

impl From<UserId> for String {
    fn from(id: UserId) -> Self {
        id.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A workspace of the host product. Its ids appear in keys, so only a conservative
/// alphabet is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WorkspaceId(String);

impl WorkspaceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for WorkspaceId {
    type Err = Unparsable;
    fn from_str(raw: &str) -> Result<Self, Unparsable> {
        let valid = !raw.is_empty()
            && raw.len() <= 64
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if valid {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Unparsable::new("workspace id", raw))
        }
    }
}

impl TryFrom<String> for WorkspaceId {
    type Error = Unparsable;
    fn try_from(raw: String) -> Result<Self, Unparsable> {
        raw.parse()
    }
}

impl From<WorkspaceId> for String {
    fn from(id: WorkspaceId) -> Self {
        id.0
    }
}

impl fmt::Display for WorkspaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How many items a page of a list holds: 1 to 100, 25 unless asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(i32);

impl PageSize {
    pub const MAX: i32 = 100;

    pub fn get(self) -> i32 {
        self.0
    }
}

impl PageSize {
    /// The largest page: what a list that used to return everything returns by default.
    pub fn largest() -> Self {
        Self(Self::MAX)
    }
}

impl Default for PageSize {
    fn default() -> Self {
        Self(25)
    }
}

impl FromStr for PageSize {
    type Err = Unparsable;
    fn from_str(raw: &str) -> Result<Self, Unparsable> {
        raw.parse::<i32>()
            .ok()
            .filter(|size| (1..=Self::MAX).contains(size))
            .map(Self)
            .ok_or_else(|| Unparsable::new("limit between 1 and 100", raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_ids_parse_to_their_canonical_spelling() {
        let id: InvitationId = "0193A3F2-7C6D-7E00-8000-00000000ABCD".parse().unwrap();
        assert_eq!(id.as_str(), "0193a3f2-7c6d-7e00-8000-00000000abcd");
        assert!("not-a-uuid".parse::<ConnectionId>().is_err());
    }

    #[test]
    fn workspace_ids_keep_to_a_key_safe_alphabet() {
        assert!("acme_social-1".parse::<WorkspaceId>().is_ok());
        for raw in ["", "a#b", "a b", "ws/1", &"w".repeat(65)] {
            assert!(raw.parse::<WorkspaceId>().is_err(), "{raw:?}");
        }
    }

    #[test]
    fn user_ids_are_the_providers_subjects_minus_what_would_break_a_key() {
        assert!("auth0|abc-123".parse::<UserId>().is_ok());
        for raw in ["", "a#b", "line\nbreak", &"u".repeat(256)] {
            assert!(raw.parse::<UserId>().is_err(), "{raw:?}");
        }
    }

    #[test]
    fn a_refused_value_is_echoed_only_in_part() {
        let error = "x".repeat(10_000).parse::<WorkspaceId>().unwrap_err();
        assert!(error.to_string().len() < 100);
    }

    #[test]
    fn page_sizes_stay_between_1_and_100() {
        assert_eq!("100".parse::<PageSize>().map(PageSize::get), Ok(100));
        for raw in ["0", "101", "-1", "ten", ""] {
            assert!(raw.parse::<PageSize>().is_err(), "{raw:?}");
        }
        assert_eq!(PageSize::default().get(), 25);
    }

    #[test]
    fn generated_ids_are_time_ordered() {
        let first = ConnectionId::generate();
        let second = ConnectionId::generate();
        assert!(first < second);
    }
}
