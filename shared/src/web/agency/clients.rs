//! The clients card: the "Invite client" form, and the clients with their people, each
//! with the buttons its state allows.

use lambda_http::http::StatusCode;
use minijinja::context;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::selected;
use super::{
    client_choices, done, filled, frame, notice_of, opened, page_path, parsed_platforms,
    platform_choices, pressed, refused_page, repeated, required, said_on_the_page, ticked,
    AgencyQuery, Button, Choice, Page, TickedPermissions, CLIENTS_PAGE,
};
use crate::dates;
use crate::domain::{
    BatchAction, ClientId, Delivery, InvitationId, PageSize, Permissions, PersonStatus, Platform,
    Seats, Session, WorkspaceId,
};
use crate::error::AppError;
use crate::service::agency::{self, ClientsListing};
use crate::service::clients::{self, ClientConnections};
use crate::service::invitations::{self, NewInvitation};
use crate::service::links::{self, NewConnectLink};
use crate::service::{ClientView, InvitationView};
use crate::state::AppState;
use crate::web::session::respond;
use crate::web::{problem_detail, problem_title, render, Notice};

/// How many clients (or people) one page of the clients card lists.
const CLIENTS_PER_PAGE: &str = "20";

/// Person statuses as the filter offers them, by slug.
const STATUSES: [(&str, PersonStatus); 5] = [
    ("invited", PersonStatus::Invited),
    ("active", PersonStatus::Active),
    ("expired", PersonStatus::Expired),
    ("revoked", PersonStatus::Revoked),
    ("deactivated", PersonStatus::Deactivated),
];

/// A button of the clients card.
#[derive(Debug, Deserialize)]
pub struct ClientsForm {
    #[serde(flatten)]
    button: Button,
    action: ClientsAction,
    #[serde(flatten)]
    invite: InviteFields,
    #[serde(default, deserialize_with = "filled")]
    person: Option<String>,
    /// `keep` or `disconnect`: what deleting a client does to its connections.
    #[serde(default, deserialize_with = "filled")]
    connections: Option<String>,
    /// The ticked people, for the buttons of the ticked.
    #[serde(default, deserialize_with = "repeated")]
    selected: Vec<String>,
    /// Removing the ticked people, confirmed.
    #[serde(default, deserialize_with = "ticked")]
    confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ClientsAction {
    Invite,
    Resend,
    Revoke,
    RemovePerson,
    DeleteClient,
    MakeLink,
    RevokeLink,
    ResendSelected,
    RevokeSelected,
    RemoveSelected,
}

/// The invite form's fields (the client is also what the other buttons act on).
#[derive(Debug, Default, Deserialize)]
struct InviteFields {
    #[serde(default, deserialize_with = "filled")]
    client: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    client_name: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    email: Option<String>,
    #[serde(default, deserialize_with = "filled")]
    name: Option<String>,
    #[serde(flatten)]
    rights: TickedPermissions,
    #[serde(default, deserialize_with = "repeated")]
    platform: Vec<String>,
    #[serde(default, deserialize_with = "ticked")]
    confirm_after_complaint: bool,
    /// A new client's people must sign in with a second factor.
    #[serde(default, deserialize_with = "ticked")]
    require_two_factor: bool,
    /// The inviter's own words to the person.
    #[serde(default, deserialize_with = "filled")]
    message: Option<String>,
    /// The language of the person's emails; the workspace's when not chosen.
    #[serde(default, deserialize_with = "filled")]
    language: Option<String>,
}

impl ClientsForm {
    fn client(&self) -> Result<ClientId, AppError> {
        required(self.invite.client.as_deref(), "client")
    }

