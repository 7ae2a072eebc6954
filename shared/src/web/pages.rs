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

use super::consent::{connection_health_text, consent_notice, form_targets};
use super::cookies::{choice_cookie, connect_binding, link_cookie};
use super::session::{self, path_with, respond, sign_in_link, Halt, Step, Visitors};
use super::words;
use super::{explain, message_page, product_name, render, see_other, Notice};
use crate::dates;
use crate::domain::{ConnectionId, HealthStatus, Platform, Rights, Session, WorkspaceId};
use crate::error::AppError;
use crate::service::acting::Acting;
use crate::service::ConnectionView;
use crate::service::{choices, connect, connections, invitations, links};
use crate::state::AppState;
use crate::tr;

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
        Err(error) => return explain(error),
    };
    let session = session::current(state, cookies).await?;
    let here = path_with("/invite", &[("token", Some(token))]);
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
    let may_do = words::may_do(
        &Rights {
            permissions: preview.permissions,
            platforms: preview.platforms.clone(),
        },
        preview.may_disconnect,
    );
    render(
        "invite.html",
        context! {
            workspace_name => preview.workspace_name,
            client_name => preview.client_name,
            logo_url => preview.logo_url,
            accent => preview.accent_colour,
            message => preview.message.as_deref().map(|message| message.split('\n').collect::<Vec<_>>()),
            inviter_name => preview.inviter_name,
            email => preview.email.to_string(),
            expires_at => readable(preview.expires_at),
            platforms,
            may_do,
            may_disconnect => preview.may_disconnect,
            connects => preview.permissions.connect_accounts,
            token,
            signed_in_as,
            email_matches,
            csrf => session.as_ref().map(|session| session.csrf.clone()),
            sign_in_url => if preview.two_factor_required {
                session::second_factor_sign_in_link(state, &here)
            } else {
                sign_in_link(state, &here)
            },
            two_factor => preview.two_factor_required,
            // Signed in, but not with the second factor accepting will need.
            needs_second_factor => preview.two_factor_required
                && session.as_ref().is_some_and(|session| session.second_factor_at.is_none()),
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
    respond(
        async {
            let session = form.pressed(state, cookies, "/invite").await?;
            match invitations::accept(state, &session.caller(), &form.token).await {
                Ok(membership) => Ok(to_connect_page(state, &membership.workspace_id)?),
                Err(error) => Err(session::refused(
                    state,
                    error,
                    &path_with("/invite", &[("token", Some(&form.token))]),
                )),
            }
        }
        .await,
    )
}

impl AcceptForm {
    /// The session a token form (accept, join) is sent in; else sign in first and come
    /// back to `page` with the token.
    async fn pressed(&self, state: &AppState, cookies: Option<&str>, page: &str) -> Step<Session> {
        let back_to = path_with(page, &[("token", Some(&self.token))]);
        session::pressed(
            state,
            cookies,
            Visitors::PeopleAndLinks,
            &self.csrf,
            &back_to,
        )
        .await
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
    /// What its consent granted, in plain words.
    granted: String,
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
            granted: words::granted(view.platform, &view.scopes),
        }
    }
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
            return session::link_gone();
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
    // Back to this very page after signing in, the reconnect it was opened for too.
    let back_to = path_with(
        "/connect",
        &[
            ("workspace", query.workspace.as_deref()),
            ("reconnect", query.reconnect.as_deref()),
        ],
    );
    let session = match session::signed_in(state, cookies, Visitors::PeopleAndLinks, &back_to).await
    {
        Ok(session) => session,
        Err(halt) => return respond(Err(halt)),
    };
    let workspace_id = match &query.workspace {
        Some(raw) => raw.parse::<WorkspaceId>()?,
        None => match state
            .store
            .client_workspaces(&session.user_id)
            .await?
            .as_slice()
        {
            [only] => only.clone(),
            _ => {
                return message_page(
                    StatusCode::OK,
                    &product_name(),
                    &tr!("connect-which-workspace-title"),
                    &tr!("connect-which-workspace-detail"),
                )
            }
        },
    };
    let view = match connections::connect_page_view(state, &session.actor(), &workspace_id).await {
        Ok(view) => view,
        Err(error) => return explain(error),
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
    render(
        "connect.html",
        context! {
            workspace_name => workspace.name.as_str(),
            client_name => client.map(|client| client.name.as_str()),
            logo_url => client
                .and_then(|client| client.logo_url.as_ref())
                .or(workspace.logo_url.as_ref())
                .map(|logo| logo.as_str()),
            accent => workspace.accent_colour.map(String::from),
            workspace_id => workspace_id.as_str(),
            platforms => rows,
            shared,
            assigned => assigned_rows(&view.assigned, &view.platforms),
            may_disconnect => workspace.clients_may_disconnect,
            may_do => view.acting.rights().map(|rights| {
                words::may_do(&rights, workspace.clients_may_disconnect)
            }),
            notice,
            csrf => session.csrf,
            base_path => base_path(state),
        },
    )?
    .respond(StatusCode::OK, &form_targets)
}

/// One agency account assigned to the client, as its connect page says it.
#[derive(serde::Serialize)]
struct AssignedRow {
    /// "Acme Brand on YouTube (you approve its posts)".
    text: String,
    /// What the client is asked to do: connect the same account themselves.
    waiting: Option<String>,
}

/// The connect page's "Assigned to you" list: each account with its settings in words.
fn assigned_rows(
    assigned: &[(crate::domain::Connection, crate::store::SeenAssignment)],
    connectable: &[Platform],
) -> Vec<AssignedRow> {
    assigned
        .iter()
        .map(|(connection, seen)| {
            let platform = connection.platform.display_name();
            let approves = if seen.assignment.settings.client_approves_posts {
                "yes"
            } else {
                "no"
            };
            let waiting = (seen.assignment.status(seen.client_connection.as_ref())
                == crate::domain::AssignmentStatus::Waiting)
                .then(|| {
                    if connectable.contains(&connection.platform) {
                        tr!("connect-assigned-waiting", platform = platform)
                    } else {
                        tr!("connect-assigned-waiting-cannot", platform = platform)
                    }
                });
            AssignedRow {
                text: tr!(
                    "connect-assigned",
                    account = connection.display_name.as_str(),
                    platform = platform,
                    approves = approves,
                ),
                waiting,
            }
        })
        .collect()
}

/// The banner of a page opened from a reconnect email.
fn reconnect_notice(views: &[ConnectionView], id: &str) -> Notice {
    match views.iter().find(|view| view.id == id) {
        Some(view) if view.health.status != HealthStatus::Healthy => Notice::bad(tr!(
            "connect-reconnect-needed",
            platform = view.platform.display_name(),
            account = view.display_name.as_str(),
        )),
        Some(view) => Notice::ok(tr!(
            "connect-reconnect-fine",
            platform = view.platform.display_name(),
            account = view.display_name.as_str(),
        )),
        None => Notice::bad(tr!("connect-reconnect-gone")),
    }
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
        match connect_button(state, cookies, &form.csrf, &form.workspace).await {
            Ok(pressed) => pressed,
            Err(halt) => return respond(Err(halt)),
        };
    let platform: Platform = form.platform.parse()?;
    let reconnect: Option<ConnectionId> = form
        .reconnect
        .as_deref()
        .filter(|raw| !raw.is_empty())
        .map(str::parse)
        .transpose()?;
    match connect::start(
        state,
        &session.actor(),
        session.second_factor_at,
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
        Err(error) => respond(Err(session::refused(
            state,
            error,
            &connect_page_of(&workspace),
        ))),
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
        match connect_button(state, cookies, &form.csrf, &form.workspace).await {
            Ok(pressed) => pressed,
            Err(halt) => return respond(Err(halt)),
        };
    let connection = form.connection.parse()?;
    match connections::disconnect(
        state,
        &session.actor(),
        session.second_factor_at,
        &workspace,
        &connection,
    )
    .await
    {
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
        Err(error) => respond(Err(session::refused(
            state,
            error,
            &connect_page_of(&workspace),
        ))),
    }
}

/// The connect page of `workspace`, as a sign-in returns to it.
fn connect_page_of(workspace: &WorkspaceId) -> String {
    path_with("/connect", &[("workspace", Some(workspace.as_str()))])
}

/// Who a connect-page button acts for, and in which workspace; else sign in first and
/// come back to that workspace's connect page.
async fn connect_button(
    state: &AppState,
    cookies: Option<&str>,
    csrf: &str,
    workspace: &str,
) -> Step<(Session, WorkspaceId)> {
    let back_to = path_with("/connect", &[("workspace", Some(workspace))]);
    let session =
        session::pressed(state, cookies, Visitors::PeopleAndLinks, csrf, &back_to).await?;
    Ok((session, workspace.parse().map_err(AppError::from)?))
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
                StatusCode::GONE,
                &product_name(),
                &tr!("join-link-gone-title"),
                &tr!("join-link-gone-detail"),
            )
        }
        Err(error) => return explain(error),
    };
    let session = session::current(state, cookies)
        .await?
        .filter(|session| session.email.is_some());
    let here = path_with("/join", &[("token", Some(token))]);
    let platforms = offer
        .rights()
        .platforms
        .iter()
        .map(|platform| platform.display_name())
        .collect::<Vec<_>>()
        .join(", ");
    let workspace = &offer.workspace.workspace;
    render(
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
                accent => workspace.accent_colour.map(String::from),
                platforms,
                token,
                signed_in_as => session.as_ref().and_then(|session| session.email.as_ref().map(ToString::to_string)),
                csrf => session.as_ref().map(|session| session.csrf.clone()),
                sign_in_url => sign_in_link(state, &here),
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
    respond(
        async {
            let session = form.pressed(state, cookies, "/join").await?;
            match links::join(state, &session.caller(), &form.token).await {
                Ok(workspace) => Ok(to_connect_page(state, workspace.as_str())?),
                Err(error) => Err(Halt::explained(error)),
            }
        }
        .await,
    )
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
        Err(AppError::ChoiceExpired) => return choice_gone(),
        Err(error) => return explain(error),
    };
    let accounts: Vec<_> = view
        .accounts
        .iter()
        .map(|account| {
            context! {
                id => account.account_id.as_str(),
                name => account.display_name.as_str(),
                // The one reason an account cannot be chosen: no right to publish to it
                // (the stored reason is the platform adapter's English, for the log).
                unavailable => account.unavailable.is_some().then(|| tr!("choose-cannot-publish")),
            }
        })
        .collect();
    render(
        "choose.html",
        context! {
            workspace_name => view.workspace_name,
            logo_url => view.logo_url,
            accent => view.accent_colour,
            platform_name => view.platform.display_name(),
            accounts,
            csrf => view.csrf,
            base_path => base_path(state),
        },
    )?
    .respond(StatusCode::OK, &[])
}

fn choice_gone() -> Result<Response<Body>, AppError> {
    message_page(
        StatusCode::GONE,
        &product_name(),
        &tr!("choose-expired-title"),
        &tr!("choose-expired-detail"),
    )
}

/// The choice page's form: the ticked accounts, or Cancel. Its CSRF token is the
/// choice's own (the choice may have been made by a connect link, with no session).
#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    csrf: String,
    action: Option<String>,
    #[serde(default)]
    account: Vec<String>,
}

/// `POST /connect/choose`: the accounts ticked become connections (or none, on
/// Cancel); then back to the connect page, which says what happened.
pub async fn choose_form(
    state: &AppState,
    form: ChooseForm,
    cookies: Option<&str>,
) -> Result<Response<Body>, AppError> {
    let decision = match form.action.as_deref() {
        Some("cancel") => choices::Decision::Cancel,
        _ => choices::Decision::Connect(form.account),
    };
    let token = choice_cookie(&state.config, "").read_from(cookies);
    let chosen = match choices::decide(state, token, &form.csrf, decision).await {
        Ok(chosen) => chosen,
        Err(AppError::ChoiceExpired) => return choice_gone(),
        Err(error) => return explain(error),
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
