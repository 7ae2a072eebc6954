//! The cookies our pages and the connect flow set: each HttpOnly, SameSite=Lax (they must
//! ride along a top-level redirect back from a platform or the identity provider),
//! Secure over https, scoped to the narrowest path that reads it. Over https their names
//! carry the `__Host-` prefix where the path is `/` and `__Secure-` elsewhere, so a
//! sibling subdomain or a plain-http page cannot plant one; they are read back only by
//! that name.

use lambda_http::http::header::SET_COOKIE;
use lambda_http::http::HeaderValue;
use lambda_http::{Body, Response};
use time::Duration;

use crate::config::Config;
use crate::domain::Platform;
use crate::error::AppError;

/// The sign-in session (a random token; the table keeps its hash).
pub const SESSION_COOKIE: &str = "cc_session";
/// Binds a sign-in in progress to the browser that started it.
pub const LOGIN_COOKIE: &str = "cc_login";
/// A connect link's token, so its pages work without a login.
pub const LINK_COOKIE: &str = "cc_link";
/// The accounts of one consent waiting for the person's choice.
pub const CHOICE_COOKIE: &str = "cc_choice";
/// The language the person chose from a page's menu.
pub const LANGUAGE_COOKIE: &str = "cc_lang";
/// How long a chosen language is remembered.
const LANGUAGE_REMEMBERED: Duration = Duration::days(365);

/// One cookie to set (or clear, with a zero lifetime).
#[derive(Debug, Clone)]
pub struct Cookie {
    pub name: String,
    value: String,
    path: String,
    max_age: Duration,
    secure: bool,
}

impl Cookie {
    fn new(
        name: impl Into<String>,
        value: &str,
        path: String,
        max_age: Duration,
        secure: bool,
    ) -> Self {
        let path = if path.is_empty() {
            "/".to_owned()
        } else {
            path
        };
        let name = name.into();
        let name = match (secure, path.as_str()) {
            (false, _) => name,
            (true, "/") => format!("__Host-{name}"),
            (true, _) => format!("__Secure-{name}"),
        };
        Self {
            name,
            value: value.to_owned(),
            path,
            max_age,
            secure,
        }
    }

    /// This cookie's value in a `Cookie` header, read by its exact (prefixed) name.
    pub fn read_from<'a>(&self, header: Option<&'a str>) -> Option<&'a str> {
        read_cookie(header, &self.name)
    }

    /// The same cookie, expired: the browser forgets it.
    pub fn cleared(mut self) -> Self {
        self.value.clear();
        self.max_age = Duration::ZERO;
        self
    }

    /// The `Set-Cookie` header value.
    pub fn header(&self) -> String {
        cookie::Cookie::build((self.name.clone(), self.value.clone()))
            .path(self.path.clone())
            .http_only(true)
            .secure(self.secure)
            .same_site(cookie::SameSite::Lax)
            .max_age(self.max_age)
            .build()
            .to_string()
    }

    pub fn set_on(&self, response: &mut Response<Body>) -> Result<(), AppError> {
        let value = HeaderValue::from_str(&self.header()).map_err(AppError::internal)?;
        response.headers_mut().append(SET_COOKIE, value);
        Ok(())
    }
}

/// Binds a connect to the browser that started it; scoped to that platform's callback.
pub fn connect_binding(config: &Config, platform: Platform, nonce: &str) -> Cookie {
    let path = format!(
        "{}/oauth/callback/{}",
        config.oauth.api_base_url.path().trim_end_matches('/'),
        platform.as_str()
    );
    Cookie::new(
        format!("cc_connect_{}", platform.as_str()),
        nonce,
        path,
        crate::service::connect::STATE_LIFETIME,
        config.oauth.secure_cookies,
    )
}

pub fn session_cookie(config: &Config, token: &str, lifetime: Duration) -> Cookie {
    Cookie::new(
        SESSION_COOKIE,
        token,
        config.base_path().to_owned(),
        lifetime,
        config.secure_cookies(),
    )
}

pub fn login_cookie(config: &Config, nonce: &str, lifetime: Duration) -> Cookie {
    Cookie::new(
        LOGIN_COOKIE,
        nonce,
        config.base_path().to_owned(),
        lifetime,
        config.secure_cookies(),
    )
}

/// A connect link acts on the connect pages only.
pub fn link_cookie(config: &Config, token: &str, lifetime: Duration) -> Cookie {
    let path = format!("{}/connect", config.base_path());
    Cookie::new(LINK_COOKIE, token, path, lifetime, config.secure_cookies())
}

/// The choice page's token, read only there.
pub fn choice_cookie(config: &Config, token: &str) -> Cookie {
    let path = format!("{}/connect/choose", config.base_path());
    Cookie::new(
        CHOICE_COOKIE,
        token,
        path,
        crate::service::connect::STATE_LIFETIME,
        config.secure_cookies(),
    )
}

/// The language chosen from the menu, for every page.
pub fn language_cookie(config: &Config, tag: &str) -> Cookie {
    Cookie::new(
        LANGUAGE_COOKIE,
        tag,
        config.base_path().to_owned(),
        LANGUAGE_REMEMBERED,
        config.secure_cookies(),
    )
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
    fn over_https_cookie_names_carry_the_prefix_their_path_allows() {
        let root = Cookie::new("cc_session", "v", "/".into(), Duration::hours(1), true);
        assert!(
            root.header().starts_with("__Host-cc_session=v"),
            "{}",
            root.header()
        );
        let scoped = Cookie::new("cc_link", "v", "/connect".into(), Duration::hours(1), true);
        assert!(scoped.header().starts_with("__Secure-cc_link=v"));
        let local = Cookie::new("cc_session", "v", "/".into(), Duration::hours(1), false);
        assert_eq!(local.name, "cc_session");
        assert_eq!(
            root.read_from(Some("cc_session=planted; __Host-cc_session=ours")),
            Some("ours")
        );
        assert_eq!(
            root.read_from(Some("cc_session=planted")),
            None,
            "an unprefixed cookie is not ours"
        );
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let cookie =
            Cookie::new(SESSION_COOKIE, "v", "/".into(), Duration::hours(1), true).header();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Secure")
        );
        let local =
            Cookie::new(SESSION_COOKIE, "v", "/".into(), Duration::hours(1), false).header();
        assert!(!local.contains("Secure"));
        let cleared = Cookie::new(SESSION_COOKIE, "v", "/".into(), Duration::hours(1), true)
            .cleared()
            .header();
        assert!(cleared.contains("Max-Age=0"));
    }
}
