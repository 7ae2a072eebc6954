//! Who a page request acts for: the signed-in session, or the response to send instead
//! (sign in first, a refusal, a page saying the connect link died). Every page and every
//! button asks here; a button's CSRF token is checked here and nowhere else.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};

use super::cookies::{link_cookie, session_cookie};
use minijinja::context;

use super::{explain, message_page, product_name, render, see_other};
use crate::crypto::constant_time_eq;
use crate::domain::Session;
use crate::error::AppError;
use crate::service::sign_in::{self, SESSION_LIFETIME};
use crate::state::AppState;
use crate::tr;

/// Why a page stops before doing what it was asked: an answer is ready (a redirect to
/// sign in, a page that refuses or explains), or something failed.
pub enum Halt {
    Answer(Response<Body>),
    Failed(AppError),
}

/// A step of a page handler: its value, or the [`Halt`] that ends the request.
pub type Step<T> = Result<T, Halt>;

impl From<AppError> for Halt {
    fn from(error: AppError) -> Self {
        Halt::Failed(error)
    }
}

impl Halt {
    /// A refusal explained on a page; an error no page explains stays a failure.
    pub fn explained(error: AppError) -> Self {
        Self::answered(explain(error))
    }

    /// A response being made becomes the answer; failing to make it is the failure.
    pub fn answered(response: Result<Response<Body>, AppError>) -> Self {
        match response {
            Ok(response) => Halt::Answer(response),
            Err(error) => Halt::Failed(error),
        }
    }
}

/// The handler's response, whichever way it ended.
pub fn respond(step: Step<Response<Body>>) -> Result<Response<Body>, AppError> {
    match step {
        Ok(response) | Err(Halt::Answer(response)) => Ok(response),
        Err(Halt::Failed(error)) => Err(error),
    }
}

/// Who may use a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visitors {
    /// A signed-in person, or a client's connect link (acting for its client).
    PeopleAndLinks,
    /// Only a signed-in person: the agency's pages.
    People,
}

/// The session behind a page request's cookies (a sign-in, or a connect link), if any.
pub async fn current(state: &AppState, cookies: Option<&str>) -> Result<Option<Session>, AppError> {
    sign_in::current_session(
        state,
        session_cookie(&state.config, "", SESSION_LIFETIME).read_from(cookies),
        link_cookie(&state.config, "", SESSION_LIFETIME).read_from(cookies),
    )
    .await
}

/// Why a request has no session to act in.
enum Absent {
    /// Nobody signed in: sign in first.
    SignedOut,
    /// A connect link the browser held has died meanwhile.
    LinkDied,
    /// A connect link's visitor on a page for people only.
    LinkNotWelcome,
}

async fn find(
    state: &AppState,
    cookies: Option<&str>,
    visitors: Visitors,
) -> Result<Result<Session, Absent>, AppError> {
    Ok(match current(state, cookies).await? {
        Some(session) if session.link.is_none() || visitors == Visitors::PeopleAndLinks => {
            Ok(session)
        }
        Some(_) => Err(Absent::LinkNotWelcome),
        None if visitors == Visitors::PeopleAndLinks && holds_link(state, cookies) => {
            Err(Absent::LinkDied)
        }
        None => Err(Absent::SignedOut),
    })
}

/// The session a page is opened in; else sign in first and come back to `back_to` (a
/// path with its query), or, for a connect link that died meanwhile, the page that says
/// so rather than asking a client with no account to sign in.
pub async fn signed_in(
    state: &AppState,
    cookies: Option<&str>,
    visitors: Visitors,
    back_to: &str,
) -> Step<Session> {
    match find(state, cookies, visitors).await? {
        Ok(session) => Ok(session),
        Err(Absent::LinkDied) => Err(Halt::answered(link_gone())),
        Err(absent) => Err(turned_away(state, absent, back_to)),
    }
}

