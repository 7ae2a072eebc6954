//! The agency's pages, one module each: the clients card (invite, resend, revoke,
//! remove a person, delete a client, its connect link), the invite link's settings, and
//! the workspace's connections. Signed in as on the client pages; only a workspace's
//! owners and admins see anything (every read and every button goes through a use case
//! that checks so).
//!
//! Opening a page changes nothing; every change is a POST with the session's CSRF
//! token, answered with a redirect back to the page and a fixed notice (never text
//! from the request), or with the page itself and what went wrong, the form as typed.
//!
//! A page's work is boxed once, by the functions' page wrapper (`as_page`): its use
//! cases make a future of a hundred kilobytes and more in a debug build, which the
//! language wrappers (task-local scopes) would otherwise copy onto the stack.

pub mod brand;
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
use crate::domain::{Client, Permissions, Platform, Session, Workspace, WorkspaceId};
use crate::error::AppError;
use crate::service::agency;
use crate::state::AppState;

/// The agency pages, by path.
pub const CLIENTS_PAGE: &str = "/workspace/clients";
pub const INVITE_LINK_PAGE: &str = "/workspace/invite-link";
pub const CONNECTIONS_PAGE: &str = "/workspace/connections";
pub const CLIENT_RIGHTS_PAGE: &str = "/workspace/client-rights";
pub const BRAND_PAGE: &str = "/workspace/brand";

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

/// What a button's notice slug says, in the page's language; an unknown slug says
/// nothing.
fn notice_of(slug: Option<&str>) -> Option<Notice> {
    let id = match slug? {
        "invited" => "agency-notice-invited",
        "resent" => "agency-notice-resent",
        "revoked" => "agency-notice-revoked",
        "removed" => "agency-notice-removed",
        "deleted" => "agency-notice-deleted",
        "link-revoked" => "agency-notice-link-revoked",
        "saved" => "agency-notice-saved",
        "refreshed" => "agency-notice-refreshed",
        "reconnect-sent" => "agency-notice-reconnect-sent",
        "disconnected" => "agency-notice-disconnected",
        "assigned" => "agency-notice-assigned",
        "unassigned" => "agency-notice-unassigned",
        "rights-changed" => "agency-notice-rights-changed",
        "brand-saved" => "brand-saved",
        _ => return None,
    };
    Some(Notice::ok(crate::tr!(id)))
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
/// What every agency page's frame shows around its section: the workspace's name and
/// logo, and the sections' navigation with `section` current.
fn frame(
    state: &AppState,
    workspace_id: &WorkspaceId,
    workspace: &Workspace,
    section: &str,
) -> minijinja::Value {
    context! {
        workspace_name => workspace.name.as_str(),
        logo_url => workspace.logo_url.as_ref().map(|logo| logo.as_str()),
        workspace_id => workspace_id.as_str(),
        section,
        nav => nav(state, workspace_id),
    }
}

fn nav(state: &AppState, workspace: &WorkspaceId) -> minijinja::Value {
    context! {
        clients => page_path(state, CLIENTS_PAGE, workspace, &[]),
        invite_link => page_path(state, INVITE_LINK_PAGE, workspace, &[]),
        connections => page_path(state, CONNECTIONS_PAGE, workspace, &[]),
        brand => page_path(state, BRAND_PAGE, workspace, &[]),
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

    /// The agency's templates and this module's Rust, as text.
    fn agency_sources() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        for folder in ["templates/pages", "src/web/agency"] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with("agency_") || path.extension().is_some_and(|ext| ext == "rs") {
                    sources.push((name, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        sources
    }

    /// Every `"agency-…"` message id written in the agency's templates and Rust.
    fn ids_used() -> Vec<(String, String)> {
        let mut ids = Vec::new();
        for (file, text) in agency_sources() {
            for (start, _) in text.match_indices("\"agency-") {
                let id: String = text[start + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
                    .collect();
                // (This scan's own needle is not an id.)
                if id.len() > "agency-".len() {
                    ids.push((file.clone(), id));
                }
            }
        }
        ids
    }

    /// Every message id (and `id.attribute`) of the English catalogs.
    fn english_ids() -> std::collections::BTreeSet<String> {
        use fluent_syntax::ast::Entry;
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
        let mut ids = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(folder).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str()).unwrap();
            for entry in resource.body {
                if let Entry::Message(message) = entry {
                    for attribute in &message.attributes {
                        ids.insert(format!("{}.{}", message.id.name, attribute.id.name));
                    }
                    ids.insert(message.id.name.to_owned());
                }
            }
        }
        ids
    }

    #[test]
    fn every_message_the_agency_pages_name_is_in_the_catalog() {
        let ids = ids_used();
        assert!(ids.len() > 100, "the scan finds the pages' words: {ids:?}");
        let known = english_ids();
        let missing: Vec<_> = ids.iter().filter(|(_, id)| !known.contains(id)).collect();
        assert!(missing.is_empty(), "not in en/agency.ftl: {missing:?}");
    }

    #[test]
    fn every_buttons_accessible_name_starts_with_its_visible_words_in_every_language() {
        use crate::lang::{Arg, Lang};
        let catalog = include_str!("../../../locales/en/agency.ftl");
        let labelled: Vec<&str> = catalog
            .lines()
            .zip(catalog.lines().skip(1))
            .filter(|(_, next)| next.trim_start().starts_with(".aria ="))
            .filter_map(|(line, _)| line.split(" =").next())
            .collect();
        assert!(labelled.len() >= 10, "{labelled:?}");
        // More values than any one message takes: a message ignores the rest.
        let args: Vec<(&str, Arg<'_>)> = ["client", "email", "account", "platform"]
            .into_iter()
            .map(|name| (name, Arg::from("Acme Brand")))
            .collect();
        for lang in Lang::ALL {
            for id in &labelled {
                let visible = lang.say(id, &args);
                let name = lang.say(&format!("{id}.aria"), &args);
                assert!(
                    name.starts_with(&visible) && name != visible,
                    "{}: {id}: {name:?} does not start with {visible:?}",
                    lang.tag()
                );
            }
        }
    }

    #[tokio::test]
    async fn the_workspace_picker_renders_in_the_language_of_the_page() {
        let page = crate::lang::speaking(crate::lang::Lang::Fr, async {
            render(
                "agency_pick.html",
                context! { workspace_name => "Client Connect", choices => Vec::<String>::new() },
            )
        })
        .await
        .unwrap();
        let html = page.html;
        assert!(html.contains(r#"<html lang="fr">"#), "{html}");
        assert!(
            html.contains("<h1>Choisissez un espace de travail</h1>"),
            "{html}"
        );
        assert!(
            html.contains(r#"aria-label="Vos espaces de travail""#),
            "{html}"
        );
    }
}
