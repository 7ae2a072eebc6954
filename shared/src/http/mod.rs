//! API Gateway plumbing: request parsing, JSON and problem+json responses, and the
//! per-request wrapper every function runs its handler in.

mod problem;
mod request;
mod serve;

pub use problem::problem_response;
pub use request::{
    bearer_token, iam_principal, json_body, json_body_or_default, path, query, query_param,
};
pub use serve::{dispatch, json_response, log_failure, serve};

/// HTTPS only, for a year, on every response: browsers ignore it over plain http (local
/// runs), so it needs no switch. Subdomains are the deployer's to decide.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";
