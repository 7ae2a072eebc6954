//! A local OAuth provider standing in for all six platforms, over real HTTP, at
//! `<base>/<platform>/{authorize,token,profile,revoke,long-lived,refresh,health}`.
//!
//! It behaves like the real ones where it matters to us: it checks the client (TikTok's
//! `client_key`, X's Basic auth), the exact redirect URI, single-use codes and PKCE S256
//! (a wrong verifier is refused), answers each platform's own token and profile shapes,
//! and keeps each platform's token life:
//! - the refresh grant, with X's and TikTok's rotating single-use refresh tokens (an old
//!   one is refused), Google's refresh that returns no new refresh token, and LinkedIn's
//!   fixed refresh window (`refresh_token_expires_in` counts down, refreshing does not
//!   extend it);
//! - Instagram's short-lived token exchanged for a long-lived one, refreshed with
//!   `ig_refresh_token`; Facebook's short-lived user token exchanged for a long-lived one
//!   (`fb_exchange_token`), whose Page tokens then never expire (a Page token from a
//!   short-lived user token dies with it), and Graph's `me/permissions`, where Facebook
//!   says which permissions the person granted or declined (its token response does not);
//! - revocation (a revoked grant's refresh is `invalid_grant`, its tokens 401), per
//!   platform lifetimes a test can shorten, injected 5xx (before the work, or after it
//!   with the answer lost) and slow answers, and a count of
//!   token endpoint calls per grant.
//!
//! Under `/oidc/` it is also the OpenID Connect provider people sign in with.
//!
//! In the tests the platforms' consent is automatic and the tests set who signs in
//! ([`LocalProvider::sign_in_managing`]) and every fault through this crate's API. Served
//! (`infra/dev.sh serve`), the provider [asks for consent](LocalProvider::ask_for_consent)
//! on a page where the person says who they are and which Pages, organisations or
//! channels they manage, and the same controls are HTTP routes under `/_local/`; the
//! page at `/` lists every route.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use url::Url;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod consent;
mod controls;
mod oidc;

pub use oidc::OidcSettings;

/// The platforms the provider stands in for, by the name in their paths.
pub const PLATFORMS: [&str; 6] = [
    "youtube",
    "tiktok",
    "instagram",
    "facebook",
    "linkedin",
    "x",
];

/// One route of the provider: how it is matched, which handler answers, and what the
/// index page at `/` says of it.
pub(crate) struct Route {
    pub(crate) verb: &'static str,
    /// Matched against the whole path.
    pub(crate) pattern: &'static str,
    pub(crate) kind: &'static str,
    /// The path as the index page shows it.
    pub(crate) shown: &'static str,
    pub(crate) doc: &'static str,
}

pub(crate) const fn route(
    verb: &'static str,
    pattern: &'static str,
    kind: &'static str,
    shown: &'static str,
    doc: &'static str,
) -> Route {
    Route {
        verb,
        pattern,
        kind,
        shown,
        doc,
    }
}

/// The OpenID Connect provider people sign in with on the pages.
const OIDC_ROUTES: &[Route] = &[
    route(
        "GET",
        "^/oidc/authorize$",
        "authorize-page",
        "/oidc/authorize",
        "The sign-in form: any email address signs in, verified",
    ),
    route(
        "POST",
        "^/oidc/authorize$",
        "authorize-submit",
        "/oidc/authorize",
        "The sign-in form's answer",
    ),
    route(
        "POST",
        "^/oidc/second-factor$",
        "second-factor-submit",
        "/oidc/second-factor",
        "The one-time-code step a sign-in with acr_values gets: the code 123456 signs in with a second factor (amr pwd, otp, mfa)",
    ),
    route(
        "POST",
        "^/oidc/token$",
        "token",
        "/oidc/token",
        "ID tokens signed with the dev key the local issuer's JWKS serves (PKCE S256 checked)",
    ),
];

