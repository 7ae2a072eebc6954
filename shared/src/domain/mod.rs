//! Pure types and rules of the product: no AWS, no HTTP.

mod caller;
mod connection;
mod email;
mod ids;
mod invitation;
mod platform;
mod workspace;

pub use caller::{Caller, Session};
pub use connection::{
    Broken, Connection, ConnectionOwner, Health, HealthReason, HealthStatus, Notice, Renewal,
    TokenLife, Upkeep,
};
pub use email::{EmailAddress, InvalidEmail};
pub use ids::{ConnectionId, InvitationId, PageSize, Unparsable, WorkspaceId};
pub use invitation::{
    ClientStatus, Delivery, Invitation, InvitationState, Inviter, Permissions, Refusal,
};
pub use platform::{Platform, UnknownPlatform};
pub use workspace::{Member, MemberStatus, Plan, Role, Workspace};
