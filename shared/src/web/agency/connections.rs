//! The workspace's connections: every account with its owner and health, and the
//! buttons to connect one of the agency's own, email a reconnect link, disconnect, or
//! assign an account of the agency's to clients (each with its own settings), change an
//! assignment or take it away.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use minijinja::context;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    client_choices, done, filled, frame, notice_of, opened, page_path, platform_choices, pressed,
    refused_page, required, said_on_the_page, AgencyQuery, Button, Choice, Page, CONNECTIONS_PAGE,
};
use crate::dates;
use crate::domain::{
    AssignmentSettings, AssignmentStatus, ConnectionId, Credentials, HealthStatus, PageSize,
    Platform, Session, WorkspaceId,
};
use crate::error::AppError;
use crate::service::agency;
use crate::service::{assignments, AssignmentView};
use crate::service::{connect, connections, notices, ConnectionView};
use crate::state::AppState;
use crate::web::consent::{connection_health_text, consent_notice, form_targets};
use crate::web::cookies::connect_binding;
use crate::web::session::respond;
use crate::web::{problem_detail, render, see_other, Notice};

/// How many connections one page of the connections page lists.
const CONNECTIONS_PER_PAGE: &str = "25";

/// A button of the connections page.
#[derive(Debug, Deserialize)]
pub struct ConnectionsForm {
    #[serde(flatten)]
    button: Button,
    action: ConnectionsAction,
    #[serde(default, deserialize_with = "filled")]
    platform: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    connection: Option<String>,
    /// The client to assign to, or whose assignment to take away.
    #[serde(default, deserialize_with = "filled")]
    client: Option<String>,
    /// The assignment's "this client approves posts" checkbox (ticked: any value).
    #[serde(default, deserialize_with = "filled")]
    approves: Option<String>,
    /// Whose credentials publish: `agency` (the default) or `client`.
    #[serde(default, deserialize_with = "filled")]
    credentials: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ConnectionsAction {
    Connect,
    ReconnectEmail,
    Disconnect,
    Assign,
    Unassign,
}

impl ConnectionsForm {
    fn connection(&self) -> Result<ConnectionId, AppError> {
        required(self.connection.as_deref(), "connection")
    }

    fn client(&self) -> Result<crate::domain::ClientId, AppError> {
        required(self.client.as_deref(), "client")
    }

    /// The assignment's settings as the form says them.
    fn settings(&self) -> Result<AssignmentSettings, AppError> {
        Ok(AssignmentSettings {
            client_approves_posts: self.approves.is_some(),
            credentials: match self.credentials.as_deref() {
                None => Credentials::Agency,
                Some(raw) => raw.parse()?,
            },
        })
    }
}

#[derive(Serialize)]
struct ConnectionRow {
    id: String,
    platform: &'static str,
    platform_name: &'static str,
    account: String,
    /// "YouTube @Brightside Bakery TV": how the page and its buttons name the account.
    label: String,
    avatar_url: Option<String>,
    owner: String,
    /// The health's slug (a CSS class) and its word in the page's language.
    status: HealthStatus,
    status_name: String,
    health: String,
    since: String,
    connected: String,
    /// The agency's own account: it may be assigned to clients.
    own: bool,
    /// The clients it is assigned to, each with its settings.
    assignments: Vec<AssignmentRow>,
    reconnect_email: bool,
    /// The clients it may still be assigned to.
    client_choices: Vec<Choice>,
}

/// One client an agency account is assigned to, as the page says it.
#[derive(Serialize)]
struct AssignmentRow {
    client_id: String,
    client: String,
    approves: bool,
    client_credentials: bool,
    /// "shown to Brand Co · they approve its posts · the agency's credentials".
    summary: String,
    waiting: bool,
}

impl AssignmentRow {
    fn of(overview: &agency::ConnectionsOverview, assignment: &AssignmentView) -> Self {
        let client = overview.client(&assignment.client_id).map_or_else(
            || crate::tr!("agency-assignment-removed-client"),
            |client| client.name.to_string(),
        );
        let approval = crate::tr!(if assignment.client_approves_posts {
            "agency-assignment-approves"
        } else {
            "agency-assignment-no-approval"
        });
        let credentials = crate::tr!(match (assignment.credentials, assignment.status) {
            (Credentials::Agency, _) => "agency-assignment-agency-publishes",
            (Credentials::Client, AssignmentStatus::Ready) => "agency-assignment-client-publishes",
            (Credentials::Client, AssignmentStatus::Waiting) => {
                "agency-assignment-waiting-for-client"
            }
        });
        Self {
            client_id: assignment.client_id.clone(),
            summary: crate::tr!(
                "agency-assignment",
                client = client.as_str(),
                approval = approval,
                credentials = credentials
            ),
            client,
            approves: assignment.client_approves_posts,
            client_credentials: assignment.credentials == Credentials::Client,
            waiting: assignment.status == AssignmentStatus::Waiting,
        }
    }
}

/// `GET /workspace/connections`: every connection with its client and health.
pub async fn page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace_id) = opened(state, &query, cookies, CONNECTIONS_PAGE).await?;
            let notice = match query.result.as_deref() {
                Some(result) => Some(consent_notice(
                    result,
                    query.platform.as_deref(),
                    query.missing.as_deref(),
                )),
                None => notice_of(query.notice.as_deref()),
            };
            let cursor = query.cursor.clone();
            Ok(render_page(
                state,
                &session,
                &workspace_id,
                notice,
                StatusCode::OK,
                cursor,
            )
            .await?)
        }
        .await,
    )
}

