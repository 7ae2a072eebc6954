//! Client Connect: the shared crate behind every Lambda function.
//!
//! Layers point one way: `domain` (pure types and rules) ← `store` (the table), `mail`,
//! `secrets`, `oauth`, `auth` (AWS, platforms, the identity provider) ← `service` (the
//! use cases) ← `web` (pages, cookies, redirects) and `http` (API plumbing: parsing,
//! problem+json). `config`, `urls`, `clock`, `net` and `aws` are the ground they stand on.

pub mod auth;
pub mod aws;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod dates;
pub mod deadline;
pub mod domain;
pub mod error;
pub mod events;
pub mod http;
pub mod lang;
pub mod mail;
pub mod metrics;
pub mod net;
pub mod oauth;
#[cfg(test)]
mod parsers_fuzz;
pub mod progress;
pub mod queue;
pub mod secrets;
pub mod service;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod text;
mod urls;
pub mod web;

pub use error::AppError;
pub use state::AppState;