/// The platforms' endpoints, each as its platform's shape.
const PLATFORM_ROUTES: &[Route] = &[
    route(
        "GET",
        r"^/[a-z]+/authorize$",
        "authorize",
        "/{platform}/authorize",
        "The consent: served, a page where the person says who signs in and what they manage; in the tests, automatic",
    ),
    route(
        "POST",
        r"^/(youtube|tiktok|instagram|facebook|linkedin|x)/authorize$",
        "authorize",
        "/{platform}/authorize?<the same query>",
        "The consent page's answer: decision=allow|deny, account_id, account_name, manages=<id>:<name>, moderates=<id>:<name> (all optional)",
    ),
    route(
        "POST",
        r"^/[a-z]+/token$",
        "token",
        "/{platform}/token",
        "The code exchange and the refresh grant (PKCE S256 checked, rotating refresh tokens where the platform rotates)",
    ),
    route(
        "GET",
        r"^/(instagram|facebook)/long-lived$",
        "long-lived",
        "/{instagram,facebook}/long-lived",
        "A short-lived token exchanged for a 60-day one (ig_exchange_token, fb_exchange_token)",
    ),
    route(
        "GET",
        r"^/instagram/refresh$",
        "instagram-refresh",
        "/instagram/refresh",
        "Instagram's ig_refresh_token",
    ),
    route(
        "GET",
        r"^/[a-z]+/profile$",
        "profile",
        "/{platform}/profile",
        "Who the token belongs to (Facebook: the Pages with their Page tokens; YouTube: the channels)",
    ),
    route(
        "GET",
        r"^/[a-z]+/health$",
        "health",
        "/{platform}/health",
        "Whether a token still works",
    ),
    route(
        "GET",
        r"^/facebook/me/permissions$",
        "permissions",
        "/facebook/me/permissions",
        "Graph's me/permissions: each permission Facebook's consent asks for, granted or declined as the person chose (/_local/grant-only, /_local/decline)",
    ),
    route(
        "GET",
        r"^/linkedin/organizations$",
        "organizations",
        "/linkedin/organizations",
        "The organisation Pages the member administers (needs a Linkedin-Version header)",
    ),
    route(
        "POST",
        r"^/[a-z]+/revoke$",
        "revoke",
        "/{platform}/revoke",
        "RFC 7009: revoking a token ends its whole grant",
    ),
];

/// Who the next consent at a platform signs in as.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub name: String,
    /// What else the person manages and the consent brings: Facebook Pages, YouTube
    /// channels, LinkedIn organisation Pages.
    pub managed: Vec<Managed>,
}

/// A Page, channel or organisation the signed-in person manages.
#[derive(Debug, Clone)]
pub struct Managed {
    pub id: String,
    pub name: String,
    /// Facebook Page tasks (`CREATE_CONTENT`, `MANAGE`, `MODERATE`, …).
    pub tasks: Vec<String>,
}

impl Managed {
    /// A Page or organisation the person may publish to.
    pub fn publishing(id: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            tasks: vec!["CREATE_CONTENT".into(), "MODERATE".into()],
        }
    }

    /// A Facebook Page the person may only moderate.
    pub fn moderating(id: &str, name: &str) -> Self {
        Self {
            tasks: vec!["MODERATE".into()],
            ..Self::publishing(id, name)
        }
    }
}

/// How long a platform's tokens live, in seconds (`None`: no expiry is sent).
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub access: Option<u64>,
    pub refresh: Option<u64>,
}

/// The platforms' own lifetimes, as their documentation gives them.
fn default_lifetimes(platform: &str) -> Lifetimes {
    let (access, refresh) = match platform {
        "youtube" => (Some(3_600), None),
        "x" => (Some(7_200), None),
        "tiktok" => (Some(86_400), Some(31_536_000)),
        "linkedin" => (Some(5_184_000), Some(31_536_000)),
        // The short-lived token of the code exchange; the long-lived one lives 60 days.
        "instagram" => (Some(3_600), None),
        // A short-lived user token; exchanged, 60 days; its Page tokens never expire.
        "facebook" => (Some(3_600), None),
        _ => (Some(3_600), None),
    };
    Lifetimes { access, refresh }
}

const LONG_LIVED: u64 = 5_184_000;

/// How the token endpoint answers its next call.
#[derive(Debug, Clone, Copy)]
pub enum Injected {
    /// Answers this status instead of doing its work (nothing rotates).
    Status(u16),
    /// Does its work (a rotating refresh token is spent and a new one issued), then
    /// answers this status instead of the new tokens: the answer lost on the way.
    AfterWork(u16),
    /// Answers correctly, after this long (the work is done at once).
    Delay(Duration),
}

/// One consent: every token issued under it belongs to it.
struct Grant {
    platform: String,
    account: Account,
    revoked: bool,
    /// Calls of the token endpoint for this grant (the code exchange and refreshes).
    token_calls: u32,
    /// LinkedIn: the refresh window is fixed at the first grant.
    refresh_window_ends: Option<u64>,
}

struct Code {
    grant: usize,
    client_id: String,
    redirect_uri: String,
    challenge: Option<String>,
    used: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Access,
    /// Facebook: a user token that was exchanged for a long-lived one.
    LongLivedUser,
    /// Facebook: a Page token; `None` expiry means it never expires.
    Page,
}

struct IssuedToken {
    grant: usize,
    kind: TokenKind,
    issued_at: u64,
    expires_at: Option<u64>,
}

struct IssuedRefresh {
    grant: usize,
    used: bool,
}

