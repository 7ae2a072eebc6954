//! Use cases: each composes auth, store and mail into one thing a person can do.

pub mod invitations;
mod views;

pub use views::{InvitationPage, InvitationPreview, InvitationView, Membership, PersonView};
