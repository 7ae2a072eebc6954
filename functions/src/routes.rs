//! Every HTTP endpoint in one table: its Lambda function, method and path (as API
//! Gateway and `cargo lambda watch` route them), who may call it, and its handler.
//!
//! The tests derive their endpoints from this table, and check it against the router in
//! the workspace `Cargo.toml`, the `[[bin]]` list and binaries of `functions/`, and
//! `openapi.json`; `infra/check_template.py` checks `template.yaml` against it. A route
//! added here and forgotten elsewhere (or the reverse) fails the test command.
//!
//! One row per line, in this shape (the template check reads it):
//! `Variant "function-name" METHOD "/path/{param}" Access => handler::path;`

use std::sync::{Arc, OnceLock};

use clientconnect::http::{dispatch, query_param};
use clientconnect::web;
use clientconnect::{AppError, AppState};
use lambda_http::http::Method;
use lambda_http::{Body, Request, Response};

use crate::{api, jobs, pages, routes};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A bearer JWT from the identity provider; the role comes from the table.
    Bearer,
    /// Anyone: the route answers from what the request carries (a link's token).
    Public,
    /// A person's browser on our pages: the session cookie, CSRF on every POST.
    Page,
    /// An AWS principal of the host's account, through the API's IAM authorizer
    /// (SigV4); never reachable with a user's JWT.
    Iam,
}

macro_rules! routes {
    ($( $variant:ident $function:literal $method:ident $path:literal $access:ident => $handler:path; )*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Route {
            $($variant,)*
        }

        impl Route {
            pub const ALL: &'static [Route] = &[$(Route::$variant,)*];

            /// The Lambda function (binary) that serves the route.
            pub fn function(self) -> &'static str {
                match self { $(Route::$variant => $function,)* }
            }

            pub fn method(self) -> Method {
                match self { $(Route::$variant => Method::$method,)* }
            }

            /// The path template, `{name}` for each path parameter.
            pub fn path(self) -> &'static str {
                match self { $(Route::$variant => $path,)* }
            }

            pub fn access(self) -> Access {
                match self { $(Route::$variant => Access::$access,)* }
            }

            /// The handler as its binary names it (`lambda_main!(<this>)`).
            pub fn handler_path(self) -> &'static str {
                match self { $(Route::$variant => stringify!($handler),)* }
            }

            /// Runs the route's handler as its Lambda function would.
            pub async fn call(self, state: Arc<AppState>, request: Request) -> Response<Body> {
                // Boxed: the futures of all handlers in one match would make one huge
                // future on the caller's stack.
                match self { $(Route::$variant => Box::pin(dispatch(state, request, $handler)).await,)* }
            }
        }
    };
}