#[derive(Default)]
struct State {
    grants: Vec<Grant>,
    codes: HashMap<String, Code>,
    tokens: HashMap<String, IssuedToken>,
    refresh_tokens: HashMap<String, IssuedRefresh>,
    accounts: HashMap<String, Account>,
    lifetimes: HashMap<String, Lifetimes>,
    injected: VecDeque<Injected>,
    /// What the person lets through at the consent, per platform (all when absent).
    granted_scopes: HashMap<String, Vec<String>>,
    /// What the person unticks at the consent, per platform.
    declined: HashMap<String, Vec<String>>,
    revoked: Vec<String>,
    token_failure: bool,
    profile_failure: bool,
    deny: bool,
    /// Instagram refuses to refresh a token younger than this (24 hours at Meta).
    instagram_min_refresh_age: u64,
    /// Platform consent is a page (the served stack) rather than automatic (tests).
    consent_page: bool,
    counter: u64,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

impl State {
    fn mint(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!(
            "{prefix}-{}-{}",
            self.counter,
            uuid::Uuid::new_v4().simple()
        )
    }

    /// Every control back to its default; grants and tokens stay.
    fn reset_controls(&mut self) {
        self.accounts.clear();
        self.lifetimes.clear();
        self.injected.clear();
        self.granted_scopes.clear();
        self.declined.clear();
        self.token_failure = false;
        self.profile_failure = false;
        self.deny = false;
        self.instagram_min_refresh_age = 0;
    }

    /// Who the next consent at `platform` signs in as, unless the person says otherwise.
    fn next_account(&self, platform: &str) -> Account {
        self.accounts
            .get(platform)
            .cloned()
            .unwrap_or_else(|| Account {
                id: format!("{platform}-account-1"),
                name: format!("{platform} person"),
                managed: Vec::new(),
            })
    }

    /// The grants of this account at `platform`.
    fn grants_of<'a>(
        &'a self,
        platform: &'a str,
        account_id: &'a str,
    ) -> impl Iterator<Item = &'a Grant> {
        self.grants
            .iter()
            .filter(move |grant| grant.platform == platform && grant.account.id == account_id)
    }

    fn lifetimes(&self, platform: &str) -> Lifetimes {
        self.lifetimes
            .get(platform)
            .copied()
            .unwrap_or_else(|| default_lifetimes(platform))
    }

    fn issue(
        &mut self,
        prefix: &str,
        grant: usize,
        kind: TokenKind,
        lifetime: Option<u64>,
    ) -> String {
        let token = self.mint(prefix);
        let issued_at = now();
        self.tokens.insert(
            token.clone(),
            IssuedToken {
                grant,
                kind,
                issued_at,
                expires_at: lifetime.map(|seconds| issued_at + seconds),
            },
        );
        token
    }

    /// The grant behind a live, unrevoked token of `platform`.
    fn live_token(&self, token: &str, platform: &str) -> Option<(&IssuedToken, &Grant)> {
        let issued = self.tokens.get(token)?;
        let grant = &self.grants[issued.grant];
        let alive = issued.expires_at.is_none_or(|at| now() < at);
        (grant.platform == platform && !grant.revoked && alive).then_some((issued, grant))
    }
}

#[derive(Clone)]
pub struct LocalProvider {
    server: Arc<MockServer>,
    state: Arc<Mutex<State>>,
}

impl LocalProvider {
    /// On a random free port (tests).
    pub async fn start(oidc: OidcSettings) -> Self {
        Self::mount(MockServer::start().await, oidc).await
    }

    /// On a given listener (the served local stack).
    pub async fn start_on(listener: std::net::TcpListener, oidc: OidcSettings) -> Self {
        Self::mount(MockServer::builder().listener(listener).start().await, oidc).await
    }

    async fn mount(server: MockServer, oidc: OidcSettings) -> Self {
        let oidc_state = Arc::new(Mutex::new(oidc::OidcState::default()));
        for route in OIDC_ROUTES {
            Mock::given(method(route.verb))
                .and(path_regex(route.pattern))
                .respond_with(oidc::OidcEndpoint {
                    kind: route.kind,
                    settings: oidc.clone(),
                    state: Arc::clone(&oidc_state),
                })
                .mount(&server)
                .await;
        }
        let state = Arc::new(Mutex::new(State::default()));
        for route in PLATFORM_ROUTES {
            Mock::given(method(route.verb))
                .and(path_regex(route.pattern))
                .respond_with(Endpoint {
                    kind: route.kind,
                    state: Arc::clone(&state),
                })
                .mount(&server)
                .await;
        }
        for route in controls::ROUTES {
            Mock::given(method(route.verb))
                .and(path_regex(route.pattern))
                .respond_with(controls::Control {
                    kind: route.kind,
                    state: Arc::clone(&state),
                })
                .mount(&server)
                .await;
        }
        Self {
            server: Arc::new(server),
            state,
        }
    }

    pub fn base_url(&self) -> Url {
        Url::parse(&self.server.uri()).unwrap()
    }

