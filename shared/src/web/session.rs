//! The sign-in session: a random token in a short-lived cookie (HttpOnly, SameSite=Lax,
//! Secure over https); the table keeps only its hash, with who signed in and the CSRF
//! token the session's forms carry.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::auth::Caller;
use crate::domain::EmailAddress;

pub const SESSION_COOKIE: &str = "cc_session";
pub const SESSION_LIFETIME: Duration = Duration::hours(1);

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

/// Builds the cookies pages set.
pub struct SessionCookie;

impl SessionCookie {
    pub fn build(name: &str, value: &str, path: &str, max_age: Duration, secure: bool) -> String {
        cookie::Cookie::build((name.to_owned(), value.to_owned()))
            .path(path.to_owned())
            .http_only(true)
            .secure(secure)
            .same_site(cookie::SameSite::Lax)
            .max_age(max_age)
            .build()
            .to_string()
    }
}

/// The value of cookie `name` in a `Cookie` header, if present and not empty.
pub fn read_cookie<'a>(header: Option<&'a str>, name: &str) -> Option<&'a str> {
    cookie::Cookie::split_parse(header?)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .and_then(|cookie| cookie.value_raw())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_read_back_by_name_only() {
        let header = "other=1; cc_connect_x=nonce-value; cc_connect_tiktok=t";
        assert_eq!(
            read_cookie(Some(header), "cc_connect_x"),
            Some("nonce-value")
        );
        assert_eq!(read_cookie(Some(header), "cc_connect_youtube"), None);
        assert_eq!(read_cookie(None, "cc_connect_x"), None);
        assert_eq!(read_cookie(Some("cc_connect_x="), "cc_connect_x"), None);
    }

    #[test]
    fn session_cookies_are_http_only_lax_and_secure_over_https() {
        let cookie = SessionCookie::build(SESSION_COOKIE, "v", "/", Duration::hours(1), true);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Secure")
        );
        let local = SessionCookie::build(SESSION_COOKIE, "v", "/", Duration::hours(1), false);
        assert!(!local.contains("Secure"));
    }
}
