//! The agency's pages, one module each: the clients card (invite, resend, revoke,
//! remove a person, delete a client, its connect link), the invite link's settings, and
//! the workspace's connections. Signed in as on the client pages; only a workspace's
//! owners and admins see anything (every read and every button goes through a use case
//! that checks so).
//!
//! Opening a page changes nothing; every change is a POST with the session's CSRF
//! token, answered with a redirect back to the page and a fixed notice (never text
//! from the request), or with the page itself and what went wrong, the form as typed.

pub mod client_rights;
pub mod clients;
pub mod connections;
pub mod invite_link;
mod selected;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use minijinja::context;
use serde::{Deserialize, Deserializer, Serialize};

use super::session::{self, Halt, Step, Visitors};
use super::{error_page, render, see_other, Notice};
use crate::domain::{Client, Permissions, Platform, Session, WorkspaceId};
use crate::error::AppError;
use crate::service::agency;
use crate::state::AppState;

/// The agency pages, by path.
pub const CLIENTS_PAGE: &str = "/workspace/clients";
pub const INVITE_LINK_PAGE: &str = "/workspace/invite-link";
pub const CONNECTIONS_PAGE: &str = "/workspace/connections";
pub const CLIENT_RIGHTS_PAGE: &str = "/workspace/client-rights";

type Page = Result<Response<Body>, AppError>;

/// The query of an agency page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgencyQuery {
    pub workspace: Option<String>,
    /// The clients card: only people of this status.
    pub status: Option<String>,
    pub cursor: Option<String>,
    /// What the last button did (a fixed slug).
    pub notice: Option<String>,
    /// The clients card: the client whose deletion to confirm.
    pub delete: Option<String>,
    /// The rights page: the client whose rights to change.
    pub client: Option<String>,
    /// The connections page, back from a platform's consent.
    pub platform: Option<String>,
    pub result: Option<String>,
    pub missing: Option<String>,
}

/// What every button of an agency page sends besides its own fields.
#[derive(Debug, Deserialize)]
pub struct Button {
    #[serde(default)]
    csrf: String,
    workspace: WorkspaceId,
}

/// A checkbox: ticked when sent as `on` (or `true`), else not.
fn ticked<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    let raw = Option::<String>::deserialize(deserializer)?;
    Ok(matches!(raw.as_deref(), Some("on" | "true")))
}

/// A text field or select: an empty one (nothing typed, nothing chosen) is none.
fn filled<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let raw = Option::<String>::deserialize(deserializer)?;
    Ok(raw.filter(|value| !value.is_empty()))
}

/// A field a form may repeat (ticked boxes of one name): each value, in order. (Forms
/// that share fields through `flatten` hand a lone value over as a string.)
fn repeated<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMore {
        One(String),
        More(Vec<String>),
    }
    Ok(match OneOrMore::deserialize(deserializer)? {
        OneOrMore::One(value) => vec![value],
        OneOrMore::More(values) => values,
    })
}

/// The permission boxes of a client's rights (connecting accounts is what every client
/// does).
#[derive(Debug, Default, Deserialize)]
pub struct TickedPermissions {
    #[serde(default, deserialize_with = "ticked")]
    publish_posts: bool,
    #[serde(default, deserialize_with = "ticked")]
    view_analytics: bool,
    #[serde(default, deserialize_with = "ticked")]
    approve_posts: bool,
    #[serde(default, deserialize_with = "ticked")]
    manage_inbox: bool,
}

impl TickedPermissions {
    fn permissions(&self) -> Permissions {
        Permissions {
            connect_accounts: true,
            publish_posts: self.publish_posts,
            view_analytics: self.view_analytics,
            approve_posts: self.approve_posts,
            manage_inbox: self.manage_inbox,
        }
    }
}

/// Who opens an agency page, and about which workspace; else the answer instead (sign
/// in first, pick a workspace, or a refusal).
async fn opened(
    state: &AppState,
    query: &AgencyQuery,
    cookies: Option<&str>,
    path: &str,
) -> Step<(Session, WorkspaceId)> {
    let asked = query.workspace.as_deref();
    let back_to = session::path_with(path, &[("workspace", asked)]);
    let session = session::signed_in(state, cookies, Visitors::People, &back_to).await?;
    let workspace = workspace_of(state, &session, asked, path).await?;
    Ok((session, workspace))
}