    fn with<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        change(&mut self.state.lock().unwrap())
    }

    /// Platform consent becomes a page where the person says who signs in and which
    /// Pages, organisations or channels they manage, and allows or denies (the served
    /// stack); without this it is automatic.
    pub fn ask_for_consent(&self) {
        self.with(|state| state.consent_page = true);
    }

    /// The next consent at `platform` signs in as this account.
    pub fn sign_in_as(&self, platform: &str, id: &str, name: &str) {
        self.sign_in_managing(platform, id, name, &[]);
    }

    /// The next consent signs in as this person, who manages `managed` too (on
    /// Facebook, without any, the person's one Page is the account itself).
    pub fn sign_in_managing(&self, platform: &str, id: &str, name: &str, managed: &[Managed]) {
        let account = Account {
            id: id.to_owned(),
            name: name.to_owned(),
            managed: managed.to_vec(),
        };
        self.with(|state| state.accounts.insert(platform.to_owned(), account));
    }

    pub fn deny_consent(&self) {
        self.with(|state| state.deny = true);
    }

    /// Every call of every token endpoint answers 500 from now on.
    pub fn fail_token_endpoint(&self) {
        self.with(|state| state.token_failure = true);
    }

    pub fn fail_profile_endpoint(&self) {
        self.with(|state| state.profile_failure = true);
    }

    /// The next calls of the token endpoints (any platform) answer as given, in order.
    pub fn inject(&self, failures: &[Injected]) {
        self.with(|state| state.injected.extend(failures.iter().copied()));
    }

    /// How many injected answers are still waiting to be given.
    pub fn injected_left(&self) -> usize {
        self.with(|state| state.injected.len())
    }

    /// Shortens (or lengthens) a platform's token lifetimes for what it issues next.
    pub fn set_lifetimes(&self, platform: &str, lifetimes: Lifetimes) {
        self.with(|state| state.lifetimes.insert(platform.to_owned(), lifetimes));
    }

    /// The person unticks permissions at the next consents: only these are granted.
    pub fn grant_only(&self, platform: &str, scopes: &[&str]) {
        let scopes = scopes.iter().map(|scope| scope.to_string()).collect();
        self.with(|state| state.granted_scopes.insert(platform.to_owned(), scopes));
    }

    /// The person unticks this one permission at the next consents of `platform`:
    /// Facebook's `me/permissions` says it was declined, other platforms leave it out of
    /// what their token response says was granted.
    pub fn decline(&self, platform: &str, scope: &str) {
        self.with(|state| {
            state
                .declined
                .entry(platform.to_owned())
                .or_default()
                .push(scope.to_owned())
        });
    }

    pub fn set_instagram_min_refresh_age(&self, seconds: u64) {
        self.with(|state| state.instagram_min_refresh_age = seconds);
    }

    /// The person withdraws our access at the platform: refreshing is `invalid_grant`
    /// and every token of the grant is refused from now on.
    /// How many grants it ended.
    pub fn revoke_grant(&self, platform: &str, account_id: &str) -> usize {
        self.with(|state| revoke_grants(state, platform, account_id))
    }

    /// A consent of this account made without the authorization flow, as if it had
    /// happened earlier: its access and refresh token, for seeding many connections at
    /// once (benchmarks). The token endpoint is not called.
    pub fn grant(&self, platform: &str, account_id: &str) -> (String, String) {
        self.with(|state| {
            state.grants.push(Grant {
                platform: platform.to_owned(),
                account: Account {
                    id: account_id.to_owned(),
                    name: account_id.to_owned(),
                    managed: Vec::new(),
                },
                revoked: false,
                token_calls: 0,
                refresh_window_ends: None,
            });
            let grant = state.grants.len() - 1;
            let lifetime = state.lifetimes(platform).access;
            let access = state.issue(
                &format!("{platform}-access"),
                grant,
                TokenKind::Access,
                lifetime,
            );
            let refresh = state.mint(&format!("{platform}-refresh"));
            state
                .refresh_tokens
                .insert(refresh.clone(), IssuedRefresh { grant, used: false });
            (access, refresh)
        })
    }

    /// How many times the token endpoints were called for the grants of this account
    /// (the code exchange included).
    pub fn token_calls(&self, platform: &str, account_id: &str) -> u32 {
        self.with(|state| {
            state
                .grants_of(platform, account_id)
                .map(|grant| grant.token_calls)
                .sum()
        })
    }

    /// Whether the provider would accept this refresh token now.
    pub fn refresh_token_is_usable(&self, refresh_token: &str) -> bool {
        self.with(|state| {
            state
                .refresh_tokens
                .get(refresh_token)
                .is_some_and(|issued| !issued.used && !state.grants[issued.grant].revoked)
        })
    }

    pub fn revoked(&self) -> Vec<String> {
        self.with(|state| state.revoked.clone())
    }

    /// Every access, user and Page token the provider has handed out.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.with(|state| state.tokens.keys().cloned().collect())
    }

    /// Every refresh token the provider has handed out.
    pub fn issued_refresh_tokens(&self) -> Vec<String> {
        self.with(|state| state.refresh_tokens.keys().cloned().collect())
    }

    /// Whether a Page token never expires (it came from a long-lived user token).
    pub fn page_token_is_permanent(&self, token: &str) -> bool {
        self.with(|state| {
            state
                .tokens
                .get(token)
                .is_some_and(|issued| issued.kind == TokenKind::Page && issued.expires_at.is_none())
        })
    }
}

