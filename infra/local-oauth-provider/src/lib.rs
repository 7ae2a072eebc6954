//! A local OAuth provider standing in for all six platforms, over real HTTP, at
//! `<base>/<platform>/{authorize,token,profile,revoke,long-lived}`.
//!
//! It behaves like the real ones where it matters to us: it checks the client (TikTok's
//! `client_key`, X's Basic auth), the exact redirect URI, single-use codes and PKCE S256
//! (a wrong verifier is refused), answers each platform's own token and profile shapes
//! (Instagram without `token_type` and with a long-lived exchange, TikTok with
//! `refresh_expires_in`, Facebook with a Page token), and records revocations. Under
//! `/oidc/` it is also the OpenID Connect provider people sign in with.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use url::Url;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod oidc;

pub use oidc::OidcSettings;

/// Who the next consent at a platform signs in as.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub name: String,
}

#[derive(Default)]
struct Grant {
    platform: String,
    client_id: String,
    redirect_uri: String,
    challenge: Option<String>,
    account: Option<Account>,
    used: bool,
}

#[derive(Default)]
struct State {
    grants: HashMap<String, Grant>,
    /// access token → (platform, account)
    tokens: HashMap<String, (String, Account)>,
    accounts: HashMap<String, Account>,
    revoked: Vec<String>,
    token_failure: bool,
    profile_failure: bool,
    deny: bool,
    counter: u64,
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
        for (verb, path, kind) in [
            ("GET", "/oidc/authorize", "authorize-page"),
            ("POST", "/oidc/authorize", "authorize-submit"),
            ("POST", "/oidc/token", "token"),
        ] {
            Mock::given(method(verb))
                .and(wiremock::matchers::path(path))
                .respond_with(oidc::OidcEndpoint {
                    kind,
                    settings: oidc.clone(),
                    state: Arc::clone(&oidc_state),
                })
                .mount(&server)
                .await;
        }
        let state = Arc::new(Mutex::new(State::default()));
        let route = |kind: &'static str| Endpoint {
            kind,
            state: Arc::clone(&state),
        };
        Mock::given(method("GET"))
            .and(path_regex(r"^/[a-z]+/authorize$"))
            .respond_with(route("authorize"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path_regex(r"^/[a-z]+/token$"))
            .respond_with(route("token"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path_regex(r"^/instagram/long-lived$"))
            .respond_with(route("long-lived"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path_regex(r"^/[a-z]+/profile$"))
            .respond_with(route("profile"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path_regex(r"^/[a-z]+/revoke$"))
            .respond_with(route("revoke"))
            .mount(&server)
            .await;
        Self {
            server: Arc::new(server),
            state,
        }
    }

    pub fn base_url(&self) -> Url {
        Url::parse(&self.server.uri()).unwrap()
    }

    /// The next consent at `platform` signs in as this account.
    pub fn sign_in_as(&self, platform: &str, id: &str, name: &str) {
        self.state.lock().unwrap().accounts.insert(
            platform.to_owned(),
            Account {
                id: id.to_owned(),
                name: name.to_owned(),
            },
        );
    }

    pub fn deny_consent(&self) {
        self.state.lock().unwrap().deny = true;
    }

    pub fn fail_token_endpoint(&self) {
        self.state.lock().unwrap().token_failure = true;
    }

    pub fn fail_profile_endpoint(&self) {
        self.state.lock().unwrap().profile_failure = true;
    }

    pub fn revoked(&self) -> Vec<String> {
        self.state.lock().unwrap().revoked.clone()
    }

    /// Every access token the provider has handed out.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state.lock().unwrap().tokens.keys().cloned().collect()
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
        match self.kind {
            "authorize" => authorize(&mut state, &platform, &request.url),
            "token" => token(&mut state, &platform, request),
            "long-lived" => long_lived(&mut state, &request.url),
            "profile" => profile(&state, &platform, request),
            "revoke" => {
                let form = form(request);
                state
                    .revoked
                    .push(form.get("token").cloned().unwrap_or_default());
                ResponseTemplate::new(200)
            }
            _ => ResponseTemplate::new(404),
        }
    }
}

fn query(url: &Url) -> HashMap<String, String> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn form(request: &Request) -> HashMap<String, String> {
    url::form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn authorize(state: &mut State, platform: &str, url: &Url) -> ResponseTemplate {
    let params = query(url);
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
    let code = state.mint("code");
    let account = state.accounts.get(platform).cloned().unwrap_or(Account {
        id: format!("{platform}-account-1"),
        name: format!("{platform} person"),
    });
    state.grants.insert(
        code.clone(),
        Grant {
            platform: platform.to_owned(),
            client_id,
            redirect_uri,
            challenge,
            account: Some(account),
            used: false,
        },
    );
    back.query_pairs_mut().append_pair("code", &code);
    ResponseTemplate::new(302).insert_header("location", back.as_str())
}

fn token(state: &mut State, platform: &str, request: &Request) -> ResponseTemplate {
    if state.token_failure {
        return ResponseTemplate::new(500).set_body_string("upstream exploded");
    }
    let form = form(request);
    let (client_id, secret) = expected_client(platform);
    let authenticated = if platform == "x" {
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{secret}"))
        );
        request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            == Some(basic.as_str())
    } else {
        let id_param = if platform == "tiktok" {
            "client_key"
        } else {
            "client_id"
        };
        form.get(id_param) == Some(&client_id) && form.get("client_secret") == Some(&secret)
    };
    if !authenticated {
        return error(401, "invalid_client");
    }
    let code = form.get("code").cloned().unwrap_or_default();
    let Some(grant) = state.grants.get_mut(&code) else {
        return error(400, "invalid_grant");
    };
    if grant.used || grant.platform != platform || grant.client_id != client_id {
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
    let account = grant.account.clone().unwrap();
    let access = state.mint(&format!("{platform}-access"));
    let refresh = state.mint(&format!("{platform}-refresh"));
    state
        .tokens
        .insert(access.clone(), (platform.to_owned(), account.clone()));
    let body = match platform {
        "tiktok" => json!({
            "access_token": access, "token_type": "Bearer", "expires_in": 86400, "open_id": account.id,
            "refresh_token": refresh, "refresh_expires_in": 31536000, "scope": "user.info.basic,video.upload,video.publish",
        }),
        // Instagram Login's short-lived token: no token_type, no expiry, no refresh.
        "instagram" => {
            json!({ "access_token": access, "user_id": account.id, "permissions": ["instagram_business_basic"] })
        }
        _ => {
            json!({ "access_token": access, "token_type": "bearer", "expires_in": 3600, "refresh_token": refresh, "scope": "granted" })
        }
    };
    ResponseTemplate::new(200).set_body_json(body)
}

fn long_lived(state: &mut State, url: &Url) -> ResponseTemplate {
    let params = query(url);
    let (_, secret) = expected_client("instagram");
    let short = params.get("access_token").cloned().unwrap_or_default();
    let known = state.tokens.get(&short).cloned();
    match known {
        Some((_, account))
            if params.get("grant_type").map(String::as_str) == Some("ig_exchange_token")
                && params.get("client_secret") == Some(&secret) =>
        {
            let long = state.mint("instagram-long");
            state
                .tokens
                .insert(long.clone(), ("instagram".into(), account));
            ResponseTemplate::new(200).set_body_json(
                json!({ "access_token": long, "token_type": "bearer", "expires_in": 5184000 }),
            )
        }
        _ => error(400, "invalid_token"),
    }
}

fn profile(state: &State, platform: &str, request: &Request) -> ResponseTemplate {
    if state.profile_failure {
        return ResponseTemplate::new(500).set_body_string("profile service down");
    }
    let bearer = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let Some((token_platform, account)) = state.tokens.get(bearer) else {
        return error(401, "invalid_token");
    };
    if token_platform != platform {
        return error(401, "invalid_token");
    }
    let avatar = format!("https://cdn.example/{}.png", account.id);
    let body: Value = match platform {
        "youtube" => {
            json!({ "items": [{ "id": account.id, "snippet": { "title": account.name, "thumbnails": { "default": { "url": avatar } } } }] })
        }
        "tiktok" => {
            json!({ "data": { "user": { "open_id": account.id, "display_name": account.name, "avatar_url": avatar } } })
        }
        "instagram" => {
            json!({ "user_id": account.id, "username": account.name, "profile_picture_url": avatar })
        }
        "facebook" => {
            json!({ "data": [{ "id": account.id, "name": account.name, "picture": { "data": { "url": avatar } }, "access_token": format!("page-token-{}", account.id) }] })
        }
        "linkedin" => json!({ "sub": account.id, "name": account.name, "picture": avatar }),
        "x" => {
            json!({ "data": { "id": account.id, "name": account.name, "username": account.name, "profile_image_url": avatar } })
        }
        _ => return error(404, "unknown_platform"),
    };
    ResponseTemplate::new(200).set_body_json(body)
}
