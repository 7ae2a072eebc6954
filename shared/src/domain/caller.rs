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
    /// When they signed in with a second factor, if this sign-in had one (see
    /// [`SignInMethods`]).
    pub second_factor_at: Option<OffsetDateTime>,
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
    /// When the sign-in behind this session used a second factor, if it did.
    #[serde(default, with = "time::serde::timestamp::option")]
    pub second_factor_at: Option<OffsetDateTime>,
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
            second_factor_at: self.second_factor_at,
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

/// What the identity provider asserted about how a person signed in, and the one rule
/// for whether that counts as a second factor: the OpenID Connect `amr` claim (RFC 8176)
/// lists `mfa`, which issuers add when two or more distinct factors were used (Cognito
/// does for a password with a TOTP, SMS or email code), or the `acr` claim names one
/// of the levels this deployment asks for when it wants a second factor (Cognito's
/// `urn:cognito:loa:3`/`4`, configured, never assumed). A bare `otp` or `hwk` without
/// `mfa` does not count: on its own it may be the only factor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInMethods {
    pub amr: Vec<String>,
    pub acr: Option<String>,
}

/// The `amr` value (RFC 8176 §2) that says several factors were used.
pub const MULTIPLE_FACTORS: &str = "mfa";

impl SignInMethods {
    /// When the second factor was proven (`authenticated_at`: the token's `auth_time`,
    /// else its `iat`), if these methods prove one; `accepted_acr` are the `acr` levels
    /// that count.
    pub fn second_factor_at(
        &self,
        accepted_acr: &[String],
        authenticated_at: OffsetDateTime,
    ) -> Option<OffsetDateTime> {
        let by_amr = self.amr.iter().any(|method| method == MULTIPLE_FACTORS);
        let by_acr = self
            .acr
            .as_ref()
            .is_some_and(|acr| accepted_acr.contains(acr));
        (by_amr || by_acr).then_some(authenticated_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn methods(amr: &[&str], acr: Option<&str>) -> SignInMethods {
        SignInMethods {
            amr: amr.iter().map(|method| (*method).to_owned()).collect(),
            acr: acr.map(str::to_owned),
        }
    }

    #[test]
    fn a_sign_in_that_asserts_several_factors_proves_a_second_one() {
        let at = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(
            methods(&["pwd", "otp", "mfa"], None).second_factor_at(&[], at),
            Some(at)
        );
    }

    #[test]
    fn a_password_or_a_lone_code_is_not_a_second_factor() {
        let at = OffsetDateTime::UNIX_EPOCH;
        for amr in [&["pwd"][..], &["otp"], &["hwk"], &[]] {
            assert_eq!(methods(amr, None).second_factor_at(&[], at), None);
        }
    }

    #[test]
    fn an_acr_level_counts_only_when_the_deployment_accepts_it() {
        let at = OffsetDateTime::UNIX_EPOCH;
        let loa4 = methods(&["pwd", "otp"], Some("urn:cognito:loa:4"));
        assert_eq!(loa4.second_factor_at(&[], at), None);
        let accepted = ["urn:cognito:loa:4".to_owned()];
        assert_eq!(loa4.second_factor_at(&accepted, at), Some(at));
        let loa1 = methods(&["pwd"], Some("urn:cognito:loa:1"));
        assert_eq!(loa1.second_factor_at(&accepted, at), None);
    }
}