/// The session a button is pressed in, whose CSRF token the form must carry. A button
/// of a page whose connect link died says the link no longer works.
pub async fn pressed(
    state: &AppState,
    cookies: Option<&str>,
    visitors: Visitors,
    csrf: &str,
    back_to: &str,
) -> Step<Session> {
    let session = match find(state, cookies, visitors).await? {
        Ok(session) => session,
        Err(Absent::LinkDied) => return Err(Halt::explained(AppError::InviteLinkNotFound)),
        Err(absent) => return Err(turned_away(state, absent, back_to)),
    };
    if !constant_time_eq(csrf, &session.csrf) {
        return Err(Halt::explained(AppError::InvalidToken(
            "the form is stale: reload the page and try again".into(),
        )));
    }
    Ok(session)
}

fn turned_away(state: &AppState, absent: Absent, back_to: &str) -> Halt {
    Halt::answered(match absent {
        Absent::LinkNotWelcome => agency_only(),
        Absent::SignedOut | Absent::LinkDied => see_other(&sign_in_link(state, back_to), &[]),
    })
}

/// `/auth/login?next=<path>`: where a page sends someone who must sign in first.
pub fn sign_in_link(state: &AppState, next: &str) -> String {
    let mut url = state.config.page_url("/auth/login");
    url.query_pairs_mut().append_pair("next", next);
    url.to_string()
}

/// `/auth/login?next=<path>&factor=two`: a sign-in that asks the identity provider for
/// a second factor.
pub fn second_factor_sign_in_link(state: &AppState, next: &str) -> String {
    let mut url = state.config.page_url("/auth/login");
    url.query_pairs_mut()
        .append_pair("next", next)
        .append_pair("factor", super::sign_in::SECOND_FACTOR);
    url.to_string()
}

/// What a person of a client that requires two-factor sign-in sees when they signed in
/// without one: why, first, then the button that signs them in again with a second
/// factor and brings them back to `back_to` to press their button again.
pub fn second_factor_needed(state: &AppState, back_to: &str) -> Result<Response<Body>, AppError> {
    render(
        "message.html",
        context! {
            workspace_name => product_name(),
            title => tr!("client-sign-in-second-factor"),
            message => tr!("session-second-factor-detail"),
            logo_url => Option::<String>::None,
            action_url => second_factor_sign_in_link(state, back_to),
            action_label => tr!("client-sign-in-second-factor"),
        },
    )?
    .respond(StatusCode::FORBIDDEN, &[])
}

/// A refusal as a page; a missing second factor as the page that asks for one and
/// comes back to `back_to`.
pub fn refused(state: &AppState, error: AppError, back_to: &str) -> Halt {
    match error {
        AppError::TwoFactorRequired => Halt::answered(second_factor_needed(state, back_to)),
        error => Halt::explained(error),
    }
}

/// A path with its query, as a sign-in returns to it.
pub fn path_with(path: &str, pairs: &[(&str, Option<&str>)]) -> String {
    let mut back = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        if let Some(value) = value {
            back.append_pair(name, value);
        }
    }
    let query = back.finish();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

fn holds_link(state: &AppState, cookies: Option<&str>) -> bool {
    link_cookie(&state.config, "", time::Duration::ZERO)
        .read_from(cookies)
        .is_some()
}

/// What a connect link's visitor gets once the link died.
pub fn link_gone() -> Result<Response<Body>, AppError> {
    message_page(
        StatusCode::GONE,
        &product_name(),
        &tr!("session-link-gone-title"),
        &tr!("session-link-gone-detail"),
    )
}

/// What a client's person, a member or a stranger sees on an agency page: no data.
pub fn agency_only() -> Result<Response<Body>, AppError> {
    message_page(
        StatusCode::FORBIDDEN,
        &product_name(),
        &tr!("session-agency-only-title"),
        &tr!("session-agency-only-detail"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_path_carries_only_the_values_given() {
        assert_eq!(path_with("/connect", &[]), "/connect");
        assert_eq!(path_with("/connect", &[("workspace", None)]), "/connect");
        assert_eq!(
            path_with("/invite", &[("token", Some("a b&c"))]),
            "/invite?token=a+b%26c"
        );
        assert_eq!(
            path_with(
                "/connect",
                &[("workspace", Some("w")), ("reconnect", Some("c"))]
            ),
            "/connect?workspace=w&reconnect=c"
        );
    }
}
