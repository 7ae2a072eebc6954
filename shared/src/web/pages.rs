//! The client's pages: the invitation page, the connect page, the invite link's page,
//! their forms, and the page that explains a refusal.
//!
//! Opening a page changes nothing (an email scanner that fetches a link consumes
//! nothing); every change is a POST from a button, carrying the session's CSRF token.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use minijinja::context;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::cookies::{choice_cookie, connect_binding, link_cookie};
use super::see_other;
use super::sign_in::{current_session, sign_in_link};
use crate::dates;
use crate::domain::{ConnectionId, HealthReason, HealthStatus, Platform, Session, WorkspaceId};
use crate::error::AppError;
use crate::oauth::{PlatformOptions, PlatformSpec};
use crate::service::acting::Acting;
use crate::service::ConnectionView;
use crate::service::{choices, connections, invitations, links};
use crate::state::AppState;

/// A page that explains instead of doing: expired links, wrong accounts, failures.
pub fn message_page(
    state: &AppState,
    status: StatusCode,
    workspace_name: &str,
    title: &str,
    message: &str,
) -> Result<Response<Body>, AppError> {
    state
        .pages
        .render(
            "message.html",
            context! { workspace_name, title, message, logo_url => Option::<String>::None },
        )?
        .respond(status, &[])
}

/// Turns a refusal into a page a person can act on; other errors stay errors.
pub fn explain(state: &AppState, error: AppError) -> Result<Response<Body>, AppError> {
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
        | AppError::PlatformNotAllowed(_)
        | AppError::DisconnectNotAllowed => ("You cannot do this here", StatusCode::FORBIDDEN),
        AppError::ConnectionNotFound => ("This connection is gone", StatusCode::NOT_FOUND),
        AppError::InvalidToken(_) => ("Please sign in again", StatusCode::UNAUTHORIZED),
        _ => return Err(error),
    };
    message_page(state, status, "Client Connect", title, &error.to_string())
}

fn base_path(state: &AppState) -> String {
    state.config.base_path().to_owned()
}

fn readable(at: OffsetDateTime) -> String {
    dates::readable(at)
}

/// `GET /invite?token=…`: who invites, to what, until when; sign in, then accept.
pub async fn invite_page(
    state: &AppState,
    token: &str,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let preview = match invitations::preview(state, token).await {
        Ok(preview) => preview,
        Err(error) => return explain(state, error),
    };
    let session = current_session(state, cookies).await?;
    let mut here = url::form_urlencoded::Serializer::new(String::from("/invite?"));
    here.append_pair("token", token);
    let here = here.finish();
    let platforms = preview
        .platforms
        .iter()
        .map(|platform| platform.display_name())
        .collect::<Vec<_>>()
        .join(", ");
    let signed_in_as = session.as_ref().map(|session| {
        session
            .email
            .as_ref()
            .map_or(session.user_id.to_string(), |email| email.to_string())
    });
    let email_matches = session
        .as_ref()
        .is_some_and(|session| session.email.as_ref() == Some(&preview.email));
    state
        .pages
        .render(
            "invite.html",
            context! {
                workspace_name => preview.workspace_name,
                client_name => preview.client_name,
                logo_url => preview.logo_url,
                inviter_name => preview.inviter_name,
                email => preview.email.to_string(),
                expires_at => readable(preview.expires_at),
                platforms,
                token,
                signed_in_as,
                email_matches,
                csrf => session.as_ref().map(|session| session.csrf.clone()),
                sign_in_url => sign_in_link(state, &here),
                base_path => base_path(state),
            },
        )?
        .respond(StatusCode::OK, &[])
}

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    pub token: String,
    pub csrf: String,
}

/// `POST /invite/accept`: the signed-in invitee accepts; on to the connect page.
pub async fn accept_form(
    state: &AppState,
    form: AcceptForm,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let session = match session_for_token_form(state, &form, cookies, "/invite").await {
        Ok(session) => session,
        Err(response) => return response,
    };
    match invitations::accept(state, &session.caller(), &form.token).await {
        Ok(membership) => to_connect_page(state, &membership.workspace_id),
        Err(error) => explain(state, error),
    }
}

