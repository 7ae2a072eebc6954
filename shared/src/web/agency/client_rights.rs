//! One client's rights, changed from the clients card: what its people may do (none of
//! it is "read-only"), the platforms they may connect, and two-factor sign-in. Taking
//! platforms away where the client has connections asks, on the same page, whether
//! they are kept or disconnected.

use lambda_http::http::StatusCode;
use minijinja::context;
use serde::Deserialize;

use super::{
    done, filled, frame, opened, parsed_platforms, platform_choices, pressed, refused_page,
    repeated, required, said_on_the_page, ticked, AgencyQuery, Button, Page, TickedPermissions,
    CLIENTS_PAGE, CLIENT_RIGHTS_PAGE,
};
use crate::domain::{ClientId, Permissions, Platform, Session, WorkspaceId};
use crate::error::AppError;
use crate::service::clients::ClientConnections;
use crate::service::rights::{self, RightsChange};
use crate::state::AppState;
use crate::web::session::respond;
use crate::web::{problem_detail, render, Notice};

/// The rights form as sent.
#[derive(Debug, Deserialize)]
pub struct RightsForm {
    #[serde(flatten)]
    button: Button,
    #[serde(default, deserialize_with = "filled")]
    client: Option<String>,
    /// Unticked, the client's people may neither connect nor disconnect (read-only).
    #[serde(default, deserialize_with = "ticked")]
    connect_accounts: bool,
    #[serde(flatten)]
    rights: TickedPermissions,
    #[serde(default, deserialize_with = "repeated")]
    platform: Vec<String>,
    #[serde(default, deserialize_with = "ticked")]
    two_factor_required: bool,
    /// `keep` or `disconnect`, once the page asked.
    #[serde(default, deserialize_with = "filled")]
    connections: Option<String>,
}

impl RightsForm {
    fn permissions(&self) -> Permissions {
        Permissions {
            connect_accounts: self.connect_accounts,
            ..self.rights.permissions()
        }
    }

    fn change(&self) -> Result<RightsChange, AppError> {
        let connections = self
            .connections
            .as_deref()
            .map(str::parse::<ClientConnections>)
            .transpose()?;
        Ok(RightsChange {
            permissions: Some(self.permissions()),
            platforms: Some(parsed_platforms(&self.platform)?),
            two_factor_required: Some(self.two_factor_required),
            connections,
        })
    }
}

/// What the form shows ticked: the client's rights, or what was sent.
struct Ticked {
    permissions: Permissions,
    platforms: Vec<String>,
    two_factor_required: bool,
}

/// What the page says besides the form.
struct Said {
    notice: Option<Notice>,
    /// The platforms taken away where the client has connections: ask keep or
    /// disconnect.
    ask_connections: Option<String>,
    status: StatusCode,
}

/// `GET /workspace/client-rights?workspace=…&client=…`.
pub async fn page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) = opened(state, &query, cookies, CLIENT_RIGHTS_PAGE).await?;
            let client: ClientId = required(query.client.as_deref(), "client")?;
            let said = Said {
                notice: None,
                ask_connections: None,
                status: StatusCode::OK,
            };
            Ok(render_page(state, &session, &workspace, &client, None, said).await?)
        }
        .await,
    )
}

async fn render_page(
    state: &AppState,
    session: &Session,
    workspace_id: &WorkspaceId,
    client_id: &ClientId,
    sent: Option<Ticked>,
    said: Said,
) -> Page {
    let card = match rights::card(state, &session.caller(), workspace_id, client_id).await {
        Ok(card) => card,
        Err(error) => return refused_page(error),
    };
    let ticked = sent.unwrap_or_else(|| Ticked {
        permissions: card.client.permissions,
        platforms: card
            .client
            .platforms
            .iter()
            .map(|platform| platform.as_str().to_owned())
            .collect(),
        two_factor_required: card.client.two_factor_required,
    });
    render(
        "agency_client_rights.html",
        context! {
            notice => said.notice,
            client_id => client_id.as_str(),
            client_name => card.client.name.as_str(),
            permissions => ticked.permissions,
            platform_choices => platform_choices(&ticked.platforms),
            two_factor_required => ticked.two_factor_required,
            ask_connections => said.ask_connections,
            cancel_url => super::page_path(state, CLIENTS_PAGE, workspace_id, &[]),
            csrf => session.csrf.as_str(),
            base_path => state.config.base_path(),
            ..frame(state, workspace_id, &card.workspace, "clients")
        },
    )?
    .respond(said.status, &[])
}

/// `POST /workspace/client-rights`: the client's new rights; back to the clients card.
pub async fn form(state: &AppState, form: RightsForm, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) =
                pressed(state, cookies, &form.button, CLIENT_RIGHTS_PAGE).await?;
            let client: ClientId = required(form.client.as_deref(), "client")?;
            let outcome = match form.change() {
                Ok(change) => {
                    Box::pin(rights::change(
                        state,
                        &session.caller(),
                        &workspace,
                        &client,
                        change,
                    ))
                    .await
                }
                Err(error) => Err(error),
            };
            let error = match outcome {
                Ok(_) => return Ok(done(state, CLIENTS_PAGE, &workspace, "rights-changed")?),
                Err(error) if !said_on_the_page(&error) => return Ok(refused_page(error)?),
                Err(error) => error,
            };
            // The API's wording names a JSON field; the page asks with a question.
            let (notice, ask_connections) = match &error {
                AppError::ConnectionsOutsideRights { platforms, count } => (
                    crate::tr!(
                        "agency-rights-ask",
                        platforms = platforms.as_str(),
                        count = *count
                    ),
                    Some(platforms.clone()),
                ),
                other => (problem_detail(other), None),
            };
            let said = Said {
                status: error.status(),
                notice: Some(Notice::bad(notice)),
                ask_connections,
            };
            let sent = Ticked {
                permissions: form.permissions(),
                platforms: form
                    .platform
                    .iter()
                    .filter(|raw| raw.parse::<Platform>().is_ok())
                    .cloned()
                    .collect(),
                two_factor_required: form.two_factor_required,
            };
            Ok(render_page(state, &session, &workspace, &client, Some(sent), said).await?)
        }
        .await,
    )
}
