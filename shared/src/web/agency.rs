//! The agency's pages: the clients card (invite, resend, revoke, remove a person,
//! delete a client, its connect link), the invite link's settings, and the workspace's
//! connections. Signed in as on the client pages; only a workspace's owners and admins
//! see anything (every read and every button goes through a use case that checks so).
//!
//! Opening a page changes nothing; every change is a POST with the session's CSRF
//! token, answered with a redirect back to the page and a fixed notice (never text
//! from the request), or with the page itself and what went wrong, the form as typed.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use minijinja::context;
use serde::Serialize;
use time::OffsetDateTime;

use super::cookies::connect_binding;
use super::pages::{connection_health_text, consent_notice, form_targets, message_page, Notice};
use super::see_other;
use super::sign_in::{current_session, sign_in_link};
use crate::dates;
use crate::domain::{
    Client, ClientId, Delivery, HealthStatus, PageSize, Permissions, PersonStatus, Platform,
    Session, WorkspaceId,
};
use crate::error::AppError;
use crate::service::agency::{self, ClientsListing};
use crate::service::clients::{self, Assignment, ClientConnections};
use crate::service::invitations::{self, NewInvitation};
use crate::service::links::{self, InviteLinkSettings, NewConnectLink};
use crate::service::{connections, notices, ClientView, ConnectionView, InvitationView};
use crate::state::AppState;

type Page = Result<Response<Body>, AppError>;

/// The agency pages, by path.
pub const CLIENTS_PAGE: &str = "/workspace/clients";
pub const INVITE_LINK_PAGE: &str = "/workspace/invite-link";
pub const CONNECTIONS_PAGE: &str = "/workspace/connections";

/// How many connections one page of the connections page lists.
const CONNECTIONS_PER_PAGE: &str = "25";
/// How many clients (or people) one page of the clients card lists.
const CLIENTS_PER_PAGE: &str = "20";

/// The query of an agency page.
#[derive(Debug, Default)]
pub struct AgencyQuery {
    pub workspace: Option<String>,
    /// The clients card: only people of this status.
    pub status: Option<String>,
    pub cursor: Option<String>,
    /// What the last button did (a fixed slug).
    pub notice: Option<String>,
    /// The clients card: the client whose deletion to confirm.
    pub delete: Option<String>,
    /// The connections page, back from a platform's consent.
    pub platform: Option<String>,
    pub result: Option<String>,
    pub missing: Option<String>,
}

/// A form's fields, repeated ones (ticked boxes) kept in order.
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn ticked(&self, name: &str) -> bool {
        self.all(name).any(|value| value == "on" || value == "true")
    }

    fn parsed<T>(&self, name: &str) -> Result<T, AppError>
    where
        T: std::str::FromStr,
        T::Err: Into<AppError>,
    {
        self.get(name)
            .ok_or_else(|| AppError::InvalidBody(format!("{name} is missing")))?
            .parse()
            .map_err(Into::into)
    }

    /// The ticked permissions (connecting accounts is what every client does).
    fn permissions(&self) -> Permissions {
        Permissions {
            connect_accounts: true,
            publish_posts: self.ticked("publish_posts"),
            view_analytics: self.ticked("view_analytics"),
            approve_posts: self.ticked("approve_posts"),
        }
    }

    /// The ticked platforms; an unknown one is refused.
    fn platforms(&self) -> Result<Vec<Platform>, AppError> {
        self.all("platform")
            .map(|raw| raw.parse::<Platform>().map_err(AppError::from))
            .collect()
    }
}

/// The signed-in person behind an agency page, or the answer instead: sign in first
/// (and come back to `here`), or a refusal for a connect link's visitor.
async fn signed_in(
    state: &AppState,
    cookies: Option<&str>,
    here: &str,
) -> Result<Result<Session, Response<Body>>, AppError> {
    match current_session(state, cookies).await? {
        Some(session) if session.link.is_none() => Ok(Ok(session)),
        Some(_) => refusal(state).map(Err),
        None => see_other(&sign_in_link(state, here), &[]).map(Err),
    }
}

