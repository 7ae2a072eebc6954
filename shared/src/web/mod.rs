//! Everything people see in a browser: server-rendered pages (minijinja, auto-escaped),
//! the headers every page carries, cookies, typed forms and queries, who is signed in,
//! and where a browser is sent next. Services return domain results; this module turns
//! them into pages and redirects.

pub mod agency;
pub mod consent;
mod cookies;
pub mod language;
pub mod pages;
pub mod session;
pub mod sign_in;
mod words;

use std::sync::{Arc, OnceLock};

use lambda_http::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, REFERRER_POLICY};
use lambda_http::http::{HeaderValue, StatusCode};
use lambda_http::{Body, Request, RequestExt, Response};
use minijinja::{context, AutoEscape, Environment, Value};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use cookies::{
    choice_cookie, connect_binding, language_cookie, link_cookie, login_cookie, read_cookie,
    session_cookie, Cookie, CHOICE_COOKIE, LANGUAGE_COOKIE, LINK_COOKIE, LOGIN_COOKIE,
    SESSION_COOKIE,
};
pub use pages::ConnectQuery;

use crate::config::Config;
use crate::crypto::random_url_safe;
use crate::domain::{Landing, Platform};
use crate::error::AppError;
use crate::service::accounts::Outcome;
use crate::service::connect::ConnectFinished;

/// The page templates, compiled into the binary and parsed on first use (functions that
/// render no page never parse them), once per cold start.
static TEMPLATE_ENV: OnceLock<Result<Environment<'static>, Arc<minijinja::Error>>> =
    OnceLock::new();

const TEMPLATES: [(&str, &str); 13] = [
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
    (
        "choose.html",
        include_str!("../../templates/pages/choose.html"),
    ),
    (
        "agency_base.html",
        include_str!("../../templates/pages/agency_base.html"),
    ),
    (
        "agency_clients.html",
        include_str!("../../templates/pages/agency_clients.html"),
    ),
    (
        "agency_invite_link.html",
        include_str!("../../templates/pages/agency_invite_link.html"),
    ),
    (
        "agency_client_rights.html",
        include_str!("../../templates/pages/agency_client_rights.html"),
    ),
    (
        "agency_connections.html",
        include_str!("../../templates/pages/agency_connections.html"),
    ),
    (
        "agency_rights.html",
        include_str!("../../templates/pages/agency_rights.html"),
    ),
    (
        "agency_pick.html",
        include_str!("../../templates/pages/agency_pick.html"),
    ),
];

fn templates() -> Result<&'static Environment<'static>, AppError> {
    TEMPLATE_ENV
        .get_or_init(|| {
            let mut env = Environment::new();
            env.set_auto_escape_callback(|_| AutoEscape::Html);
            crate::lang::teach_words(&mut env);
            for (name, source) in TEMPLATES {
                env.add_template(name, source).map_err(Arc::new)?;
            }
            Ok(env)
        })
        .as_ref()
        .map_err(|error| {
            AppError::internal_because("a page template does not parse", Arc::clone(error))
        })
}

/// Renders `template` with `context` plus the style nonce the CSP allows, in the page's
/// language (`lang`, for `<html lang>` and the words) with its language menu.
pub fn render(template: &str, context: Value) -> Result<RenderedPage, AppError> {
    let nonce = random_url_safe();
    let context = context! {
        nonce => nonce.clone(),
        lang => crate::lang::current().tag(),
        languages => language::menu(),
        ..context
    };
    let html = templates()?
        .get_template(template)
        .and_then(|page| page.render(context))
        .map_err(AppError::internal)?;
    Ok(RenderedPage { html, nonce })
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
            "default-src 'none'; style-src 'nonce-{0}'; script-src 'nonce-{0}'; img-src https: data:; \
             form-action 'self' {1}; frame-ancestors 'none'; base-uri 'none'",
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
        "strict-transport-security",
        HeaderValue::from_static(crate::http::STRICT_TRANSPORT_SECURITY),
    );
    headers.insert(
        "content-security-policy",
        HeaderValue::from_str(csp).map_err(AppError::internal)?,
    );
    Ok(())
}

/// A 303 to `location`, setting the given cookies.
pub fn see_other(location: &str, cookies: &[Cookie]) -> Result<Response<Body>, AppError> {
    let mut response = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(LOCATION, location)
        .body(Body::Empty)
        .map_err(AppError::internal)?;
    for cookie in cookies {
        cookie.set_on(&mut response)?;
    }
    secure_headers(&mut response, "default-src 'none'; frame-ancestors 'none'")?;
    Ok(response)
}

/// The page a connect lands on after the platform's consent: fixed by who started it,
/// never a URL from the request; the browser-binding cookie is cleared.
pub fn landing_after_consent(
    config: &Config,
    platform: Platform,
    finished: &ConnectFinished,
) -> Result<Response<Body>, AppError> {
    if let (Outcome::ChooseAccounts, Some(choice)) = (finished.outcome, &finished.choice) {
        // On to our page where the person picks the accounts; that page keeps the token
        // in a cookie of its own and takes it out of the address bar.
        let mut location = config.page_url("/connect/choose");
        location.query_pairs_mut().append_pair("choice", choice);
        return see_other(
            location.as_str(),
            &[connect_binding(config, platform, "").cleared()],
        );
    }
    let mut location = config.page_url(landing_path(finished.landing));
    {
        let mut pairs = location.query_pairs_mut();
        if let Some(workspace) = &finished.workspace {
            pairs.append_pair("workspace", workspace.as_str());
        }
        pairs.append_pair("platform", platform.as_str());
        pairs.append_pair("result", finished.outcome.slug());
        if let Some(id) = &finished.connection_id {
            pairs.append_pair("connection_id", id.as_str());
        }
        if !finished.missing.is_empty() {
            pairs.append_pair("missing", &finished.missing.join(";"));
        }
    }
    see_other(
        location.as_str(),
        &[connect_binding(config, platform, "").cleared()],
    )
}

