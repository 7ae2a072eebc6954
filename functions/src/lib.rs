//! The Lambda functions: one binary per endpoint (`src/bin/<function>.rs`, one line
//! each), their handlers (`api/` for the JSON API, `pages` for the pages), and the route
//! table that ties them together (`routes`).
//!
//! A handler reads what the request carries (ids parse into domain types), calls one
//! service of the shared crate, and turns the result into a response.

pub mod api;
pub mod jobs;
pub mod pages;
pub mod routes;

use std::future::Future;
use std::sync::Arc;

use clientconnect::deadline::Deadline;
use clientconnect::{AppError, AppState};
pub use lambda_http;
use lambda_http::{Body, Request, Response};

/// The `main` of an HTTP function: `lambda_main!(api::invitations::create);`. Naming the
/// handler here (not looking it up in the route table) keeps every other handler out of
/// the binary.
#[macro_export]
macro_rules! lambda_main {
    ($handler:path) => {
        fn main() -> Result<(), $crate::lambda_http::Error> {
            #[allow(unused_imports)]
            use $crate::{api, pages, routes};
            $crate::run_http($handler)
        }
    };
}

/// The `main` of a function that serves no HTTP route:
/// `job_main!(jobs::dispatch_upkeep);`.
#[macro_export]
macro_rules! job_main {
    ($handler:path) => {
        fn main() -> Result<(), $crate::lambda_http::Error> {
            #[allow(unused_imports)]
            use $crate::jobs;
            $crate::run_job($handler)
        }
    };
}

/// The timeout template.yaml gives the job functions, for a runtime that gives no real
/// deadline (cargo lambda watch).
const JOB_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Starts a job function: as `run_http`, for events that are not HTTP requests (a
/// schedule's event or a queue's batch goes in, with the invocation's deadline; a JSON
/// answer comes out).
pub fn run_job<H, F>(handler: H) -> Result<(), lambda_http::Error>
where
    H: Fn(Arc<AppState>, serde_json::Value, Deadline) -> F + Copy + Send + 'static,
    F: Future<Output = Result<serde_json::Value, lambda_http::Error>> + Send,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async move {
            clientconnect::telemetry::init();
            let state = Arc::new(AppState::from_env().await?);
            lambda_http::lambda_runtime::run(lambda_http::service_fn(
                move |event: lambda_http::LambdaEvent<serde_json::Value>| {
                    let state = Arc::clone(&state);
                    let deadline = Deadline::of_invocation(event.context.deadline(), JOB_TIMEOUT);
                    async move { handler(state, event.payload, deadline).await }
                },
            ))
            .await
        })
}

/// Starts the function: logs, state built once per cold start, then every request runs
/// through `handler`. One thread is enough: Lambda sends a function one event at a time,
/// and a single-threaded runtime starts faster.
pub fn run_http<H, F>(handler: H) -> Result<(), lambda_http::Error>
where
    H: Fn(Arc<AppState>, Request) -> F + Copy + Send + 'static,
    F: Future<Output = Result<Response<Body>, AppError>> + Send,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async move {
            clientconnect::telemetry::init();
            let state = AppState::from_env().await?;
            clientconnect::http::serve(state, handler).await
        })
}