struct Endpoint {
    kind: &'static str,
    state: Arc<Mutex<State>>,
}

fn expected_client(platform: &str) -> (String, String) {
    (
        format!("local-{platform}"),
        format!("local-{platform}-secret"),
    )
}

/// A page of the provider's own.
pub(crate) fn html(page: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(page, "text/html; charset=utf-8")
}

fn error(status: u16, code: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "error": code }))
}

impl Respond for Endpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let platform = request
            .url
            .path()
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let mut state = self.state.lock().unwrap();
        let token_call = matches!(self.kind, "token" | "long-lived" | "instagram-refresh");
        let mut delay = None;
        let mut lost_answer = None;
        if token_call {
            if state.token_failure {
                return ResponseTemplate::new(500).set_body_string("upstream exploded");
            }
            match state.injected.pop_front() {
                Some(Injected::Status(status)) => {
                    return ResponseTemplate::new(status).set_body_string("injected failure")
                }
                Some(Injected::Delay(by)) => delay = Some(by),
                Some(Injected::AfterWork(status)) => lost_answer = Some(status),
                None => {}
            }
        }
        let answer = match self.kind {
            "authorize" => authorize(&mut state, &platform, request),
            "token" => token(&mut state, &platform, request),
            "long-lived" => long_lived(&mut state, &platform, &request.url),
            "instagram-refresh" => instagram_refresh(&mut state, &request.url),
            "profile" => profile(&mut state, &platform, request),
            "health" => health(&state, &platform, request),
            "permissions" => facebook_permissions(&state, request),
            "organizations" => organizations(&state, request),
            "revoke" => {
                let token = form(request).get("token").cloned().unwrap_or_default();
                revoke(&mut state, &token);
                ResponseTemplate::new(200)
            }
            _ => ResponseTemplate::new(404),
        };
        if let Some(status) = lost_answer {
            return ResponseTemplate::new(status)
                .set_body_string("injected failure after the work");
        }
        match delay {
            Some(by) => answer.set_delay(by),
            None => answer,
        }
    }
}

fn query(url: &Url) -> HashMap<String, String> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Pairs as a form or query carries them (tests).
#[cfg(test)]
pub(crate) fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// Form or query pairs in order, repeated names kept.
pub(crate) fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(crate) fn form(request: &Request) -> HashMap<String, String> {
    pairs(&request.body).into_iter().collect()
}

fn bearer(request: &Request) -> String {
    request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned()
}

/// The person withdraws access at the platform to every grant of this account.
fn revoke_grants(state: &mut State, platform: &str, account_id: &str) -> usize {
    let mut ended = 0;
    for grant in &mut state.grants {
        if grant.platform == platform && grant.account.id == account_id && !grant.revoked {
            grant.revoked = true;
            ended += 1;
        }
    }
    ended
}

/// The authorization request (its parameters in the query, for the consent page's GET
/// and for its answer's POST alike): refused when malformed; served, a GET gets the
/// consent page; otherwise a code for the account consented, or `access_denied`.
fn authorize(state: &mut State, platform: &str, request: &Request) -> ResponseTemplate {
    let params = query(&request.url);
    let id_param = if platform == "tiktok" {
        "client_key"
    } else {
        "client_id"
    };
    let (client_id, _) = expected_client(platform);
    if params.get(id_param) != Some(&client_id)
        || params.get("response_type").map(String::as_str) != Some("code")
    {
        return error(400, "invalid_request");
    }
    let Some(redirect_uri) = params.get("redirect_uri").cloned() else {
        return error(400, "invalid_request");
    };
    let mut back = Url::parse(&redirect_uri).unwrap();
    if let Some(state_value) = params.get("state") {
        back.query_pairs_mut().append_pair("state", state_value);
    }
    if state.deny {
        back.query_pairs_mut().append_pair("error", "access_denied");
        return ResponseTemplate::new(302).insert_header("location", back.as_str());
    }
    let challenge = match (
        params.get("code_challenge"),
        params.get("code_challenge_method"),
    ) {
        (Some(challenge), Some(method)) if method == "S256" => Some(challenge.clone()),
        (Some(_), _) => return error(400, "invalid_request"),
        _ => None,
    };
    let next = state.next_account(platform);
    let account = if request.method == wiremock::http::Method::POST {
        match consent::decision(&pairs(&request.body), next) {
            consent::Decision::Allow(account) => account,
            consent::Decision::Deny => {
                back.query_pairs_mut().append_pair("error", "access_denied");
                return ResponseTemplate::new(302).insert_header("location", back.as_str());
            }
        }
    } else if state.consent_page {
        return html(consent::page(platform, &next));
    } else {
        next
    };
    let refresh_window = state
        .lifetimes(platform)
        .refresh
        .map(|seconds| now() + seconds);
    state.grants.push(Grant {
        platform: platform.to_owned(),
        account,
        revoked: false,
        token_calls: 0,
        refresh_window_ends: refresh_window,
    });
    let code = state.mint("code");
    state.codes.insert(
        code.clone(),
        Code {
            grant: state.grants.len() - 1,
            client_id,
            redirect_uri,
            challenge,
            used: false,
        },
    );
    back.query_pairs_mut().append_pair("code", &code);
    ResponseTemplate::new(302).insert_header("location", back.as_str())
}

