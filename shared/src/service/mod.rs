//! Use cases: each composes auth, store and mail into one thing a person can do.

pub mod connections;
pub mod invitations;
mod views;

pub use views::{
    ConnectStarted, ConnectionList, ConnectionView, Disconnected, InvitationPage,
    InvitationPreview, InvitationView, Membership, PersonView,
};
