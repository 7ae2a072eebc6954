//! Everything people see in a browser: server-rendered pages (minijinja, auto-escaped),
//! the headers every page carries, cookies, typed forms and queries, who is signed in,
//! and where a browser is sent next. Services return domain results; this module turns
//! them into pages and redirects.

pub mod agency;
pub mod consent;
mod cookies;
pub mod language;
pub mod pages;
#[cfg(test)]
mod prose;
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
use crate::lang::Arg;
use crate::service::accounts::Outcome;
use crate::service::connect::ConnectFinished;

/// The page templates, compiled into the binary and parsed on first use (functions that
/// render no page never parse them), once per cold start.
static TEMPLATE_ENV: OnceLock<Result<Environment<'static>, Arc<minijinja::Error>>> =
    OnceLock::new();

const TEMPLATES: [(&str, &str); 14] = [
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
    (
        "agency_brand.html",
        include_str!("../../templates/pages/agency_brand.html"),
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
///
/// A page may wear its workspace's brand: `accent` (an accent colour, put into the
/// page's style only when it reads as one: `#rrggbb`) and `logo_url`.
pub fn render(template: &str, context: Value) -> Result<RenderedPage, AppError> {
    let nonce = random_url_safe();
    let accent = context
        .get_attr("accent")
        .ok()
        .and_then(|accent| accent.as_str().map(str::to_owned))
        .and_then(|raw| crate::domain::AccentColour::parse(&raw).ok())
        .map(|colour| colour.to_string());
    let context = context! {
        nonce => nonce.clone(),
        lang => crate::lang::current().tag(),
        languages => language::menu(),
        accent,
        ..context
    };
    let html = templates()?
        .get_template(template)
        .and_then(|page| page.render(context))
        .map_err(AppError::internal)?;
    let images = image_origins(&html);
    Ok(RenderedPage {
        html,
        nonce,
        images,
    })
}

pub struct RenderedPage {
    html: String,
    nonce: String,
    /// The origins of the images the page shows (its workspace's or client's logo, the
    /// avatars of its connections): the only ones its policy lets it load.
    images: Vec<String>,
}

/// The origins of every `<img src>` of a page we rendered, for its `img-src`: exactly
/// what it shows, so a logo or avatar loads and nothing else can. Reading our own
/// output is safe: every value in it was escaped, so text a person typed (a message
/// with `<img src=…>`) is `&lt;img` and never an element.
fn image_origins(html: &str) -> Vec<String> {
    let mut origins = Vec::new();
    for tag in html.split("<img ").skip(1) {
        let Some(attributes) = tag.split('>').next() else {
            continue;
        };
        let attributes = format!(" {attributes}");
        let Some(value) = attributes
            .split(" src=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
        else {
            continue;
        };
        let unescaped = value
            .replace("&#x2f;", "/")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let Ok(url) = url::Url::parse(&unescaped) else {
            continue;
        };
        if !matches!(url.scheme(), "https" | "http") {
            continue;
        }
        let origin = url.origin().ascii_serialization();
        if origin != "null" && !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    origins
}

impl RenderedPage {
    /// The page with its security headers. `form_targets` are the origins a form on it
    /// may end up at (a platform's consent page after the redirect).
    pub fn respond(
        self,
        status: StatusCode,
        form_targets: &[String],
    ) -> Result<Response<Body>, AppError> {
        // Images only from the origins the page shows one from; none at all when it
        // shows none (`default-src 'none'` covers it).
        let images = if self.images.is_empty() {
            String::new()
        } else {
            format!(" img-src {};", self.images.join(" "))
        };
        let csp = format!(
            "default-src 'none'; style-src 'nonce-{0}'; script-src 'nonce-{0}';{images} \
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

/// The product's own name, shown where no workspace is known yet: the catalogs'
/// `brand-product`, the one place it is written (emails sign with it too).
pub fn product_name() -> String {
    crate::tr!("brand-product")
}

/// A page that explains instead of doing: expired links, wrong accounts, failures.
/// `title` and `message` are already in the page's language.
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

/// The problems a page explains in words of its own (`problem-<slug>-title` and
/// `-detail` in `problems.ftl`); any other reads as `problem-other-*`, with its slug.
/// Those left out are the API's own (a bearer token, IAM, a JSON body), which no page
/// meets.
const PAGE_PROBLEMS: &[&str] = &[
    "internal",
    "unreadable-item",
    "invalid-parameter",
    "invalid-body",
    "invalid-email",
    "wider-than-client",
    "batch-empty",
    "batch-too-large",
    "batch-repeats-a-person",
    "invalid-token",
    "issuer-unavailable",
    "not-workspace-member",
    "not-workspace-admin",
    "team-plan-required",
    "platform-not-allowed",
    "disconnect-not-allowed",
    "two-factor-required",
    "connect-link-needs-sign-in",
    "two-factor-client-has-no-link",
    "email-mismatch",
    "email-not-verified",
    "inviter-email-not-verified",
    "resend-too-soon",
    "invitation-quota-reached",
    "no-seat-left",
    "invitation-already-pending",
    "already-member",
    "address-complained",
    "invitation-already-accepted",
    "not-a-client",
    "invitation-not-found",
    "invite-link-not-found",
    "invitation-expired",
    "invitation-revoked",
    "email-delivery-failed",
    "workspace-not-found",
    "client-not-found",
    "person-not-found",
    "client-removed",
    "concurrent-change",
    "connections-outside-rights",
    "unknown-platform",
    "platform-not-configured",
    "connection-not-found",
    "not-an-agency-connection",
    "assignment-not-found",
    "too-many-assignments",
    "client-cannot-connect",
    "assignment-waiting",
    "choice-expired",
    "connection-needs-reconnect",
    "connection-healthy",
    "nobody-to-notify",
    "reconnect-email-too-soon",
    "email-quota-reached",
    "reconnect-email-not-sent",
    "platform-unavailable",
    "invitation-message-too-long",
    "unsupported-language",
    "accent-colour-low-contrast",
    "logo-not-an-image",
    "logo-too-large",
    "logo-unreachable",
];

/// What a problem's words put in: the values people can read (an address, a number,
/// a platform's name). Free-form English from parsers and other services is left out.
fn problem_args(error: &AppError) -> Vec<(&'static str, Arg<'static>)> {
    match error {
        AppError::AlreadyMember(email)
        | AppError::AddressComplained(email)
        | AppError::InvitationAlreadyPending { email, .. } => {
            vec![("email", Arg::from(email.clone()))]
        }
        AppError::NoSeatLeft { seats } => vec![("count", Arg::from(*seats))],
        AppError::InvitationQuotaReached { per_day, .. }
        | AppError::EmailQuotaReached { per_day, .. } => vec![("count", Arg::from(*per_day))],
        AppError::TooManyAssignments(most) => vec![("count", Arg::from(*most))],
        AppError::BatchTooLarge { asked, max } => {
            vec![("asked", Arg::from(*asked)), ("max", Arg::from(*max))]
        }
        AppError::TeamPlanRequired { plan } => vec![("plan", Arg::from(plan.clone()))],
        AppError::ConnectionsOutsideRights { platforms, count } => vec![
            ("platforms", Arg::from(platforms.clone())),
            ("count", Arg::from(*count)),
        ],
        AppError::UnknownPlatform(name) => vec![("platform", Arg::from(name.clone()))],
        AppError::PlatformNotAllowed(name)
        | AppError::PlatformNotConfigured(name)
        | AppError::PlatformUnavailable(name)
        | AppError::ClientCannotConnect(name) => vec![("platform", Arg::from(*name))],
        AppError::InvitationMessageTooLong { length } => vec![("count", Arg::from(*length))],
        AppError::AccentColourLowContrast { colour, ratio, .. } => vec![
            ("colour", Arg::from(colour.clone())),
            // "1.45" in English, "1,45" in the others: the separator is a word of the
            // language's catalog.
            (
                "ratio",
                Arg::from(ratio.replace('.', &crate::tr!("brand-decimal-separator"))),
            ),
        ],
        _ => Vec::new(),
    }
}

/// A problem's title, as a page shows it, in the page's language.
pub fn problem_title(error: &AppError) -> String {
    let lang = crate::lang::current();
    let slug = error.slug();
    if PAGE_PROBLEMS.contains(&slug) {
        lang.say(&format!("problem-{slug}-title"), &[])
    } else {
        lang.say("problem-other-title", &[])
    }
}

/// A problem's detail, as a page shows it, in the page's language.
pub fn problem_detail(error: &AppError) -> String {
    let lang = crate::lang::current();
    let slug = error.slug();
    if PAGE_PROBLEMS.contains(&slug) {
        lang.say(&format!("problem-{slug}-detail"), &problem_args(error))
    } else {
        lang.say("problem-other-detail", &[("code", Arg::from(slug))])
    }
}

/// Turns a refusal into a page a person can act on; other errors stay errors.
pub fn explain(error: AppError) -> Result<Response<Body>, AppError> {
    let status = match &error {
        AppError::InviteLinkNotFound | AppError::ConnectionNotFound => StatusCode::NOT_FOUND,
        AppError::AlreadyMember(_)
        | AppError::NoSeatLeft { .. }
        | AppError::InvitationAlreadyAccepted => StatusCode::CONFLICT,
        AppError::InvitationExpired | AppError::InvitationRevoked | AppError::ClientRemoved => {
            StatusCode::GONE
        }
        AppError::EmailMismatch
        | AppError::EmailNotVerified
        | AppError::NotWorkspaceMember
        | AppError::NotWorkspaceAdmin
        | AppError::PlatformNotAllowed(..)
        | AppError::DisconnectNotAllowed
        | AppError::TwoFactorRequired
        | AppError::ConnectLinkNeedsSignIn => StatusCode::FORBIDDEN,
        AppError::InvalidToken(_) => StatusCode::UNAUTHORIZED,
        _ => return Err(error),
    };
    message_page(
        status,
        &product_name(),
        &problem_title(&error),
        &problem_detail(&error),
    )
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
        message_page(
            error.status(),
            &product_name(),
            &problem_title(&error),
            &problem_detail(&error),
        )
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
    fn a_page_allows_images_from_exactly_the_origins_it_shows() {
        let html = r#"<header><img src="https:&#x2f;&#x2f;cdn.acme.example&#x2f;logo.png?v=1&amp;s=2" alt=""></header>
            <img class="avatar" src="https:&#x2f;&#x2f;pbs.twimg.com&#x2f;a.jpg" alt="">
            <img class="avatar" src="https:&#x2f;&#x2f;pbs.twimg.com&#x2f;b.jpg" alt="">
            <p>&lt;img src="https://evil.example/x.png"&gt;</p>
            <img src="javascript:alert(1)" alt="">"#;
        assert_eq!(
            image_origins(html),
            ["https://cdn.acme.example", "https://pbs.twimg.com"]
        );
        assert!(image_origins("<p>no images</p>").is_empty());
    }

    #[test]
    fn the_policy_of_a_page_without_images_allows_none_and_with_a_logo_only_its_origin() {
        let csp = |html: &str| {
            let page = RenderedPage {
                html: html.to_owned(),
                nonce: "n".into(),
                images: image_origins(html),
            };
            let response = page.respond(StatusCode::OK, &[]).unwrap();
            response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned()
        };
        let bare = csp("<p>hi</p>");
        assert!(!bare.contains("img-src"), "{bare}");
        assert!(bare.contains("default-src 'none'"));
        let logo = csp(r#"<img src="https:&#x2f;&#x2f;cdn.acme.example&#x2f;logo.png" alt="">"#);
        assert!(
            logo.contains(" img-src https://cdn.acme.example;"),
            "{logo}"
        );
        assert!(
            !logo.contains("https:;") && !logo.contains("data:"),
            "{logo}"
        );
    }

    #[test]
    fn the_accent_reaches_the_pages_style_only_as_a_colour() {
        let page = |accent: &str| {
            render(
                "message.html",
                context! { workspace_name => "Acme", title => "t", message => "m", accent },
            )
            .unwrap()
            .html
        };
        assert!(page("#0F766E").contains("--accent: #0f766e;"));
        let hostile = page("red; } body { display: none");
        assert!(hostile.contains("--accent: #1d4ed8;"), "{hostile}");
        assert!(!hostile.contains("display: none"));
    }

    #[tokio::test]
    async fn a_refused_colour_is_explained_with_its_ratio_written_as_the_language_writes_numbers() {
        use crate::lang::{speaking, Lang};
        let refusal = || AppError::AccentColourLowContrast {
            colour: "#ffcc00".into(),
            ratio: "1.45".into(),
            against: "white button text",
        };
        let english = problem_detail(&refusal());
        assert!(
            english.contains("#ffcc00 has a contrast of only 1.45:1"),
            "{english}"
        );
        let german = speaking(Lang::De, async { problem_detail(&refusal()) }).await;
        assert!(german.contains("Kontrast von 1,45:1"), "{german}");
    }

    #[test]
    fn the_pages_background_is_the_one_accent_colours_are_checked_against() {
        let base = include_str!("../../templates/pages/base.html");
        let background = crate::domain::AccentColour::PAGE_BACKGROUND.to_string();
        assert!(
            base.contains(&format!("background: {background}; }}")),
            "base.html's body background is not {background}"
        );
    }

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

    fn page_text(response: Response<Body>) -> String {
        match response.body() {
            Body::Text(text) => text.clone(),
            _ => panic!("a page is text"),
        }
    }

    #[test]
    fn every_problem_a_page_explains_is_a_published_one_with_words_in_the_catalog() {
        let published: Vec<&str> = AppError::PROBLEMS
            .iter()
            .map(|problem| problem.slug)
            .collect();
        for slug in PAGE_PROBLEMS {
            assert!(published.contains(slug), "{slug} is not a problem type");
            // Every value any problem puts in, so a message that needs one is complete.
            let values: Vec<(&str, Arg<'_>)> =
                ["email", "plan", "platform", "platforms", "colour", "ratio"]
                    .into_iter()
                    .map(|name| (name, Arg::from("x")))
                    .chain(["count", "asked", "max"].map(|name| (name, Arg::from(2))))
                    .collect();
            for part in ["title", "detail"] {
                let id = format!("problem-{slug}-{part}");
                let said = crate::lang::Lang::En.say(&id, &values);
                assert_ne!(said, id, "{id} is not in problems.ftl");
            }
        }
    }

    #[test]
    fn every_problem_is_either_explained_by_pages_or_known_to_be_the_apis_own() {
        // Problems only a JSON or IAM caller meets: a page reads them as the fallback.
        const API_ONLY: [&str; 5] = [
            "malformed-json",
            "body-too-large",
            "authentication-required",
            "iam-required",
            "principal-not-allowed",
        ];
        let unplaced: Vec<&str> = AppError::PROBLEMS
            .iter()
            .map(|problem| problem.slug)
            .filter(|slug| !PAGE_PROBLEMS.contains(slug) && !API_ONLY.contains(slug))
            .collect();
        assert!(
            unplaced.is_empty(),
            "give these words in problems.ftl and a place in PAGE_PROBLEMS, or call them \
             the API's own: {unplaced:?}"
        );
    }

    #[tokio::test]
    async fn an_expired_invitation_is_explained_in_the_readers_language() {
        use crate::lang::{speaking, Lang};
        let english = page_text(error_page(AppError::InvitationExpired).unwrap());
        assert!(english.contains("<html lang=\"en\">"));
        assert!(english.contains("This invitation has expired. The agency can resend it"));

        let page = speaking(Lang::Es, async { error_page(AppError::InvitationExpired) })
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::GONE);
        let spanish = page_text(page);
        assert!(spanish.contains("<html lang=\"es\">"), "{spanish}");
        assert!(
            spanish.contains("Esta invitación ha caducado</h1>"),
            "{spanish}"
        );
        assert!(spanish.contains("La agencia puede reenviarla"), "{spanish}");
    }

    #[tokio::test]
    async fn a_problem_without_words_of_its_own_reads_as_the_translated_fallback_with_its_code() {
        use crate::lang::{speaking, Lang};
        let page = speaking(Lang::De, async { error_page(AppError::IamRequired) })
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let german = page_text(page);
        assert!(german.contains("Das hat nicht geklappt"), "{german}");
        assert!(german.contains("iam-required"), "{german}");
        assert!(
            !german.contains("SigV4"),
            "not the API's English detail: {german}"
        );
    }

    #[tokio::test]
    async fn a_problems_values_are_put_into_its_translated_detail() {
        use crate::lang::{speaking, Lang};
        let page = speaking(Lang::Fr, async {
            error_page(AppError::AlreadyMember("ana@brand.example".into()))
        })
        .await
        .unwrap();
        let french = page_text(page);
        assert!(
            french.contains("ana@brand.example est ou a été membre"),
            "{french}"
        );
    }
}