fn client_authenticated(platform: &str, request: &Request, form: &HashMap<String, String>) -> bool {
    let (client_id, secret) = expected_client(platform);
    if platform == "x" {
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{secret}"))
        );
        return request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            == Some(basic.as_str());
    }
    let id_param = if platform == "tiktok" {
        "client_key"
    } else {
        "client_id"
    };
    form.get(id_param) == Some(&client_id) && form.get("client_secret") == Some(&secret)
}

fn token(state: &mut State, platform: &str, request: &Request) -> ResponseTemplate {
    let form = form(request);
    if !client_authenticated(platform, request, &form) {
        return error(401, "invalid_client");
    }
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => code_grant(state, platform, &form),
        Some("refresh_token") => refresh_grant(state, platform, &form),
        _ => error(400, "unsupported_grant_type"),
    }
}

fn code_grant(
    state: &mut State,
    platform: &str,
    form: &HashMap<String, String>,
) -> ResponseTemplate {
    let code = form.get("code").cloned().unwrap_or_default();
    let (client_id, _) = expected_client(platform);
    let Some(grant) = state.codes.get_mut(&code) else {
        return error(400, "invalid_grant");
    };
    let grant_index = grant.grant;
    if grant.used || grant.client_id != client_id {
        return error(400, "invalid_grant");
    }
    if form.get("redirect_uri") != Some(&grant.redirect_uri) {
        return error(400, "invalid_grant");
    }
    if let Some(challenge) = &grant.challenge {
        let verifier = form.get("code_verifier").cloned().unwrap_or_default();
        if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != *challenge {
            return error(400, "invalid_grant");
        }
    }
    grant.used = true;
    if state.grants[grant_index].platform != platform {
        return error(400, "invalid_grant");
    }
    state.grants[grant_index].token_calls += 1;
    tokens_for(state, platform, grant_index, true)
}

fn refresh_grant(
    state: &mut State,
    platform: &str,
    form: &HashMap<String, String>,
) -> ResponseTemplate {
    let presented = form.get("refresh_token").cloned().unwrap_or_default();
    let Some(issued) = state.refresh_tokens.get(&presented) else {
        return error(400, "invalid_grant");
    };
    let grant_index = issued.grant;
    let used = issued.used;
    state.grants[grant_index].token_calls += 1;
    let grant = &state.grants[grant_index];
    let window_over = grant.refresh_window_ends.is_some_and(|ends| now() >= ends);
    if grant.platform != platform || grant.revoked || used || window_over {
        return error(400, "invalid_grant");
    }
    // X and TikTok rotate: the presented refresh token is spent.
    if matches!(platform, "x" | "tiktok") {
        if let Some(issued) = state.refresh_tokens.get_mut(&presented) {
            issued.used = true;
        }
    }
    tokens_for(state, platform, grant_index, false)
}