async fn render_page(
    state: &AppState,
    session: &Session,
    workspace_id: &WorkspaceId,
    notice: Option<Notice>,
    status: StatusCode,
    cursor: Option<String>,
) -> Page {
    let limit: PageSize = CONNECTIONS_PER_PAGE.parse()?;
    let overview =
        match agency::connections_overview(state, &session.caller(), workspace_id, cursor, limit)
            .await
        {
            Ok(overview) => overview,
            Err(error) => return refused_page(error),
        };
    let next_page = overview
        .next_cursor
        .as_deref()
        .map(|cursor| page_path(state, CONNECTIONS_PAGE, workspace_id, &[("cursor", cursor)]));
    let now = state.clock.now();
    let rows: Vec<ConnectionRow> = overview
        .connections
        .iter()
        .map(|view| connection_row(&overview, view, now))
        .collect();
    let platforms: Vec<Choice> = platform_choices(&[]);
    render(
        "agency_connections.html",
        context! {
            notice,
            connections => rows,
            next_page,
            platforms,
            csrf => session.csrf.as_str(),
            base_path => state.config.base_path(),
            ..frame(state, workspace_id, &overview.workspace, "connections")
        },
    )?
    .respond(status, &form_targets(state, &Platform::ALL))
}

fn connection_row(
    overview: &agency::ConnectionsOverview,
    view: &ConnectionView,
    now: OffsetDateTime,
) -> ConnectionRow {
    let owner = match &view.client_id {
        Some(id) => overview.client(id).map_or_else(
            || crate::tr!("agency-owner-removed"),
            |client| client.name.to_string(),
        ),
        None => crate::tr!("agency-owner-agency"),
    };
    let by = view
        .connected_by
        .parse()
        .ok()
        .and_then(|user| overview.people.get(&user))
        .map_or_else(
            || crate::tr!("agency-connected-by-someone-gone"),
            |someone| {
                someone
                    .name
                    .clone()
                    .unwrap_or_else(|| someone.email.to_string())
            },
        );
    let assigned: Vec<&str> = view
        .assignments
        .iter()
        .map(|assignment| assignment.client_id.as_str())
        .collect();
    ConnectionRow {
        id: view.id.clone(),
        platform: view.platform.as_str(),
        platform_name: view.platform.display_name(),
        account: view.display_name.clone(),
        label: format!("{} @{}", view.platform.display_name(), view.display_name),
        avatar_url: view
            .avatar_url
            .clone()
            .filter(|url| url.starts_with("https://")),
        owner,
        status: view.health.status,
        status_name: health_name(view.health.status),
        health: connection_health_text(view, now),
        since: crate::tr!("agency-health-since", when = when(view.health.since, now)),
        connected: crate::tr!(
            "agency-connected-by",
            person = by,
            when = when(view.connected_at, now)
        ),
        own: view.client_id.is_none(),
        assignments: view
            .assignments
            .iter()
            .map(|assignment| AssignmentRow::of(overview, assignment))
            .collect(),
        reconnect_email: view.client_id.is_some() && view.health.status != HealthStatus::Healthy,
        client_choices: client_choices(&overview.clients, "")
            .into_iter()
            .filter(|choice| !assigned.contains(&choice.value.as_str()))
            .collect(),
    }
}

