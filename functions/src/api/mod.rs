//! Handlers of the JSON API: parse what the request carries, call one service, answer.

pub mod assignments;
pub mod audit;
pub mod clients;
pub mod connections;
pub mod invitations;
pub mod links;
pub mod people;
pub mod provisioning;
pub mod rights;
pub mod tokens;