/// A token response in the platform's own shape.
fn tokens_for(state: &mut State, platform: &str, grant: usize, first: bool) -> ResponseTemplate {
    let lifetimes = state.lifetimes(platform);
    let access = state.issue(
        &format!("{platform}-access"),
        grant,
        TokenKind::Access,
        lifetimes.access,
    );
    let account_id = state.grants[grant].account.id.clone();
    // Google sends a refresh token at the first consent only; LinkedIn too, and only to
    // apps with programmatic refresh (here: when its refresh lifetime is set), then
    // keeps that one for the whole window.
    let new_refresh = match platform {
        "youtube" => first,
        "linkedin" => first && lifetimes.refresh.is_some(),
        "instagram" | "facebook" => false,
        _ => true,
    };
    let refresh = new_refresh.then(|| {
        let token = state.mint(&format!("{platform}-refresh"));
        state
            .refresh_tokens
            .insert(token.clone(), IssuedRefresh { grant, used: false });
        token
    });
    let mut body = match platform {
        "tiktok" => json!({
            "access_token": access, "token_type": "Bearer", "open_id": account_id,
            "scope": "user.info.basic,video.upload,video.publish",
        }),
        // Instagram Login's short-lived token: no token_type, no expiry in the body.
        "instagram" => {
            json!({ "access_token": access, "user_id": account_id, "permissions": ["instagram_business_basic", "instagram_business_content_publish"] })
        }
        "facebook" => json!({ "access_token": access, "token_type": "bearer" }),
        "x" => {
            json!({ "access_token": access, "token_type": "bearer", "scope": "tweet.read tweet.write users.read offline.access" })
        }
        "youtube" => {
            json!({ "access_token": access, "token_type": "Bearer", "scope": "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly" })
        }
        "linkedin" => {
            json!({ "access_token": access, "token_type": "Bearer", "scope": "openid,profile,w_member_social,r_organization_admin,w_organization_social" })
        }
        _ => json!({ "access_token": access, "token_type": "bearer" }),
    };
    // Facebook's token response says nothing of permissions: its me/permissions does.
    if let Some(scopes) = state
        .granted_scopes
        .get(platform)
        .filter(|_| platform != "facebook")
    {
        if platform == "instagram" {
            body["permissions"] = json!(scopes);
        } else {
            let separator = if matches!(platform, "tiktok" | "linkedin") {
                ","
            } else {
                " "
            };
            body["scope"] = json!(scopes.join(separator));
        }
    }
    if let Some(declined) = state.declined.get(platform) {
        let kept = |scope: &&str| !declined.iter().any(|no| no == scope);
        if let Some(listed) = body["permissions"].as_array() {
            let listed: Vec<&str> = listed
                .iter()
                .filter_map(Value::as_str)
                .filter(kept)
                .collect();
            body["permissions"] = json!(listed);
        } else if let Some(listed) = body["scope"].as_str() {
            let separator = if listed.contains(',') { "," } else { " " };
            let listed: Vec<&str> = listed.split(separator).filter(kept).collect();
            body["scope"] = json!(listed.join(separator));
        }
    }
    if platform != "instagram" {
        if let Some(seconds) = lifetimes.access {
            body["expires_in"] = json!(seconds);
        }
    }
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    match platform {
        "tiktok" => {
            if let Some(seconds) = lifetimes.refresh {
                body["refresh_expires_in"] = json!(seconds);
            }
        }
        "linkedin" => {
            if let Some(ends) = state.grants[grant].refresh_window_ends {
                body["refresh_token_expires_in"] = json!(ends.saturating_sub(now()));
            }
        }
        _ => {}
    }
    if body["refresh_token"].is_null() {
        if let Some(object) = body.as_object_mut() {
            object.remove("refresh_token");
        }
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Instagram's `ig_exchange_token` and Facebook's `fb_exchange_token`: a short-lived
/// token becomes a long-lived one (60 days).
fn long_lived(state: &mut State, platform: &str, url: &Url) -> ResponseTemplate {
    let params = query(url);
    let (client_id, secret) = expected_client(platform);
    let (grant_type, presented) = match platform {
        "instagram" => ("ig_exchange_token", params.get("access_token")),
        _ => ("fb_exchange_token", params.get("fb_exchange_token")),
    };
    let presented = presented.cloned().unwrap_or_default();
    let client_ok = params.get("client_secret") == Some(&secret)
        && (platform == "instagram" || params.get("client_id") == Some(&client_id));
    if params.get("grant_type").map(String::as_str) != Some(grant_type) || !client_ok {
        return error(400, "invalid_request");
    }
    let Some(grant) = state
        .live_token(&presented, platform)
        .map(|(issued, _)| issued.grant)
    else {
        return error(400, "invalid_token");
    };
    state.grants[grant].token_calls += 1;
    let kind = if platform == "facebook" {
        TokenKind::LongLivedUser
    } else {
        TokenKind::Access
    };
    let long = state.issue(&format!("{platform}-long"), grant, kind, Some(LONG_LIVED));
    ResponseTemplate::new(200).set_body_json(
        json!({ "access_token": long, "token_type": "bearer", "expires_in": LONG_LIVED }),
    )
}

/// Instagram's `GET /refresh_access_token?grant_type=ig_refresh_token`: a long-lived
/// token at least `instagram_min_refresh_age` old gets 60 more days.
fn instagram_refresh(state: &mut State, url: &Url) -> ResponseTemplate {
    let params = query(url);
    let presented = params.get("access_token").cloned().unwrap_or_default();
    if params.get("grant_type").map(String::as_str) != Some("ig_refresh_token") {
        return error(400, "invalid_request");
    }
    let min_age = state.instagram_min_refresh_age;
    let Some((issued, _)) = state.live_token(&presented, "instagram") else {
        return error(400, "invalid_token");
    };
    if now() < issued.issued_at + min_age {
        return error(400, "token_too_young");
    }
    let grant = issued.grant;
    state.grants[grant].token_calls += 1;
    let fresh = state.issue("instagram-long", grant, TokenKind::Access, Some(LONG_LIVED));
    ResponseTemplate::new(200).set_body_json(
        json!({ "access_token": fresh, "token_type": "bearer", "expires_in": LONG_LIVED }),
    )
}

fn profile(state: &mut State, platform: &str, request: &Request) -> ResponseTemplate {
    if state.profile_failure {
        return ResponseTemplate::new(500).set_body_string("profile service down");
    }
    let token = bearer(request);
    let Some((issued, grant)) = state.live_token(&token, platform) else {
        return error(401, "invalid_token");
    };
    let account = grant.account.clone();
    let grant_index = issued.grant;
    let user_is_long_lived = issued.kind == TokenKind::LongLivedUser;
    let avatar = format!("https://cdn.example/{}.png", account.id);
    let body: Value = match platform {
        "youtube" => {
            let mut items = vec![
                json!({ "id": account.id, "snippet": { "title": account.name, "thumbnails": { "default": { "url": avatar } } } }),
            ];
            items.extend(account.managed.iter().map(|channel| {
                json!({ "id": channel.id, "snippet": { "title": channel.name, "thumbnails": { "default": { "url": format!("https://cdn.example/{}.png", channel.id) } } } })
            }));
            json!({ "items": items })
        }
        "tiktok" => {
            json!({ "data": { "user": { "open_id": account.id, "display_name": account.name, "avatar_url": avatar } } })
        }
        "instagram" => {
            json!({ "user_id": account.id, "username": account.name, "profile_picture_url": avatar })
        }
        "facebook" => {
            // A Page token from a long-lived user token never expires; from a
            // short-lived one it dies with the user token.
            let lifetime = if user_is_long_lived {
                None
            } else {
                Some(3_600)
            };
            let pages = if account.managed.is_empty() {
                vec![Managed::publishing(&account.id, &account.name)]
            } else {
                account.managed.clone()
            };
            let data: Vec<Value> = pages
                .iter()
                .map(|page| {
                    let page_token = state.issue("facebook-page", grant_index, TokenKind::Page, lifetime);
                    json!({ "id": page.id, "name": page.name, "picture": { "data": { "url": format!("https://cdn.example/{}.png", page.id) } }, "access_token": page_token, "tasks": page.tasks })
                })
                .collect();
            json!({ "data": data })
        }
        "linkedin" => json!({ "sub": account.id, "name": account.name, "picture": avatar }),
        "x" => {
            json!({ "data": { "id": account.id, "name": account.name, "username": account.name, "profile_image_url": avatar } })
        }
        _ => return error(404, "unknown_platform"),
    };
    ResponseTemplate::new(200).set_body_json(body)
}

/// LinkedIn's Community Management API: the organisations the member administers.
/// Like LinkedIn, it refuses a call without the `Linkedin-Version` header.
fn organizations(state: &State, request: &Request) -> ResponseTemplate {
    if request.headers.get("linkedin-version").is_none() {
        return error(400, "missing_linkedin_version");
    }
    match state.live_token(&bearer(request), "linkedin") {
        Some((_, grant)) => {
            let elements: Vec<Value> = grant
                .account
                .managed
                .iter()
                .map(|organization| {
                    json!({
                        "organization": format!("urn:li:organization:{}", organization.id),
                        "organization~": { "localizedName": organization.name },
                        "role": "ADMINISTRATOR",
                        "state": "APPROVED",
                    })
                })
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({ "elements": elements }))
        }
        None => error(401, "invalid_token"),
    }
}

/// What Facebook's consent asks for (`pages_*` as the registry lists them).
const FACEBOOK_PERMISSIONS: [&str; 4] = [
    "public_profile",
    "pages_show_list",
    "pages_manage_posts",
    "pages_read_engagement",
];

/// Graph's `me/permissions`: each permission the consent asked for, `granted` or, when
/// the person unticked it (`grant_only`, `decline`), `declined`.
fn facebook_permissions(state: &State, request: &Request) -> ResponseTemplate {
    if state.live_token(&bearer(request), "facebook").is_none() {
        return error(401, "invalid_token");
    }
    let only = state.granted_scopes.get("facebook");
    let declined = state.declined.get("facebook");
    let data: Vec<Value> = FACEBOOK_PERMISSIONS
        .iter()
        .map(|permission| {
            let granted = only.is_none_or(|only| only.iter().any(|scope| scope == permission))
                && !declined.is_some_and(|no| no.iter().any(|scope| scope == permission));
            let status = if granted { "granted" } else { "declined" };
            json!({ "permission": permission, "status": status })
        })
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({ "data": data }))
}

/// A cheap "is this token still good" call (Graph `me?fields=id` and the like).
fn health(state: &State, platform: &str, request: &Request) -> ResponseTemplate {
    if state.profile_failure {
        return ResponseTemplate::new(500).set_body_string("profile service down");
    }
    match state.live_token(&bearer(request), platform) {
        Some((_, grant)) => {
            ResponseTemplate::new(200).set_body_json(json!({ "id": grant.account.id }))
        }
        None => error(401, "invalid_token"),
    }
}

/// RFC 7009: revoking an access or refresh token ends the whole grant.
fn revoke(state: &mut State, token: &str) {
    state.revoked.push(token.to_owned());
    let grant = state
        .tokens
        .get(token)
        .map(|issued| issued.grant)
        .or_else(|| state.refresh_tokens.get(token).map(|issued| issued.grant));
    if let Some(grant) = grant {
        state.grants[grant].revoked = true;
    }
}
