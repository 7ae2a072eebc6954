//! The client's pages: server-rendered HTML (minijinja, auto-escaped), the headers every
//! page carries, form parsing, and the sign-in session.

pub mod session;

use lambda_http::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, REFERRER_POLICY};
use lambda_http::http::{HeaderValue, StatusCode};
use lambda_http::{Body, Request, Response};
use minijinja::{AutoEscape, Environment, Value};
use serde::de::DeserializeOwned;

pub use session::{read_cookie, Session, SessionCookie, SESSION_COOKIE};

use crate::crypto::random_url_safe;
use crate::error::AppError;

pub struct Pages {
    env: Environment<'static>,
}

impl Pages {
    pub fn load() -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        for (name, source) in [
            ("base.html", include_str!("../../templates/pages/base.html")),
            (
                "invite.html",
                include_str!("../../templates/pages/invite.html"),
            ),
            (
                "connect.html",
                include_str!("../../templates/pages/connect.html"),
            ),
            (
                "message.html",
                include_str!("../../templates/pages/message.html"),
            ),
            ("join.html", include_str!("../../templates/pages/join.html")),
        ] {
            env.add_template(name, source)?;
        }
        Ok(Self { env })
    }

    /// Renders `template` with `context` plus the style nonce the CSP allows.
    pub fn render(&self, template: &str, context: Value) -> Result<RenderedPage, AppError> {
        let nonce = random_url_safe();
        let context = minijinja::context! { nonce => nonce.clone(), ..context };
        let html = self
            .env
            .get_template(template)
            .and_then(|page| page.render(context))
            .map_err(AppError::internal)?;
        Ok(RenderedPage { html, nonce })
    }
}

pub struct RenderedPage {
    html: String,
    nonce: String,
}

impl RenderedPage {
    /// The page with its security headers. `form_targets` are the origins a form on it
    /// may end up at (a platform's consent page after the redirect).
    pub fn respond(
        self,
        status: StatusCode,
        form_targets: &[String],
    ) -> Result<Response<Body>, AppError> {
        let csp = format!(
            "default-src 'none'; style-src 'nonce-{}'; img-src https: data:; form-action 'self' {}; \
             frame-ancestors 'none'; base-uri 'none'",
            self.nonce,
            form_targets.join(" ")
        );
        let mut response = Response::builder()
            .status(status)
            .header(CONTENT_TYPE, "text/html; charset=utf-8")
            .body(Body::Text(self.html))
            .map_err(AppError::internal)?;
        secure_headers(&mut response, &csp)?;
        Ok(response)
    }
}

/// What every page and page redirect carries: no caching (pages carry tokens), no
/// referrer (links carry tokens), no framing, no MIME sniffing.
fn secure_headers(response: &mut Response<Body>, csp: &str) -> Result<(), AppError> {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        "content-security-policy",
        HeaderValue::from_str(csp).map_err(AppError::internal)?,
    );
    Ok(())
}

/// A 303 to `location`, setting the given cookies.
pub fn see_other(location: &str, cookies: &[String]) -> Result<Response<Body>, AppError> {
    let mut builder = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(LOCATION, location);
    for cookie in cookies {
        builder = builder.header(lambda_http::http::header::SET_COOKIE, cookie);
    }
    let mut response = builder.body(Body::Empty).map_err(AppError::internal)?;
    secure_headers(&mut response, "default-src 'none'; frame-ancestors 'none'")?;
    Ok(response)
}

/// Parses an `application/x-www-form-urlencoded` body.
pub fn form_body<T: DeserializeOwned>(request: &Request) -> Result<T, AppError> {
    let bytes: &[u8] = match request.body() {
        Body::Text(text) => text.as_bytes(),
        Body::Binary(bytes) => bytes,
        _ => b"",
    };
    serde_urlencoded::from_bytes(bytes).map_err(|error| AppError::InvalidBody(error.to_string()))
}

/// The `Cookie` header(s) of a request, joined.
pub fn cookie_header(request: &Request) -> Option<String> {
    let joined = request
        .headers()
        .get_all(lambda_http::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    (!joined.is_empty()).then_some(joined)
}
