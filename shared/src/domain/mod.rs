//! Pure types and rules of the product: no AWS, no HTTP.

mod connection;
mod email;
mod invitation;
mod platform;
mod workspace;

pub use connection::{Connection, ConnectionOwner};
pub use email::{EmailAddress, InvalidEmail};
pub use invitation::{
    ClientStatus, Delivery, Invitation, InvitationId, InvitationState, Inviter, Permissions,
    Refusal,
};
pub use platform::Platform;
pub use workspace::{Member, MemberStatus, Plan, Role, Workspace, WorkspaceId};