routes! {
    CreateInvite "create-invite" POST "/workspaces/{workspace_id}/invitations" Bearer => api::invitations::create;
    ListInvites "list-invites" GET "/workspaces/{workspace_id}/invitations" Bearer => api::invitations::list;
    ResendInvite "resend-invite" POST "/workspaces/{workspace_id}/invitations/{invitation_id}/resend" Bearer => api::invitations::resend;
    RevokeInvite "revoke-invite" POST "/workspaces/{workspace_id}/invitations/{invitation_id}/revoke" Bearer => api::invitations::revoke;
    CreateClient "create-client" POST "/workspaces/{workspace_id}/clients" Bearer => api::clients::create;
    ListClients "list-clients" GET "/workspaces/{workspace_id}/clients" Bearer => api::clients::list;
    RemoveClient "remove-client" DELETE "/workspaces/{workspace_id}/clients/{client_id}" Bearer => api::clients::delete;
    RemovePerson "remove-person" DELETE "/workspaces/{workspace_id}/clients/{client_id}/people/{person_id}" Bearer => api::clients::remove_person;
    PreviewInvite "preview-invite" POST "/invitations/preview" Public => api::invitations::preview;
    AcceptInvite "accept-invite" POST "/invitations/accept" Bearer => api::invitations::accept;
    ConnectStart "connect-start" POST "/workspaces/{workspace_id}/connections/{platform}/start" Bearer => api::connections::start;
    ConnectCallback "connect-callback" GET "/oauth/callback/{platform}" Public => api::connections::callback;
    ListConnections "list-connections" GET "/workspaces/{workspace_id}/connections" Bearer => api::connections::list;
    Disconnect "disconnect" DELETE "/workspaces/{workspace_id}/connections/{connection_id}" Bearer => api::connections::disconnect;
    AssignConnection "assign-connection" POST "/workspaces/{workspace_id}/connections/{connection_id}/assign" Bearer => api::clients::assign;
    RequestReconnect "request-reconnect" POST "/workspaces/{workspace_id}/connections/{connection_id}/reconnect-email" Bearer => api::connections::request_reconnect;
    IssueAccessToken "issue-access-token" POST "/internal/workspaces/{workspace_id}/connections/{connection_id}/access-token" Iam => api::tokens::issue;
    ProvisionWorkspace "provision-workspace" PUT "/internal/workspaces/{workspace_id}" Iam => api::provisioning::put_workspace;
    DeleteWorkspace "delete-workspace" DELETE "/internal/workspaces/{workspace_id}" Iam => api::provisioning::delete_workspace;
    ProvisionMember "provision-member" PUT "/internal/workspaces/{workspace_id}/members/{user_id}" Iam => api::provisioning::put_member;
    RemoveMember "remove-member" DELETE "/internal/workspaces/{workspace_id}/members/{user_id}" Iam => api::provisioning::remove_member;
    CreateConnectLink "create-connect-link" POST "/workspaces/{workspace_id}/clients/{client_id}/connect-link" Bearer => api::links::create_connect_link;
    RevokeConnectLink "revoke-connect-link" DELETE "/workspaces/{workspace_id}/clients/{client_id}/connect-link" Bearer => api::links::revoke_connect_link;
    GetInviteLink "get-invite-link" GET "/workspaces/{workspace_id}/invite-link" Bearer => api::links::get_invite_link;
    UpdateInviteLink "update-invite-link" PUT "/workspaces/{workspace_id}/invite-link" Bearer => api::links::update_invite_link;
    RefreshInviteLink "refresh-invite-link" POST "/workspaces/{workspace_id}/invite-link/refresh" Bearer => api::links::refresh_invite_link;
    ListAudit "list-audit" GET "/workspaces/{workspace_id}/audit" Bearer => api::audit::list;
    AuthLogin "auth-login" GET "/auth/login" Page => routes::sign_in;
    AuthCallback "auth-callback" GET "/auth/callback" Page => pages::back_from_sign_in;
    InvitePage "invite-page" GET "/invite" Page => pages::invitation;
    InviteAcceptForm "invite-accept-form" POST "/invite/accept" Page => pages::accept_invitation;
    ConnectPage "connect-page" GET "/connect" Page => pages::connect;
    ConnectPageStart "connect-page-start" POST "/connect/start" Page => pages::start_connecting;
    ConnectPageDisconnect "connect-page-disconnect" POST "/connect/disconnect" Page => pages::disconnect;
    ChoosePage "choose-page" GET "/connect/choose" Page => pages::choose;
    ChooseForm "choose-form" POST "/connect/choose" Page => pages::choose_now;
    JoinPage "join-page" GET "/join" Page => pages::join;
    JoinForm "join-form" POST "/join" Page => pages::join_now;
    AgencyClientsPage "agency-clients-page" GET "/workspace/clients" Page => pages::agency_clients;
    AgencyClientsForm "agency-clients-form" POST "/workspace/clients" Page => pages::agency_clients_action;
    AgencyInviteLinkPage "agency-invite-link-page" GET "/workspace/invite-link" Page => pages::agency_invite_link;
    AgencyInviteLinkForm "agency-invite-link-form" POST "/workspace/invite-link" Page => pages::agency_invite_link_action;
    AgencyConnectionsPage "agency-connections-page" GET "/workspace/connections" Page => pages::agency_connections;
    AgencyConnectionsForm "agency-connections-form" POST "/workspace/connections" Page => pages::agency_connections_action;
    BatchPeople "batch-people" POST "/workspaces/{workspace_id}/people/batch" Bearer => api::people::batch;
    ReadSeats "read-seats" GET "/internal/workspaces/{workspace_id}/seats" Iam => api::provisioning::seats;
    UpdateClient "update-client" PATCH "/workspaces/{workspace_id}/clients/{client_id}" Bearer => api::clients::change_rights;
    AgencyClientRightsPage "agency-client-rights-page" GET "/workspace/client-rights" Page => pages::agency_client_rights;
    AgencyClientRightsForm "agency-client-rights-form" POST "/workspace/client-rights" Page => pages::agency_client_rights_action;
    PutAssignment "put-assignment" PUT "/workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}" Bearer => api::assignments::put;
    DeleteAssignment "delete-assignment" DELETE "/workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}" Bearer => api::assignments::delete;
    ReadPersonRights "read-person-rights" GET "/internal/workspaces/{workspace_id}/people/{user_id}/rights" Iam => api::rights::person;
    UpdatePersonRights "update-person-rights" PUT "/workspaces/{workspace_id}/clients/{client_id}/people/{person_id}/rights" Bearer => api::clients::change_person_rights;
    AgencyBrandPage "agency-brand-page" GET "/workspace/brand" Page => pages::agency_brand;
    AgencyBrandForm "agency-brand-form" POST "/workspace/brand" Page => pages::agency_brand_action;
}