/// The session a token form (accept, join) is sent in; else the answer to give: sign
/// in first and come back to `page` with the token, or why the form is refused.
async fn session_for_token_form(
    state: &AppState,
    form: &AcceptForm,
    cookies: Option<&str>,
    page: &str,
) -> Result<Session, Result<Response<Body>, AppError>> {
    match signed_in(state, cookies, &form.csrf).await {
        Ok(Some(session)) => Ok(session),
        Ok(None) => {
            let mut next = url::form_urlencoded::Serializer::new(format!("{page}?"));
            next.append_pair("token", &form.token);
            Err(see_other(&sign_in_link(state, &next.finish()), &[]))
        }
        Err(error) => Err(explain(state, error)),
    }
}

/// On to the connect page of `workspace`.
fn to_connect_page(state: &AppState, workspace: &str) -> Result<Response<Body>, AppError> {
    let mut url = state.config.page_url("/connect");
    url.query_pairs_mut().append_pair("workspace", workspace);
    see_other(url.as_str(), &[])
}

#[derive(Debug, Default, Deserialize)]
pub struct ConnectQuery {
    /// A connect link's token: opening it only remembers it in a cookie.
    pub link: Option<String>,
    pub workspace: Option<String>,
    pub platform: Option<String>,
    pub result: Option<String>,
    /// From a reconnect email: the connection that needs the person.
    pub reconnect: Option<String>,
    /// After a consent that granted too little: what is lost, `;`-separated.
    pub missing: Option<String>,
}

/// A banner: what happened (`ok`) or what went wrong (`bad`).
#[derive(Serialize)]
pub(super) struct Notice {
    kind: &'static str,
    text: String,
}

impl Notice {
    pub(super) fn ok(text: &str) -> Self {
        Self {
            kind: "ok",
            text: text.to_owned(),
        }
    }

    pub(super) fn bad(text: &str) -> Self {
        Self {
            kind: "bad",
            text: text.to_owned(),
        }
    }
}

/// A platform the client may connect, with its accounts of it (a consent may bring
/// several: Pages, organisations, channels).
#[derive(Serialize)]
struct PlatformRow {
    platform: &'static str,
    name: &'static str,
    connections: Vec<ConnectionRow>,
}

#[derive(Serialize)]
struct ConnectionRow {
    id: String,
    platform: &'static str,
    name: &'static str,
    account: String,
    /// "healthy", "expiring" or "needs_reconnect".
    status: HealthStatus,
    /// What people read about its health.
    state: String,
    /// The Reconnect button renews this connection (same account).
    reconnect: bool,
    /// The row the email's link pointed at.
    highlighted: bool,
}

impl ConnectionRow {
    fn of(view: &ConnectionView, highlighted: Option<&str>, now: OffsetDateTime) -> Self {
        Self {
            id: view.id.clone(),
            platform: view.platform.as_str(),
            name: view.platform.display_name(),
            account: view.display_name.clone(),
            status: view.health.status,
            state: connection_health_text(view, now),
            reconnect: view.health.status != HealthStatus::Healthy,
            highlighted: highlighted == Some(view.id.as_str()),
        }
    }
}

/// How a connection's health reads on the page.
pub(super) fn connection_health_text(connection: &ConnectionView, now: OffsetDateTime) -> String {
    let name = &connection.display_name;
    let health = &connection.health;
    match health.status {
        HealthStatus::Healthy => format!("Connected as @{name}"),
        HealthStatus::Expiring => match health.deadline {
            Some(deadline) => format!(
                "Connected as @{name}; stops working on {} ({}): reconnect to keep it",
                dates::day(deadline),
                dates::relative(deadline, now)
            ),
            None => format!("Connected as @{name}; reconnect soon to keep it"),
        },
        HealthStatus::NeedsReconnect => match health.reason {
            Some(HealthReason::Expired) => {
                format!(
                    "Needs reconnecting (@{name}): its access ran out {}",
                    dates::relative(health.since, now)
                )
            }
            Some(HealthReason::RefreshTokenLost) => format!(
                "Needs reconnecting (@{name}): the platform no longer accepts its stored access"
            ),
            _ => format!("Needs reconnecting (@{name}): access was withdrawn at the platform"),
        },
    }
}