    fn person(&self) -> Result<InvitationId, AppError> {
        required(self.person.as_deref(), "person")
    }
}

#[derive(Serialize)]
struct PersonRow {
    id: String,
    client_id: String,
    client_name: String,
    label: String,
    email: String,
    /// The status's slug (a CSS class) and its word in the page's language.
    status: PersonStatus,
    status_name: String,
    /// "Invited by Olga; the link works until 5 December 2026, 21:32 UTC (in 6 days)" …
    detail: String,
    resendable: bool,
    revocable: bool,
    removable: bool,
    /// It has a box to tick for the buttons of the ticked.
    selectable: bool,
    /// What went wrong with the invitation's email, if something did.
    delivery_problem: Option<String>,
    /// The address marked our email as spam: a resend must be confirmed.
    complained: bool,
    /// "Reminded 2 days ago", while the invitation is open and was reminded.
    reminded: Option<String>,
}

impl PersonRow {
    fn of(person: &InvitationView, client_name: &str, now: OffsetDateTime) -> Self {
        let inviter = person
            .invited_by
            .name
            .clone()
            .unwrap_or_else(|| person.invited_by.email.to_string());
        let since =
            |at: OffsetDateTime| format!("{} ({})", dates::readable(at), dates::relative(at, now));
        let detail = match person.status {
            PersonStatus::Invited => crate::tr!(
                "agency-person-invited",
                inviter = inviter,
                when = since(person.expires_at)
            ),
            PersonStatus::Expired => {
                crate::tr!("agency-person-expired", when = since(person.expires_at))
            }
            PersonStatus::Active => person.accepted_at.map_or_else(
                || crate::tr!("agency-person-joined"),
                |at| crate::tr!("agency-person-joined-at", when = since(at)),
            ),
            PersonStatus::Revoked | PersonStatus::Deactivated => {
                person.closed_at.map_or_else(String::new, |at| {
                    crate::tr!("agency-person-closed-at", when = since(at))
                })
            }
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
            resendable: person.status.is_open(),
            revocable: person.status.is_open(),
            removable: person.status == PersonStatus::Active,
            selectable: person.status.is_open() || person.status == PersonStatus::Active,
            delivery_problem: match person.delivery {
                Delivery::Failed | Delivery::Bounced => Some(crate::tr!("agency-delivery-failed")),
                Delivery::Complained => Some(crate::tr!("agency-delivery-complained")),
                _ => None,
            },
            complained: person.delivery == Delivery::Complained,
            reminded: person
                .reminded_at
                .filter(|_| person.status.is_open())
                .map(|at| crate::tr!("reminder-card-reminded", when = dates::relative(at, now))),
        }
    }
}

/// A person's status as the badge and the filter say it.
fn status_name(status: PersonStatus) -> String {
    crate::tr!(match status {
        PersonStatus::Invited => "agency-status-invited",
        PersonStatus::Active => "agency-status-active",
        PersonStatus::Expired => "agency-status-expired",
        PersonStatus::Revoked => "agency-status-revoked",
        PersonStatus::Deactivated => "agency-status-deactivated",
    })
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

/// "Connect YouTube, X; publish", in the page's language: the first part says what
/// the client does with its accounts, the others (in lower case) what more it may do.
fn rights_text(permissions: &Permissions, platforms: &[Platform]) -> String {
    let names: Vec<&str> = platforms
        .iter()
        .map(|platform| platform.display_name())
        .collect();
    let names = names.join(", ");
    let mut may = vec![if permissions.connect_accounts {
        crate::tr!("agency-rights-connect", platforms = names)
    } else {
        crate::tr!("agency-rights-see", platforms = names)
    }];
    let more = [
        (permissions.publish_posts, "agency-rights-publish"),
        (permissions.view_analytics, "agency-rights-see-analytics"),
        (permissions.approve_posts, "agency-rights-approve"),
        (permissions.manage_inbox, "agency-rights-manage-inbox"),
    ];
    may.extend(
        more.iter()
            .filter(|(granted, _)| *granted)
            .map(|(_, id)| crate::tr!(id)),
    );
    may.join("; ")
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
    manage_inbox: bool,
    platforms: Vec<String>,
    require_two_factor: bool,
    message: String,
    language: String,
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

    fn of(fields: &InviteFields) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        Self {
            client: text(&fields.client),
            client_name: text(&fields.client_name),
            email: text(&fields.email),
            name: text(&fields.name),
            publish_posts: fields.rights.publish_posts,
            view_analytics: fields.rights.view_analytics,
            approve_posts: fields.rights.approve_posts,
            manage_inbox: fields.rights.manage_inbox,
            platforms: fields.platform.clone(),
            require_two_factor: fields.require_two_factor,
            message: text(&fields.message),
            language: text(&fields.language),
        }
    }
}

/// `GET /workspace/clients`: the "Invite client" card and the clients with their people.
pub async fn page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) = opened(state, &query, cookies, CLIENTS_PAGE).await?;
            let notice = notice_of(query.notice.as_deref());
            Ok(render_clients(state, &session, &workspace, &query, Shown::new(notice)).await?)
        }
        .await,
    )
}