/// The same, for a button: the CSRF token must be the session's.
async fn pressed(
    state: &AppState,
    cookies: Option<&str>,
    fields: &Fields,
    here: &str,
) -> Result<Result<(Session, WorkspaceId), Response<Body>>, AppError> {
    let session = match signed_in(state, cookies, here).await? {
        Ok(session) => session,
        Err(answer) => return Ok(Err(answer)),
    };
    let csrf = fields.get("csrf").unwrap_or_default();
    if !crate::crypto::constant_time_eq(csrf, &session.csrf) {
        return super::pages::explain(
            state,
            AppError::InvalidToken("the form is stale: reload the page and try again".into()),
        )
        .map(Err);
    }
    let workspace = fields.parsed::<WorkspaceId>("workspace")?;
    Ok(Ok((session, workspace)))
}

/// What a client's person, a member or a stranger sees on an agency page: no data.
fn refusal(state: &AppState) -> Page {
    message_page(
        state,
        StatusCode::FORBIDDEN,
        "Client Connect",
        "This page is for the workspace's owners and admins",
        "Your account cannot manage this workspace's clients. If you were invited as a client, open the link from your agency's email.",
    )
}

/// Whether a button's refusal is said on its own page again, the form as typed (a
/// mistake the person can mend); else [`refused_page`] answers (not theirs to see, or
/// our fault).
fn said_on_the_page(error: &AppError) -> bool {
    !error.is_internal()
        && !matches!(
            error,
            AppError::NotWorkspaceAdmin | AppError::NotWorkspaceMember
        )
}

/// A use case's refusal as the page's answer; a fault stays an error.
fn refused_page(state: &AppState, error: AppError) -> Page {
    match error {
        AppError::NotWorkspaceAdmin | AppError::NotWorkspaceMember => refusal(state),
        error if error.is_internal() => Err(error),
        error => super::pages::explain(state, error).or_else(|error| {
            message_page(
                state,
                error.status(),
                "Client Connect",
                error.title(),
                &error.to_string(),
            )
        }),
    }
}

/// Who opens an agency page, and about which workspace; else the answer instead (sign
/// in first, pick a workspace, or a refusal).
async fn opened(
    state: &AppState,
    query: &AgencyQuery,
    cookies: Option<&str>,
    path: &str,
) -> Result<Result<(Session, WorkspaceId), Response<Body>>, AppError> {
    let asked = query.workspace.as_deref();
    let session = match signed_in(state, cookies, &here(path, asked)).await? {
        Ok(session) => session,
        Err(answer) => return Ok(Err(answer)),
    };
    Ok(workspace_of(state, &session, asked, path)
        .await?
        .map(|workspace| (session, workspace)))
}

/// The workspace an agency page is about: the one in the query, else the only one the
/// person manages; with several, a page to pick one.
async fn workspace_of(
    state: &AppState,
    session: &Session,
    asked: Option<&str>,
    path: &str,
) -> Result<Result<WorkspaceId, Response<Body>>, AppError> {
    if let Some(raw) = asked {
        return Ok(Ok(raw.parse()?));
    }
    let managed = agency::managed_workspaces(state, &session.caller()).await?;
    match managed.as_slice() {
        [] => refusal(state).map(Err),
        [only] => Ok(Ok(only.id.clone())),
        several => {
            let choices: Vec<_> = several
                .iter()
                .map(|workspace| {
                    context! {
                        name => workspace.name.as_str(),
                        url => page_path(state, path, &workspace.id, &[]),
                    }
                })
                .collect();
            state
                .pages
                .render(
                    "agency_pick.html",
                    context! { workspace_name => "Client Connect", choices },
                )?
                .respond(StatusCode::OK, &[])
                .map(Err)
        }
    }
}

/// `path?workspace=…&…` under the pages' base path.
fn page_path(
    state: &AppState,
    path: &str,
    workspace: &WorkspaceId,
    extra: &[(&str, &str)],
) -> String {
    let mut url = state.config.page_url(path);
    {
        let mut pairs = url.query_pairs_mut();
        pairs.append_pair("workspace", workspace.as_str());
        for (name, value) in extra {
            pairs.append_pair(name, value);
        }
    }
    url.to_string()
}

/// The path and query a sign-in returns to.
fn here(path: &str, workspace: Option<&str>) -> String {
    match workspace {
        Some(workspace) => {
            let mut back = url::form_urlencoded::Serializer::new(format!("{path}?"));
            back.append_pair("workspace", workspace);
            back.finish()
        }
        None => path.to_owned(),
    }
}

/// Back to an agency page with what the button did.
fn done(state: &AppState, path: &str, workspace: &WorkspaceId, notice: &str) -> Page {
    see_other(
        &page_path(state, path, workspace, &[("notice", notice)]),
        &[],
    )
}