fn link_gone(state: &AppState) -> Result<Response<Body>, AppError> {
    message_page(
        state,
        StatusCode::GONE,
        "Client Connect",
        "This connect link no longer works",
        "It was revoked or replaced by the agency, or it expired. Ask them for a new link; nothing was connected.",
    )
}

/// `GET /connect?workspace=…` (or `?link=…`): the client's platforms, each connected
/// or not.
pub async fn connect_page(
    state: &AppState,
    query: ConnectQuery,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    if let Some(token) = &query.link {
        // Remember the link in a cookie and take the token out of the address bar.
        let Some(Acting::Link { link, .. }) = links::resolve_connect_link(state, token).await?
        else {
            return link_gone(state);
        };
        let lifetime = link.expires_at - state.clock.now();
        let target = state.config.page_url(&format!(
            "/connect?workspace={}",
            link.workspace_id.as_str()
        ));
        return see_other(
            target.as_str(),
            &[link_cookie(&state.config, token, lifetime)],
        );
    }
    let link_cookie_present = link_cookie(&state.config, "", time::Duration::ZERO)
        .read_from(cookies)
        .is_some();
    let Some(session) = current_session(state, cookies).await? else {
        if link_cookie_present {
            return link_gone(state);
        }
        // Back to this very page after signing in, the reconnect it was opened for too.
        let mut back = url::form_urlencoded::Serializer::new(String::from("/connect?"));
        if let Some(workspace) = &query.workspace {
            back.append_pair("workspace", workspace);
        }
        if let Some(reconnect) = &query.reconnect {
            back.append_pair("reconnect", reconnect);
        }
        let next = back.finish();
        return see_other(&sign_in_link(state, next.trim_end_matches('?')), &[]);
    };
    let workspace_id = match &query.workspace {
        Some(raw) => raw.parse::<WorkspaceId>()?,
        None => match state.store.client_workspaces(&session.user_id).await?.as_slice() {
            [only] => only.clone(),
            _ => {
                return message_page(
                    state,
                    StatusCode::OK,
                    "Client Connect",
                    "Open the link from your agency",
                    "You are a client of several workspaces, or of none yet. Open the link in your agency's email to choose.",
                )
            }
        },
    };
    let view = match connections::connect_page_view(state, &session.actor(), &workspace_id).await {
        Ok(view) => view,
        Err(error) => return explain(state, error),
    };
    let now = state.clock.now();
    let owner = view.acting.owner();
    let (own, shared): (Vec<_>, Vec<_>) = view
        .connections
        .into_iter()
        .partition(|connection| connection.owner == owner);
    let own: Vec<ConnectionView> = own
        .into_iter()
        .map(|connection| ConnectionView::of(connection, now))
        .collect();
    let notice = match query.result.as_deref() {
        Some(result) => Some(consent_notice(
            result,
            query.platform.as_deref(),
            query.missing.as_deref(),
        )),
        None => query
            .reconnect
            .as_deref()
            .map(|id| reconnect_notice(&own, id)),
    };
    let rows: Vec<PlatformRow> = view
        .platforms
        .iter()
        .map(|platform| PlatformRow {
            platform: platform.as_str(),
            name: platform.display_name(),
            connections: own
                .iter()
                .filter(|connection| connection.platform == *platform)
                .map(|connection| ConnectionRow::of(connection, query.reconnect.as_deref(), now))
                .collect(),
        })
        .collect();
    let shared: Vec<ConnectionRow> = shared
        .into_iter()
        .map(|connection| ConnectionRow::of(&ConnectionView::of(connection, now), None, now))
        .collect();
    let form_targets = form_targets(state, &view.platforms);
    let workspace = view.acting.workspace();
    let client = view.acting.client();
    state
        .pages
        .render(
            "connect.html",
            context! {
                workspace_name => workspace.name.as_str(),
                client_name => client.map(|client| client.name.as_str()),
                logo_url => client
                    .and_then(|client| client.logo_url.as_ref())
                    .or(workspace.logo_url.as_ref())
                    .map(|logo| logo.as_str()),
                workspace_id => workspace_id.as_str(),
                platforms => rows,
                shared,
                may_disconnect => workspace.clients_may_disconnect,
                notice,
                csrf => session.csrf,
                base_path => base_path(state),
            },
        )?
        .respond(StatusCode::OK, &form_targets)
}

