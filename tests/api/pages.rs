//! The client's pages, driven through the handlers as a browser would: follow links
//! and redirects, keep cookies, press buttons (POST forms). The same flow runs in a
//! real Chromium against the served stack in `tests/e2e`.

use cookie::{Cookie, CookieJar};
use serde_json::{json, Value};
use url::Url;

use crate::helpers::{Endpoint, Reply, TestApp, User};
use crate::markup::{self, field};

/// Just enough of a browser: a cookie jar and the handlers behind our paths.
pub(crate) struct Browser<'a> {
    app: &'a TestApp,
    cookies: CookieJar,
    signing_in_as: Option<String>,
    /// The `Accept-Language` it sends with every request, if any.
    accept_language: Option<String>,
}

impl<'a> Browser<'a> {
    pub(crate) fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: CookieJar::new(),
            signing_in_as: None,
            accept_language: None,
        }
    }

    pub(crate) fn app(&self) -> &'a TestApp {
        self.app
    }

    /// The value of the cookie `name` the browser holds.
    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .get(name)
            .map(|cookie| cookie.value().to_owned())
    }

    /// What the browser sends back: every cookie it holds, as `name=value`.
    fn cookie_header(&self) -> Option<String> {
        let pairs: Vec<String> = self
            .cookies
            .iter()
            .map(|cookie| cookie.stripped().to_string())
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    /// Keeps what `Set-Cookie` sets; a cookie set empty or to expire now is dropped.
    fn keep_cookies(&mut self, reply: &Reply) {
        for header in reply.headers.get_all("set-cookie") {
            let cookie = Cookie::parse(header.to_str().unwrap().to_owned())
                .expect("a Set-Cookie header parses");
            if cookie.value().is_empty() || cookie.max_age().is_some_and(|age| age.is_zero()) {
                self.cookies.remove(Cookie::from(cookie.name().to_owned()));
            } else {
                self.cookies.add(cookie);
            }
        }
    }

    /// The route a browser's request reaches, from the route table.
    fn endpoint(method: &str, path: &str) -> Endpoint {
        Endpoint::ALL
            .iter()
            .copied()
            .find(|route| route.method().as_str() == method && matches_template(route.path(), path))
            .unwrap_or_else(|| panic!("no route for {method} {path}"))
    }

    /// One request to our pages (`url` on https://clients.acme.example or the API).
    async fn request(&mut self, method: &str, url: &Url, form: Option<String>) -> Reply {
        let mut request = self
            .app
            .request(Self::endpoint(method, url.path()))
            .query_of(url);
        if let Some(platform) = url.path().strip_prefix("/oauth/callback/") {
            request = request.param("platform", platform);
        }
        if let Some(cookies) = self.cookie_header() {
            request = request.header("cookie", &cookies);
        }
        if let Some(languages) = &self.accept_language {
            request = request.header("accept-language", languages);
        }
        if let Some(form) = form {
            request = request.form(form);
        }
        let reply = request.send().await;
        self.keep_cookies(&reply);
        reply
    }

    /// GET our page at `url`, following redirects through our pages and the provider.
    pub(crate) async fn open(&mut self, url: &Url) -> Reply {
        let reply = self.request("GET", url, None).await;
        self.follow(reply).await
    }

    /// Follows the "Sign in" link of `page`, signing in at the provider and coming back:
    /// the page it lands on.
    pub(crate) async fn sign_in_from(&mut self, page: &Reply) -> Reply {
        let login = markup::link(html(page), "Sign in").expect("the page links to the sign-in");
        self.open(&Url::parse(&login).unwrap()).await
    }

    pub(crate) async fn submit(&mut self, action: &str, fields: &[(&str, &str)]) -> Reply {
        let form = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let url = Url::parse("https://clients.acme.example")
            .unwrap()
            .join(action)
            .unwrap();
        let reply = self.request("POST", &url, Some(form)).await;
        self.follow(reply).await
    }

    async fn follow(&mut self, mut reply: Reply) -> Reply {
        for _ in 0..10 {
            if std::env::var("TRACE_BROWSER").is_ok() {
                eprintln!(
                    "browser: {} {:?}",
                    reply.status,
                    reply.headers.get("location")
                );
            }
            if reply.status != 303 && reply.status != 302 {
                return reply;
            }
            let location = Url::parse(reply.headers["location"].to_str().unwrap()).unwrap();
            if location.host_str() == Some("127.0.0.1") {
                reply = self.at_provider(&location).await;
            } else {
                reply = self.request("GET", &location, None).await;
            }
        }
        panic!("too many redirects")
    }

    /// The provider's pages: signing in fills the form with the person's email;
    /// platform consent is automatic. Returns where the provider redirects to.
    async fn at_provider(&mut self, url: &Url) -> Reply {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut response = http.get(url.clone()).send().await.unwrap();
        if url.path() == "/oidc/authorize" {
            let page = response.text().await.unwrap();
            let mut fields = markup::hidden_fields(&page);
            fields.push((
                "email".into(),
                self.signing_in_as.clone().expect("who signs in"),
            ));
            response = http.post(url.clone()).form(&fields).send().await.unwrap();
            if response.status() == 200 {
                response = second_factor_step(&http, url, response).await;
            }
        }
        assert_eq!(response.status(), 302, "the provider refused");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        Reply {
            status: 303,
            content_type: String::new(),
            headers: {
                let mut headers = lambda_http::http::HeaderMap::new();
                headers.insert("location", location.parse().unwrap());
                headers
            },
            body: Value::Null,
        }
    }
}