impl Route {
    /// The pages a sign-in may come back to: every page of this table a person opens,
    /// but the sign-in's own.
    pub fn sign_in_returns() -> &'static [&'static str] {
        static PAGES: OnceLock<Vec<&'static str>> = OnceLock::new();
        PAGES.get_or_init(|| {
            Route::ALL
                .iter()
                .filter(|route| route.access() == Access::Page && route.method() == Method::GET)
                .map(|route| route.path())
                .filter(|path| !path.starts_with("/auth/"))
                .collect()
        })
    }
}

/// `GET /auth/login?next=…`: on to the identity provider's sign-in, to come back only to
/// one of [`Route::sign_in_returns`]. (Here rather than with the other pages: it reads
/// this table, which names every other handler.)
pub async fn sign_in(state: Arc<AppState>, request: Request) -> Result<Response<Body>, AppError> {
    let next = query_param(&request, "next");
    let factor = query_param(&request, "factor");
    web::language::answering(&state.config, &request, async {
        web::sign_in::begin(
            &state,
            next.as_deref(),
            factor.as_deref(),
            Route::sign_in_returns(),
        )
        .await
        .or_else(web::failure_page)
    })
    .await
}

/// How a function that serves no HTTP route is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// An EventBridge Scheduler schedule (`ScheduleV2` in template.yaml).
    Schedule(&'static str),
    /// New items of the outbox (the table's stream, filtered to them) and a schedule
    /// that sweeps what an earlier run could not publish.
    Outbox(&'static str),
    /// An EventBridge rule (`EventBridgeRule`) on events of this `source`.
    Rule(&'static str),
    /// An SQS queue's event source mapping (`SQS` event on this template queue), with
    /// partial batch failures.
    Queue(&'static str),
}

macro_rules! jobs {
    ($( $variant:ident $function:literal $trigger:ident $argument:literal => $handler:path; )*) => {
        /// Every function that serves no HTTP route.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Job {
            $($variant,)*
        }

        impl Job {
            pub const ALL: &'static [Job] = &[$(Job::$variant,)*];

            pub fn function(self) -> &'static str {
                match self { $(Job::$variant => $function,)* }
            }

            pub fn trigger(self) -> Trigger {
                match self { $(Job::$variant => Trigger::$trigger($argument),)* }
            }

            pub fn handler_path(self) -> &'static str {
                match self { $(Job::$variant => stringify!($handler),)* }
            }

            /// Runs the job's handler with `event` and the invocation's `deadline`, as
            /// its Lambda function would.
            pub async fn call(
                self,
                state: Arc<AppState>,
                event: serde_json::Value,
                deadline: clientconnect::deadline::Deadline,
            ) -> Result<serde_json::Value, lambda_http::Error> {
                match self { $(Job::$variant => Box::pin($handler(state, event, deadline)).await,)* }
            }
        }
    };
}