/// The consent pages a Connect button's redirect may lead to (CSP form-action).
pub(super) fn form_targets(state: &AppState, platforms: &[Platform]) -> Vec<String> {
    let mut origins: Vec<String> = platforms
        .iter()
        .map(|platform| {
            PlatformSpec::for_platform(*platform, &state.config.oauth.platforms)
                .endpoints
                .authorize
                .origin()
                .ascii_serialization()
        })
        .collect();
    origins.sort();
    origins.dedup();
    origins
}

/// The banner of a page opened from a reconnect email.
fn reconnect_notice(views: &[ConnectionView], id: &str) -> Notice {
    match views.iter().find(|view| view.id == id) {
        Some(view) if view.health.status != HealthStatus::Healthy => Notice {
            kind: "bad",
            text: format!(
                "Your {} connection @{} needs you: press Reconnect and sign in to the same account.",
                view.platform.display_name(),
                view.display_name
            ),
        },
        Some(view) => Notice {
            kind: "ok",
            text: format!("Your {} connection @{} works: nothing to do.", view.platform.display_name(), view.display_name),
        },
        None => Notice {
            kind: "bad",
            text: "That connection is no longer here: connect the account again below.".to_owned(),
        },
    }
}

/// The banner after a platform's consent, from the landing's fixed `result` slug.
pub(super) fn consent_notice(
    result: &str,
    platform: Option<&str>,
    missing: Option<&str>,
) -> Notice {
    let platform = platform.and_then(|raw| raw.parse::<Platform>().ok());
    let name = platform.map_or("the platform", |platform| platform.display_name());
    let (kind, text) = match result {
        "connected" => ("ok", format!("{name} is connected.")),
        "disconnected" => ("ok", format!("{name} is disconnected.")),
        "cancelled" => ("ok", format!("Nothing was connected from {name}.")),
        "choice-expired" => (
            "bad",
            "That choice took longer than 15 minutes, or was already made. Please connect again.".to_owned(),
        ),
        "access-denied" => (
            "bad",
            format!("You declined at {name}; nothing was connected."),
        ),
        "state-expired" => (
            "bad",
            "That took longer than 15 minutes. Please connect again.".to_owned(),
        ),
        "connected-elsewhere" => (
            "bad",
            format!("This {name} account is already connected by someone else in this workspace."),
        ),
        "token-exchange-failed" | "profile-failed" | "platform-error" => (
            "bad",
            format!("{name} did not complete the connection. Please try again in a moment."),
        ),
        "wrong-account" => (
            "bad",
            format!("You signed in to {name} with a different account than this connection's. Nothing was changed: reconnect with the same account."),
        ),
        "permissions-missing" => {
            // Only what the platform's own list says: a crafted link shows nothing else.
            let lost: Vec<&str> = platform
                .map(|platform| PlatformSpec::for_platform(platform, &PlatformOptions::default()))
                .map(|spec| {
                    missing
                        .unwrap_or_default()
                        .split(';')
                        .filter_map(|item| spec.scopes.iter().find(|needed| needed.allows == item))
                        .map(|needed| needed.allows)
                        .collect()
                })
                .unwrap_or_default();
            let lost = if lost.is_empty() { "some permissions".to_owned() } else { lost.join(", ") };
            (
                "bad",
                format!("{name} did not allow {lost}, which publishing needs. Nothing was saved: connect again and keep every permission ticked."),
            )
        }
        _ => (
            "bad",
            "The connection could not be completed. Please start again from this page.".to_owned(),
        ),
    };
    Notice { kind, text }
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    pub workspace: String,
    pub platform: String,
    pub csrf: String,
    /// A Reconnect button: the connection to renew.
    #[serde(default)]
    pub reconnect: Option<String>,
}