/// What a clients card shows besides the lists: a notice, and the invite form as typed.
struct Shown {
    notice: Option<Notice>,
    draft: InviteDraft,
    status: StatusCode,
    /// A connect link just made: its address, shown once.
    new_link: Option<(String, String)>,
    /// The ticked people whose removal to confirm.
    confirm_remove: Option<selected::ConfirmRemove>,
}

impl Shown {
    fn new(notice: Option<Notice>) -> Self {
        Self {
            notice,
            draft: InviteDraft::blank(),
            status: StatusCode::OK,
            new_link: None,
            confirm_remove: None,
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
        Err(error) => return refused_page(error),
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
    // The buttons of the ticked show only where there is something to tick.
    let selectable_people = clients
        .iter()
        .flat_map(|client| &client.people)
        .chain(&people)
        .any(|person| person.selectable);
    let statuses: Vec<Choice> = STATUSES
        .iter()
        .map(|(value, status)| Choice {
            value: (*value).to_owned(),
            label: status_name(*status),
            selected: query.status.as_deref() == Some(*value),
        })
        .collect();
    render(
        "agency_clients.html",
        context! {
            notice => shown.notice,
            draft => &shown.draft,
            client_choices => client_choices(&card.clients, &shown.draft.client),
            platform_choices => platform_choices(&shown.draft.platforms),
            languages_for_email => super::brand::language_choices(&shown.draft.language),
            statuses,
            filtered => status.is_some(),
            clients,
            people,
            next_page,
            confirm_delete,
            confirm_remove => shown.confirm_remove,
            selectable_people,
            seats => seats_line(&card.seats),
            invite_blocked => card.inviting.as_ref().err().map(|refusal| {
                context! { title => problem_title(refusal), detail => problem_detail(refusal) }
            }),
            cancel_url => page_path(state, CLIENTS_PAGE, workspace_id, &[]),
            csrf => session.csrf.as_str(),
            base_path => state.config.base_path(),
            ..frame(state, workspace_id, &card.workspace, "clients")
        },
    )?
    .respond(shown.status, &[])
}

/// `POST /workspace/clients`: a button of the clients card (`action` says which).
pub async fn form(state: &AppState, form: ClientsForm, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) = pressed(state, cookies, &form.button, CLIENTS_PAGE).await?;
            // Boxed: the buttons' use cases together make a large future.
            Ok(
                match Box::pin(press(state, &session.caller(), &workspace, &form)).await {
                    Ok(Pressed::Done(notice)) => done(state, CLIENTS_PAGE, &workspace, notice)?,
                    Ok(Pressed::LinkMade { client, link }) => {
                        let notice = Notice::ok(crate::tr!(
                            "agency-notice-link-made",
                            until = dates::readable(link.expires_at)
                        ));
                        let shown = Shown {
                            new_link: Some((client.to_string(), link.url)),
                            ..Shown::new(Some(notice))
                        };
                        render_clients(state, &session, &workspace, &AgencyQuery::default(), shown)
                            .await?
                    }
                    Ok(Pressed::Batch(selected::Batch::Said(notice, status))) => {
                        let shown = Shown {
                            status,
                            ..Shown::new(Some(notice))
                        };
                        render_clients(state, &session, &workspace, &AgencyQuery::default(), shown)
                            .await?
                    }
                    Ok(Pressed::Batch(selected::Batch::Confirm(confirm))) => {
                        let shown = Shown {
                            confirm_remove: Some(confirm),
                            ..Shown::new(None)
                        };
                        render_clients(state, &session, &workspace, &AgencyQuery::default(), shown)
                            .await?
                    }
                    Err(error) => refused(state, &session, &workspace, &form, error).await?,
                },
            )
        }
        .await,
    )
}