/// What a button's notice slug says; an unknown slug says nothing.
fn notice_of(slug: Option<&str>) -> Option<Notice> {
    let text = match slug? {
        "invited" => "The invitation is on its way.",
        "resent" => "A new link is on its way; the previous one no longer works.",
        "revoked" => "The invitation was withdrawn; its link no longer works.",
        "removed" => "The person was removed; they can no longer act for the client.",
        "deleted" => "The client was deleted; its people and its connect link no longer work.",
        "link-revoked" => "The client's connect link no longer works.",
        "saved" => "The invite link's settings are saved.",
        "refreshed" => "The invite link was replaced; the previous one no longer works.",
        "reconnect-sent" => "The client was emailed a link to reconnect.",
        "disconnected" => "The account was disconnected.",
        "assigned" => "The assignment is saved.",
        _ => return None,
    };
    Some(Notice::ok(text))
}

/// Person statuses as the filter offers them.
const STATUSES: [(&str, &str); 5] = [
    ("invited", "Invited"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("revoked", "Revoked"),
    ("deactivated", "Deactivated"),
];

#[derive(Serialize)]
struct PersonRow {
    id: String,
    client_id: String,
    client_name: String,
    label: String,
    email: String,
    status: PersonStatus,
    status_name: &'static str,
    /// "Invited 5 December 2026, 21:32 UTC by Olga", "expires in 6 days" …
    detail: String,
    resendable: bool,
    revocable: bool,
    removable: bool,
    /// What went wrong with the invitation's email, if something did.
    delivery_problem: Option<&'static str>,
    /// The address marked our email as spam: a resend must be confirmed.
    complained: bool,
}

impl PersonRow {
    fn of(person: &InvitationView, client_name: &str, now: OffsetDateTime) -> Self {
        let inviter = person
            .invited_by
            .name
            .clone()
            .unwrap_or_else(|| person.invited_by.email.to_string());
        let detail = match person.status {
            PersonStatus::Invited => format!(
                "Invited by {inviter}; the link works until {} ({})",
                dates::readable(person.expires_at),
                dates::relative(person.expires_at, now)
            ),
            PersonStatus::Expired => format!(
                "The link expired {} ({})",
                dates::readable(person.expires_at),
                dates::relative(person.expires_at, now)
            ),
            PersonStatus::Active => match person.accepted_at {
                Some(at) => format!(
                    "Joined {} ({})",
                    dates::readable(at),
                    dates::relative(at, now)
                ),
                None => "Joined".to_owned(),
            },
            PersonStatus::Revoked | PersonStatus::Deactivated => match person.closed_at {
                Some(at) => format!(
                    "Since {} ({})",
                    dates::readable(at),
                    dates::relative(at, now)
                ),
                None => String::new(),
            },
        };
        Self {
            id: person.id.clone(),
            client_id: person.client_id.clone(),
            client_name: client_name.to_owned(),
            label: person
                .name
                .clone()
                .unwrap_or_else(|| person.email.to_string()),
            email: person.email.to_string(),
            status: person.status,
            status_name: status_name(person.status),
            detail,
            resendable: matches!(person.status, PersonStatus::Invited | PersonStatus::Expired),
            revocable: matches!(person.status, PersonStatus::Invited | PersonStatus::Expired),
            removable: person.status == PersonStatus::Active,
            delivery_problem: match person.delivery {
                Delivery::Failed | Delivery::Bounced => Some("Email not delivered"),
                Delivery::Complained => Some("Marked as spam"),
                _ => None,
            },
            complained: person.delivery == Delivery::Complained,
        }
    }
}

fn status_name(status: PersonStatus) -> &'static str {
    match status {
        PersonStatus::Invited => "Invited",
        PersonStatus::Active => "Active",
        PersonStatus::Expired => "Expired",
        PersonStatus::Revoked => "Revoked",
        PersonStatus::Deactivated => "Deactivated",
    }
}

#[derive(Serialize)]
struct ClientRow {
    id: String,
    name: String,
    active: bool,
    rights: String,
    created: String,
    link: Option<String>,
    /// The page that asks to confirm its deletion.
    delete_url: String,
    people: Vec<PersonRow>,
}