/// `POST /connect/start`: on to the platform's consent page.
pub async fn start_form(
    state: &AppState,
    form: StartForm,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let (session, workspace) =
        match button_session(state, cookies, &form.csrf, &form.workspace).await? {
            Ok(acting) => acting,
            Err(answer) => return Ok(answer),
        };
    let platform: Platform = form.platform.parse()?;
    let reconnect: Option<ConnectionId> = form
        .reconnect
        .as_deref()
        .filter(|raw| !raw.is_empty())
        .map(str::parse)
        .transpose()?;
    match connections::start(
        state,
        &session.actor(),
        &workspace,
        platform,
        reconnect.as_ref(),
    )
    .await
    {
        Ok(started) => see_other(
            &started.view.authorize_url,
            &[connect_binding(
                &state.config,
                platform,
                &started.browser_nonce,
            )],
        ),
        Err(error) => explain(state, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct DisconnectForm {
    pub workspace: String,
    pub connection: String,
    pub csrf: String,
}

/// `POST /connect/disconnect`: back to the page, which says what happened.
pub async fn disconnect_form(
    state: &AppState,
    form: DisconnectForm,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let (session, workspace) =
        match button_session(state, cookies, &form.csrf, &form.workspace).await? {
            Ok(acting) => acting,
            Err(answer) => return Ok(answer),
        };
    let connection = form.connection.parse()?;
    match connections::disconnect(state, &session.actor(), &workspace, &connection).await {
        Ok(done) => see_other(
            state
                .config
                .page_url(&format!(
                    "/connect?workspace={}&platform={}&result=disconnected",
                    workspace.as_str(),
                    done.platform.as_str()
                ))
                .as_str(),
            &[],
        ),
        Err(error) => explain(state, error),
    }
}

/// Who a connect-page button acts for, and in which workspace; otherwise the page
/// that answers instead (sign in first, or why not).
async fn button_session(
    state: &AppState,
    cookies: Option<&str>,
    csrf: &str,
    workspace: &str,
) -> Result<Result<(Session, WorkspaceId), Response<Body>>, AppError> {
    let session = match signed_in(state, cookies, csrf).await {
        Ok(session) => session,
        Err(error) => return explain(state, error).map(Err),
    };
    let Some(session) = session else {
        let sign_in = sign_in_link(state, &format!("/connect?workspace={workspace}"));
        return see_other(&sign_in, &[]).map(Err);
    };
    Ok(Ok((session, workspace.parse()?)))
}

/// The live session whose CSRF token the form carries; `None` asks to sign in.
async fn signed_in(
    state: &AppState,
    cookies: Option<&str>,
    csrf: &str,
) -> Result<Option<Session>, AppError> {
    let session = current_session(state, cookies).await?;
    match session {
        Some(session) if crate::crypto::constant_time_eq(csrf, &session.csrf) => Ok(Some(session)),
        Some(_) => Err(AppError::InvalidToken(
            "the form is stale: reload the page and try again".into(),
        )),
        // A connect link that died meanwhile: say so rather than ask for a login.
        None if link_cookie(&state.config, "", time::Duration::ZERO)
            .read_from(cookies)
            .is_some() =>
        {
            Err(AppError::InviteLinkNotFound)
        }
        None => Ok(None),
    }
}

/// `GET /join?token=…`: the reusable invite link's page. Opening it changes nothing.
pub async fn join_page(
    state: &AppState,
    token: &str,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let offer = match links::join_offer(state, token).await {
        Ok(offer) => offer,
        Err(AppError::InviteLinkNotFound) => {
            return message_page(
                state,
                StatusCode::GONE,
                "Client Connect",
                "This invite link no longer works",
                "The agency turned it off or replaced it with a new one. Ask them for the current link; you have not joined anything.",
            )
        }
        Err(error) => return explain(state, error),
    };
    let session = current_session(state, cookies)
        .await?
        .filter(|session| session.email.is_some());
    let mut here = url::form_urlencoded::Serializer::new(String::from("/join?"));
    here.append_pair("token", token);
    let platforms = offer
        .rights()
        .platforms
        .iter()
        .map(|platform| platform.display_name())
        .collect::<Vec<_>>()
        .join(", ");
    let workspace = &offer.workspace.workspace;
    state
        .pages
        .render(
            "join.html",
            context! {
                workspace_name => workspace.name.as_str(),
                client_name => offer.client.as_ref().map(|client| client.name.as_str()),
                logo_url => offer
                    .client
                    .as_ref()
                    .and_then(|client| client.logo_url.as_ref())
                    .or(workspace.logo_url.as_ref())
                    .map(|logo| logo.as_str()),
                platforms,
                token,
                signed_in_as => session.as_ref().and_then(|session| session.email.as_ref().map(ToString::to_string)),
                csrf => session.as_ref().map(|session| session.csrf.clone()),
                sign_in_url => sign_in_link(state, &here.finish()),
                base_path => base_path(state),
            },
        )?
        .respond(StatusCode::OK, &[])
}

/// `POST /join`: the Join button; on to the connect page.
pub async fn join_form(
    state: &AppState,
    form: AcceptForm,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let session = match session_for_token_form(state, &form, cookies, "/join").await {
        Ok(session) => session,
        Err(response) => return response,
    };
    match links::join(state, &session.caller(), &form.token).await {
        Ok(workspace) => to_connect_page(state, workspace.as_str()),
        Err(error) => explain(state, error),
    }
}

/// `GET /connect/choose[?choice=…]`: the accounts one consent brought (Pages,
/// organisations, channels), each to tick or not. Opening it changes nothing; with
/// `?choice=` it only keeps the token in a cookie and takes it out of the address bar.
pub async fn choose_page(
    state: &AppState,
    choice: Option<&str>,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    if let Some(token) = choice.filter(|token| !token.is_empty()) {
        let clean = state.config.page_url("/connect/choose");
        return see_other(clean.as_str(), &[choice_cookie(&state.config, token)]);
    }
    let view = match choices::view(state, choice_cookie(&state.config, "").read_from(cookies)).await
    {
        Ok(view) => view,
        Err(AppError::ChoiceExpired) => return choice_gone(state),
        Err(error) => return explain(state, error),
    };
    let accounts: Vec<_> = view
        .accounts
        .iter()
        .map(|account| {
            context! {
                id => account.account_id.as_str(),
                name => account.display_name.as_str(),
                unavailable => account.unavailable.as_deref(),
            }
        })
        .collect();
    state
        .pages
        .render(
            "choose.html",
            context! {
                workspace_name => view.workspace_name,
                platform_name => view.platform.display_name(),
                accounts,
                csrf => view.csrf,
                base_path => base_path(state),
            },
        )?
        .respond(StatusCode::OK, &[])
}

fn choice_gone(state: &AppState) -> Result<Response<Body>, AppError> {
    message_page(
        state,
        StatusCode::GONE,
        "Client Connect",
        "This choice has expired",
        "It took longer than 15 minutes, or the accounts were already chosen. Nothing more was connected: connect again from the connect page.",
    )
}

/// `POST /connect/choose`: the accounts ticked become connections (or none, on
/// Cancel); then back to the connect page, which says what happened.
pub async fn choose_form(
    state: &AppState,
    fields: Vec<(String, String)>,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let decision = match value("action") {
        Some("cancel") => choices::Decision::Cancel,
        _ => choices::Decision::Connect(
            fields
                .iter()
                .filter(|(key, _)| key == "account")
                .map(|(_, value)| value.clone())
                .collect(),
        ),
    };
    let token = choice_cookie(&state.config, "").read_from(cookies);
    let chosen =
        match choices::decide(state, token, value("csrf").unwrap_or_default(), decision).await {
            Ok(chosen) => chosen,
            Err(AppError::ChoiceExpired) => return choice_gone(state),
            Err(error) => return explain(state, error),
        };
    let mut location = state.config.page_url(super::landing_path(chosen.landing));
    location
        .query_pairs_mut()
        .append_pair("workspace", chosen.workspace.as_str())
        .append_pair("platform", chosen.platform.as_str())
        .append_pair("result", chosen.outcome.slug())
        .append_pair("count", &chosen.connected.to_string());
    see_other(
        location.as_str(),
        &[choice_cookie(&state.config, "").cleared()],
    )
}
