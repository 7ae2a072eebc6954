//! The wrapper every handler runs in: one span per request carrying the Lambda request
//! id, one log line per outcome, and errors rendered as problem+json.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;

use aws_sdk_dynamodb::error::DisplayErrorContext;
use lambda_http::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
};
use lambda_http::http::StatusCode;
use lambda_http::{service_fn, Body, Request, RequestExt, Response};
use serde::Serialize;
use tracing::Instrument;

use super::problem_response;
use crate::error::AppError;
use crate::state::AppState;

/// The largest request body any endpoint takes: every JSON body and form of the API is
/// a few hundred bytes, so anything near this is a mistake or an attack, refused before
/// any parsing or AWS call.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

fn body_size(request: &Request) -> usize {
    match request.body() {
        Body::Text(text) => text.len(),
        Body::Binary(bytes) => bytes.len(),
        _ => 0,
    }
}

/// Runs `handler` for one request and always produces a response.
pub async fn dispatch<H, F>(state: Arc<AppState>, request: Request, handler: H) -> Response<Body>
where
    H: FnOnce(Arc<AppState>, Request) -> F,
    F: Future<Output = Result<Response<Body>, AppError>>,
{
    let request_id = request
        .lambda_context_ref()
        .map(|context| context.request_id.clone())
        .unwrap_or_default();
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %request.method(),
        route = %request.raw_http_path(),
    );
    async move {
        let outcome = match body_size(&request) {
            size if size > MAX_BODY_BYTES => Err(AppError::BodyTooLarge {
                limit: MAX_BODY_BYTES,
            }),
            // Boxed: a page's chain of futures is deep enough that computing the layout of
            // the whole served future inline overflows the compiler's query depth.
            _ => Box::pin(handler(state, request)).await,
        };
        match outcome {
            Ok(response) => {
                tracing::info!(status = response.status().as_u16(), "request served");
                response
            }
            Err(error) => {
                log_failure(&error);
                problem_response(&error, Some(&request_id))
            }
        }
    }
    .instrument(span)
    .await
}

/// One log line for a request that ends in `error`: a refusal at info, our failure at
/// error with its whole cause chain (for the operator; the caller gets none of it).
pub fn log_failure(error: &AppError) {
    let status = error.status();
    if error.is_internal() {
        tracing::error!(
            status = status.as_u16(),
            cause = %DisplayErrorContext(error),
            "request failed"
        );
    } else {
        tracing::info!(
            status = status.as_u16(),
            problem = error.slug(),
            "request refused"
        );
    }
}

/// The Lambda entry point shared by every function's `main`.
pub async fn serve<H, F>(state: AppState, handler: H) -> Result<(), lambda_http::Error>
where
    H: Fn(Arc<AppState>, Request) -> F + Copy + Send + 'static,
    F: Future<Output = Result<Response<Body>, AppError>> + Send,
{
    let state = Arc::new(state);
    lambda_http::run(service_fn(move |request: Request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Infallible>(dispatch(state, request, handler).await) }
    }))
    .await
}

/// A JSON response; API responses are per-user data, so never cached.
pub fn json_response<T: Serialize>(
    status: StatusCode,
    value: &T,
) -> Result<Response<Body>, AppError> {
    let body = serde_json::to_string(value).map_err(AppError::internal)?;
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "application/json")
        .header(CACHE_CONTROL, "no-store")
        .header(X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(STRICT_TRANSPORT_SECURITY, super::STRICT_TRANSPORT_SECURITY)
        .body(Body::Text(body))
        .map_err(AppError::internal)
}
