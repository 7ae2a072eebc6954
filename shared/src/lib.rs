//! Client Connect: the shared crate behind every Lambda function.
//!
//! `domain` holds pure types and rules, `store`, `mail` and `auth` talk to AWS and the
//! identity provider, `service` composes them into the use cases each function exposes,
//! and `http` turns results into API Gateway responses.

pub mod auth;
pub mod config;
pub mod crypto;
pub mod domain;
pub mod error;
pub mod http;
pub mod mail;
pub mod oauth;
pub mod secrets;
pub mod service;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod web;

pub use error::AppError;
pub use state::AppState;
