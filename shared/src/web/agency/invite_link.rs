//! The invite link's settings: on or off, what joiners get, and a fresh link.

use lambda_http::http::StatusCode;
use minijinja::context;
use serde::Deserialize;

use super::{
    client_choices, done, filled, frame, notice_of, opened, parsed_platforms, platform_choices,
    pressed, refused_page, repeated, said_on_the_page, ticked, AgencyQuery, Button, Page,
    TickedPermissions, INVITE_LINK_PAGE,
};
use crate::domain::{ClientId, Session, WorkspaceId};
use crate::error::AppError;
use crate::service::agency;
use crate::service::links::{self, InviteLinkSettings};
use crate::state::AppState;
use crate::web::session::respond;
use crate::web::{problem_detail, render, Notice};

/// A button of the invite link's page.
#[derive(Debug, Deserialize)]
pub struct InviteLinkForm {
    #[serde(flatten)]
    button: Button,
    action: InviteLinkAction,
    #[serde(default, deserialize_with = "ticked")]
    enabled: bool,
    #[serde(flatten)]
    rights: TickedPermissions,
    #[serde(default, deserialize_with = "repeated")]
    platform: Vec<String>,
    #[serde(default, deserialize_with = "filled")]
    client: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum InviteLinkAction {
    Save,
    Refresh,
}

impl InviteLinkForm {
    fn settings(&self) -> Result<InviteLinkSettings, AppError> {
        let client_id = self
            .client
            .as_deref()
            .map(str::parse::<ClientId>)
            .transpose()?;
        Ok(InviteLinkSettings {
            enabled: self.enabled,
            permissions: self.rights.permissions(),
            platforms: Some(parsed_platforms(&self.platform)?),
            client_id,
        })
    }
}

/// `GET /workspace/invite-link`: the reusable invite link and what joiners get.
pub async fn page(state: &AppState, query: AgencyQuery, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) = opened(state, &query, cookies, INVITE_LINK_PAGE).await?;
            let notice = notice_of(query.notice.as_deref());
            Ok(render_page(state, &session, &workspace, notice, StatusCode::OK).await?)
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
) -> Page {
    let card = match agency::invite_link_card(state, &session.caller(), workspace_id).await {
        Ok(card) => card,
        Err(error) => return refused_page(error),
    };
    let link = &card.link;
    let ticked: Vec<String> = link
        .platforms
        .iter()
        .map(|p| p.as_str().to_owned())
        .collect();
    render(
        "agency_invite_link.html",
        context! {
            notice,
            enabled => link.enabled,
            url => link.url.as_deref().filter(|_| link.enabled),
            permissions => link.permissions,
            platform_choices => platform_choices(&ticked),
            client_choices => client_choices(&card.clients, link.client_id.as_deref().unwrap_or_default()),
            csrf => session.csrf.as_str(),
            base_path => state.config.base_path(),
            ..frame(state, workspace_id, &card.workspace, "invite-link")
        },
    )?
    .respond(status, &[])
}

/// `POST /workspace/invite-link`: save the settings, or refresh the link.
pub async fn form(state: &AppState, form: InviteLinkForm, cookies: Option<&str>) -> Page {
    respond(
        async {
            let (session, workspace) =
                pressed(state, cookies, &form.button, INVITE_LINK_PAGE).await?;
            let caller = session.caller();
            let outcome = match form.action {
                InviteLinkAction::Save => match form.settings() {
                    Ok(settings) => links::update_invite_link(state, &caller, &workspace, settings)
                        .await
                        .map(|_| "saved"),
                    Err(error) => Err(error),
                },
                InviteLinkAction::Refresh => links::refresh_invite_link(state, &caller, &workspace)
                    .await
                    .map(|_| "refreshed"),
            };
            Ok(match outcome {
                Ok(notice) => done(state, INVITE_LINK_PAGE, &workspace, notice)?,
                Err(error) if !said_on_the_page(&error) => refused_page(error)?,
                Err(error) => {
                    let status = error.status();
                    let notice = Some(Notice::bad(problem_detail(&error)));
                    render_page(state, &session, &workspace, notice, status).await?
                }
            })
        }
        .await,
    )
}
