//! Who is acting: a person the identity provider vouched for, and their page session.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::EmailAddress;

/// The authenticated person behind a request (from a bearer JWT or a page session).
#[derive(Debug, Clone)]
pub struct Caller {
    /// The issuer's stable subject identifier.
    pub user_id: String,
    pub email: Option<EmailAddress>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// A signed-in person on our pages: stored under the hash of the token in their cookie.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub user_id: String,
    #[serde(default)]
    pub email: Option<EmailAddress>,
    pub email_verified: bool,
    #[serde(default)]
    pub name: Option<String>,
    /// Forms of this session carry it; a POST without it is refused.
    pub csrf: String,
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

    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        now < self.expires_at
    }
}
