//! Pure types and rules of the product: no AWS, no HTTP.

mod assignment;
mod batch;
mod brand;
mod caller;
mod client;
mod connection;
mod email;
mod event;
mod ids;
mod invitation;
mod link;
mod platform;
mod reminder;
mod seats;
mod upkeep;
mod workspace;

pub use assignment::{
    Assigned, Assignment, AssignmentSettings, AssignmentStatus, Credentials, MAX_ASSIGNMENTS,
};
pub use batch::{BatchAction, NotABatch, PeopleBatch};
pub use brand::{
    check_logo_image, AccentColour, Brand, InvitationMessage, LogoRefusal, MessageTooLong,
    UnusableColour, MAX_LOGO_BYTES,
};
pub use caller::{Actor, Caller, Session, SignInMethods, MULTIPLE_FACTORS};
pub use client::{
    Client, ClientId, ClientState, ClientTerms, DisplayName, InvalidLogo, InvalidName,
    InvalidTerms, LogoUrl, Narrowing, NewRights, Rights, Widening,
};
pub use connection::{
    Broken, Connection, ConnectionOwner, Health, HealthReason, HealthStatus, Landing, MinValidity,
    Notice, Renewal, Serving, TokenLife, Upkeep,
};
pub use email::{EmailAddress, InvalidEmail};
pub use event::{Change, DeliveryFailure, What, Who};
pub use ids::{
    ConnectionId, EventId, GrantId, InvitationId, PageSize, Unparsable, UserId, WorkspaceId,
};
pub use invitation::{
    Delivery, Invitation, InvitationDue, InvitationState, Inviter, Permissions, PersonStatus,
    Refusal,
};
pub use link::ConnectLink;
pub use platform::{Platform, UnknownPlatform};
pub use reminder::{Schedule, ASSIGNMENT_REMINDER, INVITATION_REMINDERS, RECONNECT_REMINDER};
pub use seats::{SeatCount, Seats};
pub use upkeep::{fair_shares, Task};
pub use workspace::{Member, MemberStatus, NoSeatLeft, Plan, Role, Workspace};