/// The provider's one-time-code page (a sign-in that asked for a second factor): the
/// fixed local code, typed in.
async fn second_factor_step(
    http: &reqwest::Client,
    url: &Url,
    code_page: reqwest::Response,
) -> reqwest::Response {
    let page = code_page.text().await.unwrap();
    assert!(
        page.contains("/oidc/second-factor"),
        "the provider's code step: {page}"
    );
    let mut fields = markup::hidden_fields(&page);
    fields.push(("code".into(), "123456".into()));
    let step = url.join("/oidc/second-factor").unwrap();
    http.post(step).form(&fields).send().await.unwrap()
}

impl Browser<'_> {
    pub(crate) fn signing_in_as(mut self, email: &str) -> Self {
        self.signing_in_as = Some(email.to_owned());
        self
    }

    /// A browser set to `languages` (an `Accept-Language` value).
    pub(crate) fn reading(mut self, languages: &str) -> Self {
        self.accept_language = Some(languages.to_owned());
        self
    }
}

/// Whether `path` fits a route's path template (`{name}` matches one segment).
fn matches_template(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(part, segment)| {
            (part.starts_with('{') && !segment.is_empty()) || part == segment
        })
}

pub(crate) fn html(reply: &Reply) -> &str {
    reply
        .body
        .as_str()
        .unwrap_or_else(|| panic!("not a page: {reply:?}"))
}