/// The page a person lands on after connecting, fixed by who started it.
pub fn landing_path(landing: Landing) -> &'static str {
    match landing {
        Landing::ClientConnectPage => "/connect",
        Landing::AgencyConnectionsPage => "/workspace/connections",
    }
}

/// A form (`application/x-www-form-urlencoded`) as its typed shape: repeated fields
/// (ticked boxes) into a `Vec`, an empty field into `None`.
pub fn form_body<T: DeserializeOwned>(request: &Request) -> Result<T, AppError> {
    let bytes: &[u8] = match request.body() {
        Body::Text(text) => text.as_bytes(),
        Body::Binary(bytes) => bytes,
        _ => b"",
    };
    serde_html_form::from_bytes(bytes).map_err(|error| AppError::InvalidBody(error.to_string()))
}

/// A page's query string as its typed shape, by the same rules as a form.
pub fn query_form<T: DeserializeOwned>(request: &Request) -> Result<T, AppError> {
    let pairs: Vec<(&str, &str)> = request
        .query_string_parameters_ref()
        .map(|params| params.iter().collect())
        .unwrap_or_default();
    let encoded = serde_html_form::to_string(&pairs).map_err(AppError::internal)?;
    serde_html_form::from_str(&encoded)
        .map_err(|error| AppError::InvalidParameter(format!("the page's address: {error}")))
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

/// A page that explains instead of doing: expired links, wrong accounts, failures.
pub fn message_page(
    status: StatusCode,
    workspace_name: &str,
    title: &str,
    message: &str,
) -> Result<Response<Body>, AppError> {
    render(
        "message.html",
        context! { workspace_name, title, message, logo_url => Option::<String>::None },
    )?
    .respond(status, &[])
}

/// Turns a refusal into a page a person can act on; other errors stay errors.
pub fn explain(error: AppError) -> Result<Response<Body>, AppError> {
    let (title, status) = match &error {
        AppError::InviteLinkNotFound => ("This link does not work", StatusCode::NOT_FOUND),
        AppError::AlreadyMember(_) => ("You are already in this workspace", StatusCode::CONFLICT),
        AppError::NoSeatLeft { .. } => ("This workspace is full", StatusCode::CONFLICT),
        AppError::InvitationExpired => ("This invitation has expired", StatusCode::GONE),
        AppError::InvitationRevoked => ("This invitation was withdrawn", StatusCode::GONE),
        AppError::InvitationAlreadyAccepted => {
            ("This invitation was already accepted", StatusCode::CONFLICT)
        }
        AppError::ClientRemoved => ("This access has ended", StatusCode::GONE),
        AppError::EmailMismatch | AppError::EmailNotVerified => {
            ("Sign in with the invited address", StatusCode::FORBIDDEN)
        }
        AppError::NotWorkspaceMember
        | AppError::NotWorkspaceAdmin
        | AppError::PlatformNotAllowed(..)
        | AppError::DisconnectNotAllowed => ("You cannot do this here", StatusCode::FORBIDDEN),
        AppError::ConnectionNotFound => ("This connection is gone", StatusCode::NOT_FOUND),
        AppError::TwoFactorRequired => ("Sign in with a second factor", StatusCode::FORBIDDEN),
        AppError::ConnectLinkNeedsSignIn => {
            ("This connect link no longer works", StatusCode::FORBIDDEN)
        }
        AppError::InvalidToken(_) => ("Please sign in again", StatusCode::UNAUTHORIZED),
        _ => return Err(error),
    };
    message_page(status, "Client Connect", title, &error.to_string())
}

/// What a page answers when it fails: a page a person can read (a browser shows
/// problem+json as raw text), with the status of the problem; a refusal explained as
/// [`explain`] does, anything else by its title and detail (which for our own failures
/// says nothing of the cause). Logged as the API logs a failure.
pub fn failure_page(error: AppError) -> Result<Response<Body>, AppError> {
    crate::http::log_failure(&error);
    error_page(error)
}

/// A failure as a page a person can read: a refusal explained as [`explain`] does,
/// anything else by its title and detail (our own failures say nothing of the cause).
pub fn error_page(error: AppError) -> Result<Response<Body>, AppError> {
    explain(error).or_else(|error| {
        let title = if error.is_internal() {
            "Something went wrong"
        } else {
            error.title()
        };
        message_page(error.status(), "Client Connect", title, &error.to_string())
    })
}

/// A banner: what happened (`ok`) or what went wrong (`bad`).
#[derive(Serialize)]
pub struct Notice {
    kind: &'static str,
    text: String,
}

impl Notice {
    pub fn ok(text: impl Into<String>) -> Self {
        Self {
            kind: "ok",
            text: text.into(),
        }
    }

    pub fn bad(text: impl Into<String>) -> Self {
        Self {
            kind: "bad",
            text: text.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_page_query_is_read_into_its_typed_shape() {
        let request = Request::new(Body::Empty).with_query_string_parameters(HashMap::from([
            ("workspace".to_owned(), "ws-1".to_owned()),
            ("status".to_owned(), "<bogus>".to_owned()),
        ]));
        let query: agency::AgencyQuery = query_form(&request).unwrap();
        assert_eq!(query.workspace.as_deref(), Some("ws-1"));
        assert_eq!(query.status.as_deref(), Some("<bogus>"));
    }
}
