//! Use cases: each composes auth, store and mail into one thing a person can do.

pub mod accounts;
pub mod acting;
pub mod agency;
pub mod assignments;
pub mod brand;
pub mod choices;
pub mod clients;
pub mod connect;
pub mod connections;
pub mod dispatch;
pub mod events;
pub mod feedback;
mod health;
pub mod invitations;
pub mod links;
pub mod migrate;
pub mod notices;
pub mod people;
pub mod provisioning;
mod quota;
pub mod reminders;
mod renewal;
pub mod reseal;
pub mod rights;
pub mod seats;
pub mod sign_in;
pub mod token_service;
pub mod tokens;
pub mod upkeep;
mod views;

pub use views::{
    AccessTokenView, AssignmentView, ClientPage, ClientView, ConnectLinkSummary, ConnectStarted,
    ConnectionList, ConnectionView, Disconnected, InvitationPage, InvitationPreview,
    InvitationView, Membership, PersonView,
};