// One row per line: `Variant "function-name" Trigger "argument" => handler::path;`
jobs! {
    DispatchUpkeep "dispatch-upkeep" Schedule "rate(1 minute)" => jobs::dispatch_upkeep;
    UpkeepWorker "upkeep-worker" Queue "UpkeepQueue" => jobs::work_upkeep;
    PublishEvents "publish-events" Outbox "rate(1 minute)" => jobs::publish_events;
    EmailFeedback "email-feedback" Rule "aws.ses" => jobs::record_email_feedback;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn a_sign_in_returns_to_every_page_people_open_and_never_to_the_sign_in_itself() {
        let returns: BTreeSet<_> = Route::sign_in_returns().iter().copied().collect();
        for page in [
            "/invite",
            "/connect",
            "/join",
            "/workspace/clients",
            "/workspace/invite-link",
            "/workspace/connections",
        ] {
            assert!(returns.contains(page), "{page}");
        }
        assert!(!returns.iter().any(|path| path.starts_with("/auth/")));
        assert!(
            !returns.contains("/invite/accept"),
            "a form is never a page to return to"
        );
    }

    const WORKSPACE_MANIFEST: &str = include_str!("../../Cargo.toml");
    const FUNCTIONS_MANIFEST: &str = include_str!("../Cargo.toml");
    const OPENAPI: &str = include_str!("../../openapi.json");

    fn table() -> BTreeSet<(String, String, String)> {
        Route::ALL
            .iter()
            .map(|route| {
                (
                    route.method().to_string(),
                    route.path().to_owned(),
                    route.function().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn the_cargo_lambda_router_serves_exactly_the_route_table() {
        let manifest: toml::Value = WORKSPACE_MANIFEST.parse().unwrap();
        let router = &manifest["workspace"]["metadata"]["lambda"]["watch"]["router"];
        let mut served = BTreeSet::new();
        for (path, targets) in router.as_table().unwrap() {
            for target in targets.as_array().unwrap() {
                served.insert((
                    target["method"].as_str().unwrap().to_owned(),
                    path.clone(),
                    target["function"].as_str().unwrap().to_owned(),
                ));
            }
        }
        assert_eq!(
            served,
            table(),
            "Cargo.toml router (left) vs route table (right)"
        );
    }

    #[test]
    fn every_function_is_one_binary_without_a_test_harness_that_names_its_handler() {
        let manifest: toml::Value = FUNCTIONS_MANIFEST.parse().unwrap();
        let bins: BTreeSet<String> = manifest["bin"]
            .as_array()
            .unwrap()
            .iter()
            .map(|bin| {
                assert_eq!(bin["test"].as_bool(), Some(false), "{bin}");
                bin["name"].as_str().unwrap().to_owned()
            })
            .collect();
        let mut functions: Vec<(&str, String)> = Route::ALL
            .iter()
            .map(|route| {
                (
                    route.function(),
                    format!("lambda_main!({})", route.handler_path()),
                )
            })
            .collect();
        functions.extend(
            Job::ALL
                .iter()
                .map(|job| (job.function(), format!("job_main!({})", job.handler_path()))),
        );
        let names: BTreeSet<String> = functions.iter().map(|(name, _)| name.to_string()).collect();
        assert_eq!(
            bins, names,
            "[[bin]] list (left) vs route and job tables (right)"
        );
        let sources = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin");
        for (function, main) in &functions {
            let file = sources.join(format!("{function}.rs"));
            let source = std::fs::read_to_string(&file)
                .unwrap_or_else(|_| panic!("{} is missing", file.display()));
            let spaced: String = source.split_whitespace().collect();
            let expected = main.replace(' ', "");
            assert!(
                spaced.contains(&expected),
                "{} does not call {expected}",
                file.display()
            );
        }
        let files = std::fs::read_dir(&sources).unwrap().count();
        assert_eq!(
            files,
            functions.len(),
            "a file in src/bin that is no function"
        );
    }

    #[test]
    fn openapi_documents_exactly_the_routes_of_the_api() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let mut documented = BTreeSet::new();
        for (path, operations) in doc["paths"].as_object().unwrap() {
            for method in operations.as_object().unwrap().keys() {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
        let routes: BTreeSet<(String, String)> = Route::ALL
            .iter()
            .map(|route| (route.method().to_string(), route.path().to_owned()))
            .collect();
        assert_eq!(
            documented, routes,
            "openapi.json (left) vs route table (right)"
        );
    }

    #[test]
    fn no_two_routes_share_a_method_and_path_or_a_function() {
        let routes: BTreeSet<_> = Route::ALL
            .iter()
            .map(|route| (route.method().to_string(), route.path()))
            .collect();
        let functions: BTreeSet<_> = Route::ALL.iter().map(|route| route.function()).collect();
        assert_eq!(routes.len(), Route::ALL.len());
        assert_eq!(functions.len(), Route::ALL.len());
    }
}
