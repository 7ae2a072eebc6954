//! Who is acting: a person the identity provider vouched for (or a client's connect
//! link), and their page session.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{DisplayName, EmailAddress, UserId};

/// The authenticated person behind a request (from a bearer JWT or a page session).
#[derive(Debug, Clone)]
pub struct Caller {
    /// The issuer's stable subject identifier.
    pub user_id: UserId,
    pub email: Option<EmailAddress>,
    pub email_verified: bool,
    /// Their name as the identity provider has it, control characters removed.
    pub name: Option<DisplayName>,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor::Person(self.user_id.clone())
    }
}

/// Who started something that finishes later (a connect's consent): a person, or a
/// client's connect link (by its token's hash; its holder has no identity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    Person(UserId),
    ConnectLink(String),
}

/// A signed-in person on our pages: stored under the hash of the token in their cookie.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub user_id: UserId,
    #[serde(default)]
    pub email: Option<EmailAddress>,
    pub email_verified: bool,
    #[serde(default)]
    pub name: Option<DisplayName>,
    /// Forms of this session carry it; a POST without it is refused.
    pub csrf: String,
    /// Set when the page is used through a client's connect link (the hash of its
    /// token) rather than by a signed-in person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: OffsetDateTime,
}

impl Session {
    pub fn caller(&self) -> Caller {
        Caller {
            user_id: self.user_id.clone(),
            email: self.email.clone(),
            email_verified: self.email_verified,
            name: self.name.clone(),
        }
    }

    /// Who acts through this session.
    pub fn actor(&self) -> Actor {
        match &self.link {
            Some(hash) => Actor::ConnectLink(hash.clone()),
            None => Actor::Person(self.user_id.clone()),
        }
    }

    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        now < self.expires_at
    }
}