#[tokio::test]
async fn a_client_opens_the_email_link_signs_in_accepts_and_connects_from_the_pages() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    app.invite(
        &app.owner,
        json!({ "email": client.email, "platforms": ["youtube", "linkedin"] }),
    )
    .await
    .assert_ok(201);
    let link = app.emails_to(&client.email).await.last().unwrap().link();
    let mut browser = Browser::new(&app).signing_in_as(&client.email);

    let invitation = browser.open(&link).await;
    assert_eq!(invitation.status, 200);
    let page = html(&invitation);
    assert!(page.contains("Acme Social") && page.contains("Sign in or create an account"));
    assert!(page.contains("YouTube, LinkedIn"));
    let csp = invitation.headers["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(invitation.headers["cache-control"], "no-store");
    assert_eq!(invitation.headers["referrer-policy"], "no-referrer");
    assert_eq!(
        invitation.headers["strict-transport-security"],
        "max-age=31536000"
    );

    // Sign in at the provider, come back to the invitation, press Accept.
    let back = browser.sign_in_from(&invitation).await;
    let page = html(&back);
    assert!(
        page.contains(&format!("Signed in as {}", client.email)),
        "{page}"
    );
    let session = browser
        .cookie("__Host-cc_session")
        .expect("a session cookie, named so only this origin over https can set it");
    let connect = browser
        .submit(
            "/invite/accept",
            &[
                ("token", &field(page, "token")),
                ("csrf", &field(page, "csrf")),
            ],
        )
        .await;
    let page = html(&connect).to_owned();
    assert!(page.contains("Connect your accounts to Acme Social"));
    assert_eq!(page.matches("Not connected").count(), 2);

    // Connect YouTube through the platform's consent, land back on the page.
    let csrf = field(&page, "csrf");
    let workspace = field(&page, "workspace");
    let connected = browser
        .submit(
            "/connect/start",
            &[
                ("workspace", &workspace),
                ("platform", "youtube"),
                ("csrf", &csrf),
            ],
        )
        .await;
    let page = html(&connected).to_owned();
    assert!(page.contains("YouTube is connected."), "{page}");
    assert!(page.contains("Connected as @youtube person"));
    assert_eq!(app.list_connections(&app.owner).await.len(), 1);

    // Disconnect it again from the page.
    let connection = field(&page, "connection");
    let after = browser
        .submit(
            "/connect/disconnect",
            &[
                ("workspace", &workspace),
                ("connection", &connection),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert!(html(&after).contains("YouTube is disconnected."));
    assert!(app.list_connections(&app.owner).await.is_empty());
    assert!(!session.is_empty());
}

#[tokio::test]
async fn the_invitation_page_speaks_the_browsers_language_then_the_one_chosen_from_its_menu() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    app.invite(
        &app.owner,
        json!({ "email": client.email, "platforms": ["youtube", "x"] }),
    )
    .await
    .assert_ok(201);
    let link = app.emails_to(&client.email).await.last().unwrap().link();
    let mut browser = Browser::new(&app).reading("es-MX,es;q=0.9,en;q=0.5");

    // The browser's language, not remembered: nobody chose it.
    let spanish = browser.open(&link).await;
    assert_eq!(spanish.status, 200);
    let page = html(&spanish);
    assert!(page.contains("<html lang=\"es\">"), "{page}");
    let said = markup::text(page);
    assert!(
        said.contains("le invita a conectar sus redes sociales a Acme Social"),
        "{said}"
    );
    assert!(said.contains("Plataformas que puede conectar: YouTube, X."));
    assert!(markup::link(page, "Iniciar sesión o crear una cuenta").is_some());
    assert_eq!(browser.cookie(LANGUAGE), None);

    // German from the page's menu: the page, then every page after it, even though the
    // browser still asks for Spanish.
    let menu_link = markup::link(page, "Deutsch").expect("the menu links to German");
    let german = browser.open(&link.join(&menu_link).unwrap()).await;
    let page = html(&german);
    assert!(page.contains("<html lang=\"de\">"), "{page}");
    assert!(markup::texts(page, "title")[0].starts_with("Einladung von Acme Social"));
    assert!(markup::link(page, "Anmelden oder Konto erstellen").is_some());
    assert_eq!(browser.cookie(LANGUAGE).as_deref(), Some("de"));
    assert_eq!(
        markup::texts(page, "nav a[aria-current]"),
        ["Deutsch"],
        "the menu marks the language being read"
    );

    let again = browser.open(&link).await;
    let page = html(&again);
    assert!(page.contains("<html lang=\"de\">"), "{page}");
    assert!(markup::text(page).contains("Diese Einladung für"));

    // A refusal is explained in the same language, its title and its detail.
    let late = User::new("late");
    let (id, _) = app.invite_and_read_link(&late).await;
    let late_link = app.emails_to(&late.email).await.last().unwrap().link();
    app.age_past_expiry(&id).await;
    let expired = browser.open(&late_link).await;
    assert_eq!(expired.status, 410);
    let page = html(&expired);
    assert!(page.contains("<html lang=\"de\">"), "{page}");
    assert_eq!(
        markup::texts(page, "h1"),
        ["Diese Einladung ist abgelaufen"]
    );
    assert!(markup::text(page).contains(
        "Diese Einladung ist abgelaufen. Die Agentur kann sie erneut senden; dabei wird ein neuer Link verschickt."
    ));
    let read = markup::texts(page, "main").join(" ");
    assert!(!read.contains("expired"), "no English left: {read}");
}

/// The cookie that remembers the language chosen from a page's menu.
const LANGUAGE: &str = "__Host-cc_lang";

#[tokio::test]
async fn a_revoked_invitation_shows_a_clear_page_and_a_form_without_its_csrf_is_refused() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, _) = app.invite_and_read_link(&client).await;
    let link = app.emails_to(&client.email).await.last().unwrap().link();
    app.revoke(&app.owner, &id).await.assert_ok(200);
    let mut browser = Browser::new(&app).signing_in_as(&client.email);

    let page = browser.open(&link).await;
    assert_eq!(page.status, 410);
    assert!(html(&page).contains("This invitation was withdrawn"));

    // A button pressed without a session first signs the person in; this one is not a
    // client of workspace "w", so the page says no and nothing starts.
    let nobody = browser
        .submit(
            "/connect/start",
            &[("workspace", "w"), ("platform", "x"), ("csrf", "forged")],
        )
        .await;
    assert_eq!(nobody.status, 403);
    assert!(html(&nobody).contains("You cannot do this here"));
}

#[tokio::test]
async fn signing_in_never_returns_to_another_site() {
    let app = TestApp::spawn().await;
    let mut url = Url::parse("https://clients.acme.example/auth/login").unwrap();
    url.query_pairs_mut()
        .append_pair("next", "https://evil.example/steal");
    let client = User::new("client");
    let mut browser = Browser::new(&app).signing_in_as(&client.email);

    let landed = browser.open(&url).await;

    // Back on our own connect page (which, for someone with no workspace, says so).
    assert_eq!(landed.status, 200);
    assert!(html(&landed).contains("Open the link from your agency"));
}

#[tokio::test]
async fn an_anonymous_sign_in_writes_nothing_and_its_cookie_shows_no_token() {
    let app = TestApp::spawn().await;
    let invitation_token = clientconnect::crypto::random_url_safe();

    let started = app
        .request(Endpoint::AuthLogin)
        .query("next", &format!("/invite?token={invitation_token}"))
        .send()
        .await;

    assert_eq!(started.status, 303, "{:?}", started.body);
    let set_cookie = started.headers["set-cookie"].to_str().unwrap();
    let cookie = Cookie::parse(set_cookie).expect("a Set-Cookie header parses");
    assert!(cookie.name().ends_with("cc_login"), "{set_cookie}");
    assert!(
        !set_cookie.contains(&invitation_token),
        "the return page is sealed: {set_cookie}"
    );
    let table = format!("{:?}", app.all_table_items().await);
    assert!(
        !table.contains("SIGNIN#"),
        "a sign-in under way lives in its sealed cookie only"
    );
    assert!(!table.contains(&invitation_token));
}
