//! Handlers of the pages people open in a browser. Opening a page changes nothing; every
//! change is a button (a POST carrying the session's CSRF token). Each handler reads its
//! typed query or form and hands it to the page in `clientconnect::web`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use clientconnect::http::query_param;
use clientconnect::web::{self, agency, cookie_header, form_body, query_form};
use clientconnect::{AppError, AppState};
use lambda_http::{Body, Request, Response};

type Answer = Result<Response<Body>, AppError>;

/// A page's answer, in its reader's language: whatever went wrong, a page a browser
/// shows (with the problem's status), never problem+json.
///
/// Boxed here, once for every page: a page's chain of futures (language, session,
/// service, store) is deep enough that laying out the whole of it inline overflows the
/// compiler's query depth, and big enough to overflow a debug build's stack.
fn as_page<'a>(
    state: &'a AppState,
    request: &'a Request,
    work: impl Future<Output = Answer> + Send + 'a,
) -> Pin<Box<dyn Future<Output = Answer> + Send + 'a>> {
    Box::pin(web::language::answering(&state.config, request, async {
        Box::pin(work).await.or_else(web::failure_page)
    }))
}

/// `GET /auth/callback?code=&state=`: back from signing in, on to the page asked for.
pub async fn back_from_sign_in(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let code = query_param(&request, "code");
        let sign_in = query_param(&request, "state");
        let cookies = cookie_header(&request);
        web::sign_in::complete(
            &state,
            code.as_deref(),
            sign_in.as_deref(),
            cookies.as_deref(),
        )
        .await
    })
    .await
}

/// `GET /invite?token=…`: the invitation from the email.
pub async fn invitation(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let token = query_param(&request, "token").unwrap_or_default();
        web::pages::invite_page(&state, &token, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /invite/accept`: the Accept button.
pub async fn accept_invitation(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        web::pages::accept_form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /connect?workspace=…&platform=…&result=…` (or `?link=…`, or `?reconnect=…` from a
/// reconnect email): the connect page.
pub async fn connect(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let query = query_form(&request)?;
        web::pages::connect_page(&state, query, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /connect/start`: a Connect button, on to the platform's consent page.
pub async fn start_connecting(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        web::pages::start_form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /connect/disconnect`: a Disconnect button.
pub async fn disconnect(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        web::pages::disconnect_form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /join?token=…`: the workspace's reusable invite link.
pub async fn join(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let token = query_param(&request, "token").unwrap_or_default();
        web::pages::join_page(&state, &token, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /join`: the Join button.
pub async fn join_now(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        web::pages::join_form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /connect/choose[?choice=…]`: the accounts one consent brought, to choose from.
pub async fn choose(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let choice = query_param(&request, "choice");
        web::pages::choose_page(
            &state,
            choice.as_deref(),
            cookie_header(&request).as_deref(),
        )
        .await
    })
    .await
}

/// `POST /connect/choose`: the accounts ticked (repeated `account` fields), or Cancel.
pub async fn choose_now(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        web::pages::choose_form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /workspace/clients?workspace=…[&status=…][&cursor=…][&delete=…]`: the agency's
/// clients card.
pub async fn agency_clients(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let query = query_form(&request)?;
        agency::clients::page(&state, query, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /workspace/clients`: a button of the clients card.
pub async fn agency_clients_action(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        agency::clients::form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /workspace/invite-link?workspace=…`: the invite link's settings.
pub async fn agency_invite_link(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let query = query_form(&request)?;
        agency::invite_link::page(&state, query, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /workspace/invite-link`: save or refresh.
pub async fn agency_invite_link_action(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        agency::invite_link::form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /workspace/connections?workspace=…`: every connection of the workspace.
pub async fn agency_connections(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let query = query_form(&request)?;
        agency::connections::page(&state, query, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /workspace/connections`: connect, reconnect email, disconnect or assign.
pub async fn agency_connections_action(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        agency::connections::form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /workspace/client-rights?workspace=…&client=…`: a client's rights, to change.
pub async fn agency_client_rights(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let query = query_form(&request)?;
        agency::client_rights::page(&state, query, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /workspace/client-rights`: save a client's new rights.
pub async fn agency_client_rights_action(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        agency::client_rights::form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `GET /workspace/brand?workspace=…`: the workspace's brand.
pub async fn agency_brand(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let query = query_form(&request)?;
        agency::brand::page(&state, query, cookie_header(&request).as_deref()).await
    })
    .await
}

/// `POST /workspace/brand`: save the brand.
pub async fn agency_brand_action(state: Arc<AppState>, request: Request) -> Answer {
    as_page(&state, &request, async {
        let form = form_body(&request)?;
        agency::brand::form(&state, form, cookie_header(&request).as_deref()).await
    })
    .await
}