impl ClientRow {
    fn of(
        client: &ClientView,
        link: Option<String>,
        delete_url: String,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            delete_url,
            id: client.id.clone(),
            name: client.name.clone(),
            active: client.state == crate::domain::ClientState::Active,
            rights: rights_text(&client.permissions, &client.platforms),
            created: dates::readable(client.created_at),
            link,
            people: client
                .people
                .iter()
                .map(|person| PersonRow::of(person, &client.name, now))
                .collect(),
        }
    }
}

/// "Connect YouTube, X; publish".
fn rights_text(permissions: &Permissions, platforms: &[Platform]) -> String {
    let names: Vec<&str> = platforms
        .iter()
        .map(|platform| platform.display_name())
        .collect();
    let mut may = vec![format!("connect {}", names.join(", "))];
    if permissions.publish_posts {
        may.push("publish".into());
    }
    if permissions.view_analytics {
        may.push("see analytics".into());
    }
    if permissions.approve_posts {
        may.push("approve posts".into());
    }
    let text = may.join("; ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The invite form as typed, shown again when it was refused.
#[derive(Serialize, Default)]
struct InviteDraft {
    client: String,
    client_name: String,
    email: String,
    name: String,
    publish_posts: bool,
    view_analytics: bool,
    approve_posts: bool,
    platforms: Vec<String>,
}

impl InviteDraft {
    fn blank() -> Self {
        Self {
            platforms: Platform::ALL
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
            ..Self::default()
        }
    }

    fn of(fields: &Fields) -> Self {
        Self {
            client: fields.get("client").unwrap_or_default().to_owned(),
            client_name: fields.get("client_name").unwrap_or_default().to_owned(),
            email: fields.get("email").unwrap_or_default().to_owned(),
            name: fields.get("name").unwrap_or_default().to_owned(),
            publish_posts: fields.ticked("publish_posts"),
            view_analytics: fields.ticked("view_analytics"),
            approve_posts: fields.ticked("approve_posts"),
            platforms: fields.all("platform").map(str::to_owned).collect(),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn platform_choices(ticked: &[String]) -> Vec<Choice> {
    Platform::ALL
        .iter()
        .map(|platform| Choice {
            value: platform.as_str().to_owned(),
            label: platform.display_name().to_owned(),
            selected: ticked.iter().any(|value| value == platform.as_str()),
        })
        .collect()
}

fn client_choices(clients: &[Client], chosen: &str) -> Vec<Choice> {
    agency::active_clients(clients)
        .into_iter()
        .map(|client| Choice {
            value: client.client_id.to_string(),
            label: client.name.to_string(),
            selected: client.client_id.as_str() == chosen,
        })
        .collect()
}

/// `GET /workspace/clients`: the "Invite client" card and the clients with their people.
pub async fn clients_page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    let (session, workspace) = match opened(state, &query, cookies, CLIENTS_PAGE).await? {
        Ok(opened) => opened,
        Err(answer) => return Ok(answer),
    };
    let notice = notice_of(query.notice.as_deref());
    render_clients(state, &session, &workspace, &query, Shown::new(notice)).await
}

/// What a clients card shows besides the lists: a notice, and the invite form as typed.
struct Shown {
    notice: Option<Notice>,
    draft: InviteDraft,
    status: StatusCode,
    /// A connect link just made: its address, shown once.
    new_link: Option<(String, String)>,
}

impl Shown {
    fn new(notice: Option<Notice>) -> Self {
        Self {
            notice,
            draft: InviteDraft::blank(),
            status: StatusCode::OK,
            new_link: None,
        }
    }
}

async fn render_clients(
    state: &AppState,
    session: &Session,
    workspace_id: &WorkspaceId,
    query: &AgencyQuery,
    shown: Shown,
) -> Page {
    let status = match query.status.as_deref().filter(|raw| !raw.is_empty()) {
        Some(raw) => Some(raw.parse::<PersonStatus>()?),
        None => None,
    };
    let limit: PageSize = CLIENTS_PER_PAGE.parse()?;
    // The client to confirm deleting, or the one the invite form had chosen: read by key
    // when it is not on the page.
    let named: Option<ClientId> = query
        .delete
        .as_deref()
        .or(Some(shown.draft.client.as_str()).filter(|raw| !raw.is_empty()))
        .and_then(|raw| raw.parse().ok());
    let card = match agency::clients_card(
        state,
        &session.caller(),
        workspace_id,
        status,
        query.cursor.clone(),
        limit,
        named.as_ref(),
    )
    .await
    {
        Ok(card) => card,
        Err(error) => return refused_page(state, error),
    };
    let now = state.clock.now();
    let new_link_for = shown.new_link.as_ref().map(|(client, _)| client.as_str());
    let (clients, people, next_cursor) = match card.listing {
        ClientsListing::Clients(page) => (
            page.items
                .iter()
                .map(|client| {
                    let link = (new_link_for == Some(client.id.as_str()))
                        .then(|| shown.new_link.as_ref().map(|(_, url)| url.clone()))
                        .flatten();
                    let delete_url =
                        page_path(state, CLIENTS_PAGE, workspace_id, &[("delete", &client.id)]);
                    ClientRow::of(client, link, delete_url, now)
                })
                .collect::<Vec<_>>(),
            Vec::new(),
            page.next_cursor,
        ),
        ClientsListing::People(page) => (
            Vec::new(),
            page.items
                .iter()
                .map(|person| {
                    let name = agency::client_named(&card.clients, &person.client_id)
                        .map_or_else(String::new, |client| client.name.to_string());
                    PersonRow::of(person, &name, now)
                })
                .collect::<Vec<_>>(),
            page.next_cursor,
        ),
    };
    let confirm_delete = query
        .delete
        .as_deref()
        .and_then(|raw| raw.parse::<ClientId>().ok())
        .and_then(|id| agency::client_named(&card.clients, id.as_str()))
        .filter(|client| client.is_active())
        .map(|client| context! { id => client.client_id.as_str(), name => client.name.as_str() });
    let next_page = next_cursor.map(|cursor| {
        let mut extra = vec![("cursor", cursor.as_str())];
        if let Some(status) = query.status.as_deref().filter(|raw| !raw.is_empty()) {
            extra.push(("status", status));
        }
        page_path(state, CLIENTS_PAGE, workspace_id, &extra)
    });
    let statuses: Vec<Choice> = STATUSES
        .iter()
        .map(|(value, label)| Choice {
            value: (*value).to_owned(),
            label: (*label).to_owned(),
            selected: query.status.as_deref() == Some(*value),
        })
        .collect();
    state
        .pages
        .render(
            "agency_clients.html",
            context! {
                workspace_name => card.workspace.name.as_str(),
                logo_url => card.workspace.logo_url.as_ref().map(|logo| logo.as_str()),
                workspace_id => workspace_id.as_str(),
                section => "clients",
                nav => nav(state, workspace_id),
                notice => shown.notice,
                draft => &shown.draft,
                client_choices => client_choices(&card.clients, &shown.draft.client),
                platform_choices => platform_choices(&shown.draft.platforms),
                statuses,
                filtered => status.is_some(),
                clients,
                people,
                next_page,
                confirm_delete,
                cancel_url => page_path(state, CLIENTS_PAGE, workspace_id, &[]),
                csrf => session.csrf.as_str(),
                base_path => state.config.base_path(),
            },
        )?
        .respond(shown.status, &[])
}

/// The links between the agency's pages.
fn nav(state: &AppState, workspace: &WorkspaceId) -> minijinja::Value {
    context! {
        clients => page_path(state, CLIENTS_PAGE, workspace, &[]),
        invite_link => page_path(state, INVITE_LINK_PAGE, workspace, &[]),
        connections => page_path(state, CONNECTIONS_PAGE, workspace, &[]),
    }
}

/// `POST /workspace/clients`: a button of the clients card (`action` says which).
pub async fn clients_form(state: &AppState, fields: Fields, cookies: Option<&str>) -> Page {
    let (session, workspace) = match pressed(state, cookies, &fields, CLIENTS_PAGE).await? {
        Ok(pressed) => pressed,
        Err(answer) => return Ok(answer),
    };
    // Boxed: the buttons' use cases together make a large future.
    match Box::pin(clients_button(
        state,
        &session.caller(),
        &workspace,
        &fields,
    ))
    .await
    {
        Ok(ClientsButton::Done(notice)) => done(state, CLIENTS_PAGE, &workspace, notice),
        Ok(ClientsButton::LinkMade { client, link }) => {
            let notice = Notice::ok(&format!(
                "The connect link works until {}; copy it now, it is shown only once. Making a new one ends this one.",
                dates::readable(link.expires_at)
            ));
            let shown = Shown {
                new_link: Some((client.to_string(), link.url)),
                ..Shown::new(Some(notice))
            };
            render_clients(state, &session, &workspace, &AgencyQuery::default(), shown).await
        }
        Err(error) => form_refused(state, &session, &workspace, &fields, error).await,
    }
}

/// What a button of the clients card did.
enum ClientsButton {
    /// Back to the card with this notice.
    Done(&'static str),
    /// A connect link, to show once.
    LinkMade {
        client: ClientId,
        link: links::ConnectLinkView,
    },
}

async fn clients_button(
    state: &AppState,
    caller: &crate::auth::Caller,
    workspace: &WorkspaceId,
    fields: &Fields,
) -> Result<ClientsButton, AppError> {
    use ClientsButton::Done;
    match fields.get("action").unwrap_or_default() {
        "invite" => Box::pin(invite(state, caller, workspace, fields))
            .await
            .map(|()| Done("invited")),
        "resend" => {
            let person = fields.parsed("person")?;
            let confirmed = fields.ticked("confirm_after_complaint");
            Box::pin(invitations::resend(
                state, caller, workspace, &person, confirmed,
            ))
            .await?;
            Ok(Done("resent"))
        }
        "revoke" => {
            let person = fields.parsed("person")?;
            invitations::revoke(state, caller, workspace, &person).await?;
            Ok(Done("revoked"))
        }
        "remove-person" => {
            let (client, person) = (fields.parsed("client")?, fields.parsed("person")?);
            clients::remove_person(state, caller, workspace, &client, &person).await?;
            Ok(Done("removed"))
        }
        "delete-client" => {
            let client = fields.parsed("client")?;
            let connections: ClientConnections = fields.parsed("connections")?;
            Box::pin(clients::delete(
                state,
                caller,
                workspace,
                &client,
                connections,
            ))
            .await?;
            Ok(Done("deleted"))
        }
        "make-link" => {
            let client: ClientId = fields.parsed("client")?;
            let link = links::create_connect_link(
                state,
                caller,
                workspace,
                &client,
                NewConnectLink::default(),
            )
            .await?;
            Ok(ClientsButton::LinkMade { client, link })
        }
        "revoke-link" => {
            let client = fields.parsed("client")?;
            links::revoke_connect_link(state, caller, workspace, &client).await?;
            Ok(Done("link-revoked"))
        }
        other => Err(AppError::InvalidBody(format!("unknown action {other:?}"))),
    }
}

/// The clients card again, saying why the button was refused, the invite form as typed.
async fn form_refused(
    state: &AppState,
    session: &Session,
    workspace: &WorkspaceId,
    fields: &Fields,
    error: AppError,
) -> Page {
    if !said_on_the_page(&error) {
        return refused_page(state, error);
    }
    let shown = Shown {
        notice: Some(Notice::bad(&error.to_string())),
        draft: if fields.get("action") == Some("invite") {
            InviteDraft::of(fields)
        } else {
            InviteDraft::blank()
        },
        status: error.status(),
        new_link: None,
    };
    render_clients(state, session, workspace, &AgencyQuery::default(), shown).await
}

/// The invite form: a new client with its rights, or a person of an existing client
/// (who gets that client's rights).
async fn invite(
    state: &AppState,
    caller: &crate::auth::Caller,
    workspace: &WorkspaceId,
    fields: &Fields,
) -> Result<(), AppError> {
    let client_id = fields
        .get("client")
        .map(str::parse::<ClientId>)
        .transpose()?;
    let new_client = client_id.is_none();
    let request = NewInvitation {
        email: fields.get("email").unwrap_or_default().to_owned(),
        name: fields.get("name").map(str::to_owned),
        client_name: fields
            .get("client_name")
            .filter(|_| new_client)
            .map(str::to_owned),
        permissions: new_client.then(|| fields.permissions()),
        platforms: if new_client {
            Some(fields.platforms()?)
        } else {
            None
        },
        client_id,
        confirm_after_complaint: fields.ticked("confirm_after_complaint"),
    };
    invitations::create(state, caller, workspace, request)
        .await
        .map(|_| ())
}

/// `GET /workspace/invite-link`: the reusable invite link and what joiners get.
pub async fn invite_link_page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    let (session, workspace) = match opened(state, &query, cookies, INVITE_LINK_PAGE).await? {
        Ok(opened) => opened,
        Err(answer) => return Ok(answer),
    };
    render_invite_link(
        state,
        &session,
        &workspace,
        notice_of(query.notice.as_deref()),
        StatusCode::OK,
    )
    .await
}

async fn render_invite_link(
    state: &AppState,
    session: &Session,
    workspace_id: &WorkspaceId,
    notice: Option<Notice>,
    status: StatusCode,
) -> Page {
    let card = match agency::invite_link_card(state, &session.caller(), workspace_id).await {
        Ok(card) => card,
        Err(error) => return refused_page(state, error),
    };
    let link = &card.link;
    let ticked: Vec<String> = link
        .platforms
        .iter()
        .map(|p| p.as_str().to_owned())
        .collect();
    state
        .pages
        .render(
            "agency_invite_link.html",
            context! {
                workspace_name => card.workspace.name.as_str(),
                logo_url => card.workspace.logo_url.as_ref().map(|logo| logo.as_str()),
                workspace_id => workspace_id.as_str(),
                section => "invite-link",
                nav => nav(state, workspace_id),
                notice,
                enabled => link.enabled,
                url => link.url.as_deref().filter(|_| link.enabled),
                permissions => link.permissions,
                platform_choices => platform_choices(&ticked),
                client_choices => client_choices(&card.clients, link.client_id.as_deref().unwrap_or_default()),
                csrf => session.csrf.as_str(),
                base_path => state.config.base_path(),
            },
        )?
        .respond(status, &[])
}

/// `POST /workspace/invite-link`: save the settings, or refresh the link.
pub async fn invite_link_form(state: &AppState, fields: Fields, cookies: Option<&str>) -> Page {
    let (session, workspace) = match pressed(state, cookies, &fields, INVITE_LINK_PAGE).await? {
        Ok(pressed) => pressed,
        Err(answer) => return Ok(answer),
    };
    let caller = session.caller();
    let outcome = match fields.get("action").unwrap_or_default() {
        "save" => match settings(&fields) {
            Ok(settings) => links::update_invite_link(state, &caller, &workspace, settings)
                .await
                .map(|_| "saved"),
            Err(error) => Err(error),
        },
        "refresh" => links::refresh_invite_link(state, &caller, &workspace)
            .await
            .map(|_| "refreshed"),
        other => Err(AppError::InvalidBody(format!("unknown action {other:?}"))),
    };
    match outcome {
        Ok(notice) => done(state, INVITE_LINK_PAGE, &workspace, notice),
        Err(error) if !said_on_the_page(&error) => refused_page(state, error),
        Err(error) => {
            let status = error.status();
            render_invite_link(
                state,
                &session,
                &workspace,
                Some(Notice::bad(&error.to_string())),
                status,
            )
            .await
        }
    }
}

fn settings(fields: &Fields) -> Result<InviteLinkSettings, AppError> {
    let client_id = fields
        .get("client")
        .map(str::parse::<ClientId>)
        .transpose()?;
    Ok(InviteLinkSettings {
        enabled: fields.ticked("enabled"),
        permissions: fields.permissions(),
        platforms: Some(fields.platforms()?),
        client_id,
    })
}

#[derive(Serialize)]
struct ConnectionRow {
    id: String,
    platform: &'static str,
    platform_name: &'static str,
    account: String,
    avatar_url: Option<String>,
    owner: String,
    status: HealthStatus,
    health: String,
    since: String,
    connected: String,
    /// The agency's own account: it may be shown to a client.
    own: bool,
    assigned_to: Option<String>,
    reconnect_email: bool,
    client_choices: Vec<Choice>,
}

/// `GET /workspace/connections`: every connection with its client and health.
pub async fn connections_page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    let (session, workspace_id) = match opened(state, &query, cookies, CONNECTIONS_PAGE).await? {
        Ok(opened) => opened,
        Err(answer) => return Ok(answer),
    };
    let notice = match query.result.as_deref() {
        Some(result) => Some(consent_notice(
            result,
            query.platform.as_deref(),
            query.missing.as_deref(),
        )),
        None => notice_of(query.notice.as_deref()),
    };
    let cursor = query.cursor.clone();
    render_connections(
        state,
        &session,
        &workspace_id,
        notice,
        StatusCode::OK,
        cursor,
    )
    .await
}

async fn render_connections(
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
            Err(error) => return refused_page(state, error),
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
    state
        .pages
        .render(
            "agency_connections.html",
            context! {
                workspace_name => overview.workspace.name.as_str(),
                logo_url => overview.workspace.logo_url.as_ref().map(|logo| logo.as_str()),
                workspace_id => workspace_id.as_str(),
                section => "connections",
                nav => nav(state, workspace_id),
                notice,
                connections => rows,
                next_page,
                platforms,
                csrf => session.csrf.as_str(),
                base_path => state.config.base_path(),
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
            || "A removed client".to_owned(),
            |client| client.name.to_string(),
        ),
        None => "The agency".to_owned(),
    };
    let by = view
        .connected_by
        .parse()
        .ok()
        .and_then(|user| overview.people.get(&user))
        .map_or_else(
            || "someone no longer here".to_owned(),
            |someone| {
                someone
                    .name
                    .clone()
                    .unwrap_or_else(|| someone.email.to_string())
            },
        );
    let assigned = view.assigned_to.clone().unwrap_or_default();
    ConnectionRow {
        id: view.id.clone(),
        platform: view.platform.as_str(),
        platform_name: view.platform.display_name(),
        account: view.display_name.clone(),
        avatar_url: view
            .avatar_url
            .clone()
            .filter(|url| url.starts_with("https://")),
        owner,
        status: view.health.status,
        health: connection_health_text(view, now),
        since: format!(
            "since {} ({})",
            dates::readable(view.health.since),
            dates::relative(view.health.since, now)
        ),
        connected: format!(
            "Connected by {by} on {} ({})",
            dates::readable(view.connected_at),
            dates::relative(view.connected_at, now)
        ),
        own: view.client_id.is_none(),
        assigned_to: view
            .assigned_to
            .as_deref()
            .and_then(|id| overview.client(id))
            .map(|client| client.name.to_string()),
        reconnect_email: view.client_id.is_some() && view.health.status != HealthStatus::Healthy,
        client_choices: client_choices(&overview.clients, &assigned),
    }
}

/// `POST /workspace/connections`: connect an account of the agency's own, send the
/// reconnect email, disconnect, or assign to a client.
pub async fn connections_form(state: &AppState, fields: Fields, cookies: Option<&str>) -> Page {
    let (session, workspace) = match pressed(state, cookies, &fields, CONNECTIONS_PAGE).await? {
        Ok(pressed) => pressed,
        Err(answer) => return Ok(answer),
    };
    match Box::pin(connections_button(state, &session, &workspace, &fields)).await {
        Ok(ConnectionsButton::Done(notice)) => done(state, CONNECTIONS_PAGE, &workspace, notice),
        Ok(ConnectionsButton::ToConsent(answer)) => Ok(answer),
        Err(error) if !said_on_the_page(&error) => refused_page(state, error),
        Err(error) => {
            let status = error.status();
            let notice = Some(Notice::bad(&error.to_string()));
            render_connections(state, &session, &workspace, notice, status, None).await
        }
    }
}

/// What a button of the connections page did.
enum ConnectionsButton {
    Done(&'static str),
    /// On to the platform's consent page.
    ToConsent(Response<Body>),
}

async fn connections_button(
    state: &AppState,
    session: &Session,
    workspace: &WorkspaceId,
    fields: &Fields,
) -> Result<ConnectionsButton, AppError> {
    use ConnectionsButton::Done;
    let caller = session.caller();
    match fields.get("action").unwrap_or_default() {
        "connect" => {
            let platform: Platform = fields.parsed("platform")?;
            let started =
                connections::start(state, &session.actor(), workspace, platform, None).await?;
            let binding = connect_binding(&state.config, platform, &started.browser_nonce);
            Ok(ConnectionsButton::ToConsent(see_other(
                &started.view.authorize_url,
                &[binding],
            )?))
        }
        "reconnect-email" => {
            let connection = fields.parsed("connection")?;
            notices::request_reconnect(state, &caller, workspace, &connection).await?;
            Ok(Done("reconnect-sent"))
        }
        // What the API lets this person disconnect, no more: the rule is the use case's.
        "disconnect" => {
            let connection = fields.parsed("connection")?;
            connections::disconnect(state, &session.actor(), workspace, &connection).await?;
            Ok(Done("disconnected"))
        }
        "assign" => {
            let connection = fields.parsed("connection")?;
            let client_id = fields.get("client").map(str::parse).transpose()?;
            clients::assign(
                state,
                &caller,
                workspace,
                &connection,
                Assignment { client_id },
            )
            .await?;
            Ok(Done("assigned"))
        }
        other => Err(AppError::InvalidBody(format!("unknown action {other:?}"))),
    }
}