/// What a button of the clients card did.
enum Pressed {
    /// Back to the card with this notice.
    Done(&'static str),
    /// A connect link, to show once.
    LinkMade {
        client: ClientId,
        link: links::ConnectLinkView,
    },
    /// The ticked people: what became of each, or the confirm step of removing them.
    Batch(selected::Batch),
}

async fn press(
    state: &AppState,
    caller: &crate::auth::Caller,
    workspace: &WorkspaceId,
    form: &ClientsForm,
) -> Result<Pressed, AppError> {
    use Pressed::Done;
    match form.action {
        ClientsAction::Invite => Box::pin(invite(state, caller, workspace, &form.invite))
            .await
            .map(|()| Done("invited")),
        ClientsAction::Resend => {
            let confirmed = form.invite.confirm_after_complaint;
            Box::pin(invitations::resend(
                state,
                caller,
                workspace,
                &form.person()?,
                confirmed,
            ))
            .await?;
            Ok(Done("resent"))
        }
        ClientsAction::Revoke => {
            invitations::revoke(state, caller, workspace, &form.person()?).await?;
            Ok(Done("revoked"))
        }
        ClientsAction::RemovePerson => {
            let (client, person) = (form.client()?, form.person()?);
            clients::remove_person(state, caller, workspace, &client, &person).await?;
            Ok(Done("removed"))
        }
        ClientsAction::DeleteClient => {
            let connections: ClientConnections =
                required(form.connections.as_deref(), "connections")?;
            Box::pin(clients::delete(
                state,
                caller,
                workspace,
                &form.client()?,
                connections,
            ))
            .await?;
            Ok(Done("deleted"))
        }
        ClientsAction::MakeLink => {
            let client = form.client()?;
            let link = links::create_connect_link(
                state,
                caller,
                workspace,
                &client,
                NewConnectLink::default(),
            )
            .await?;
            Ok(Pressed::LinkMade { client, link })
        }
        ClientsAction::RevokeLink => {
            links::revoke_connect_link(state, caller, workspace, &form.client()?).await?;
            Ok(Done("link-revoked"))
        }
        ClientsAction::ResendSelected => {
            ticked_people(state, caller, workspace, form, BatchAction::Resend).await
        }
        ClientsAction::RevokeSelected => {
            ticked_people(state, caller, workspace, form, BatchAction::Revoke).await
        }
        ClientsAction::RemoveSelected => {
            ticked_people(state, caller, workspace, form, BatchAction::Remove).await
        }
    }
}

/// A button of the ticked people.
async fn ticked_people(
    state: &AppState,
    caller: &crate::auth::Caller,
    workspace: &WorkspaceId,
    form: &ClientsForm,
    action: BatchAction,
) -> Result<Pressed, AppError> {
    let pressed = selected::press(
        state,
        caller,
        workspace,
        action,
        &form.selected,
        form.confirmed,
    );
    Ok(Pressed::Batch(Box::pin(pressed).await?))
}

/// The clients card again, saying why the button was refused, the invite form as typed.
async fn refused(
    state: &AppState,
    session: &Session,
    workspace: &WorkspaceId,
    form: &ClientsForm,
    error: AppError,
) -> Page {
    if !said_on_the_page(&error) {
        return refused_page(error);
    }
    let shown = Shown {
        notice: Some(Notice::bad(problem_detail(&error))),
        draft: if form.action == ClientsAction::Invite {
            InviteDraft::of(&form.invite)
        } else {
            InviteDraft::blank()
        },
        status: error.status(),
        new_link: None,
        confirm_remove: None,
    };
    render_clients(state, session, workspace, &AgencyQuery::default(), shown).await
}

/// The invite form: a new client with its rights, or a person of an existing client
/// (who gets that client's rights).
async fn invite(
    state: &AppState,
    caller: &crate::auth::Caller,
    workspace: &WorkspaceId,
    fields: &InviteFields,
) -> Result<(), AppError> {
    let client_id = fields
        .client
        .as_deref()
        .map(str::parse::<ClientId>)
        .transpose()?;
    let new_client = client_id.is_none();
    let request = NewInvitation {
        email: fields.email.clone().unwrap_or_default(),
        name: fields.name.clone(),
        client_name: fields.client_name.clone().filter(|_| new_client),
        permissions: new_client.then(|| fields.rights.permissions()),
        platforms: if new_client {
            Some(parsed_platforms(&fields.platform)?)
        } else {
            None
        },
        client_id,
        confirm_after_complaint: fields.confirm_after_complaint,
        require_two_factor: new_client.then_some(fields.require_two_factor),
        message: fields.message.clone(),
        language: fields.language.clone(),
    };
    invitations::create(state, caller, workspace, request)
        .await
        .map(|_| ())
}

/// The card's seat line: "4 of 5 seats used", and what a full or over-full workspace
/// means for the next invitation.
fn seats_line(seats: &Seats) -> minijinja::Value {
    let used = crate::tr!(
        "agency-seats-used",
        used = seats.in_use,
        limit = seats.limit
    );
    let warning = if seats.over_limit {
        let over = seats.in_use - seats.limit;
        Some(crate::tr!("agency-seats-over", over = over))
    } else if seats.full() {
        Some(crate::tr!("agency-seats-full"))
    } else {
        None
    };
    context! { used, full => seats.full(), warning }
}