/// A connection's health as its badge says it.
fn health_name(status: HealthStatus) -> String {
    crate::tr!(match status {
        HealthStatus::Healthy => "agency-health-healthy",
        HealthStatus::Expiring => "agency-health-expiring",
        HealthStatus::NeedsReconnect => "agency-health-needs-reconnect",
    })
}

/// "5 December 2026, 21:32 UTC (2 days ago)", in the page's language.
fn when(at: OffsetDateTime, now: OffsetDateTime) -> String {
    format!("{} ({})", dates::readable(at), dates::relative(at, now))
}

/// `POST /workspace/connections`: connect an account of the agency's own, send the
/// reconnect email, disconnect, or assign to a client.
pub async fn form(state: &AppState, form: ConnectionsForm, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) =
                pressed(state, cookies, &form.button, CONNECTIONS_PAGE).await?;
            Ok(
                match Box::pin(press(state, &session, &workspace, &form)).await {
                    Ok(Pressed::Done(notice)) => done(state, CONNECTIONS_PAGE, &workspace, notice)?,
                    Ok(Pressed::ToConsent(answer)) => answer,
                    Err(error) if !said_on_the_page(&error) => refused_page(error)?,
                    Err(error) => {
                        let status = error.status();
                        let notice = Some(Notice::bad(problem_detail(&error)));
                        render_page(state, &session, &workspace, notice, status, None).await?
                    }
                },
            )
        }
        .await,
    )
}

/// What a button of the connections page did.
enum Pressed {
    Done(&'static str),
    /// On to the platform's consent page.
    ToConsent(Response<Body>),
}

async fn press(
    state: &AppState,
    session: &Session,
    workspace: &WorkspaceId,
    form: &ConnectionsForm,
) -> Result<Pressed, AppError> {
    use Pressed::Done;
    let caller = session.caller();
    match form.action {
        ConnectionsAction::Connect => {
            let platform: Platform = required(form.platform.as_deref(), "platform")?;
            let started = connect::start_for_agency(state, &caller, workspace, platform).await?;
            let binding = connect_binding(&state.config, platform, &started.browser_nonce);
            Ok(Pressed::ToConsent(see_other(
                &started.view.authorize_url,
                &[binding],
            )?))
        }
        ConnectionsAction::ReconnectEmail => {
            notices::request_reconnect(state, &caller, workspace, &form.connection()?).await?;
            Ok(Done("reconnect-sent"))
        }
        // What the API lets this person disconnect, no more: the rule is the use case's.
        ConnectionsAction::Disconnect => {
            connections::disconnect(
                state,
                &session.actor(),
                session.second_factor_at,
                workspace,
                &form.connection()?,
            )
            .await?;
            Ok(Done("disconnected"))
        }
        ConnectionsAction::Assign => {
            let (connection, client) = (form.connection()?, form.client()?);
            assignments::put(
                state,
                &caller,
                workspace,
                &connection,
                &client,
                form.settings()?,
            )
            .await?;
            Ok(Done("assigned"))
        }
        ConnectionsAction::Unassign => {
            let (connection, client) = (form.connection()?, form.client()?);
            assignments::remove(state, &caller, workspace, &connection, &client).await?;
            Ok(Done("unassigned"))
        }
    }
}