/// Who pressed a button of an agency page, and in which workspace.
async fn pressed(
    state: &AppState,
    cookies: Option<&str>,
    button: &Button,
    path: &str,
) -> Step<(Session, WorkspaceId)> {
    let session = session::pressed(state, cookies, Visitors::People, &button.csrf, path).await?;
    Ok((session, button.workspace.clone()))
}

/// The workspace an agency page is about: the one in the query, else the only one the
/// person manages; with several, a page to pick one.
async fn workspace_of(
    state: &AppState,
    session: &Session,
    asked: Option<&str>,
    path: &str,
) -> Step<WorkspaceId> {
    if let Some(raw) = asked {
        return Ok(raw.parse().map_err(AppError::from)?);
    }
    let managed = agency::managed_workspaces(state, &session.caller()).await?;
    match managed.as_slice() {
        [] => Err(Halt::answered(session::agency_only())),
        [only] => Ok(only.id.clone()),
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
            Err(Halt::answered(
                render(
                    "agency_pick.html",
                    context! { workspace_name => "Client Connect", choices },
                )
                .and_then(|page| page.respond(StatusCode::OK, &[])),
            ))
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
        "unassigned" => "The account was taken away from that client.",
        "rights-changed" => "The client's rights are saved; its people may do what they now say.",
        _ => return None,
    };
    Some(Notice::ok(text))
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
fn refused_page(error: AppError) -> Page {
    match error {
        AppError::NotWorkspaceAdmin | AppError::NotWorkspaceMember => session::agency_only(),
        error if error.is_internal() => Err(error),
        error => error_page(error),
    }
}

/// The links between the agency's pages.
fn nav(state: &AppState, workspace: &WorkspaceId) -> minijinja::Value {
    context! {
        clients => page_path(state, CLIENTS_PAGE, workspace, &[]),
        invite_link => page_path(state, INVITE_LINK_PAGE, workspace, &[]),
        connections => page_path(state, CONNECTIONS_PAGE, workspace, &[]),
    }
}

/// One option of a select or a box of a list of checkboxes.
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

/// A field a button cannot do without, parsed into its type (an empty field is already
/// none: see [`filled`]).
fn required<T>(raw: Option<&str>, name: &str) -> Result<T, AppError>
where
    T: std::str::FromStr,
    T::Err: Into<AppError>,
{
    raw.ok_or_else(|| AppError::InvalidBody(format!("{name} is missing")))?
        .parse()
        .map_err(Into::into)
}

/// The ticked platforms; an unknown one is refused.
fn parsed_platforms(raw: &[String]) -> Result<Vec<Platform>, AppError> {
    raw.iter()
        .map(|raw| raw.parse::<Platform>().map_err(AppError::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Shape {
        #[serde(flatten)]
        button: Button,
        #[serde(default, deserialize_with = "repeated")]
        platform: Vec<String>,
        #[serde(flatten)]
        rights: TickedPermissions,
        #[serde(default, deserialize_with = "filled")]
        client: Option<String>,
    }

    #[test]
    fn a_form_reads_ticked_boxes_repeated_fields_and_empty_choices() {
        let form: Shape = serde_html_form::from_str(
            "csrf=c&workspace=ws-1&platform=x&platform=tiktok&publish_posts=on&client=",
        )
        .unwrap();
        let one: Shape = serde_html_form::from_str("workspace=ws-1&platform=x").unwrap();
        assert_eq!(one.platform, ["x"], "one ticked box is a list of one");
        assert_eq!(form.button.csrf, "c");
        assert_eq!(form.button.workspace.as_str(), "ws-1");
        assert_eq!(form.platform, ["x", "tiktok"]);
        assert!(form.rights.publish_posts && !form.rights.view_analytics);
        assert_eq!(form.client, None, "an empty select is no choice");
    }

    #[test]
    fn a_form_without_its_workspace_is_refused() {
        assert!(serde_html_form::from_str::<Shape>("csrf=c").is_err());
    }
}
