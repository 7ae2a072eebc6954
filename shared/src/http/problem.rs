//! RFC 9457 problem details.

use lambda_http::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER, STRICT_TRANSPORT_SECURITY, WWW_AUTHENTICATE,
    X_CONTENT_TYPE_OPTIONS,
};
use lambda_http::{Body, Response};
use serde::Serialize;

use crate::error::{AppError, PROBLEM_BASE};

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    type_uri: String,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance: Option<&'a str>,
    /// Extension member: the invitation the problem is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    invitation_id: Option<&'a str>,
    /// Extension member: the health of the connection the problem is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    health: Option<&'a crate::domain::Health>,
}

/// Renders an error as `application/problem+json`; `instance` is the request id.
pub fn problem_response(error: &AppError, instance: Option<&str>) -> Response<Body> {
    let status = error.status();
    let problem = Problem {
        type_uri: format!("{PROBLEM_BASE}{}", error.slug()),
        title: error.title(),
        status: status.as_u16(),
        detail: error.to_string(),
        instance,
        invitation_id: error.invitation_id().map(|id| id.as_str()),
        health: error.health(),
    };
    let body = serde_json::to_string(&problem).unwrap_or_else(|_| {
        r#"{"type":"about:blank","title":"Internal error","status":500}"#.to_owned()
    });
    let mut builder = Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "application/problem+json")
        .header(CACHE_CONTROL, "no-store")
        .header(X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(STRICT_TRANSPORT_SECURITY, super::STRICT_TRANSPORT_SECURITY);
    if matches!(
        error,
        AppError::AuthenticationRequired | AppError::InvalidToken(_)
    ) {
        builder = builder.header(WWW_AUTHENTICATE, "Bearer");
    }
    if let Some(seconds) = error.retry_after() {
        builder = builder.header(RETRY_AFTER, seconds.to_string());
    }
    builder
        .body(Body::Text(body))
        .unwrap_or_else(|_| Response::new(Body::Empty))
}
