//! Every key of the single table, built in one place.
//!
//! | pk             | sk               | item                                        |
//! |----------------|------------------|---------------------------------------------|
//! | `WS#<ws>`      | `META`           | workspace: name, plan, seats, seat_version  |
//! | `WS#<ws>`      | `MEMBER#<sub>`   | membership: role, status                    |
//! | `WS#<ws>`      | `INVITE#<id>`    | invitation (ttl while not accepted)         |
//! | `WS#<ws>`      | `PENDING#<email>`| one open invitation per email (ttl)         |
//! | `TOKEN#<hash>` | `TOKEN`          | link pointer, ttl = invitation expiry       |

use crate::crypto::TokenHash;
use crate::domain::{EmailAddress, InvitationId, WorkspaceId};

pub const INVITE_PREFIX: &str = "INVITE#";

pub fn workspace_pk(workspace: &WorkspaceId) -> String {
    format!("WS#{}", workspace.as_str())
}

pub const META_SK: &str = "META";

pub fn member_sk(user_id: &str) -> String {
    format!("MEMBER#{user_id}")
}

pub fn invitation_sk(id: &InvitationId) -> String {
    format!("{INVITE_PREFIX}{}", id.as_str())
}

pub fn pending_sk(email: &EmailAddress) -> String {
    format!("PENDING#{}", email.as_str())
}

pub fn token_pk(hash: &TokenHash) -> String {
    format!("TOKEN#{}", hash.as_str())
}

pub const TOKEN_SK: &str = "TOKEN";
