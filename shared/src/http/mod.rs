//! API Gateway plumbing: request parsing, JSON and problem+json responses, and the
//! per-request wrapper every function runs its handler in.

mod problem;
mod request;
mod serve;

pub use problem::problem_response;
pub use request::{bearer_token, iam_principal, json_body, path, query, query_param};
pub use serve::{dispatch, json_response, serve};
